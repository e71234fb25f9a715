"""Plain-text abstracts, and splitting an abstract at its structured labels.

A ``.txt`` file holds one article: the first non-empty line is the title and
the rest is the abstract.  Labels such as "Results:" or "METHODS:" at the start
of a line or of a sentence open a new :class:`~evidence.records.Section`; the
file stem is the article id.  :func:`split_sections` is shared with the
MEDLINE reader, whose ``AB`` field carries labels inline.
"""

from __future__ import annotations

import re
from pathlib import Path

from evidence.errors import ParseError
from evidence.records import Article, Section

__all__ = ["LABELS", "article_from_text", "read_text_file", "split_sections"]

SOURCE = "text"

# Headings used by structured abstracts (NLM's list of common labels, in lower case).
LABELS = (
    'aim',
    'aims',
    'aims and objectives',
    "authors' conclusions",
    'availability',
    'availability and implementation',
    'background',
    'background and aims',
    'background and objectives',
    'background and purpose',
    'case presentation',
    'case report',
    'clinical relevance',
    'clinical trial registration',
    'conclusion',
    'conclusions',
    'conclusions and relevance',
    'contact',
    'context',
    'data extraction',
    'data sources',
    'data synthesis',
    'design',
    'design, setting, and participants',
    'discussion',
    'evidence',
    'experimental design',
    'exposures',
    'findings',
    'funding',
    'hypothesis',
    'implications',
    'importance',
    'interpretation',
    'interventions',
    'introduction',
    'key points',
    'level of evidence',
    'limitations',
    'main outcome measures',
    'main outcomes and measures',
    'main results',
    'material and methods',
    'materials and methods',
    'meaning',
    'measurements',
    'method',
    'methods',
    'methods and findings',
    'methods and materials',
    'methods and results',
    'motivation',
    'objective',
    'objectives',
    'outcomes',
    'participants',
    'patients',
    'patients and methods',
    'primary outcome measures',
    'purpose',
    'question',
    'rationale',
    'registration',
    'result',
    'results',
    'results and conclusions',
    'review methods',
    'search methods',
    'selection criteria',
    'setting',
    'significance',
    'study design',
    'study selection',
    'subjects',
    'summary',
    'supplementary information',
    'translational relevance',
    'trial registration',
)

_LABEL_ALTERNATION = "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True))
# A label opens a section at the start of the text or of a line, or after a sentence end.
_LABEL = re.compile(
    rf"(?:^|(?<=\n)|(?<=[.!?)\]] ))[ \t]*(?P<label>(?i:{_LABEL_ALTERNATION}))[ \t]*:[ \t\n]*",
)
_SPACES = re.compile(r"\s+")


def split_sections(text: str) -> tuple[Section, ...]:
    """Split an abstract at its labels ("BACKGROUND: ... RESULTS: ...") into Sections.

    A label counts only if it begins with a capital letter and stands at the
    start of the text, of a line, or of a sentence.  Text before the first
    label (or a whole unlabelled abstract) becomes a Section with label "".
    Whitespace inside each section collapses to single spaces.
    """
    matches = [m for m in _LABEL.finditer(text) if m.group("label")[0].isupper()]
    sections: list[Section] = []
    cursor = 0
    label = ""
    for match in matches:
        body = _SPACES.sub(" ", text[cursor : match.start()]).strip()
        if body or label:
            sections.append(Section(label=label, text=body))
        label = match.group("label")
        cursor = match.end()
    body = _SPACES.sub(" ", text[cursor:]).strip()
    if body or label:
        sections.append(Section(label=label, text=body))
    return tuple(s for s in sections if s.text)


def article_from_text(text: str, article_id: str) -> Article:
    """An Article from the text of a plain-text abstract (title on the first non-empty line)."""
    lines = text.strip().splitlines()
    title = _SPACES.sub(" ", lines[0]).strip() if lines else ""
    body = "\n".join(lines[1:])
    return Article(pmid=article_id, title=title, sections=split_sections(body), source=SOURCE)


def read_text_file(path: Path) -> Article:
    """Read a UTF-8 ``.txt`` abstract; the file stem is the article id.

    Raises
    ------
    ParseError
        The file cannot be read, is not UTF-8 text, or is empty.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if b"\x00" in raw:
        raise ParseError(f"{path}: not a text file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})") from exc
    if not text.strip():
        raise ParseError(f"{path}: empty file")
    return article_from_text(text, path.stem)
