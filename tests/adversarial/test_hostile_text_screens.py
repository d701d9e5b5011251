"""Every hostile string on every screen of the real app, in a real terminal:
the raw bytes the app writes to the pty never carry them (issue 14 item 1)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from adversarial.hostile import FORBIDDEN_BYTES, HOSTILE_STRINGS
from adversarial.pty_run import PtyProcess, clean_env, followup_argv
from fixed import FIXED_NOW

from followup_tui.domain.model import Application, Contact, Draft, Interview
from followup_tui.store.tinydb_store import TinyDBRepository

pytestmark = pytest.mark.slow

ALL = "".join(HOSTILE_STRINGS.values())


def hostile_application() -> Application:
    at = FIXED_NOW - timedelta(hours=30)
    app = Application(
        company=f"Acme{ALL}", role=f"Role{ALL}", company_domain="acme.example",
        contacts=[Contact(name=f"Jane{ALL}", title=f"Boss{ALL}", email="jane@acme.example", phone=ALL)],
        interviews=[Interview(at=at, kind=f"onsite{ALL}", with_names=[f"Jane{ALL}"], notes=f"went{ALL}")],
        stage="interview", notes=f"notes{ALL}", created=at - timedelta(days=3),
        drafts={"thank-you": Draft(kind="thank-you", to="jane@acme.example", subject=f"Thanks{ALL}",
                                   body=f"Dear Jane{ALL},\n\nThank you{ALL}.\n")},
    )
    app.add_note(f"note{ALL}", at)
    return app


def leaks(output: bytes) -> list[str]:
    found = [name for name, raw in zip(map(repr, FORBIDDEN_BYTES), FORBIDDEN_BYTES) if raw in output]
    if b"\x1b]0;PWNED" in output or b"\x1b]52;c;cm0g" in output:
        found.append("OSC payload")
    return found


def test_every_screen_shows_hostile_text_as_stand_ins(tmp_path):
    db = tmp_path / "data" / "followup.json"
    TinyDBRepository.open(db).add(hostile_application())
    proc = PtyProcess(followup_argv("--db", str(db)), clean_env(tmp_path), cols=120, rows=35)
    visited: list[str] = []
    offsets: list[int] = []

    def mark(screen: str) -> None:
        visited.append(screen)
        offsets.append(len(proc.output))

    try:
        proc.wait_for_text("Acme")
        proc.wait_for_text("Following up")
        mark("board")
        proc.send("\r")  # the detail view
        proc.wait_for_text("History")
        mark("detail")
        proc.send("\x1b")
        proc.wait_for_text("Following up")
        proc.send("e")  # the form: every Input
        proc.wait_for_text("Edit Acme")
        mark("form")
        proc.send("\x1b")
        proc.wait_for_text("Following up")
        proc.send("c")  # the composer, with the saved draft
        proc.wait_for_text("Subject")
        mark("composer")
        proc.send("\x1b")
        proc.wait_for_text("Following up")
        proc.send("r")  # a dialog whose question names the company
        proc.wait_for_text("say?")
        mark("response dialog")
        proc.send("\x1b")
        proc.wait_until_gone("say?")
        proc.send("?")
        proc.wait_for_text("Keys")  # the help screen's heading (its rows may scroll)
        mark("help")
        proc.send("\x1b")
        proc.wait_until_gone("Keys")
        proc.wait_for_text("Following up")
        proc.send("a")  # the agenda's action column
        proc.wait_for_text("Agenda")
        mark("agenda")
        proc.send("\x1b")
        proc.wait_for_text("Following up")
        proc.send("L")  # the notice after a move names the company
        proc.wait_for_text("Thanked")
        mark("move notice")
    finally:
        proc.kill()
    assert visited == ["board", "detail", "form", "composer", "response dialog", "help",
                       "agenda", "move notice"]
    out = bytes(proc.output)
    per_screen = {screen: leaks(out[start:end]) for screen, start, end
                  in zip([*visited, "after"], [0, *offsets], [*offsets, len(out)])}
    bad = {screen: found for screen, found in per_screen.items() if found}
    assert not bad, "\n".join(f"{screen}: {found}" for screen, found in bad.items())


def test_a_hostile_data_path_reaches_neither_the_title_nor_an_error_line(tmp_path):
    folder = tmp_path / ("data" + HOSTILE_STRINGS["OSC 0 title"] + HOSTILE_STRINGS["bidi override"])
    db = folder / "followup.json"
    TinyDBRepository.open(db).add(Application(company="Acme"))
    proc = PtyProcess(followup_argv("--db", str(db)), clean_env(tmp_path), cols=120, rows=35)
    try:
        proc.wait_for_text("Acme")
        proc.wait_for_text("Following up")
    finally:
        proc.kill()
    assert leaks(bytes(proc.output)) == []
    db.write_text("{ broken")
    import subprocess

    done = subprocess.run(followup_argv("--db", str(db), "list"), capture_output=True, env=clean_env(tmp_path),
                          stdin=subprocess.DEVNULL, timeout=30)
    assert done.returncode == 2 and b"not valid JSON" in done.stderr
    assert leaks(done.stderr) == [] and b"\x1b" not in done.stderr
