"""What the mailbox tests share: a data file with the applications the corpus
writes about, a config pointing at the test Dovecot, and running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner, Result
from mail.corpus import BASE, ME
from dovecot_fixture import Dovecot

from followup_tui.cli import main
from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store import TinyDBRepository

PASSWORD_ENV = "FOLLOWUP_TEST_IMAP_PASSWORD"
NOW = BASE + timedelta(days=14)


def applications() -> list[Application]:
    created = BASE - timedelta(days=20)
    return [
        Application(company="Acme Robotics", role="Platform Engineer", company_domain="acme-robotics.com",
                    stage="interview", applied_on=date(2026, 2, 10), created=created,
                    contacts=[Contact(name="Jane Doe", email="jane.doe@acme-robotics.com")],
                    interviews=[Interview(at=BASE + timedelta(hours=1), with_names=["Jane Doe"])]),
        Application(company="Globex", role="Data Analyst", company_domain="globex.com", stage="applied",
                    applied_on=date(2026, 2, 12), created=created),
        Application(company="Initech", role="Developer", company_domain="initech.io", stage="applied",
                    applied_on=date(2026, 2, 14), created=created),
        Application(company="Pied Piper", role="Compression Engineer", stage="interview",
                    applied_on=date(2026, 2, 1), created=created),
        Application(company="Umbrella", role="Chemist", company_domain="umbrella-corp.com", stage="applied",
                    applied_on=date(2026, 2, 20), created=created,
                    contacts=[Contact(name="Bob", email="bob@umbrella-corp.com")]),
        Application(company="Société Lumière", role="Ingénieur", company_domain="lumiere.fr", stage="applied",
                    applied_on=date(2026, 2, 21), created=created,
                    contacts=[Contact(name="Zoë Müller", email="zoe@lumiere.fr"),
                              Contact(name="Jérôme Dupont", email="jerome@lumiere.fr")]),
        Application(company="Hooli", role="SRE", stage="applied", applied_on=date(2026, 2, 22), created=created),
    ]


def make_data(db: Path) -> dict[str, int]:
    repo = TinyDBRepository.open(db)
    return {app.company: app.id for app in repo.add_many(applications())}


def fresh_account(server: Dovecot) -> Dovecot:
    return server.account(f"u{uuid.uuid4().hex[:10]}@example.org")


def write_config(path: Path, server: Dovecot, *, port: int | None = None, security: str = "starttls",
                 extra: str = "") -> Path:
    path.write_text(
        f'[smtp]\nfrom_address = "{ME}"\n'
        f'[imap]\nhost = "127.0.0.1"\nport = {port or (server.tls_port if security == "ssl" else server.port)}\n'
        f'security = "{security}"\nuser = "{server.user}"\npassword_env = "{PASSWORD_ENV}"\n{extra}',
        encoding="utf-8",
    )
    return path


def environment(server: Dovecot, db: Path, config: Path, password: str | None = None) -> dict[str, str]:
    return {
        "FOLLOWUP_DB": str(db), "FOLLOWUP_CONFIG": str(config),
        PASSWORD_ENV: server.password if password is None else password,
        "SSL_CERT_FILE": str(server.cert),  # trust the fixture's self-signed certificate
        "FOLLOWUP_NOW": NOW.isoformat(),
    }


def run(env: dict[str, str], *args: str) -> Result:
    """The CLI in this process (fast)."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # ssl reads SSL_CERT_FILE from the real environment
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_process(env: dict[str, str], *args: str, **popen) -> subprocess.Popen:
    """The installed CLI in its own process (for kills)."""
    full = {**os.environ, **env, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen([sys.executable, "-B", "-m", "followup_tui", *args], env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def utc(days: float) -> datetime:
    return (BASE + timedelta(days=days)).astimezone(timezone.utc)
