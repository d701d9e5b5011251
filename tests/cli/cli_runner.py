"""Running `followup` in-process for the CLI tests: a fixed clock, Paris as the
user's timezone (so local times visibly differ from UTC), a real db file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from followup_tui.cli import main

FIXED_NOW_TEXT = "2026-11-25T15:00:00Z"


@dataclass
class Followup:
    db: Path
    config: Path

    def __call__(self, *args: str, expect: int = 0, db: Path | None = None, input: str | None = None) -> Result:
        argv = ["--db", str(db or self.db), "--config", str(self.config), *args]
        result = CliRunner().invoke(main, argv, input=input, env={"FOLLOWUP_NOW": FIXED_NOW_TEXT})
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback is never an acceptable answer
        assert result.exit_code == expect, (argv, result.exit_code, result.stdout, result.stderr)
        if expect != 0:
            assert_one_line_error(result)
        return result

    def json(self, *args: str, db: Path | None = None):
        return json.loads(self(*args, db=db).stdout)


def make_followup(tmp_path: Path, db: Path) -> Followup:
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Europe/Paris"\n', encoding="utf-8")
    return Followup(db=db, config=config)


def assert_one_line_error(result: Result) -> None:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
    assert lines[0].strip()
