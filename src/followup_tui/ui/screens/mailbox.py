"""The mailbox: when it was last read, what was recorded from it (u undoes),
and the proposals waiting for a yes (enter accepts, x ignores, o shows the
excerpt); `g` reads it now. `M` on the board."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from ...domain.mail_record import Proposal
from ..mail_sync import MailNews
from ..mail_writes import accept
from ..text.safe_text import printable, printable_multiline
from ..widgets.app_header import AppHeader
from ..widgets.footer_line import FooterLine
from ..data.messages import DataChanged
from .base import DataScreen


def _company(session, app_id: int) -> str:
    app = session.get(app_id)
    return app.company if app is not None else f"#{app_id} (deleted)"


def proposal_text(proposal: Proposal, company: str) -> Text:
    message = proposal.finding.message
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f"{proposal.finding.kind:<10} ", style="bold")
    text.append(printable(company))
    text.append(f" · {printable(message.sender_name or message.sender)}: {printable(message.subject)}", style="dim")
    text.append(f"\n           {printable(proposal.what)} ({printable(proposal.finding.reason)})", style="italic")
    return text


def recorded_text(data: dict, company: str) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f"{str(data.get('date') or '')[:10]:<10} {data.get('kind', ''):<10} ", style="bold")
    text.append(printable(company))
    text.append(f" · {printable(str(data.get('from', '')))}: {printable(str(data.get('subject', '')))}", style="dim")
    return text


class ExcerptScreen(ModalScreen[None]):
    """A proposal's message: who, when, the subject and its excerpt."""

    BINDINGS = [Binding("escape,o,q,enter", "dismiss", "Close")]
    DEFAULT_CSS = """
    ExcerptScreen { align: center middle; }
    ExcerptScreen > Vertical { width: 76; height: auto; max-height: 20; border: round $accent; padding: 0 1;
        background: $surface; }
    """

    def __init__(self, proposal: Proposal) -> None:
        super().__init__()
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        message = self.proposal.finding.message
        head = Text()
        head.append(printable(f"{message.sender_name} <{message.sender}>".strip()), style="bold")
        head.append(f"\n{message.date:%Y-%m-%d %H:%M} UTC" if message.date else "\n(no date)")
        head.append(f"\n{printable(message.subject)}\n", style="italic")
        with Vertical():
            yield Static(head)
            with VerticalScroll():
                yield Static(Text(printable_multiline(message.excerpt or "(no text)")))


