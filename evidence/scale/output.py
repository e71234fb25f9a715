"""The Parquet dataset written by a scale-out run, and how to read it back.

Layout of an output folder ``OUT``::

    OUT/manifest.json                              what was done (see :mod:`evidence.scale.manifest`)
    OUT/findings/file=<stem>/part-0.parquet        one row per finding
    OUT/studies/file=<stem>/part-0.parquet         one row per article read (with or without findings)
    OUT/deletions/file=<stem>/part-0.parquet       PMIDs the file's ``DeleteCitation`` removes

``<stem>`` is the input file name without ``.xml.gz``.  Each file's parts are written
into a staging folder and moved into place with :func:`os.replace` only once the whole
file has been read, so a reader never sees half a file; the manifest records a file as
done only after its parts are in place.

Semantics of update files (the *latest* view, :func:`read_latest`): input files apply in
the order of their names, which for NCBI files is their release order.  A record read
again from a later file replaces every earlier version of that PMID (its old findings
are dropped even when the new version has none); a PMID listed in a ``DeleteCitation``
is removed together with every version read from that file or an earlier one; a later
file may bring it back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from evidence.records import Study, study_to_json

__all__ = [
    "DELETION_SCHEMA",
    "FINDING_SCHEMA",
    "STUDY_SCHEMA",
    "TABLES",
    "TableWriter",
    "finding_rows",
    "iter_latest",
    "latest_keys",
    "part_path",
    "read_latest",
    "read_table",
    "study_row",
]

FINDING_SCHEMA = pa.schema(
    [
        ("pmid", pa.string()),
        ("version", pa.int32()),
        ("record_index", pa.int64()),
        ("finding_index", pa.int32()),
        ("measure", pa.string()),
        ("kind", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("count", pa.int64()),
        ("denominator", pa.int64()),
        ("time_months", pa.float64()),
        ("ci_low", pa.float64()),
        ("ci_high", pa.float64()),
        ("p", pa.float64()),
        ("p_relation", pa.string()),
        ("arm", pa.string()),
        ("not_reached", pa.bool_()),
        ("origin", pa.string()),
        ("method", pa.string()),
        ("section", pa.string()),
        ("sentence", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("mention", pa.string()),
        ("extractor_version", pa.string()),
        ("outcome", pa.string()),  # last: parts written before it existed read it as null
    ]
)

STUDY_SCHEMA = pa.schema(
    [
        ("pmid", pa.string()),
        ("version", pa.int32()),
        ("record_index", pa.int64()),
        ("title", pa.string()),
        ("journal", pa.string()),
        ("year", pa.int32()),
        ("doi", pa.string()),
        ("has_abstract", pa.bool_()),
        ("cohort_n", pa.int64()),
        ("design", pa.string()),
        ("n_findings", pa.int32()),
        ("study_json", pa.string()),
    ]
)

DELETION_SCHEMA = pa.schema([("pmid", pa.string())])

TABLES: dict[str, pa.Schema] = {"findings": FINDING_SCHEMA, "studies": STUDY_SCHEMA, "deletions": DELETION_SCHEMA}


def part_path(out_dir: Path, table: str, stem: str) -> Path:
    """Where the part of ``table`` for input ``stem`` lives."""
    return Path(out_dir) / table / f"file={stem}" / "part-0.parquet"


def finding_rows(study: Study, record_index: int) -> list[dict[str, Any]]:
    """One row per finding of ``study``, provenance flattened into columns."""
    rows = []
    art = study.article
    for i, f in enumerate(study.findings):
        ev = f.evidence
        rows.append(
            {
                "pmid": art.pmid,
                "version": art.version,
                "record_index": record_index,
                "finding_index": i,
                "measure": f.measure.value,
                "kind": f.kind.value,
                "value": None if f.value is None else float(f.value),
                "unit": f.unit.value,
                "count": f.count,
                "denominator": f.denominator,
                "time_months": f.time_months,
                "ci_low": f.ci[0] if f.ci else None,
                "ci_high": f.ci[1] if f.ci else None,
                "p": f.p,
                "p_relation": f.p_relation,
                "arm": f.arm,
                "not_reached": f.not_reached,
                "origin": f.origin.value,
                "method": f.method,
                "section": ev.section if ev else None,
                "sentence": ev.sentence if ev else None,
                "start": ev.start if ev else None,
                "end": ev.end if ev else None,
                "mention": ev.text if ev else None,
                "extractor_version": ev.extractor_version if ev else None,
                "outcome": f.outcome,
            }
        )
    return rows


def study_row(study: Study, record_index: int) -> dict[str, Any]:
    """One row describing ``study`` (its full JSON form kept in ``study_json``)."""
    art = study.article
    return {
        "pmid": art.pmid,
        "version": art.version,
        "record_index": record_index,
        "title": art.title,
        "journal": art.journal,
        "year": art.year,
        "doi": art.doi,
        "has_abstract": bool(art.sections),
        "cohort_n": study.cohort.n,
        "design": ",".join(study.design),
        "n_findings": len(study.findings),
        "study_json": json.dumps(study_to_json(study), sort_keys=True),
    }


class TableWriter:
    """Stream rows of one table into a Parquet file in row groups, so memory stays bounded.

    Parameters
    ----------
    path : Path
        File to write (normally inside a staging folder).
    schema : pyarrow.Schema
        The table's schema; every row must fit it.
    rows_per_group : int
        Rows buffered before a row group is written.
    """

    def __init__(self, path: Path, schema: pa.Schema, rows_per_group: int = 5_000) -> None:
        self.path = Path(path)
        self.schema = schema
        self.rows_per_group = rows_per_group
        self.rows_written = 0
        self._buffer: list[dict[str, Any]] = []
        self._writer = pq.ParquetWriter(str(self.path), schema, compression="zstd")

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Add rows; a row group is flushed whenever the buffer is full."""
        self._buffer.extend(rows)
        if len(self._buffer) >= self.rows_per_group:
            self._flush()

    def close(self) -> None:
        """Flush what is left and close the file (an empty table still gets a valid file)."""
        self._flush(force_empty=self.rows_written == 0)
        self._writer.close()

    def _flush(self, force_empty: bool = False) -> None:
        if self._buffer or force_empty:
            table = pa.Table.from_pylist(self._buffer, schema=self.schema)
            self._writer.write_table(table)
            self.rows_written += len(self._buffer)
            self._buffer = []


