"""Progress: plain log lines when not in a terminal, nothing when disabled."""

from __future__ import annotations

import io

from evidence.cli.review import Progress


def test_plain_lines_first_and_last_step() -> None:
    stream = io.StringIO()
    with Progress(stream=stream) as progress:
        for i in range(1, 101):
            progress("extract", i, 100)
        progress.log("done")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "evidence: extracting: 1/100" and "evidence: extracting: 100/100" in lines
    assert len(lines) <= 4 and lines[-1] == "evidence: done"


def test_disabled_prints_nothing() -> None:
    stream = io.StringIO()
    with Progress(enabled=False, stream=stream) as progress:
        progress("pool", 1, 1)
        progress.log("x")
    assert stream.getvalue() == ""
