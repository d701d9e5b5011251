"""The calendar export stays true when re-imported: stable UIDs per
obligation, SEQUENCE / LAST-MODIFIED when a time moves, STATUS:CANCELLED for
what is done, an alarm, overdue actions moved to a reasonable time, no
control characters. Every file is read by two independent parsers
(icalendar and vobject)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import vobject
from cli.cli_runner import make_followup
from icalendar import Calendar

from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.domain.settings import Settings
from followup_tui.transfer.calendar_export import export_ics, next_reasonable_time

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)  # Wednesday, 16:00 in Paris
PARIS = Settings(timezone="Europe/Paris")


def parse_both(text: str) -> dict[str, dict]:
    """UID -> what both parsers read; they must agree."""
    ours = {}
    for event in Calendar.from_ical(text).walk("VEVENT"):
        ours[str(event["uid"])] = {
            "start": event.decoded("dtstart").astimezone(timezone.utc),
            "status": str(event["status"]),
            "sequence": int(event["sequence"]),
            "modified": event.decoded("last-modified").astimezone(timezone.utc),
            "summary": str(event["summary"]),
            "description": str(event["description"]),
            "alarms": len(event.walk("VALARM")),
        }
    theirs = {}
    for event in vobject.readOne(text).vevent_list:
        theirs[event.uid.value] = {
            "start": event.dtstart.value.astimezone(timezone.utc),
            "status": event.status.value,
            "sequence": int(event.sequence.value),
            "summary": event.summary.value,
            "alarms": len(getattr(event, "valarm_list", [])),
        }
    assert theirs == {uid: {k: v[k] for k in theirs[uid]} for uid, v in ours.items()}
    return ours


def interviewed(names=("Leo", "Mia"), at=NOW - timedelta(hours=23)) -> Application:
    app = Application(
        company="Cobalt Studio",
        role="Frontend Engineer",
        stage="interview",
        contacts=[Contact("Leo", email="leo@cobalt.design"), Contact("Mia", email="mia@cobalt.design")],
        interviews=[Interview(at=at, with_names=list(names))],
        created=NOW - timedelta(days=10),
        id=5,
    )
    return app


def by_kind(events: dict[str, dict], part: str) -> dict[str, dict]:
    return {uid: e for uid, e in events.items() if part in uid}


def test_one_event_per_person_thanked_and_per_interview_with_an_alarm():
    events = parse_both(export_ics([interviewed()], NOW, PARIS).text)
    assert set(events) == {
        "followup-5-round-1-interview@followup-tui",
        "followup-5-round-1-thank-you-leo@followup-tui",
        "followup-5-round-1-thank-you-mia@followup-tui",
    }
    leo = events["followup-5-round-1-thank-you-leo@followup-tui"]
    assert leo["summary"] == "thank-you to Leo: Cobalt Studio (Frontend Engineer)"
    assert leo["start"] == NOW + timedelta(hours=2)  # 24 h after the 60-minute round
    assert leo["status"] == "CONFIRMED" and leo["alarms"] == 1
    assert events["followup-5-round-1-interview@followup-tui"]["start"] == NOW - timedelta(hours=23)


def test_sending_the_thank_you_to_leo_cancels_his_event_and_keeps_every_uid():
    app = interviewed()
    previous = export_ics([app], NOW, PARIS).text
    first = parse_both(previous)
    later = NOW + timedelta(minutes=20)
    app.record_sent("thank-you", NOW + timedelta(minutes=10), recipient="leo@cobalt.design")
    second = parse_both(export_ics([app], later, PARIS, previous=previous).text)
    assert set(second) == set(first)
    leo = second["followup-5-round-1-thank-you-leo@followup-tui"]
    assert leo["status"] == "CANCELLED" and leo["alarms"] == 0
    assert leo["sequence"] > first["followup-5-round-1-thank-you-leo@followup-tui"]["sequence"]
    assert "Done: thank-you sent" in leo["description"]
    mia = second["followup-5-round-1-thank-you-mia@followup-tui"]
    assert mia["status"] == "CONFIRMED" and mia["start"] == first["followup-5-round-1-thank-you-mia@followup-tui"]["start"]


def test_a_moved_time_raises_sequence_and_last_modified_against_the_previous_export():
    app = interviewed(names=("Leo",))
    previous = export_ics([app], NOW, PARIS).text
    before = parse_both(previous)
    uid = "followup-5-round-1-thank-you-leo@followup-tui"
    later = NOW + timedelta(minutes=30)
    app.snooze(NOW + timedelta(days=1), later)
    after = parse_both(export_ics([app], later, PARIS, previous=previous).text)
    assert after[uid]["start"] == NOW + timedelta(days=1)
    assert after[uid]["sequence"] == before[uid]["sequence"] + 1
    assert after[uid]["modified"] == later
    interview = "followup-5-round-1-interview@followup-tui"
    assert after[interview]["sequence"] == before[interview]["sequence"]  # unchanged
    assert after[interview]["modified"] == before[interview]["modified"]

    # exported again with nothing changed: nothing moves
    again = parse_both(export_ics([app], later + timedelta(minutes=5), PARIS, previous=export_ics([app], later, PARIS, previous=previous).text).text)
    assert again[uid]["sequence"] == after[uid]["sequence"]


def test_an_event_gone_since_the_previous_export_is_cancelled():
    app = interviewed(names=("Leo",))
    app.interviews.append(Interview(at=NOW + timedelta(days=3), with_names=["Ann"]))
    previous = export_ics([app], NOW, PARIS).text
    second_round = "followup-5-round-2-interview@followup-tui"
    assert parse_both(previous)[second_round]["status"] == "CONFIRMED"
    app.interviews.pop()  # the second round was called off
    after = parse_both(export_ics([app], NOW, PARIS, previous=previous).text)
    assert after[second_round]["status"] == "CANCELLED"
    assert after[second_round]["sequence"] == 1


def test_follow_ups_done_and_closing_the_card_cancel_their_events():
    app = interviewed(names=("Leo",), at=NOW - timedelta(days=20))
    app.record_sent("thank-you", NOW - timedelta(days=19, hours=20), recipient="Leo")
    follow_up_1 = "followup-5-round-1-follow-up-1@followup-tui"
    follow_up_2 = "followup-5-round-1-follow-up-2@followup-tui"
    previous = export_ics([app], NOW, PARIS).text
    events = parse_both(previous)
    assert events[follow_up_1]["status"] == "CONFIRMED"
    assert "Overdue since" in events[follow_up_1]["description"]
    assert "followup-5-round-1-thank-you-leo@followup-tui" not in events  # done before the first export

    app.record_sent("follow-up", NOW, recipient="Leo")
    previous = export_ics([app], NOW + timedelta(minutes=1), PARIS, previous=previous).text
    events = parse_both(previous)
    assert events[follow_up_1]["status"] == "CANCELLED"
    assert events[follow_up_2]["status"] == "CONFIRMED"

    app.move_to("closed", NOW + timedelta(minutes=2), outcome="moved-on")
    events = parse_both(export_ics([app], NOW + timedelta(minutes=3), PARIS, previous=previous).text)
    assert {e["status"] for uid, e in events.items() if "follow-up" in uid} == {"CANCELLED"}


def test_overdue_obligations_are_placed_at_the_next_reasonable_time():
    app = interviewed(names=("Leo",), at=NOW - timedelta(days=2))  # ends 17:00 Paris on Monday: thank-you due Tuesday 17:00
    evening = datetime(2026, 11, 27, 19, 0, tzinfo=timezone.utc)  # Friday 20:00 in Paris
    events = parse_both(export_ics([app], evening, PARIS).text)
    leo = events["followup-5-round-1-thank-you-leo@followup-tui"]
    assert leo["start"] == datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)  # Monday 09:00 Paris
    assert "Overdue since 2026-11-24 17:00: placed at the next reasonable time (2026-11-30 09:00)" in leo["description"]
    # within working hours: the next half hour
    assert next_reasonable_time(datetime(2026, 11, 25, 13, 10, tzinfo=timezone.utc), PARIS) == datetime(
        2026, 11, 25, 13, 30, tzinfo=timezone.utc
    )
    assert next_reasonable_time(datetime(2026, 11, 25, 5, 0, tzinfo=timezone.utc), PARIS) == datetime(
        2026, 11, 25, 8, 0, tzinfo=timezone.utc
    )


def test_overdue_obligations_skip_the_countrys_public_holidays_like_the_cadence():
    christmas_eve = datetime(2026, 12, 24, 19, 0, tzinfo=timezone.utc)  # Thursday 20:00 in Paris
    # without a country only weekends are skipped: Friday 25 December, 09:00
    assert next_reasonable_time(christmas_eve, PARIS) == datetime(2026, 12, 25, 8, 0, tzinfo=timezone.utc)
    # in France the 25th is a public holiday, then the weekend: Monday 28th
    france = Settings(timezone="Europe/Paris", country="FR")
    assert next_reasonable_time(christmas_eve, france) == datetime(2026, 12, 28, 8, 0, tzinfo=timezone.utc)
    # a holiday morning is not a working morning either
    christmas_morning = datetime(2026, 12, 25, 7, 0, tzinfo=timezone.utc)
    assert next_reasonable_time(christmas_morning, france) == datetime(2026, 12, 28, 8, 0, tzinfo=timezone.utc)


def test_no_control_character_reaches_any_text_value():
    app = interviewed(names=("Le\x1bo",))
    app.company = "Cob\x00alt\x07"
    app.role = "Dev\x1b[31m\r\nops\x9b"
    app.interviews[0].notes = "bring\x0b the\tportfolio\nand notes"
    text = export_ics([app], NOW, PARIS).text
    bad = [hex(ord(c)) for c in text if (ord(c) < 0x20 and c not in "\r\n") or 0x7F <= ord(c) <= 0x9F]
    assert bad == []
    events = parse_both(text)  # vobject rejects raw control characters: both must read it
    summaries = [e["summary"] for e in events.values()]
    assert any("Cob␀alt␇" in s and "Dev␛[31m" in s for s in summaries)
    interview = events["followup-5-round-1-interview@followup-tui"]
    assert "bring␋ the portfolio\nand notes" in interview["description"]


def test_cli_counts_events_and_keeps_uids_across_exports_to_the_same_file(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme", "--role", "Data engineer", "--contact-name", "Ada",
             "--contact-email", "ada@acme.com", "--interview-at", "2026-11-24 10:00")
    followup("add", "--company", "Closed Co")
    followup("move", "2", "closed", "--outcome", "rejected")
    target = tmp_path / "followup.ics"
    result = followup("export", "--format", "ics", "-o", str(target))
    first = parse_both(target.read_text(encoding="utf-8"))
    assert result.stderr == f"exported 2 calendar events and 0 cancelled ones to {target}\n"
    thank_you = "followup-1-round-1-thank-you-ada@followup-tui"
    assert first[thank_you]["status"] == "CONFIRMED"
    assert first[thank_you]["summary"] == "thank-you to Ada: Acme (Data engineer)"

    followup("log", "1", "--sent", "thank-you")
    result = followup("export", "--format", "ics", "-o", str(target))
    second = parse_both(target.read_text(encoding="utf-8"))
    assert set(first) <= set(second)  # every UID stays; follow-up 1 now joins them
    assert second[thank_you]["status"] == "CANCELLED"
    assert second[thank_you]["sequence"] == first[thank_you]["sequence"] + 1
    assert result.stderr == f"exported {len(second) - 1} calendar events and 1 cancelled ones to {target}\n"


def test_cli_stdout_export_is_a_calendar(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme", "--interview-at", "2026-11-24 10:00")
    events = parse_both(followup("export", "--format", "ics").stdout)
    assert len(events) == 2


def test_each_round_owed_has_its_own_thank_you_events():
    app = interviewed(names=("Ann",), at=NOW - timedelta(hours=30))
    app.interviews.append(Interview(at=NOW - timedelta(hours=3), with_names=["Bo"]))
    events = parse_both(export_ics([app], NOW, PARIS).text)
    ann = events["followup-5-round-1-thank-you-ann@followup-tui"]
    bo = events["followup-5-round-2-thank-you-bo@followup-tui"]
    assert ann["status"] == bo["status"] == "CONFIRMED"
    assert bo["start"] == NOW - timedelta(hours=2) + timedelta(hours=24)
    assert "Overdue since" in ann["description"]  # due 5 hours ago: placed now, within working hours
    assert ann["start"] == NOW


def test_done_events_keep_their_time_from_one_export_to_the_next():
    from followup_tui.domain.demo import demo_applications

    apps = demo_applications(NOW)
    for number, app in enumerate(apps, start=1):
        app.id = number
    earlier = export_ics(apps, NOW, PARIS).text  # the calendar was given what is owed; then it was done
    for app in apps:
        for contact in app.contacts:
            app.record_sent("thank-you", NOW + timedelta(minutes=10), recipient=contact.email)
    first_text = export_ics(apps, NOW + timedelta(hours=1), PARIS, previous=earlier).text
    first = parse_both(first_text)
    later = parse_both(export_ics(apps, NOW + timedelta(hours=2), PARIS, previous=first_text).text)
    cancelled = {uid for uid, e in first.items() if e["status"] == "CANCELLED"}
    assert len(cancelled) >= 3
    assert {uid: first[uid]["start"] for uid in cancelled} == {uid: later[uid]["start"] for uid in cancelled}
    assert {uid: first[uid]["sequence"] for uid in cancelled} == {uid: later[uid]["sequence"] for uid in cancelled}


def test_a_first_export_holds_no_cancelled_event_and_nothing_never_owed():
    """A cancellation tells a calendar to drop what it was given: a first
    export (no previous file) holds none, and no event for an obligation
    that never was (a thank-you to an employer who asked not to be contacted)."""
    from followup_tui.domain.demo import demo_applications

    apps = demo_applications(NOW)
    for number, app in enumerate(apps, start=1):
        app.id = number
    events = parse_both(export_ics(apps, NOW, PARIS).text)
    assert events and {e["status"] for e in events.values()} == {"CONFIRMED"}
    quiet = interviewed(names=("Leo",))
    quiet.do_not_contact = True
    other = interviewed(names=("Mia",))
    other.id = 6
    for previous in (None, export_ics([other], NOW, PARIS).text):
        uids = set(parse_both(export_ics([quiet], NOW, PARIS, previous=previous).text))
        quiet_uids = {uid for uid in uids if uid.startswith("followup-5-")}
        assert quiet_uids and not any("thank-you" in uid or "follow-up" in uid for uid in quiet_uids), uids


def test_an_obligation_a_previous_export_carried_is_cancelled_once_it_is_no_longer_owed():
    app = interviewed(names=("Leo",))
    previous = export_ics([app], NOW, PARIS).text
    leo = "followup-5-round-1-thank-you-leo@followup-tui"
    assert parse_both(previous)[leo]["status"] == "CONFIRMED"
    app.do_not_contact = True  # they asked, after the first export
    events = parse_both(export_ics([app], NOW + timedelta(minutes=5), PARIS, previous=previous).text)
    assert events[leo]["status"] == "CANCELLED"
