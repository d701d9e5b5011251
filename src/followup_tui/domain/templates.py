"""Message templates filled from an application: a thank-you note (with an
optional "one thing I forgot to mention" paragraph), a first and a second
follow-up.

Written to the article's advice: brief and conversational, thank them,
restate the interest, end hoping to hear back whatever the outcome. A
template filled for a well-formed application passes every draft check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import ValidationError
from .model import MESSAGE_KINDS, Application, Contact, Interview
from .settings import Settings

_REMOTE_KINDS = re.compile(r"phone|video|call|zoom|teams|meet|remote|screen", re.IGNORECASE)
_BRACKETS = str.maketrans("[]{}<>", "()()()")  # a role like "Engineer [Remote]" must not read as a placeholder
_ENDS_SENTENCE = (".", "!", "?")


@dataclass(frozen=True)
class FilledTemplate:
    to: str
    subject: str
    body: str


def day_in_words(when: datetime, now: datetime, settings: Settings) -> str:
    """'today', 'yesterday', 'on Tuesday' (this past week), 'last week', else 'on Tuesday 10 November'."""
    tz = settings.tz
    day, today = when.astimezone(tz).date(), now.astimezone(tz).date()
    ago = (today - day).days
    if ago == 0:
        return "today"
    if ago == 1:
        return "yesterday"
    if ago == -1:
        return "tomorrow"
    if 1 < ago < 7:
        return f"on {day:%A}"
    if ago >= 7 and day.isocalendar()[:2] == (today - timedelta(days=7)).isocalendar()[:2]:
        return "last week"
    return f"on {_day_words(day)}"


def _day_words(day: date) -> str:
    from .checks.timing import day_words  # not at import: the checks load after the first paint

    return day_words(day)


def _same_person(contact_name: str, name: str) -> bool:
    a, b = " ".join(contact_name.casefold().split()), " ".join(name.casefold().split())
    return bool(a and b) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))


def _last_round(app: Application, now: datetime, round_at: datetime | None = None) -> Interview | None:
    """The round that started at `round_at`, else the last one started by `now`."""
    for interview in app.interviews if round_at is not None else ():
        if interview.at == round_at:
            return interview
    return app.last_interview(before=now) or (app.interviews_sorted() or [None])[-1]


def recipient(app: Application, now: datetime) -> Contact | None:
    """Who the message goes to: the first interviewer of the last round when
    we have their address, else the first contact with an address, else the
    interviewer by name only."""
    round_ = _last_round(app, now)
    interviewer = round_.with_names[0] if round_ and round_.with_names else ""
    if interviewer:
        for contact in app.contacts:
            if contact.email and _same_person(contact.name, interviewer):
                return contact
    for contact in app.contacts:
        if contact.email:
            return contact
    if interviewer:
        return Contact(name=interviewer)
    return app.primary_contact


def _greeting(contact: Contact | None) -> str:
    name = contact.name.strip() if contact else ""
    if not name:
        return "Hello,"
    first = name.split()[0]
    return f"Hi {name}," if first.endswith(".") else f"Hi {first},"  # "Dr. Okafor" stays whole


NO_NAME_HINT = (
    'No name to sign with: add user_name = "Your Name" (or a signature) to your config file '
    "(followup config --path shows where), and the templates sign with it."
)


def signing_name(settings: Settings) -> str:
    """What the templates sign with: the signature, else the user's name."""
    return settings.signature.strip() or settings.user_name.strip()


def _sign_off(settings: Settings) -> str:
    signature = signing_name(settings)
    return f"Best regards,\n{signature}" if signature else "Best regards,"


