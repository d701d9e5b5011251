"""The board reads as a kanban: cards with edges, the whole next action,
one highlighted card, counts that always show, fields where there is room,
an empty board that says how to begin (issue 12, items 1 and 6)."""

from __future__ import annotations

import pytest

from followup_tui.domain.model import STAGES, Application
from followup_tui.store import TinyDBRepository
from followup_tui.ui.screens.board import BoardScreen
from followup_tui.ui.glyphs import UNICODE
from followup_tui.ui.widgets.board_column import column_title
from followup_tui.ui.widgets.card_lines import wrap

from ui_steps import board_ready, card_in_view, drawn_card, title_strip

EDGES = UNICODE.edges  # the edges a terminal emulator shows


def card_of(column, company: str) -> int:
    """Where the card of `company` is in a column."""
    return next(i for i, card in enumerate(column.cards) if card.company == company)


def card_text(board: BoardScreen, stage: str, index: int) -> list[str]:
    """What a card shows on screen, line by line, edges included."""
    return [strip.text for strip in drawn_card(board, stage, index)]


def edge_kind(board: BoardScreen, stage: str, index: int) -> str:
    corner = card_text(board, stage, index)[0][0]
    return next(kind for kind, edges in EDGES.items() if edges[0] == corner)


async def test_only_the_focused_card_is_highlighted(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        await pilot.press("l", "l", "j")  # Interview, its second card
        await wait_until(pilot, lambda: board.focused_column.stage == "interview" and board.focused_column.cursor == 1)
        kinds = {
            (stage, index): edge_kind(board, stage, index)
            for stage in STAGES
            for index in range(len(board.column(stage).cards))
            if card_in_view(board, stage, index)
        }
        assert [place for place, kind in kinds.items() if kind == "focus"] == [("interview", 1)]
        # other columns keep a quiet mark of where their cursor is: square corners
        assert kinds[("applied", 0)] == "current" and kinds[("thanked", 0)] == "current"
        assert kinds[("interview", 0)] == "card" and kinds[("applied", 1)] == "card"
        # the focused card also has its own background; the others the list's
        inside = lambda stage, index: drawn_card(board, stage, index)[1]  # noqa: E731  (the company's line)
        background = lambda strip: next(seg.style.bgcolor for seg in strip if seg.text.strip() not in ("", "│", "┃"))  # noqa: E731
        assert background(inside("interview", 1)) != background(inside("applied", 0))
        assert background(inside("applied", 0)) == background(inside("applied", 1))
        # the focused column's title stands out: underlined (NO_COLOR too), its own background
        underlined = lambda stage: all(seg.style.underline for seg in title_strip(board, stage))  # noqa: E731
        assert board.view.marked_stage == "interview"
        assert underlined("interview") and not any(underlined(s) for s in STAGES if s != "interview")
        assert background(title_strip(board, "interview")) != background(title_strip(board, "applied"))
        # the filter takes the focus: no card looks focused any more, no title is marked
        await pilot.press("slash")
        await wait_until(pilot, lambda: board.focused_column is None)
        await wait_until(pilot, lambda: board.view.marked_stage is None)
        assert edge_kind(board, "interview", 1) == "current"
        assert not any(underlined(s) for s in STAGES)


async def test_the_next_action_wraps_to_a_second_line_instead_of_being_cut(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        interview = board.column("interview")
        index = card_of(interview, "Cobalt Studio")
        lines = [line.strip("│┃┌┐└┘ ") for line in card_text(board, "interview", index)]
        assert interview.cards[index].action_text == "thank-you to Leo Martins"
        assert lines[3:5] == ["thank-you to", "Leo Martins"]  # no "thank-you to Leo…"
        assert lines[5].startswith("overdue")


async def test_a_moved_card_is_focused_and_scrolled_into_view_in_its_new_column(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        await pilot.press("l")
        await wait_until(pilot, lambda: board.focused_column.stage == "applied")
        moved = board.focused_column.current
        await pilot.press("L")  # the fourth card of Interview: below the fold of 31 rows
        interview = board.column("interview")
        await wait_until(pilot, lambda: board.focused_column is interview and interview.current.app_id == moved.app_id)
        await wait_until(pilot, lambda: card_in_view(board, "interview", interview.cursor), what="the moved card scrolled into view")
        assert interview.row_of(interview.cursor) > board.view.content_height - interview.card_height  # it had to scroll
        assert interview.scroll > 0
        assert card_text(board, "interview", interview.cursor)[1].strip("┃ ").startswith(moved.company[:10])


def test_wrap_keeps_words_and_cuts_only_what_two_lines_cannot_hold():
    assert wrap("waiting to hear back", 14, 2) == ["waiting to", "hear back"]
    assert wrap("short", 14, 2) == ["short"]
    assert wrap("thank-you to Maya Lindqvist, Jon Park", 14, 2) == ["thank-you to", "Maya Lindqvis…"]
    assert wrap("Supercalifragilistic", 8, 2) == ["Supercal", "ifragil…"]


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_a_column_title_never_hides_its_count(width):
    column = max(17, width // max(1, min(7, width // 17))) - 1
    for stage in STAGES:
        for count in (0, 7, 12, 1234, 10_000):
            title = column_title(stage, count, column)
            assert title.endswith(f"({count:,})") and len(title) <= column, (stage, count, title)
    assert column_title("following-up", 2, 16) == "Following up (2)"
    assert column_title("following-up", 12, 16) == "Follow-up (12)"


@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_counts_show_and_the_focused_column_stays_in_view(demo_db, make_app, wait_until, size):
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        board = await board_ready(pilot, wait_until)
        for stage in STAGES:
            count = len(board.column(stage).cards)
            assert board.column(stage).title.endswith(f"({count})"), board.column(stage).title
        for step in range(len(STAGES)):
            stage = board.focused_column.stage
            before, after = board.off_screen()
            assert stage not in before + after  # the focused column is on screen
            hidden = before + after
            if hidden:  # and the status line names the others with their counts
                assert all(f"{board.column(s).title.split(' (')[0]}" in board.status_text or "▸" in board.status_text for s in hidden)
            await pilot.press("l")
            if step < len(STAGES) - 1:
                await wait_until(pilot, lambda stage=stage: board.focused_column.stage != stage)
        if size[0] == 80:
            assert board.off_screen()[0]  # scrolled: the first columns are left of the screen
            assert board.status_text.lstrip().startswith("◂ Saved 1")


async def test_a_tall_terminal_shows_each_cards_fields_and_a_short_one_more_cards(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        interview = board.column("interview")
        index = card_of(interview, "Orbital Robotics")
        text = "\n".join(card_text(board, "interview", index))
        assert "│Toulouse (hyb…│" in text and "│▲ high #sre   │" in text
        assert interview.field_lines == 2 and interview.card_height == 9
        following_up = board.column("following-up")
        assert following_up.field_lines == 0  # no card there has fields
        assert following_up.card_height == 6  # nor an action on two lines: "let go", "overdue 7d"
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await board_ready(pilot, wait_until)
        interview = board.column("interview")
        assert interview.field_lines == 0  # 19 rows: compact cards rather than fewer with fields
        assert "Toulouse" not in "\n".join(card_text(board, "interview", 0) + card_text(board, "interview", 1))


async def test_user_text_in_fields_is_shown_literally(tmp_path, make_app, wait_until):
    db = tmp_path / "d.json"
    TinyDBRepository.open(db).add(Application(company="Acme", location="[b]Oslo\x1b[2J", tags=["[red]x"]))
    app = make_app(db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        text = "\n".join(card_text(board, "applied", 0))
        assert "[b]Oslo␛[2J" in text and "#[red]x" in text and "\x1b" not in text


async def test_an_empty_board_says_how_to_add_and_import(tmp_path, make_app, wait_until, wait_for_screen):
    app = make_app(tmp_path / "new.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BoardScreen))
        board = app.screen
        empty = board.query_one("#board-empty")
        await wait_until(pilot, lambda: empty.display)
        shown = str(empty.render())
        assert "  n   " in shown and "add your first application" in shown
        assert "followup import FILE" in shown and "LinkedIn" in shown
        assert not board.query_one("#board").display
        assert board.status_text.strip() == ""  # no columns "off screen" on an empty board
        await pilot.press("n")
        from followup_tui.ui.screens.form import ApplicationFormScreen

        await wait_for_screen(pilot, ApplicationFormScreen)


async def test_a_filter_that_matches_nothing_says_so(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        await pilot.press("slash", *"zzz")
        empty = board.query_one("#board-empty")
        await wait_until(pilot, lambda: empty.display and "“zzz”" in str(empty.render()), what="the no-match line")
        assert str(empty.render()) == "Nothing matches “zzz”. escape clears the filter."
        await pilot.press("escape")
        await wait_until(pilot, lambda: not empty.display and board.query_one("#board").display)


async def test_a_new_theme_reaches_every_part_of_the_board_at_once(demo_db, make_app, wait_until):
    """The board's colours come from the stylesheet's component classes, so a
    theme changes them; no line drawn in the old theme is left (they are cached)."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)

        def look() -> tuple:
            focused, ordinary, title = drawn_card(board, "saved", 0), drawn_card(board, "applied", 1), title_strip(board, "saved")
            return (
                {seg.style.bgcolor for seg in focused[1]}, {seg.style.color for seg in ordinary[1]},
                {seg.style.color for seg in ordinary[0]}, {seg.style.bgcolor for seg in title},
            )

        dark = look()
        app.theme = "textual-light"
        await wait_until(pilot, lambda: all(a != b for a, b in zip(look(), dark)), what="every part in the new theme")
        light = board.view.rich_style.bgcolor
        assert light not in dark[0] and list(board.view.render_line(board.view.size.height - 1))[-1].style.bgcolor == light


async def test_page_keys_move_a_page_of_cards_and_each_column_keeps_its_own_place(tmp_path, make_app, wait_until):
    db = tmp_path / "d.json"
    TinyDBRepository.open(db).add_many(
        [Application(company=f"Applied {n:02d}", role="Engineer", stage="applied") for n in range(30)]
        + [Application(company=f"Offer {n:02d}", stage="offer") for n in range(10)]
    )
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await board_ready(pilot, wait_until)
        applied, offer = board.column("applied"), board.column("offer")
        per_page = board.view.content_height // applied.card_height
        assert per_page >= 2 and board.focused_column is applied
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: applied.cursor == per_page, what="a page down")
        assert card_in_view(board, "applied", applied.cursor) and applied.scroll > 0
        assert card_text(board, "applied", applied.cursor)[1].strip("┃ ") == f"Applied {per_page:02d}"
        await pilot.press(*["pagedown"] * (29 // per_page + 1))  # past the end: the last card
        await wait_until(pilot, lambda: applied.cursor == 29, what="the last card")
        assert applied.scroll == applied.rows - board.view.content_height
        # the titles stay on the first row whatever the columns' scroll
        assert title_strip(board, "applied").text.startswith("Applied (30)")
        await pilot.press("pageup")
        await wait_until(pilot, lambda: applied.cursor == 29 - per_page, what="a page up")
        assert card_in_view(board, "applied", applied.cursor)
        place = (applied.cursor, applied.scroll)
        # another column keeps its own cursor and scroll, and this one keeps its own
        assert (offer.cursor, offer.scroll) == (0, 0)
        await pilot.press("right", "right", "right", "right")
        await wait_until(pilot, lambda: board.focused_column is offer, what="Offer")
        await pilot.press(*["j"] * 9)
        await wait_until(pilot, lambda: offer.cursor == 9 and card_in_view(board, "offer", 9), what="Offer's last card")
        assert (applied.cursor, applied.scroll) == place
        assert board.off_screen()[0] == ["saved", "applied"]  # shifted: Offer is on screen
        assert board.view.card_strips("applied", applied.cursor)[0].text.startswith("┌")  # its current card, quietly marked


async def test_the_board_opens_on_its_first_columns_when_the_first_cards_are_in_the_second(tmp_path, make_app, wait_until):
    """The view shifts only as far as the current column needs: from the left edge."""
    db = tmp_path / "d.json"
    TinyDBRepository.open(db).add_many([Application(company="Acme", stage="applied"), Application(company="Zeta", stage="offer")])
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await board_ready(pilot, wait_until)
        assert board.focused_column.stage == "applied"
        assert board.off_screen() == ([], ["following-up", "offer", "closed"])
        assert title_strip(board, "saved").text.startswith("Saved (0)")
        await pilot.press("l", "l", "l", "l")  # to Offer: shifted by two columns, no more
        await wait_until(pilot, lambda: board.focused_column.stage == "offer")
        assert board.off_screen() == (["saved", "applied"], ["closed"])
        assert board.status_text.strip() == "◂ Saved 0, Applied 1   Closed 0 ▸"


async def test_do_not_contact_and_high_priority_are_marked_in_words_and_weight(demo_db, make_app, wait_until):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 35)) as pilot:
        board = await board_ready(pilot, wait_until)
        thanked = board.column("thanked")
        index = card_of(thanked, "Meridian Press")
        company_line = drawn_card(board, "thanked", index)[1]
        assert company_line.text.startswith("│⊘ Meridian Pr")
        mark = next(seg for seg in company_line if seg.text.startswith("⊘"))
        assert mark.style.bold and mark.style.color != next(seg for seg in company_line if "Meridian" in seg.text).style.color
        others = [c for c in thanked.cards if c.company != "Meridian Press"]
        assert others and not any("⊘" in strip.text for i, c in enumerate(thanked.cards) if c in others for strip in drawn_card(board, "thanked", i))
        interview = board.column("interview")
        index = card_of(interview, "Orbital Robotics")
        fields = next(strip for strip in drawn_card(board, "interview", index) if "#sre" in strip.text)
        high = next(seg for seg in fields if "high" in seg.text)
        tag = next(seg for seg in fields if "#sre" in seg.text)
        assert high.style.bold and not tag.style.bold
