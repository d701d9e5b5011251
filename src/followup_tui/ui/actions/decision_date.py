"""Record the employer's decision date from any screen (D in the agenda and
the detail view): the follow-up's hint asks for it, and once it is recorded
the follow-up falls due after it."""

from __future__ import annotations

from textual.app import App

from ...domain.timeparse import ACCEPTED_DATE_FORMS, parse_date
from ..screens.dialogs import TextDialog


def ask_decision_date(app: App, app_id: int) -> None:
    """Ask when they expect to decide and store it as `decision_by`."""
    application = app.session.get(app_id)
    if application is None:
        return
    seen = application.rev
    current = application.decision_by.isoformat() if application.decision_by else ""

    def answered(text: str | None) -> None:
        if not text:
            return
        day = parse_date(text, "decision date")

        def record(a) -> None:
            a.decision_by = day

        app.session.change(app_id, record, f"decision date recorded: {day.isoformat()}", seen_rev=seen)

    app.push_screen(
        TextDialog(
            f"When does {application.company} expect to decide? ({ACCEPTED_DATE_FORMS})",
            value=current,
            placeholder="e.g. 2026-12-04",
            validate=lambda text: parse_date(text, "decision date"),
        ),
        answered,
    )
