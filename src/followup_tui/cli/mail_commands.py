"""`followup mail sync|review|accept|ignore`: the record keeps itself from
the mailbox (IMAP, read-only; DESIGN §10)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from typing import TYPE_CHECKING

from ..domain.errors import ConflictError, FollowupError
from .context import CliContext, echo_json, fail, pass_ctx, terminal_safe

if TYPE_CHECKING:  # what a finding does loads only when there is one
    from ..domain.mail_record import Proposal
    from ..domain.model import Application

CONFLICT_TRIES = 3  # another session saved meanwhile: read again and apply again


def _mailbox(ctx: CliContext):
    from ..messaging.mailbox import Mailbox
    from ..settings.paths import config_path
    from ..store.mail_state import MailStateFile

    return Mailbox(ctx.settings, MailStateFile(ctx.db), config_path(ctx.config_option))


@contextmanager
def _one_line() -> Iterator[None]:
    """Host unreachable, login refused, TLS failed, folder missing, a damaged
    state file: one line naming it, exit 2; nothing was recorded."""
    try:
        yield
    except FollowupError as exc:
        fail(str(exc))


def _save_all_or_none(ctx: CliContext, changes: dict[int, Callable[[Application], None]]) -> None:
    """Apply each change to its stored application and save them in one
    write, all or none; a change made meanwhile elsewhere is read again."""
    if not changes:
        return
    for attempt in range(CONFLICT_TRIES):
        stored = {a.id: a for a in ctx.repo.load_all()}
        changed = []
        for app_id, change in changes.items():
            app = stored.get(app_id)
            if app is None:
                continue  # deleted since: its findings have nowhere to go
            change(app)
            changed.append(app)  # validated by the repository's save
        try:
            ctx.repo.add_and_update([], changed)
            return
        except ConflictError:
            if attempt == CONFLICT_TRIES - 1:
                raise


def _line(status: str, data: dict, company: str) -> str:
    return (f"{status}: #{data['application_id']} {terminal_safe(company)}: {data['kind']} "
            f"from {terminal_safe(data['from'])}: {terminal_safe(data['subject'])} ({terminal_safe(data['reason'])})")


@click.group()
def mail() -> None:
    """Read your mailbox (IMAP, read-only) to keep the record: notes you sent
    from your mail client, replies, rejections and invitations.

    \b
    Example:
      followup mail sync          # record what is sure, propose the rest
      followup mail review        # the proposals, numbered
      followup mail accept 1 3    # do what proposals 1 and 3 say
      followup mail ignore 2
    """


@mail.command()
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON array.")
@pass_ctx
def sync(ctx: CliContext, as_json: bool) -> None:
    """Read what is new in the inbox and the sent folder since the last sync.

    \b
    Sure findings (a reply in a thread the history knows, mail from or to a
    contact's address) are recorded; the rest wait as proposals. Exit 2 with
    one line when the server cannot be read (nothing is recorded then).

    \b
    Example:
      followup mail sync --json
    """
    mailbox = _mailbox(ctx)
    if not mailbox.configured:
        fail(f"reading the mailbox is not set up: set [imap] host and user in {mailbox.config_file}")
    settings, now = ctx.settings, ctx.now()
    with _one_line(), mailbox.lock():
        read = mailbox.read(lambda: ctx.repo.load_all(), now)  # the data is read only when there is mail
        if read.findings:
            from ..domain.mail_record import record_finding
        changes = {
            app_id: (lambda app, found=found: [record_finding(app, f, settings, now) for f in found])
            for app_id, found in read.by_application.items()
        }
        _save_all_or_none(ctx, changes)
        mailbox.keep(read)
    if as_json:
        echo_json(read.json())
        return
    found = read.json()
    companies = {a.id: a.company for a in ctx.repo.load_all()} if found else {}
    for data in found:
        click.echo(_line(data["status"], data, companies.get(data["application_id"], "?")))
    waiting = len(mailbox.state().proposals)
    recorded = len(read.findings)
    tail = f"; {waiting} proposal{'s' if waiting != 1 else ''} waiting (followup mail review)" if waiting else ""
    click.echo(f"{recorded} recorded{tail}" if recorded or waiting else "nothing new")


def _proposal_json(number: int, proposal: Proposal) -> dict:
    from ..domain.mail_record import finding_json

    data = finding_json(proposal.finding, "proposed")
    return {"number": number, **data, "proposal": proposal.what}


@mail.command()
@click.option("--json", "as_json", is_flag=True, help="Print the proposals as a JSON array.")
@pass_ctx
def review(ctx: CliContext, as_json: bool) -> None:
    """List the proposals waiting for a yes, numbered for accept / ignore.

    \b
    Example:
      followup mail review --json
    """
    mailbox = _mailbox(ctx)
    with _one_line():
        proposals = mailbox.proposals()
    if as_json:
        echo_json([_proposal_json(n, p) for n, p in enumerate(proposals, start=1)])
        return
    if not proposals:
        click.echo("no proposals")
        return
    companies = {a.id: a.company for a in ctx.repo.load_all()}
    for number, proposal in enumerate(proposals, start=1):
        data = _proposal_json(number, proposal)
        click.echo(f"{number}. {_line(proposal.what, data, companies.get(data['application_id'], '?'))}")
        if proposal.finding.message.excerpt:
            click.echo(f"   {terminal_safe(proposal.finding.message.excerpt)}")


@mail.command()
@click.argument("numbers", nargs=-1, type=int, required=True)
@pass_ctx
def accept(ctx: CliContext, numbers: tuple[int, ...]) -> None:
    """Do what the numbered proposals say (record, close as rejected, add the
    interview round).

    \b
    Example:
      followup mail accept 1 2
    """
    from ..domain.mail_record import accept_proposal

    mailbox = _mailbox(ctx)
    settings, now = ctx.settings, ctx.now()
    with _one_line(), mailbox.lock():
        chosen = mailbox.chosen(numbers)
        every = mailbox.proposals()
        proposals = [every[n - 1] for n in chosen]
        by_app: dict[int, list[Proposal]] = {}
        for proposal in proposals:
            by_app.setdefault(proposal.finding.application_id, []).append(proposal)
        missing = [p for p in proposals if p.finding.application_id not in {a.id for a in ctx.repo.load_all()}]
        if missing:
            fail(f"application #{missing[0].finding.application_id} no longer exists: ignore that proposal instead")
        own = mailbox.own_addresses
        changes = {
            app_id: (lambda app, found=found: [accept_proposal(app, p, settings, now, own) for p in found])
            for app_id, found in by_app.items()
        }
        _save_all_or_none(ctx, changes)
        mailbox.settle(chosen, accepted=True)
    for number, proposal in zip(chosen, proposals):
        click.echo(f"{number}. done: {proposal.what} (#{proposal.finding.application_id})")


@mail.command()
@click.argument("numbers", nargs=-1, type=int, required=True)
@pass_ctx
def ignore(ctx: CliContext, numbers: tuple[int, ...]) -> None:
    """Drop the numbered proposals; no sync proposes them again.

    \b
    Example:
      followup mail ignore 2
    """
    mailbox = _mailbox(ctx)
    with _one_line(), mailbox.lock():
        settled = mailbox.settle(numbers, accepted=False)
    click.echo(f"ignored {len(settled)} proposal{'s' if len(settled) != 1 else ''}")
