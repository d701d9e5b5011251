"""What the settings screens need from the config file, as the factory hands
it over (the UI never imports config or paths): values by dotted key
("user_name", "smtp.port"), checked by the same schema as at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ...domain.settings import Settings


class SettingsStore(Protocol):
    path: Path
    keys: tuple[str, ...]

    def load(self) -> dict[str, str]:
        """Every editable key's current value, as text."""

    def check(self, values: dict[str, str]) -> dict[str, str]:
        """Problems by key (empty when good); nothing is written."""

    def save(self, values: dict[str, str]) -> tuple[Settings | None, dict[str, str]]:
        """(the new settings, {}) once written, or (None, problems by key)."""

    def locked(self, key: str) -> bool:
        """Whether `key` cannot be changed here (a command, in a browser session)."""
