"""User settings: cadence rules, check thresholds, who the user is, SMTP.

Defaults follow DESIGN §5 and §6. Loaded from TOML by `followup_tui.settings.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

from .timeparse import resolve_timezone


@dataclass(frozen=True)
class CadenceSettings:
    thank_you_hours: int = 24
    follow_up_after_decision_days: int = 3  # business days after decision_by
    follow_up_without_decision_days: int = 7  # business days after the last interview
    second_follow_up_days: int = 5  # business days after the first
    let_go_days: int = 5  # business days after the second
    max_follow_ups: int = 2
    do_not_contact_let_go_days: int = 10  # business days after the last interview
    # Applied, no interview and no answer: let go (as ghosted) this many business
    # days after applying, about a month (sources in docs/cadence.md).
    no_answer_let_go_days: int = 21


@dataclass(frozen=True)
class CheckSettings:
    thank_you_words: tuple[int, int] = (50, 150)
    follow_up_words: tuple[int, int] = (50, 125)
    warn_min_words: int = 25
    fail_min_words: int = 10
    max_words: int = 200
    subject_max_words: int = 8
    readability_max_grade: float = 12.0  # plain business English; good formal notes reach 10-11
    tone_fail_findings: int = 3  # tone warns on fewer findings, fails from this many
    max_exclamations: int = 2  # single "!" allowed in a note before tone notes them


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls / ssl / none
    user: str = ""
    from_address: str = ""
    password_env: str = "FOLLOWUP_SMTP_PASSWORD"
    password_command: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host)


@dataclass(frozen=True)
class ImapSettings:
    """The mailbox the app reads (read-only) to keep the record itself (§10)."""

    host: str = ""  # empty: no mailbox reading
    port: int = 993
    security: str = "ssl"  # ssl / starttls / none (none only on a loopback address)
    user: str = ""
    password_env: str = "FOLLOWUP_IMAP_PASSWORD"
    password_command: str = ""
    inbox: str = "INBOX"
    sent: str = ""  # empty: the folder the server marks \Sent (SPECIAL-USE), else "Sent"
    sync_minutes: int = 0  # while the app is open, sync this often; 0: only when asked
    save_sent: bool = False  # append a copy of what the app sends by SMTP to the sent folder

    @property
    def configured(self) -> bool:
        return bool(self.host)


@dataclass(frozen=True)
class Settings:
    timezone: str = ""  # IANA name; empty means the system's
    country: str = ""  # ISO code ("US", "DE-BY") whose public holidays are not business days; empty: weekends only
    user_name: str = ""
    signature: str = ""
    glyphs: str = "auto"  # auto / unicode / console: the characters the TUI draws with (ui/glyphs.py)
    web_sessions: int = 2  # browser tabs `followup serve` runs at once (each is a process, ~50 MB)
    cadence: CadenceSettings = field(default_factory=CadenceSettings)
    checks: CheckSettings = field(default_factory=CheckSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    imap: ImapSettings = field(default_factory=ImapSettings)

    @property
    def tz(self) -> tzinfo:
        return resolve_timezone(self.timezone or None)
