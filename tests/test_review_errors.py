"""Bad input to ``evidence review``: one line, non-zero status, no traceback, no half-written folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.cli import main

# The embedded default's index and comparison set, without accrual dates: no pseudo-cohort (keeps these tests quick).
QUICK = """
[review]
name = "quick"
[[outcomes]]
measure = "ORR"
[index]
pmid = "38962275"
"""


def _quick(tmp_path: Path) -> str:
    path = tmp_path.parent / f"{tmp_path.name}-quick.toml"
    path.write_text(QUICK)
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    err = capsys.readouterr().err.strip().splitlines()
    return code, err[-1] if err else ""


@pytest.fixture(autouse=True)
def _empty_cwd(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # no ./evidence-store read by the default protocol


def test_existing_non_empty_folder_is_refused_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    code, err = _run(capsys, "review", "--out", str(out), "--quiet")
    assert code == 2 and "not empty" in err and "--force" in err and str(out) in err
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_missing_bad_and_unknown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, err = _run(capsys, "review", str(tmp_path / "none.toml"), "--out", str(out))
    assert code == 2 and err.startswith("evidence: error:") and "none.toml" in err and "not found" in err
    bad = tmp_path / "bad.toml"
    bad.write_text('[review]\nname = "x"\n[[outcomes]]\nmeasure = "ORR"\nestimator = "REML"\n')
    code, err = _run(capsys, "review", str(bad), "--out", str(out))
    assert code == 2 and "outcomes[0].estimator" in err
    code, err = _run(capsys, "review", "--out", str(out), "--colour")
    assert code == 2 and "--colour" in err
    code, err = _run(capsys, "review", "--out", str(tmp_path / "afile" / "out"))
    assert code == 1 and "does not exist" in err
    (tmp_path / "afile").write_text("")
    code, err = _run(capsys, "review", "--out", str(tmp_path / "afile" / "out"))
    assert code == 1 and "afile" in err
    assert not out.exists()
    assert "Traceback" not in err


def test_a_failure_while_writing_leaves_no_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import evidence.report as report
    from evidence.errors import OutputError

    def broken(*args: object, **kwargs: object) -> str:
        raise OutputError("disk full while writing report.html")

    monkeypatch.setattr(report, "render_report", broken)
    out = tmp_path / "out"
    code, err = _run(capsys, "review", _quick(tmp_path), "--out", str(out), "--quiet")
    assert code == 1 and "disk full" in err
    assert list(tmp_path.iterdir()) == []  # neither the folder nor its temporary twin


def test_force_replaces_an_existing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    code, _ = _run(capsys, "review", _quick(tmp_path), "--out", str(out), "--force", "--quiet")
    assert code == 0
    names = {p.name for p in out.iterdir()}
    assert "old.txt" not in names and "report.html" in names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("index.xml", b"<PubmedArticleSet><PubmedArticle><MedlineCitation>", "index.xml"),
        ("index.html", b"<html><body>Service unavailable</body></html>", "index.html"),
        ("empty.xml", b"", "empty.xml"),
        ("absent.xml", None, "absent.xml"),
    ],
)
def test_a_bad_index_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, expected: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    protocol = tmp_path / "p.toml"
    protocol.write_text(QUICK + f'\n[sources]\nindex = "{name}"\n')
    code, err = _run(capsys, "review", str(protocol), "--out", str(tmp_path / "out"))
    assert code == 2 and expected in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_an_empty_protocol_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p.toml").write_text("")
    code, err = _run(capsys, "review", str(tmp_path / "p.toml"), "--out", str(tmp_path / "out"))
    assert code == 2 and "empty protocol file" in err


def test_output_folder_gets_ordinary_permissions(tmp_path) -> None:
    import os
    import stat

    from evidence.cli import main

    out = tmp_path / "review-out"
    assert main(["review", "--out", str(out), "--quiet"]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask
