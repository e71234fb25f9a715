"""The record building's fast paths (round 5a) give exactly what the plain forms they replace give.

The consistency checks in one pass over the findings, decimals remembered per text, GRIM with the
nearest count first, the symptom-trial gates on text that is not ASCII, the locator's evidence,
hits written without copies, arms chosen once, records made from their fields by position: each is
compared with the plain form (kept here as it was written) on real and generated abstracts and on
random input.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import replace
from pathlib import Path
from typing import Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.records import Arm, Article, Cohort, Evidence, Finding, Flag, Kind, Measure, Study, Unit
from evidence.sources.files import read_articles
from extractors import checks
from extractors.checks import check_study, decimals_printed, grim_consistent
from extractors.pipeline import extract_studies

_FAST = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"


def _dev_articles(limit: int = 80) -> list[Article]:
    out: list[Article] = []
    for path in sorted(_DEV.glob("*.txt"))[:limit]:
        out.extend(read_articles(path))
    return out


# --- the plain checks, as they were before the one-pass form ------------------------------------------------

_GRIM_MEASURES = frozenset({Measure.ORR, Measure.CR, Measure.PR, Measure.SD, Measure.PD, Measure.DCR, Measure.pCR, Measure.TOX_G3PLUS, Measure.WOUND})
_RESPONSE_GRIM_MEASURES = _GRIM_MEASURES - {Measure.TOX_G3PLUS, Measure.WOUND}
_RULE = "round half up to the printed decimals"


def _plain_decimals(text: str) -> int:
    import re

    m = re.search(r"\d+(?:[.·](\d+))?", text or "")
    return len(m.group(1)) if m and m.group(1) else 0


def _plain_grim_consistent(percent: float, n: int, decimals: int) -> bool:
    if n <= 0:
        return True
    half = 0.5 * 10 ** (-decimals) + 1e-9
    k = round(percent * n / 100)
    return any(0 <= j <= n and abs(100 * j / n - percent) <= half for j in (k - 1, k, k + 1))


def _pct(f: Finding) -> float:
    return 100.0 * (f.value or 0.0)


def _label(f: Finding) -> str:
    arm = f" ({f.arm})" if f.arm else ""
    return f"{f.measure.value}{arm} {f.evidence.text if f.evidence and f.evidence.text else f'{_pct(f):g}%'}"


def _denominator(study: Study, f: Finding) -> int | None:
    if f.denominator:
        return f.denominator
    if f.arm is not None:
        for arm in study.arms:
            if arm.label == f.arm and arm.n:
                return arm.n
        return None
    if f.measure in _RESPONSE_GRIM_MEASURES and study.cohort.n_evaluable:
        return study.cohort.n_evaluable
    return study.cohort.n


def _grim(study: Study) -> Iterable[Flag]:
    for f in study.findings:
        if f.value is None or f.evidence is None or f.kind != Kind.RATE:
            continue
        text = f.evidence.text or ""
        if ("%" not in text and "cent" not in text) or f.measure not in _GRIM_MEASURES:
            continue
        n = _denominator(study, f)
        if not n or n > 10_000:
            continue
        d = _plain_decimals(f.evidence.text)
        if not _plain_grim_consistent(_pct(f), n, d):
            lo = math.floor(_pct(f) * n / 100)
            yield Flag(
                "GRIM",
                f"{_label(f)}: no whole count over N={n} gives this ({_RULE}, {d} decimal(s)); "
                f"nearest {lo}/{n} = {100 * lo / n:.2f}% and {lo + 1}/{n} = {100 * (lo + 1) / n:.2f}%",
            )


def _by_arm(findings: Iterable[Finding]) -> dict[str | None, dict[Measure, Finding]]:
    out: dict[str | None, dict[Measure, Finding]] = {}
    for f in findings:
        if f.value is not None and f.kind == Kind.RATE:
            out.setdefault(f.arm, {}).setdefault(f.measure, f)
    return out


def _tolerance(*fs: Finding) -> float:
    return sum(0.5 * 10 ** (-_plain_decimals(f.evidence.text if f.evidence else "")) for f in fs) + 1e-9


def _response_sums(study: Study) -> Iterable[Flag]:
    for arm, rates in _by_arm(study.findings).items():
        cr, pr, orr = rates.get(Measure.CR), rates.get(Measure.PR), rates.get(Measure.ORR)
        if cr and pr and orr:
            total = _pct(cr) + _pct(pr)
            n = _denominator(study, orr)
            if abs(total - _pct(orr)) > _tolerance(cr, pr, orr):
                yield Flag("CR_PR_ORR", f"{_label(cr)} + {_label(pr)} = {total:.1f}% but {_label(orr)}")
            elif n and abs(total - _pct(orr)) < 1e-6 and not _plain_grim_consistent(_pct(orr), n, _plain_decimals(orr.evidence.text if orr.evidence else "")):
                k = round((_pct(cr) + _pct(pr)) * n / 100)
                yield Flag(
                    "ORR_DERIVED_SUM",
                    f"{_label(orr)} equals {_label(pr)} + {_label(cr)}, a sum of rounded parts; "
                    f"{k}/{n} = {100 * k / n:.2f}% would print as {100 * k / n:.{_plain_decimals(orr.evidence.text if orr.evidence else '')}f}%",
                )
        parts = [rates.get(m) for m in (Measure.CR, Measure.PR, Measure.SD, Measure.PD)]
        if all(parts):
            total = sum(_pct(f) for f in parts if f)
            if abs(total - 100.0) > _tolerance(*[f for f in parts if f]):
                where = f" ({arm})" if arm else ""
                yield Flag("CATEGORIES_SUM", f"CR + PR + SD + PD{where} sum to {total:.1f}%, not 100%")


def _arm_sums(study: Study) -> Iterable[Flag]:
    sizes = [a.n for a in study.arms]
    if len(sizes) >= 2 and all(s is not None for s in sizes) and study.cohort.n:
        total = sum(s for s in sizes if s is not None)
        if total != study.cohort.n:
            yield Flag("ARMS_SUM", f"arm sizes {' + '.join(str(s) for s in sizes)} = {total}, but N = {study.cohort.n}")


def _intervals(findings: Iterable[Finding]) -> Iterable[Flag]:
    for f in findings:
        if f.ci is None or f.value is None:
            continue
        lo, hi = f.ci
        if not (min(lo, hi) - 1e-9 <= f.value <= max(lo, hi) + 1e-9):
            yield Flag("CI_EXCLUDES_ESTIMATE", f"{_label(f)}: CI {lo:g}-{hi:g} does not contain the estimate")
        if f.kind == Kind.HR and f.p is not None:
            excludes_one = hi < 1 - 0.005 or lo > 1 + 0.005
            includes_one = lo < 1 - 0.005 and hi > 1 + 0.005
            significant = f.p < 0.05 if f.p_relation in ("=", "<") else False
            not_significant = (f.p_relation == "=" and f.p > 0.05) or f.p_relation == ">"
            if excludes_one and not_significant or includes_one and significant:
                yield Flag("HR_P_CI", f"{_label(f)}: p {f.p_relation} {f.p:g} disagrees with CI {lo:g}-{hi:g}")


def _landmarks(findings: Iterable[Finding]) -> Iterable[Flag]:
    series: dict[tuple[Measure, str | None], list[Finding]] = {}
    for f in findings:
        if f.time_months and f.value is not None and f.kind == Kind.RATE and f.measure not in _GRIM_MEASURES:
            series.setdefault((f.measure, f.arm), []).append(f)
    for (measure, arm), fs in series.items():
        fs = sorted(fs, key=lambda x: x.time_months or 0)
        for a, b in zip(fs, fs[1:]):
            if (b.time_months or 0) > (a.time_months or 0) and (b.value or 0) > (a.value or 0) + 1e-9:
                where = f" ({arm})" if arm else ""
                yield Flag(
                    "LANDMARK_RISES",
                    f"{measure.value}{where} rises from {_pct(a):g}% at {a.time_months:g} months to {_pct(b):g}% at {b.time_months:g} months",
                )


def _plain_check_study(study: Study) -> Study:
    flags = list(study.flags)
    flags.extend(_grim(study))
    flags.extend(_response_sums(study))
    flags.extend(_arm_sums(study))
    flags.extend(_intervals(study.findings))
    flags.extend(_landmarks(study.findings))
    unique = list(dict.fromkeys(flags))
    return replace(study, flags=tuple(unique)) if len(unique) != len(study.flags) else study


def _assert_checked_as_plain(study: Study) -> None:
    fast, plain = check_study(study), _plain_check_study(study)
    assert fast == plain
    assert vars(fast) == vars(plain)
    assert [vars(f) for f in fast.flags] == [vars(f) for f in plain.flags]
    assert (fast is study) == (plain is study)


def _unchecked(study: Study) -> Study:
    """The study without the flags the checks added (the errors of the finders kept)."""
    return replace(study, flags=tuple(f for f in study.flags if f.code == "EXTRACTOR_ERROR"))


def _generated(n: int) -> list[Article]:
    from benchmarks.bench_extract import generate

    return list(generate(n, seed=7))


def test_one_pass_checks_flag_real_and_generated_studies_as_the_plain_checks() -> None:
    studies = list(extract_studies(_dev_articles() + _generated(150)))
    codes = set()
    for study in studies:
        bare = _unchecked(study)
        _assert_checked_as_plain(bare)
        _assert_checked_as_plain(study)  # checked twice: flags already there are merged, not repeated
        codes.update(f.code for f in study.flags)
    assert {"GRIM", "CR_PR_ORR"} <= codes  # the comparison saw flags raised


_MEASURES = [Measure.ORR, Measure.CR, Measure.PR, Measure.SD, Measure.PD, Measure.OS, Measure.PFS, Measure.TOX_G3PLUS, Measure.DCR]
_TEXTS = ["45.3%", "29%", "3.2%", "32.2%", "0·62", "", "ten per cent", "12", "58.10%", "100%", "½%"]


@st.composite
def _findings(draw: st.DrawFn) -> Finding:
    kind = draw(st.sampled_from([Kind.RATE, Kind.RATE, Kind.HR, Kind.MEDIAN]))
    value = draw(st.one_of(st.none(), st.sampled_from([0.0, -0.0, 0.1, 0.29, 0.032, 0.322, 0.453, 0.62, 0.7, 0.9, 1.0, 1.2])))
    evidence = draw(st.one_of(st.none(), st.sampled_from(_TEXTS).map(lambda t: Evidence("RESULTS", t, 0, len(t), text=t))))
    ci = draw(st.one_of(st.none(), st.sampled_from([(0.55, 0.89), (0.7, 1.2), (21.0, 30.0), (0.2, 0.5), (1.1, 0.9)])))
    return Finding(
        draw(st.sampled_from(_MEASURES)), kind, value, Unit.PROPORTION,
        denominator=draw(st.sampled_from([None, 0, 31, 77, 20_000])),
        time_months=draw(st.sampled_from([None, 0, 12.0, 36.0])),
        ci=ci, p=draw(st.sampled_from([None, 0.001, 0.04, 0.2])), p_relation=draw(st.sampled_from(["=", "<", ">"])),
        arm=draw(st.sampled_from([None, "", "A", "B"])), evidence=evidence,
    )


@_FAST
@given(
    st.lists(_findings(), max_size=8),
    st.sampled_from([None, 0, 31, 110, 120]),
    st.sampled_from([None, 0, 29]),
    st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from([None, 0, 50, 60])), max_size=3),
    st.lists(st.sampled_from([Flag("GRIM", "x"), Flag("ARMS_SUM", "y"), Flag("EXTRACTOR_ERROR", "z")]), max_size=3),
)
def test_one_pass_checks_flag_random_studies_as_the_plain_checks(findings, n, n_evaluable, arms, flags) -> None:
    study = Study(article=Article(pmid="1"), cohort=Cohort(n=n, n_evaluable=n_evaluable), arms=tuple(Arm(label, size) for label, size in arms),
                  findings=tuple(findings), flags=tuple(flags))
    _assert_checked_as_plain(study)


@_FAST
@given(st.integers(-3, 12_000), st.floats(-5, 120, allow_nan=False), st.integers(-2, 9))
def test_grim_with_the_nearest_count_first_is_the_plain_test(n: int, percent: float, decimals: int) -> None:
    assert grim_consistent(percent, n, decimals) == _plain_grim_consistent(percent, n, decimals)
    rounded = round(percent, max(decimals, 0))
    assert grim_consistent(rounded, n, decimals) == _plain_grim_consistent(rounded, n, decimals)


@_FAST
@given(st.text(alphabet="0123456789.·%, -x٣", max_size=12))
def test_remembered_decimals_are_the_plain_ones(text: str) -> None:
    assert decimals_printed(text) == _plain_decimals(text)
    assert decimals_printed(text) == _plain_decimals(text)  # read back from memory
    assert decimals_printed(None) == 0  # type: ignore[arg-type]


def test_flags_made_without_init_equal_the_constructed_ones() -> None:
    made = checks._new_flag("GRIM", "m")
    assert made == Flag("GRIM", "m") and vars(made) == vars(Flag("GRIM", "m")) and hash(made) == hash(Flag("GRIM", "m"))


# --- the symptom-trial gates on text that is not ASCII --------------------------------------------------------

_SYMPTOM_PIECES = ["complete response", "Complete Control", "complete protection", " (no ", "without ", "defined as no ", "absence of ", "emesis",
                   "VOMITING", "Nausea", "rescue", "pain", "pain relief", "pain\u00a0response", "antiemetic", "CINV", "ponv", "analgesia", "ORR",
                   ", ", ": ", ".", " ", "\u00a0", "é", "·", "≥", "–", "ı", "İ", "ſ", "\u212a", "emeſis", "paın", "Eméticos", "tumour", "ß"]


@_FAST
@given(st.lists(st.sampled_from(_SYMPTOM_PIECES), max_size=14).map("".join))
def test_symptom_trial_gates_on_any_text_change_no_answer(text: str) -> None:
    from extractors.pipeline import _SYMPTOM_CR, _SYMPTOM_TRIAL, _symptom_trial

    plain = len(_SYMPTOM_TRIAL.findall(text)) >= 2 or _SYMPTOM_CR.search(text) is not None
    assert _symptom_trial(text) == plain


def test_symptom_trial_gates_on_real_abstracts_change_no_answer() -> None:
    from extractors.pipeline import _SYMPTOM_CR, _SYMPTOM_TRIAL, _compose, _symptom_trial

    texts = [_compose(a)[0] for a in _dev_articles(200)]
    assert sum(not t.isascii() for t in texts) > 10
    answers = [_symptom_trial(t) for t in texts]
    assert answers == [len(_SYMPTOM_TRIAL.findall(t)) >= 2 or _SYMPTOM_CR.search(t) is not None for t in texts]
    assert any(answers)


def test_only_the_listed_characters_fold_to_ascii_letters_unlike_their_lower_case() -> None:
    import re
    import sys

    from extractors.pipeline import _CASE_FOLD_ODDITIES

    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = [c for c in map(chr, range(128, sys.maxunicode + 1)) if letter.fullmatch(c)]
    assert set(odd) <= set(_CASE_FOLD_ODDITIES)  # every other character matches no ASCII letter
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1] == ["\u0130"]  # offsets of the lower-cased text hold


# --- the locator, the hits written and the arms chosen once ---------------------------------------------------


def _plain_evidence(doc, start: int, end: int) -> Evidence:
    """The Evidence of ``start:end`` as the locator made it first: section and sentence by bisection, by the constructor."""
    from bisect import bisect_right

    from extractors.components import sentences_of
    from extractors.segment import text_of
    from extractors.version import EXTRACTOR_VERSION

    text = text_of(doc)
    parts = doc.user_data.get("parts", [])
    if parts:
        i = bisect_right([p[0] for p in parts], start) - 1
        offset, label, _ = parts[max(i, 0)]
    else:
        offset, label = 0, ""
    sents = sentences_of(doc) or [(0, len(text))]
    j = max(bisect_right([s for s, _ in sents], start) - 1, 0)
    s, e = sents[j]
    return Evidence(section=label, sentence=text[s:e], start=start - offset, end=end - offset, extractor_version=EXTRACTOR_VERSION, text=text[start:end])


def _processed_text_docs(articles: list[Article]):
    from extractors.pipeline import _make_text_doc, build_pipeline

    components = [proc for _, proc in build_pipeline().pipeline]
    for article in articles:
        doc = _make_text_doc(article)
        for proc in components:
            doc = proc(doc)
        yield doc


def test_located_evidence_is_the_plain_evidence_on_real_and_generated_abstracts() -> None:
    from extractors.components import HITS
    from extractors.pipeline import _Locator

    seen = 0
    for doc in _processed_text_docs(_dev_articles(60) + _generated(40)):
        where = _Locator(doc)
        spans = [(h.start, h.end) for hits in doc.user_data[HITS].values() for h in hits]
        spans += [(0, 3), (len(where.text) - 1, len(where.text)), (-2, 1)]
        for start, end in spans:
            made = where.evidence(start, end)
            assert made == _plain_evidence(doc, start, end) and vars(made) == vars(_plain_evidence(doc, start, end))
            assert where.evidence(start, end) is made  # one per span
            assert where.sentence(start) is made.sentence  # one string per sentence
            seen += 1
    assert seen > 1000


@_FAST
@given(
    st.lists(st.tuples(st.sampled_from(["TITLE", "", "METHODS", "RESULTS"]), st.text(alphabet="ab .\n", min_size=1, max_size=12)), max_size=4),
    st.lists(st.integers(-3, 60), max_size=8),
)
def test_located_evidence_is_the_plain_evidence_on_random_sections(sections, offsets) -> None:
    from extractors.pipeline import _Locator
    from extractors.segment import SENTENCES, TextDoc

    parts, at, chunks = [], 0, []
    for label, text in sections:
        parts.append((at, label, text))
        chunks.append(text)
        at += len(text) + 1
    doc = TextDoc("\n".join(chunks))
    doc.user_data["parts"] = parts
    if offsets and offsets[0] % 2:  # two sentences (else the whole text is one)
        doc.user_data[SENTENCES] = [(0, len(doc.text) // 2), (len(doc.text) // 2, len(doc.text))]
    where = _Locator(doc)
    for start in offsets:
        assert vars(where.evidence(start, start + 2)) == vars(_plain_evidence(doc, start, start + 2))


def _plain_write_hits(doc, group: str, hits) -> None:
    """write_hits on a TextDoc as it was (setdefault and a copy of the hits on every call)."""
    from operator import lt

    from extractors.components import HITS, PAYLOADS, _inside
    from extractors.segment import text_of

    user_data = doc.user_data
    payloads = user_data.setdefault(PAYLOADS, [])
    kept = user_data.setdefault(HITS, {}).setdefault(group, [])
    hits = list(hits)
    first_id = len(payloads) + 1
    length = len(text_of(doc))
    if hits and (min(h.start for h in hits) < 0 or max(h.end for h in hits) > length or not all(map(lt, [h.start for h in hits], [h.end for h in hits]))):
        hits = _inside(doc, hits, first_id)
    payloads.extend(h.payload for h in hits)
    kept.extend(h if h.group == group else h._replace(group=group) for h in hits)


@_FAST
@given(
    st.text(alphabet="ab 1.", max_size=30),
    st.lists(st.tuples(st.sampled_from(["g", "other"]), st.sampled_from(["g", "h"]), st.integers(-2, 35), st.integers(-3, 8)), max_size=8),
    st.booleans(),
)
def test_hits_written_to_a_text_doc_are_the_plain_ones(text: str, raw, as_generator: bool) -> None:
    from extractors.components import write_hits
    from extractors.hits import Hit
    from extractors.segment import TextDoc

    hits = [Hit(g, f"l{i}", s, s + w, {"i": i}) for i, (g, _, s, w) in enumerate(raw)]
    batches = [(group, [h for h in hits if h.label[-1] in "02468" or group == "h"]) for group in ("g", "h", "g")]
    results = []
    for write in (write_hits, _plain_write_hits):
        doc = TextDoc(text)
        try:
            for group, batch in batches:
                write(doc, group, iter(batch) if as_generator else batch)
                write(doc, "empty", [])
            results.append(doc.user_data)
        except ValueError as error:
            results.append(str(error))
    assert results[0] == results[1]
    if isinstance(results[0], dict):
        assert list(results[0]) == list(results[1]) and list(results[0].get("evidence_hits", {})) == list(results[1].get("evidence_hits", {}))


def test_arms_chosen_once_are_the_arms_select_arms_chooses() -> None:
    from extractors.arms import select_arms
    from extractors.components import CHOSEN_ARMS, chosen_arms, hits_of, sentences_of

    sized = 0
    for doc in _processed_text_docs(_dev_articles(80) + _generated(30)):
        starts = [s for s, _ in sentences_of(doc)]
        plain = select_arms(hits_of(doc, "arm"), list(starts))
        assert chosen_arms(doc, starts) == plain
        assert chosen_arms(doc, tuple(starts)) == plain  # any sequence of the starts
        assert chosen_arms(doc, starts[1:]) == select_arms(hits_of(doc, "arm"), starts[1:])  # other starts: chosen again
        assert doc.user_data[CHOSEN_ARMS][1] == select_arms(hits_of(doc, "arm"), starts[1:])
        sized += len(plain) >= 2
    assert sized > 10


# --- records made from their fields by position ---------------------------------------------------------------


def test_records_made_by_position_equal_the_constructed_ones() -> None:
    from extractors import pipeline

    evidence = pipeline._new_located_evidence("RESULTS", "The ORR was 41%.", 12, 15, "v1", "41%")
    plain = Evidence(section="RESULTS", sentence="The ORR was 41%.", start=12, end=15, extractor_version="v1", text="41%")
    assert evidence == plain and vars(evidence) == vars(plain)
    values = (Measure.ORR, Kind.RATE, 0.41, Unit.PROPORTION, 16, 39, None, (0.3, 0.5), 0.01, "A", evidence, "<", True, "response")
    finding = pipeline._new_read_finding(*values)
    built = Finding(**dict(zip(pipeline._FINDING_FIELDS, values)))
    assert finding == built and vars(finding) == vars(built) and list(vars(finding)) == [f.name for f in dataclasses.fields(Finding)]


def test_a_maker_by_position_follows_fields_added_anywhere_and_keeps_the_constructor_where_it_must() -> None:
    from extractors import pipeline

    @dataclasses.dataclass(frozen=True)
    class Mixed:
        a: int
        inserted: str = "new"
        made: list = dataclasses.field(default_factory=list)
        b: int = 0
        c: tuple = ()

    make = pipeline._record_maker_taking(Mixed, ("b", "a"))
    assert make.__name__ == "new_mixed_taking"
    one, two = make(2, 1), make(2, 1)
    assert one == Mixed(a=1, b=2) and list(vars(one)) == ["a", "inserted", "made", "b", "c"]
    assert one.made is not two.made  # the factory called for each

    @dataclasses.dataclass(frozen=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    made = pipeline._record_maker_taking(Checked, ("a",))
    assert made(3) == Checked(3)
    with pytest.raises(ValueError):
        made(-1)  # the real constructor still runs
    needs = pipeline._record_maker_taking(Mixed, ("b",))  # "a" has no default: the constructor says so
    with pytest.raises(TypeError):
        needs(2)


@_FAST
@given(st.text(alphabet=st.sampled_from([chr(c) for c in range(0, 0x81)] + ["é", "\u00a0", "\u2028", "·"]), max_size=20))
def test_cleaned_text_is_the_plain_substitution(text: str) -> None:
    from extractors.pipeline import _CONTROL_RE, _clean

    assert _clean(text) == _CONTROL_RE.sub(" ", text)
    assert _clean(text.encode("ascii", "replace").decode("ascii")) == _CONTROL_RE.sub(" ", text.encode("ascii", "replace").decode("ascii"))


def test_control_bytes_are_the_pattern_class() -> None:
    from extractors.pipeline import _CONTROL_BYTES, _CONTROL_RE

    assert [c for c in range(128) if _CONTROL_RE.match(chr(c))] == list(_CONTROL_BYTES)
