"""Statistics of the whole search: small charts with their numbers beside
them, readable at 80x24. The figures come from domain.stats (the same as
`followup stats`); the applications from the session, redrawn when they
change."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Sparkline, Static

from ...domain.stats import (
    ANSWER_MEANS,
    FUNNEL_LABELS,
    GroupOutcomes,
    SearchStats,
    bar,
    days_text,
    percent,
    search_stats,
)
from ..data.session import DataChanged
from ..glyphs import WHOLE_BLOCKS
from ..text.safe_text import printable
from ..widgets.app_header import AppHeader
from .base import DataScreen

BAR_CELLS = 18  # a bar beside a 13-cell label and a 4-cell number: 37 of a 40-cell column
FIGURE_LABEL = 15
TWO_COLUMNS_FROM = 80  # terminal columns: below, the blocks go one under the other (a line is ~37 cells)
FIGURES_WIDTH = 14 + 9 + 14  # the key figures' lines: label, figure, note
GROUP_FIGURES = 21  # " apps answ intv offer": the figures right of a source's name


def _title(text: str) -> Text:
    # a figure is never wrapped onto the next line: cut with an ellipsis instead
    return Text(text, style="bold", no_wrap=True, overflow="ellipsis")


def bars_text(title: str, rows: list[tuple[str, int]], style: str) -> Text:
    """A titled bar chart: label, count and a bar scaled to the largest."""
    text = _title(title)
    largest = max((n for _, n in rows), default=0)
    for label, count in rows:
        text.append(f"\n{label:<13}{count:>4} ")
        text.append(bar(count, largest, BAR_CELLS), style=style)
    return text


def funnel_text(stats: SearchStats) -> Text:
    rows = [(FUNNEL_LABELS[stage].capitalize(), reached) for stage, reached in stats.funnel]
    return bars_text("Funnel: really reached", rows, "cyan")


def figures_text(stats: SearchStats) -> Text:
    """Label, figure, a short note: 14 + 9 + 14 cells, one line each in a
    40-cell column."""
    rate, notes, answered = stats.response_rate, stats.thank_you_on_time, stats.follow_ups_answered
    per = stats.follow_ups_per_application
    rows = [
        ("Response rate", percent(rate), f"{rate.part} of {rate.whole}"),
        ("First answer", days_text(stats.days_to_first_response), "median"),
        ("To a decision", days_text(stats.days_interview_to_decision), "median"),
        ("Thank-yous", percent(notes), f"≤{stats.thank_you_hours} h, {notes.part}/{notes.whole}"),
        ("Follow-ups", str(stats.follow_ups_sent), f"{'n/a' if per is None else f'{per:.1f}'} each"),
        ("  answered", percent(answered), f"{answered.part} of {answered.whole}"),
    ]
    text = _title("Key figures")
    for label, value, note in rows:
        text.append(f"\n{label:<14}")
        text.append(f"{value:>9}", style="bold")
        text.append(f"  {note}", style="dim")
    for line in textwrap.wrap(f"answer: {ANSWER_MEANS}", FIGURES_WIDTH):  # folded here: never mid-figure
        text.append(f"\n{line}", style="dim")
    return text


def outcomes_text(stats: SearchStats) -> Text:
    return bars_text("How they closed", list(stats.outcomes), "magenta")


def groups_text(title: str, groups: tuple[tuple[str, GroupOutcomes], ...], width: int = 0) -> Text:
    """One line per source (or channel): applications, answered, interviewed,
    offers; names get the `width` there is beside the figures."""
    longest = max((cell_len(printable(name)) for name, _ in groups), default=0)
    room = max(14, min(longest, width - GROUP_FIGURES))
    text = _title(f"{title:<{room}}")
    text.append(" apps answ intv offer", style="dim")
    for name, group in groups:
        label = printable(name)
        label = label if cell_len(label) <= room else set_cell_size(label, room - 1) + "…"
        text.append(f"\n{set_cell_size(label, room)}")
        text.append(f"{group.applications:>5}{group.answered:>5}{group.interviewed:>5}{group.offers:>6}")
    return text


def _blocks(text: Text, whole: bool) -> Text:
    """Bars in whole and half blocks only, where the font has no others."""
    if not whole:
        return text
    plain = text.plain.translate(WHOLE_BLOCKS)
    translated = text.copy()
    translated.plain = plain  # same length: the styles stay where they were
    return translated


def week_caption(stats: SearchStats) -> Text:
    if not stats.per_week:
        return Text("no applications yet", style="dim")
    counts = [n for _, n in stats.per_week]
    first = stats.per_week[0][0].isoformat()
    return Text(f"from {first}: most {max(counts)}, now {counts[-1]}", style="dim")


class StatsScreen(DataScreen):
    """Figures of the search; `s` on the board."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Board", tooltip="Back to the board"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    DEFAULT_CSS = """
    StatsScreen.-narrow .stats-row { layout: vertical; }
    StatsScreen.-narrow .stats-column { width: 100%; }
    StatsScreen #stats-body { padding: 0 1; }
    StatsScreen #stats-scope { height: 1; }
    StatsScreen .stats-row { height: auto; }
    StatsScreen .stats-column { width: 1fr; height: auto; padding-right: 2; }
    StatsScreen .stats-block { height: auto; margin-bottom: 1; }
    StatsScreen #week-sparkline { height: 3; width: 100%; }
    """

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-scope")
            with Horizontal(classes="stats-row"):
                with Vertical(classes="stats-column"):
                    yield Static(id="funnel", classes="stats-block")
                    yield Static(_title("Applications per week"), id="week-title")
                    yield Sparkline([], id="week-sparkline", summary_function=max)
                    yield Static(id="week-caption", classes="stats-block")
                with Vertical(classes="stats-column"):
                    yield Static(id="figures", classes="stats-block")
                    yield Static(id="outcomes", classes="stats-block")
            with Horizontal(classes="stats-row"):
                yield Static(id="by-source", classes="stats-column")
                yield Static(id="by-channel", classes="stats-column")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < TWO_COLUMNS_FROM, "-narrow")
        if hasattr(self, "stats"):
            self.call_after_refresh(self._show_groups)  # names take the width the columns now have

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < TWO_COLUMNS_FROM, "-narrow")
        self.sub_title = "Statistics"
        self.query_one("#stats-body").focus()
        self.reload()

    @on(DataChanged)
    def data_changed(self, _event: DataChanged) -> None:
        self.reload()

    def compute(self) -> SearchStats:
        session = self.app.session
        settings = session.settings
        apps = [entry.application for entry in session.all()]
        return search_stats(apps, session.now(), settings.tz, thank_you_hours=settings.cadence.thank_you_hours)

    def reload(self) -> None:
        stats = self.compute()
        self.stats = stats
        count = stats.applications
        self.query_one("#stats-scope", Static).update(
            Text(f"{count} application{'s' if count != 1 else ''} · the same figures: followup stats", style="dim")
        )
        whole_blocks = not self.app.glyphs.partial_blocks  # a console font has no eighths of a block
        self.query_one("#funnel", Static).update(_blocks(funnel_text(stats), whole_blocks))
        self.query_one("#figures", Static).update(figures_text(stats))
        self.query_one("#outcomes", Static).update(_blocks(outcomes_text(stats), whole_blocks))
        self.query_one("#week-sparkline", Sparkline).display = not whole_blocks  # the caption says it in words
        self.query_one("#week-sparkline", Sparkline).data = [float(n) for _, n in stats.per_week]
        self.query_one("#week-caption", Static).update(week_caption(stats))
        self._show_groups()

    def _show_groups(self) -> None:
        for widget_id, title, groups in (
            ("#by-source", "By source", self.stats.by_source),
            ("#by-channel", "By channel", self.stats.by_channel),
        ):
            widget = self.query_one(widget_id, Static)
            widget.update(groups_text(title, groups, widget.content_size.width))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self))