def _subject(candidates: list[str], settings: Settings) -> str:
    limit = settings.checks.subject_max_words
    for subject in candidates:
        if len(subject.split()) <= limit:
            return subject
    return candidates[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(_ENDS_SENTENCE) else text + "."


def _others(round_: Interview | None, contact: Contact | None) -> list[str]:
    if round_ is None:
        return []
    addressed = contact.name if contact else ""
    return [n.split()[0] for n in round_.with_names if n.strip() and not _same_person(addressed, n)]


def _thank_you(
    app: Application, settings: Settings, now: datetime, forgot: str, contact: Contact | None, round_: Interview | None
) -> tuple[str, list[str]]:
    role, company = app.role.translate(_BRACKETS).strip(), app.company.strip()
    the_role = f"the {role} role" if role else f"the role at {company}"
    if round_ is not None:
        verb = "speak" if _REMOTE_KINDS.search(round_.kind) else "meet"
        opening = f"Thank you for taking the time to {verb} with me {day_in_words(round_.at, now, settings)} about {the_role}."
        others = _others(round_, contact)
        met = f", and it was a pleasure to meet {' and '.join(others)} as well" if others else ""
        opening += f" I enjoyed learning more about the team and the work ahead{met}."
    else:
        opening = f"Thank you for considering my application for {the_role}. I enjoyed learning more about the team."
    paragraphs = [opening]
    if forgot.strip():
        paragraphs.append(f"One thing I forgot to mention: {_sentence(forgot)}")
    paragraphs.append(
        f"Our conversation made me even more excited about the opportunity to join {company}, "
        "and I believe my experience would make me a strong fit for the team."
    )
    paragraphs.append("I look forward to hearing from you, whatever the outcome.")
    subjects = [f"Thank you: {role} interview" if role else "", f"Thank you: {company} interview", "Thank you for the interview"]
    return "\n\n".join(paragraphs), [s for s in subjects if s]


def _first_follow_up(app: Application, settings: Settings, now: datetime, round_: Interview | None) -> tuple[str, list[str]]:
    role, company = app.role.translate(_BRACKETS).strip(), app.company.strip()
    the_role = f"the {role} role" if role else f"the role at {company}"
    if round_ is not None:
        about = f"my interview for {the_role} {day_in_words(round_.at, now, settings)}"
        what = "interview"
    else:
        about, what = f"my application for {the_role}", "application"
    opening = f"I hope you are well. I am writing to follow up on {about}."
    today: date = now.astimezone(settings.tz).date()
    if app.decision_by is not None and app.decision_by < today:
        opening += (
            f" You mentioned you hoped to decide by {_day_words(app.decision_by)}, "
            "so I wanted to ask whether there is any news."
        )
    paragraphs = [
        opening,
        f"I remain very interested in the position and excited about the chance to join {company}. "
        "If it would help, I am happy to share references or answer any other questions.",
        "Thank you again for your time. I look forward to hearing from you, whatever you decide.",
    ]
    subjects = [f"Following up: {role} {what}" if role else "", f"Following up: {company} {what}", f"Following up on my {what}"]
    return "\n\n".join(paragraphs), [s for s in subjects if s]


def _second_follow_up(app: Application) -> tuple[str, list[str]]:
    role, company = app.role.translate(_BRACKETS).strip(), app.company.strip()
    about = f"the {role} role at {company}" if role else f"my application to {company}"
    paragraphs = [
        f"I wanted to follow up once more on {about}. "
        "I know these decisions take time, and I appreciate you considering my application.",
        "I am still very interested in the position and would welcome the chance to contribute to the team.",
        "Whatever you decide, I would be grateful to hear from you.",
    ]
    subjects = [f"Following up: {role} role" if role else "", f"Following up: {company} application", "Following up"]
    return "\n\n".join(paragraphs), [s for s in subjects if s]


def fill_template(
    kind: str,
    app: Application,
    settings: Settings,
    now: datetime,
    number: int = 1,
    forgot: str = "",
    *,
    round_at: datetime | None = None,
    to: Contact | None = None,
) -> FilledTemplate:
    """The `kind` message for `app` (follow-up `number` 1 or 2); `forgot` is
    an optional "one more thing" paragraph for a thank-you note. `round_at`
    and `to` (from the message plan) say which round it is about and whom
    it addresses; by default the last round and `recipient`."""
    if kind not in MESSAGE_KINDS:
        raise ValidationError("kind", f"{kind!r} is not one of: {', '.join(MESSAGE_KINDS)}")
    if kind == "follow-up" and number not in (1, 2):
        raise ValidationError("number", f"there are templates for follow-up 1 and 2, not {number}")
    contact = to if to is not None else recipient(app, now)
    round_ = _last_round(app, now, round_at)
    if kind == "thank-you":
        text, subjects = _thank_you(app, settings, now, forgot, contact, round_)
    elif number == 1:
        text, subjects = _first_follow_up(app, settings, now, round_)
    else:
        text, subjects = _second_follow_up(app)
    body = f"{_greeting(contact)}\n\n{text}\n\n{_sign_off(settings)}\n"
    return FilledTemplate(to=contact.email if contact else "", subject=_subject(subjects, settings), body=body)
