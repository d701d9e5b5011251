"""Generated application histories for the tests that compare every place
naming the next step (issue 21 item 1): rounds before and after now,
messages sent, responses, moves by hand, closes and reopens, and clocks
that went back (an event recorded after another but dated before it).

`history(draw)` builds one from a `draw(choices)` callable, so the same
generator serves hypothesis (`st.data()`) and a seeded `random.Random`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from followup_tui.domain.model import OUTCOMES, STAGES, Application, Contact, Interview
from followup_tui.domain.errors import ValidationError

Draw = Callable[[Sequence], object]

PEOPLE = ("Ann Lee", "Bo Chen", "Cara Diaz")
STEPS = ("round", "thank-you", "follow-up", "response", "move", "close", "reopen", "decision", "snooze", "note")


def history(draw: Draw, now: datetime, number: int) -> Application:
    """One application whose history was recorded step by step: each step
    at a time a little after the previous one, or (a clock that went back)
    before it."""
    start = now - timedelta(days=draw(range(0, 60)), hours=draw(range(0, 24)))
    app = Application(
        company=f"Company {number}",
        role=draw(("Data Analyst", "Support Engineer", "")),
        company_domain=f"company{number}.com",
        stage=draw(("saved", "applied", "applied", "interview")),
        contacts=[Contact(name, "", f"{name.split()[0].lower()}@company{number}.com") for name in PEOPLE[: draw((0, 1, 2, 3))]],
        do_not_contact=draw((False,) * 9 + (True,)),
        applied_on=draw((None, start.date())),
        created=start,
    )
    clock = start
    for _ in range(draw(range(0, 9))):
        step = draw(STEPS)
        back = draw((False,) * 6 + (True,))  # a clock that went back
        clock = clock - timedelta(days=draw(range(1, 12))) if back else clock + timedelta(days=draw(range(0, 9)), hours=draw(range(0, 24)))
        _apply(app, step, clock, now, draw)
    return app


def _apply(app: Application, step: str, at: datetime, now: datetime, draw: Draw) -> None:
    try:
        if step == "round":
            when = draw((at, at + timedelta(days=draw(range(1, 10))), now + timedelta(days=draw(range(0, 5)), hours=draw(range(-3, 4)))))
            names = [n for n in PEOPLE if draw((True, False))]
            app.interviews.append(Interview(at=when, kind=draw(("phone", "onsite")), with_names=names))
        elif step in ("thank-you", "follow-up"):
            to = draw(["", *(c.email for c in app.contacts)])
            app.record_sent(step, at, recipient=to)
        elif step == "response":
            app.record_response(draw(("thanks, we will be in touch", "we moved on", "please come in")), at)
        elif step == "move":
            app.move_to(draw([s for s in STAGES if s != "closed"]), at)
        elif step == "close":
            app.move_to("closed", at, draw(OUTCOMES))
        elif step == "reopen" and app.stage == "closed":
            app.reopen(at)
        elif step == "decision":
            app.decision_by = (at + timedelta(days=draw(range(-3, 10)))).date()
        elif step == "snooze":
            app.snooze(at + timedelta(days=draw(range(1, 5))), at)
        elif step == "note":
            app.add_note("called the front desk", at)
    except ValidationError:
        pass  # a step the model refuses is a step the user could not take


def seeded_histories(count: int, now: datetime, seed: int = 21) -> list[Application]:
    rng = random.Random(seed)
    return [history(lambda options: rng.choice(list(options)), now, n) for n in range(1, count + 1)]
