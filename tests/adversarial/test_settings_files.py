"""Settings files treated like keys, and times the clocks skip or repeat:
`config --init` and every save write 0600; a config others can write that
sets a command is refused with how to fix it (as ssh does); a symlinked
config is written through to its target; a local time that does not exist
is refused with the likely one, a repeated one is said; an unknown TZ is
named once."""

from __future__ import annotations

import os
import stat

from cli.cli_runner import Followup

from followup_tui.settings.config_file import SettingsFile


def followup_with(tmp_path, text: str | None = None, zone: str = "Europe/Paris") -> Followup:
    config = tmp_path / "config.toml"
    if text is not None:
        config.write_text(text, encoding="utf-8")
    elif zone:
        config.write_text(f'timezone = "{zone}"\n', encoding="utf-8")
    return Followup(db=tmp_path / "data" / "followup.json", config=config)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_config_init_writes_a_private_file(tmp_path):
    followup = followup_with(tmp_path, zone="")
    followup.config.unlink(missing_ok=True)
    followup("config", "--init")
    assert mode(followup.config) == 0o600


def test_a_save_from_the_settings_screen_is_private_and_written_through_a_symlink(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "followup.toml"
    target.write_text("# mine\nuser_name = \"Sam\"\n", encoding="utf-8")
    os.chmod(target, 0o644)
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    store = SettingsFile(link)
    settings, problems = store.save({**store.load(), "user_name": "Sam Doe"})
    assert problems == {} and settings.user_name == "Sam Doe"
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert 'user_name = "Sam Doe"' in target.read_text() and "# mine" in target.read_text()
    assert mode(target) == 0o600


def test_a_config_others_can_write_is_refused_when_it_sets_a_command(tmp_path):
    followup = followup_with(tmp_path, '[smtp]\npassword_command = "id > /tmp/out; echo pw"\n')
    os.chmod(followup.config, 0o666)
    result = followup("list", expect=2)
    assert "password_command" in result.stderr and f"chmod 600 {followup.config}" in result.stderr
    os.chmod(followup.config, 0o600)
    followup("list")
    followup.config.write_text('user_name = "Sam"\n', encoding="utf-8")  # no command: nothing to refuse
    os.chmod(followup.config, 0o666)
    followup("list")


def test_a_time_the_clocks_skip_is_refused_with_the_likely_one(tmp_path):
    followup = followup_with(tmp_path)
    result = followup("add", "--company", "D", "--interview-at", "2026-03-29 02:30", expect=2)
    assert "02:30 does not exist on 29 March in Europe/Paris" in result.stderr and "03:30?" in result.stderr
    assert followup.json("list", "--json") == []


def test_a_time_the_clocks_pass_twice_is_said_with_how_to_write_the_other(tmp_path):
    followup = followup_with(tmp_path)
    result = followup("add", "--company", "D", "--interview-at", "2026-10-25 02:30")
    assert "02:30 occurs twice on 25 October in Europe/Paris" in result.stderr
    assert "2026-10-25T02:30+01:00" in result.stderr
    assert followup.json("show", "1", "--json")["interviews"][0]["at"] == "2026-10-25T00:30:00Z"  # the first


def test_an_unknown_tz_is_named_once(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from followup_tui.cli import main

    monkeypatch.setenv("TZ", "Mars/Olympus")
    db = tmp_path / "data" / "followup.json"
    result = CliRunner().invoke(main, ["--db", str(db), "--config", str(tmp_path / "none.toml"), "list"])
    assert result.exit_code == 0
    assert result.stderr.count("TZ='Mars/Olympus'") == 1 and "UTC" in result.stderr
