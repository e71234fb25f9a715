"""Scale-out benchmark: abstracts/s per worker at 1 and 2 workers, scaling efficiency, peak RSS per worker.

Run ``python -m benchmarks.bench_scale --records 100000`` from the repository root.  It
generates a corpus (``evidence generate``'s generator) in a temporary folder, extracts it
with each worker count into a fresh output folder, and prints:

* wall-clock throughput and abstracts/s per worker (busy time: the seconds workers
  spent inside files, spaCy start-up excluded);
* scaling efficiency = throughput(w) / (w x throughput(1)), from wall-clock time;
* peak RSS of each worker process (``getrusage`` high-water mark) after its first and
  after its last file: equal figures mean memory does not grow with the number of files;
* a projection for the full PubMed baseline (36 million records) on N cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from evidence.scale.engines import DEFAULT_EXTRACTOR, EngineOptions, RunReport, run_extraction
from evidence.scale.generate import generate_corpus
from evidence.sources.pubmed_xml import iter_pubmed_file

BASELINE_RECORDS = 36_000_000
BASELINE_FILES = 1_300
MIB = 1024 * 1024


def _rss_by_worker(report: RunReport) -> dict[str, list[int]]:
    """Peak RSS after each file, per worker, in the order the files finished."""
    by_worker: dict[str, list[int]] = defaultdict(list)
    for result in report.done:
        by_worker[result.worker].append(result.peak_rss_bytes)
    return by_worker


def _rate_per_worker(report: RunReport, clock: str) -> float:
    """Mean over workers of abstracts per second of ``clock`` ("seconds" busy wall, or "cpu_seconds")."""
    busy: dict[str, float] = defaultdict(float)
    articles: dict[str, int] = defaultdict(int)
    for result in report.done:
        busy[result.worker] += getattr(result, clock)
        articles[result.worker] += result.articles
    rates = [articles[w] / busy[w] for w in busy if busy[w] > 0]
    return sum(rates) / len(rates) if rates else 0.0


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def _parse_rate(paths: list[Path]) -> float:
    """Records per second of the streaming parser alone (one process), to show where time goes."""
    started, n = time.perf_counter(), 0
    for path in paths:
        n += sum(1 for _ in iter_pubmed_file(path))
    return n / (time.perf_counter() - started)


def run(records: int, files: int, worker_counts: list[int], engine: str, seed: int, keep: Path | None,
        extractor: str) -> None:
    """Generate, extract with each worker count, print the figures."""
    root = Path(tempfile.mkdtemp(prefix="bench-scale-")) if keep is None else keep
    try:
        started = time.perf_counter()
        corpus = generate_corpus(root / "corpus", records=records, files=files, seed=seed, updates=1)
        total = sum(p.stat().st_size for p in corpus.files)
        print(f"corpus: {records} baseline records in {files} files + 1 update file "
              f"({total / MIB:.1f} MiB gzipped), generated in {time.perf_counter() - started:.1f} s")
        print(f"engine: {engine}; extractor: {extractor}; {os.cpu_count()} CPUs; "
              f"parser alone: {_parse_rate(list(corpus.files)):.0f} records/s")
        base_throughput = base_cpu_rate = None
        rows = []
        for workers in worker_counts:
            out = root / f"out-{engine}-{workers}"
            shutil.rmtree(out, ignore_errors=True)
            options = EngineOptions(engine=engine, workers=workers, extractor=extractor)
            load_before = _load()
            report = run_extraction(corpus.files, out, options)
            if report.failed:
                raise SystemExit(f"failed files: {[r.error for r in report.failed]}")
            throughput = report.articles / report.wall_seconds
            base_throughput = base_throughput or throughput
            efficiency = throughput / (workers * base_throughput)
            per_worker = _rate_per_worker(report, "seconds")
            per_cpu = _rate_per_worker(report, "cpu_seconds")
            base_cpu_rate = base_cpu_rate or per_cpu
            rss = _rss_by_worker(report)
            first = max(v[0] for v in rss.values()) / MIB
            last = max(v[-1] for v in rss.values()) / MIB
            files_per_worker = ", ".join(str(len(v)) for v in rss.values())
            print(
                f"workers={workers}: {report.articles} abstracts in {report.wall_seconds:.1f} s wall = "
                f"{throughput:.0f}/s ({throughput / workers:.0f}/s per worker wall, {per_worker:.0f}/s per worker busy, "
                f"{per_cpu:.0f}/s per worker CPU-second); scaling efficiency {efficiency:.2f} wall, "
                f"{per_cpu / base_cpu_rate:.2f} CPU; peak RSS per worker {first:.0f} MiB after its first file, "
                f"{last:.0f} MiB after its last (files per worker: {files_per_worker}); "
                f"load average {load_before} before, {_load()} after"
            )
            rows.append((workers, throughput / workers, per_cpu))
        best = max(rows, key=lambda r: r[0])
        print(f"projection for the full baseline ({BASELINE_RECORDS / 1e6:.0f}M records, ~{BASELINE_FILES} files), "
              f"from the {best[0]}-worker run: wall rate {best[1]:.0f}/s per worker as measured here; "
              f"CPU rate {best[2]:.0f}/s per worker CPU-second (what a core gives when it is not shared):")
        for cores in (1, 2, 8, 32, 64, 128):
            wall_hours = BASELINE_RECORDS / (best[1] * cores) / 3600
            cpu_hours = BASELINE_RECORDS / (best[2] * cores) / 3600
            print(f"  {cores:4d} cores: {wall_hours:8.1f} h at the wall rate, {cpu_hours:8.1f} h at the CPU rate")
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_scale", description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=10, help="baseline files (default 10)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None, help="keep corpus and outputs in this folder")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function of the extractor")
    args = parser.parse_args(argv)
    counts = [int(x) for x in args.workers.split(",") if x.strip()]
    run(args.records, args.files, counts, args.engine, args.seed, args.keep, args.extractor)


if __name__ == "__main__":
    main()
