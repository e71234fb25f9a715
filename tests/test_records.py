"""Records and their JSON Lines form."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from evidence.records import (
    Arm,
    Article,
    Cohort,
    Evidence,
    Finding,
    Flag,
    Kind,
    Measure,
    Origin,
    Range,
    Regimen,
    Study,
    Unit,
    read_jsonl,
    study_to_json,
    write_jsonl,
)

finite = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
small_int = st.integers(min_value=0, max_value=100000)
text = st.text(max_size=40)

evidence = st.builds(Evidence, section=text, sentence=text, start=small_int, end=small_int, extractor_version=text)
findings = st.builds(
    Finding,
    measure=st.sampled_from(list(Measure)),
    kind=st.sampled_from(list(Kind)),
    value=st.none() | finite,
    unit=st.sampled_from(list(Unit)),
    count=st.none() | small_int,
    denominator=st.none() | small_int,
    time_months=st.none() | finite,
    ci=st.none() | st.tuples(finite, finite),
    p=st.none() | st.floats(min_value=0, max_value=1),
    arm=st.none() | text,
    evidence=st.none() | evidence,
    origin=st.sampled_from(list(Origin)),
    method=text,
)
number_or_range = st.none() | finite | st.builds(Range, finite, finite)
studies = st.builds(
    Study,
    article=st.builds(Article, pmid=st.from_regex(r"[0-9]{1,9}", fullmatch=True), title=text, journal=text, year=st.none() | st.integers(1900, 2100), doi=text),
    cohort=st.builds(Cohort, n=st.none() | small_int, n_male=st.none() | small_int, age_mean=st.none() | finite, evidence=st.dictionaries(st.sampled_from(["n", "n_male"]), evidence, max_size=2)),
    arms=st.lists(st.builds(Arm, label=text, n=st.none() | small_int), max_size=3).map(tuple),
    regimen=st.builds(Regimen, drugs=st.lists(text, max_size=3).map(tuple), chemo_cycles=number_or_range, rt_total_dose_gy=number_or_range),
    findings=st.lists(findings, max_size=4).map(tuple),
    flags=st.lists(st.builds(Flag, code=text, message=text), max_size=2).map(tuple),
    design=st.lists(text, max_size=2).map(tuple),
    origin=st.sampled_from(list(Origin)),
)


@given(st.lists(studies, max_size=3))
def test_jsonl_round_trip(items: list[Study]) -> None:
    buf = io.StringIO()
    assert write_jsonl(items, buf) == len(items)
    back = list(read_jsonl(buf.getvalue().splitlines()))
    assert back == items


def test_json_form_has_documented_keys() -> None:
    study = Study(
        article=Article(pmid="1", title="t"),
        cohort=Cohort(n=31),
        regimen=Regimen(rt_total_dose_gy=Range(25, 35)),
        findings=(Finding(Measure.OS, Kind.RATE, 0.896, Unit.PROPORTION, time_months=12),),
    )
    data = study_to_json(study)
    assert {"pmid", "title", "cohort", "arms", "regimen", "findings", "flags"} <= set(data)
    assert {"n", "n_male", "n_female", "age_mean", "age_median"} <= set(data["cohort"])
    assert {"drugs", "chemo_cycles", "rt_total_dose_gy", "rt_dose_per_fraction_gy", "rt_fractions"} <= set(data["regimen"])
    assert data["regimen"]["rt_total_dose_gy"] == [25, 35]
    keys = {"measure", "kind", "value", "unit", "count", "denominator", "time_months", "ci", "p", "arm", "evidence"}
    assert keys <= set(data["findings"][0])
    assert data["findings"][0]["unit"] == "proportion"


def test_measure_parse_names_choices() -> None:
    assert Measure.parse("orr") is Measure.ORR
    try:
        Measure.parse("XYZ")
    except ValueError as exc:
        assert "XYZ" in str(exc) and "ORR" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("unknown measure accepted")
