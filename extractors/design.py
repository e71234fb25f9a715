"""Study design: retrospective, prospective, phase I-III, randomised, stated or plainly implied."""

from __future__ import annotations

import re

from extractors.hits import Hit
from extractors.lexicon import Lexicon

__all__ = ["find_design"]


# each pattern below starts with a look-ahead for the first letters its alternatives can start with:
# the alternation is then tried at a few positions of the abstract instead of every one
_SERIES_CUE = re.compile(
    r"(?=[wrdcioftb12])\b(?:(?:were|was)\s+reviewed|we\s+reviewed|review\s+of\s+\d|records?|database|registry|charts?|institution(?:al)?|our\s+(?:centre|center|hospital|institution|department|clinic)|"
    r"consecutive|(?:were|we)\s+analy[sz]ed|we\s+report|treated\s+(?:at|between|from)|(?:were|was)\s+identified|between\s+(?:\w+\s+)?(?:19|20)\d\d\s+and\s+(?:\w+\s+)?(?:19|20)\d\d|"
    r"from\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:to|through|until)\s+(?:\w+\s+)?(?:19|20)\d\d|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_NOT_SERIES = re.compile(r"(?=[tpsmwicg])(?:\btrial\b|\bprotocol\b|systematic\s+review|meta-analys|\bwill\s+be\b|\bin\s+vitro\b|\bmice\b|\bcell\s+lines?\b|\bguideline)", re.IGNORECASE)


_DESIGN_KEY = {"randomised": "rand", "retrospective": "retrospect", "prospective": "prospect", "phase1": "phase", "phase2": "phase", "phase3": "phase"}


def find_design(text: str, lexicon: Lexicon) -> list[Hit]:
    """Design labels (retrospective, prospective, phase1-3, randomised), stated or plainly implied.

    A phase I-III study that is not randomised is prospective; a series of treated patients with
    no trial, protocol or prospective wording (chart review, "treated at our centre between
    2010 and 2020") is retrospective.
    """
    hits = []
    lower = text.lower()
    for label, pattern in lexicon.designs:
        if _DESIGN_KEY[label] not in lower:
            continue  # a substring test is far cheaper than the regex
        m = pattern.search(text)
        if m:
            hits.append(Hit("design", label, m.start(), m.end(), {"value": label}))
    phases = [h for h in hits if h.label.startswith("phase")]
    if phases:  # the study's own phase is named first; later ones are other trials or "recommended phase II dose"
        first = min(h.start for h in phases)
        hits = [h for h in hits if not h.label.startswith("phase") or h.start == first]
    labels = {h.label for h in hits}
    if "randomised" not in labels and "prospective" not in labels and "retrospective" not in labels:
        phase = next((h for h in hits if h.label.startswith("phase")), None)
        if phase is not None:
            hits.append(Hit("design", "prospective", phase.start, phase.end, {"value": "prospective", "implied": True}))
        elif not _NOT_SERIES.search(text):
            m = _SERIES_CUE.search(text)
            if m:
                hits.append(Hit("design", "retrospective", m.start(), m.end(), {"value": "retrospective", "implied": True}))
    return hits
