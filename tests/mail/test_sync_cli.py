"""`followup mail sync` against a real Dovecot: what is recorded, proposed, ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mail.corpus import reply_in_thread, thank_you_sent
from dovecot_fixture import Dovecot
from mail.mail_env import environment, fresh_account, make_data, run, write_config

from followup_tui.cli.context import EXIT_USAGE
from followup_tui.domain.cadence import next_actions
from followup_tui.domain.mail_reply import bounced_addresses
from followup_tui.domain.settings import Settings
from followup_tui.store import TinyDBRepository
from mail.mail_env import NOW

FINDING_KEYS = {"application_id", "kind", "status", "message_id", "from", "subject", "date", "reason"}


@pytest.fixture
def setup(account: Dovecot, tmp_path: Path):
    db = tmp_path / "data" / "followup.json"
    ids = make_data(db)
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    return env, ids, db


def stored(db: Path, app_id: int):
    return TinyDBRepository.open(db).get(app_id)


def test_the_first_sync_records_what_is_sure_and_proposes_the_rest(setup) -> None:
    env, ids, db = setup
    result = run(env, "mail", "sync", "--json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert all(set(f) == FINDING_KEYS for f in findings)
    by_id = {f["message_id"]: f for f in findings}
    # sure: the thank-you sent from another client, the reply in its thread, a contact's address
    assert by_id["<thanks-1@example.org>"] | {} == by_id["<thanks-1@example.org>"]
    assert (by_id["<thanks-1@example.org>"]["kind"], by_id["<thanks-1@example.org>"]["status"]) == ("sent", "recorded")
    reply = by_id["<CAJ-reply-2@mail.acme-robotics.com>"]
    assert (reply["kind"], reply["status"], reply["application_id"]) == ("response", "recorded", ids["Acme Robotics"])
    assert "answers <thanks-1@example.org>" in reply["reason"]
    assert by_id["<followup-3@example.org>"]["kind"] == "sent"
    lumiere = by_id["<lumiere-11@lumiere.fr>"]
    assert (lumiere["status"], lumiere["from"]) == ("recorded", "Zoë Müller <zoe@lumiere.fr>")
    assert lumiere["subject"] == "Re: Votre candidature — suite"
    # unsure: an applicant-tracking system naming the company, the company's domain
    rejection = by_id["<gh-6.reject@us.greenhouse-mail.io>"]
    assert (rejection["kind"], rejection["status"], rejection["application_id"]) == ("rejection", "proposed", ids["Globex"])
    assert "Greenhouse" in rejection["reason"]
    assert by_id["<wd-7@myworkday.com>"]["kind"] == "rejection"
    assert by_id["<wd-7@myworkday.com>"]["application_id"] == ids["Hooli"]
    invitation = by_id["<lever-8@initech.io>"]
    assert (invitation["kind"], invitation["status"]) == ("invitation", "proposed")
    offer = by_id["<ashby-9@ashbyhq.com>"]
    assert (offer["kind"], offer["application_id"]) == ("offer", ids["Pied Piper"])
    # a bounce marks the contact; never a response
    assert by_id["<bounce-10@mx.example.org>"]["kind"] == "bounce"
    # not a response, and not stored: out-of-office, newsletter, unrelated mail
    for ignored in ("<ooo-4@mail.acme-robotics.com>", "<news-5@acme-robotics.com>", "<mum-12@gmail.com>"):
        assert ignored not in by_id
    assert "mum-12" not in db.read_text() and "mum-12" not in (db.parent / "followup.json.mailbox.json").read_text()

    acme = stored(db, ids["Acme Robotics"])
    sent = acme.messages_sent("thank-you")
    assert len(sent) == 1 and sent[0].message_id == "<thanks-1@example.org>"
    assert acme.stage != "interview"  # the thank-you moved the card on
    response = acme.responses()[0]
    assert response.message_id == "<CAJ-reply-2@mail.acme-robotics.com>"
    assert response.excerpt.startswith("Hi Sam, Great talking to you too.")
    assert "Would you be available" not in response.excerpt  # the quoted text is not kept
    assert "wrote:" not in response.excerpt
    umbrella = stored(db, ids["Umbrella"])
    assert bounced_addresses(umbrella) == ["bob@umbrella-corp.com"] and not umbrella.responses()


def test_a_reply_stops_the_follow_ups(dovecot: Dovecot, tmp_path: Path) -> None:
    account = fresh_account(dovecot)
    account.deliver("Sent", thank_you_sent())
    account.deliver("INBOX", reply_in_thread())
    db = tmp_path / "followup.json"
    ids = make_data(db)
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    before = next_actions(stored(db, ids["Acme Robotics"]), NOW, Settings())
    assert any(a.kind in ("follow-up", "thank-you") for a in before), before
    assert run(env, "mail", "sync").exit_code == 0
    after = next_actions(stored(db, ids["Acme Robotics"]), NOW, Settings())
    assert not any(a.kind in ("follow-up", "thank-you") for a in after), after


def test_a_second_sync_records_nothing_twice(setup) -> None:
    env, ids, db = setup
    assert run(env, "mail", "sync").exit_code == 0
    text = db.read_text()
    again = run(env, "mail", "sync", "--json")
    assert again.exit_code == 0 and json.loads(again.stdout) == []
    assert db.read_text() == text


def test_a_rejection_is_proposed_and_accepting_closes_the_card(setup) -> None:
    env, ids, db = setup
    run(env, "mail", "sync")
    review = run(env, "mail", "review", "--json")
    proposals = json.loads(review.stdout)
    number = next(p["number"] for p in proposals if p["message_id"] == "<gh-6.reject@us.greenhouse-mail.io>")
    assert stored(db, ids["Globex"]).stage == "applied"  # nothing before the yes
    accepted = run(env, "mail", "accept", str(number))
    assert accepted.exit_code == 0, accepted.output
    globex = stored(db, ids["Globex"])
    assert (globex.stage, globex.outcome) == ("closed", "rejected")
    assert globex.responses()[0].message_id == "<gh-6.reject@us.greenhouse-mail.io>"
    left = json.loads(run(env, "mail", "review", "--json").stdout)
    assert len(left) == len(proposals) - 1


def test_an_invitation_with_a_calendar_part_becomes_an_interview_round(setup) -> None:
    env, ids, db = setup
    run(env, "mail", "sync")
    proposals = json.loads(run(env, "mail", "review", "--json").stdout)
    number = next(p["number"] for p in proposals if p["message_id"] == "<lever-8@initech.io>")
    assert "interview round" in proposals[number - 1]["proposal"]
    assert run(env, "mail", "accept", str(number)).exit_code == 0
    initech = stored(db, ids["Initech"])
    (round_,) = initech.interviews
    assert round_.at.isoformat() == "2026-03-10T14:00:00+00:00" and round_.duration_minutes == 90
    assert sorted(c.email for c in initech.contacts) == ["bill@initech.io", "milton@initech.io", "peter@initech.io"]
    assert initech.stage == "interview"
    # the thank-you for it falls due 24 hours after it ends
    actions = next_actions(initech, round_.ends_at, Settings())
    thank = next(a for a in actions if a.kind == "thank-you")
    assert thank.due.isoformat() == "2026-03-11T15:30:00+00:00"


def test_ignored_proposals_never_come_back(setup, account: Dovecot) -> None:
    env, ids, db = setup
    run(env, "mail", "sync")
    count = len(json.loads(run(env, "mail", "review", "--json").stdout))
    assert run(env, "mail", "ignore", "1", "2").exit_code == 0
    assert len(json.loads(run(env, "mail", "review", "--json").stdout)) == count - 2
    account.drop_folder_state("INBOX")  # a new UIDVALIDITY: everything is read again
    run(env, "mail", "sync")
    assert len(json.loads(run(env, "mail", "review", "--json").stdout)) == count - 2


def test_a_changed_uidvalidity_rescans_without_duplicates(setup, account: Dovecot) -> None:
    env, ids, db = setup
    run(env, "mail", "sync")
    state = json.loads((db.parent / "followup.json.mailbox.json").read_text())
    old = state["folders"]["INBOX"]["uidvalidity"]
    account.drop_folder_state("INBOX")
    account.drop_folder_state("Sent")
    again = run(env, "mail", "sync", "--json")
    assert again.exit_code == 0 and json.loads(again.stdout) == []
    state = json.loads((db.parent / "followup.json.mailbox.json").read_text())
    assert state["folders"]["INBOX"]["uidvalidity"] != old
    acme = stored(db, ids["Acme Robotics"])
    assert len(acme.responses()) == 1 and len(acme.messages_sent("thank-you")) == 1


def test_bad_numbers_are_one_line(setup) -> None:
    env, _ids, _db = setup
    result = run(env, "mail", "accept", "7")
    assert result.exit_code == EXIT_USAGE and result.stderr.count("\n") == 1
    assert "no proposal 7" in result.stderr


def test_the_first_sync_reaches_back_only_to_the_earliest_open_application(dovecot: Dovecot, tmp_path: Path) -> None:
    import os
    from datetime import datetime, timezone

    account = fresh_account(dovecot)
    old = account.deliver("INBOX", reply_in_thread().replace(b"CAJ-reply-2", b"old-reply"))
    stamp = datetime(2025, 6, 1, tzinfo=timezone.utc).timestamp()  # the server's arrival date (INTERNALDATE)
    os.utime(old, (stamp, stamp))
    account.deliver("INBOX", reply_in_thread())
    db = tmp_path / "followup.json"
    make_data(db)  # the earliest open application began on 2026-02-01 (applied)
    env = environment(account, db, write_config(tmp_path / "config.toml", account))
    found = json.loads(run(env, "mail", "sync", "--json").stdout)
    assert [f["message_id"] for f in found] == ["<CAJ-reply-2@mail.acme-robotics.com>"]
