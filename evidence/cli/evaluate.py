"""``evidence evaluate``: precision, recall and F1 of the extractor per field family."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

import typer

from evidence.cli import app
from evidence.errors import EvidenceError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from evidence.evaluation.gold import GoldStudy
    from evidence.evaluation.scoring import Report
    from evidence.records import Article, Study


def _extract(articles: Iterable["Article"]) -> dict[str, "Study"]:
    """Run the extractor on ``articles`` (imported here: the evaluation package never imports it)."""
    try:
        from extractors.pipeline import extract_studies
    except ImportError as exc:
        raise EvidenceError(f"the extractor pipeline is not available ({exc}); pass --pred PRED.jsonl") from exc
    return {study.pmid: study for study in extract_studies(list(articles))}


def _fmt(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_report(title: str, report: "Report", show: int, families: frozenset[str] = frozenset()) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    table = Table(title=f"{title} ({report.n_gold} abstracts)")
    for column in ("family", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "family" else "right", no_wrap=column == "family")
    for name, score in report.families.items():
        if score.tp + score.fp + score.fn:
            label = f"{name} (subset)" if name in report.subsets else name
            table.add_row(label, str(score.tp), str(score.fp), str(score.fn), _fmt(score.precision),
                          _fmt(score.recall), _fmt(score.f1))
    total = report.overall
    table.add_row("overall (micro)", str(total.tp), str(total.fp), str(total.fn), _fmt(total.precision),
                  _fmt(total.recall), _fmt(total.f1), style="bold")
    console.print(table)
    if report.missing_predictions:
        console.print(f"{len(report.missing_predictions)} gold studies have no prediction "
                      f"(e.g. {', '.join(report.missing_predictions[:5])})", markup=False, highlight=False)
    shown = [d for d in report.disagreements if not families or d.family in families]
    if show and shown:
        listing = Table(title=f"Disagreements (first {min(show, len(shown))} of {len(shown)})")
        for column in ("id", "family", "kind", "gold", "predicted"):
            listing.add_column(column)
        for item in shown[:show]:
            listing.add_row(*(Text(cell) for cell in (item.pmid, item.family, item.kind, item.gold, item.predicted)))
        console.print(listing)


# Which last PMID digits each named part of the PICO corpus holds. "tune" and "check" split it in halves;
# from session 7 on rules may be read from "wide" (the tune half and the check PMIDs ending 1, 5 or 9),
# and "held" (PMIDs ending 3 or 7) is never read, so it still measures unseen text.
_PARTS = {
    "tune": frozenset("02468"),
    "check": frozenset("13579"),
    "wide": frozenset("01245689"),
    "held": frozenset("37"),
}


def _last_digit(pmid: str) -> str:
    """The PMID's last digit ("0" for a PMID without one)."""
    digits = [c for c in pmid if c.isdigit()]
    return digits[-1] if digits else "0"


def _with_tags(items: list["GoldStudy"], tag: Optional[str], gold_path: Path) -> list["GoldStudy"]:
    """The gold studies carrying every tag of ``tag`` (all of them without ``--tag``)."""
    wanted = {t.strip() for t in (tag or "").split(",") if t.strip()}
    if not wanted:
        return items
    kept = [item for item in items if wanted <= set(item.tags)]
    if not kept:
        known = sorted({t for item in items for t in item.tags})
        raise InputError(f"--tag {tag!r}: no gold study in {gold_path} carries {sorted(wanted)}; tags in use include {known[:12]}")
    return kept


@app.command()
def evaluate(
    gold: Optional[Path] = typer.Argument(
        None, help="Gold folder (<id>.txt + <id>.json) or JSON Lines of studies; default: the embedded corpora/dev/."
    ),
    pred: Optional[Path] = typer.Option(
        None, "--pred", help="Predicted studies as JSON Lines (from 'evidence extract'); default: run the extractor."
    ),
    pico: Optional[Path] = typer.Option(
        None, "--pico", help="Score against a PICO corpus folder (BRAT .ann + .txt); without GOLD, only PICO is scored."
    ),
    pico_limit: Optional[int] = typer.Option(None, "--pico-limit", min=1, help="Score only the first N PICO documents."),
    pico_half: Optional[str] = typer.Option(
        None, "--pico-half", help="Score only one part of the PICO documents: 'tune' (even PMIDs) or 'check' (odd PMIDs); "
        "'wide' (PMIDs not ending 3 or 7) or 'held' (ending 3 or 7), so rules written while reading one part "
        "can be measured on the other."
    ),
    show_disagreements: int = typer.Option(
        20, "--show-disagreements", min=0, help="How many disagreements to list (0: none)."
    ),
    family: Optional[str] = typer.Option(
        None, "--family", help="List only disagreements of these families (comma-separated, e.g. 'hr,median')."
    ),
    tag: Optional[str] = typer.Option(
        None, "--tag", help="Score only the gold studies carrying these tags (comma-separated, all required), e.g. "
        "'blind' (written without reading the rules), 'sarcoma', 'randomised,phase3'."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the full report as JSON instead of tables."),
) -> None:
    """Score extracted studies against gold: P/R/F1 per field family and overall, then the disagreements."""
    from evidence.evaluation.gold import default_gold_dir, load_gold, load_predictions
    from evidence.evaluation.pico import PICO_FAMILIES
    from evidence.evaluation.scoring import FAMILIES, score_studies

    families = frozenset(f.strip() for f in (family or "").split(",") if f.strip())
    unknown = sorted(families - set(FAMILIES) - set(PICO_FAMILIES))
    if unknown:
        raise InputError(f"Unknown family {unknown[0]!r} in --family; expected some of {[*FAMILIES, *PICO_FAMILIES]}")

    predictions = load_predictions(pred) if pred is not None else None
    reports: dict[str, "Report"] = {}
    if gold is not None or pico is None:
        gold_path = gold if gold is not None else default_gold_dir()
        items = _with_tags(load_gold(gold_path), tag, gold_path)
        if predictions is None:
            missing_text = [item.pmid for item in items if item.article is None]
            if missing_text:
                raise InputError(
                    f"{gold_path}: gold studies {missing_text[:3]} have no text to extract from; pass --pred PRED.jsonl"
                )
            dev_predictions = _extract(item.article for item in items if item.article is not None)
        else:
            dev_predictions = predictions
        reports["gold"] = score_studies(items, dev_predictions)
    if pico is not None:
        from evidence.evaluation.pico import load_pico, score_pico

        documents = load_pico(pico, limit=pico_limit)
        if pico_half is not None:
            if pico_half not in _PARTS:
                raise InputError(f"--pico-half {pico_half!r}: expected one of {', '.join(map(repr, _PARTS))}")
            documents = [d for d in documents if _last_digit(d.pmid) in _PARTS[pico_half]]
        if predictions is not None and any(d.pmid in predictions for d in documents):
            pico_predictions = predictions
        else:
            pico_predictions = _extract(d.article() for d in documents)
        reports["pico"] = score_pico(documents, pico_predictions)
    if as_json:
        typer.echo(json.dumps({name: report.to_json() for name, report in reports.items()}, indent=1))
        return
    titles = {"gold": f"Development set {gold if gold is not None else 'corpora/dev'}", "pico": f"PICO corpus {pico}"}
    for name, report in reports.items():
        _print_report(titles[name], report, show_disagreements, families)
