"""Comparison finder benchmark: time spent reading per-arm values of other outcomes (extractors/comparisons.py).

Run ``python -m benchmarks.bench_comparisons [--abstracts 2000] [--texts FOLDER] [--repeat 5]``
from the repository root.  The abstracts are the synthetic ones of :mod:`benchmarks.bench_extract`
(or the ``.txt``/``.xml`` files of ``--texts``, read with :func:`benchmarks.bench_extract.read_folder`).
Each abstract is run through the pipeline once, outside the timing, to get its sentences, its arm
mentions and the spans the outcome finder read; then, ``--repeat`` times, it times
``find_comparisons`` over every abstract, as the pipeline calls it.

It prints the fastest run in microseconds per abstract, the share of the whole extraction time that
is (the whole pipeline timed once over the same abstracts), and the number of values found (a guard
that the run did real work).
"""

from __future__ import annotations

import argparse
import sys
import time

from benchmarks._common import add_corpus_arguments, pipeline_docs, read_articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_arguments(parser, repeat=5, texts_help=".txt/.xml")
    args = parser.parse_args(argv)

    from extractors.comparisons import find_comparisons
    from extractors.components import arm_mentions, hits_of, sentences_of
    from extractors.pipeline import extract_studies
    from extractors.segment import text_of

    articles = read_articles(args.texts, args.abstracts)
    if articles is None:
        return 2
    items = []
    for doc in pipeline_docs(articles):
        items.append((text_of(doc), sentences_of(doc), arm_mentions(doc), [(h.start, h.end) for h in hits_of(doc, "outcome")]))
    t0 = time.perf_counter()
    for _ in extract_studies(iter(articles)):
        pass
    whole = time.perf_counter() - t0
    times, found = [], 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        found = sum(len(find_comparisons(text, sentences, arms, taken)) for text, sentences, arms, taken in items)
        times.append(time.perf_counter() - t0)
    n = max(1, len(items))
    with_arms = sum(1 for _, _, arms, _ in items if len(arms) >= 2)
    print(f"abstracts: {len(items)} ({with_arms} with two or more arms); fastest of {max(1, args.repeat)} runs")
    print(f"find_comparisons: {1e6 * min(times) / n:.1f} us per abstract (first run {1e6 * times[0] / n:.1f})")
    print(f"whole extraction: {1e6 * whole / n:.1f} us per abstract; the finder's share {100 * min(times) / whole:.1f}%")
    print(f"values found: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
