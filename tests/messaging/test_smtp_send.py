"""Sending to a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import pytest
from fixed import FIXED_NOW
from smtp_fixture import free_port, smtp_server

from followup_tui.domain.settings import SmtpSettings
from followup_tui.messaging.eml import build_message
from followup_tui.messaging.password import resolve_password
from followup_tui.messaging.smtp_send import SendError, send_message

# The test server allows login without TLS on loopback, which aiosmtpd warns about.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def message(to: str = "maya.lindqvist@orbital-robotics.com"):
    return build_message(
        to=to, subject="Thank you", body="Dear Maya,\nthank you.", now=FIXED_NOW, from_address="sam@rivera.dev"
    )


def test_sends_without_login():
    with smtp_server() as server:
        smtp = SmtpSettings(host=server.host, port=server.port, security="none", from_address="sam@rivera.dev")
        accepted = send_message(message(), smtp, environ={})
    assert accepted == ["maya.lindqvist@orbital-robotics.com"]
    [got] = server.received
    assert got.mail_from == "sam@rivera.dev"
    assert got.rcpt_tos == ["maya.lindqvist@orbital-robotics.com"]
    assert got.message["Subject"] == "Thank you"
    assert got.message.get_content().replace("\r\n", "\n") == "Dear Maya,\nthank you.\n"


def test_logs_in_with_the_password_from_the_environment():
    with smtp_server(user="sam", password="s3cret") as server:
        smtp = SmtpSettings(host=server.host, port=server.port, security="none", user="sam", from_address="sam@rivera.dev")
        send_message(message(), smtp, environ={"FOLLOWUP_SMTP_PASSWORD": "s3cret"})
    assert server.logins == [("sam", "s3cret")]
    assert len(server.received) == 1


def test_wrong_password_is_a_clear_error_and_nothing_is_sent():
    with smtp_server(user="sam", password="s3cret") as server:
        smtp = SmtpSettings(host=server.host, port=server.port, security="none", user="sam", from_address="sam@rivera.dev")
        with pytest.raises(SendError, match="refused the user name or password"):
            send_message(message(), smtp, environ={"FOLLOWUP_SMTP_PASSWORD": "wrong"})
    assert server.received == []


def test_password_command_wins_and_its_first_line_is_used():
    smtp = SmtpSettings(host="x", user="sam", password_command="printf 'from-cmd\\nsecond'")
    assert resolve_password(smtp, environ={"FOLLOWUP_SMTP_PASSWORD": "env"}) == "from-cmd"
    assert resolve_password(SmtpSettings(host="x", user="sam"), environ={"FOLLOWUP_SMTP_PASSWORD": "env"}) == "env"
    assert resolve_password(SmtpSettings(host="x", user="sam"), environ={}) is None


@pytest.mark.parametrize(
    ("command", "match"),
    [("echo oops >&2; exit 4", "password command failed: oops"), ("true", "printed nothing")],
)
def test_failing_password_command(command: str, match: str):
    smtp = SmtpSettings(host="127.0.0.1", port=free_port(), user="sam", from_address="s@x.dev", password_command=command)
    with pytest.raises(SendError, match=match):
        send_message(message(), smtp, environ={})


def test_missing_password_and_unencrypted_remote_login_are_refused():
    smtp = SmtpSettings(host="127.0.0.1", port=1, user="sam", from_address="s@x.dev")
    with pytest.raises(SendError, match=r"no password for sam: set \$FOLLOWUP_SMTP_PASSWORD"):
        send_message(message(), smtp, environ={})
    remote = SmtpSettings(host="smtp.example.com", security="none", user="sam", from_address="s@x.dev")
    with pytest.raises(SendError, match="unencrypted"):
        send_message(message(), remote, environ={"FOLLOWUP_SMTP_PASSWORD": "pw"})


def test_closed_port_is_a_clear_error():
    smtp = SmtpSettings(host="127.0.0.1", port=free_port(), security="none", from_address="sam@rivera.dev")
    with pytest.raises(SendError, match=r"could not connect to 127\.0\.0\.1:\d+"):
        send_message(message(), smtp, environ={})


def test_tls_against_a_plain_server_fails_clearly():
    with smtp_server() as server:
        starttls = SmtpSettings(host=server.host, port=server.port, security="starttls", from_address="s@x.dev")
        with pytest.raises(SendError, match="does not support STARTTLS"):
            send_message(message(), starttls, environ={})
        ssl_on_plain = SmtpSettings(host=server.host, port=server.port, security="ssl", from_address="s@x.dev")
        with pytest.raises(SendError, match="secure connection .* failed"):
            send_message(message(), ssl_on_plain, environ={})
    assert server.received == []


def test_not_configured_or_no_sender():
    with pytest.raises(SendError, match=r"\[smtp\]"):
        send_message(message(), SmtpSettings(), environ={})
    no_from = build_message(to="a@b.com", subject="s", body="b", now=FIXED_NOW)
    with pytest.raises(SendError, match="from_address"):
        send_message(no_from, SmtpSettings(host="127.0.0.1"), environ={})
