"""The board's keys that act on the current card: move it a stage, close
it, delete it, or open it (or its job posting, a message to write, a
response to record) in another screen; and the keys that open the other
views (agenda, statistics, mailbox, help)."""

from __future__ import annotations

from ...domain.model import OUTCOMES, STAGE_TITLES, STAGES


class CardActions:
    """Mixed into BoardScreen: uses its `current_card` and `show_hint`."""

    def _move_card(self, delta: int) -> None:
        card = self.current_card
        if card is None:
            return
        if card.stage == "closed" and delta < 0:
            # Reopening puts the card back where it was before it was closed.
            application = self.app.session.get(card.app_id)
            back = application.stage_before_closing() if application else "applied"
            now = self.app.clock()
            label = f"reopened: back to {STAGE_TITLES[back]}"
            self.app.session.change(card.app_id, lambda a: a.reopen(now), label, seen_rev=card.rev)
            return
        index = STAGES.index(card.stage) + delta
        if not 0 <= index < len(STAGES):
            # Not dimmed in the footer (the keys stay the same from column to
            # column, so the footer is not rebuilt at every move): said here.
            first = f"{STAGE_TITLES[STAGES[0]]} is the first stage"
            self.show_hint(first if delta < 0 else f"{STAGE_TITLES[STAGES[-1]]} is the last stage: H reopens a card")
            return
        stage = STAGES[index]
        if stage == "closed":
            self.action_close_card()  # closing always asks how it ended
            return
        now = self.app.clock()
        # Rev-checked against the card as shown: if another session moved it
        # meanwhile, the writer refuses and shows where it is now.
        label = f"moved to {STAGE_TITLES[stage]}"
        self.app.session.change(card.app_id, lambda a: a.move_to(stage, now), label, seen_rev=card.rev)

    def action_move_prev(self) -> None:
        self._move_card(-1)

    def action_move_next(self) -> None:
        self._move_card(1)

    def action_open(self) -> None:
        if self.current_card:
            self.app.open_detail(self.current_card.app_id)

    def action_edit(self) -> None:
        if self.current_card:
            self.app.open_form(self.current_card.app_id)

    def action_new(self) -> None:
        self.app.open_form(None)

    def action_open_job_url(self) -> None:
        from ..actions.job_url import open_job_url

        card = self.current_card
        application = self.app.session.get(card.app_id) if card else None
        if application is not None:
            open_job_url(self.app, application.job_url, application.company)

    def action_compose(self) -> None:
        if self.current_card:
            self.app.open_composer(self.current_card.app_id)

    def action_agenda(self) -> None:
        self.app.open_agenda()

    def action_stats(self) -> None:
        self.app.open_stats()

    def action_mailbox(self) -> None:
        self.app.open_mailbox()

    def action_help(self) -> None:
        self.app.open_help()

    def action_respond(self) -> None:
        if self.current_card:
            self.app.record_response(self.current_card.app_id)

    def action_close_card(self) -> None:
        card = self.current_card
        if card is None:
            return

        def closed(outcome: str | None) -> None:
            if outcome:
                now = self.app.clock()
                label = f"closed ({outcome.replace('-', ' ')})"
                self.app.session.change(card.app_id, lambda a: a.move_to("closed", now, outcome), label, seen_rev=card.rev)

        from .dialogs import ChoiceDialog  # the dialogs load when first asked, not before the first paint

        choices = [(o, o.replace("-", " ")) for o in OUTCOMES]
        self.app.push_screen(ChoiceDialog(f"Close {card.company}: how did it end?", choices), closed)

    def action_delete(self) -> None:
        card = self.current_card
        if card is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.session.delete(card.app_id, seen_rev=card.rev)

        from .dialogs import ConfirmDialog

        question = f"Delete {card.company} ({card.role}) and all its history? (u brings it back until you quit.)"
        self.app.push_screen(ConfirmDialog(question, yes_label="Delete"), answered)
