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


def test_ui_imports_neither_store_nor_paths_nor_config():
    """The UI gets the session and the outbox from the factory (DESIGN §2)."""
    code = (
        "import sys, pkgutil, importlib, followup_tui.ui as u\n"
        "for m in pkgutil.walk_packages(u.__path__, 'followup_tui.ui.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    forbidden = ("followup_tui.store", "followup_tui.settings", "tinydb")
    assert [name for name in loaded if name.startswith(forbidden)] == []


def test_no_screen_or_widget_reaches_the_repository():
    """Screens ask the session; only the session calls the repository."""
    from pathlib import Path

    import followup_tui.ui as ui

    root = Path(ui.__file__).parent
    offenders = []
    for path in list((root / "screens").glob("*.py")) + list((root / "widgets").glob("*.py")) + [root / "app.py"]:
        text = path.read_text()
        for needle in ("app.repo", ".repo.", "change_token", "last_write"):
            if needle in text:
                offenders.append(f"{path.name}: {needle}")
    assert offenders == []
