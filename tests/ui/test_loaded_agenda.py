"""The agenda's rows as the loaded data keeps them: every next action, most
urgent first, sorted once per change and sorted again after any change
(plain Python: no Textual)."""

from __future__ import annotations

from datetime import timedelta

from fixed import FIXED_NOW

from followup_tui.domain.cadence import sort_key
from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.ui.data.loaded import LoadedData, entries_for

SETTINGS = Settings(timezone="UTC")


def loaded() -> LoadedData:
    data = LoadedData(SETTINGS, lambda: FIXED_NOW)
    apps = demo_applications(FIXED_NOW)
    for number, application in enumerate(apps, start=1):
        application.id = number
    data.replace_all(object(), entries_for(apps, FIXED_NOW, SETTINGS))
    return data


def test_every_action_most_urgent_first_and_a_list_of_the_callers_own():
    data = loaded()
    rows = data.agenda()
    assert len(rows) == sum(len(e.actions) for e in data.all()) > 3
    assert [sort_key(a) for _, a in rows] == sorted(sort_key(a) for _, a in rows)
    rows.clear()  # the caller's list: the kept order is untouched
    assert data.agenda()


def test_a_change_shown_sorts_again():
    data = loaded()
    first = data.agenda()
    last_app, last_action = first[-1]
    changed = last_app.copy()
    changed.interviews[-1:] = []  # whatever it owes now, the rows must say it
    changed.created = FIXED_NOW - timedelta(days=400)
    data.show(last_app.id, None)
    assert all(a.id != last_app.id for a, _ in data.agenda())
    data.show(last_app.id, changed)
    assert {a.id for a, _ in data.agenda()} == {a.id for a, _ in first} | ({last_app.id} if data.actions(last_app.id) else set())
    data.entries = {}
    assert data.agenda() == []
