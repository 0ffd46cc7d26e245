"""Shared pieces of the CLI: output formats and turning our errors into exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from runlift.errors import RunliftError

if TYPE_CHECKING:
    from rich.console import Console


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


class DataFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a RunliftError as a message (never a traceback) and exit with its code."""
    try:
        yield
    except RunliftError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def write_output(text: str, output: Path | None) -> None:
    """Write to the file given with -o, whole or not at all, or to standard output."""
    if output is None:
        sys.stdout.write(text)
        return
    write_bytes(text.encode("utf-8"), output)


def write_bytes(data: bytes, output: Path) -> None:
    """Write a file whole or not at all: a temporary file renamed into place."""
    tmp = output.with_name(output.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise typer.BadParameter(f"cannot write {output}: {exc.strerror}") from None
    typer.echo(f"Wrote {output}", err=True)


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)
