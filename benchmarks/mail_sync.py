"""The mailbox sync's speed (issue 20), against a bare IMAP fetch measured in
the same run on the same local Dovecot:

    .venv/bin/python benchmarks/mail_sync.py              # 10,000 messages
    .venv/bin/python benchmarks/mail_sync.py --messages 2000 --runs 3

- first sync: `followup mail sync` as a process, on a mailbox of N messages
  (5% from or to the applications' people, the rest unrelated mail), against
  a process that logs in, EXAMINEs the folder and FETCHes the same header
  fields of every message in batches (imapclient, nothing else). Target: at
  most 2x the bare fetch, and under 15 s.
- nothing new: a second `followup mail sync`, and the same sync in process
  (Mailbox.read), against the bare process's login alone. Target: under 0.5 s.
- memory: the sync's peak RSS at N messages against at N/10 (batches keep it
  flat), and the bare fetch's.

Needs Dovecot (Debian's dovecot-imapd): the tests' fixture starts it on
127.0.0.1 in a temp folder. Dovecot indexes a new Maildir on its first
EXAMINE: that is done once before anything is timed, for both sides.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from datagen import generate  # noqa: E402
from dovecot_fixture import Dovecot, dovecot_server  # noqa: E402
from fixed import FIXED_NOW  # noqa: E402

from followup_tui.store import TinyDBRepository  # noqa: E402

PYTHON = sys.executable
PASSWORD_ENV = "FOLLOWUP_BENCH_IMAP_PASSWORD"
APPLICATIONS = 300

BARE = """
import sys, time
from imapclient import IMAPClient
from followup_tui.messaging.mail_parse import HEADER_FIELDS
port, user, password, only_login = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4] == "1"
item = "BODY.PEEK[HEADER.FIELDS (" + " ".join(HEADER_FIELDS) + ")]"
client = IMAPClient("127.0.0.1", port=port, ssl=False)
client.login(user, password)
client.select_folder("INBOX", readonly=True)
if not only_login:
    uids = client.search(["ALL"])
    for start in range(0, len(uids), 500):
        client.fetch(uids[start:start + 500], [item])
