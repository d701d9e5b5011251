"""Where the data lives: --db, then FOLLOWUP_DB, then the platform's user data
directory; and nothing is created just by importing or asking for help."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.settings.paths import config_path, db_path


def all_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_db_path_order_explicit_then_env_then_user_data_dir(private_home, monkeypatch):
    assert db_path() == private_home / "data" / "followup-tui" / "followup.json"
    monkeypatch.setenv("FOLLOWUP_DB", "~/from-env.json")
    assert db_path() == private_home / "from-env.json"
    assert db_path("~/explicit.json") == private_home / "explicit.json"
    assert db_path(Path("/srv/x.json")) == Path("/srv/x.json")


def test_config_path_order(private_home, monkeypatch):
    assert config_path() == private_home / "config" / "followup-tui" / "config.toml"
    monkeypatch.setenv("FOLLOWUP_CONFIG", "/etc/f.toml")
    assert config_path() == Path("/etc/f.toml")
    assert config_path("~/c.toml") == private_home / "c.toml"


def test_resolving_paths_creates_nothing(private_home):
    db_path()
    config_path()
    assert all_files(private_home) == []


def test_cli_uses_the_user_data_dir_by_default(private_home):
    result = CliRunner().invoke(main, ["add", "--company", "Acme"])
    assert result.exit_code == 0, result.stderr
    data = private_home / "data" / "followup-tui" / "followup.json"
    assert json.loads(data.read_text())["applications"]["1"]["company"] == "Acme"
    assert stat.S_IMODE(data.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(data.stat().st_mode) == 0o600


def test_followup_db_env_and_db_option_override(tmp_path, private_home):
    from_env, from_option = tmp_path / "env" / "a.json", tmp_path / "opt" / "b.json"
    runner = CliRunner(env={"FOLLOWUP_DB": str(from_env)})
    assert runner.invoke(main, ["add", "--company", "ViaEnv"]).exit_code == 0
    assert runner.invoke(main, ["--db", str(from_option), "add", "--company", "ViaOption"]).exit_code == 0

    def companies(path: Path) -> list[str]:
        return [a["company"] for a in json.loads(path.read_text())["applications"].values()]

    assert companies(from_env) == ["ViaEnv"]
    assert companies(from_option) == ["ViaOption"]
    assert not (private_home / "data").exists()


def test_nothing_is_created_at_import_time_or_for_help(tmp_path):
    home, cwd = tmp_path / "empty-home", tmp_path / "empty-cwd"
    home.mkdir()
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "FOLLOWUP_"))}
    env["HOME"] = str(home)
    code = (
        "import followup_tui, followup_tui.cli, followup_tui.settings.paths, followup_tui.store, "
        "followup_tui.transfer, followup_tui.settings.schema, followup_tui.domain.model"
    )
    commands = [
        [sys.executable, "-c", code],
        [sys.executable, "-m", "followup_tui", "--help"],
        [sys.executable, "-m", "followup_tui", "--version"],
        [sys.executable, "-m", "followup_tui", "add", "--bogus"],
    ]
    for command in commands:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 2), done.stderr
        assert all_files(home) == [], command
        assert all_files(cwd) == [], command
