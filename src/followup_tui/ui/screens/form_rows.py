"""The application form's parts: a one-line field with its label and the
line under it (an error, or what a typed time means), and the rows of a
contact and of an interview round, added and removed as the user goes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from ...domain.model import Contact, Interview
from ..text.safe_text import printable
from ..widgets.plain_text import PlainInput


def text_input(value: str = "", **kwargs) -> Input:
    """A one-line input without borders: the form must fit 80x24 with scrolling.
    Stored text with control characters shows (and is saved) as stand-ins."""
    return PlainInput(value, compact=True, **kwargs)


def field(label: str, widget) -> Vertical:
    """A field: its name in the top edge of its box, the input, and (added by
    `note_line` once there is something to say) one line under it: the error
    at the field, or what a typed time or date means, shown before saving.

    The name is a border title, not a Label, and the line is mounted only
    when needed: the form has some 20 fields, and each widget fewer is one
    less to compose, style and lay out when the form opens."""
    box = Vertical(widget, classes="field")
    box.border_title = label
    return box


def show_note(field_widget, error: str | None, hint: str | None = None) -> None:
    """The line under `field_widget` (an input of `field`) says `error`, else
    `hint` (what a typed time means), else nothing; the field is marked
    invalid with an error. The line is mounted the first time there is
    something to say (the form and the settings screen)."""
    text = error or hint or ""
    note_id = f"{field_widget.id}-error"
    note = field_widget.screen.query_one_optional(f"#{note_id}", Label)
    if note is None and text:
        note = Label(id=note_id, classes="field-error -empty")
        field_widget.parent.mount(note)
    if note is not None:
        note.update(Text(printable(text)))
        note.set_class(error is None and bool(hint), "-hint")
        note.set_class(not text, "-empty")
    field_widget.set_class(bool(error), "-invalid-field")


WHEN_EXAMPLE = "friday 10:00, 2026-12-01 14:00"
DAY_EXAMPLE = "today, friday, 2026-11-20"


class ContactRow(Vertical):
    def __init__(self, contact: Contact, index: int) -> None:
        super().__init__(classes="row-group contact-row")
        self.contact = contact
        self.index = index

    def compose(self) -> ComposeResult:
        i, text = self.index, _contact_texts(self.contact)
        yield Label(Text(f"Contact {i + 1}"), classes="row-title")
        with Horizontal(classes="row"):
            yield field("Name", text_input(text["name"], id=f"contact-name-{i}", classes="contact-name"))
            yield field("Title", text_input(text["title"], id=f"contact-title-{i}", classes="contact-title"))
        with Horizontal(classes="row"):
            yield field(
                "Business email",
                text_input(text["email"], id=f"contact-email-{i}", classes="contact-email email"))
            yield field("Phone", text_input(text["phone"], id=f"contact-phone-{i}", classes="contact-phone"))
        yield Button(f"remove contact {i + 1} (F4)", classes="remove-row", compact=True)

    def show(self, contact: Contact) -> None:
        """This row, kept from the form's last opening, now for `contact`."""
        self.contact = contact
        _put_texts(self, "contact", _contact_texts(contact))


class InterviewRow(Vertical):
    def __init__(self, interview: Interview | None, index: int, when_text: str) -> None:
        super().__init__(classes="row-group interview-row")
        self.interview = interview
        self.index = index
        self.when_text = when_text

    def compose(self) -> ComposeResult:
        i, text = self.index, _interview_texts(self.interview, self.when_text)
        yield Label(Text(f"Interview round {i + 1}"), classes="row-title")
        with Horizontal(classes="row"):
            yield field(
                "When",
                text_input(text["at"], placeholder=WHEN_EXAMPLE, id=f"interview-at-{i}", classes="interview-at when"))
            yield field("Kind", text_input(text["kind"], id=f"interview-kind-{i}", classes="interview-kind"))
        with Horizontal(classes="row"):
            yield field(
                "With (names, comma separated)",
                text_input(text["with"], id=f"interview-with-{i}", classes="interview-with"))
            yield field("Minutes", text_input(text["minutes"], id=f"interview-minutes-{i}", classes="interview-minutes"))
        yield field("Notes", text_input(text["notes"], id=f"interview-notes-{i}", classes="interview-notes"))
        yield Button(f"remove round {i + 1} (F4)", classes="remove-row", compact=True)

    def show(self, interview: Interview, when_text: str) -> None:
        """This row, kept from the form's last opening, now for `interview`."""
        self.interview, self.when_text = interview, when_text
        _put_texts(self, "interview", _interview_texts(interview, when_text))


def _contact_texts(c: Contact) -> dict[str, str]:
    return {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone}


def _interview_texts(iv: Interview | None, when_text: str) -> dict[str, str]:
    return {
        "at": when_text,
        "kind": iv.kind if iv else "",
        "with": ", ".join(iv.with_names) if iv else "",
        "minutes": str(iv.duration_minutes) if iv else "60",
        "notes": iv.notes if iv else "",
    }


def _put_texts(row: Vertical, kind: str, texts: dict[str, str]) -> None:
    for name, value in texts.items():
        row.query_one(f"#{kind}-{name}-{row.index}", Input).value = value  # by id: no selector matching
