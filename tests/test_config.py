"""Settings from TOML: every bad value is reported with its key, and the app
never starts on a half-read config."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.errors import ValidationError
from followup_tui.domain.settings import CadenceSettings, Settings
from followup_tui.settings.paths import config_path
from followup_tui.settings.schema import load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_the_design_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "nowhere.toml")
    assert settings == Settings()
    assert settings.cadence == CadenceSettings(
        thank_you_hours=24,
        follow_up_after_decision_days=3,
        follow_up_without_decision_days=7,
        second_follow_up_days=5,
        let_go_days=5,
        max_follow_ups=2,
        do_not_contact_let_go_days=10,
    )


def test_default_location_is_the_user_config_dir(private_home: Path) -> None:
    assert config_path() == private_home / "config" / "followup-tui" / "config.toml"


def test_every_cadence_number_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'timezone = "Europe/Paris"\n'
        "[cadence]\n"
        "thank_you_hours = 12\n"
        "follow_up_after_decision_days = 2\n"
        "follow_up_without_decision_days = 6\n"
        "second_follow_up_days = 4\n"
        "let_go_days = 8\n"
        "max_follow_ups = 1\n"
        "do_not_contact_let_go_days = 15\n",
    )
    settings = load_settings(path)
    assert settings.timezone == "Europe/Paris"
    assert str(settings.tz) == "Europe/Paris"
    assert settings.cadence == CadenceSettings(12, 2, 6, 4, 8, 1, 15)


def test_zero_is_allowed(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "[cadence]\nmax_follow_ups = 0\n")).cadence.max_follow_ups == 0


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[cadence]\nthank_you_hours = "soon"\n', "cadence.thank_you_hours"),
        ("[cadence]\nthank_you_hours = -1\n", "cadence.thank_you_hours"),
        ("[cadence]\nthank_you_hours = 1.5\n", "cadence.thank_you_hours"),
        ("[cadence]\nmax_follow_ups = true\n", "cadence.max_follow_ups"),
        ("[cadence]\nmax_follow_ups = 11\n", "cadence.max_follow_ups"),
        ("[cadence]\nlet_go_days = 100000000000\n", "cadence.let_go_days"),
        ("[cadence]\nthank_you_hours = 721\n", "cadence.thank_you_hours"),
        ("[cadence]\nfollow_up_days = 3\n", "cadence.follow_up_days"),  # unknown key
        ("cadence = 3\n", "cadence"),
        ('timezone = "Mars/Olympus_Mons"\n', "timezone"),
        ("timezone = 1\n", "timezone"),
        ('colour = "red"\n', "colour"),
        ('[smtp]\nsecurity = "tls"\n', "smtp.security"),
    ],
)
def test_a_bad_value_is_reported_with_its_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ValidationError) as caught:
        load_settings(path)
    assert caught.value.field == f"{path}: {key}"
    assert f"{key}:" in str(caught.value)


def test_not_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[cadence\nthank_you_hours = 24\n")
    with pytest.raises(ValidationError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value) and "not valid TOML" in str(caught.value)


def test_good_values_before_a_bad_one_are_not_half_applied(tmp_path: Path) -> None:
    path = write(tmp_path, "[cadence]\nthank_you_hours = 48\nlet_go_days = -3\n")
    with pytest.raises(ValidationError, match="cadence.let_go_days"):
        load_settings(path)


@pytest.mark.parametrize("command", [["list"], ["due"], ["add", "--company", "Acme"], ["show", "1"]])
def test_the_app_does_not_start_on_a_bad_config(tmp_path: Path, db_file: Path, command: list[str]) -> None:
    path = write(tmp_path, '[cadence]\nthank_you_hours = 24\nmax_follow_ups = "two"\n')
    result = CliRunner().invoke(main, ["--db", str(db_file), "--config", str(path), *command])
    assert result.exit_code == 2
    assert result.stderr.startswith("followup: config: ")
    assert "cadence.max_follow_ups" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert not db_file.exists()  # nothing was opened, created or written


def test_the_config_env_var_is_used(tmp_path: Path, db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(write(tmp_path, 'timezone = "Nowhere/Town"\n')))
    result = CliRunner().invoke(main, ["--db", str(db_file), "list"])
    assert result.exit_code == 2
    assert "timezone" in result.stderr


def test_a_good_config_lets_commands_run(tmp_path: Path, db_file: Path) -> None:
    path = write(tmp_path, 'timezone = "America/New_York"\n[cadence]\nthank_you_hours = 24\n')
    result = CliRunner().invoke(main, ["--db", str(db_file), "--config", str(path), "list"])
    assert result.exit_code == 0, result.output


# -- checked by a schema: ranges, ports, addresses, order ------------------------------


@pytest.mark.parametrize(
    ("text", "key", "word"),
    [
        ("[smtp]\nport = 70000\n", "smtp.port", "65535"),
        ("[smtp]\nport = 0\n", "smtp.port", "1"),
        ('[smtp]\nport = "587"\n', "smtp.port", "integer"),
        ('[smtp]\nfrom_address = "sam at example"\n', "smtp.from_address", "not a valid email"),
        ("[checks]\nfollow_up_words = [125, 50]\n", "checks.follow_up_words", "backwards"),
        ("[checks]\nthank_you_words = [50]\n", "checks.thank_you_words", "2"),
        ("[checks]\nfail_min_words = 30\nwarn_min_words = 20\n", "checks", "checks.fail_min_words"),
        ('[checks]\nreadability_max_grade = "high"\n', "checks.readability_max_grade", "number"),
        ('country = "Atlantis"\n', "country", "country code"),
        ("[smtp]\nhost = 3\n", "smtp.host", "string"),
        # values of the wrong kind
        ("[checks]\nreadability_max_grade = nan\n", "checks.readability_max_grade", "less than or equal to 30"),
        ("[checks]\nreadability_max_grade = inf\n", "checks.readability_max_grade", "less than or equal to 30"),
        ("[checks]\nreadability_max_grade = true\n", "checks.readability_max_grade", "valid number"),
        ("[checks]\nmax_words = 2.0\n", "checks.max_words", "valid integer"),
        ("[checks]\nfollow_up_words = [50, 60, 70]\n", "checks.follow_up_words", "at most 2 items"),
        ('[checks]\nfollow_up_words = [50, "x"]\n', "checks.follow_up_words", "'x': Input should be a valid integer"),
        ("[smtp]\nsecurity = 3\n", "smtp.security", "3: Input should be"),
        ("user_name = [1]\n", "user_name", "Input should be a valid string"),
        ("smtp = []\n", "smtp", "must be a [table]"),
    ],
)
def test_schema_refuses_bad_values_naming_the_key(tmp_path: Path, text: str, key: str, word: str) -> None:
    with pytest.raises(ValidationError) as caught:
        load_settings(write(tmp_path, text))
    assert caught.value.field.endswith(f": {key}")
    assert word in caught.value.message


def test_good_smtp_and_check_values_are_read(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[smtp]\nport = 465\nsecurity = "ssl"\nfrom_address = "sam@example.com"\n'
                                             "[checks]\nfollow_up_words = [40, 110]\nreadability_max_grade = 10\n"))
    assert (settings.smtp.port, settings.smtp.security, settings.smtp.from_address) == (465, "ssl", "sam@example.com")
    assert settings.checks.follow_up_words == (40, 110)  # a tuple, as the domain expects
    assert settings.checks.readability_max_grade == 10.0


# -- followup config --path / --init ----------------------------------------------------


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_config_path_prints_where_the_file_is(private_home: Path, tmp_path: Path) -> None:
    assert run("config", "--path").stdout == f"{private_home / 'config' / 'followup-tui' / 'config.toml'}\n"
    assert run("--config", str(tmp_path / "x.toml"), "config", "--path").stdout == f"{tmp_path / 'x.toml'}\n"


def test_config_init_writes_every_setting_with_its_default_and_a_comment(private_home: Path) -> None:
    result = run("config", "--init")
    assert result.exit_code == 0, result.output
    path = config_path()
    text = path.read_text(encoding="utf-8")
    assert load_settings(path) == Settings()  # the defaults, exactly
    for key in ("timezone", "country", "user_name", "signature", "thank_you_hours", "follow_up_words",
                "port", "from_address", "[cadence]", "[checks]", "[smtp]", "[imap]", "sync_minutes", "save_sent"):
        assert key in text
    setting_lines = [line for line in text.splitlines() if " = " in line and not line.startswith("#")]
    comment_lines = [line for line in text.splitlines() if line.startswith("# ")]
    assert len(comment_lines) >= len(setting_lines) == 6 + 8 + 9 + 7 + 10
    again = run("config", "--init")
    assert again.exit_code == 2 and "exists already" in again.stderr
    path.write_text('user_name = "Sam"\n', encoding="utf-8")
    assert run("config", "--init", "--force").exit_code == 0
    assert load_settings(path).user_name == ""


def test_config_checks_a_bad_file_and_still_prints_its_path(tmp_path: Path) -> None:
    path = write(tmp_path, "[smtp]\nport = 70000\n")
    assert run("--config", str(path), "config", "--path").stdout == f"{path}\n"
    checked = run("--config", str(path), "config")
    assert checked.exit_code == 2 and "smtp.port" in checked.stderr
    path.write_text("[smtp]\nport = 2525\n", encoding="utf-8")
    assert "all values valid" in run("--config", str(path), "config").stdout


# -- one rule set, cheap to run before the first paint ------------------------------------


def test_the_file_has_exactly_the_domain_settings_and_their_defaults() -> None:
    """The defaults live in domain/settings.py; the file's keys are their fields."""
    from dataclasses import fields

    from followup_tui.domain.settings import CheckSettings, ImapSettings, SmtpSettings
    from followup_tui.settings.schema import SCHEMA, default_of

    domain = {"": Settings, "cadence": CadenceSettings, "checks": CheckSettings, "smtp": SmtpSettings,
              "imap": ImapSettings}
    for section, schema in SCHEMA.items():
        names = [f.name for f in fields(domain[section]) if f.name not in domain]
        assert list(schema) == names, section
    assert default_of("smtp.port") == 587 and default_of("checks.follow_up_words") == [50, 125]


