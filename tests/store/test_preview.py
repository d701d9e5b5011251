"""The board preview kept beside the data file (store/preview.py): read back
as the app wrote it, fast, and exactly as the slow way reads it; never used
when it is stale or damaged."""

from __future__ import annotations

from pathlib import Path

import orjson

from followup_tui.domain.demo import demo_applications
from followup_tui.domain.settings import Settings
from followup_tui.store import TinyDBRepository
from followup_tui.store.preview import BoardPreviewFile
from followup_tui.ui.data.board_preview import preview_of, read_preview
from followup_tui.ui.data.session import entry_for

from fixed import FIXED_NOW

SETTINGS = Settings(timezone="UTC")


def kept_preview(tmp_path: Path) -> tuple[BoardPreviewFile, object, list]:
    db = tmp_path / "followup.json"
    repo = TinyDBRepository.open(db, clock=lambda: FIXED_NOW)
    repo.add_many(demo_applications(FIXED_NOW))
    apps = repo.list()
    store = BoardPreviewFile(db)
    store.save(repo.change_token(), preview_of(entry_for(a, FIXED_NOW, SETTINGS) for a in apps))
    return store, repo.change_token(), apps


def test_the_preview_reads_back_every_field_of_every_kept_application(tmp_path: Path) -> None:
    store, token, apps = kept_preview(tmp_path)
    loaded = store.load(token)
    assert loaded is not None
    by_id = {a.id: a for a in apps}
    assert loaded["records"] and all(record == by_id[record.id] for record in loaded["records"])
    assert any(r.contacts and r.interviews and r.events for r in loaded["records"])  # the nested parts too
    preview = read_preview(loaded, FIXED_NOW, SETTINGS)
    assert preview is not None and sum(preview.counts.values()) == len(apps)


def test_a_preview_of_another_version_of_the_file_is_not_read(tmp_path: Path) -> None:
    store, token, _ = kept_preview(tmp_path)
    assert store.load((0, 0, 0)) is None and store.load(None) is None


def test_a_preview_with_a_record_the_rules_refuse_is_not_used(tmp_path: Path) -> None:
    store, token, _ = kept_preview(tmp_path)
    data = orjson.loads(store.path.read_bytes())
    first = next(iter(data["records"]))
    data["records"][first]["stage"] = "limbo"  # refused by the record's rules, as in a data file
    store.path.write_bytes(orjson.dumps(data))
    assert store.load(token) is None
    for damaged in (b"", b"{", b"[]", b'{"format": 1}', orjson.dumps({**data, "records": {"x": {}}})):
        store.path.write_bytes(damaged)
        assert store.load(token) is None
