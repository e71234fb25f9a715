"""The review report: one self-contained HTML file a guideline committee can open without a network.

Styles and the small script come from ``evidence/templates/`` and are inlined;
figures are embedded as base64 PNG; the PRISMA diagram is inline SVG.  Every
extracted value in the evidence table shows its source sentence on hover (and
in its ``title``); curated, computed and corrected values are marked.
"""

from __future__ import annotations

import base64
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from evidence import __version__
from evidence.records import Finding, Kind, Measure, Origin, Study, percent
from evidence.report.prisma import prisma_svg
from evidence.screening import study_size

if TYPE_CHECKING:  # pragma: no cover
    from evidence.review import PooledOutcome, ReviewResult

__all__ = ["prisma_svg", "render_report"]

RESPONSE_COLUMNS = (Measure.ORR, Measure.CR, Measure.PR, Measure.SD, Measure.PD, Measure.TOX_G3PLUS, Measure.WOUND)


def _template(name: str) -> str:
    return resources.files("evidence").joinpath("templates", name).read_text(encoding="utf-8")


def _img(path: Path, alt: str, caption: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{data}"/>'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def _pct(x: Any) -> str:
    return "" if x is None else f"{100 * float(x):.1f}%"


def _interval(ci: Any) -> str:
    if not ci or ci[0] is None:
        return ""
    return f"{_pct(ci[0])} to {_pct(ci[1])}"


def _value_span(f: Finding) -> str:
    """A value with its status class and source sentence (hover)."""
    if f.value is None:
        shown = "not reached" if f.not_reached else ""
    elif f.kind == Kind.RATE:
        shown = f"{100 * f.value:.1f}%"
    elif f.kind == Kind.MEDIAN:
        shown = f"{f.value:g} mo"
    else:
        shown = f"{f.value:g}"
    if f.count is not None and f.denominator:
        shown += f" ({f.count}/{f.denominator})"
    if f.origin == Origin.EXTRACTED and f.evidence is not None:
        source = f"Extracted from {f.evidence.section or 'abstract'}: \u201c{f.evidence.sentence}\u201d"
    elif f.origin == Origin.CORRECTED:
        original = "" if f.original_value is None else f" (extracted value: {_fmt(f, f.original_value)})"
        sentence = f" Source: \u201c{f.evidence.sentence}\u201d" if f.evidence is not None else ""
        source = f"Corrected{original}: {f.method}.{sentence}"
    elif f.origin == Origin.COMPUTED:
        source = f"Computed: {f.method}"
    else:
        source = f"Curated: {f.method or 'typed in from the published abstract'}"
    return _sourced_span(f.origin.value, source, escape(shown))


def _sourced_span(css: str, source: str, content_html: str) -> str:
    """A table value with its source on hover (``source`` is plain text; ``content_html`` is already escaped)."""
    return f'<span class="v {css}" data-source="{escape(source)}" title="{escape(source)}">{content_html}</span>'


def _fmt(f: Finding, value: float) -> str:
    return f"{100 * value:.1f}%" if f.kind == Kind.RATE else f"{value:g}"


def _finding_name(f: Finding) -> str:
    """The measure as people read it: other outcomes by the authors' name for them."""
    return f.outcome if f.measure == Measure.OTHER and f.outcome else f.measure.value


def _survival_label(f: Finding) -> str:
    """A survival-column entry's label, escaped: name, landmark or median, arm ("OS 12 mo [A]")."""
    if f.time_months:
        when = f" {f.time_months:g} mo"
    elif f.kind == Kind.MEDIAN:
        when = " median"
    else:
        when = ""
    arm = f" [{escape(f.arm)}]" if f.arm else ""
    return f"{escape(_finding_name(f))}{when}{arm}"


def _cell(findings: Iterable[Finding]) -> str:
    return "<br>".join(_value_span(f) for f in findings)


def _study_rows(result: "ReviewResult") -> str:
    roles = result.roles
    rows = []
    for s in result.studies:
        whole = [f for f in s.findings if f.arm is None]
        pmid = f"PMID {s.pmid}" if s.pmid.isdigit() else "no PMID"
        cells = [
            f"<td>{escape(s.label or s.pmid)}<div class='note'>{escape(pmid)}</div></td>",
            f"<td>{escape(roles.get(s.pmid, ''))}<div class='note'>{escape(s.origin.value)}</div></td>",
            f"<td>{escape(', '.join(s.design))}</td>",
            f"<td class='num'>{_n_cell(s)}</td>",
            f"<td>{_regimen_cell(s)}</td>",
        ]
        for m in RESPONSE_COLUMNS:
            fs = [f for f in whole if f.measure == m and f.kind == Kind.RATE and f.time_months is None]
            cells.append(f"<td class='num'>{_cell(fs)}</td>")
        surv = sorted(
            (f for f in s.findings if f.measure not in RESPONSE_COLUMNS and f.measure != Measure.FOLLOW_UP),
            key=lambda f: (f.measure.value, f.arm or "", f.time_months or 0),
        )
        surv_text = "<br>".join(f"{_survival_label(f)}: {_value_span(f)}" for f in surv)
        cells.append(f"<td class='surv'>{surv_text}</td>")
        flags = "<br>".join(f"<span class='flag'>{escape(fl.code)}</span>" for fl in s.flags)
        cells.append(f"<td>{flags}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(rows)


def _n_cell(s: Study) -> str:
    n = study_size(s)
    if n is None:
        return ""
    ev = s.cohort.evidence.get("n")
    if ev is not None:
        src = f"Extracted from {ev.section or 'abstract'}: \u201c{ev.sentence}\u201d"
        return _sourced_span("extracted", src, str(n))
    if s.cohort.n is None and s.arms:
        src = "Computed: the sum of the arms' N"
        return _sourced_span("computed", src, str(n))
    if s.origin == Origin.CURATED:
        src = "Curated from the published abstract"
        return _sourced_span("curated", src, str(n))
    return str(n)


def _regimen_cell(s: Study) -> str:
    """The regimen, with the sentences its values were read from on hover."""
    text = _regimen(s)
    if not text:
        return ""
    sentences = list(dict.fromkeys(ev.sentence for ev in s.regimen.evidence.values()))
    if sentences:
        src = "Extracted from: " + " / ".join(f"\u201c{x}\u201d" for x in sentences)
        return _sourced_span("extracted", src, escape(text))
    if s.origin == Origin.CURATED:
        src = "Curated from the published abstract"
        return _sourced_span("curated", src, escape(text))
    return escape(text)


def _regimen(s: Study) -> str:
    r = s.regimen
    parts = []
    if r.drugs:
        parts.append(", ".join(r.drugs))
    if r.chemo_cycles is not None:
        parts.append(f"{_num(r.chemo_cycles)} cycles")
    if r.rt_total_dose_gy is not None:
        parts.append(f"RT {_num(r.rt_total_dose_gy)} Gy")
    if r.rt_dose_per_fraction_gy is not None:
        parts.append(f"{_num(r.rt_dose_per_fraction_gy)} Gy/fraction")
    if r.rt_fractions is not None:
        parts.append(f"{_num(r.rt_fractions)} fractions")
    return "; ".join(parts)


def _num(x: Any) -> str:
    from evidence.records import Range

    if isinstance(x, Range):
        return f"{x.low:g}-{x.high:g}"
    return f"{x:g}"


def _bt(d: Mapping[str, Any], key: str) -> Any:
    """The back-transformed value of ``key`` when there is one, else the analysis-scale value (raw rates)."""
    value = d.get(f"{key}_bt")
    return d.get(key) if value is None else value


def _rests_on(o: "PooledOutcome") -> str:
    if o.n_studies == o.k:
        return f"{o.k} studies"
    return f"{o.k} rows from {o.n_studies} {'study' if o.n_studies == 1 else 'studies'}"


def _index_value(o: "PooledOutcome") -> str:
    """The index study's value: "89.6% (N = 31)" for a rate, "32.3% (10/31)" for counts."""
    if o.spec.is_survival:
        return o.index.shown
    return f"{_pct(o.index.proportion)} ({o.index.shown})"


def _outcome_section(o: "PooledOutcome", figures_dir: Path) -> str:
    m = o.spec.name
    title = o.spec.title
    parts = [f"<h3 id='outcome-{escape(m)}'>{escape(title)}</h3>"]
    summary = o.summary()
    pooled = summary["pooled"] or {}
    if not pooled:
        parts.append(f"<p class='warn'>{escape(o.note)}</p>")
        if o.index is not None:
            parts.append(
                f"<p class='note'>Index study {escape(o.index.label)}: {escape(_index_value(o))}; "
                "not compared, as there is no pool.</p>"
            )
    else:
        parts.append(
            "<div class='cards'>"
            f"<div class='card'><div class='small'>Pooled {escape(title)} ({escape(_rests_on(o))})</div>"
            f"<div class='big'>{_pct(_bt(pooled, 'estimate'))}</div><div class='small'>95% CI {_interval(_bt(pooled, 'ci'))}</div></div>"
            f"<div class='card'><div class='small'>95% prediction interval</div><div class='big'>{_interval(_bt(pooled, 'pi'))}</div>"
            f"<div class='small'>I\u00b2 = {_num_or(pooled.get('i2'), '.1f')}%, \u03c4\u00b2 = {_num_or(pooled.get('tau2'), '.4f')}, "
            f"Q p = {_num_or(pooled.get('q_p'), '.3f')}</div></div>"
        )
        comp = summary["index_vs_pool"]
        if o.index is not None:
            idx = o.index
            inside = comp.get("inside_pi") if comp else None
            verdict = "" if inside is None else ("inside" if inside else "OUTSIDE")
            test = f"; z = {comp['z']:.2f}, p = {comp['p']:.3g}" if comp else ""
            parts.append(
                f"<div class='card'><div class='small'>Index study {escape(idx.label)}</div>"
                f"<div class='big'>{escape(_index_value(o))}</div>"
                f"<div class='small'>{escape(verdict)} the prediction interval"
                f"{'; difference ' + _diff(comp) if comp else ''}{escape(test)}</div></div>"
            )
        parts.append("</div>")
        parts.append(f"<p class='note'>{escape(o.note)}.</p>")
        if comp and o.spec.is_survival:
            lo, hi = comp["difference_ci"]
            parts.append(
                f"<p class='note'>On the analysis scale ({escape(o.spec.scale)}): index {comp['index_estimate']:.3f} "
                f"against pooled {comp['pooled_estimate']:.3f}, difference {comp['difference']:+.3f} "
                f"(95% CI {lo:+.3f} to {hi:+.3f}). Index SE: {escape(o.index.se_method)}.</p>"
            )
    if o.spec.is_survival:
        rows = "".join(
            f"<tr><td>{escape(d.label)}</td><td class='num'>{_pct(d.rate)}</td><td class='num'>{d.n or ''}</td>"
            f"<td class='num'>{_interval(d.ci) if d.ci else ''}</td><td class='num'>{100 * d.se:.2f}</td>"
            f"<td>{escape(d.study_origin.value)}</td><td>{escape(d.row)}</td><td>{escape(d.se_method)}</td></tr>"
            for d in o.data
        )
        head = "<tr><th>Study</th><th>Rate</th><th>N</th><th>Reported 95% CI</th><th>SE (points)</th><th>Origin</th><th>Row</th><th>Variance</th></tr>"
    else:
        rows = "".join(
            f"<tr><td>{escape(d.label)}</td><td class='num'>{d.events}/{d.total}</td><td class='num'>{_pct(d.events / d.total)}</td>"
            f"<td>{escape(d.study_origin.value)}</td><td>{escape(d.origin.value)}</td><td>{escape(d.method)}</td></tr>"
            for d in o.data
        )
        head = "<tr><th>Study</th><th>Events/N</th><th>Proportion</th><th>Study origin</th><th>Count origin</th><th>Method</th></tr>"
    if rows:
        parts.append(f"<table>{head}{rows}</table>")
    if o.skipped:
        parts.append(
            "<p class='note'>Not used: "
            + "; ".join(escape(f"{x['label']}: {x['reason']}") for x in o.skipped)
            + ".</p>"
        )
    for name, caption in (
        (f"forest_{m}.png", f"Forest plot of {title}"),
        (f"funnel_{m}.png", f"Funnel plot of {title}"),
    ):
        path = figures_dir / name
        if path.exists():
            parts.append(_img(path, caption, caption + " (\u2020 curated, * computed)"))
    return "\n".join(parts)


def _diff(comp: Mapping[str, Any]) -> str:
    d = comp.get("difference_bt", comp.get("difference"))
    ci = comp.get("difference_ci_bt", comp.get("difference_ci"))
    text = "" if d is None else f"{100 * d:+.1f} points"
    if ci and ci[0] is not None:
        text += f" (95% CI {100 * ci[0]:+.1f} to {100 * ci[1]:+.1f})"
    return escape(text)


def _num_or(x: Any, spec: str) -> str:
    return "" if x is None else format(float(x), spec)


def _methods(result: "ReviewResult") -> str:
    items = []
    names = {"PLO": "logit", "PAS": "arcsine square root", "PFT": "Freeman-Tukey double arcsine", "PR": "raw proportion", "PLN": "log"}
    tau = {
        "REML": "restricted maximum likelihood (REML)",
        "DL": "DerSimonian-Laird",
        "PM": "Paule-Mandel",
        "ML": "maximum likelihood",
        "HE": "Hedges",
        "SJ": "Sidik-Jonkman",
        "EB": "empirical Bayes",
        "HS": "Hunter-Schmidt",
        "FE": "none (common effect)",
        "EE": "none (equal effects)",
        "GLMM": "binomial-normal generalised linear mixed model",
    }
    for o in result.outcomes:
        s = o.spec
        if s.is_survival:
            scale = (
                "complementary log-log scale, log(-log S), with delta-method variances se\u00b2/(S log S)\u00b2"
                if s.scale == "cloglog"
                else "raw scale"
            )
            items.append(
                f"<li><b>{escape(s.title)}</b>: landmark survival rates pooled on the {scale} by a random-effects model; "
                f"\u03c4\u00b2 by {tau.get(s.method, s.method)}; confidence interval by "
                f"{'the Knapp-Hartung adjustment (t distribution)' if s.knha else 'the normal (Wald) approximation'}; "
                "95% prediction interval; estimates back-transformed by exp(-exp(x)) for display. Each study gives its "
                "whole-cohort rate, or, when it reports only arms, each arm as its own row (arms are independent groups of "
                "patients). A rate's SE comes from its reported 95% CI as (upper - lower)/3.92, else binomially as "
                "sqrt(S(1-S)/N), which ignores censoring and so understates the uncertainty. The index study's SE is "
                "Greenwood's from the Kaplan-Meier curve of its reconstructed pseudo-cohort when that cohort reproduces "
                "the printed rate, else binomial from N.</li>"
            )
            comp = (o.summary()["index_vs_pool"] or {}).get("method")
            if comp:
                items.append(f"<li>Index study against the {escape(s.title)} pool: {escape(str(comp))}</li>")
            continue
        items.append(
            f"<li><b>{escape(s.measure.value)}</b>: single-arm proportions pooled on the {names.get(s.effect, s.effect)} scale "
            f"({escape(s.effect)}) by a random-effects model; between-study variance \u03c4\u00b2 by {tau.get(s.method, s.method)}"
            f"; confidence interval by {'the Knapp-Hartung adjustment (t distribution)' if s.knha else 'the normal (Wald) approximation'}; "
            "95% prediction interval for a new study's true proportion; heterogeneity by Cochran's Q, I\u00b2 and H\u00b2, "
            "with a Q-profile interval for \u03c4\u00b2; estimates back-transformed to proportions for display. "
            "Continuity correction: studies with 0 or all events get 0.5 added to events and non-events (logit and raw scales only).</li>"
        )
        comp = (o.summary()["index_vs_pool"] or {}).get("method")
        if comp:
            items.append(f"<li>Index study against the {escape(s.measure.value)} pool: {escape(str(comp))}</li>")
    items.append(
        "<li>The index study is excluded from every pool and compared with it: the difference between the index "
        "estimate and the pooled estimate, and whether the index estimate lies inside the prediction interval.</li>"
    )
    items.append(f"<li>Where a study reports only response categories, ORR is computed: {escape(_methods_orr())}</li>")
    items.append(
        "<li>Where a rate is printed without its count, events are the rate times N, rounded (marked computed); "
        "the index study's counts are reconstructed as the integers out of N that print as each reported percentage "
        "under a common rounding rule (half-up, half-even, truncation) and sum to N.</li>"
    )
    if result.index_analysis.counts_method:
        items.append(f"<li>Index study counts: {escape(result.index_analysis.counts_method)}.</li>")
    items.append(
        "<li>Values marked \u2020 are curated: typed in by a curator from the published abstract, not extracted. "
        "Values marked * are computed (method shown on hover). Values marked \u2021 were corrected by a reviewer; "
        "the extracted value is shown on hover and in the tables.</li>"
    )
    items.append(
        "<li>Extracted values come from rule-based extractors; each carries its section, sentence and character span.</li>"
    )
    if result.index_analysis.assumptions:
        items.append(
            "<li>Reconstructed cohort of the index study (Kaplan-Meier by lifelines) assumes: <ul>"
            + "".join(f"<li>{escape(a)}</li>" for a in result.index_analysis.assumptions)
            + "</ul></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _methods_orr() -> str:
    from evidence.review import CR_PR_METHOD, CR_ZERO_METHOD

    return f"{CR_PR_METHOD}; or {CR_ZERO_METHOD}."


def render_report(result: "ReviewResult", figures_dir: Path) -> str:
    """The report as one HTML string; figures are read from ``figures_dir`` and embedded."""
    figures_dir = Path(figures_dir)
    p = result.protocol
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(p.name)} - evidence review</title><style>{_template('report.css')}</style></head><body>"
    )
    body = [
        f"<h1>{escape(p.name)}</h1>",
        f"<p class='lead'>{escape(p.description)}</p>",
        "<nav><a href='#summary'>Summary</a><a href='#prisma'>PRISMA</a><a href='#pooled'>Pooled results</a>"
        "<a href='#index'>Index study</a><a href='#table'>Evidence table</a><a href='#flags'>Flags</a>"
        "<a href='#screening'>Screening</a><a href='#methods'>Methods</a></nav>",
        "<h2 id='summary'>Summary</h2>",
        _summary(result),
        "<h2 id='prisma'>PRISMA 2020 flow</h2>",
        prisma_svg(result.prisma),
        "<h2 id='pooled'>Pooled results and the index study against the pool</h2>",
    ]
    for o in result.outcomes:
        body.append(_outcome_section(o, figures_dir))
    body.append("<h2 id='index'>Index study: reconstructed counts and cohort</h2>")
    body.append(_index_section(result, figures_dir))
    body.append("<h2 id='table'>Evidence table</h2>")
    body.append(
        "<p class='note'>Hover over a value to read the sentence it was taken from (or how it was curated, computed "
        "or corrected). \u2020 curated, * computed, \u2021 corrected by a reviewer.</p>"
    )
    header = "".join(
        f"<th>{escape(h)}</th>"
        for h in ["Study", "Role / origin", "Design", "N", "Regimen"]
        + [m.value for m in RESPONSE_COLUMNS]
        + ["Survival and other outcomes", "Flags"]
    )
    body.append(f"<div class='scroll'><table><tr>{header}</tr>{_study_rows(result)}</table></div>")
    body.append("<h2 id='flags'>Flags</h2>")
    body.append(_flags(result))
    body.append("<h2 id='screening'>Screening decisions</h2>")
    body.append(_screening(result))
    body.append("<h2 id='methods'>Methods and assumptions</h2>")
    body.append(_methods(result))
    body.append(
        f"<p class='note'>Written by evidence {escape(__version__)}. "
        "<span id='script-status' data-status='pending'>report scripts did not run</span></p>"
    )
    body.append("<div id='tooltip'></div>")
    return head + "\n".join(body) + f"<script>{_template('report.js')}</script></body></html>\n"


def _summary(result: "ReviewResult") -> str:
    lines = []
    idx = result.index
    if idx is not None:
        lines.append(f"Index study: {escape(idx.label)} (PMID {escape(idx.pmid)}), N = {study_size(idx) or 'not stated'}.")
    lines.append(
        f"{result.prisma.included} comparison studies included of {result.prisma.screened} screened "
        f"({result.prisma.excluded} excluded); the index study is set against them, not pooled with them."
    )
    for o in result.outcomes:
        pooled = o.summary()["pooled"]
        if pooled:
            line = (
                f"Pooled {o.spec.title}: {_pct(_bt(pooled, 'estimate'))} (95% CI {_interval(_bt(pooled, 'ci'))}; "
                f"prediction interval {_interval(_bt(pooled, 'pi'))}) from only {_rests_on(o)}"
            )
            if o.index is not None:
                comp = o.summary()["index_vs_pool"] or {}
                inside = comp.get("inside_pi")
                line += (
                    f"; the index study's {_pct(o.index.proportion)} lies "
                    f"{'inside' if inside else 'outside' if inside is not None else 'against'} the prediction interval"
                )
            lines.append(escape(line) + ".")
        else:
            lines.append(escape(f"{o.spec.title}: {o.note}."))
    for n in result.notes:
        lines.append(escape(n[0].upper() + n[1:]) + ".")
    return "<ul>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>"


def _index_section(result: "ReviewResult", figures_dir: Path) -> str:
    a = result.index_analysis
    parts = []
    if a.counts:
        n = study_size(result.index) if result.index else None
        rows = "".join(
            f"<tr><td>{escape(k)}</td><td class='num'>{v}/{n}</td><td class='num'>{100 * v / n:.2f}%</td></tr>"
            for k, v in a.counts.items()
            if n
        )
        parts.append(f"<table><tr><th>Category</th><th>Count</th><th>Exact %</th></tr>{rows}</table>")
        parts.append(f"<p class='note'>{escape(a.counts_method)}</p>")
    if a.derived_sum:
        d = a.derived_sum
        rules = d.get("consistent_rules") or []
        possible = f"possible as k/N only under {', '.join(rules)} rounding" if rules else "not k/N for any integer k"
        parts.append(
            f"<p>Printed ORR {escape(str(d.get('percent')))}% against its parts: the PR and CR counts give "
            f"{escape(str(d.get('count')))}/{escape(str(d.get('n')))} = {_num_or(d.get('exact_percent'), '.2f')}%, "
            f"which prints as {escape(str(d.get('expected_percent')))}%; the printed value is {escape(possible)}"
            f"{'; it equals the sum of the rounded PR and CR percentages' if d.get('sum_of_rounded_parts') else ''}.</p>"
        )
    for fl in a.flags:
        parts.append(f"<p class='flag'>{escape(fl.code)}: {escape(fl.message)}</p>")
    for note in a.notes:
        parts.append(f"<p class='note'>{escape(note)}</p>")
    for name in sorted(figures_dir.glob("km_*.png")):
        parts.append(_img(name, name.stem, "Kaplan-Meier curve of the reconstructed pseudo-cohort (not patient data)"))
    if a.assumptions:
        parts.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in a.assumptions) + "</ul>")
    return "\n".join(parts) or "<p class='note'>No index study.</p>"


def _flags(result: "ReviewResult") -> str:
    items = []
    for s in result.studies:
        for fl in s.flags:
            items.append(f"<li><b>{escape(s.label or s.pmid)}</b> <span class='flag'>{escape(fl.code)}</span>: {escape(fl.message)}</li>")
    return "<ul class='flags'>" + "".join(items) + "</ul>" if items else "<p class='note'>No flags.</p>"


def _screening(result: "ReviewResult") -> str:
    labels = {s.pmid: s.label for s in result.comparison + result.excluded}
    rows = "".join(
        f"<tr><td>{escape(labels.get(d.pmid, '') or d.pmid)}</td><td>{escape(d.pmid)}</td>"
        f"<td>{'include' if d.include else 'exclude'}</td><td>{escape(d.reason)}</td><td>{escape(d.decided_by)}"
        f"{' (' + escape(d.reviewer) + ')' if d.reviewer else ''}</td></tr>"
        for d in result.decisions
    )
    return f"<table><tr><th>Study</th><th>PMID</th><th>Decision</th><th>Reason</th><th>By</th></tr>{rows}</table>"
