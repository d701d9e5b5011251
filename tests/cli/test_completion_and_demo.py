"""Shell completion of application ids by id or company name (through
click's real completion protocol, as bash/zsh/fish call it), and what the
demo says about its data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli.cli_runner import make_followup

from followup_tui.cli.tui import demo_notice


def complete(db: Path, words: str, shell: str = "zsh") -> str:
    env = {**os.environ, "_FOLLOWUP_COMPLETE": f"{shell}_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)), "FOLLOWUP_DB": str(db)}
    code = "from followup_tui.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60).stdout


def test_ids_complete_by_company_name_with_the_company_as_help(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme", "--role", "Data engineer")
    followup("add", "--company", "Beta")
    followup("add", "--company", "Acme Labs")
    out = complete(db_file, "followup show acm")
    lines = out.splitlines()
    assert "1" in lines and "3" in lines and "2" not in lines
    assert "Acme | Data engineer" in out and "Acme Labs" in out
    assert complete(db_file, "followup edit 2").splitlines()[:2] == ["plain", "2"]


def test_completion_without_a_data_file_offers_nothing_and_creates_nothing(tmp_path):
    missing = tmp_path / "none" / "followup.json"
    assert complete(missing, "followup show a").strip() == ""
    assert not missing.parent.exists()


def test_the_demo_says_its_data_is_temporary_and_how_to_keep_it(tmp_path):
    assert demo_notice(None) == "DEMO: data deleted on quit (keep it: followup demo --keep DIR)"
    assert len("followup — " + demo_notice(None)) <= 80  # fits the header at 80 columns
    assert demo_notice(tmp_path) == f"DEMO: data kept in {tmp_path}"
