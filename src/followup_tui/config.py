"""Settings from a TOML file. Every key is checked; one bad value stops the
app with a message naming the key, so it never runs on a half-read config.

    timezone = "Europe/Paris"
    country = "FR"
    user_name = "Sam Doe"
    signature = "Sam Doe\\n+33 6 12 34 56 78"
    [cadence]
    thank_you_hours = 24
    [checks]
    follow_up_words = [50, 125]
    [smtp]
    host = "smtp.example.com"
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

from .domain.business_days import supported_country
from .domain.errors import ValidationError
from .domain.settings import CadenceSettings, CheckSettings, Settings, SmtpSettings
from .domain.timeparse import resolve_timezone

SECTIONS: dict[str, type] = {"cadence": CadenceSettings, "checks": CheckSettings, "smtp": SmtpSettings}
SMTP_SECURITY = ("starttls", "ssl", "none")

# Upper bounds keep cadence arithmetic sane (a year of business days, a month
# of hours); zero is allowed everywhere (e.g. max_follow_ups = 0: no follow-ups).
CADENCE_LIMITS: dict[str, int] = {
    "thank_you_hours": 24 * 30,
    "follow_up_after_decision_days": 260,
    "follow_up_without_decision_days": 260,
    "second_follow_up_days": 260,
    "let_go_days": 260,
    "max_follow_ups": 10,
    "do_not_contact_let_go_days": 260,
}


def _coerce(key: str, value: Any, default: Any) -> Any:
    """Check `value` against the type of the field's default."""
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
        value = float(value) if ok else value
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, tuple):
        ok = (
            isinstance(value, list)
            and len(value) == len(default)
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
        )
        value = tuple(value) if ok else value
    else:  # pragma: no cover - every field has one of the types above
        ok = False
    if not ok:
        kind = type(default).__name__ if not isinstance(default, tuple) else f"list of {len(default)} whole numbers"
        raise ValidationError(key, f"{value!r} is not a valid value (expected a non-negative {kind})")
    return value


def _build(cls: type, table: dict, prefix: str) -> Any:
    defaults = cls()
    known = {f.name for f in dataclasses.fields(cls)}
    values = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if key not in known:
            raise ValidationError(full, f"unknown setting (known: {', '.join(sorted(known))})")
        values[key] = _coerce(full, value, getattr(defaults, key))
    return cls(**values)


def _check_cadence_limits(cadence: CadenceSettings) -> None:
    for name, limit in CADENCE_LIMITS.items():
        value = getattr(cadence, name)
        if value > limit:
            raise ValidationError(f"cadence.{name}", f"{value} is too large (at most {limit})")


def settings_from_dict(data: dict) -> Settings:
    top: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    for key, value in data.items():
        if key in SECTIONS:
            if not isinstance(value, dict):
                raise ValidationError(key, "must be a [table]")
            sections[key] = _build(SECTIONS[key], value, f"{key}.")
        else:
            top[key] = value
    flat = {f.name for f in dataclasses.fields(Settings)} - set(SECTIONS)
    for key, value in top.items():
        if key not in flat:
            raise ValidationError(key, f"unknown setting (known: {', '.join(sorted(flat | set(SECTIONS)))})")
        if not isinstance(value, str):
            raise ValidationError(key, f"{value!r} must be a string")
    if top.get("timezone"):
        resolve_timezone(top["timezone"])
    if top.get("country") and not supported_country(top["country"]):
        raise ValidationError("country", f"{top['country']!r} is not a country code with known public holidays (e.g. US, GB, DE-BY)")
    cadence = sections.get("cadence")
    if cadence is not None:
        _check_cadence_limits(cadence)
    smtp = sections.get("smtp")
    if smtp is not None and smtp.security not in SMTP_SECURITY:
        raise ValidationError("smtp.security", f"{smtp.security!r} is not one of: {', '.join(SMTP_SECURITY)}")
    return Settings(**top, **sections)


def load_settings(path: Path) -> Settings:
    """Defaults when the file does not exist; ValidationError on any bad value."""
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(str(path), f"not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(str(path), f"cannot read the config file: {exc}") from exc
    try:
        return settings_from_dict(data)
    except ValidationError as exc:
        raise ValidationError(f"{path}: {exc.field}", exc.message) from exc
