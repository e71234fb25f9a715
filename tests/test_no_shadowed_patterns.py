"""No extractor module binds one module-level name twice (a second pattern silently replacing the first).

The one allowed rebinding wraps the same pattern: ``_X = guarded(_X, ...)`` (the same matches, tried
only where they can start).  Session 11 met the bug this guards against: a toxicity regex named
``_PAIR_JOIN`` replaced the hazard-ratio regex of that name, and a second HR went unread.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

_EXTRACTORS = sorted((Path(__file__).resolve().parent.parent / "extractors").glob("*.py"))


def _rebinds(tree: ast.Module) -> list[str]:
    seen: set[str] = set()
    twice = []
    for node in tree.body:
        names: list[str] = []
        value = None
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            value = node.value
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names = [node.name]
        for name in names:
            wraps_itself = (
                isinstance(value, ast.Call) and value.args and isinstance(value.args[0], ast.Name) and value.args[0].id == name
            )
            if name in seen and not wraps_itself:
                twice.append(name)
            seen.add(name)
    return twice


@pytest.mark.parametrize("path", _EXTRACTORS, ids=lambda p: p.name)
def test_no_module_level_name_is_bound_twice(path: Path) -> None:
    assert _rebinds(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_the_check_sees_a_rebinding() -> None:
    tree = ast.parse("import re\n_A = re.compile('x')\n_A = guarded(_A, 'x')\n_B = 1\n_B = 2\n")
    assert _rebinds(tree) == ["_B"]
