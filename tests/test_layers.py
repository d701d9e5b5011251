"""The domain stays free of the UI and storage (DESIGN §2, STYLE 1)."""

import subprocess
import sys

FORBIDDEN = ("textual", "tinydb", "followup_tui.ui", "followup_tui.store")


def test_domain_imports_neither_textual_nor_tinydb():
    code = (
        "import sys, pkgutil, importlib, followup_tui.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'followup_tui.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    leaked = [name for name in loaded if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)]
    assert leaked == []


def test_cli_list_does_not_import_textual():
    code = "import sys; from followup_tui.cli import main; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
