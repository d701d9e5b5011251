"""Settings without hand-writing TOML: the first-run screen and the settings
screen (S on the board) write the config file given with --config (here in
tmp_path), checked by the config's own schema with the key named; the app
uses the new settings at once."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from fixed import FIXED_NOW
from ui_steps import type_in
from textual.widgets import Input, Select, TextArea

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.factory import build_app
from followup_tui.settings.schema import init_text, load_settings
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.screens.composer import ComposerScreen
from followup_tui.ui.screens.dialogs import ConfirmDialog
from followup_tui.ui.screens.help import HelpScreen
from followup_tui.ui.screens.settings import FirstRunScreen, SettingsScreen


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "conf" / "config.toml"


def make(db: Path, config: Path, first_run: bool = False, settings: Settings | None = None):
    if not db.exists():
        TinyDBRepository.open(db).add_many(demo_applications(FIXED_NOW))
    settings = settings or (load_settings(config) if config.exists() else Settings(timezone="UTC"))
    return build_app(db, settings, lambda: FIXED_NOW, backups=False, config_file=config, first_run=first_run)


def error_at(screen, wid: str) -> str:
    label = screen.query_one_optional(f"#{wid}-error")  # mounted once there is something to say
    return "" if label is None or label.has_class("-empty") else str(label.render())


async def type_into(pilot, screen, wid: str, text: str) -> None:
    await type_in(pilot, screen.query_one(f"#{wid}", Input), text)


async def test_the_first_run_screen_asks_and_writes_the_config(tmp_path, config, wait_for_screen, wait_until):
    app = make(tmp_path / "d.json", config, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, FirstRunScreen)
        await wait_until(pilot, lambda: screen.focused is screen.query_one("#user-name"))
        await type_into(pilot, screen, "user-name", "Sam [b]Rivera")
        await type_into(pilot, screen, "timezone", "Europe/Paris")
        await type_into(pilot, screen, "country", "FR")
        await type_in(pilot, screen.query_one("#signature", TextArea), "Sam Rivera\n+33 6 12 34 56 78")
        assert not screen.query("#smtp-host")  # four questions only
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
        assert app.settings.user_name == "Sam [b]Rivera" and app.outbox.settings.user_name == "Sam [b]Rivera"
    data = tomllib.loads(config.read_text())
    assert (data["user_name"], data["timezone"], data["country"]) == ("Sam [b]Rivera", "Europe/Paris", "FR")
    assert data["signature"] == "Sam Rivera\n+33 6 12 34 56 78"
    assert "# your name, as templates sign with it" in config.read_text()  # a new file explains every setting
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert load_settings(config).user_name == "Sam [b]Rivera"


async def test_escape_skips_the_first_run_and_writes_nothing(tmp_path, config, wait_for_screen):
    app = make(tmp_path / "d.json", config, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, FirstRunScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, BoardScreen)
    assert not config.exists()


async def test_no_first_run_once_a_config_file_sets_a_name_field(tmp_path, config, wait_until):
    config.parent.mkdir()
    config.write_text('user_name = ""\n')
    app = make(tmp_path / "d.json", config, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        assert not any(isinstance(s, FirstRunScreen) for s in app.screen_stack)


async def test_bad_settings_are_errors_at_their_fields_naming_the_key(tmp_path, config, wait_for_screen, wait_until):
    config.parent.mkdir()
    config.write_text('# mine\nuser_name = "Sam"\n')
    before = config.read_bytes()
    app = make(tmp_path / "d.json", config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        await pilot.press("S")
        screen = await wait_for_screen(pilot, SettingsScreen)
        await type_into(pilot, screen, "smtp-port", "70000")
        await wait_until(pilot, lambda: "smtp.port" in error_at(screen, "smtp-port"), what="the port's error as typed")
        await type_into(pilot, screen, "smtp-from-address", "nope")
        await type_into(pilot, screen, "timezone", "Mars/Base")
        await type_into(pilot, screen, "country", "ZZ")
        screen.query_one("#user-name").focus()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: screen.focused is screen.query_one("#timezone"), what="focus on the first bad field")
        assert "65535" in error_at(screen, "smtp-port")
        assert error_at(screen, "smtp-from-address").startswith("smtp.from_address: 'nope' is not a valid email")
        assert error_at(screen, "timezone").startswith("timezone: unknown timezone 'Mars/Base'")
        assert error_at(screen, "country").startswith("country: 'ZZ'")
        assert isinstance(app.screen, SettingsScreen)
        await type_into(pilot, screen, "country", "DE")  # fixed: its error goes as you type
        await wait_until(pilot, lambda: error_at(screen, "country") == "")
    assert config.read_bytes() == before


async def test_saving_keeps_the_users_comments_and_other_settings(tmp_path, config, wait_for_screen, wait_until):
    config.parent.mkdir()
    config.write_text(
        "# my settings, written by hand\n"
        'user_name = "Sam"  # as on my passport\n'
        "\n[cadence]\n# I prefer a quicker thank-you\nthank_you_hours = 12\n"
    )
    app = make(tmp_path / "d.json", config)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        await pilot.press("S")
        screen = await wait_for_screen(pilot, SettingsScreen)
        assert screen.query_one("#user-name", Input).value == "Sam"
        await type_into(pilot, screen, "user-name", "Alex Morgan")
        await type_into(pilot, screen, "smtp-host", "smtp.example.com")
        screen.query_one("#smtp-security", Select).value = "ssl"
        await type_into(pilot, screen, "smtp-port", "465")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
    text = config.read_text()
    assert "# my settings, written by hand" in text and "# as on my passport" in text
    assert "# I prefer a quicker thank-you" in text
    data = tomllib.loads(text)
    assert data["user_name"] == "Alex Morgan" and data["cadence"] == {"thank_you_hours": 12}
    assert data["smtp"] == {"host": "smtp.example.com", "security": "ssl", "port": 465}
    assert app.settings.smtp.port == 465 and app.settings.cadence.thank_you_hours == 12


async def test_after_changing_the_name_a_drafted_thank_you_signs_with_it(tmp_path, config, wait_for_screen, wait_until):
    app = make(tmp_path / "d.json", config, settings=Settings(timezone="UTC", user_name="Sam Rivera"))
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        await pilot.press("S")
        screen = await wait_for_screen(pilot, SettingsScreen)
        await type_into(pilot, screen, "user-name", "Alex [bold]Morgan")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BoardScreen)
        app.open_composer(app.session.find("Orbital Robotics").id)
        composer = await wait_for_screen(pilot, ComposerScreen)
        await wait_until(pilot, lambda: composer.query("#body"), what="the composer's body")
        body = composer.query_one("#body", TextArea)
        await wait_until(pilot, lambda: "Alex [bold]Morgan" in body.text, what="the new name in the draft")
        assert "Sam Rivera" not in body.text


async def test_quitting_with_unsaved_settings_asks_first(tmp_path, config, wait_for_screen, wait_until):
    app = make(tmp_path / "d.json", config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        await pilot.press("S")
        screen = await wait_for_screen(pilot, SettingsScreen)
        await pilot.press(*"Alex")
        await pilot.press("ctrl+q")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert "the settings" in dialog.question
        await pilot.press("n")
        await wait_for_screen(pilot, SettingsScreen)
        assert screen.query_one("#user-name", Input).value == "Alex"
    assert not config.exists()


async def test_the_settings_key_is_in_the_help(tmp_path, config, wait_for_screen, wait_until):
    import io

    from rich.console import Console

    from followup_tui.ui.screens.help import bindings_table

    app = make(tmp_path / "d.json", config)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen) and app.session.loaded)
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(bindings_table(help_screen.for_screen))
        assert any(line.split()[:2] == ["S", "Settings:"] for line in console.export_text().splitlines())


def test_a_new_config_file_starts_from_the_commented_defaults(config):
    from followup_tui.settings.config_file import SettingsFile

    settings, problems = SettingsFile(config).save({"user_name": "Sam"})
    assert problems == {} and settings.user_name == "Sam"
    text = config.read_text()
    for line in init_text().splitlines():
        if line.startswith("#"):
            assert line in text
