"""JSON as followup-tui reads it from outside: no NaN or Infinity, no number
that overflows (1e400) or has thousands of digits, no nesting deep enough to
crash the parser. Every refusal is a ValueError with a short reason."""

from __future__ import annotations

import json
from typing import Any


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is out of range")
    return value


def loads_strict(text: str) -> Any:
    """json.loads that refuses NaN/Infinity and numbers no reader keeps exactly.

    Raises ValueError (or json.JSONDecodeError, a ValueError) with a short
    reason; a nesting too deep for the parser is a ValueError too.
    """
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise ValueError("nested too deeply to be a followup-tui database") from None
