"""Shared fixtures.  ``shared_dir`` gives ``../shared`` and skips when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ``../shared`` folder; tests that use it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED
