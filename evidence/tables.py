"""Evidence tables: one row per study (and per arm), every value with its source sentence and status.

Two shapes, both documented column by column in ``docs/tables.md``:

* :func:`evidence_table` - wide: one row per study and one per reported arm;
  rates as percentages, each value column ``X`` followed by ``X_status``
  (extracted, curated, computed, corrected) and ``X_source`` (the sentence it was
  read from, or the curation/computation/correction note).
* :func:`evidence_values` - long: one row per value with its full provenance
  (section, sentence, character span, method, original value if corrected).

:func:`write_table` exports either to CSV, XLSX, Parquet, Markdown or JSON Lines.
Text cells that begin with ``=``, ``+``, ``-``, ``@`` (or a tab/carriage return)
are prefixed with a single quote in CSV and XLSX so that no formula runs when a
spreadsheet opens the file.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from evidence.atomic import atomic_path
from evidence.errors import InputError
from evidence.records import Evidence, Finding, Kind, Measure, Origin, Range, Study, Unit

__all__ = [
    "FORMATS",
    "EvidenceTable",
    "evidence_table",
    "evidence_values",
    "neutralise_cell",
    "value_column",
    "write_table",
]

FORMATS = ("csv", "xlsx", "parquet", "md", "jsonl")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MEASURE_ORDER = {m: i for i, m in enumerate(Measure)}

BASE_COLUMNS = (
    "pmid",
    "label",
    "year",
    "journal",
    "role",
    "origin",
    "arm",
    "design",
)
COHORT_COLUMNS = ("n", "n_male", "n_female", "age_mean", "age_median")
REGIMEN_COLUMNS = ("drugs", "chemo_cycles", "rt_total_dose_gy", "rt_dose_per_fraction_gy", "rt_fractions", "settings")


@dataclass(frozen=True)
class EvidenceTable:
    """A table as ordered columns and rows (dicts keyed by column)."""

    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        """All values of one column."""
        return [row.get(name) for row in self.rows]

    def to_df(self) -> Any:
        """The table as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame([[row.get(c) for c in self.columns] for row in self.rows], columns=list(self.columns))


def value_column(finding: Finding) -> str:
    """The column name of a finding's value: ``ORR_pct``, ``OS_12m_pct``, ``OS_median_months``, ``HR``...

    Other outcomes carry the authors' name for them: ``OTHER: grade 3/4 neutropenia_pct``.
    """
    name = finding.measure.value
    if finding.measure == Measure.OTHER and finding.outcome:
        name = f"OTHER: {finding.outcome}"
    if finding.kind == Kind.RATE:
        if finding.time_months is not None:
            return f"{name}_{_fmt_number(finding.time_months)}m_pct"
        return f"{name}_pct"
    if finding.kind == Kind.MEDIAN:
        return f"{name}_median_months" if finding.unit == Unit.MONTHS else f"{name}_median"  # a median as printed: its unit is in the name
    if finding.kind == Kind.HR:
        return f"{name}_hr"
    return f"{name}_n"


def _fmt_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _display_value(finding: Finding) -> float | None:
    if finding.value is None:
        return None
    if finding.kind == Kind.RATE:
        return round(100 * finding.value, 4)
    return finding.value


def _status(finding: Finding) -> str:
    if finding.origin == Origin.CORRECTED:
        if finding.original_value is None:
            return "corrected (not extracted before)"
        original = _display_value(Finding(finding.measure, finding.kind, finding.original_value, finding.unit))
        return f"corrected (extracted {original:g})"
    return finding.origin.value


def _source(finding: Finding) -> str:
    if finding.evidence is not None:
        text = finding.evidence.sentence
        if finding.origin == Origin.CORRECTED:
            text = f"{finding.method} | source: {text}"
        return text
    return finding.method


def _plain(x: Any) -> Any:
    if isinstance(x, Range):
        return f"{_fmt_number(x.low)}-{_fmt_number(x.high)}"
    if isinstance(x, (list, tuple)):
        return "; ".join(str(v) for v in x)
    return x


def _finding_key(finding: Finding) -> tuple[int, int, float]:
    kind_order = {Kind.RATE: 0, Kind.MEDIAN: 1, Kind.HR: 2, Kind.COUNT: 3}
    return (_MEASURE_ORDER[finding.measure], kind_order[finding.kind], finding.time_months or 0.0)