class MailboxScreen(DataScreen):
    """Findings from the mailbox; `M` on the board."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Board", tooltip="Back to the board"),
        Binding("g", "sync", "Sync now", tooltip="Read the mailbox now (read-only)"),
        # priority: before the list's own enter, so the footer shows it too
        Binding("enter", "accept", "Accept", tooltip="Do what the proposal says", priority=True),
        Binding("x", "ignore", "Ignore", tooltip="Drop the proposal; it never comes back"),
        Binding("o", "excerpt", "Open", tooltip="Show the message's excerpt"),
        Binding("u", "app.undo", "Undo", tooltip="Undo the last change (a finding recorded, a proposal accepted)"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    DEFAULT_CSS = """
    MailboxScreen #mail-body { padding: 0 1; }
    MailboxScreen #mail-status { height: auto; }
    MailboxScreen #mail-progress { display: none; }
    MailboxScreen #mail-progress.syncing { display: block; }
    MailboxScreen .mail-title { margin-top: 1; text-style: bold; }
    MailboxScreen OptionList { height: auto; max-height: 10; }
    """

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="mail-body"):
            yield Static(id="mail-status")
            yield ProgressBar(id="mail-progress", show_eta=False)
            yield Static("Proposals: enter accepts, x ignores, o opens", classes="mail-title")
            yield OptionList(id="proposals")
            yield Static("Recorded from the mailbox (u undoes)", classes="mail-title")
            yield OptionList(id="recorded")
        yield FooterLine()  # the keys that matter most where the line is short (widgets/footer_line.py)

    def on_mount(self) -> None:
        self.sub_title = "Mailbox"
        self.app.mail_sync.news.subscribe(self, self.heard)
        self.reload()
        self.query_one("#proposals", OptionList).focus()

    @property
    def mailbox(self):
        return self.app.mail_sync.mailbox

    # -- what is shown ------------------------------------------------------------

    def reload(self) -> None:
        session = self.app.session
        self.proposals: list[Proposal] = []
        recorded: list[dict] = []
        status = self._status()
        if self.app.mail_sync.configured:
            try:
                state = self.mailbox.state()
                self.proposals = self.mailbox.proposals()
                recorded = list(reversed(state.recorded))
                when = state.last_sync or "never"
                status = Text(f"Last sync: {when[:16].replace('T', ' ')}", style="bold")
                status.append(f" · {printable(self.mailbox.account)}", style="dim")
            except Exception as exc:  # noqa: BLE001 - a damaged state file: said, never a crash
                status = Text(printable(str(exc)), style="red")
        self.query_one("#mail-status", Static).update(status)
        proposals = self.query_one("#proposals", OptionList)
        highlighted = proposals.highlighted
        proposals.clear_options()
        proposals.add_options([Option(proposal_text(p, _company(session, p.finding.application_id)))
                               for p in self.proposals] or [Option(Text("no proposals", style="dim"), disabled=True)])
        if self.proposals:
            proposals.highlighted = min(highlighted or 0, len(self.proposals) - 1)
        done = self.query_one("#recorded", OptionList)
        done.clear_options()
        done.add_options([Option(recorded_text(r, _company(session, int(r.get("application_id", 0)))))
                          for r in recorded[:50]] or [Option(Text("nothing yet", style="dim"), disabled=True)])

    def _status(self) -> Text:
        if self.app.mail_sync.configured:
            return Text("")
        hint = f"Reading the mailbox is not set up: set [imap] host and user in {self.mailbox.config_file}" \
            if self.mailbox is not None else "Reading the mailbox is not set up."
        return Text(printable(hint), style="yellow")

    def heard(self, news: MailNews) -> None:
        bar = self.query_one("#mail-progress", ProgressBar)
        bar.set_class(news.kind == "progress", "syncing")
        if news.kind == "progress":
            if news.total:
                bar.update(total=news.total, progress=news.done)
            self.query_one("#mail-status", Static).update(Text(f"Syncing: {printable(news.text)}…", style="bold"))
            return
        self.reload()
        if news.kind == "failed":
            self.query_one("#mail-status", Static).update(Text(printable(news.text), style="red"))

    @on(DataChanged)
    def data_changed(self, _event: DataChanged) -> None:
        self.reload()

    # -- keys ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept", "ignore", "excerpt"):
            return True if getattr(self, "proposals", None) else None
        if action == "sync":
            return True if self.app.mail_sync.configured and not self.app.mail_sync.running else None
        return True

    def _current(self) -> int | None:
        index = self.query_one("#proposals", OptionList).highlighted
        return index if index is not None and 0 <= index < len(self.proposals) else None

    @on(OptionList.OptionSelected, "#proposals")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_accept()  # a click on a proposal

    def action_sync(self) -> None:
        self.app.mail_sync.sync_now()
        self.refresh_bindings()

    def action_accept(self) -> None:
        index = self._current()
        if index is None:
            return
        proposal = self.proposals[index]
        message_id = proposal.finding.message.message_id
        accept(self.app.session, proposal, self.mailbox.own_addresses,
               on_saved=lambda: self._settle_message(message_id, accepted=True))

    def action_ignore(self) -> None:
        index = self._current()
        if index is not None:
            self._settle(index, accepted=False)
            self.app.session.notify("Proposal ignored: no sync proposes it again.", timeout=4)

    def _settle(self, index: int, accepted: bool) -> None:
        self._settle_message(self.proposals[index].finding.message.message_id, accepted)

    def _settle_message(self, message_id: str, accepted: bool) -> None:
        """Settled by its message, not its place in the list (a sync meanwhile may renumber them)."""
        try:
            self.mailbox.settle_messages([message_id], accepted)
        except Exception as exc:  # noqa: BLE001 - said, the list stays as it is
            self.app.session.report_error(exc, title="Mailbox")
        self.reload()

    def action_excerpt(self) -> None:
        index = self._current()
        if index is not None:
            self.app.push_screen(ExcerptScreen(self.proposals[index]))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self))
