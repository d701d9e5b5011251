"""Closing the loop: what the app sends carries a Message-ID the history keeps
(so replies are sure), a copy goes to the sent folder only when asked
(save_sent), and `followup due --mail` sends you today's digest."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from imapclient import IMAPClient
from mail.corpus import ME, crlf, when
from mail.mail_env import NOW, PASSWORD_ENV, environment, fresh_account, make_data, run, write_config
from dovecot_fixture import Dovecot
from smtp_fixture import smtp_server

from followup_tui.domain.model import Application, Interview
from followup_tui.domain.settings import ImapSettings, Settings, SmtpSettings
from followup_tui.messaging.outbox import Outbox
from followup_tui.store import TinyDBRepository


def sent_folder(account: Dovecot) -> list[tuple[bytes, tuple]]:
    with IMAPClient("127.0.0.1", port=account.port, ssl=False) as client:
        client.login(account.user, account.password)
        client.select_folder("Sent", readonly=True)
        found = client.fetch(client.search(["ALL"]), ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]", "FLAGS"])
        return [(data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"], data[b"FLAGS"]) for data in found.values()]


@pytest.mark.parametrize("save_sent", [True, False])
def test_a_copy_goes_to_the_sent_folder_only_when_asked(dovecot: Dovecot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, save_sent: bool) -> None:
    account = fresh_account(dovecot)
    monkeypatch.setenv(PASSWORD_ENV, account.password)
    monkeypatch.setenv("SSL_CERT_FILE", str(account.cert))
    with smtp_server() as server:
        settings = Settings(
            smtp=SmtpSettings(host=server.host, port=server.port, security="none", from_address=ME),
            imap=ImapSettings(host="127.0.0.1", port=account.port, security="starttls", user=account.user,
                              password_env=PASSWORD_ENV, save_sent=save_sent))
        outbox = Outbox(settings, tmp_path / "exports", tmp_path / "config.toml")
        message = outbox.build("jane.doe@acme-robotics.com", "Thank you", "Thank you for today.", NOW, draft=False)
        assert outbox.send(message) == ["jane.doe@acme-robotics.com"]
    assert outbox.copy_problem == ""
    copies = sent_folder(account)
    if save_sent:
        [(header, flags)] = copies
        assert message["Message-ID"].encode() in header and b"\\Seen" in flags
    else:
        assert copies == []


def test_a_reply_to_what_the_app_sent_is_sure_by_its_message_id(dovecot: Dovecot, tmp_path: Path) -> None:
    account = fresh_account(dovecot)
    db = tmp_path / "data" / "followup.json"
    ids = make_data(db)
    repo = TinyDBRepository.open(db)
    repo.modify(ids["Globex"], lambda a: a.record_sent("follow-up", NOW - timedelta(days=3), recipient="hr@globex.com",
                                                       message_id="<sent-by-app-1@example.org>"))
    account.deliver("INBOX", crlf(f"""From: Hiring Manager <hm.globex@gmail.com>
To: {ME}
Subject: Re: Following up
Date: {when(13)}
Message-ID: <answer-to-app@mail.gmail.com>
In-Reply-To: <sent-by-app-1@example.org>
Content-Type: text/plain; charset=utf-8

Thanks for checking in, we will decide next week.
"""))
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    [finding] = json.loads(run(env, "mail", "sync", "--json").stdout)
    assert (finding["application_id"], finding["status"], finding["kind"]) == (ids["Globex"], "recorded", "response")
    assert "<sent-by-app-1@example.org>" in finding["reason"]


def due_today_data(db: Path) -> None:
    round_end = NOW - timedelta(hours=30)  # the thank-you is overdue
    TinyDBRepository.open(db).add(Application(company="Acme Robotics", stage="interview",
                                              interviews=[Interview(at=round_end - timedelta(hours=1), with_names=["Jane"])]))


def digest_env(tmp_path: Path, server) -> dict:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nhost = "{server.host}"\nport = {server.port}\nsecurity = "none"\n'
                      f'from_address = "{ME}"\n', encoding="utf-8")
    return {"FOLLOWUP_DB": str(tmp_path / "data.json"), "FOLLOWUP_CONFIG": str(config),
            "FOLLOWUP_NOW": NOW.isoformat()}


def test_due_mail_sends_you_todays_digest(tmp_path: Path) -> None:
    due_today_data(tmp_path / "data.json")
    with smtp_server() as server:
        result = run(digest_env(tmp_path, server), "due", "--mail")
        assert result.exit_code == 0, result.output
    [got] = server.received
    assert got.rcpt_tos == [ME] and got.message["To"] == ME
    assert got.message["Subject"] == "followup: 1 thing due today"
    body = got.message.get_content()
    assert "Acme Robotics" in body and "thank-you" in body
    assert got.message.get_content_type() == "text/plain"


def test_due_mail_sends_nothing_when_nothing_is_due(tmp_path: Path) -> None:
    TinyDBRepository.open(tmp_path / "data.json").add(Application(company="Quiet", stage="applied"))
    with smtp_server() as server:
        result = run(digest_env(tmp_path, server), "due", "--mail")
    assert result.exit_code == 0 and "nothing due today" in result.stdout
    assert server.received == []


def test_due_mail_without_smtp_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    result = run({"FOLLOWUP_DB": str(tmp_path / "d.json"), "FOLLOWUP_CONFIG": str(config)}, "due", "--mail")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "not set up" in result.stderr
