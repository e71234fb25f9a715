"""Scoring extracted studies against gold annotations (precision, recall, F1 per field)."""
