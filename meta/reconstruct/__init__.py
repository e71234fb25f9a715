"""Reconstructed cohorts: counts from percentages, pseudo patient-level data from survival summaries."""
