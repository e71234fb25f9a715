"""``evidence pool``: pool reviewers' own data the way metafor does.

The CSV holds one study per row, with a header:

* proportions (``--measure PLO|PFT|PAS|PR``): ``study,events,total``
* hazard ratios and landmark survival rates (``--measure HR|SURV``):
  ``study,estimate,ci_low,ci_high`` on the natural scale with a 95% CI
  (survival rates as proportions 0-1; pooled on the log(-log) scale unless ``--scale raw``)

Options ``--index LABEL`` (that study is left out of the pool and set against it),
``--sensitivity`` (leave-one-out, influence, Egger's test, trim and fill),
``--subgroup COLUMN`` and ``--moderator COLUMN`` add their analyses to the output.

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
    from evidence.atomic import atomic_path

    suffix = target.suffix.lstrip(".") or "png"
    try:
        with atomic_path(target, what=f"the forest plot to {str(target)!r}", suffix=f".{suffix}") as tmp:
            fig.savefig(tmp, dpi=150, bbox_inches="tight", format=suffix)
    except ValueError as exc:  # matplotlib: a format it does not know
        raise OutputError(f"Cannot write the forest plot to {str(target)!r}: {exc}") from exc


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


def _extras_table(out: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    comp = out.get("index_vs_pool")
    if comp:
        lines += ["", f"index vs pool: {comp['summary']}"]
    sens = out.get("sensitivity")
    if sens:
        lines.append("")
        if "note" in sens:
            lines.append(f"sensitivity: {sens['note']}")
        if "egger" in sens:
            e = sens["egger"]
            lines.append(f"Egger regression test (regtest, SE predictor): z = {_fmt(e['stat'])}, p = {_fmt(e['p'], 3)}; limit estimate {_fmt(e['limit_estimate'])}")
        if "trim_and_fill" in sens:
            t = sens["trim_and_fill"]
            lines.append(f"trim and fill (L0): {t['k0']} missing on the {t['side']} side; adjusted estimate {_fmt(t['pool']['estimate'])} CI {_fmt(t['pool']['ci'])}")
        if "leave_one_out" in sens:
            lo = sens["leave_one_out"]
            lines.append(f"leave-one-out estimates: {_fmt(min(lo['estimate']))} to {_fmt(max(lo['estimate']))}")
        if "influence" in sens:
            infl = [lab for lab, flag in zip(sens["influence"]["labels"], sens["influence"]["is_influential"]) if flag]
            lines.append(f"influential studies: {', '.join(infl) if infl else 'none'}")
    sub = out.get("subgroups")
    if sub:
        lines += ["", f"subgroups: test for differences Q = {_fmt(sub['q_between'])} on {sub['q_between_df']} df, p = {_fmt(sub['q_between_p'], 3)}"]
        for g, p in sub["pools"].items():
            lines.append(f"  {g}: k = {p['k']}, estimate {_fmt(p['estimate'])} CI {_fmt(p['ci'])}, I^2 {_fmt(p['i2'], 3)}%")
    reg = out.get("meta_regression")
    if reg:
        lines += ["", f"meta-regression on {reg['names'][1]}: slope {_fmt(reg['coef'][1])} (SE {_fmt(reg['se'][1])}, p = {_fmt(reg['p'][1], 3)}), residual tau^2 {_fmt(reg['tau2'])}, R^2 {_fmt(reg['r2'], 3)}%"]
    return lines


def _sensitivity(yi: Any, vi: Any, method: str, knha: bool, labels: list[str]) -> dict[str, Any]:
    from evidence.errors import PoolingError
    from meta.sensitivity import egger_test, influence, leave_one_out, trim_and_fill

    if len(labels) < 3:
        return {"note": f"not run: sensitivity analyses need at least 3 studies (got {len(labels)})"}
    m = "ML" if method == "GLMM" else method
    out: dict[str, Any] = {"method": m}
    if method == "GLMM":
        out["note"] = "run on the continuity-corrected logits with ML tau^2 (the GLMM has no per-study variances)"
    for key, run in (
        ("leave_one_out", lambda: leave_one_out(yi, vi, m, knha, labels)),
        ("influence", lambda: influence(yi, vi, m, knha, labels)),
        ("egger", lambda: egger_test(yi, vi, m if m != "HS" else "DL", knha)),
        ("trim_and_fill", lambda: trim_and_fill(yi, vi, m, knha, labels=labels)),
    ):
        try:
            out[key] = run().to_dict()
        except PoolingError as exc:
            out[key] = {"note": f"not run: {exc}"}
    if "fit" in out.get("egger", {}):
        out["egger"].pop("fit")
    return out


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
    index: str = typer.Option(None, "--index", help="Study label of the index study: left out of the pool and set against it."),
    sensitivity: bool = typer.Option(False, "--sensitivity", help="Add leave-one-out, influence, Egger's test and trim-and-fill."),
    subgroup: str = typer.Option(None, "--subgroup", help="CSV column with subgroup labels: pools per subgroup and the test for differences."),
    moderator: str = typer.Option(None, "--moderator", help="Numeric CSV column (e.g. dose_gy, year): meta-regression on it."),
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

    from meta.effects import hazard_ratio_effects, proportion_effects, survival_rate_effects
    from meta.pooling import pool_effects, pool_proportions

    header, rows = _read_rows(data)
    needed = ("study", "events", "total") if m in PROPORTIONS else ("study", "estimate", "ci_low", "ci_high")
    _columns(header, needed, data, m)
    for option, column in (("--subgroup", subgroup), ("--moderator", moderator)):
        if column is not None and column.strip().lower() not in header:
            raise InputError(f"{option} column {column!r} is not in {str(data)!r} (columns: {','.join(header)})")
    labels = [r["study"] or f"row {i + 2}" for i, r in enumerate(rows)]
    line = {lab: i + 2 for i, lab in enumerate(labels)}
    index_row = None
    comparison = None
    if index is not None:
        matches = [i for i, lab in enumerate(labels) if lab == index]
        if not matches:
            raise InputError(f"--index {index!r} is not a study in {str(data)!r}")
        if len(matches) > 1:
            raise InputError(f"--index {index!r} names {len(matches)} rows of {str(data)!r}; study labels must be unique")
        index_row = rows[matches[0]]
        rows = [r for i, r in enumerate(rows) if i != matches[0]]
        labels = [lab for i, lab in enumerate(labels) if i != matches[0]]

    def numbers(column: str, rows_: list[dict[str, str]], labels_: list[str]) -> list[float]:
        return [_number(r, column, line[lab], lab) for r, lab in zip(rows_, labels_)]

    if m in PROPORTIONS:
        events, totals = numbers("events", rows, labels), numbers("total", rows, labels)
        result = pool_proportions(events, totals, m, meth, knha=hksj, labels=labels, level=level)
        effects = proportion_effects(events, totals, m, labels=labels)
    else:
        est, lo, hi = (numbers(c, rows, labels) for c in ("estimate", "ci_low", "ci_high"))
        if m == "HR":
            effects = hazard_ratio_effects(est, lo, hi, labels=labels)
        else:
            effects = survival_rate_effects(est, ci=(lo, hi), scale=scale.lower(), labels=labels)
        result = pool_effects(effects, meth, knha=hksj, level=level)
    out = result.to_dict()
    out["measure"] = m if m != "SURV" else f"SURV ({scale.lower()})"
    if index_row is not None:
        from meta.against import compare_index, compare_index_effect

        (ilab,) = [index]
        if m in PROPORTIONS:
            x, n = (_number(index_row, c, line[ilab], ilab) for c in ("events", "total"))
            if x != round(x) or n != round(n):
                raise InputError(f"Row {line[ilab]} (study {ilab!r}): counts must be whole numbers")
            comparison = compare_index(int(x), int(n), result, label=ilab, level=level)
        else:
            e, l_, h_ = (_number(index_row, c, line[ilab], ilab) for c in ("estimate", "ci_low", "ci_high"))
            if m == "HR":
                ie = hazard_ratio_effects([e], [l_], [h_], labels=[ilab])
            else:
                ie = survival_rate_effects([e], ci=([l_], [h_]), scale=scale.lower(), labels=[ilab])
            comparison = compare_index_effect(float(ie.yi[0]), float(ie.vi[0]), result, label=ilab, level=level)
        out["index_vs_pool"] = {**comparison.to_dict(), "summary": comparison.summary()}
    if sensitivity:
        out["sensitivity"] = _sensitivity(effects.yi, effects.vi, meth, hksj, labels)
    reg_method = "ML" if meth == "GLMM" else ("DL" if meth == "HS" else meth)
    if subgroup is not None:
        from meta.sensitivity import subgroup_analysis

        col = subgroup.strip().lower()
        groups = [r.get(col, "") or "(none)" for r in rows]
        out["subgroups"] = subgroup_analysis(effects.yi, effects.vi, groups, reg_method, hksj, labels, level).to_dict()
    if moderator is not None:
        from meta.sensitivity import meta_regression

        col = moderator.strip().lower()
        x_mod = numbers(col, rows, labels)
        out["meta_regression"] = meta_regression(effects.yi, effects.vi, x_mod, reg_method, hksj, level, name=col).to_dict()
    if forest is not None:
        from meta.plots.forest import forest_plot, forest_plot_effects

        shown = comparison if index_row is not None else None
        if m in PROPORTIONS:
            fig = forest_plot(labels, events, totals, result, index=shown)
        else:
            fig = forest_plot_effects(result, index=shown)
        _write_atomically(fig, forest)
        import matplotlib.pyplot as plt

        plt.close(fig)
        out["forest"] = str(forest)
    if fmt == "json":
        typer.echo(json.dumps(_jsonable(out), indent=2, allow_nan=False))
    else:
        typer.echo("\n".join([_table(out)] + _extras_table(out)))


def _jsonable(x: Any) -> Any:
    """NaN/inf become null and numpy scalars plain numbers, so the JSON is strict."""
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if hasattr(x, "item") and not isinstance(x, (str, bytes)):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x
