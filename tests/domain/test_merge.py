"""Field-level merge of a form's edits over another session's newer version."""

from __future__ import annotations

from datetime import timedelta

from fixed import FIXED_NOW

from followup_tui.domain.merge import form_fields, merge_form_changes
from followup_tui.domain.model import Application, Contact


def base() -> Application:
    return Application(company="Acme", role="Engineer", notes="first", id=1, rev=3)


def test_only_the_fields_this_form_changed_are_taken():
    original = base()
    ours = original.copy()
    ours.role = "Senior engineer"
    theirs = original.copy()
    theirs.notes = "changed elsewhere"
    theirs.rev = 4
    theirs.add_note("their history", FIXED_NOW)
    result = merge_form_changes(original, ours, theirs, FIXED_NOW)
    assert result.merged.role == "Senior engineer"
    assert result.merged.notes == "changed elsewhere"  # not written back from the stale form
    assert [e.text for e in result.merged.events] == ["their history"]
    assert result.merged.rev == 4  # saved rev-checked against the latest
    assert result.changed == ["role"] and result.conflicts == {}


def test_a_field_both_changed_differently_is_a_conflict_and_keeps_ours():
    original = base()
    ours, theirs = original.copy(), original.copy()
    ours.notes, theirs.notes = "mine", "theirs"
    result = merge_form_changes(original, ours, theirs, FIXED_NOW)
    assert result.conflicts == {"notes": ("mine", "theirs")}
    assert result.merged.notes == "mine"


def test_the_same_change_on_both_sides_is_no_conflict():
    original = base()
    ours, theirs = original.copy(), original.copy()
    ours.contacts = theirs.contacts = [Contact(name="Ann")]
    result = merge_form_changes(original, ours, theirs, FIXED_NOW)
    assert result.conflicts == {} and result.merged.contacts == [Contact(name="Ann")]


def test_a_stage_change_is_replayed_on_the_latest_history():
    original = base()
    ours, theirs = original.copy(), original.copy()
    ours.move_to("interview", FIXED_NOW)
    theirs.add_note("elsewhere", FIXED_NOW - timedelta(minutes=5))
    result = merge_form_changes(original, ours, theirs, FIXED_NOW)
    assert result.merged.stage == "interview"
    assert [e.kind for e in result.merged.events] == ["note", "stage-change"]
    assert "stage" not in result.conflicts
    theirs.move_to("offer", FIXED_NOW)
    assert merge_form_changes(original, ours, theirs, FIXED_NOW).conflicts == {"stage": ("interview", "offer")}


def test_every_editable_model_field_takes_part():
    # New fields in the model join the merge without touching it.
    names = set(form_fields())
    assert {"company", "role", "notes", "contacts", "interviews", "decision_by", "do_not_contact"} <= names
    assert not names & {"events", "drafts", "rev", "id"}
