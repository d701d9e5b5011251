"""The labelled corpus of real published drafts (issue 11 item 8): its shape,
and floors under how far the checks agree with the labels, so a rule change
that makes them disagree more fails here. Figures: tools/corpus_report.py."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).parent / "corpus"
_spec = importlib.util.spec_from_file_location("corpus_load", CORPUS_DIR / "load.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules["corpus_load"] = corpus
_spec.loader.exec_module(corpus)

ENTRIES = corpus.load()


def test_every_draft_names_its_source_just_above_it():
    lines = (CORPUS_DIR / "drafts.toml").read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "[[draft]]"]
    assert len(starts) == len(ENTRIES)
    for i in starts:
        assert re.match(r"# source: https?://\S+", lines[i - 1]), f"line {i + 1}: no source address above the draft"


def test_the_corpus_is_mixed_and_has_a_held_out_part():
    assert len(ENTRIES) >= 100
    assert {e.kind for e in ENTRIES} == {"thank-you", "follow-up"}
    assert sum(1 for e in ENTRIES if e.fires) >= 10, "bad drafts"
    assert sum(1 for e in ENTRIES if not e.fires) >= 10, "good drafts"
    held_out = [e for e in ENTRIES if e.split == "held-out"]
    assert len(held_out) >= len(ENTRIES) // 4


def test_filled_templates_have_no_slots_left():
    for entry in ENTRIES:
        assert "[" not in entry.filled, entry.id


FLOORS = corpus.floors()  # tests/domain/corpus/floors.toml, which CI checks too (tools/corpus_report.py --check)


@pytest.mark.parametrize("split", corpus.SPLITS)
def test_the_checks_agree_with_the_labels(split):
    low = {
        check: (f"{s.agreement:.0%}", s.false_alarms, s.misses)
        for check, s in corpus.below_floors(ENTRIES, split, FLOORS[split]).items()
    }
    assert not low, low


def test_the_corpus_is_big_enough_and_holds_drafts_their_sources_criticise():
    """Issue 21 item 5: at least 150 published drafts, at least 40 of them
    criticised by their sources, each with its address, no id twice."""
    assert len(ENTRIES) >= 150
    criticised = [e for e in ENTRIES if e.criticism]
    assert len(criticised) >= 40
    assert all(e.criticism in corpus.CRITICISMS for e in criticised)
    held_out = [e for e in criticised if e.split == "held-out"]
    assert len(held_out) >= len(criticised) // 3, "criticised drafts in the held-out split"
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))
    lines = (CORPUS_DIR / "drafts.toml").read_text(encoding="utf-8").splitlines()
    sources = [lines[i - 1] for i, line in enumerate(lines) if line.strip() == "[[draft]]"]
    assert all(re.match(r"# source: https?://\S+", s) for s in sources)


def test_an_unknown_criticism_is_refused(tmp_path):
    bad = tmp_path / "drafts.toml"
    bad.write_text('[[draft]]\nid = "x"\nkind = "follow-up"\nsplit = "tune"\ncriticism = "smelly"\ntext = "Hi"\n',
                   encoding="utf-8")
    with pytest.raises(ValueError, match="unknown criticism"):
        corpus.load(bad)
