"""Arm attribution benchmark: time spent naming arms in text (extractors/attribution.py).

Run ``python -m benchmarks.bench_attribution [--abstracts 2000] [--texts FOLDER] [--repeat 5]``
from the repository root.  The abstracts are the synthetic ones of :mod:`benchmarks.bench_extract`
(or the ``.txt`` files of ``--texts``, one abstract each: a title line and a blank line before the
abstract, or one paragraph).  Each abstract is run through the pipeline once, outside the timing,
to get its arm labels and sentences; then, ``--repeat`` times, it times:

* ``mention_patterns(labels, text)``: building every abstract's arm mentions;
* ``arm_spans_in(sentence, arms)``: finding the arms in every sentence of every abstract with arms
  (the outcome finder calls it only on sentences with an outcome cue, so this is an upper bound).

It prints the fastest run of each in microseconds per abstract, and the number of arm mentions
found (a guard that the run did real work).
"""

from __future__ import annotations

import argparse
import sys
import time

from benchmarks._common import add_corpus_arguments, pipeline_docs, read_articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_corpus_arguments(parser, repeat=5)
    args = parser.parse_args(argv)

    from extractors.arms import select_arms
    from extractors.attribution import arm_spans_in, mention_patterns
    from extractors.components import hits_of, sentences_of
    from extractors.segment import text_of

    articles = read_articles(args.texts, args.abstracts)
    if articles is None:
        return 2
    items = []
    for doc in pipeline_docs(articles):
        bounds = sentences_of(doc)
        labels = [label for label, _, _ in select_arms(hits_of(doc, "arm"), [s for s, _ in bounds])]
        text = text_of(doc)
        items.append((labels, text, [text[s:e] for s, e in bounds]))
    build_times, span_times, found = [], [], 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        built = [(mention_patterns(labels, text), sentences) for labels, text, sentences in items]
        t1 = time.perf_counter()
        found = 0
        for arms, sentences in built:
            if arms:
                for sentence in sentences:
                    found += len(arm_spans_in(sentence, arms))
        t2 = time.perf_counter()
        build_times.append(t1 - t0)
        span_times.append(t2 - t1)
    n = max(1, len(items))
    with_arms = sum(1 for labels, _, _ in items if labels)
    print(f"abstracts: {len(items)} ({with_arms} with two or more arms); fastest of {max(1, args.repeat)} runs")
    print(f"mention_patterns: {1e6 * min(build_times) / n:.1f} us per abstract (first run {1e6 * build_times[0] / n:.1f})")
    print(f"arm_spans_in:     {1e6 * min(span_times) / n:.1f} us per abstract, every sentence")
    print(f"arm mentions found: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