def evidence_table(studies: Iterable[Study], roles: Mapping[str, str] | None = None) -> EvidenceTable:
    """The wide evidence table: a row per study (whole cohort) and a row per arm that reports values.

    ``roles`` maps a PMID to its role in the review ("index", "comparison", "included").
    """
    roles = roles or {}
    studies = list(studies)
    value_columns: dict[str, tuple[int, int, float]] = {}
    rows: list[dict[str, Any]] = []
    for study in studies:
        arm_labels = [a.label for a in study.arms]
        for f in study.findings:
            if f.arm is not None and f.arm not in arm_labels:
                arm_labels.append(f.arm)
        for arm in [None, *arm_labels]:
            row = _base_row(study, arm, roles.get(study.pmid, ""))
            findings = [f for f in study.findings if f.arm == arm]
            if arm is not None and not findings and row.get("n") is None:
                continue
            for f in sorted(findings, key=_finding_key):
                col = value_column(f)
                value_columns.setdefault(col, _finding_key(f))
                if col in row:  # two findings for one column (e.g. two CIs): keep the first, say so
                    row[f"{col}_status"] += "; another value reported"
                    continue
                row[col] = _display_value(f)
                row[f"{col}_status"] = _status(f)
                row[f"{col}_source"] = _source(f)
                if f.count is not None:
                    row[f"{col}_count"] = f.count
                    row[f"{col}_denominator"] = f.denominator
            rows.append(row)
    ordered = sorted(value_columns, key=lambda c: (value_columns[c], c))
    columns = list(BASE_COLUMNS) + [c for name in COHORT_COLUMNS for c in (name, f"{name}_source")]
    columns += [c for name in REGIMEN_COLUMNS for c in (name, f"{name}_source")]
    for col in ordered:
        columns += [col, f"{col}_count", f"{col}_denominator", f"{col}_status", f"{col}_source"]
    columns.append("flags")
    return EvidenceTable(tuple(columns), tuple(rows))


def _evidence_text(ev: Evidence | None) -> str:
    return ev.sentence if ev is not None else ""


def _base_row(study: Study, arm: str | None, role: str) -> dict[str, Any]:
    art = study.article
    row: dict[str, Any] = {
        "pmid": study.pmid,
        "label": study.label or art.title[:60],
        "year": art.year,
        "journal": art.journal,
        "role": role,
        "origin": study.origin.value,
        "arm": arm or "",
        "design": "; ".join(study.design),
    }
    if arm is None:
        for name in COHORT_COLUMNS:
            row[name] = getattr(study.cohort, name)
            row[f"{name}_source"] = _evidence_text(study.cohort.evidence.get(name))
        if row["n"] is None and study.arms and all(a.n for a in study.arms):
            row["n"] = sum(a.n for a in study.arms)  # type: ignore[misc]
            row["n_source"] = "computed: sum of the arms' N"
        for name in REGIMEN_COLUMNS:
            row[name] = _plain(getattr(study.regimen, name))
            row[f"{name}_source"] = _evidence_text(study.regimen.evidence.get(name))
        row["flags"] = " | ".join(f"{f.code}: {f.message}" for f in study.flags)
    else:
        match = next((a for a in study.arms if a.label == arm), None)
        row["n"] = match.n if match else None
        row["n_source"] = _evidence_text(match.evidence) if match else ""
    return row


