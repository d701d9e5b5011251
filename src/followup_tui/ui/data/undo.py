"""The undo history: plain Python, no Textual, no store.

Each step is one change of one application: taking it back stores `before`
where `after` is stored now (None: no record). Undo and redo are one
operation: taking a step back from one stack pushes its inverse on the other,
so taking that back in turn restores the state again. States are compared by
identity: when a save comes back with the store's stamp, `replace` puts the
stored object wherever the shown one was, so every step stays rev-checked
against what is really stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...domain.model import Application

UNDO_LEVELS = 50
Direction = Literal["undo", "redo"]


@dataclass(eq=False)
class UndoStep:
    label: str
    company: str
    before: Application | None
    after: Application | None

    @property
    def app_id(self) -> int | None:
        state = self.after or self.before
        return state.id if state is not None else None


@dataclass(frozen=True)
class Way:
    """The words for one direction of taking a step back."""

    verb: str  # "undo"
    done: str  # "undone"
    then: str  # how to go the other way


WAYS: dict[Direction, Way] = {
    "undo": Way("undo", "undone", "U redoes it."),
    "redo": Way("redo", "redone", "u undoes it."),
}


class UndoHistory:
    def __init__(self, levels: int = UNDO_LEVELS) -> None:
        self.levels = levels
        self.undo_steps: list[UndoStep] = []
        self.redo_steps: list[UndoStep] = []

    def _stacks(self, direction: Direction) -> tuple[list[UndoStep], list[UndoStep]]:
        return (self.undo_steps, self.redo_steps) if direction == "undo" else (self.redo_steps, self.undo_steps)

    def record(self, step: UndoStep) -> None:
        """A new change: undoable; what could be redone is forgotten."""
        self.undo_steps.append(step)
        del self.undo_steps[: -self.levels]
        self.redo_steps.clear()

    def take(self, direction: Direction) -> UndoStep | None:
        """The step to take back now (off its stack), or None when there is none."""
        steps, _ = self._stacks(direction)
        return steps.pop() if steps else None

    def taken_back(self, direction: Direction, step: UndoStep, stored: Application | None) -> UndoStep:
        """`step` was taken back: `step.before` is stored again as `stored`.
        Its inverse goes on the other stack; older steps that ended at
        `step.before` now end at `stored`."""
        _, opposite = self._stacks(direction)
        inverse = UndoStep(step.label, step.company, before=step.after, after=stored)
        opposite.append(inverse)
        del opposite[: -self.levels]
        if step.before is not None and stored is not None:
            self.replace(step.before, stored, skip=inverse)
        return inverse

    def give_back(self, direction: Direction, step: UndoStep) -> None:
        """Nothing changed (the write was refused): the step can be tried again."""
        steps, _ = self._stacks(direction)
        steps.append(step)

    def forget(self, step: UndoStep) -> None:
        """A change that never got stored is not undoable."""
        self.undo_steps = [s for s in self.undo_steps if s is not step]
        self.redo_steps = [s for s in self.redo_steps if s is not step]

    def replace(self, old: Application, new: Application, skip: UndoStep | None = None) -> None:
        """Wherever a step names `old` (this very object), it names `new` now."""
        for step in (*self.undo_steps, *self.redo_steps):
            if step is skip:
                continue
            if step.before is old:
                step.before = new
            if step.after is old:
                step.after = new
