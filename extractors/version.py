"""The extractor's version, stamped on every Evidence it writes."""

EXTRACTOR_VERSION = "evidence-extractors/0.3.0"
