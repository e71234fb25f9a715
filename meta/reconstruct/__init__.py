"""Reconstructed cohorts: counts from percentages, pseudo patient-level data from survival summaries.

Modules
-------
counts        integer counts behind printed percentages, categories summing to N, GRIM and derived-sum flags
landmark      feasibility of landmark KM rates with N patients; parametric pseudo-cohorts through landmarks
guyot         Guyot et al. (2012) reconstruction from a digitised KM curve, risk table and event total
index_cohort  the index study's pseudo-patients (response, toxicity, limb, DFS/OS) with assumptions and flags
pooled        pooled KM, study-stratified Cox, index vs pooled external (log-rank, HR, RMST with variance)
validation    accuracy of :mod:`guyot` on lifelines' real data sets

The submodules are imported on use (``from meta.reconstruct.counts import ...``)
so that importing this package stays cheap; the names below are the public API.
"""

from __future__ import annotations

__all__ = [
    "CategoryReconstruction",
    "CountCandidate",
    "GuyotResult",
    "IndexComparison",
    "LandmarkFeasibility",
    "PooledSurvival",
    "ReconstructedCohort",
    "check_derived_sum",
    "check_landmark_feasibility",
    "compare_index_to_pooled",
    "counts_from_percentage",
    "grim_flag",
    "pool_reconstructed",
    "reconstruct_categories",
    "reconstruct_index_cohort",
    "reconstruct_km",
    "reconstruct_seed_cohort",
    "rmst_with_variance",
    "simulate_landmark_cohort",
]

_WHERE = {
    "CategoryReconstruction": "counts",
    "CountCandidate": "counts",
    "check_derived_sum": "counts",
    "counts_from_percentage": "counts",
    "grim_flag": "counts",
    "reconstruct_categories": "counts",
    "LandmarkFeasibility": "landmark",
    "check_landmark_feasibility": "landmark",
    "simulate_landmark_cohort": "landmark",
    "GuyotResult": "guyot",
    "reconstruct_km": "guyot",
    "ReconstructedCohort": "index_cohort",
    "reconstruct_index_cohort": "index_cohort",
    "reconstruct_seed_cohort": "index_cohort",
    "IndexComparison": "pooled",
    "PooledSurvival": "pooled",
    "compare_index_to_pooled": "pooled",
    "pool_reconstructed": "pooled",
    "rmst_with_variance": "pooled",
}


def __getattr__(name: str):  # PEP 562: load the submodule on first use
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