def test_every_problem_is_found_by_its_key_in_the_order_of_the_settings() -> None:
    from followup_tui.settings.schema import problems

    found = problems({
        "timezone": 3, "colour": "red",
        "cadence": {"thank_you_hours": "x", "let_go_days": -1, "follow_up_days": 3},
        "checks": {"fail_min_words": 300},
        "smtp": {"port": 70000, "security": "tls"},
    })
    assert list(found) == ["timezone", "cadence.thank_you_hours", "cadence.let_go_days", "cadence.follow_up_days",
                           "checks", "smtp.port", "smtp.security", "colour"]
    assert found["cadence.thank_you_hours"] == "'x': Input should be a valid integer"
    assert found["smtp.security"] == "'tls': Input should be 'starttls', 'ssl' or 'none'"
    assert found["checks"].startswith("checks.fail_min_words <= checks.warn_min_words")
    assert problems({"user_name": "Sam", "cadence": {}, "smtp": {"port": 25}}) == {}


def test_a_whole_number_is_a_good_grade_and_read_as_a_float(tmp_path: Path) -> None:
    grade = load_settings(write(tmp_path, "[checks]\nreadability_max_grade = 10\n")).checks.readability_max_grade
    assert grade == 10.0 and isinstance(grade, float)


READ_A_FULL_CONFIG = """
import sys
from pathlib import Path
from followup_tui.settings.schema import load_settings
settings = load_settings(Path(sys.argv[1]))
assert settings.smtp.port == 2525 and settings.user_name == "Sam", settings
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize(("address", "email_checked"), [("", False), ("sam@example.com", True)])
def test_reading_the_config_loads_no_schema_library(tmp_path: Path, address: str, email_checked: bool) -> None:
    """Read before the board's first paint: no pydantic; email_validator only
    when the file sets an address to check."""
    import subprocess
    import sys

    path = write(tmp_path, 'timezone = "Europe/Paris"\nuser_name = "Sam"\nsignature = "Sam\\nDoe"\n'
                           "[cadence]\nthank_you_hours = 12\n[checks]\nfollow_up_words = [40, 110]\n"
                           f'[smtp]\nhost = "mail.example.com"\nport = 2525\nfrom_address = "{address}"\n')
    done = subprocess.run([sys.executable, "-c", READ_A_FULL_CONFIG, str(path)],
                          capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "followup_tui.settings.schema" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("pydantic", "pydantic_core", "tomlkit", "holidays")}
    assert ("email_validator" in loaded) is email_checked
