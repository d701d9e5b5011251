"""Every hostile string through every CLI output: plain text shows stand-ins,
JSON escapes them (and stays exact), CSV and ICS never carry them
(issue 14 item 1, the CLI half)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from adversarial.hostile import FORBIDDEN_BYTES, HOSTILE_STRINGS
from click.testing import CliRunner
from fixed import FIXED_NOW

from followup_tui.cli import main
from followup_tui.domain.model import Application, Contact, Interview
from followup_tui.store.tinydb_store import TinyDBRepository

OUTPUTS: dict[str, list[str]] = {
    "list": ["list"],
    "show": ["show", "1"],
    "due": ["due", "--within", "30"],
    "draft": ["draft", "1", "--kind", "thank-you"],
    "stats": ["stats"],
    "list --json": ["list", "--json"],
    "show --json": ["show", "1", "--json"],
    "due --json": ["due", "--within", "30", "--json"],
    "draft --json": ["draft", "1", "--kind", "thank-you", "--json"],  # asked by name: its next step is to update the stage
    "export json": ["export", "--format", "json"],
    "export csv": ["export", "--format", "csv"],
    "export ics": ["export", "--format", "ics"],
}
C0_C1 = bytes(range(0x00, 0x20)).replace(b"\n", b"").replace(b"\r", b"")


def hostile_application(text: str) -> Application:
    at = FIXED_NOW - timedelta(hours=30)
    app = Application(
        company=f"Acme{text}", role=f"Role{text}", company_domain="acme.example",
        contacts=[Contact(name=f"Jane{text}", title=text, email="jane@acme.example")],
        interviews=[Interview(at=at, kind=f"onsite{text}", with_names=[f"Jane{text}"], notes=text)],
        stage="interview", notes=f"notes{text}", created=at,
    )
    app.add_note(f"note{text}", at)
    app.record_response(f"reply{text}", at + timedelta(hours=1))
    return app


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("name", HOSTILE_STRINGS)
def test_hostile_text_never_reaches_the_output_raw(db_file, name, output):
    text = HOSTILE_STRINGS[name]
    TinyDBRepository.open(db_file).add(hostile_application(text))
    result = CliRunner().invoke(main, ["--db", str(db_file), *OUTPUTS[output]],
                                env={"FOLLOWUP_NOW": "2026-11-25T15:00:00Z"})
    assert result.exit_code in (0, 1), (result.stdout, result.stderr)
    raw = result.stdout_bytes
    for forbidden in FORBIDDEN_BYTES:
        assert forbidden not in raw, (forbidden, raw[:400])
    assert not any(byte in C0_C1 for byte in raw), raw[:400]  # not even a lone ESC or BEL
    if output.endswith("--json") or output == "export json":
        data = json.loads(raw)
        record = {"list --json": lambda d: d[0], "show --json": lambda d: d,
                  "export json": lambda d: d["applications"][0]}.get(output)
        if record is not None:
            assert record(data)["company"] == f"Acme{text}"  # escaped, yet exact
