"""Imports of hostile sizes: a field past Python's csv limit (131,072
characters) is read up to a generous one and refused above it with one line;
a long list of ignored columns is cut with a count; an import beyond the
app's scale (domain/scale.py) is refused after reading only what the app
could keep, never waiting for the end of the file. Before: "crashed
(Error)", every column listed, and the whole file read into memory."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from cli.cli_runner import Followup

from followup_tui.domain.scale import MAX_APPLICATIONS
from followup_tui.transfer.import_text import MAX_FIELD_CHARS


def followup_in(tmp_path) -> Followup:
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Europe/Paris"\n', encoding="utf-8")
    return Followup(db=tmp_path / "data" / "followup.json", config=config)


def test_a_field_longer_than_pythons_csv_limit_is_read(tmp_path):
    followup = followup_in(tmp_path)
    source = tmp_path / "long.csv"
    source.write_text("company,notes\nAcme," + "n" * 200_000 + "\n", encoding="utf-8")
    followup("import", str(source))
    assert len(followup.json("show", "1", "--json")["notes"]) == 200_000


def test_a_field_beyond_the_generous_limit_is_refused_with_one_line(tmp_path):
    followup = followup_in(tmp_path)
    source = tmp_path / "huge.csv"
    source.write_text("company,notes\nAcme," + "n" * (MAX_FIELD_CHARS + 10) + "\n", encoding="utf-8")
    result = followup("import", str(source), expect=2)
    assert f"{MAX_FIELD_CHARS:,} characters" in result.stderr and "nothing was imported" in result.stderr


def test_a_long_list_of_ignored_columns_is_cut_with_a_count(tmp_path):
    followup = followup_in(tmp_path)
    source = tmp_path / "wide.csv"
    extra = [f"extra column {n}" for n in range(500)]
    source.write_text(",".join(["company", *extra]) + "\n" + ",".join(["Acme", *["x"] * 500]) + "\n",
                      encoding="utf-8")
    out = followup("import", str(source)).stdout
    ignored = next(line for line in out.splitlines() if line.startswith("ignored:"))
    assert "and 488 more columns" in ignored and len(ignored) < 1000


@pytest.mark.slow
def test_an_import_beyond_the_scale_is_refused_without_reading_to_the_end(tmp_path):
    db = tmp_path / "data" / "followup.json"
    errors = tmp_path / "stderr.txt"
    process = subprocess.Popen([sys.executable, "-m", "followup_tui", "--db", str(db), "import", "-"],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors.open("w"))

    def feed() -> None:  # the rows the app may keep and one more, then a file that never ends
        try:
            process.stdin.write(b"company,role\n")
            for n in range(MAX_APPLICATIONS + 1):
                process.stdin.write(b"Company %d,Engineer\n" % n)
            process.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # it stopped reading: what is asked

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError("the import waited for the end of a file beyond the app's scale") from None
    finally:
        writer.join(timeout=10)
    assert process.returncode == 2
    message = errors.read_text()
    assert len(message.splitlines()) == 1 and f"more than {MAX_APPLICATIONS:,} rows" in message
    assert "built for" in message and "nothing was imported" in message
