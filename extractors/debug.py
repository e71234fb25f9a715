"""The developer switch ``EVIDENCE_DEBUG``: re-raise extraction errors instead of swallowing them."""

from __future__ import annotations

import os

#: the environment variable that makes extraction re-raise instead of returning empty studies
DEBUG_ENV = "EVIDENCE_DEBUG"


def debug_mode() -> bool:
    """Whether ``EVIDENCE_DEBUG`` is set to a true value ('1', 'true', 'yes', 'on'; read at each call)."""
    return os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on")
