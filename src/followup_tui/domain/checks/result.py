"""What one check says about a draft."""

from __future__ import annotations

from dataclasses import dataclass

PASS, WARN, FAIL = "pass", "warn", "fail"
STATUSES: tuple[str, ...] = (PASS, WARN, FAIL)

Span = tuple[int, int]


@dataclass(frozen=True)
class CheckResult:
    id: str
    status: str  # "pass" | "warn" | "fail"
    message: str  # a sentence a job seeker understands
    spans: tuple[Span, ...] = ()  # [start, end) offsets into the BODY text

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown check status {self.status!r}")


def quoted(phrases: list[str], limit: int = 4) -> str:
    """'"a", "b" and 2 more' for messages that list what was found."""
    shown = [f'"{p}"' for p in dict.fromkeys(phrases)]
    extra = len(shown) - limit
    text = ", ".join(shown[:limit])
    return f"{text} and {extra} more" if extra > 0 else text


def plural(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"
