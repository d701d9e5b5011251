"""The one place where the TUI writes what the mailbox found.

Every finding of a sync and every accepted proposal goes through today's
Session write method (`Session.change`: rev-checked, one undo step each,
listed by the undo history); the rule of what is written is the domain's
(mail_record.py), the same as `followup mail`. At merge time this module is
the one to re-point at the new writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.mail_record import Proposal, accept_proposal, record_finding

if TYPE_CHECKING:
    from ..domain.mail_match import Finding
    from .session import Session

KIND_WORDS = {"sent": "sent by mail", "bounce": "address bounced"}


def record_findings(session: Session, findings: list[Finding]) -> bool:
    """Record the sure findings of a sync, one undoable change per
    application; False when any could not be saved (the sync's state is then
    not kept, so the next sync reads them again; nothing is doubled)."""
    by_app: dict[int, list[Finding]] = {}
    for finding in findings:
        by_app.setdefault(finding.application_id, []).append(finding)
    settings, now = session.settings, session.clock()
    all_saved = True
    for app_id, found in by_app.items():
        if session.get(app_id) is None:
            continue  # deleted meanwhile: its findings have nowhere to go
        kinds = ", ".join(dict.fromkeys(KIND_WORDS.get(f.kind, f.kind) for f in found))

        def change(app, found=found) -> None:
            for finding in found:
                record_finding(app, finding, settings, now)

        all_saved &= session.change(app_id, change, f"mail: {kinds}", quiet=True) is not None
    return all_saved


def accept(session: Session, proposal: Proposal, own_addresses: tuple[str, ...]) -> bool:
    """Do what a proposal says, as one undoable change."""
    settings, now = session.settings, session.clock()
    app_id = proposal.finding.application_id
    if session.get(app_id) is None:
        session.notify("That application no longer exists: ignore the proposal (x).", severity="warning")
        return False

    def change(app) -> None:
        accept_proposal(app, proposal, settings, now, own_addresses)

    return session.change(app_id, change, f"mail: {proposal.what}") is not None
