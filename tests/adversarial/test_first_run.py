"""The first-run screen, as a user meets it: the real `followup` in a real
pseudo-terminal, with --config in tmp_path. It asks once on the user's own
data, writes the file, and never shows in the demo."""

from __future__ import annotations

import tomllib

from adversarial.pty_run import PtyProcess, clean_env, followup_argv

CTRL_S = "\x13"


def test_followup_asks_once_writes_the_config_and_then_opens_on_the_board(tmp_path):
    db, config = tmp_path / "data" / "followup.json", tmp_path / "conf" / "config.toml"
    env = clean_env(tmp_path, past_first_run=False)
    proc = PtyProcess(followup_argv("--db", str(db), "--config", str(config)), env)
    try:
        proc.wait_for_text("Welcome to followup")
        proc.wait_for_text("your full name")  # the name field, focused
        proc.send("Ada Lovelace")
        proc.wait_for_text("Ada Lovelace")
        proc.send(CTRL_S)
        proc.wait_for_text("Settings saved")
        proc.wait_until_gone("Welcome to followup")
        proc.send("q")
        assert proc.finish() == 0
    finally:
        proc.kill()
    assert tomllib.loads(config.read_text())["user_name"] == "Ada Lovelace"

    again = PtyProcess(followup_argv("--db", str(db), "--config", str(config)), env)
    try:
        again.wait_for_text("Quit")  # the board's footer (the first-run screen has none)
        assert "Welcome" not in again.text()
        again.send("q")
        assert again.finish() == 0
    finally:
        again.kill()


def test_the_demo_never_shows_the_first_run_screen(tmp_path):
    config = tmp_path / "conf" / "config.toml"
    proc = PtyProcess(followup_argv("--config", str(config), "demo"), clean_env(tmp_path, past_first_run=False))
    try:
        proc.wait_for_text("Bluebird Logi")  # demo data on the board
        assert "Welcome" not in proc.text()
        proc.send("q")
        assert proc.finish() == 0
    finally:
        proc.kill()
    assert not config.exists()
