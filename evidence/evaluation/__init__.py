"""Scoring extracted studies against gold annotations (precision, recall, F1 per field family).

``gold`` reads the annotated development set (``corpora/dev/``) or gold JSON
Lines and predictions; ``scoring`` matches items and counts agreements and
disagreements per family; ``pico`` scores against the BRAT-annotated PICO
corpus.  The package compares records only: it never runs the extractor (the
``evidence evaluate`` command composes the two).
"""

from __future__ import annotations

from evidence.evaluation.gold import GoldStudy, default_gold_dir, load_gold, load_predictions
from evidence.evaluation.scoring import FAMILIES, Disagreement, FamilyScore, Report, resolve_arm, score_studies

__all__ = [
    "FAMILIES",
    "Disagreement",
    "FamilyScore",
    "GoldStudy",
    "Report",
    "default_gold_dir",
    "load_gold",
    "load_predictions",
    "resolve_arm",
    "score_studies",
]
