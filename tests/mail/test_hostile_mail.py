"""Hostile mail: control sequences and markup in every header, raw 8-bit
headers, malformed MIME, a 30 MB message. Each is read, stored as given where
it matches, and never reaches the terminal as control sequences."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from mail.corpus import HOSTILE_SUBJECT, eight_bit_headers, hostile_headers, huge_message, malformed_mime
from mail.mail_env import environment, fresh_account, make_data, run, write_config
from dovecot_fixture import Dovecot

from followup_tui.store import TinyDBRepository

CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture
def setup(dovecot: Dovecot, tmp_path: Path):
    account = fresh_account(dovecot)
    db = tmp_path / "data" / "followup.json"
    ids = make_data(db)
    return account, environment(account, db, write_config(tmp_path / "config.toml", account)), ids, db


def test_controls_and_markup_in_every_header_never_reach_the_terminal(setup) -> None:
    account, env, ids, db = setup
    account.deliver("INBOX", hostile_headers())
    human = run(env, "mail", "sync")
    assert human.exit_code == 0, human.output
    assert not any(c in human.output for c in CONTROLS)
    assert "[bold red]Offer[/]" in human.stdout  # shown as the text it is
    acme = TinyDBRepository.open(db).get(ids["Acme Robotics"])
    (response,) = acme.responses()
    assert response.subject == " ".join(HOSTILE_SUBJECT.split())  # stored as given
    assert "\x1b" in response.excerpt or "Hello [/]" in response.excerpt
    review = run(env, "mail", "review")
    assert not any(c in review.output for c in CONTROLS)


def test_json_output_escapes_controls(setup) -> None:
    account, env, _ids, _db = setup
    account.deliver("INBOX", hostile_headers())
    result = run(env, "mail", "sync", "--json")
    assert result.exit_code == 0
    assert not any(c in result.stdout for c in CONTROLS)
    (finding,) = json.loads(result.stdout)
    assert finding["subject"] == " ".join(HOSTILE_SUBJECT.split())


def test_eight_bit_headers_are_read_as_latin_1(setup) -> None:
    account, env, ids, db = setup
    account.deliver("INBOX", eight_bit_headers())
    result = run(env, "mail", "sync", "--json")
    (finding,) = json.loads(result.stdout)
    assert finding["subject"] == "Réponse à votre candidature"
    assert finding["from"] == "Jérôme Dupont <jerome@lumiere.fr>"


def test_malformed_mime_is_read_as_far_as_it_goes(setup) -> None:
    account, env, ids, db = setup
    account.deliver("INBOX", malformed_mime())
    result = run(env, "mail", "sync", "--json")
    assert result.exit_code == 0, result.output
    (finding,) = json.loads(result.stdout)
    assert (finding["application_id"], finding["date"]) == (ids["Initech"], None)


def test_a_30_mb_message_is_read_without_its_attachment(setup) -> None:
    account, env, ids, db = setup
    account.deliver("INBOX", huge_message(30))
    started = time.perf_counter()
    result = run(env, "mail", "sync", "--json")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    (finding,) = json.loads(result.stdout)
    assert finding["subject"] == "Your documents" and finding["status"] == "proposed"
    assert elapsed < 20  # 30 MB over the wire would take longer on this machine than 64 KB does
    state = db.with_name(db.name + ".mailbox.json").read_text()
    assert "QUJDREVG" not in state and len(state) < 10_000
