"""Extraction benchmark: abstracts per second per core and peak memory over N abstracts (synthetic by default).

Run ``python -m benchmarks.bench_extract [--abstracts 10000] [--batch-size 64] [--source generated]``
from the repository root.  ``--source`` says where the abstracts come from:

* ``generated`` (the default): templates written for this benchmark (single-arm series, two-arm
  trials, structured and unstructured, numbers in words, lists of landmark rates, hazard ratios,
  regimens), varied by a seeded random generator so no two are alike (about 630 characters each);
* ``dev``: the 176 real abstracts of the embedded development set (``corpora/dev``, about 900
  characters each), cycled to N with distinct PMIDs;
* a folder: the ``.txt``/``.xml`` abstracts in it (a PICO-style corpus, say), cycled the same way.

It prints:

* abstracts per second of CPU time of this process (one core) and per second of wall time;
* findings extracted per abstract (a guard that the run did real work);
* RSS at 25%, 50%, 75% and 100% of the run and the peak (``getrusage`` high-water mark):
  equal figures mean memory is flat in N.

The pipeline is built once before timing starts (``build_pipeline()`` is cached).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import sys
import time
from pathlib import Path
from typing import Iterator

from benchmarks._common import current_rss_mib, peak_rss_kib
from evidence.records import Article, Section

_DRUGS = ["doxorubicin and ifosfamide", "FOLFOX", "gemcitabine plus docetaxel", "pembrolizumab", "XELOX", "TPF",
          "cisplatin", "capecitabine", "Herceptin and paclitaxel", "nivolumab plus ipilimumab"]
_DISEASES = ["soft tissue sarcoma", "rectal cancer", "nasopharyngeal carcinoma", "breast cancer", "gastric cancer",
             "non-small-cell lung cancer", "osteosarcoma", "pancreatic cancer"]
_WORDS = ["Twenty", "Thirty-two", "Forty-five", "Fifty-one", "Sixty", "Seventy-eight", "One hundred and twelve"]


def _pct(rng: random.Random, lo: float = 5, hi: float = 95) -> str:
    return f"{rng.uniform(lo, hi):.1f}%"


def _single_arm(rng: random.Random, i: int) -> Article:
    n = rng.randint(20, 400)
    drug, disease = rng.choice(_DRUGS), rng.choice(_DISEASES)
    cohort = rng.choice([f"A total of {n} patients", f"{rng.choice(_WORDS)} consecutive patients", f"We retrospectively reviewed {n} patients who"])
    results = (
        f"The objective response rate was {_pct(rng)} ({rng.randint(1, n)}/{n}), with complete response in {_pct(rng, 1, 20)} "
        f"and partial response in {_pct(rng, 10, 50)}. Grade 3 or higher toxicity occurred in {_pct(rng, 5, 40)} of patients. "
        f"After a median follow-up of {rng.randint(12, 80)} months, the 1-, 3- and 5-year overall survival rates were "
        f"{_pct(rng, 80, 95)}, {_pct(rng, 60, 79)} and {_pct(rng, 40, 59)}, respectively. Median progression-free survival was "
        f"{rng.uniform(4, 30):.1f} months (95% CI, {rng.uniform(2, 4):.1f}-{rng.uniform(31, 40):.1f})."
    )
    methods = (
        f"{cohort} with {disease} were treated with {rng.randint(2, 6)} cycles of {drug} followed by radiotherapy of "
        f"{rng.choice([25, 30, 35, 50])} Gy in {rng.choice([5, 10, 25])} fractions. The cohort included {rng.randint(5, 60)} men and "
        f"{rng.randint(5, 60)} women with a median age of {rng.randint(40, 70)} years."
    )
    if rng.random() < 0.5:
        sections = (Section("BACKGROUND", f"Outcomes of {disease} remain poor."), Section("METHODS", methods), Section("RESULTS", results),
                    Section("CONCLUSIONS", "The regimen was active and tolerable."))
    else:
        sections = (Section("", f"Outcomes of {disease} remain poor. {methods} {results} The regimen was active."),)
    return Article(pmid=f"b{i}", title=f"{drug} for {disease}: a retrospective study", sections=sections)


def _two_arm(rng: random.Random, i: int) -> Article:
    a, b = rng.randint(100, 500), rng.randint(100, 500)
    drug, disease = rng.choice(_DRUGS), rng.choice(_DISEASES)
    hr = rng.uniform(0.5, 0.95)
    text = (
        f"Patients with {disease} were randomly assigned (1:1) to {drug} (n = {a}) or placebo (n = {b}). "
        f"The objective response rate was {_pct(rng)} with {drug} versus {_pct(rng)} with placebo (P = .0{rng.randint(1, 9)}). "
        f"Median overall survival was {rng.uniform(12, 30):.1f} vs {rng.uniform(6, 12):.1f} months (hazard ratio {hr:.2f}; 95% CI, "
        f"{hr - 0.1:.2f} to {hr + 0.04:.2f}; P < .001). The 2-year progression-free survival rates were {_pct(rng, 40, 60)} and "
        f"{_pct(rng, 20, 39)} in the {drug} and placebo groups, respectively."
    )
    return Article(pmid=f"b{i}", title=f"{drug} versus placebo in {disease}: a randomized phase 3 trial", sections=(Section("", text),))


def generate(n: int, seed: int = 20240619) -> Iterator[Article]:
    """``n`` varied synthetic abstracts (deterministic for a seed)."""
    rng = random.Random(seed)
    for i in range(n):
        yield _two_arm(rng, i) if rng.random() < 0.4 else _single_arm(rng, i)


def read_folder(folder: Path) -> list[Article]:
    """The articles of every ``.txt``/``.xml`` file in ``folder`` (sorted by name), read before timing starts."""
    from evidence.errors import InputError
    from evidence.sources.files import read_articles

    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of abstracts (--source takes generated, dev or a folder)")
    articles = [a for path in sorted(folder.iterdir()) if path.suffix in (".txt", ".xml") for a in read_articles(path)]
    if not articles:
        raise InputError(f"{folder}: no .txt or .xml abstracts in it")
    return articles


def cycle(articles: list[Article], n: int) -> Iterator[Article]:
    """``n`` articles from ``articles`` repeated in order, each with its own PMID (``<pmid>-r<round>`` after the first round)."""
    for k, article in enumerate(itertools.islice(itertools.cycle(articles), n)):
        rounds = k // len(articles)
        yield article if rounds == 0 else dataclasses.replace(article, pmid=f"{article.pmid}-r{rounds}")


def abstracts(source: str, n: int) -> Iterator[Article]:
    """``n`` abstracts from ``source`` ("generated", "dev" or a folder)."""
    if source == "generated":
        return generate(n)
    if source == "dev":
        from corpora import corpus_path

        folder = corpus_path("dev")
    else:
        folder = Path(source)
    return cycle(read_folder(folder), n)


def read_source(source: str, n: int) -> Iterator[Article] | None:
    """``abstracts(source, n)``, a corpus's read (and copied) at once so a clock started after this
    times extraction only; None (after a one-line message on stderr) when the source cannot be read."""
    from evidence.errors import InputError

    try:
        articles = abstracts(source, n)
        return articles if source == "generated" else iter(list(articles))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--abstracts", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--source", default="generated", help="generated (default), dev (corpora/dev, real abstracts) or a folder of .txt/.xml abstracts")
    args = parser.parse_args(argv)

    from extractors.pipeline import build_pipeline, extract_studies

    source = read_source(args.source, args.abstracts)
    if source is None:
        return 2
    build_pipeline()
    checkpoints = {int(args.abstracts * q) for q in (0.25, 0.5, 0.75, 1.0)}
    rss: list[tuple[int, float]] = []
    findings = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for k, study in enumerate(extract_studies(source, batch_size=args.batch_size), 1):
        findings += len(study.findings)
        if k in checkpoints:
            rss.append((k, current_rss_mib()))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    peak = peak_rss_kib() / 1024
    chars = sum(len(a.title or "") + sum(len(s.text or "") for s in a.sections) for a in abstracts(args.source, args.abstracts))
    print(f"abstracts: {args.abstracts}  batch size: {args.batch_size}  source: {args.source} ({chars / max(1, args.abstracts):,.0f} characters each)")
    print(f"abstracts/s per core (CPU time): {args.abstracts / cpu:,.0f}")
    print(f"abstracts/s (wall time):         {args.abstracts / wall:,.0f}")
    print(f"findings per abstract:           {findings / max(1, args.abstracts):.2f}")
    print("RSS MB at " + ", ".join(f"{k}: {mb:.1f}" for k, mb in rss) + f"; peak {peak:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
