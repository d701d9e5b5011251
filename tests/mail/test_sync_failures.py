"""What goes wrong, said in one line, with nothing recorded half way; and
the mailbox itself never changes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from imapclient import IMAPClient
from mail.corpus import corpus
from mail.mail_env import environment, make_data, run, run_process, write_config
from mail.proxy import misbehaving_proxy
from dovecot_fixture import Dovecot, free_port

from followup_tui.store import TinyDBRepository


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "followup.json"
    make_data(path)
    return path


def one_line_failure(result, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert result.stdout == ""


def state_path(db: Path) -> Path:
    return db.with_name(db.name + ".mailbox.json")


@pytest.mark.parametrize(("change", "words"), [
    ({"password": "wrong"}, "refused the login"),
    ({"port": "closed"}, "cannot reach 127.0.0.1"),
    ({"inbox": "Nowhere"}, "the folder 'Nowhere' does not exist"),
    ({"sent": "Nowhere"}, "the folder 'Nowhere' does not exist"),
    ({"no_ca": True}, "TLS with 127.0.0.1"),
    ({"password": ""}, "no IMAP password"),
])
def test_each_failure_is_one_line_and_records_nothing(account: Dovecot, db: Path, tmp_path: Path, change: dict,
                                                     words: str) -> None:
    extra = "".join(f'{key} = "{change[key]}"\n' for key in ("inbox", "sent") if key in change)
    port = free_port() if change.get("port") == "closed" else None
    config = write_config(tmp_path / "config.toml", account, port=port, extra=extra)
    env = environment(account, db, config, password=change.get("password"))
    if change.get("no_ca"):
        env["SSL_CERT_FILE"] = str(tmp_path / "no-such-ca.pem")
    before = db.read_bytes()
    one_line_failure(run(env, "mail", "sync", "--json"), words)
    assert db.read_bytes() == before and not state_path(db).exists()


def test_tls_from_the_first_byte_with_a_trusted_certificate(account: Dovecot, db: Path, tmp_path: Path) -> None:
    env = environment(account, db, write_config(tmp_path / "config.toml", account, security="ssl"))
    result = run(env, "mail", "sync", "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) >= 8


def test_a_sync_changes_no_flag_of_any_message(account: Dovecot, db: Path, tmp_path: Path) -> None:
    def flags() -> dict:
        seen = {}
        with IMAPClient("127.0.0.1", port=account.port, ssl=False) as client:
            client.login(account.user, account.password)
            for folder in ("INBOX", "Sent"):
                client.select_folder(folder, readonly=True)
                for uid, data in client.fetch(client.search(["ALL"]), ["FLAGS"]).items():
                    seen[(folder, uid)] = sorted(f for f in data[b"FLAGS"] if f != b"\\Recent")
        files = sorted(p.name for p in account.maildir.rglob("*") if p.parent.name in ("cur", "new"))
        return {"imap": seen, "files": files}

    before = flags()
    assert any(f for f in before["imap"].values()) and any(not f for f in before["imap"].values())
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    assert run(env, "mail", "sync").exit_code == 0
    assert flags() == before


def test_a_connection_dropped_mid_fetch_records_nothing_and_the_next_sync_resumes(
        account: Dovecot, db: Path, tmp_path: Path) -> None:
    with misbehaving_proxy(account.port, "drop") as proxy:
        config = write_config(tmp_path / "proxy.toml", account, port=proxy.port, security="none")
        env = environment(account, db, config)
        before = db.read_bytes()
        result = run(env, "mail", "sync")
        assert proxy.fetching.is_set()
        one_line_failure(result, "nothing was recorded")
        assert db.read_bytes() == before and not state_path(db).exists()
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    resumed = run(env, "mail", "sync", "--json")
    assert resumed.exit_code == 0 and len(json.loads(resumed.stdout)) >= 8


def test_kill_9_during_a_sync_loses_nothing_and_doubles_nothing(account: Dovecot, db: Path, tmp_path: Path) -> None:
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    assert run(env, "mail", "sync").exit_code == 0  # a first sync, recorded
    first = db.read_bytes()
    for folder, raw, flags in corpus()[:3]:  # the same messages again, under new UIDs
        account.deliver(folder, raw, flags)
    with misbehaving_proxy(account.port, "stall") as proxy:
        config = write_config(tmp_path / "proxy.toml", account, port=proxy.port, security="none")
        process = run_process(environment(account, db, config), "mail", "sync")
        assert proxy.fetching.wait(60), process.communicate(timeout=5)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert db.read_bytes() == first
    again = run(env, "mail", "sync", "--json")
    assert again.exit_code == 0 and json.loads(again.stdout) == []
    apps = TinyDBRepository.open(db).load_all()
    ids = [e.message_id for a in apps for e in a.events if e.message_id]
    assert len(ids) == len(set(ids))


def test_the_password_is_never_written_anywhere(account: Dovecot, db: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml", account)
    env = environment(account, db, config)
    outputs = [run(env, "mail", "sync", "--json"), run(env, "mail", "review", "--json"), run(env, "mail", "sync"),
               run(env, "mail", "review")]
    # and through a password command, with a failing login (the error names no password)
    command = write_config(tmp_path / "command.toml", account, extra=f'password_command = "echo {account.password}x"\n')
    outputs.append(run(environment(account, db, command), "mail", "sync"))
    assert outputs[-1].exit_code == 2
    secret = account.password.encode()
    for result in outputs:
        assert secret not in result.stdout_bytes + result.stderr_bytes
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != command:
            assert secret not in path.read_bytes(), path


HOLD_THE_LOCK = """
import sys
from pathlib import Path
from followup_tui.domain.settings import Settings
from followup_tui.messaging.mailbox import Mailbox
from followup_tui.store.mail_state import MailStateFile
mailbox = Mailbox(Settings(), MailStateFile(Path(sys.argv[1])), Path("unused.toml"))
with mailbox.lock():
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_second_sync_while_one_runs_is_one_line_and_the_next_one_runs(account: Dovecot, db: Path,
                                                                         tmp_path: Path) -> None:
    """The TUI's timer and a cron job: one sync at a time, held by another
    process; once it is done the next sync runs."""
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    holder = subprocess.Popen([sys.executable, "-B", "-c", HOLD_THE_LOCK, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    try:
        assert holder.stdout.readline() == "held\n"
        before = db.read_bytes()
        one_line_failure(run(env, "mail", "sync", "--json"), "another mail sync is running")
        assert db.read_bytes() == before
    finally:
        holder.communicate("done\n", timeout=30)
    result = run(env, "mail", "sync", "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) >= 8


RECORD_IMPORTS = """
import atexit, runpy, sys
out = sys.argv[2]
atexit.register(lambda: open(out, "w").write("\\n".join(sorted(sys.modules))))
sys.argv = ["followup", "mail", "sync", sys.argv[1]]
runpy.run_module("followup_tui", run_name="__main__")
"""


def test_a_sync_with_nothing_new_loads_neither_the_data_nor_smtp(account: Dovecot, db: Path, tmp_path: Path) -> None:
    """What keeps `followup mail sync` with nothing new under 0.5 s (issue 20,
    benchmarks/mail_sync.py): the data file, its decoder and the lock library
    are not even imported; the second sync below must not need them."""
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    assert run(env, "mail", "sync").exit_code == 0
    modules = tmp_path / "modules.txt"
    done = subprocess.run([sys.executable, "-B", "-c", RECORD_IMPORTS, "--json", str(modules)],
                          env={**os.environ, **env, "PYTHONDONTWRITEBYTECODE": "1"}, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout) == [], done.stderr
    loaded = set(modules.read_text().split())
    assert "imapclient" in loaded  # it did read the mailbox
    assert not loaded & {"smtplib", "filelock", "tinydb", "msgspec", "followup_tui.store.tinydb_store"}, (
        loaded & {"smtplib", "filelock", "tinydb", "msgspec", "followup_tui.store.tinydb_store"})
