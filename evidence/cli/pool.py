"""``evidence pool``: pool reviewers' own data the way metafor does.

The CSV holds one study per row, with a header:

* proportions (``--measure PLO|PFT|PAS|PR``): ``study,events,total``
* hazard ratios and landmark survival rates (``--measure HR|SURV``):
  ``study,estimate,ci_low,ci_high`` on the natural scale with a 95% CI
  (survival rates as proportions 0-1; pooled on the log(-log) scale unless ``--scale raw``)

Output: a table (default) or JSON with ``estimate``, ``ci``, ``pi``, ``tau2``, ``tau2_ci``,
``i2``, ``h2``, ``q``, ``q_p``, ``k`` on the analysis scale, their back-transformed
``estimate_bt``, ``ci_bt``, ``pi_bt``, and ``method``, ``measure``, ``test``.

A file that cannot be read or lacks a column is bad input (exit 2); data that cannot be
pooled (one study, events above the total, a CI not containing its estimate, zero
variance) stops with a one-line error naming the study (exit 1).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import typer

from evidence.cli import app
from evidence.errors import InputError, OutputError

PROPORTIONS = ("PLO", "PFT", "PAS", "PR")
MEASURES = PROPORTIONS + ("HR", "SURV")
METHODS = ("REML", "DL", "PM", "ML", "FE", "SJ", "HE", "HS", "EB", "GLMM")


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.is_file():
        raise InputError(f"Data file {str(path)!r} does not exist or is not a file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read {str(path)!r} as UTF-8 text: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise InputError(f"{str(path)!r} is empty; expected a CSV header row")
    header = [h.strip().lower() for h in reader.fieldnames]
    rows = []
    for raw in reader:
        row = {h.strip().lower(): (v or "").strip() for h, v in raw.items() if h is not None}
        if any(row.values()):
            rows.append(row)
    return header, rows


def _number(row: dict[str, str], column: str, line: int, study: str) -> float:
    text = row.get(column, "")
    if text == "":
        raise InputError(f"Row {line} (study {study!r}): {column} is empty")
    try:
        value = float(text)
    except ValueError as exc:
        raise InputError(f"Row {line} (study {study!r}): {column} {text!r} is not a number") from exc
    if not math.isfinite(value):
        raise InputError(f"Row {line} (study {study!r}): {column} {text!r} is not a finite number")
    return value


def _columns(header: list[str], needed: tuple[str, ...], path: Path, measure: str) -> None:
    missing = [c for c in needed if c not in header]
    if missing:
        raise InputError(
            f"{str(path)!r} lacks column(s) {missing} for --measure {measure}; expected a header {','.join(needed)} (got {','.join(header)})"
        )


def _write_atomically(fig: Any, target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Cannot write the forest plot: folder {str(folder)!r} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".forest-", suffix=target.suffix or ".png", dir=folder)
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=150, bbox_inches="tight", format=(target.suffix.lstrip(".") or "png"))
        os.replace(tmp, target)
    except (OSError, ValueError) as exc:
        raise OutputError(f"Cannot write the forest plot to {str(target)!r}: {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _fmt(x: Any, digits: int = 4) -> str:
    if x is None:
        return "NA"
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join(_fmt(v, digits) for v in x) + "]"
    if isinstance(x, float) and math.isnan(x):
        return "NA"
    return f"{x:.{digits}g}" if isinstance(x, float) else str(x)


def _table(result: dict[str, Any]) -> str:
    lines = [f"Pooled {result['measure']} ({result['description']}), k = {result['k']}"]
    lines.append(f"{'study':<24} {'yi':>10} {'vi':>10} {'weight%':>8}")
    for row in result["studies"]:
        lines.append(f"{row['study'][:24]:<24} {_fmt(row['yi']):>10} {_fmt(row['vi']):>10} {_fmt(row['weight'], 3):>8}")
    lines.append("")
    lines.append(f"estimate   {_fmt(result['estimate'])}  CI {_fmt(result['ci'])}  PI {_fmt(result['pi'])}  ({result['test']} test, p = {_fmt(result['p'], 3)})")
    if result.get("estimate_bt") is not None:
        lines.append(f"{result.get('scale') or 'natural'} scale  {_fmt(result['estimate_bt'])}  CI {_fmt(result['ci_bt'])}  PI {_fmt(result['pi_bt'])}")
    lines.append(f"tau^2      {_fmt(result['tau2'])}  CI {_fmt(result['tau2_ci'])}")
    lines.append(f"I^2        {_fmt(result['i2'], 3)}%   H^2 {_fmt(result['h2'])}")
    lines.append(f"Q          {_fmt(result['q'])} on {result['k'] - 1} df, p = {_fmt(result['q_p'], 3)}")
    return "\n".join(lines)


@app.command("pool")
def pool_command(
    data: Path = typer.Argument(..., help="CSV, one study per row: study,events,total (proportions) or study,estimate,ci_low,ci_high (HR, SURV)."),
    measure: str = typer.Option("PLO", "--measure", help="PLO, PFT, PAS, PR (proportions), HR or SURV."),
    method: str = typer.Option("REML", "--method", help="REML, DL, PM, ML, FE, SJ, HE, HS, EB or GLMM (PLO only)."),
    hksj: bool = typer.Option(False, "--hksj", help="Knapp-Hartung (HKSJ) adjustment: t on k-1 df."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
    forest: Path = typer.Option(None, "--forest", help="Write a forest plot to this PNG (or .pdf/.svg) file."),
    scale: str = typer.Option("cloglog", "--scale", help="SURV only: pool on the cloglog (log(-log S)) or raw scale."),
    level: float = typer.Option(0.95, "--level", help="Confidence level of CI, PI and the tau^2 CI."),
) -> None:
    """Pool studies from a CSV file with metafor's estimators; print a table or JSON."""
    m = measure.strip().upper()
    meth = method.strip().upper()
    fmt = output_format.strip().lower()
    if m not in MEASURES:
        raise InputError(f"Invalid --measure {measure!r}; expected one of {list(MEASURES)}")
    if meth not in METHODS:
        raise InputError(f"Invalid --method {method!r}; expected one of {list(METHODS)}")
    if fmt not in ("table", "json"):
        raise InputError(f"Invalid --format {output_format!r}; expected one of ['table', 'json']")
    if meth == "GLMM" and m != "PLO":
        raise InputError(f"--method GLMM models the logit of a proportion; use it with --measure PLO, not {m}")
    if scale.lower() not in ("cloglog", "raw"):
        raise InputError(f"Invalid --scale {scale!r}; expected one of ['cloglog', 'raw']")
    if not 0 < level < 1:
        raise InputError(f"Invalid --level {level!r}; expected a number between 0 and 1")

    from meta.effects import hazard_ratio_effects, survival_rate_effects
    from meta.pooling import pool_effects, pool_proportions

    header, rows = _read_rows(data)
    if m in PROPORTIONS:
        _columns(header, ("study", "events", "total"), data, m)
        labels = [r["study"] or f"row {i + 2}" for i, r in enumerate(rows)]
        events = [_number(r, "events", i + 2, labels[i]) for i, r in enumerate(rows)]
        totals = [_number(r, "total", i + 2, labels[i]) for i, r in enumerate(rows)]
        result = pool_proportions(events, totals, m, meth, knha=hksj, labels=labels, level=level)
    else:
        _columns(header, ("study", "estimate", "ci_low", "ci_high"), data, m)
        labels = [r["study"] or f"row {i + 2}" for i, r in enumerate(rows)]
        est = [_number(r, "estimate", i + 2, labels[i]) for i, r in enumerate(rows)]
        lo = [_number(r, "ci_low", i + 2, labels[i]) for i, r in enumerate(rows)]
        hi = [_number(r, "ci_high", i + 2, labels[i]) for i, r in enumerate(rows)]
        if m == "HR":
            effects = hazard_ratio_effects(est, lo, hi, labels=labels)
        else:
            effects = survival_rate_effects(est, ci=(lo, hi), scale=scale.lower(), labels=labels)
        result = pool_effects(effects, meth, knha=hksj, level=level)
    out = result.to_dict()
    out["measure"] = m if m != "SURV" else f"SURV ({scale.lower()})"
    if forest is not None:
        from meta.plots.forest import forest_plot, forest_plot_effects

        if m in PROPORTIONS:
            fig = forest_plot(labels, events, totals, result)
        else:
            fig = forest_plot_effects(result)
        _write_atomically(fig, forest)
        import matplotlib.pyplot as plt

        plt.close(fig)
        out["forest"] = str(forest)
    if fmt == "json":
        typer.echo(json.dumps(out, indent=2, allow_nan=False))
    else:
        typer.echo(_table(out))
