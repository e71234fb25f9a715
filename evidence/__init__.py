"""evidence: turn the medical literature into pooled, checkable evidence."""

__version__ = "0.1.0"
