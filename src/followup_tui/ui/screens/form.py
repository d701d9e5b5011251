"""New / edit application: every field, validated where it stands."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.await_remove import AwaitRemove
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from ..keys.held_keys import OpeningScreen
from .base import DataScreen
from ...domain.stage_rules import follow_new_round
from ...domain.errors import ValidationError
from ...domain.merge import MergeResult, merge_form_changes
from ...domain.model import (
    CHANNELS,
    OUTCOMES,
    PRIORITIES,
    STAGE_TITLES,
    STAGES,
    Application,
    Contact,
    Interview,
    check_job_url,
    normalize_tags,
)
from ...domain.timeparse import local_text, parse_day, parse_when
from ..data.messages import WriteDone
from ..data.writer import Change
from ..text.safe_text import printable
from ..widgets.plain_text import PlainTextArea
from ..widgets.footer_line import FooterLine
from ..widgets.app_header import AppHeader
from ..widgets.clear_checkbox import ClearCheckbox
from .dialogs import close_unless_unsaved
from .form_checks import FieldChecks, minutes_of
from .form_rows import DAY_EXAMPLE, ContactRow, InterviewRow, field, show_note, text_input


class ApplicationFormScreen(FieldChecks, OpeningScreen, DataScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("f2", "add_contact", "+Contact"),
        Binding("f3", "add_interview", "+Interview"),
        Binding("f4", "remove_row", "Remove", tooltip="Remove the contact or interview round the cursor is in"),
    ]

    unsaved_name = "the application form"

    def __init__(self, application: Application | None) -> None:
        super().__init__()
        self.original = application
        self.contact_count = 0
        self.interview_count = 0
        self._initial: dict[str, object] | None = None
        self._merge: MergeResult | None = None  # after a conflict: how a save would merge
        self._saving: tuple[int, Application] | None = None  # the writer's ticket and the version handed to it
        self._notes_shown: dict[str, tuple[str | None, str | None]] = {}  # field id -> (error, hint) on screen
        self._rows_gone: list[AwaitRemove] = []  # rows of the last opening being removed (_keep_rows)
        self._rows_due = False  # shown again, its rows not mounted yet

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        a = self.original or Application(company="")
        text = _texts(a)
        yield AppHeader()
        with VerticalScroll(id="form"):
            yield Static(_title(self.original), id="form-title")
            with Horizontal(classes="row"):
                yield field("Company *", text_input(text["company"], id="company"))
                yield field("Role", text_input(text["role"], id="role"))
            yield field("Job URL", text_input(text["job_url"], placeholder="https://...", id="job_url"))
            with Horizontal(classes="row"):
                yield field("Location", text_input(text["location"], id="location"))
                yield field("Salary", text_input(text["salary"], placeholder="55-65k EUR", id="salary"))
            with Horizontal(classes="row"):
                yield field(
                    "Applied on", text_input(text["applied_on"], placeholder=DAY_EXAMPLE, id="applied_on", classes="day")
                )
                yield field("Source (where you found it)", text_input(text["source"], id="source"))
            with Horizontal(classes="row"):
                yield field("Resume version", text_input(text["resume"], id="resume"))
                yield field(
                    "Priority",
                    Select(compact=True, options=[(p or "none", p) for p in PRIORITIES], value=a.priority, allow_blank=False, id="priority")
                )
            with Horizontal(classes="row"):
                yield field("Tags (comma separated)", text_input(text["tags"], id="tags"))
                yield field("Company domain", text_input(text["company_domain"], placeholder="acme.com", id="company_domain"))
            with Horizontal(classes="row"):
                yield field(
                    "Decision by (their date)",
                    text_input(text["decision_by"], placeholder=DAY_EXAMPLE, id="decision_by", classes="day")
                )
                yield field("They first used", Select(compact=True, options=[(c, c) for c in CHANNELS], value=a.channel, allow_blank=False, id="channel"))
            with Horizontal(classes="row"):
                yield field("Stage", Select(compact=True, options=[(STAGE_TITLES[s], s) for s in STAGES], value=a.stage, allow_blank=False, id="stage"))
                yield field(
                    "Outcome (closed)",
                    Select(compact=True, options=[(o, o) for o in OUTCOMES], value=a.outcome or Select.NULL, id="outcome")
                )
            yield ClearCheckbox("They asked not to be contacted", a.do_not_contact, compact=True, id="do_not_contact")
            yield field("Notes (several lines)", PlainTextArea(a.notes, id="notes", tab_behavior="focus", soft_wrap=True))
            # The contacts' and rounds' rows (most of the form's widgets) are
            # mounted right after the first paint (_mount_rows); keys typed
            # meanwhile wait for them (ready_for_keys, ui/keys/held_keys.py).
            yield Vertical(id="contacts")
            yield Button("+ contact (F2)", id="add-contact", compact=True)
            yield Vertical(id="interviews")
            yield Button("+ interview round (F3)", id="add-interview", compact=True)
        yield FooterLine()  # the keys that matter most where the line is short (widgets/footer_line.py)

    def show(self, application: Application | None) -> None:
        """Make this form, built for an earlier opening and closed since, the
        form of `application` (None: a new one) as if it were new: the app
        keeps one form and opens it again (FollowupApp.open_form). Building
        its ~60 widgets was most of an opening: 350 ms at 10,000 applications
        here, against about a third of that for values put in place. The
        last opening's contact and round rows are kept for this one's, in
        order; the rest go, or come after the first paint (_mount_rows)."""
        self.original = application
        a = application or Application(company="")
        tz = self.app.settings.tz
        self._initial = self._merge = self._saving = None
        self._rows_due = True
        self.hold_keys_again()
        self.query_one("#form-title", Static).update(_title(application))
        # Put in place, these values are no edit: no handler sees them
        # (as with the values a new form is composed with).
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed, TextArea.Changed):
            for name, value in _texts(a).items():
                self.query_one(f"#{name}", Input).value = value
            for name, value in (("priority", a.priority), ("channel", a.channel), ("stage", a.stage),
                                ("outcome", a.outcome or Select.NULL)):
                self.query_one(f"#{name}", Select).value = value
            self.query_one("#do_not_contact", Checkbox).value = a.do_not_contact
            self.query_one("#notes", TextArea).load_text(a.notes)
            self.contact_count = self._keep_rows(ContactRow, a.contacts or [Contact()], ContactRow.show)
            self.interview_count = self._keep_rows(
                InterviewRow, a.interviews_sorted(), lambda row, iv: row.show(iv, local_text(iv.at, tz))
            )
        for field_id in self._notes_shown:
            note_of = self.query_one_optional(f"#{field_id}")
            if note_of is not None:
                show_note(note_of, None)
        self._notes_shown = {}
        self.query_one("#form", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.set_focus(None)  # the company field takes it as the form opens (AUTO_FOCUS)

    def _keep_rows(self, kind: type[ContactRow] | type[InterviewRow], items: list, show: Callable) -> int:
        """Show `items` in the rows of `kind` kept from the last opening, the
        first row for the first item, and remove the rows left over; return
        how many rows were kept. Rows numbered with a gap (one removed
        between others, F4) all go, so that the new ones count from 1."""
        rows = list(self.query(kind))
        keep = min(len(rows), len(items)) if all(row.index == i for i, row in enumerate(rows)) else 0
        for row, item in zip(rows[:keep], items):
            show(row, item)
        self._rows_gone += [row.remove() for row in rows[keep:]]  # awaited before new rows (_mount_rows)
        return keep

    def _contact_row(self, contact: Contact) -> ContactRow:
        row = ContactRow(contact, self.contact_count)
        self.contact_count += 1
        return row

    def _interview_row(self, interview: Interview | None, when: str) -> InterviewRow:
        row = InterviewRow(interview, self.interview_count, when)
        self.interview_count += 1
        return row

    AUTO_FOCUS = "#company"

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_rows)

    def on_screen_resume(self) -> None:
        # (Textual calls OpeningScreen's and DataScreen's handlers too: each class's in the MRO.)
        if self._rows_due:  # opened again (show): its rows after the first paint, as on_mount does
            self._rows_due = False
            self.call_after_refresh(self._mount_rows)

    async def _mount_rows(self) -> None:
        """The rows this opening needs beyond those kept from the last (show)."""
        a = self.original or Application(company="")
        tz = self.app.settings.tz
        for gone in self._rows_gone:  # rows of the last opening removed (_keep_rows): their ids are free
            await gone
        self._rows_gone = []
        contacts, rounds = a.contacts or [Contact()], a.interviews_sorted()
        await self.query_one("#contacts").mount_all([self._contact_row(c) for c in contacts[self.contact_count:]])
        await self.query_one("#interviews").mount_all(
            [self._interview_row(interview, local_text(interview.at, tz)) for interview in rounds[self.interview_count:]]
        )
        # Taken now, before any key typed while the form opened is handled:
        # those keys count as changes.
        self._initial = self._snapshot()
        # What the stored dates and times mean, under them as soon as the form is complete.
        for widget in self.query(".day, .when").results(Input):
            if widget.value:
                self._validate_input(widget)

    def ready_for_keys(self) -> bool:
        return self._initial is not None

    def _snapshot(self) -> dict[str, object]:
        # One walk with isinstance, not CSS queries: a query matches every
        # selector against each of the form's ~100 widgets.
        values: dict[str, object] = {}
        rows = 0
        for widget in self.walk_children():
            if isinstance(widget, (Input, Select, Checkbox)) and widget.id:
                values[widget.id] = widget.value
            elif isinstance(widget, TextArea) and widget.id:
                values[widget.id] = widget.text
            elif isinstance(widget, ContactRow):
                rows += 1
            elif isinstance(widget, InterviewRow):
                rows += 100
        values["rows"] = rows
        return values

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self._snapshot() != self._initial

    # -- rows ----------------------------------------------------------------------

    async def action_add_contact(self) -> None:
        row = self._contact_row(Contact())
        await self.query_one("#contacts").mount(row)
        self._focus_new(row.query_one(".contact-name", Input), row)

    async def action_add_interview(self) -> None:
        row = self._interview_row(None, "")
        await self.query_one("#interviews").mount(row)
        self._focus_new(row.query_one(".interview-at", Input), row)

    def _focus_new(self, field: Input, row: Vertical) -> None:
        """Focus a field of a new row and bring the whole row into view once it
        has its place (at 80x24 the new row is below the fold; the line under
        its time field must show as the user types)."""
        field.focus(scroll_visible=False)
        self.call_after_refresh(row.scroll_visible, animate=False)

    async def action_remove_row(self) -> None:
        """Contacts and rounds go only by this explicit action, never by
        clearing their fields."""
        focused = self.focused
        row = next((n for n in (focused.ancestors_with_self if focused else []) if isinstance(n, (ContactRow, InterviewRow))), None)
        if row is None:
            self.notify("Put the cursor in the contact or round to remove.", timeout=4)
            return
        await self._remove(row)

    async def _remove(self, row: ContactRow | InterviewRow) -> None:
        what = "contact" if isinstance(row, ContactRow) else "interview round"
        await row.remove()
        self.notify(f"The {what} was removed from the form (saved with ctrl+s; escape discards).", timeout=4)

    @on(Button.Pressed, ".remove-row")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        row = next((n for n in event.button.ancestors if isinstance(n, (ContactRow, InterviewRow))), None)
        if row is not None:
            await self._remove(row)

    @on(Button.Pressed, "#add-contact")
    async def _add_contact_pressed(self) -> None:
        await self.action_add_contact()

    @on(Button.Pressed, "#add-interview")
    async def _add_interview_pressed(self) -> None:
        await self.action_add_interview()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._validate_input(event.input)

    # -- save / cancel ----------------------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def collect(self) -> Application | None:
        """Build the application from the fields, or show every error and return None."""
        errors = [e for e in (self._validate_input(w) for w in self.query(Input)) if e]
        stage = self.query_one("#stage", Select).value
        outcome_value = self.query_one("#outcome", Select).value
        outcome = None if outcome_value is Select.NULL else str(outcome_value)
        if stage == "closed" and outcome is None:
            outcome = "moved-on"
        if stage != "closed":
            outcome = None
        if errors:
            self.notify(f"{len(errors)} field(s) need fixing; nothing was saved.", severity="error")
            self._focus_first_bad_field()
            return None
        tz = self.app.settings.tz
        now = self.app.clock()
        base = self.original.copy() if self.original else Application(company="", created=now)
        base.company = self._value("#company")
        base.role = self._value("#role")
        base.company_domain = self._value("#company_domain")
        base.job_url = check_job_url(self._value("#job_url"))
        for name in ("location", "salary", "source", "resume"):
            setattr(base, name, self._value(f"#{name}"))
        base.tags = normalize_tags(self._value("#tags"))
        base.priority = str(self.query_one("#priority", Select).value)
        applied = self._value("#applied_on")
        base.applied_on = parse_day(applied, now, tz) if applied else None
        decision = self._value("#decision_by")
        base.decision_by = parse_day(decision, now, tz) if decision else None
        base.channel = str(self.query_one("#channel", Select).value)
        base.do_not_contact = self.query_one("#do_not_contact", Checkbox).value
        base.notes = self.query_one("#notes", TextArea).text.rstrip()
        new_stage = str(stage)
        if self.original and new_stage != self.original.stage:
            base.move_to(new_stage, self.app.clock(), outcome)
        else:
            base.stage = new_stage
            base.outcome = outcome
        base.contacts = []
        for row in self.query(ContactRow):
            contact = Contact(
                name=row.query_one(".contact-name", Input).value.strip(),
                title=row.query_one(".contact-title", Input).value.strip(),
                email=row.query_one(".contact-email", Input).value.strip(),
                phone=row.query_one(".contact-phone", Input).value.strip(),
            )
            if any((contact.name, contact.title, contact.email, contact.phone)):
                base.contacts.append(contact)  # an empty new row was never a contact
        base.interviews = []
        for row in self.query(InterviewRow):
            when = row.query_one(".interview-at", Input).value.strip()
            if not when:
                continue
            base.interviews.append(
                Interview(
                    at=parse_when(when, tz, now=now),
                    kind=row.query_one(".interview-kind", Input).value.strip(),
                    with_names=[n.strip() for n in row.query_one(".interview-with", Input).value.split(",") if n.strip()],
                    notes=row.query_one(".interview-notes", Input).value.strip(),
                    duration_minutes=minutes_of(row.query_one(".interview-minutes", Input).value.strip()),
                )
            )
        # A round added to a card past Interview puts it back there (said with the save, undone with it).
        self.stage_note = follow_new_round(self.original, base, now) if self.original else ""
        try:
            base.validate()
        except ValidationError as exc:
            self.notify(str(exc), severity="error")
            return None
        return base

    def _focus_first_bad_field(self) -> None:
        bad = [w for w in self.query(".-invalid-field") if w.focusable]
        if bad:
            bad[0].focus()
            bad[0].scroll_visible(animate=False)

    def action_save(self) -> None:
        """Hand the form's version to the writer; the form closes once it is
        saved (`WriteDone`), and stays open, edits kept, when it is not."""
        if self._saving is not None:
            return  # the last ctrl+s is still being saved
        application = self.collect()
        if application is None:
            return
        session = self.app.session
        if self.original is None:
            self._saving = (session.add(application, "added"), application)
            return
        if self._merge is not None:
            # Saving over the latest version: only the fields this form
            # changed, over what the other session stored (rev-checked).
            latest = session.get(application.id)
            if latest is None:
                self.notify("Deleted in another session meanwhile: nothing to save over.", severity="warning")
                return
            merged = merge_form_changes(self.original, application, latest, self.app.clock()).merged
            ticket = session.writer.submit(Change(application.id, lambda _shown: merged, latest.rev, "saved over the latest version"))
        else:
            ticket = session.writer.submit(Change(application.id, lambda _shown: application, application.rev,
                                                      f"saved; {self.stage_note}" if self.stage_note else "saved"))
        self._saving = (ticket, application)

    def keep_as_draft(self) -> None:
        """The terminal went away with this form unsaved: what it holds is
        saved as ctrl+s would (rev-checked) when it is valid; an invalid form
        cannot be kept, as nothing invalid is ever stored."""
        self.action_save()

    @on(WriteDone)
    def _saved(self, done: WriteDone) -> None:
        if self._saving is None or done.ticket != self._saving[0]:
            return
        _ticket, edited = self._saving
        self._saving = None
        if done.outcome == "saved":
            self._initial = self._snapshot()
            self.dismiss(None)
        elif done.outcome == "conflict" and done.application is not None:
            self._conflict(edited, done.application)
        # refused: the writer said why; the form stays open with its edits

    def _conflict(self, edited: Application, latest: Application) -> None:
        """Another session changed this application since the form opened:
        show, field by field, what it changed that this form changed too."""
        self._merge = merge = merge_form_changes(self.original, edited, latest, self.app.clock())
        for name in merge.conflicts:
            self._show_error(name, None)  # shows the other session's value
        if merge.conflicts:
            what = ", ".join(merge.conflicts)
            text = (
                f"Changed in another session too: {what} (marked at the fields). Press ctrl+s again to save "
                "your values over the latest version (only the fields you changed), or escape to discard."
            )
        else:
            text = (
                "Changed in another session meanwhile, in other fields than yours. Press ctrl+s again to save "
                "only the fields you changed over the latest version, or escape to discard."
            )
        self.notify(text, title="Changed in another session", severity="warning", timeout=15)

    def action_cancel(self) -> None:
        close_unless_unsaved(self, self.dirty, "Discard your unsaved changes?")


def _title(application: Application | None) -> Text:
    return Text(f"Edit {printable(application.company)}" if application else "New application", style="bold")


def _texts(a: Application) -> dict[str, str]:
    """The text in each of the form's one-line fields (by id) for `a`."""
    return {
        "company": a.company,
        "role": a.role,
        "job_url": a.job_url,
        "location": a.location,
        "salary": a.salary,
        "applied_on": a.applied_on.isoformat() if a.applied_on else "",
        "source": a.source,
        "resume": a.resume,
        "tags": ", ".join(a.tags),
        "company_domain": a.company_domain,
        "decision_by": a.decision_by.isoformat() if a.decision_by else "",
    }
