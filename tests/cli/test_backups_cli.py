"""`followup backups` / `followup restore`, and backups before destructive commands."""

from __future__ import annotations

import json

from cli.cli_runner import make_followup

from followup_tui.store import backups


def test_delete_and_import_back_up_first_and_restore_brings_the_data_back(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme")
    followup("add", "--company", "Beta")
    followup("delete", "1")
    followup("delete", "2")
    listed = followup.json("backups", "--json")
    assert [b["applications"] for b in listed] == [1, 2]  # before each delete
    assert followup.json("list", "--json") == []
    restored = followup("restore", "2")
    assert "restored 2 applications" in restored.stdout
    assert sorted(a["company"] for a in followup.json("list", "--json")) == ["Acme", "Beta"]
    # the empty file was backed up before restoring
    assert [b["applications"] for b in followup.json("backups", "--json")][0] == 0

    source = tmp_path / "in.json"
    source.write_text(json.dumps([{"company": "Gamma"}]))
    followup("import", str(source))
    assert followup.json("backups", "--json")[0]["applications"] == 2


def test_backups_lists_date_and_count(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme")
    followup("delete", "1")
    out = followup("backups").stdout.splitlines()
    assert out[0].split() == ["#", "taken", "applications", "file"]
    assert out[1].split()[0] == "1" and out[1].split()[3] == "1"
    assert "16:00" in out[1]  # local time (Paris) of the fixed clock 15:00Z


def test_restore_works_when_the_data_file_is_damaged(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme")
    followup("delete", "1")  # backs up the file holding Acme
    db_file.write_text('{"_meta": {"1": {"schema": 0}}}')
    followup("list", expect=2)
    assert len(followup.json("backups", "--json")) == 1
    followup("restore")
    assert [a["company"] for a in followup.json("list", "--json")] == ["Acme"]
    assert list(backups.folder_for(db_file).glob("*damaged*"))


def test_restore_of_a_missing_number_is_one_line_exit_2(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme")
    followup("restore", "3", expect=2)


def test_a_destructive_command_is_refused_when_no_backup_can_be_written(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    followup("add", "--company", "Acme")
    backups.folder_for(db_file).write_text("a file where the backups folder goes")
    result = followup("delete", "1", expect=2)
    assert "could not write a backup" in result.stderr and "nothing was deleted" in result.stderr
    assert [a["company"] for a in followup.json("list", "--json")] == ["Acme"]
