"""The import use case: find files, decode them on every core, recognise duplicates,
store each file in one transaction, and report what happened to every file.

Decoding is pure and runs in worker processes; the database is written from this
process only, one file at a time, so a file is either wholly in or wholly out.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from runlift.importers.base import Decoded, ImportFileError
from runlift.importers.dedupe import richness, same_session
from runlift.importers.registry import Skipped, SourceFile, detect, sources
from runlift.model.activity import Activity

if TYPE_CHECKING:
    from runlift.storage import Database

#: Files decoded ahead of the writer, per worker: enough to keep every core busy while
#: keeping memory flat however many files an export holds.
_AHEAD_PER_WORKER = 4


@dataclass
class ImportReport:
    """What an import did, by format and file; counts are of files unless named."""

    imported: Counter[str] = field(default_factory=Counter)  # files stored, by format
    activities: int = 0  # activities newly stored
    linked: int = 0  # activities recognised as another copy of a stored one
    replaced: int = 0  # stored activities replaced by a richer copy
    known_activities: int = 0  # activities in new files that were already stored
    duplicates: Counter[str] = field(default_factory=Counter)  # files seen before
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    unknown_exercises: set[str] = field(default_factory=set)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    samples: int = 0
    new_ids: list[int] = field(default_factory=list)

    @property
    def files(self) -> int:
        return sum(self.imported.values()) + sum(self.duplicates.values()) + len(self.failed)


@dataclass(frozen=True, slots=True)
class _Job:
    name: str
    digest: str
    fmt: str
    decoded: Decoded | None
    error: str | None


def _decode_job(source: SourceFile, digest: str, unit: str | None, tz: tzinfo | None) -> _Job:
    from runlift.importers.registry import decode

    fmt = detect(source.data)
    try:
        decoded = decode(source, unit=unit, tz=tz)
    except ImportFileError as exc:
        return _Job(source.name, digest, fmt or "unknown", None, exc.reason)
    except Exception as exc:  # a decoder bug must not stop the batch: report the file
        return _Job(
            source.name,
            digest,
            fmt or "unknown",
            None,
            f"could not be read ({type(exc).__name__}: {exc})",
        )
    return _Job(source.name, digest, fmt or "unknown", decoded, None)


def _with_hash(activity: Activity, job: _Job, index: int, total: int) -> Activity:
    """Each activity remembers where it came from. A reader's own hash wins (an app
    export hashes each workout, so a later, longer export of the same app is recognised
    workout by workout); otherwise the file's hash, plus the place in a multi-activity
    file."""
    suffix = f":{index}" if total > 1 else ""
    name = activity.source_file or Path(job.name).name
    return replace(
        activity, source_hash=activity.source_hash or job.digest + suffix, source_file=name
    )


def import_paths(
    database: Database,
    athlete_id: int,
    paths: list[Path],
    *,
    unit: str | None = None,
    tz: tzinfo | None = None,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import every file under ``paths``; never raises for a bad file, reports it."""
    report = ImportReport()
    count = workers or min(os.cpu_count() or 1, 8)
    for job in _decoded(database, athlete_id, paths, unit, tz, count, report, progress):
        _store(database, athlete_id, job, report)
        if progress:
            progress(job.name)
    return report


def _decoded(
    database: Database,
    athlete_id: int,
    paths: list[Path],
    unit: str | None,
    tz: tzinfo | None,
    workers: int,
    report: ImportReport,
    progress: Callable[[str], None] | None,
) -> Iterator[_Job]:
    """Decoded files in the order they were found, decoding ahead in worker processes."""

    def found() -> Iterator[tuple[SourceFile, str]]:
        for item in sources(paths):
            if isinstance(item, Skipped):
                report.skipped.append((item.name, item.reason))
                continue
            if isinstance(item, ImportFileError):
                report.failed.append((item.name, item.reason))
                if progress:
                    progress(item.name)
                continue
            digest = hashlib.sha256(item.data).hexdigest()
            if database.file_seen(athlete_id, digest):
                report.duplicates[str(detect(item.data) or "unknown")] += 1
                if progress:
                    progress(item.name)
                continue
            yield item, digest

    if workers <= 1:
        for source, digest in found():
            yield _decode_job(source, digest, unit, tz)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[_Job]] = deque()
        for source, digest in found():
            pending.append(pool.submit(_decode_job, source, digest, unit, tz))
            if len(pending) >= workers * _AHEAD_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _store(database: Database, athlete_id: int, job: _Job, report: ImportReport) -> None:
    from runlift.storage.errors import StorageError

    if job.decoded is None:
        report.failed.append((job.name, job.error or "could not be read"))
        return
    decoded = job.decoded
    report.unknown_exercises.update(decoded.unknown_exercises)
    report.warnings += [(job.name, w) for w in decoded.warnings]
    total = len(decoded.activities)
    new: list[Activity] = []
    linked: list[tuple[int, Activity]] = []
    replacing: list[tuple[int, Activity]] = []
    for index, raw in enumerate(decoded.activities):
        activity = _with_hash(raw, job, index, total)
        if activity.source_hash and database.hash_known(athlete_id, activity.source_hash):
            report.known_activities += 1
            continue
        end = activity.start + timedelta(seconds=activity.duration_s)
        twins = [
            s
            for s in database.overlapping(athlete_id, activity.start, end)
            if same_session(activity, s.activity)
        ]
        if not twins:
            new.append(activity)
            continue
        # The stored copies' streams decide richness; load them (rare: only for twins).
        full = [database.get_activity(t.id, with_streams=True) for t in twins]
        best = max(full, key=lambda s: richness(s.activity))
        if richness(activity) > richness(best.activity):
            replacing.append((best.id, activity))
        else:
            linked.append((best.id, activity))
    if decoded.activities and not (new or linked or replacing):
        database.record_duplicate_file(athlete_id, job.digest, job.name)
        report.duplicates[job.fmt] += 1
        return
    try:
        result = database.import_file(
            athlete_id,
            file_hash=job.digest,
            file_name=job.name,
            new=new,
            linked=linked,
            replacing=replacing,
        )
    except StorageError as exc:
        report.failed.append((job.name, str(exc)))
        return
    report.imported[job.fmt] += 1
    report.activities += len(result.new)
    report.new_ids += result.new
    report.linked += len(linked)
    report.replaced += len(replacing)
    report.samples += sum(len(a.streams or ()) for a in new)
