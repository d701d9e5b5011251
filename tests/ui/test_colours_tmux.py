"""The focused card, the other columns' current cards and the urgencies stay
distinguishable in a real terminal (issue 9 items 6 and 7): the real
`followup` runs in a pane of a private tmux server with 16 colours
(TERM=linux), NO_COLOR=1 and the light theme; `capture-pane -e` gives what the
terminal shows with its escape attributes, which pyte turns into cells.

The same card is captured in its three states (focused; its column's current
card while another column has focus; an ordinary card) and each state must
differ from the others in its attributes, not only in a mark; an overdue
card's due words must differ from a due-soon card's. The test is about
telling them apart, not about which colours the board uses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from fixed import FIXED_NOW

from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store import TinyDBRepository

COLS, ROWS = 120, 35
TIMEOUT = 30.0

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux; .ci/run installs it)"
)

SETTINGS = {
    "16 colours": {"TERM": "linux"},
    "NO_COLOR": {"TERM": "xterm-256color", "NO_COLOR": "1"},
    "light theme": {"TERM": "xterm-256color", "TEXTUAL_THEME": "textual-light"},
}


def board_data(db: Path) -> None:
    """Applied: two cards (the one to look at, and one below it). Interview:
    a thank-you overdue. Thanked (moved there by hand): a thank-you still owed,
    due in a few hours. Both of those are their column's current card."""

    def round_ended(hours_ago: int, who: str) -> Interview:
        return Interview(at=FIXED_NOW - timedelta(hours=hours_ago), kind="onsite", with_names=[who], duration_minutes=60)

    TinyDBRepository.open(db, clock=lambda: FIXED_NOW).add_many(
        [
            Application(company="Alpha Ltd", role="Analyst", stage="applied"),
            Application(company="Alpha Two", role="Analyst", stage="applied"),
            Application(
                company="Beta Late", role="Engineer", stage="interview",
                contacts=[Contact(name="Ann Lee", email="ann@beta.com")], interviews=[round_ended(40, "Ann Lee")],
            ),
            Application(
                company="Gamma Soon", role="Engineer", stage="thanked",
                contacts=[Contact(name="Bo Ray", email="bo@gamma.com")], interviews=[round_ended(22, "Bo Ray")],
            ),
            Application(company="Delta Quiet", role="Writer", stage="offer", do_not_contact=True, priority="high"),
            Application(company="Delta Loud", role="Writer", stage="offer", priority="high"),
        ]
    )


class Pane:
    """One pane of a private tmux server running the real app."""

    def __init__(self, server: str) -> None:
        self.server = server

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True, timeout=10)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def capture(self) -> str:
        """What the pane shows, with escape sequences for its attributes."""
        return self.tmux("capture-pane", "-e", "-p", "-t", "app")

    def screen(self, raw: str):
        import pyte

        screen = pyte.Screen(COLS, ROWS)
        pyte.Stream(screen).feed(raw.replace("\n", "\r\n"))
        return screen

    def wait(self, condition, what: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while True:
            raw = self.capture()
            if condition(raw):
                return raw
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the pane shows:\n{self.screen(raw).display}")
            time.sleep(0.05)  # polling a condition (another process), not a fixed pause

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)


@pytest.fixture
def pane(tmp_path):
    server = f"followup-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    yield lambda env: start(server, tmp_path, env)
    subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True)
    # tmux leaves the socket file behind: remove it too
    (Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}" / server).unlink(missing_ok=True)


def start(server: str, tmp_path: Path, extra: dict[str, str]) -> Pane:
    db = tmp_path / "data" / "followup.json"
    board_data(db)
    config = tmp_path / "config.toml"
    config.write_text('timezone = "UTC"\nuser_name = ""\n', encoding="utf-8")  # past the first run
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "FOLLOWUP_NOW": FIXED_NOW.isoformat(),
        "FOLLOWUP_CONFIG": str(config),
        **extra,
    }
    command = ["env", "-i", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "followup_tui", "--db", str(db)]
    pane = Pane(server)
    pane.tmux("-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", str(COLS), "-y", str(ROWS), *command)
    return pane


def find(screen, text: str) -> tuple[int, int]:
    for row, line in enumerate(screen.display):
        if text in line:
            return row, line.index(text)
    raise AssertionError(f"{text!r} is not on the screen:\n" + "\n".join(screen.display))


def attributes(cell) -> tuple:
    return (cell.fg, cell.bg, cell.bold, cell.italics, cell.underscore, cell.reverse, cell.strikethrough)


def card_look(screen, company: str, with_text: bool = False) -> list[tuple]:
    """The attributes of the card's first lines, from just left of the
    company name (where a mark or edge would be) across the card."""
    row, col = find(screen, company)
    return [
        attributes(screen.buffer[r][c]) + ((screen.buffer[r][c].data,) if with_text else ())
        for r in range(row, row + 3)
        for c in range(max(col - 2, 0), min(col + 12, COLS))
    ]


def due_look(screen, company: str) -> set[tuple]:
    """The attributes of the due words of that card: the first line below the
    company name with a digit in it (the due time), from the name's column."""
    row, col = find(screen, company)
    for r in range(row + 1, min(row + 6, ROWS)):
        cells = [screen.buffer[r][c] for c in range(col, min(col + 14, COLS))]
        text = "".join(cell.data for cell in cells)
        if any(ch.isdigit() for ch in text):
            return {attributes(cell)[:1] + attributes(cell)[2:] for cell in cells if cell.data.strip()}
    raise AssertionError(f"no due words under {company!r}:\n" + "\n".join(screen.display))


