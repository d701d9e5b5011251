""".eml files: RFC 5322 built by the email package, parsed back the same way."""

from __future__ import annotations

import email
import stat
from email.policy import default
from pathlib import Path

import pytest
from fixed import FIXED_NOW

from followup_tui.messaging.eml import (
    ExportError,
    build_message,
    default_eml_name,
    message_bytes,
    private_dir,
    unused_path,
    write_eml,
)

BODY = "Dear Maya,\n\nThank you for the onsite yesterday.\nÇa va: naïve café ☕\n\nBest regards,\nSam"


def parse(data: bytes):
    return email.message_from_bytes(data, policy=default)


def text_of(message) -> str:
    """The body with the wire's CRLF line ends read as newlines."""
    return message.get_content().replace("\r\n", "\n")


def test_message_round_trips_headers_and_utf8_body():
    message = build_message(
        to="maya.lindqvist@orbital-robotics.com",
        subject="Thank you: SRE onsite",
        body=BODY,
        now=FIXED_NOW,
        from_address="sam@rivera.dev",
        from_name="Sam Rivera",
    )
    data = message_bytes(message)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    back = parse(data)
    assert back["To"] == "maya.lindqvist@orbital-robotics.com"
    assert back["Subject"] == "Thank you: SRE onsite"
    assert back["From"] == "Sam Rivera <sam@rivera.dev>"
    assert back["Date"].datetime == FIXED_NOW
    assert back["Message-ID"].endswith("@rivera.dev>")
    assert back.get_content_type() == "text/plain"
    assert text_of(back) == BODY + "\n"
    assert back["X-Unsent"] is None


def test_draft_has_x_unsent_and_no_from_when_unknown():
    back = parse(message_bytes(build_message(to="a@b.com", subject="Hi", body="x", now=FIXED_NOW, draft=True)))
    assert back["X-Unsent"] == "1"
    assert back["From"] is None
    assert back["Message-ID"].endswith("@followup.invalid>")


def test_line_breaks_in_headers_cannot_inject_headers():
    message = build_message(to="a@b.com\r\nBcc: evil@x.com", subject="Hi\nBcc: evil@x.com", body="x", now=FIXED_NOW)
    back = parse(message_bytes(message))
    assert back["Bcc"] is None
    assert back["Subject"] == "Hi Bcc: evil@x.com"


def test_write_eml_is_private_and_refuses_to_overwrite(tmp_path: Path):
    folder = private_dir(tmp_path / "data" / "exports")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    message = build_message(to="a@b.com", subject="Hi", body="Hello", now=FIXED_NOW)
    path = write_eml(message, folder / "m.eml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert text_of(parse(path.read_bytes())) == "Hello\n"
    with pytest.raises(ExportError, match="already exists"):
        write_eml(message, path)
    write_eml(build_message(to="c@d.com", subject="Hi", body="Again", now=FIXED_NOW), path, replace=True)
    assert parse(path.read_bytes())["To"] == "c@d.com"
    with pytest.raises(ExportError, match="could not write"):
        write_eml(message, tmp_path / "missing" / "m.eml")


def test_names_and_unused_paths(tmp_path: Path):
    assert default_eml_name("Quarry & Co", "follow-up", FIXED_NOW) == "2026-11-25-quarry-co-follow-up.eml"
    assert default_eml_name("[/]", "thank-you", FIXED_NOW) == "2026-11-25-message-thank-you.eml"
    first = tmp_path / "a.eml"
    assert unused_path(first) == first
    first.write_text("x")
    (tmp_path / "a-2.eml").write_text("x")
    assert unused_path(first) == tmp_path / "a-3.eml"
