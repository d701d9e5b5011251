"""The [imap] settings: the names outside checks use, checked like the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.domain.errors import ValidationError
from followup_tui.settings.schema import init_text, load_settings, problems


def test_every_imap_setting_is_read_with_the_names_of_the_issue(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[imap]\nhost = "imap.example.com"\nport = 143\nsecurity = "starttls"\nuser = "sam"\n'
        'password_env = "MY_PW"\npassword_command = "pass show imap"\ninbox = "INBOX"\nsent = "Sent Items"\n'
        "sync_minutes = 15\nsave_sent = true\n",
        encoding="utf-8",
    )
    imap = load_settings(path).imap
    assert (imap.host, imap.port, imap.security, imap.user) == ("imap.example.com", 143, "starttls", "sam")
    assert (imap.password_env, imap.password_command, imap.inbox, imap.sent) == (
        "MY_PW", "pass show imap", "INBOX", "Sent Items")
    assert (imap.sync_minutes, imap.save_sent) == (15, True)


def test_the_defaults_are_the_issues() -> None:
    text = init_text()
    section = text[text.index("[imap]"):]
    for line in ('host = ""', "port = 993", 'security = "ssl"', 'user = ""',
                 'password_env = "FOLLOWUP_IMAP_PASSWORD"', 'password_command = ""', 'inbox = "INBOX"',
                 'sent = ""', "sync_minutes = 0", "save_sent = false"):
        assert f"\n{line}\n" in section, line


@pytest.mark.parametrize(("table", "key", "words"), [
    ({"security": "tls"}, "imap.security", "'ssl', 'starttls' or 'none'"),
    ({"port": 0}, "imap.port", "greater than or equal to 1"),
    ({"save_sent": "yes"}, "imap.save_sent", "true or false"),
    ({"sync_minutes": -5}, "imap.sync_minutes", "greater than or equal to 0"),
    ({"host": "imap.example.com", "security": "none"}, "imap.security", "loopback"),
    ({"password": "hunter2"}, "imap.password", "unknown setting"),
])
def test_a_bad_imap_value_is_named_by_its_key(table: dict, key: str, words: str) -> None:
    found = problems({"imap": table})
    assert key in found and words in found[key], found


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.5"])
def test_no_encryption_is_allowed_on_this_machine_only(host: str) -> None:
    assert problems({"imap": {"host": host, "security": "none"}}) == {}


def test_a_bad_imap_setting_stops_with_its_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[imap]\nhost = "mail.example.com"\nsecurity = "none"\n', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_settings(path)
    assert "imap.security" in str(caught.value)


def test_the_settings_screens_store_reads_and_writes_the_imap_keys(tmp_path: Path) -> None:
    from followup_tui.settings.config_file import SettingsFile

    store = SettingsFile(tmp_path / "config.toml")
    values = store.load()
    assert (values["imap.port"], values["imap.security"], values["imap.save_sent"]) == ("993", "ssl", "false")
    values.update({"imap.host": "imap.example.com", "imap.port": "143", "imap.security": "starttls",
                   "imap.user": "sam", "imap.sync_minutes": "10", "imap.save_sent": "true"})
    settings, problems = store.save(values)
    assert problems == {} and settings is not None
    assert (settings.imap.port, settings.imap.sync_minutes, settings.imap.save_sent) == (143, 10, True)
    assert load_settings(store.path).imap == settings.imap
    assert store.load()["imap.save_sent"] == "true"
    bad = dict(values, **{"imap.security": "none"})
    assert "imap.security" in store.check(bad)  # in clear only to this machine


async def test_the_settings_screen_shows_and_saves_the_mailbox(tmp_path: Path) -> None:
    from textual.widgets import Input, Select
    from waiting import wait_until

    from followup_tui.domain.settings import Settings
    from followup_tui.factory import build_app
    from followup_tui.ui.screens.settings import SettingsScreen

    config = tmp_path / "config.toml"
    config.write_text('user_name = "Sam"\n', encoding="utf-8")
    app = build_app(tmp_path / "data.json", Settings(timezone="UTC"), backups=False, config_file=config)
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_settings()
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen) and app.screen.query("#imap-host"),
                         what="the settings screen")
        app.screen.query_one("#imap-host", Input).value = "imap.example.com"
        app.screen.query_one("#imap-user", Input).value = "sam@example.com"
        app.screen.query_one("#imap-save-sent", Select).value = "true"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, SettingsScreen), what="saved and closed")
    imap = load_settings(config).imap
    assert (imap.host, imap.user, imap.save_sent, imap.port) == ("imap.example.com", "sam@example.com", True, 993)
    assert app.mail_sync.mailbox.settings.imap.host == "imap.example.com"  # used from now on
