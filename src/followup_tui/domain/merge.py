"""Field-level merge of a form's edits over another session's newer version.

Pure: the form was opened on `base`; the user turned it into `edited`; another
session meanwhile stored `latest`. Only the fields this form changed are taken
from `edited`; everything else (and the whole history) stays as `latest` has
it. Where both sides changed a field to different values, that field is a
conflict: the merge keeps this form's value (the user saves over the latest
version knowingly) and names the field so the form can show both values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .model import Application

# Kept as stored: the history, drafts and bookkeeping are never the form's to write.
NOT_FORM_FIELDS = frozenset({"events", "drafts", "id", "rev", "created", "updated", "stage", "outcome"})


@dataclass
class MergeResult:
    merged: Application
    changed: list[str] = field(default_factory=list)  # fields taken from the form
    conflicts: dict[str, tuple[object, object]] = field(default_factory=dict)  # field -> (ours, theirs)


def form_fields() -> list[str]:
    """Every field a form may edit: new model fields are included by construction."""
    return [name for name in Application.__struct_fields__ if name not in NOT_FORM_FIELDS]


def merge_form_changes(base: Application, edited: Application, latest: Application, now: datetime) -> MergeResult:
    merged = latest.copy()
    result = MergeResult(merged)
    for name in form_fields():
        ours, theirs, was = getattr(edited, name), getattr(latest, name), getattr(base, name)
        if ours == was:
            continue  # not ours to change: keep theirs
        result.changed.append(name)
        if theirs != was and theirs != ours:
            result.conflicts[name] = (ours, theirs)
        setattr(merged, name, ours)
    if (edited.stage, edited.outcome) != (base.stage, base.outcome):
        result.changed.append("stage")
        if (latest.stage, latest.outcome) != (base.stage, base.outcome) and (latest.stage, latest.outcome) != (
            edited.stage,
            edited.outcome,
        ):
            result.conflicts["stage"] = (edited.stage, latest.stage)
        merged.move_to(edited.stage, now, edited.outcome)
    return result
