"""Extractors: spaCy components (on ``spacy.blank("en")``) that read numbers from abstracts."""
