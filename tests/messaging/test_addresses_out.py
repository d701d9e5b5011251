"""Addresses in the .eml and over SMTP: display names with commas, several
recipients, internationalised domains (IDNA) and local parts (SMTPUTF8),
against a real aiosmtpd on 127.0.0.1."""

from __future__ import annotations

import email
from email.policy import default

import pytest
from fixed import FIXED_NOW
from smtp_fixture import smtp_server

from followup_tui.domain.errors import FollowupError
from followup_tui.domain.settings import SmtpSettings
from followup_tui.messaging.eml import AddressError, ExportError, build_message, message_bytes, write_eml
from followup_tui.messaging.smtp_send import SendError, send_message


def build(to: str, from_address: str = "sam@rivera.dev", from_name: str = "Sam Rivera"):
    return build_message(to=to, subject="Thank you", body="Hi,\nthanks.", now=FIXED_NOW,
                         from_address=from_address, from_name=from_name, draft=True)


def settings(server) -> SmtpSettings:
    return SmtpSettings(host=server.host, port=server.port, security="none", from_address="sam@rivera.dev")


def test_display_names_with_commas_and_several_recipients_in_the_eml(tmp_path):
    path = write_eml(build('"Doe, Jane" <jane@acme.com>; Bo Li <bo@acme.com>'), tmp_path / "m.eml")
    parsed = email.message_from_bytes(path.read_bytes(), policy=default)
    assert [(a.display_name, a.addr_spec) for a in parsed["To"].addresses] == [
        ("Doe, Jane", "jane@acme.com"), ("Bo Li", "bo@acme.com")]


def test_an_internationalised_domain_is_written_in_its_idna_form(tmp_path):
    data = message_bytes(build("José <jose@bücher.de>"))
    assert b"jose@xn--bcher-kva.de" in data
    assert data.isascii()  # any client and server can take it
    # the name may be an encoded-word, the address itself never (the old header was "jose@=?utf-8?q?b=C3=BCcher?=.de")
    assert b"To: =?utf-8?q?Jos=C3=A9?= <jose@xn--bcher-kva.de>\r\n" in data


def test_an_internationalised_sender_no_longer_crashes_the_export(tmp_path):
    message = build("jane@acme.com", from_address="jösé@bücher.de", from_name="José")
    path = write_eml(message, tmp_path / "m.eml")
    assert "From: José <jösé@xn--bcher-kva.de>\r\n" in path.read_bytes().decode("utf-8")  # RFC 6532 UTF-8 header
    parsed = email.message_from_string(path.read_bytes().decode("utf-8"), policy=default)
    assert parsed["From"].addresses[0].addr_spec == "jösé@xn--bcher-kva.de"
    assert parsed["From"].addresses[0].display_name == "José"


@pytest.mark.parametrize("bad", ["garbage", "jane@", "a@b@c"])
def test_a_bad_recipient_is_a_named_error_the_composer_already_handles(bad):
    with pytest.raises(AddressError) as caught:
        build(bad)
    assert isinstance(caught.value, ExportError) and isinstance(caught.value, ValueError)
    assert isinstance(caught.value, FollowupError) and "To:" in str(caught.value)


def test_smtp_delivers_to_every_recipient_with_idna_domains():
    with smtp_server() as server:
        accepted = send_message(build('"Doe, Jane" <jane@acme.com>, jose@bücher.de'), settings(server), environ={})
    assert accepted == ["jane@acme.com", "jose@xn--bcher-kva.de"]
    [got] = server.received
    assert got.rcpt_tos == ["jane@acme.com", "jose@xn--bcher-kva.de"]


def test_smtputf8_carries_a_non_ascii_local_part_when_the_server_offers_it():
    with smtp_server(smtputf8=True) as server:
        send_message(build("jösé@bücher.de"), settings(server), environ={})
    [got] = server.received
    assert got.rcpt_tos == ["jösé@xn--bcher-kva.de"]


def test_a_server_without_smtputf8_gets_a_clear_message():
    with smtp_server(smtputf8=False) as server:
        with pytest.raises(SendError) as caught:
            send_message(build("jösé@bücher.de"), settings(server), environ={})
    assert "cannot take internationalised addresses" in str(caught.value) and "jösé@xn--bcher-kva.de" in str(caught.value)
    assert server.received == []


def test_no_recipient_is_a_clear_send_error():
    with smtp_server() as server:
        with pytest.raises(SendError, match="no recipient"):
            send_message(build(""), settings(server), environ={})
