"""What the checks know about a draft besides its text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..errors import ValidationError
from ..model import DEFAULT_INTERVIEW_MINUTES, MESSAGE_KINDS, Application, Interview
from ..settings import Settings


@dataclass(frozen=True)
class DraftContext:
    kind: str  # "thank-you" | "follow-up"
    company: str = ""
    role: str = ""
    company_domain: str = ""
    interview_at: datetime | None = None  # start, aware UTC
    decision_by: date | None = None
    send_at: datetime | None = None  # aware UTC; without it timing is not checked
    application: Application | None = None  # enables channel / do-not-contact / follow-up-count
    settings: Settings = Settings()

    def __post_init__(self) -> None:
        if self.kind not in MESSAGE_KINDS:
            raise ValidationError("kind", f"{self.kind!r} is not one of: {', '.join(MESSAGE_KINDS)}")

    @classmethod
    def from_application(cls, app: Application, kind: str, send_at: datetime, settings: Settings) -> DraftContext:
        """Everything the application knows; the interview is the last one
        that started by `send_at` (or the next one, if none has yet)."""
        interview = interview_before(app, send_at)
        return cls(
            kind=kind,
            company=app.company,
            role=app.role,
            company_domain=app.company_domain,
            interview_at=interview.at if interview else None,
            decision_by=app.decision_by,
            send_at=send_at,
            application=app,
            settings=settings,
        )

    @property
    def interview_end(self) -> datetime | None:
        """End of the interview: the application's own duration when it has
        this interview, else the default length."""
        if self.interview_at is None:
            return None
        if self.application is not None:
            for interview in self.application.interviews:
                if interview.at == self.interview_at:
                    return interview.ends_at
        return self.interview_at + timedelta(minutes=DEFAULT_INTERVIEW_MINUTES)


def interview_before(app: Application, when: datetime) -> Interview | None:
    """The last interview started by `when`, else the first one to come."""
    interviews = app.interviews_sorted()
    done = [i for i in interviews if i.at <= when]
    if done:
        return done[-1]
    return interviews[0] if interviews else None
