"""Settings from a TOML file, checked key by key (strict: no "24" for 24, no
1.5 hours). One bad value stops the app with a message naming its key, so it
never runs on a half-read config. `followup config --init` writes a commented
file with every setting and its default (`init_text`).

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

`SCHEMA` below is the one rule set: the CLI at start, `followup config` and the
TUI's first-run and settings screens (settings_file.py) all check through
`problems`. It is plain code, not a schema library, because it runs before
the board's first paint: checking a file costs microseconds and imports
nothing heavy (an email address is checked by email_validator only when the
file sets one). The defaults are the domain's (domain/settings.py).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..domain.errors import ValidationError
from ..domain.settings import CadenceSettings, CheckSettings, ImapSettings, Settings, SmtpSettings

SMTP_SECURITY = ("starttls", "ssl", "none")
GLYPHS = ("auto", "unicode", "console")


def _glyph_choice(value: str) -> str | None:
    return None if value in GLYPHS else f"{value!r} is not one of {', '.join(GLYPHS)}"
IMAP_SECURITY = ("ssl", "starttls", "none")


def _known_zone(value: str) -> str | None:
    from ..domain.timeparse import resolve_timezone

    try:
        resolve_timezone(value)
    except ValidationError as exc:
        return exc.message
    return None


def _known_country(value: str) -> str | None:
    from ..domain.business_days import supported_country

    if not supported_country(value):
        return f"{value!r} is not a country code with known public holidays (e.g. US, GB, DE-BY)"
    return None


def _an_address(value: str) -> str | None:
    from ..domain.validation import check_email

    try:
        check_email(value, "smtp.from_address")
    except ValidationError as exc:
        return exc.message
    return None


def _low_then_high(value: list[int]) -> str | None:
    if value[0] > value[1]:
        return f"the range {value} is backwards: give [low, high]"
    return None


class Setting(NamedTuple):
    """One key of the file: what it holds, its bounds, what it does.
    `kind`: "int", "float", "str", "bool", "choice" (one of `choices`) or "range"
    (a [low, high] list of ints between `low` and `high`). `check`: a further
    rule on a non-empty value of the right kind, returning the problem.
    (A NamedTuple: read before the first paint, where a dataclass costs ~1 ms to make.)"""

    kind: str
    description: str
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()
    check: Callable[[Any], str | None] | None = None


# Upper bounds keep cadence arithmetic sane (a year of business days, a month
# of hours); zero is allowed everywhere (e.g. max_follow_ups = 0: no follow-ups).
def _business_days(description: str) -> Setting:
    return Setting("int", description, 0, 260)


def _count(description: str) -> Setting:
    return Setting("int", description, 0, 10_000)


def _word_range(description: str) -> Setting:
    return Setting("range", description, 0, 10_000, check=_low_then_high)


# Section ("" for the top level) -> key -> rule, in the order of the file.
SCHEMA: dict[str, dict[str, Setting]] = {
    "": {
        "timezone": Setting("str", "IANA name such as Europe/Paris; empty: the system's", check=_known_zone),
        "country": Setting(
            "str", "country code (US, GB, DE-BY) whose public holidays are not business days; empty: weekends only",
            check=_known_country),
        "user_name": Setting("str", "your name, as templates sign with it"),
        "signature": Setting("str", "the lines under your messages (use \\n between lines)"),
        "glyphs": Setting(
            "str", "characters drawn: auto (a Linux console's, TERM=linux), unicode, or console (force them)",
            check=_glyph_choice),
        "web_sessions": Setting("int", "browser tabs `followup serve` runs at once (each is a process)", 1, 20),
    },
    "cadence": {
        "thank_you_hours": Setting("int", "hours after an interview ends that the thank-you note is due", 0, 24 * 30),
        "follow_up_after_decision_days": _business_days(
            "business days after the decision date they gave before the first follow-up"),
        "follow_up_without_decision_days": _business_days("business days after the last interview when they gave no date"),
        "second_follow_up_days": _business_days("business days after the first follow-up"),
        "let_go_days": _business_days("business days after the second follow-up before letting go"),
        "max_follow_ups": Setting("int", "follow-ups at most", 0, 10),
        "do_not_contact_let_go_days": _business_days(
            "business days after the last interview to let go when they asked not to be contacted"),
        "no_answer_let_go_days": _business_days(
            "business days after applying with no interview and no answer before letting go (as ghosted)"),
    },
    "checks": {
        "thank_you_words": _word_range("[low, high] words a thank-you note should have"),
        "follow_up_words": _word_range("[low, high] words a follow-up should have"),
        "warn_min_words": _count("fewer words than this: a warning"),
        "fail_min_words": _count("fewer words than this: the check fails"),
        "max_words": _count("more words than this: the check fails"),
        "subject_max_words": _count("longest subject line before a warning"),
        "readability_max_grade": Setting("float", "reading grade above which readability warns", 0, 30),
        "tone_fail_findings": _count("tone warns below this many findings, fails from it"),
        "max_exclamations": _count("exclamation marks allowed before tone notes them"),
    },
    "smtp": {
        "host": Setting("str", "SMTP server; empty: messages are saved as .eml files, never sent"),
        "port": Setting("int", "SMTP port (1-65535)", 1, 65535),
        "security": Setting("choice", "starttls, ssl or none", choices=SMTP_SECURITY),
        "user": Setting("str", "login name for the server"),
        "from_address": Setting("str", "your address, the sender of every message", check=_an_address),
        "password_env": Setting("str", "environment variable with the password"),
        "password_command": Setting("str", "command that prints the password (e.g. pass show smtp)"),
    },
    "imap": {
        "host": Setting("str", "IMAP server whose mail is read (never changed) to keep the record; empty: no mailbox reading"),
        "port": Setting("int", "IMAP port (1-65535)", 1, 65535),
        "security": Setting("choice", "ssl, starttls, or none (none only on a loopback address)", choices=IMAP_SECURITY),
        "user": Setting("str", "login name for the server"),
        "password_env": Setting("str", "environment variable with the password"),
        "password_command": Setting("str", "command that prints the password (e.g. pass show imap)"),
        "inbox": Setting("str", "the folder replies arrive in"),
        "sent": Setting("str", "the folder of the mail you send; empty: the one the server marks \\Sent, else \"Sent\""),
        "sync_minutes": Setting("int", "while the app is open, read the mailbox every this many minutes; 0: only when asked", 0, 24 * 60),
        "save_sent": Setting("bool", "put a copy of each message the app sends by SMTP in the sent folder"),
    },
}
SECTIONS: tuple[str, ...] = tuple(name for name in SCHEMA if name)
# The defaults live in the domain's dataclasses; the file's keys are their fields.
_DEFAULTS: dict[str, object] = {
    "": Settings(), "cadence": CadenceSettings(), "checks": CheckSettings(), "smtp": SmtpSettings(),
    "imap": ImapSettings(),
}


def runs_a_command(key: str) -> bool:
    """Whether a dotted key holds a command line the app runs (through a
    shell): any `password_command`, in any section ([smtp], [imap]...).
    Such keys are never changed from a browser session, and never taken from
    a config file that others can write (config_file.py, load_settings)."""
    return key.rpartition(".")[2] == "password_command"


def command_keys(data: dict[str, Any]) -> list[str]:
    """The dotted keys of a parsed config file that set a command (non-empty)."""
    found = []
    for section, table in [("", data), *((name, data.get(name)) for name in SECTIONS)]:
        if not isinstance(table, dict):
            continue
        prefix = f"{section}." if section else ""
        found += [prefix + name for name, value in table.items() if runs_a_command(prefix + name) and value]
    return found


def unsafe_for_commands(path: Path, data: dict[str, Any]) -> str | None:
    """Why a config file that sets a command may not be used, as ssh refuses
    a config others can change: anyone who can write it could make the app
    run their command as you. None when it sets none, or is yours alone."""
    keys = command_keys(data)
    if not keys:
        return None
    try:
        info = path.stat()
    except OSError:
        return None  # read a moment ago: nothing to add
    real = os.path.realpath(path)
    if info.st_uid not in (os.getuid(), 0):
        return f"sets {keys[0]} (a command the app runs) but belongs to another user; fix: chown $USER {real}"
    if info.st_mode & 0o022:
        return (f"sets {keys[0]} (a command the app runs) but others can write it (mode {info.st_mode & 0o777:04o}); "
                f"fix: chmod 600 {real}")
    return None


def default_of(key: str) -> object:
    """The default of a dotted key ("smtp.port"), as the file would spell it."""
    section, _, name = key.rpartition(".")
    value = getattr(_DEFAULTS[section], name)
    return list(value) if isinstance(value, tuple) else value


def _shown(value: object) -> str:
    """The value a problem is about, as the messages have always named it."""
    return "" if isinstance(value, (dict, list)) or value is None else f"{value!r}: "


def _number_problem(value: Any, rule: Setting, kind: str) -> str | None:
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{_shown(value)}Input should be a valid integer"
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{_shown(value)}Input should be a valid number"
    if rule.high is not None and not value <= rule.high:  # NaN fails here
        return f"{_shown(value)}Input should be less than or equal to {rule.high}"
    if rule.low is not None and not value >= rule.low:
        return f"{_shown(value)}Input should be greater than or equal to {rule.low}"
    return None


def _value_problem(value: Any, rule: Setting) -> str | None:
    """What is wrong with one value, or None."""
    if rule.kind in ("int", "float"):
        problem = _number_problem(value, rule, rule.kind)
    elif rule.kind == "str":
        problem = None if isinstance(value, str) else f"{_shown(value)}Input should be a valid string"
    elif rule.kind == "bool":
        problem = None if isinstance(value, bool) else f"{_shown(value)}Input should be true or false"
    elif rule.kind == "choice":
        allowed = " or ".join([", ".join(repr(c) for c in rule.choices[:-1]), repr(rule.choices[-1])])
        problem = None if isinstance(value, str) and value in rule.choices else f"{_shown(value)}Input should be {allowed}"
    elif rule.kind == "range":
        if not isinstance(value, list):
            return f"{_shown(value)}Input should be a valid list"
        if len(value) != 2:
            least = "at least" if len(value) < 2 else "at most"
            return f"List should have {least} 2 items after validation, not {len(value)}"
        problem = next(filter(None, (_number_problem(item, rule, "int") for item in value)), None)
    else:  # pragma: no cover - a schema typo
        raise AssertionError(rule.kind)
    if problem is None and rule.check is not None and value not in ("", None, False):
        problem = rule.check(value)
    return problem


def _checks_in_order(checks: dict[str, Any]) -> str | None:
    """The thresholds of the brevity check must not contradict each other."""
    get = lambda name: checks.get(name, default_of(f"checks.{name}"))  # noqa: E731
    fail_min, warn_min, max_words = get("fail_min_words"), get("warn_min_words"), get("max_words")
    if not fail_min <= warn_min <= max_words:
        return ("checks.fail_min_words <= checks.warn_min_words <= checks.max_words must hold "
                f"(got {fail_min}, {warn_min}, {max_words})")
    return None


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: the only hosts a password may go to unencrypted."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def _imap_in_clear(imap: dict[str, Any]) -> str | None:
    """security = "none" sends the password in clear: only to this machine."""
    host = imap.get("host", "")
    if imap.get("security") == "none" and isinstance(host, str) and host and not is_loopback(host):
        return f'"none" sends your password unencrypted: only allowed for a loopback address, not {host!r}; use "ssl" or "starttls"'
    return None


def _unknown(section: str) -> str:
    known = SCHEMA[section] if section else (*SCHEMA[""], *SECTIONS)
    return f"unknown setting (known: {', '.join(sorted(known))})"


def _section_problems(section: str, table: dict[str, Any], found: dict[str, str]) -> None:
    prefix = f"{section}." if section else ""
    before = len(found)
    for name, rule in SCHEMA[section].items():
        if name in table and (problem := _value_problem(table[name], rule)) is not None:
            found.setdefault(prefix + name, problem)
    if section == "checks" and len(found) == before and (problem := _checks_in_order(table)) is not None:
        found.setdefault("checks", problem)  # only once every threshold is a good number
    if section == "imap" and len(found) == before and (problem := _imap_in_clear(table)) is not None:
        found.setdefault("imap.security", problem)
    if not section:
        for name in SECTIONS:
            if name not in table:
                continue
            if isinstance(table[name], dict):
                _section_problems(name, table[name], found)
            else:
                found.setdefault(name, "must be a [table]")
    known = SCHEMA[section] if section else (*SCHEMA[""], *SECTIONS)
    for name in table:
        if name not in known:
            found.setdefault(prefix + name, _unknown(section))


def problems(data: dict[str, Any]) -> dict[str, str]:
    """Every problem in a parsed config file, by the setting's dotted name
    ("cadence.let_go_days"), in the file's order of keys; empty when good."""
    found: dict[str, str] = {}
    _section_problems("", data, found)
    return found


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """The settings a parsed config file sets; ValidationError naming the
    first bad key (nothing is half applied)."""
    found = problems(data)
    if found:
        key, message = next(iter(found.items()))
        raise ValidationError(key, message)

    def values(section: str) -> dict[str, Any]:
        table = data.get(section, {}) if section else data
        chosen = {name: table[name] for name in SCHEMA[section] if name in table}
        for name, rule in SCHEMA[section].items():
            if name in chosen and rule.kind == "range":
                chosen[name] = tuple(chosen[name])
            elif name in chosen and rule.kind == "float":
                chosen[name] = float(chosen[name])
        return chosen

    return Settings(
        **values(""),
        cadence=CadenceSettings(**values("cadence")),
        checks=CheckSettings(**values("checks")),
        smtp=SmtpSettings(**values("smtp")),
        imap=ImapSettings(**values("imap")),
    )


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
    unsafe = unsafe_for_commands(path, data)
    if unsafe:
        raise ValidationError(str(path), unsafe)
    if isinstance(data.get("country"), str) and data["country"].strip():
        from .holiday_cache import use_kept_holidays

        use_kept_holidays(data["country"])  # checking it, and every due date, without loading the holidays package
    try:
        return settings_from_dict(data)
    except ValidationError as exc:
        raise ValidationError(f"{path}: {exc.field}", exc.message) from exc


def _toml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    import tomli_w

    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _section_lines(section: str) -> list[str]:
    lines = []
    prefix = f"{section}." if section else ""
    for name, rule in SCHEMA[section].items():
        lines.append(f"# {rule.description}")
        lines.append(f"{name} = {_toml_value(default_of(prefix + name))}")
    return lines


def init_text() -> str:
    """A config file with every setting at its default, each explained."""
    lines = [
        "# followup-tui settings. Every value below is the default; change what you need.",
        "# Checked when the app starts: a bad value is reported with its key.",
        "",
        *_section_lines(""),
    ]
    for section in SECTIONS:
        lines += ["", f"[{section}]", *_section_lines(section)]
    return "\n".join(lines) + "\n"


__all__ = ["SCHEMA", "SECTIONS", "Setting", "default_of", "init_text", "load_settings", "problems",
           "settings_from_dict"]
