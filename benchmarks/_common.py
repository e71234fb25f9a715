"""Helpers shared by the benchmark scripts: memory readings (Linux ``getrusage`` units: KiB) and
a module as it was at another git revision, the abstracts to time and an alternating timing loop
(for side-by-side timings of a finder against its earlier self)."""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")


def peak_rss_kib() -> int:
    """The process's peak resident set size so far, in KiB (the ``getrusage`` high-water mark)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def current_rss_mib() -> float:
    """The process's resident set size now, in MiB (``/proc/self/statm``; the peak where that is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:  # not Linux
        return peak_rss_kib() / 1024


def module_at_revision(path_in_repo: str, revision: str, folder: Path) -> ModuleType:
    """The module file ``path_in_repo`` (e.g. ``extractors/arms.py``) as at a git ``revision``,
    written into ``folder`` and imported under its own name, beside the current one."""
    source = subprocess.run(["git", "show", f"{revision}:{path_in_repo}"], capture_output=True, text=True, check=True).stdout
    name = Path(path_in_repo).stem + "_at_revision"
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def add_corpus_arguments(parser: argparse.ArgumentParser, repeat: int, texts_help: str = ".txt") -> None:
    """The ``--abstracts``, ``--texts`` and ``--repeat`` options every finder benchmark takes."""
    parser.add_argument("--abstracts", type=int, default=2000)
    parser.add_argument("--texts", type=Path, default=None, help=f"a folder of {texts_help} abstracts instead of synthetic ones")
    parser.add_argument("--repeat", type=int, default=repeat)


def read_articles(texts: Path | None, abstracts: int) -> list | None:
    """The articles of the folder ``texts``, or ``abstracts`` synthetic ones; None (after a one-line
    message on stderr) when ``texts`` is not a folder of abstracts."""
    from benchmarks.bench_extract import generate, read_folder
    from evidence.errors import InputError

    if texts is None:
        return list(generate(abstracts))
    if not texts.is_dir():
        print(f"--texts {texts}: not a folder", file=sys.stderr)
        return None
    try:
        return read_folder(texts)
    except InputError as exc:
        print(f"--texts: {exc}", file=sys.stderr)
        return None


def pipeline_docs(articles: list) -> Iterator:
    """Each article run through the whole extraction pipeline once (outside any timing), as a spaCy ``Doc``."""
    from extractors.pipeline import _make_doc, build_pipeline

    nlp = build_pipeline()
    for article in articles:
        yield nlp(_make_doc(nlp, article))


def sentence_split_texts(articles: list) -> list[tuple[str, list[tuple[int, int]], int]]:
    """(text, sentence spans, title end) of each article, as the finders receive them (tokenised and split once,
    before any timing)."""
    from extractors.components import sentences_of
    from extractors.pipeline import _make_doc, build_pipeline
    from extractors.segment import text_of

    nlp = build_pipeline()
    sentencizer = nlp.get_pipe("evidence_sentences")
    docs = [sentencizer(_make_doc(nlp, article)) for article in articles]
    return [(text_of(doc), sentences_of(doc), doc.user_data.get("title_end", 0)) for doc in docs]


def finders_against(current: Callable, path_in_repo: str, revision: str | None, folder: Path) -> dict[str, Callable] | None:
    """``{"current": current}``, plus the function of the same name in ``path_in_repo`` as at git
    ``revision`` when one is given; None (after a one-line message on stderr) when it cannot be read."""
    finders = {"current": current}
    if revision:
        try:
            finders[revision] = getattr(module_at_revision(path_in_repo, revision, folder), current.__name__)
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"--against {revision}: cannot read {path_in_repo} at that revision ({exc})", file=sys.stderr)
            return None
    return finders


def time_alternating(runs: dict[str, Callable[[], T]], repeat: int) -> tuple[dict[str, list[float]], dict[str, T]]:
    """Call every run ``repeat`` times (at least once), one after the other in turn so all are
    timed under the same load; the process CPU seconds of each call, and each run's last result."""
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    results: dict[str, T] = {}
    for _ in range(max(1, repeat)):
        for name, run in runs.items():
            start = time.process_time()
            results[name] = run()
            seconds[name].append(time.process_time() - start)
    return seconds, results


def print_per_abstract(seconds: dict[str, list[float]], abstracts: int, hits: dict[str, int], what: str) -> None:
    """One line per timed function: fastest and median microseconds per abstract, and its hit count."""
    per = 1e6 / max(1, abstracts)
    for name, runs in seconds.items():
        print(f"{name:>12}: fastest {min(runs) * per:7.1f} us/abstract, median {statistics.median(runs) * per:7.1f} us/abstract "
              f"({abstracts} abstracts, {hits[name]} {what} hits)")
