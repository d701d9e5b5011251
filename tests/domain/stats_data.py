"""A small search whose figures are worked out by hand in test_stats.py.

Every time is 10:00 UTC unless said (11:00 in Paris: same local dates), now is
Wednesday 2026-11-25 15:00 UTC. The weeks start on Mondays: 10-19, 10-26,
11-02, 11-09, 11-16, 11-23.
"""

from __future__ import annotations

from datetime import datetime, timezone

from followup_tui.domain.model import Application, Interview

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=timezone.utc)


def _app(company: str, source: str, **fields) -> Application:
    return Application(company=company, source=source, **fields)


def hand_built() -> list[Application]:
    # A: applied 11-02; answered 11-05 (+3 days), interviewed 11-09 10:00-11:00,
    # thanked 11-09 18:00 (on time), follow-up 1 on 11-16 answered 11-17, offer
    # 11-20 (11 days after the last round).
    a = _app("Acme", "linkedin", channel="email", created=at(11, 2))
    a.interviews.append(Interview(at=at(11, 9), with_names=["Ann"]))
    a.record_response("let's talk", at(11, 5))
    a.move_to("interview", at(11, 5, 10, 5))
    a.record_sent("thank-you", at(11, 9, 18), recipient="Ann")
    a.record_sent("follow-up", at(11, 16), recipient="Ann")
    a.record_response("next week", at(11, 17))
    a.move_to("offer", at(11, 20))

    # B: applied 11-03; interview 11-10 14:00-15:00 is its first answer (+7
    # days); thank-you 11-12 09:00, later than 24 h; two follow-ups, no answer.
    b = _app("Beta", "linkedin", channel="linkedin", stage="interview", created=at(11, 3))
    b.interviews.append(Interview(at=at(11, 10, 14), with_names=["Bo"]))
    b.record_sent("thank-you", at(11, 12, 9), recipient="Bo")
    b.record_sent("follow-up", at(11, 19))
    b.record_sent("follow-up", at(11, 24))

    # C: applied 11-04, rejected 11-11 without an interview (+7 days).
    c = _app("Cobalt", "referral", channel="email", created=at(11, 4))
    c.move_to("closed", at(11, 11), outcome="rejected")

    # D: applied 11-16, nothing since.
    d = _app("Delta", "referral", channel="phone", created=at(11, 16))

    # E: applied 10-20, answered 10-23 (+3 days), interviewed 10-27, no
    # thank-you, rejected 10-31 (4 days after the round).
    e = _app("Echo", "", channel="email", stage="interview", created=at(10, 20))
    e.interviews.append(Interview(at=at(10, 27), with_names=["Cy"]))
    e.record_response("come in", at(10, 23))
    e.move_to("closed", at(10, 31), outcome="rejected")

    # F: applied 11-23, withdrew 11-24 (the employer did not answer).
    f = _app("Foxtrot", "", channel="portal", created=at(11, 23))
    f.move_to("closed", at(11, 24), outcome="withdrawn")

    apps = [a, b, c, d, e, f]
    for number, app in enumerate(apps, start=1):
        app.id = number
    return apps
