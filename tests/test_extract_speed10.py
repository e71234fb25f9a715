"""Session 10 speed levers: each faster form gives what the plain form gives."""

from __future__ import annotations

import random

from extractors import regimen
from extractors.regimen import _NO_REGIMEN_TITLE, _NO_REGIMEN_TITLE_FIRST, _no_regimen_title, reports_no_regimen


def _top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost alternation."""
    parts, depth, current, i = [], 0, "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current += pattern[i : i + 2]
            i += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
        i += 1
    return parts + [current]


def test_every_title_alternative_starts_where_the_fast_form_tries() -> None:
    for alternative in _top_level_alternatives(_NO_REGIMEN_TITLE.pattern):
        if alternative.startswith(("^", ":")):
            continue  # the title's start and every colon are always tried
        assert alternative.startswith("\\b"), alternative
        body = alternative[2:].lstrip("(?:")
        firsts = [word for word in _NO_REGIMEN_TITLE_FIRST if body.lower().startswith(word) or f"|{word}" in body.split(")")[0]]
        assert firsts, f"no first word listed for {alternative!r}"


_PIECES = [
    "Review", "review", "of", "the", "literature", "A", "an", "systematic", "Narrative", "meta-analysis", "Meta analyses",
    "meta-regression", "overview", "Commentary", "editorial", "consensus", "statement", "practice", "guidelines", "for",
    "on", "Recommendations", "cell", "lines", "mice", "Mouse", "murine", "xenografts", "in", "vitro", "rats", "rat",
    "pre-review", "metastatic", "breast", "cancer:", ":", "x:review", "trial", "of", "docetaxel", "_review", "reviewed",
    "  ", "updated", "mini-review", "short", "Critical", "inrats", "celllines",
]


def test_the_fast_title_reading_finds_what_the_search_finds() -> None:
    rng = random.Random(10)
    titles = [" ".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    titles += ["  Review of current trials", "Docetaxel in metastatic breast cancer: a randomised trial", "Ré-review: état"]
    for title in titles:
        found = _NO_REGIMEN_TITLE.search(title)
        assert _no_regimen_title(title) == (found.group() if found else None), title


def test_a_review_title_still_reports_no_regimen() -> None:
    text = "Taxanes in early breast cancer: a narrative review\nWe review the trials of docetaxel and paclitaxel."
    assert reports_no_regimen(text)
    assert not reports_no_regimen("Docetaxel versus paclitaxel: a randomised trial\nPatients received docetaxel.")
    assert regimen._no_regimen_title("Practice guidelines for adjuvant therapy") == "Practice guidelines"
