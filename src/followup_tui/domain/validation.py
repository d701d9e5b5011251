"""Checks on single values, with messages that name the field."""

from __future__ import annotations

from functools import lru_cache

from .errors import ValidationError


def check_email(address: str, field_name: str = "email") -> str:
    """Return the normalized address, or raise ValidationError (syntax only:
    no DNS lookups, the app must work offline)."""
    return _normalized(address, field_name)


@lru_cache(maxsize=4096)
def _normalized(address: str, field_name: str) -> str:
    """Remembered: every save validates every contact of the applications it
    writes, the same addresses again and again (email_validator takes about
    0.2 ms an address; a first mail sync of 10,000 messages checked ~500)."""
    # imported here: email_validator (and idna) cost ~20 ms, paid only when an
    # address is checked, never by a start that checks none
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError(field_name, f"{address!r} is not a valid email address: {exc}") from exc
    return result.normalized
