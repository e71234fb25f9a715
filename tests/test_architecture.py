"""Dependencies flow one way: records/errors/atomic <- sources, extractors, meta <- CLI."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _imports(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (REPO / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(REPO))] = names
    return found


def _offenders(package: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    bad = []
    for path, names in _imports(package).items():
        for name in names:
            if name.startswith(forbidden) and not name.startswith(allowed):
                bad.append(f"{path} imports {name}")
    return bad


def test_extractors_use_only_records_and_errors() -> None:
    assert _offenders("extractors", ("evidence", "meta"), ("evidence.records", "evidence.errors")) == []


def test_meta_uses_only_the_leaves() -> None:
    leaves = ("evidence.records", "evidence.errors", "evidence.atomic")
    assert _offenders("meta", ("evidence", "extractors"), leaves) == []


def test_records_errors_and_atomic_are_leaves() -> None:
    for leaf, allowed in (("evidence/records.py", ()), ("evidence/errors.py", ()), ("evidence/atomic.py", ("evidence.errors",))):
        names = _imports("evidence")[leaf]
        assert not {n for n in names if n.startswith(("evidence", "extractors", "meta")) and n not in allowed}, leaf


def test_sources_and_store_do_not_reach_up() -> None:
    assert _offenders("evidence/sources", ("extractors", "meta", "evidence.cli")) == []
