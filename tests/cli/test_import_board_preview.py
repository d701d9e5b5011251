"""The first TUI start after an import paints the imported board at once:
the import leaves the board preview for the file it wrote (issue 19)."""

from __future__ import annotations

from cli.cli_runner import make_followup

from followup_tui.store import TinyDBRepository
from followup_tui.store.preview import BoardPreviewFile, preview_path


def test_an_import_leaves_the_board_preview_of_the_file_it_wrote(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    csv = tmp_path / "jobs.csv"
    csv.write_text("company,role,stage\nAcme,Support Engineer,applied\nBeta,Data Analyst,interview\n", encoding="utf-8")
    followup("import", str(csv), "--dry-run")
    assert not preview_path(db_file).exists()  # nothing written, nothing kept
    followup("import", str(csv))
    kept = BoardPreviewFile(db_file).load(TinyDBRepository.open(db_file).change_token())
    assert kept is not None and kept["counts"] == {"applied": 1, "interview": 1}
    assert sorted(a.company for a in kept["records"]) == ["Acme", "Beta"]
