"""meta.plots: forest and funnel figures are built, laid out and never written by the library."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from meta.effects import hazard_ratio_effects  # noqa: E402
from meta.plots.forest import forest_plot, forest_plot_effects  # noqa: E402
from meta.pooling import pool_effects, pool_proportions  # noqa: E402

X = [10, 25, 4, 9, 0, 15]
N = [31, 120, 19, 32, 12, 15]
L = ["Alpha 2001", "Beta 2005", "Gamma 2010", "Delta 2012", "Eps 2015", "Zeta 2020"]


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def test_proportion_forest_has_the_meta_layout() -> None:
    pooled = pool_proportions(X, N, "PLO", "REML", labels=L)
    fig = forest_plot(L, X, N, pooled, marks={"Eps 2015": "\u2020"}, footnote="\u2020 computed from CR + PR")
    texts = _texts(fig)
    assert "Study" in texts and "Events" in texts and "Total" in texts and "Weight" in texts
    assert "Eps 2015\u2020" in texts and "\u2020 computed from CR + PR" in texts
    assert "Random effects model" in texts and "Prediction interval" in texts
    assert any(t.startswith("Heterogeneity:") and "%" in t for t in texts)
    assert f"{pooled.weights[1]:.1f}%" in texts
    assert f"{pooled.estimate_bt:.2f} [{pooled.ci_bt[0]:.2f}; {pooled.ci_bt[1]:.2f}]" in texts
    plt.close(fig)


def test_glmm_forest_has_no_weights_and_fe_no_prediction_interval() -> None:
    fig = forest_plot(L, X, N, pool_proportions(X, N, "PLO", "GLMM", labels=L))
    assert "Random effects model (GLMM)" in _texts(fig)
    plt.close(fig)
    fig = forest_plot(L, X, N, pool_proportions(X, N, "PLO", "FE", labels=L))
    texts = _texts(fig)
    assert "Common effect model" in texts and "Prediction interval" not in texts
    plt.close(fig)


def test_effects_forest_for_hazard_ratios() -> None:
    eff = hazard_ratio_effects([0.72, 0.85, 0.61], [0.55, 0.70, 0.42], [0.94, 1.03, 0.89], labels=["A", "B", "C"])
    fig = forest_plot_effects(pool_effects(eff))
    assert "0.72 [0.55; 0.94]" in _texts(fig)
    assert fig.axes[1].get_xscale() == "log"
    plt.close(fig)


def test_mismatched_lengths() -> None:
    pooled = pool_proportions(X, N, "PLO", "REML")
    with pytest.raises(ValueError, match="equal lengths"):
        forest_plot(L[:2], X, N, pooled)


def test_funnel_plot_with_filled_studies() -> None:
    from meta.plots.funnel import funnel_plot
    from meta.sensitivity import trim_and_fill
    from meta_reference import load

    d = load("bcg")["data"]
    tf = trim_and_fill(d["yi"], d["vi"], "FE")
    fig = funnel_plot(tf.pool, fill_yi=tf.fill_yi, fill_vi=tf.fill_vi)
    ax = fig.axes[0]
    solid, hollow = ax.collections[-2], ax.collections[-1]
    assert len(solid.get_offsets()) == len(d["yi"]) and len(hollow.get_offsets()) == tf.k0
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # SE axis inverted
    plt.close(fig)
    pooled = pool_proportions(X, N, "PFT", "REML")
    from meta.effects import proportion_effects

    eff = proportion_effects(X, N, "PFT")
    for fig in (funnel_plot(pooled), funnel_plot(eff, pooled), funnel_plot(eff.yi, eff.vi, pooled), funnel_plot(eff)):
        assert fig.axes[0].get_xlabel() == "Proportion"
        assert len(fig.axes[0].collections[-1].get_offsets()) == len(X)
        plt.close(fig)
    fig = funnel_plot(eff.yi, eff.vi)
    assert fig.axes[0].get_xlabel() == "Effect"
    plt.close(fig)


def test_index_study_row_below_the_pool() -> None:
    from meta.against import compare_index

    pooled = pool_proportions(X[:4], N[:4], "PLO", "REML", labels=L[:4])
    comparison = compare_index(X[5], N[5], pooled, label="Index 2024")
    fig = forest_plot(L[:4], X[:4], N[:4], pooled, index=comparison)
    texts = _texts(fig)
    assert "Index: Index 2024 (not pooled)" in texts
    lo, hi = comparison.index_ci_bt
    assert f"{comparison.index_estimate_bt:.2f} [{lo:.2f}; {hi:.2f}]" in texts
    assert str(X[5]) in texts and str(N[5]) in texts
    plt.close(fig)