def read_table(out_dir: Path, table: str, stems: Iterable[str] | None = None, columns: list[str] | None = None) -> "Any":
    """Read ``table`` for the finished files (all done files in the manifest, or ``stems``).

    Returns a pandas DataFrame with a ``file`` column (the input stem) first, rows in
    file-name order then record order; ``columns`` limits what is read.
    """
    import pandas as pd

    from evidence.scale.manifest import Manifest

    out_dir = Path(out_dir)
    if stems is None:
        stems = Manifest.load(out_dir).done_stems()
    schema = TABLES[table]
    if columns is not None:
        schema = pa.schema([schema.field(name) for name in columns])
    frames = [_read_part(out_dir, table, stem, schema) for stem in sorted(stems)]
    if not frames:
        empty = schema.empty_table().to_pandas()
        empty.insert(0, "file", pd.Series(dtype=object))
        return empty
    return pd.concat(frames, ignore_index=True)


def _read_part(out_dir: Path, table: str, stem: str, schema: pa.Schema) -> "Any":
    frame = pq.read_table(str(part_path(out_dir, table, stem)), columns=schema.names, schema=schema).to_pandas()
    frame.insert(0, "file", stem)
    return frame


def latest_keys(out_dir: Path) -> "Any":
    """``file``, ``pmid``, ``record_index`` of the live version of every PMID (see the module docstring).

    Only these key columns are read, so the index of the whole baseline fits in memory.
    """
    keys = read_table(out_dir, "studies", columns=["pmid", "record_index"])
    # the winning (file, record_index) of each PMID: last file by name, then last record in it
    keys = keys.sort_values(["file", "record_index"], kind="stable").drop_duplicates("pmid", keep="last")
    deletions = read_table(out_dir, "deletions")
    if len(deletions):
        last_deleted = deletions.groupby("pmid")["file"].max().rename("deleted_in")
        keys = keys.merge(last_deleted, how="left", left_on="pmid", right_index=True)
        # a deletion removes versions read from its own file and earlier ones
        alive = keys["deleted_in"].isna() | (keys["file"] > keys["deleted_in"])
        keys = keys.loc[alive, ["file", "pmid", "record_index"]]
    return keys.reset_index(drop=True)


def iter_latest(out_dir: Path, table: str = "findings", columns: list[str] | None = None) -> Iterator["Any"]:
    """The latest view one input file at a time (memory: the key index plus one file's part)."""
    if table not in ("findings", "studies"):
        raise ValueError(f"Invalid table {table!r}; expected 'findings' or 'studies'")
    keys = latest_keys(out_dir)
    schema = TABLES[table]
    if columns is not None:
        names = list(dict.fromkeys(["pmid", "record_index", *columns]))
        schema = pa.schema([schema.field(name) for name in names])
    for stem, wanted in keys.groupby("file", sort=True):
        part = _read_part(Path(out_dir), table, stem, schema)
        yield part.merge(wanted, on=["file", "pmid", "record_index"], how="inner")


def read_latest(out_dir: Path, table: str = "findings", columns: list[str] | None = None) -> "Any":
    """The current state of the dataset as one DataFrame: latest version of every PMID, deletions applied.

    ``table`` is ``"findings"`` or ``"studies"``; rows sorted by PMID (then finding index).
    See the module docstring for the rules.
    """
    import pandas as pd

    frames = list(iter_latest(out_dir, table, columns))
    if not frames:
        return read_table(out_dir, table, stems=[], columns=columns)
    result = pd.concat(frames, ignore_index=True)
    sort_keys = ["pmid", "finding_index"] if "finding_index" in result else ["pmid"]
    return result.sort_values(sort_keys, kind="stable").reset_index(drop=True)
