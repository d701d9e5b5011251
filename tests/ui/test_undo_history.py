"""The undo history is plain Python: no Textual, no store, no file."""

from __future__ import annotations

import subprocess
import sys

from followup_tui.domain.model import Application
from followup_tui.ui.data.undo import UndoHistory, UndoStep


def version(rev: int, stage: str = "applied") -> Application:
    return Application(id=7, company="Acme", stage=stage, rev=rev)


def test_taking_a_step_back_pushes_its_inverse_and_taking_that_back_restores_again():
    history = UndoHistory()
    applied, interview = version(1), version(2, "interview")
    history.record(UndoStep("moved to Interview", "Acme", applied, interview))
    step = history.take("undo")
    assert step is not None and step.before is applied and step.after is interview
    stored_again = version(3)  # `applied` stored again, one revision on
    inverse = history.taken_back("undo", step, stored_again)
    assert history.undo_steps == [] and history.redo_steps == [inverse]
    assert inverse.before is interview and inverse.after is stored_again  # redo is rev-checked against rev 3
    assert history.take("redo") is inverse
    assert history.take("redo") is None and history.take("undo") is None


def test_a_new_change_forgets_what_could_be_redone_and_levels_are_bounded():
    history = UndoHistory(levels=3)
    for rev in range(1, 6):
        history.record(UndoStep(f"change {rev}", "Acme", version(rev), version(rev + 1)))
    assert [s.label for s in history.undo_steps] == ["change 3", "change 4", "change 5"]
    step = history.take("undo")
    history.taken_back("undo", step, version(7))
    assert history.redo_steps
    history.record(UndoStep("new", "Acme", version(7), version(8)))
    assert history.redo_steps == []


def test_older_steps_follow_a_state_stored_again_under_a_new_revision():
    """Undoing the newer of two changes stores the middle state again (a new
    revision): the older step must now be taken back from that revision."""
    history = UndoHistory()
    first, middle, last = version(1), version(2, "interview"), version(3, "thanked")
    history.record(UndoStep("moved to Interview", "Acme", first, middle))
    history.record(UndoStep("moved to Thanked", "Acme", middle, last))
    newer = history.take("undo")
    middle_again = version(4, "interview")
    history.taken_back("undo", newer, middle_again)
    older = history.take("undo")
    assert older.after is middle_again and older.before is first


def test_a_step_given_back_or_forgotten():
    history = UndoHistory()
    step = UndoStep("note added", "Acme", version(1), version(2))
    history.record(step)
    taken = history.take("undo")
    history.give_back("undo", taken)  # its write was refused: nothing changed, it can be tried again
    assert history.undo_steps == [step]
    history.forget(step)  # a change that never got stored
    assert history.undo_steps == []


def test_a_saved_version_replaces_the_shown_one_everywhere():
    history = UndoHistory()
    shown = version(2, "interview")
    history.record(UndoStep("moved", "Acme", version(1), shown))
    history.record(UndoStep("note", "Acme", shown, version(3, "interview")))
    stored = version(2, "interview")
    history.replace(shown, stored)
    assert history.undo_steps[0].after is stored and history.undo_steps[1].before is stored


def test_the_undo_history_imports_no_textual_and_no_store():
    code = "import sys, followup_tui.ui.data.undo; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-B", "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not [m for m in loaded if m.startswith(("textual", "tinydb", "followup_tui.store"))]
