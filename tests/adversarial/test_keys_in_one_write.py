"""Keys that arrive bunched, as over SSH, in a real terminal: `n`, then one
write of fields separated by tabs; each field is stored where it was typed
(issue 23 item 2)."""

from __future__ import annotations

import pytest
from adversarial.pty_run import PtyProcess, clean_env, followup_argv
from fixed import FIXED_NOW

from followup_tui.domain.model import Application
from followup_tui.store.tinydb_store import TinyDBRepository

pytestmark = pytest.mark.slow


def test_one_write_with_tabs_fills_the_form_field_by_field(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db, clock=lambda: FIXED_NOW).add(Application(company="Zeta", role="Analyst"))
    proc = PtyProcess(followup_argv("--db", str(db)), clean_env(tmp_path), cols=80, rows=24)
    try:
        proc.wait_for_text("Zeta")
        proc.send("n")
        proc.wait_for_text("New application")
        proc.send("Acme\tSupport Engineer\thttps://acme.example/j/1\tLyon")  # one write
        proc.wait_for_text("Lyon")
        proc.send("\x13")  # ctrl+s
        proc.wait_for_text("Acme")
        proc.wait_until_gone("New application")
        proc.send("q")
        proc.finish()
    finally:
        proc.kill()
    stored = {a.company: a for a in TinyDBRepository.open(db).list()}
    assert sorted(stored) == ["Acme", "Zeta"], sorted(stored)
    acme = stored["Acme"]
    assert (acme.role, acme.job_url, acme.location) == ("Support Engineer", "https://acme.example/j/1", "Lyon")
