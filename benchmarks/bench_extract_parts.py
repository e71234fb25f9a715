"""Where the extraction's time goes: CPU microseconds per abstract of each part of the pipeline.

Run ``python -m benchmarks.bench_extract_parts [--abstracts 2000] [--rounds 5] [--source generated]``
from the repository root.  The abstracts (as in :mod:`benchmarks.bench_extract`) are extracted
``--rounds`` times; each part is timed with ``time.process_time`` around its calls and the fastest
round of each is printed, with the whole run's.  Parts:

* each spaCy component of the pipeline (its ``__call__``: finder and the writing of its hits);
* ``doc building`` (the text composed and the doc the components run on), ``study_from_doc`` (the
  records built from the hits, ``check_study`` included), ``check_study``, ``write_hits``,
  ``find_regimen`` and ``find_terms`` (inside the components above; listed for themselves).

The timers add about a microsecond per timed call, so the parts sum to a little more than the
whole.  Figures from a machine shared with other work vary by 10-20%: compare the fastest rounds
of runs made one after the other.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from typing import Any, Callable


def _timed(acc: collections.Counter, key: str, function: Callable[..., Any]) -> Callable[..., Any]:
    clock = time.process_time

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            acc[key] += clock() - start

    return timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--abstracts", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--source", default="generated", help="generated (default), dev or a folder of .txt/.xml abstracts")
    args = parser.parse_args(argv)

    from benchmarks.bench_extract import read_source
    from extractors import components, outcomes, pipeline, regimen

    source = read_source(args.source, args.abstracts)
    if source is None:
        return 2
    articles = list(source)
    nlp = pipeline.build_pipeline()
    acc: collections.Counter = collections.Counter()
    for module, name, key in (
        (pipeline, "_make_doc", "doc building"),
        (pipeline, "_make_text_doc", "doc building"),
        (pipeline, "study_from_doc", "study_from_doc"),
        (pipeline, "check_study", "check_study"),
        (components, "write_hits", "write_hits"),
        (components, "find_regimen", "find_regimen"),
        (outcomes, "find_terms", "find_terms"),
        (regimen, "find_terms", "find_terms"),
    ):
        if hasattr(module, name):  # the parts of this revision (an older one may lack some)
            setattr(module, name, _timed(acc, key, getattr(module, name)))
    for name, component in nlp.pipeline:
        cls = type(component)
        cls.__call__ = _timed(acc, name, cls.__call__)
    for _ in pipeline.extract_studies(iter(articles[: max(1, len(articles) // 5)])):
        pass  # warm the caches
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        acc.clear()
        start = time.process_time()
        for _ in pipeline.extract_studies(iter(articles)):
            pass
        acc["whole extraction"] = time.process_time() - start
        for key, seconds in acc.items():
            best[key] = min(best.get(key, float("inf")), seconds)
    print(f"abstracts: {len(articles)}  source: {args.source}  rounds: {args.rounds} (fastest shown)")
    print(f"{'part':28s} {'us per abstract':>16s}")
    for key, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"{key:28s} {seconds / len(articles) * 1e6:16.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
