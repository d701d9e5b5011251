"""The application form's fields checked where they stand: as the user
types, each field's error or what a typed day or time means goes on the
line under it (form_rows.show_note); a round without a time and a stored
contact emptied are errors at their fields, never silently dropped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual.widgets import Input

from ...domain.errors import ValidationError
from ...domain.model import check_job_url
from ...domain.timeparse import absolute_text, parse_day, parse_when, repeated_time_note
from ...domain.validation import check_email
from .form_rows import ContactRow, InterviewRow, show_note


class FieldChecks:
    """Mixed into ApplicationFormScreen: uses its `_merge` (after a conflict,
    the other session's values) and `_notes_shown`."""

    def _validators(self) -> dict[str, Callable[[str], object]]:
        tz = self.app.settings.tz
        now = self.app.clock()
        return {
            "decision_by": lambda v: parse_day(v, now, tz, "decision by") if v else None,
            "applied_on": lambda v: parse_day(v, now, tz, "applied") if v else None,
            "job_url": lambda v: check_job_url(v, "job URL"),
            "email": lambda v: check_email(v, "email") if v else None,
            "when": lambda v: parse_when(v, tz, "interview time", now=now) if v else None,
            "interview-minutes": minutes_of,
        }

    def _meaning(self, widget: Input, value: object) -> str | None:
        """What a valid typed time or day resolves to, shown under it before
        saving (`→ Fri 2026-11-27 10:00`); nothing for other fields."""
        if isinstance(value, datetime):
            note = repeated_time_note(value, self.app.settings.tz)  # a time the clocks pass twice: which one
            return f"→ {absolute_text(value, self.app.settings.tz)}" + (f" ({note})" if note else "")
        if isinstance(value, date):
            return f"→ {value.strftime('%a')} {value.isoformat()}"
        return None

    def _validate_input(self, widget: Input) -> str | None:
        validators = self._validators()
        names = [widget.id or ""] + list(widget.classes)
        error = None
        value: object = None
        for name in names:
            check = validators.get(name)
            if check is None:
                continue
            try:
                value = check(widget.value.strip())
            except ValidationError as exc:
                error = exc.message
            break
        if widget.id == "company" and not widget.value.strip():
            error = "company is required"
        if error is None:
            error = self._row_error(widget)
        self._show_error(widget.id or "", error, None if error else self._meaning(widget, value))
        return error

    def _row_error(self, widget: Input) -> str | None:
        """A round without a time, or a stored contact with every field
        cleared, is an error at the field: never silently dropped."""
        if widget.has_class("interview-at"):
            row = next((n for n in widget.ancestors if isinstance(n, InterviewRow)), None)
            if row is None or widget.value.strip():
                return None
            rest = [row.query_one(f".interview-{n}", Input).value.strip() for n in ("kind", "with", "notes")]
            if row.interview is not None or any(rest):
                return "a round needs a time (to delete the round, use its remove button or F4)"
        if widget.has_class("contact-name"):
            row = next((n for n in widget.ancestors if isinstance(n, ContactRow)), None)
            if row is None:
                return None
            values = [row.query_one(f".contact-{n}", Input).value.strip() for n in ("name", "title", "email", "phone")]
            c = row.contact
            if any((c.name, c.title, c.email, c.phone)) and not any(values):
                return "every field is empty (to delete the contact, use its remove button or F4)"
        return None

    def _show_error(self, field_id: str, error: str | None, hint: str | None = None) -> None:
        if error is None and self._merge is not None and field_id in self._merge.conflicts:
            _ours, theirs = self._merge.conflicts[field_id]
            error = f"changed in another session to: {_shown(theirs)}; ctrl+s keeps yours"
        shown = (error, hint)
        # A field's line starts empty (form_rows.field): opening the form
        # and typing change nothing on screen until that line changes.
        if self._notes_shown.get(field_id, (None, None)) == shown:
            return
        self._notes_shown[field_id] = shown
        field = self.query_one_optional(f"#{field_id}")  # by id: no selector matching
        if field is None:
            return
        show_note(field, error, hint)
        if field.has_focus and field.parent is not None:
            # the line under the field being typed in stays in view
            self.call_after_refresh(field.parent.scroll_visible, animate=False)


def minutes_of(text: str) -> int:
    try:
        value = int(text or "60")
    except ValueError as exc:
        raise ValidationError("minutes", "a whole number of minutes, e.g. 60") from exc
    if value <= 0:
        raise ValidationError("minutes", "must be more than 0")
    return value


def _shown(value: object) -> str:
    """A field's value in a one-line message."""
    if isinstance(value, list):
        return f"{len(value)} item(s)"
    if value is None or value == "":
        return "(empty)"
    return str(value)[:60]
