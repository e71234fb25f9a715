"""``evidence version``: the package and extractor versions."""

from __future__ import annotations

import typer

from evidence import __version__
from evidence.cli import app


@app.command()
def version() -> None:
    """Print the package version."""
    typer.echo(f"evidence {__version__}")
