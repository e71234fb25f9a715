"""The command line: the only place that reads arguments, environment and paths, prints and picks exit codes.

Each command group lives in its own module in this package (``review``, ``fetch``,
``pool`` ...); every module found here is imported and registers its commands on
:data:`app`.  Command modules import heavy libraries (spaCy, pandas, matplotlib)
inside the command function so that ``evidence --help`` and a quiet nightly
``evidence surveil`` start fast.

Exit status (documented in README):

====  =====================================================================
0     success (for ``surveil``: nothing changed)
1     an error of the package (bad data that cannot be used, failed output)
2     bad input: unknown option, missing or unreadable file, invalid value
3     ``surveil`` only: new evidence changed a pooled result
4     the E-utilities server could not be reached or kept failing
5     the store is locked, not a database, or from a newer version
130   interrupted (Ctrl-C)
====  =====================================================================
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Sequence

import typer

try:  # typer >= 0.20 ships its own copy of click
    from typer._click import exceptions as _cli_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as _cli_exceptions

from evidence.errors import EvidenceError, FetchError, InputError, StoreError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INPUT = 2
EXIT_CHANGED = 3
EXIT_FETCH = 4
EXIT_STORE = 5
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="evidence",
    help="Turn the medical literature into pooled, checkable evidence.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """Turn the medical literature into pooled, checkable evidence."""


def fail(message: str) -> None:
    """Print a one-line error and stop with the input-error status (for use inside commands)."""
    raise InputError(message)


def exit_code_for(exc: EvidenceError) -> int:
    """The documented exit status for a package error."""
    if isinstance(exc, InputError):
        return EXIT_INPUT
    if isinstance(exc, FetchError):
        return EXIT_FETCH
    if isinstance(exc, StoreError):
        return EXIT_STORE
    return EXIT_ERROR


def _register_commands() -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if not module.startswith("_"):
            importlib.import_module(f"{__name__}.{module}")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``evidence`` console script; returns the exit status."""
    _register_commands()
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=args, prog_name="evidence", standalone_mode=False)
    except _cli_exceptions.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx else "evidence: see 'evidence --help'")
        return EXIT_OK
    except _cli_exceptions.UsageError as exc:
        print(f"evidence: error: {_one_line(exc.format_message())} (see 'evidence --help')", file=sys.stderr)
        return EXIT_INPUT
    except typer.Abort:
        print("evidence: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except EvidenceError as exc:
        print(f"evidence: error: {_one_line(str(exc))}", file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        print("evidence: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    return int(result) if isinstance(result, int) else EXIT_OK


def run() -> None:
    """Console-script wrapper: exit with :func:`main`'s status."""
    sys.exit(main())
