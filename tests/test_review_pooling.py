"""Per-study events for pooling: stated counts, counts from rates, ORR computed from CR and PR; flag merging."""

from __future__ import annotations

from evidence.records import Article, Cohort, Finding, Flag, Kind, Measure, Origin, Study, Unit
from evidence.review import CR_PR_METHOD, CR_ZERO_METHOD, merge_flags, proportion_datum, with_computed_orr


def _rate(measure: Measure, value: float | None = None, count: int | None = None, denominator: int | None = None) -> Finding:
    return Finding(measure, Kind.RATE, value, Unit.PROPORTION, count=count, denominator=denominator, origin=Origin.CURATED, method="curated")


def _study(*findings: Finding, n: int | None = 50) -> Study:
    return Study(article=Article(pmid="1"), cohort=Cohort(n=n), findings=findings, label="S", origin=Origin.CURATED)


def test_stated_count_is_used_as_is() -> None:
    d = proportion_datum(_study(_rate(Measure.ORR, 0.3, 15, 50)), Measure.ORR)
    assert (d.events, d.total, d.origin) == (15, 50, Origin.CURATED)


def test_rate_without_count_becomes_rounded_events_marked_computed() -> None:
    d = proportion_datum(_study(_rate(Measure.ORR, 0.322), n=31), Measure.ORR)
    assert (d.events, d.total, d.origin) == (10, 31, Origin.COMPUTED) and "rounded" in d.method
    assert proportion_datum(_study(_rate(Measure.ORR, 0.3), n=None), Measure.ORR) is None


def test_orr_from_cr_and_pr_counts() -> None:
    s = _study(_rate(Measure.CR, 0.06, 3, 50), _rate(Measure.PR, 0.24, 12, 50))
    d = proportion_datum(s, Measure.ORR)
    assert (d.events, d.total, d.origin, d.method) == (15, 50, Origin.COMPUTED, CR_PR_METHOD)
    added = with_computed_orr(s).findings_for(Measure.ORR)[0]
    assert (added.count, added.denominator, added.value, added.origin) == (15, 50, 0.3, Origin.COMPUTED)


def test_cr_taken_as_zero_only_when_pr_sd_pd_cover_everyone() -> None:
    complete = _study(_rate(Measure.PR, None, 9, 21), _rate(Measure.SD, None, 11, 21), _rate(Measure.PD, None, 1, 21), n=21)
    d = proportion_datum(complete, Measure.ORR)
    assert (d.events, d.total, d.method) == (9, 21, CR_ZERO_METHOD)
    incomplete = _study(_rate(Measure.PR, None, 9, 21), _rate(Measure.SD, None, 10, 21), _rate(Measure.PD, None, 1, 21), n=21)
    assert proportion_datum(incomplete, Measure.ORR) is None
    assert with_computed_orr(incomplete) == incomplete
    assert proportion_datum(_study(_rate(Measure.PR, None, 9, 21), n=21), Measure.ORR) is None


def test_flags_merge_once_per_value_and_kind() -> None:
    existing = (Flag("GRIM", "ORR 32.2%: no whole count over N=31 gives this"), Flag("ORR_DERIVED_SUM", "ORR 32.2% equals PR 29% + CR 3.2%"))
    added = (
        Flag("GRIM", "ORR 32.2% is not k/31 for any integer k"),
        Flag("DERIVED_SUM_OF_ROUNDED", "ORR 32.2% equals the sum of the rounded parts"),
        Flag("GRIM", "TOX_G3PLUS 29% is not k/30"),
        Flag("LANDMARK_NEEDS_CENSORING", "12-month DFS 79.3% needs censoring"),
        Flag("LANDMARK_NEEDS_CENSORING", "12-month OS 89.6% needs censoring"),
    )
    merged = merge_flags(existing, added)
    assert [f.code for f in merged] == ["GRIM", "ORR_DERIVED_SUM", "GRIM", "LANDMARK_NEEDS_CENSORING", "LANDMARK_NEEDS_CENSORING"]
    assert merged[2].message.startswith("TOX_G3PLUS")


def test_a_corrected_rate_is_pooled_as_corrected() -> None:
    from evidence.corrections import Correction, apply_corrections

    s = _study(_rate(Measure.ORR, 0.3), n=40)
    corrected = apply_corrections(s, [Correction("1", Measure.ORR, 0.35, "misread", reviewer="ann")])
    d = proportion_datum(corrected, Measure.ORR)
    assert (d.events, d.total, d.origin) == (14, 40, Origin.CORRECTED) and "misread" in d.method
    with_count = apply_corrections(_study(_rate(Measure.ORR, 0.3, 12, 40)), [Correction("1", Measure.ORR, 0.35, "misread")])
    d = proportion_datum(with_count, Measure.ORR)
    assert (d.events, d.total, d.origin) == (14, 40, Origin.CORRECTED)