def looks(p: Pane, raw: str, *companies: str) -> list[list[tuple]]:
    """What those cards show, characters and attributes (to wait on a key's effect)."""
    screen = p.screen(raw)
    return [card_look(screen, company, with_text=True) for company in companies]


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_focus_current_card_and_urgency_are_distinguishable_in_a_real_terminal(pane, setting):
    p = pane(SETTINGS[setting])
    names = ("Alpha Ltd", "Alpha Two", "Beta Late", "Gamma Soon")
    focused = p.wait(lambda raw: all(n in "\n".join(p.screen(raw).display) for n in names), "the board")
    if setting == "16 colours":
        # the app really drew in 16 colours: no 256-colour or true-colour escapes
        assert not any(code in focused for code in ("38;5;", "48;5;", "38;2;", "48;2;")), focused[:400]
    start = looks(p, focused, "Alpha Ltd", "Beta Late")

    # The focus moves to the Interview column: Alpha Ltd becomes the Applied
    # column's current card and Beta Late the focused one. If that changed
    # nothing on either card, the focus would be invisible.
    p.keys("l")
    current = p.wait(lambda raw: looks(p, raw, "Alpha Ltd", "Beta Late") != start, "the focus to show on another card")
    p.keys("h")  # back: Alpha Ltd focused again
    p.wait(lambda raw: looks(p, raw, "Alpha Ltd", "Beta Late") == start, "the focus to come back")
    p.keys("j")  # the cursor goes down to Alpha Two: Alpha Ltd is an ordinary card
    ordinary = p.wait(lambda raw: looks(p, raw, "Alpha Ltd")[0] != start[0], "the cursor to leave Alpha Ltd")

    state = {name: card_look(p.screen(raw), "Alpha Ltd") for name, raw in
             (("focused", focused), ("current", current), ("ordinary", ordinary))}
    assert state["focused"] != state["ordinary"], f"{setting}: the focused card looks like an ordinary card"
    assert state["current"] != state["ordinary"], f"{setting}: a column's current card looks like an ordinary card"

    # urgencies: both cards are their column's current card, the focus elsewhere
    screen = p.screen(focused)
    overdue, soon = due_look(screen, "Beta Late"), due_look(screen, "Gamma Soon")
    assert overdue != soon, f"{setting}: overdue and due-soon look the same: {overdue}"

    assert state["focused"] != state["current"], f"{setting}: the focused card looks like another column's current card"


# What a Linux console's font draws (code page 437's lines, blocks and
# arrows, Latin-1; "…" and "•" are in its Lat15 / Terminus fonts): ⭘, ⊘, ✓,
# rounded or heavy corners and eighths of a block are not.
CONSOLE_FONT = set(
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "─│┌┐└┘├┤┬┴┼═║╒╕╘╛╔╗╚╝╓╖╙╜╞╡╟╢╤╧╥╨╪╫╬"
    + "▀▄█▌▐░▒▓■·•…≤≥≡±÷√°←→↑↓▲▼►◄"
    + "".join(chr(c) for c in range(0xA0, 0x100))
)


def drawn_characters(p: Pane, raw: str) -> set[str]:
    return {ch for line in p.screen(raw).display for ch in line}


def test_a_linux_console_gets_the_glyphs_its_font_has_and_still_tells_cards_apart(pane):
    p = pane({"TERM": "linux"})
    names = ("Alpha Ltd", "Beta Late", "Delta Quiet", "Delta Loud")
    raw = p.wait(lambda raw: all(n in "\n".join(p.screen(raw).display) for n in names), "the board")
    assert drawn_characters(p, raw) <= CONSOLE_FONT, sorted(drawn_characters(p, raw) - CONSOLE_FONT)
    screen = p.screen(raw)
    # do-not-contact still marked, in characters the font has
    quiet_row, quiet_col = find(screen, "Delta Quiet")
    loud_row, loud_col = find(screen, "Delta Loud")
    assert screen.display[quiet_row][quiet_col - 2 : quiet_col].strip(), "no do-not-contact mark"
    assert not screen.display[loud_row][loud_col - 2 : loud_col].strip("│ ")
    # the focused card, another column's current card and an ordinary card have three different edges
    focused_row, focused_col = find(screen, "Alpha Ltd")
    ordinary_row, ordinary_col = find(screen, "Alpha Two")
    current_row, current_col = find(screen, "Beta Late")
    edges = {screen.display[row - 1][col - 1] for row, col in
             ((focused_row, focused_col), (ordinary_row, ordinary_col), (current_row, current_col))}
    assert len(edges) == 3, edges
    # the other screens too: the composer's checks and the statistics
    p.keys("l", "c")
    raw = p.wait(lambda raw: "ready" in raw or "needs attention" in raw, "the composer")
    assert drawn_characters(p, raw) <= CONSOLE_FONT, sorted(drawn_characters(p, raw) - CONSOLE_FONT)
    p.keys("Escape")
    p.wait(lambda raw: "Alpha Ltd" in raw, "the board again")
    p.keys("s")
    raw = p.wait(lambda raw: "Funnel" in raw, "the statistics")
    assert drawn_characters(p, raw) <= CONSOLE_FONT, sorted(drawn_characters(p, raw) - CONSOLE_FONT)
