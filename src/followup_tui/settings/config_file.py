"""The config file as the TUI's first-run and settings screens see it (the
factory hands it to the app; the UI never imports config or paths). Nothing
heavy at import: tomlkit loads when a screen first reads or writes the file,
never before the board's first paint."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from ..domain.settings import Settings

# in the order the settings screen shows them (it reads them from here)
EDITABLE_KEYS: tuple[str, ...] = (
    "user_name", "timezone", "country", "signature",
    "smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.from_address",
    "smtp.password_env", "smtp.password_command",
    # the mailbox (§10): never a password, only where it comes from
    "imap.host", "imap.port", "imap.security", "imap.user", "imap.password_env", "imap.password_command",
    "imap.inbox", "imap.sent", "imap.sync_minutes", "imap.save_sent",
)
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBERS = ("smtp.port", "imap.port", "imap.sync_minutes")
_FLAGS = ("imap.save_sent",)


def _typed(key: str, text: str) -> object:
    """What a text box holds, as the schema expects it: a port is a number
    when it is one (otherwise the schema names the key and the value); a
    flag is true or false."""
    if key in _NUMBERS:
        text = text.strip()
        return int(text) if _INTEGER.match(text) else text
    if key in _FLAGS:
        word = text.strip().lower()
        return {"true": True, "false": False, "": False}.get(word, text)
    return text.replace("\r\n", "\n") if key == "signature" else text.strip()


class SettingsFile:
    """The config file as the TUI's first-run and settings screens see it:
    values by dotted key, validated by the same schema as at start-up, and
    written atomically with tomlkit, so the user's comments, the order of the
    keys and every setting the screens do not show stay as they were."""

    keys = EDITABLE_KEYS

    def __init__(self, path: Path, commands_locked: bool = False) -> None:
        self.path = path
        self.commands_locked = commands_locked  # a browser session (followup serve)

    def locked(self, key: str) -> bool:
        """Whether the screens may not change `key`: in a browser session,
        a setting that makes the app run a command (schema.runs_a_command)."""
        from .schema import runs_a_command

        return self.commands_locked and runs_a_command(key)

    LOCKED_MESSAGE = ("runs a command on the server, so it cannot be changed from a browser; "
                      "edit the config file in a terminal")

    def needs_first_run(self) -> bool:
        """No config file yet, or one that never set a name (a first-run save
        writes user_name, even empty, so it is asked only once)."""
        try:
            return "user_name" not in tomllib.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return True
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return False  # a file the user has to fix: not a first run

    def _document(self):
        import tomlkit

        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            from .schema import init_text

            text = init_text()  # a new file explains every setting
        return tomlkit.parse(text)

    def load(self) -> dict[str, str]:
        """Each editable key's current value as text (defaults where unset)."""
        from .schema import default_of

        data = self._document().unwrap()
        values = {}
        for key in self.keys:
            section, _, name = key.rpartition(".")
            table = data.get(section, {}) if section else data
            value = table.get(name, default_of(key)) if isinstance(table, dict) else ""
            values[key] = str(value).lower() if isinstance(value, bool) else str(value)
        return values

    def _merged(self, values: dict[str, str]):
        import tomlkit

        from .schema import default_of

        doc = self._document()
        for key, text in values.items():
            if key not in self.keys:
                raise KeyError(key)
            value = _typed(key, text)
            section, _, name = key.rpartition(".")
            present = name in doc.get(section, {}) if section else name in doc
            if not present and value == default_of(key) and key != "user_name":
                continue  # a default the file does not spell out stays unwritten (user_name marks a first run done)
            table = doc
            if section:
                if section not in doc:
                    doc.add(tomlkit.nl())
                    doc[section] = tomlkit.table()
                table = doc[section]
            if isinstance(value, str) and "\n" in value:
                value = tomlkit.string(value, multiline=True)
            table[name] = value
        return doc

    def check(self, values: dict[str, str]) -> dict[str, str]:
        """Problems by dotted key, as the schema reports them; empty when the
        values (merged into the file) are good."""
        return self._locked_changes(values) or self._validate(self._merged(values))[1]

    def _locked_changes(self, values: dict[str, str]) -> dict[str, str]:
        """A locked key given a value other than the file's (whatever the screen shows)."""
        if not self.commands_locked:
            return {}
        current = self.load()
        return {key: self.LOCKED_MESSAGE for key, text in values.items()
                if self.locked(key) and _typed(key, text) != _typed(key, current.get(key, ""))}

    def _validate(self, doc) -> tuple[Settings | None, dict[str, str]]:
        from .schema import problems, settings_from_dict

        data = doc.unwrap()
        found = problems(data)
        if found:
            return None, found
        return settings_from_dict(data), {}

    def save(self, values: dict[str, str]) -> tuple[Settings | None, dict[str, str]]:
        """Write the values if every setting is good: (the new settings, {}),
        or (None, problems by key) with the file untouched."""
        import tomlkit

        from ..store.atomic_file import DIR_MODE, write_atomic

        locked = self._locked_changes(values)
        if locked:
            return None, locked
        doc = self._merged(values)
        settings, problems = self._validate(doc)
        if settings is None:
            return None, problems
        target = written_path(self.path)
        try:
            target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            write_atomic(target, tomlkit.dumps(doc))  # 0600, like a key: it may name a password command
        except OSError as exc:
            return None, {"config": f"cannot write {self.path}: {exc.strerror or exc}"}
        return settings, {}


def written_path(path: Path) -> Path:
    """Where writing `path` goes: a symlinked config (dotfiles kept in a
    repository) is written through to its target, as the data file is, not
    replaced by a plain file."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path