client.logout()
"""


def messages(count: int, apps) -> list[bytes]:
    """`count` messages: every 20th from one of the applications' people."""
    people = [(c.name, c.email) for a in apps for c in a.contacts if c.email]
    out = []
    for index in range(count):
        when = format_datetime(FIXED_NOW - timedelta(minutes=count - index))
        if index % 20 == 0:
            name, address = people[index // 20 % len(people)]
            head = f"From: {name} <{address}>\r\nSubject: Re: our conversation {index}\r\n"
            body = "Thanks for your note, we will get back to you next week.\r\n\r\n> earlier text\r\n"
        else:
            head = (f"From: Newsletter {index % 97} <news{index % 97}@lists.example.net>\r\n"
                    f"Subject: Weekly digest {index}\r\nList-Unsubscribe: <mailto:u@lists.example.net>\r\n")
            body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\r\n") * 4
        out.append((f"{head}To: bench@example.org\r\nDate: {when}\r\nMessage-ID: <bench-{index}@example.net>\r\n"
                    f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode())
    return out


def _high_water(pid: int) -> float:
    """The process's own peak RSS so far (VmHWM, MB); ru_maxrss would also
    count what the benchmark itself held when it forked the child."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_timed(args: list[str], env: dict) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB, polled every 10 ms) of a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _high_water(process.pid))
        time.sleep(0.01)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{args[:4]} failed with {process.returncode}")
    return elapsed, peak


def mailbox_of(server: Dovecot, user: str, count: int, apps) -> Dovecot:
    account = server.account(user)
    account.deliver_many("INBOX", messages(count, apps))
    # Dovecot indexes the new Maildir at its first EXAMINE: once, before timing
    subprocess.run([PYTHON, "-c", BARE, str(server.port), user, server.password, "0"], check=True)
    return account


def one_size(server: Dovecot, count: int, runs: int, work: Path) -> dict:
    apps = generate(APPLICATIONS, FIXED_NOW)
    figures: dict[str, list[float]] = {k: [] for k in ("sync", "bare", "sync_rss", "bare_rss", "again", "login",
                                                       "again_in_process")}
    for run in range(runs):
        user = f"bench{count}-{run}@example.org"
        account = mailbox_of(server, user, count, apps)
        db = work / f"data-{count}-{run}.json"
        TinyDBRepository.open(db).add_many([a.copy() for a in apps])
        config = work / f"config-{count}-{run}.toml"
        config.write_text(f'[imap]\nhost = "127.0.0.1"\nport = {account.port}\nsecurity = "none"\n'
                          f'user = "{user}"\npassword_env = "{PASSWORD_ENV}"\n', encoding="utf-8")
        env = {**os.environ, PASSWORD_ENV: account.password,
               "FOLLOWUP_DB": str(db), "FOLLOWUP_CONFIG": str(config), "FOLLOWUP_NOW": FIXED_NOW.isoformat()}
        bare = [PYTHON, "-c", BARE, str(account.port), user, account.password]
        t, rss = run_timed([*bare, "0"], env)
        figures["bare"].append(t)
        figures["bare_rss"].append(rss)
        t, rss = run_timed([PYTHON, "-m", "followup_tui", "mail", "sync"], env)
        figures["sync"].append(t)
        figures["sync_rss"].append(rss)
        figures["again"].append(run_timed([PYTHON, "-m", "followup_tui", "mail", "sync"], env)[0])
        figures["login"].append(run_timed([*bare, "1"], env)[0])
        figures["again_in_process"].append(in_process_again(env, db))
    return {key: statistics.median(values) for key, values in figures.items()}


def in_process_again(env: dict, db: Path) -> float:
    """A sync with nothing new, in the process (what the TUI's `g` costs)."""
    from followup_tui.messaging.mailbox import Mailbox
    from followup_tui.settings.schema import load_settings
    from followup_tui.store.mail_state import MailStateFile

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        mailbox = Mailbox(load_settings(Path(env["FOLLOWUP_CONFIG"])), MailStateFile(db))
        apps = TinyDBRepository.open(db).load_all()
        started = time.perf_counter()
        read = mailbox.read(apps, FIXED_NOW)
        elapsed = time.perf_counter() - started
        assert not read.findings and not read.proposals
        return elapsed
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="followup-mail-bench-"))
    # as an installed app runs: its modules compiled once, before anything is timed
    subprocess.run([PYTHON, "-c", "import followup_tui.cli.mail_commands, followup_tui.messaging.mailbox, "
                    "followup_tui.messaging.imap_read, followup_tui.domain.mail_record, followup_tui.cli.context"],
                   check=True)
    with dovecot_server() as server:
        big = one_size(server, options.messages, options.runs, work)
        small = one_size(server, max(options.messages // 10, 100), options.runs, work)
    n = options.messages
    ratio = big["sync"] / big["bare"]
    print(f"mailbox sync, {n:,} messages in INBOX, {APPLICATIONS} applications, median of {options.runs} run(s)")
    print(f"  first sync          {big['sync']:7.2f} s   bare fetch {big['bare']:6.2f} s   ratio {ratio:4.2f}x"
          f"   target <= 2x and < 15 s: {'ok' if ratio <= 2 and big['sync'] < 15 else 'MISSED'}")
    print(f"  nothing new (CLI)   {big['again']:7.2f} s   bare login {big['login']:6.2f} s   ratio "
          f"{big['again'] / big['login']:4.2f}x   target < 0.5 s: {'ok' if big['again'] < 0.5 else 'MISSED'}")
    print(f"  nothing new (in process, the TUI's g)   {big['again_in_process'] * 1000:7.1f} ms"
          f"   target < 0.5 s: {'ok' if big['again_in_process'] < 0.5 else 'MISSED'}")
    print(f"  peak RSS            {big['sync_rss']:7.1f} MB at {n:,}, {small['sync_rss']:.1f} MB at {n // 10:,}"
          f" (ratio {big['sync_rss'] / small['sync_rss']:.2f}x; bare fetch {big['bare_rss']:.1f} MB)")


if __name__ == "__main__":
    main()
