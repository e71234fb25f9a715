"""Figures (the only matplotlib importers): forest and funnel plots, Kaplan-Meier plots.

Functions here return a matplotlib Figure; saving is the caller's job.
"""
