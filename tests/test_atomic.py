"""evidence.atomic: a file appears whole or not at all, and no temporary file is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.atomic import atomic_path
from evidence.errors import OutputError


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_the_file_appears_only_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    with atomic_path(target) as tmp:
        tmp.write_text("a,b\n1,2\n", encoding="utf-8")
        assert not target.exists() and tmp.parent == tmp_path
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        with atomic_path(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            1 / 0
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder .*nowhere.* does not exist"):
        with atomic_path(tmp_path / "nowhere" / "x.csv"):
            pass


def test_a_refused_rename_is_an_output_error_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder in the way: the rename of a file onto it fails
    (target / "inside").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="the results file"):
        with atomic_path(target, what="the results file") as tmp:
            tmp.write_text("new", encoding="utf-8")
    assert _leftovers(tmp_path) == []


def test_the_temporary_file_keeps_the_suffix_asked_for(tmp_path: Path) -> None:
    with atomic_path(tmp_path / "plot.svg", suffix=".svg") as tmp:
        assert tmp.suffix == ".svg"
        tmp.write_text("<svg/>", encoding="utf-8")
    assert (tmp_path / "plot.svg").exists()
