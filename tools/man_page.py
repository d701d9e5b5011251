"""Writes the manual page docs/followup.1 from the click commands themselves,
so `man` says what `--help` says. Run after changing a command or an option:

    .venv/bin/python tools/man_page.py            # rewrites docs/followup.1
    .venv/bin/python tools/man_page.py --check    # exit 1 when the page is stale

View it with `man -l docs/followup.1`. tests/cli/test_man_page.py checks that
the committed page is the one the commands give."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import click

from followup_tui import __version__
from followup_tui.cli import main as followup

PAGE = Path(__file__).resolve().parent.parent / "docs" / "followup.1"

ENVIRONMENT = [
    ("FOLLOWUP_DB", "The data file, as --db."),
    ("FOLLOWUP_CONFIG", "The settings file, as --config."),
    (
        "FOLLOWUP_NOW",
        "The current time for every command and the TUI: ISO 8601 or YYYY-MM-DD HH:MM, UTC without an "
        "offset. For trying out dates and for scripts, e.g. FOLLOWUP_NOW=2026-12-01T09:00Z followup due.",
    ),
]

EXIT_STATUS = [
    ("0", "Success."),
    ("1", "A check failed, or nothing matched what was asked."),
    ("2", "A usage or input error; one line on stderr names it."),
]


def roff(text: str) -> str:
    """Plain text as roff: backslashes and leading dots or quotes escaped."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    lines = []
    for line in text.splitlines():
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def paragraphs(help_text: str) -> list[str]:
    """click's help text as paragraphs: `\\b` blocks keep their lines."""
    out = []
    for block in inspect.cleandoc(help_text or "").split("\n\n"):
        if block.startswith("\b\n"):
            out.append(".nf\n" + roff(block[2:]) + "\n.fi")
        elif block.strip():
            out.append(roff(" ".join(block.split())))
    return out


def option_lines(command: click.Command, ctx: click.Context) -> list[str]:
    lines = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, help_text = record
        lines += [".TP", f"\\fB{roff(names)}\\fR", roff(" ".join(help_text.split())) or "."]
    return lines


def arguments(command: click.Command, ctx: click.Context) -> str:
    return " ".join(p.make_metavar(ctx) for p in command.get_params(ctx) if isinstance(p, click.Argument))


def page() -> str:
    root = click.Context(followup, info_name="followup")
    first_line = followup.get_short_help_str(limit=200).rstrip(".")
    lines = [
        f'.TH FOLLOWUP 1 "" "followup-tui {__version__}" "User Commands"',
        ".SH NAME",
        f"followup \\- {roff(first_line[0].lower() + first_line[1:])}",
        ".SH SYNOPSIS",
        "\\fBfollowup\\fR [\\fIOPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR]...]",
        ".SH DESCRIPTION",
        *[p for para in paragraphs(followup.help) for p in (para, ".PP")][:-1],
        ".SH OPTIONS",
        *option_lines(followup, root),
        ".SH COMMANDS",
    ]
    for name in followup.list_commands(root):
        command = followup.get_command(root, name)
        if command is None or command.hidden:
            continue
        ctx = click.Context(command, info_name=name, parent=root)
        usage = " ".join(x for x in ("[OPTIONS]", arguments(command, ctx)) if x)
        lines += [".SS", f"\\fBfollowup {name}\\fR {roff(usage)}"]
        lines += [p for para in paragraphs(command.help) for p in (para, ".PP")][:-1]
        lines += [".RS", *option_lines(command, ctx), ".RE"]
    lines.append(".SH ENVIRONMENT")
    for name, meaning in ENVIRONMENT:
        lines += [".TP", f"\\fB{name}\\fR", roff(meaning)]
    lines.append(".SH EXIT STATUS")
    for code, meaning in EXIT_STATUS:
        lines += [".TP", f"\\fB{code}\\fR", roff(meaning)]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = page()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is stale: run python tools/man_page.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