def evidence_values(studies: Iterable[Study], roles: Mapping[str, str] | None = None) -> EvidenceTable:
    """The long table: one row per value (cohort, regimen and every finding) with its provenance."""
    roles = roles or {}
    columns = (
        "pmid",
        "label",
        "role",
        "study_origin",
        "arm",
        "field",
        "measure",
        "outcome",
        "kind",
        "time_months",
        "value",
        "unit",
        "percent",
        "count",
        "denominator",
        "ci_low",
        "ci_high",
        "p",
        "status",
        "method",
        "original_value",
        "section",
        "sentence",
        "start",
        "end",
        "text",
    )
    rows: list[dict[str, Any]] = []
    for study in studies:
        base = {
            "pmid": study.pmid,
            "label": study.label,
            "role": roles.get(study.pmid, ""),
            "study_origin": study.origin.value,
        }
        for holder, names in ((study.cohort, COHORT_COLUMNS), (study.regimen, REGIMEN_COLUMNS)):
            for name in names:
                value = getattr(holder, name)
                if value in (None, (), ""):
                    continue
                ev = holder.evidence.get(name)
                rows.append(
                    {
                        **base,
                        "arm": "",
                        "field": name,
                        "value": _plain(value),
                        "status": "extracted" if ev else study.origin.value,
                        **_evidence_columns(ev),
                    }
                )
        for arm in study.arms:
            if arm.n is not None:
                rows.append({**base, "arm": arm.label, "field": "n", "value": arm.n, "status": "extracted" if arm.evidence else study.origin.value, **_evidence_columns(arm.evidence)})
        for f in sorted(study.findings, key=_finding_key):
            rows.append(
                {
                    **base,
                    "arm": f.arm or "",
                    "field": value_column(f),
                    "measure": f.measure.value,
                    "outcome": f.outcome or "",
                    "kind": f.kind.value,
                    "time_months": f.time_months,
                    "value": f.value,
                    "unit": f.unit.value,
                    "percent": _display_value(f) if f.kind == Kind.RATE else None,
                    "count": f.count,
                    "denominator": f.denominator,
                    "ci_low": f.ci[0] if f.ci else None,
                    "ci_high": f.ci[1] if f.ci else None,
                    "p": f.p,
                    "status": f.origin.value,
                    "method": f.method,
                    "original_value": f.original_value,
                    **_evidence_columns(f.evidence),
                }
            )
    return EvidenceTable(columns, tuple(rows))


def _evidence_columns(ev: Evidence | None) -> dict[str, Any]:
    if ev is None:
        return {}
    return {"section": ev.section, "sentence": ev.sentence, "start": ev.start, "end": ev.end, "text": ev.text}


# --- export --------------------------------------------------------------------------------------


def neutralise_cell(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_table(table: EvidenceTable, path: Path, fmt: str | None = None) -> Path:
    """Write ``table`` to ``path`` as ``fmt`` (default: from the suffix); atomic (temp file, then rename)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    fmt = {"markdown": "md", "xls": "xlsx", "pq": "parquet", "json": "jsonl"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise InputError(f"Unknown table format {fmt!r} for {path}; expected one of {list(FORMATS)}")
    with atomic_path(path, what=str(path)) as tmp:
        _WRITERS[fmt](table, tmp)
    return path


def _write_csv(table: EvidenceTable, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(["" if row.get(c) is None else neutralise_cell(row.get(c)) for c in table.columns])


def _write_xlsx(table: EvidenceTable, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "evidence"
    ws.append(list(table.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append([_clean(neutralise_cell(row.get(c))) for c in table.columns])
    # openpyxl would store a string starting with "=" as a formula; after neutralising none does,
    # and data_type "s" is forced for every text cell to be sure.
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    wb.save(path)


def _write_parquet(table: EvidenceTable, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = {}
    for c in table.columns:
        values = [_clean(row.get(c)) for row in table.rows]
        kinds = {type(v) for v in values if v is not None}
        if kinds and kinds <= {int, float} and not kinds == {bool}:
            values = [None if v is None else float(v) for v in values] if float in kinds else values
        elif kinds and not kinds <= {bool}:
            values = [None if v is None else str(v) for v in values]
        arrays[c] = pa.array(values, type=None if any(v is not None for v in values) else pa.string())
    pq.write_table(pa.table(arrays), path)


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split())


def _write_md(table: EvidenceTable, path: Path) -> None:
    out = io.StringIO()
    out.write("| " + " | ".join(table.columns) + " |\n")
    out.write("|" + "|".join("---" for _ in table.columns) + "|\n")
    for row in table.rows:
        out.write("| " + " | ".join(_md_cell(row.get(c)) for c in table.columns) + " |\n")
    path.write_text(out.getvalue(), encoding="utf-8")


def _write_jsonl(table: EvidenceTable, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in table.rows:
            fh.write(json.dumps({c: _clean(row.get(c)) for c in table.columns}, ensure_ascii=False))
            fh.write("\n")


_WRITERS = {"csv": _write_csv, "xlsx": _write_xlsx, "parquet": _write_parquet, "md": _write_md, "jsonl": _write_jsonl}
