"""Find importable files in what the user points at, tell their format from their
content, and hand each to its decoder.

Paths may be files, folders (searched recursively) and zip archives (Strava and Garmin
Connect bulk exports; Garmin nests zips inside its zip). Gzipped members are opened
in memory. Nothing is extracted to disk. Sizes are bounded so a zip or gzip bomb is
refused instead of filling memory.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from enum import StrEnum
from pathlib import Path

from runlift.importers.base import Decoded, ImportFileError

#: Largest single file we read, once decompressed. The biggest real activity files are a
#: few megabytes; this leaves a wide margin and still refuses bombs.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ZIP_DEPTH = 3


class Format(StrEnum):
    FIT = "fit"
    GPX = "gpx"
    TCX = "tcx"
    STRONG = "strong"
    HEVY = "hevy"
    FITNOTES = "fitnotes"
    STRAVA_CSV = "strava"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One candidate file: a display name (``export.zip/activities/1.fit.gz``) and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not an activity (a photo, a profile JSON): reported, not an error."""

    name: str
    reason: str


Found = SourceFile | Skipped | ImportFileError


def detect(data: bytes) -> Format | None:
    """The format, from the content alone (the file name is not trusted)."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return Format.FIT
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        lowered = head.lower()
        if b"<gpx" in lowered:
            return Format.GPX
        if b"<trainingcenterdatabase" in lowered:
            return Format.TCX
        return None
    from runlift.importers.strava_csv import is_strava_activities
    from runlift.importers.strength_csv import sniff_strength_csv

    if is_strava_activities(data):
        return Format.STRAVA_CSV
    found = sniff_strength_csv(data)
    return Format(found) if found else None


def decode(source: SourceFile, *, unit: str | None = None, tz: tzinfo | None = None) -> Decoded:
    """Decode one file by its detected format; ImportFileError when it is none we know."""
    if not source.data:
        raise ImportFileError(source.name, "the file is empty")
    fmt = detect(source.data)
    if fmt is None:
        raise ImportFileError(
            source.name,
            "not a file runlift can import (FIT, GPX, TCX, Strong, Hevy, FitNotes or a "
            "Strava activities.csv)",
        )
    return _decoder(fmt)(source, unit, tz)


def _decoder(fmt: Format) -> Callable[[SourceFile, str | None, tzinfo | None], Decoded]:
    if fmt is Format.FIT:
        from runlift.importers.fit import decode_fit

        return lambda s, unit, tz: decode_fit(s.data, s.name)
    if fmt is Format.GPX:
        from runlift.importers.gpx import decode_gpx

        return lambda s, unit, tz: decode_gpx(s.data, s.name)
    if fmt is Format.TCX:
        from runlift.importers.tcx import decode_tcx

        return lambda s, unit, tz: decode_tcx(s.data, s.name)
    if fmt is Format.STRAVA_CSV:
        from runlift.importers.strava_csv import decode_strava_activities

        return lambda s, unit, tz: decode_strava_activities(s.data, s.name)
    from runlift.importers import strength_csv

    readers = {
        Format.STRONG: strength_csv.decode_strong,
        Format.HEVY: strength_csv.decode_hevy,
        Format.FITNOTES: strength_csv.decode_fitnotes,
    }
    reader = readers[fmt]
    return lambda s, unit, tz: reader(s.data, s.name, unit=unit, tz=tz)


# ------------------------------------------------------------------ finding files

#: Files inside exports that are never activities; skipped quietly.
_NOT_ACTIVITIES = (
    ".json",
    ".jpg",
    ".jpeg",
    ".png",
    ".heic",
    ".mp4",
    ".mov",
    ".html",
    ".txt",
    ".pdf",
)


def sources(paths: list[Path]) -> Iterator[Found]:
    """Every candidate file under ``paths``, in a stable order, read lazily one by one."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _from_file(child, str(child))
        elif path.exists():
            yield from _from_file(path, str(path))
        else:
            yield ImportFileError(str(path), "no such file or folder")


def _from_file(path: Path, name: str) -> Iterator[Found]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield ImportFileError(name, f"too large ({size // 2**20} MiB) to be an activity")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ImportFileError(name, f"cannot be read ({exc.strerror})")
        return
    yield from _expand(name, data, depth=0)


def _expand(name: str, data: bytes, depth: int) -> Iterator[Found]:
    lowered = name.lower()
    if data[:4] == b"PK\x03\x04" or lowered.endswith(".zip"):
        yield from _zip_members(name, data, depth)
    elif data[:2] == b"\x1f\x8b":
        try:
            inner = _gunzip(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield ImportFileError(name, f"a damaged gzip file ({exc})")
            return
        except ValueError as exc:
            yield ImportFileError(name, str(exc))
            return
        yield from _expand(name.removesuffix(".gz"), inner, depth)
    elif lowered.endswith(_NOT_ACTIVITIES):
        yield Skipped(name, "not an activity file")
    else:
        yield SourceFile(name, data)


def _gunzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        out = stream.read(MAX_FILE_BYTES + 1)
    if len(out) > MAX_FILE_BYTES:
        raise ValueError(f"decompresses to more than {MAX_FILE_BYTES // 2**20} MiB: refused")
    return out


def _zip_members(name: str, data: bytes, depth: int) -> Iterator[Found]:
    if depth >= MAX_ZIP_DEPTH:
        yield ImportFileError(name, f"zips nested more than {MAX_ZIP_DEPTH} deep: refused")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = sorted(
            (i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename
        )
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield ImportFileError(name, f"a damaged zip archive ({exc})")
        return
    with archive:
        for info in members:
            member = f"{name}/{info.filename}"
            if info.file_size > MAX_FILE_BYTES:
                yield ImportFileError(member, "too large once unpacked: refused")
                continue
            try:
                with archive.open(info) as handle:
                    content = handle.read(MAX_FILE_BYTES + 1)
            except (
                zipfile.BadZipFile,
                OSError,
                ValueError,
                zlib.error,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                yield ImportFileError(member, f"cannot be unpacked ({exc})")
                continue
            if len(content) > MAX_FILE_BYTES:
                yield ImportFileError(member, "too large once unpacked: refused")
                continue
            yield from _expand(member, content, depth + 1)
