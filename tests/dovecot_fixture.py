"""A real Dovecot IMAP server on 127.0.0.1 for the mailbox tests.

Its own config, Maildir (one per test user), certificate and run directories, all in
one temp folder; started in the foreground (`dovecot -F -c conf`) on free ports
(IMAP with STARTTLS, and IMAPS), stopped at teardown. Dovecot refuses uid 0
for mail, so the Maildir belongs to `nobody` (when the tests run as root), and
its unprivileged processes must reach their folders: the folder is made by
mkdtemp in the system's temp directory (traversable, never listable, by
others) and removed at teardown, rather than under pytest's base temp folder,
which every pytest session started as the same user makes private again.

Where Dovecot is absent the tests skip with the reason; with
FOLLOWUP_REQUIRE_SERVERS=1 (CI) they fail instead.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "sam@example.org", "correct-horse-battery"
START_TIMEOUT = 30.0


def require_servers() -> bool:
    return os.environ.get("FOLLOWUP_REQUIRE_SERVERS") == "1"


def no_server(reason: str) -> None:
    """Skip on a developer's machine, fail in CI."""
    if require_servers():
        pytest.fail(f"{reason} (FOLLOWUP_REQUIRE_SERVERS=1: this must run)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Dovecot:
    root: Path
    port: int  # plain IMAP (STARTTLS offered)
    tls_port: int  # IMAPS
    cert: Path
    user: str
    password: str
    mail_uid: int
    mail_gid: int

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / self.user

    def folder_dir(self, folder: str) -> Path:
        return self.maildir if folder == "INBOX" else self.maildir / f".{folder}"

    def make_folder(self, folder: str) -> Path:
        where = self.folder_dir(folder)
        for sub in ("cur", "new", "tmp"):
            (where / sub).mkdir(parents=True, exist_ok=True)
        self._own(self.maildir)
        return where

    def deliver(self, folder: str, raw: bytes, flags: str = "") -> Path:
        """Put a message straight into the Maildir (as a mail client's copy would be)."""
        where = self.make_folder(folder)
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.followup-test:2,{''.join(sorted(flags))}"
        path = where / "cur" / name
        path.write_bytes(raw)
        os.chown(path, self.mail_uid, self.mail_gid)
        return path

    def deliver_many(self, folder: str, messages: list[bytes]) -> None:
        where = self.make_folder(folder)
        stamp = time.time_ns()
        for index, raw in enumerate(messages):
            path = where / "cur" / f"{stamp}.{index}.followup-test:2,"
            path.write_bytes(raw)
            os.chown(path, self.mail_uid, self.mail_gid)

    def account(self, user: str) -> Dovecot:
        """The same server, seen as another user (a fresh, empty mailbox)."""
        other = replace(self, user=user)
        other.make_folder("INBOX")
        other.make_folder("Sent")
        return other

    def drop_folder_state(self, folder: str) -> None:
        """Rebuild a folder's UID list with another UIDVALIDITY (as a server
        whose mailbox was rebuilt does): every message gets a new UID."""
        where = self.folder_dir(folder)
        uidlist = where / "dovecot-uidlist"
        first = uidlist.read_text().split("\n", 1)[0] if uidlist.exists() else ""
        old = next((int(word[1:]) for word in first.split() if word.startswith("V")), 1000)
        for name in os.listdir(where):
            if name.startswith("dovecot"):
                target = where / name
                shutil.rmtree(target) if target.is_dir() else target.unlink()
        index = self.root / "index" / self.user
        if index.exists():
            shutil.rmtree(index)
        uidlist.write_text(f"3 V{old + 7} N1\n")
        os.chown(uidlist, self.mail_uid, self.mail_gid)

    def _own(self, top: Path) -> None:
        for folder, dirs, files in os.walk(top):
            os.chown(folder, self.mail_uid, self.mail_gid)
            for name in files:
                os.chown(os.path.join(folder, name), self.mail_uid, self.mail_gid)


def _certificate(root: Path) -> tuple[Path, Path]:
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


def _config(root: Path, port: int, tls_port: int, cert: Path, key: Path, uid: int, gid: int) -> str:
    running_as_root = os.geteuid() == 0
    me = pwd.getpwuid(os.geteuid()).pw_name
    internal = "dovecot" if running_as_root else me
    login = "dovenull" if running_as_root else me
    return f"""
instance_name = followup-test-{port}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/log/dovecot.log
info_log_path = {root}/log/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {min(uid, 1)}
mail_location = maildir:{root}/mail/%u:INDEX={root}/index/%u
mail_uid = {uid}
mail_gid = {gid}
mail_privileged_group =
namespace inbox {{
  inbox = yes
  separator = .
  mailbox Sent {{
    special_use = \\Sent
  }}
}}
# any user name logs in with the one password: each test takes its own
# user, so its own empty Maildir, on one server per test module
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  # No authentication penalty: the tests share one server (and 127.0.0.1),
  # and the penalty a refused login earns (2, 4, 8... s for every login from
  # the address) delayed whichever tests ran next. Each refused login still
  # waits Dovecot's own auth_failure_delay (2 s), as on any server.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
}}
"""


def _wait_listening(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text(errors="replace")[-800:] if log.exists() else ""
            raise RuntimeError(f"dovecot exited with {process.returncode}: {detail}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                if conn.recv(200).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)  # polling a condition (Dovecot answers), with a deadline
    raise RuntimeError(f"dovecot did not answer on port {port} within {START_TIMEOUT:.0f} s")


@contextmanager
def dovecot_server() -> Iterator[Dovecot]:
    if not os.path.exists(DOVECOT):
        no_server("Dovecot is not installed (Debian: apt-get install dovecot-imapd): the IMAP tests need it")
    if shutil.which("openssl") is None:
        no_server("openssl is not installed: the IMAP tests make a self-signed certificate with it")
    root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    os.chmod(root, 0o711)
    if os.geteuid() == 0:
        entry = pwd.getpwnam("nobody")
        uid, gid = entry.pw_uid, entry.pw_gid
    else:
        uid, gid = os.geteuid(), os.getegid()
    for sub in ("run", "state", "log", "mail", "index"):
        (root / sub).mkdir(exist_ok=True)
    for sub in ("mail", "index"):
        os.chown(root / sub, uid, gid)
    cert, key = _certificate(root)
    port, tls_port = free_port(), free_port()
    conf = root / "dovecot.conf"
    conf.write_text(_config(root, port, tls_port, cert, key, uid, gid), encoding="utf-8")
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        try:
            _wait_listening(port, process, root / "log" / "dovecot.log")
        except RuntimeError as exc:
            no_server(f"Dovecot could not start: {exc}")
        server = Dovecot(root, port, tls_port, cert, USER, PASSWORD, uid, gid)
        server.make_folder("INBOX")
        server.make_folder("Sent")
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process.stderr is not None:
            process.stderr.close()
        shutil.rmtree(root, ignore_errors=True)
