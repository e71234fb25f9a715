"""The one exception module.

::

    EvidenceError                      base of everything the package raises on purpose
    ├── InputError (ValueError)        a file, option or value given by the user is wrong
    │   ├── ParseError                 a file could not be read as the format it claims
    │   └── ProtocolError              a review protocol has a missing, unknown or bad key
    ├── FetchError                     E-utilities could not be reached or kept failing
    │   └── TransientFetchError        one answer worth asking again for (caught inside the client)
    ├── StoreError                     the store is not a database, is locked, or is newer than this code
    ├── PoolingError (ValueError)      data cannot be pooled as asked (k too small, bad variances...)
    ├── ReconstructionError (ValueError) inputs cannot be reconciled into a pseudo-cohort
    └── OutputError                    an output path cannot be written

The CLI turns each into a one-line message and a non-zero exit status; messages
say what was given and what was expected.
"""

from __future__ import annotations

__all__ = [
    "EvidenceError",
    "FetchError",
    "InputError",
    "OutputError",
    "ParseError",
    "PoolingError",
    "ProtocolError",
    "ReconstructionError",
    "StoreError",
    "TransientFetchError",
]


class EvidenceError(Exception):
    """Base class of every error the package raises on purpose."""


class InputError(EvidenceError, ValueError):
    """A file, option or value given by the user is wrong."""


class ParseError(InputError):
    """A file could not be read as the format it claims to be."""


class ProtocolError(InputError):
    """A review protocol has a missing, unknown or invalid key."""


class FetchError(EvidenceError):
    """The E-utilities server could not be reached or kept failing."""


class TransientFetchError(FetchError):
    """One E-utilities answer worth asking again for (HTTP 429/5xx, timeout, truncated or ``<ERROR>`` body).

    The Entrez client catches it and retries; once retries run out it raises a plain :class:`FetchError`.
    """

    def __init__(self, reason: str, retry_after_s: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_s = retry_after_s


class StoreError(EvidenceError):
    """The store cannot be opened or written."""


class PoolingError(EvidenceError, ValueError):
    """The data cannot be pooled as asked."""


class ReconstructionError(EvidenceError, ValueError):
    """Inputs cannot be reconciled into a reconstructed cohort."""


class OutputError(EvidenceError):
    """An output path cannot be written."""
