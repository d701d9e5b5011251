"""Settings from a TOML file, checked by a schema (pydantic, strict: no
"24" for 24, no 1.5 hours). One bad value stops the app with a message naming
its key, so it never runs on a half-read config. `followup config --init`
writes a commented file with every setting and its default (`init_text`).

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

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, field_validator, model_validator
from pydantic import ValidationError as SchemaError

from .domain.business_days import supported_country
from .domain.errors import ValidationError
from .domain.settings import CadenceSettings, CheckSettings, Settings, SmtpSettings
from .domain.timeparse import resolve_timezone
from .domain.validation import check_email

SMTP_SECURITY = ("starttls", "ssl", "none")
_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)
# Upper bounds keep cadence arithmetic sane (a year of business days, a month
# of hours); zero is allowed everywhere (e.g. max_follow_ups = 0: no follow-ups).
BusinessDays = Annotated[StrictInt, Field(ge=0, le=260)]
Count = Annotated[StrictInt, Field(ge=0, le=10_000)]
WordRange = Annotated[list[Annotated[StrictInt, Field(ge=0, le=10_000)]], Field(min_length=2, max_length=2)]


class CadenceModel(BaseModel):
    model_config = _STRICT
    thank_you_hours: Annotated[StrictInt, Field(ge=0, le=24 * 30)] = Field(
        24, description="hours after an interview ends that the thank-you note is due")
    follow_up_after_decision_days: BusinessDays = Field(
        3, description="business days after the decision date they gave before the first follow-up")
    follow_up_without_decision_days: BusinessDays = Field(
        7, description="business days after the last interview when they gave no date")
    second_follow_up_days: BusinessDays = Field(5, description="business days after the first follow-up")
    let_go_days: BusinessDays = Field(5, description="business days after the second follow-up before letting go")
    max_follow_ups: Annotated[StrictInt, Field(ge=0, le=10)] = Field(2, description="follow-ups at most")
    do_not_contact_let_go_days: BusinessDays = Field(
        10, description="business days after the last interview to let go when they asked not to be contacted")


class CheckModel(BaseModel):
    model_config = _STRICT
    thank_you_words: WordRange = Field([50, 150], description="[low, high] words a thank-you note should have")
    follow_up_words: WordRange = Field([50, 125], description="[low, high] words a follow-up should have")
    warn_min_words: Count = Field(25, description="fewer words than this: a warning")
    fail_min_words: Count = Field(10, description="fewer words than this: the check fails")
    max_words: Count = Field(200, description="more words than this: the check fails")
    subject_max_words: Count = Field(8, description="longest subject line before a warning")
    readability_max_grade: Annotated[StrictFloat, Field(ge=0, le=30)] = Field(
        12.0, description="reading grade above which readability warns")
    tone_fail_findings: Count = Field(3, description="tone warns below this many findings, fails from it")
    max_exclamations: Count = Field(2, description="exclamation marks allowed before tone notes them")

    @field_validator("thank_you_words", "follow_up_words")
    @classmethod
    def _low_then_high(cls, value: list[int]) -> list[int]:
        if value[0] > value[1]:
            raise ValueError(f"the range {value} is backwards: give [low, high]")
        return value

    @model_validator(mode="after")
    def _limits_in_order(self) -> CheckModel:
        if not self.fail_min_words <= self.warn_min_words <= self.max_words:
            raise ValueError(
                "checks.fail_min_words <= checks.warn_min_words <= checks.max_words must hold "
                f"(got {self.fail_min_words}, {self.warn_min_words}, {self.max_words})")
        return self


class SmtpModel(BaseModel):
    model_config = _STRICT
    host: StrictStr = Field("", description="SMTP server; empty: messages are saved as .eml files, never sent")
    port: Annotated[StrictInt, Field(ge=1, le=65535)] = Field(587, description="SMTP port (1-65535)")
    security: Literal["starttls", "ssl", "none"] = Field("starttls", description="starttls, ssl or none")
    user: StrictStr = Field("", description="login name for the server")
    from_address: StrictStr = Field("", description="your address, the sender of every message")
    password_env: StrictStr = Field("FOLLOWUP_SMTP_PASSWORD", description="environment variable with the password")
    password_command: StrictStr = Field("", description="command that prints the password (e.g. pass show smtp)")

    @field_validator("from_address")
    @classmethod
    def _an_address(cls, value: str) -> str:
        if value:
            try:
                check_email(value, "smtp.from_address")
            except ValidationError as exc:
                raise ValueError(exc.message) from None
        return value


class SettingsModel(BaseModel):
    model_config = _STRICT
    timezone: StrictStr = Field("", description="IANA name such as Europe/Paris; empty: the system's")
    country: StrictStr = Field(
        "", description="country code (US, GB, DE-BY) whose public holidays are not business days; empty: weekends only")
    user_name: StrictStr = Field("", description="your name, as templates sign with it")
    signature: StrictStr = Field("", description="the lines under your messages (use \\n between lines)")
    cadence: CadenceModel = CadenceModel()
    checks: CheckModel = CheckModel()
    smtp: SmtpModel = SmtpModel()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value:
            try:
                resolve_timezone(value)
            except ValidationError as exc:
                raise ValueError(exc.message) from None
        return value

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str) -> str:
        if value and not supported_country(value):
            raise ValueError(f"{value!r} is not a country code with known public holidays (e.g. US, GB, DE-BY)")
        return value


SECTIONS: dict[str, type[BaseModel]] = {"cadence": CadenceModel, "checks": CheckModel, "smtp": SmtpModel}


def _first_problem(exc: SchemaError, data: dict) -> ValidationError:
    return _problem(exc.errors()[0])


def _problem(error) -> ValidationError:
    """One pydantic error as a message naming its key."""
    loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
    key = ".".join(loc) or "config"
    if error["type"] == "extra_forbidden":
        model = SECTIONS.get(loc[0], SettingsModel) if len(loc) > 1 else SettingsModel
        return ValidationError(key, f"unknown setting (known: {', '.join(sorted(model.model_fields))})")
    if error["type"] == "model_type" or (error["type"] == "model_attributes_type"):
        return ValidationError(key, "must be a [table]")
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if error["type"] not in ("value_error",) and not isinstance(value, (dict, list)) and value is not None:
        message = f"{value!r}: {message}"
    return ValidationError(key, message)


def settings_from_dict(data: dict) -> Settings:
    try:
        model = SettingsModel.model_validate(data)
    except SchemaError as exc:
        raise _first_problem(exc, data) from None
    checks = model.checks.model_dump()
    checks["thank_you_words"] = tuple(checks["thank_you_words"])
    checks["follow_up_words"] = tuple(checks["follow_up_words"])
    return Settings(
        timezone=model.timezone,
        country=model.country,
        user_name=model.user_name,
        signature=model.signature,
        cadence=CadenceSettings(**model.cadence.model_dump()),
        checks=CheckSettings(**checks),
        smtp=SmtpSettings(**model.smtp.model_dump()),
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
    try:
        return settings_from_dict(data)
    except ValidationError as exc:
        raise ValidationError(f"{path}: {exc.field}", exc.message) from exc


def _toml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    import tomli_w

    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _model_lines(model: type[BaseModel]) -> list[str]:
    lines = []
    for name, info in model.model_fields.items():
        if name in SECTIONS:
            continue
        lines.append(f"# {info.description}")
        lines.append(f"{name} = {_toml_value(info.default)}")
    return lines


def init_text() -> str:
    """A config file with every setting at its default, each explained."""
    lines = [
        "# followup-tui settings. Every value below is the default; change what you need.",
        "# Checked when the app starts: a bad value is reported with its key.",
        "",
        *_model_lines(SettingsModel),
    ]
    for section, model in SECTIONS.items():
        lines += ["", f"[{section}]", *_model_lines(model)]
    return "\n".join(lines) + "\n"


def problems_by_key(exc: SchemaError) -> dict[str, str]:
    """Every problem pydantic found, keyed by the setting's dotted name."""
    found: dict[str, str] = {}
    for error in exc.errors():
        loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
        key = ".".join(loc) or "config"
        if key not in found:
            found[key] = _problem(error).message
    return found
