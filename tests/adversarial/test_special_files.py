"""Symlinks, FIFOs, devices, modes, and an atomic export (issue 14 item 5 and "smaller")."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from adversarial.pty_run import clean_env, followup_argv
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.errors import StoreError
from followup_tui.factory import build_app


def cli(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args])


def one_line(result, *words):
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in words), lines
    return lines[0]


def test_a_symlinked_data_file_is_followed_written_and_locked_at_its_target(tmp_path):
    real = tmp_path / "sync" / "followup.json"
    real.parent.mkdir(mode=0o700)
    assert cli(real, "add", "--company", "Acme").exit_code == 0
    link = tmp_path / "home" / "data" / "followup.json"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    assert cli(link, "add", "--company", "Beta").exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert sorted(r["company"] for r in json.loads(real.read_text())["applications"].values()) == ["Acme", "Beta"]
    assert (real.parent / "followup.json.lock").exists()
    assert not (link.parent / "followup.json.lock").exists()
    assert list(link.parent.iterdir()) == [link]  # no temp file, no lock, no backup beside the link
    assert cli(link, "delete", "1").exit_code == 0  # backs up beside the real file
    assert (real.parent / "followup.json.backups").is_dir()


def test_a_dangling_link_is_refused_not_replaced(tmp_path):
    link = tmp_path / "data" / "followup.json"
    link.parent.mkdir()
    gone = tmp_path / "unmounted" / "followup.json"
    link.symlink_to(gone)
    source = tmp_path / "in.json"
    source.write_text('[{"company": "Gamma"}]')
    for args in (["list"], ["add", "--company", "Acme"], ["import", str(source)], ["delete", "1"]):
        one_line(cli(link, *args), str(link), "does not exist")
    assert link.is_symlink() and not gone.parent.exists()
    with pytest.raises(StoreError, match="does not exist"):
        build_app(link)


@pytest.mark.parametrize("kind", ["fifo", "device link", "device"])
def test_a_fifo_or_a_device_at_the_data_path_is_refused_at_once(tmp_path, kind):
    db = tmp_path / "data" / "followup.json"
    db.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(db)
    elif kind == "device link":
        db.symlink_to("/dev/null")
    else:
        try:
            os.mknod(db, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    for args in (["list"], ["add", "--company", "Acme"]):
        done = subprocess.run(followup_argv("--db", str(db), *args), capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, env=clean_env(tmp_path), timeout=30)  # never hangs
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.splitlines()) == 1 and "not a data file" in done.stderr
    with pytest.raises(StoreError, match="not a data file"):
        build_app(db)


def test_an_existing_open_data_folder_is_made_private_with_a_notice(tmp_path):
    db = tmp_path / "data" / "followup.json"
    db.parent.mkdir(mode=0o755)
    db.parent.chmod(0o755)
    result = cli(db, "add", "--company", "Acme")
    assert result.exit_code == 0
    assert "made private (0700)" in result.stderr
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert cli(db, "list").stderr == ""  # said once


def test_a_shared_folder_is_not_changed_but_the_user_is_told(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    (shared / "someone-elses.txt").write_text("x")
    result = cli(shared / "followup.json", "list")
    assert result.exit_code == 0 and "others can read this folder" in result.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755


def test_a_read_only_data_file_is_refused_not_made_writable(tmp_path):
    db = tmp_path / "data" / "followup.json"
    assert cli(db, "add", "--company", "Acme").exit_code == 0
    db.chmod(0o400)
    before = db.read_bytes()
    one_line(cli(db, "add", "--company", "Beta"), str(db), "read-only")
    assert stat.S_IMODE(db.stat().st_mode) == 0o400 and db.read_bytes() == before


FULL_DISK_EXPORT = """
import resource, signal, sys
from followup_tui.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (2000, resource.RLIM_INFINITY))  # writes past 2 kB fail
main(sys.argv[1:], prog_name="followup")
"""


def test_export_to_a_file_is_atomic_on_a_full_disk(tmp_path):
    db = tmp_path / "data" / "followup.json"
    assert cli(db, "add", "--company", "Acme", "--role", "r" * 5000).exit_code == 0
    out = tmp_path / "out" / "export.json"
    out.parent.mkdir()
    out.write_text("the previous export")
    done = subprocess.run([sys.executable, "-B", "-c", FULL_DISK_EXPORT, "--db", str(db), "export", "-o", str(out)],
                          capture_output=True, text=True, env=clean_env(tmp_path), timeout=60)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "could not write the export" in done.stderr
    assert out.read_text() == "the previous export"
    assert [p.name for p in out.parent.iterdir()] == ["export.json"]
    ok = cli(db, "export", "-o", str(out))
    assert ok.exit_code == 0 and json.loads(out.read_text())
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
