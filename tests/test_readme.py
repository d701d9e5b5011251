"""The README's promises stay true: its settings example loads, and .ci/run
runs its test command verbatim."""

import re
import tomllib
from pathlib import Path

from followup_tui.settings.schema import settings_from_dict

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_settings_example_is_valid():
    block = re.search(r"```toml\n(.*?)```", README, re.S).group(1)
    settings = settings_from_dict(tomllib.loads(block))
    assert settings.timezone == "Europe/Paris" and settings.smtp.configured


def test_quick_start_has_two_commands_and_ci_runs_the_test_one():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in quick.splitlines() if line.startswith("    ")]
    assert len(commands) == 2
    assert commands[0].startswith("python3 -m venv") and commands[0].endswith("followup demo")
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
