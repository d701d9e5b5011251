"""The benchmark's generated job searches are real data: every record passes
the store's whole-file validation, every stage is present, histories are in
order, and the store takes them in one batch."""

from __future__ import annotations

import sys
from pathlib import Path

from fixed import FIXED_NOW

from followup_tui.domain.model import STAGES
from followup_tui.domain.record_check import check_record
from followup_tui.store.tinydb_store import TinyDBRepository

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from datagen import csv_rows, generate  # noqa: E402


def test_generated_applications_are_valid_and_cover_every_stage(db_file):
    apps = generate(120, FIXED_NOW)
    assert {a.stage for a in apps} == set(STAGES)
    for app in apps:
        app.validate()
        check_record(app.to_dict())
        assert app.contacts and all(c.email.endswith("@" + app.company_domain) for c in app.contacts)
        times = [e.at for e in app.events]
        assert times == sorted(times) and times[-1] <= FIXED_NOW, app.company
    assert sum(len(a.events) for a in apps) / len(apps) > 3
    stored = TinyDBRepository.open(db_file).add_many(apps)
    assert [a.id for a in stored] == list(range(1, 121))
    assert generate(120, FIXED_NOW)[7].to_dict() == apps[7].to_dict()  # deterministic


def test_generated_csv_imports(tmp_path):
    from followup_tui.transfer import parse_import

    from datetime import timezone

    apps = parse_import(csv_rows(50, FIXED_NOW), timezone.utc)
    assert len(apps) == 50
