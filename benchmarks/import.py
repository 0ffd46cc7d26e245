"""Benchmark: import a synthetic export of real files (FIT, GPX, TCX, lifting-app CSV).

Builds an export of ``--files`` files (1,000 by default) from the real sample files:
each file is a re-encoded copy with its times moved to a day of its own, so no copy is
a duplicate of another (for FIT: every date_time field patched in place and the file
CRC recomputed; for GPX, TCX and CSV: the dates in the text moved). Then measures, each
in a fresh process and each into a fresh database:

* the bare decode of the same FIT files by garmin-fit-sdk, with its default options
  (the baseline of issue 4) and with the options runlift passes to it;
* ``import_paths`` into SQLite with 1 worker and with 2 workers, and into PostgreSQL
  with 2 workers when 127.0.0.1:5432 answers (a scratch schema, dropped after).

Prints the machine, a Markdown table (activities/s, samples/s, peak RSS of the main
process and of the decoding workers), the import on 1 worker by format, the overhead
ratio over the bare decoder, the speed-up of 2 workers and the peak memory after a
quarter, half and all of the files. Goals (issue 4): ratio <= 1.2 on one core, near
2x with two workers, memory flat in the number of files.
`--quick` imports 40 files once (CI smoke mode); figures from it are not for the record.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import resource
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any

from runlift.importers.base import Decoded
from runlift.importers.fit import RELATIVE_TIME_LIMIT, fit_crc
from runlift.importers.registry import SourceFile, decode

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "samples"
#: Where a template is looked for, first match wins: the bigger shared sample set when
#: present, else the repository's own test files.
SEARCH = (
    SHARED / "fit" / "activities",
    SHARED / "fit" / "strength",
    SHARED / "gpx",
    SHARED / "tcx",
    ROOT / "tests" / "files" / "fit",
    ROOT / "tests" / "files" / "gpx",
    ROOT / "tests" / "files" / "tcx",
    ROOT / "tests" / "files" / "csv",
)
#: One cycle of the export, 40 files: mostly FIT runs (1 Hz and "smart" recording), some
#: rides and one multisport day, Garmin strength sessions, GPX and TCX from other apps,
#: and lifting-app CSV exports (Strong, Hevy, FitNotes; two per cycle, in turn).
#: ``compressed-speed-distance.fit`` is left out: garmin-fit-sdk cannot read it (runlift
#: reads it with fitdecode), so it has no bare-decoder baseline.
MIX = (
    ("activity-small-fenix2-run.fit", 12),  # run, 47 min, 2,809 samples
    ("developer-types-sample.fit", 6),  # run, 57 min, 3,424 samples, developer fields
    ("2013-02-06-12-11-14.fit", 4),  # run, 44 min, 590 samples (smart recording)
    ("garmin-fenix-5-run.fit", 2),  # run, 1 min
    ("garmin-edge-500-activity.fit", 1),  # ride, 3.5 h, 10,686 samples
    ("2019-02-17-062644-ELEMNT-297E-195-0.fit", 1),  # ride, 6.5 h, 13,471 samples
    ("activity-large-fenxi2-multisport.fit", 1),  # 4 activities, 23,708 samples
    ("20474406937_ACTIVITY.fit", 2),  # strength, 38 sets
    ("20748058539_ACTIVITY.fit", 2),  # strength
    ("20744294788_ACTIVITY.fit", 1),  # indoor ride + strength
    ("garmin-activity.gpx", 2),  # run, 988 points
    ("cerknicko-jezero.gpx", 1),  # 7 tracks
    ("forerunner410-run-hr.tcx", 2),  # run, 384 points
    ("cross-country-skiing_activity_1.tcx", 1),  # ski, 486 points
    ("csv", 2),  # one of CSVS, in turn
)
CSVS = (
    "hevy_kg.csv",
    "strong_android_semicolon.csv",
    "strong_v6_semicolon_kg.csv",
    "fitnotes_unit_column.csv",
)
#: The first day of the synthetic history; every file gets days of its own after it.
FIRST_DAY = date(2016, 1, 4)
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
KIND_NAMES = {"fit": "FIT", "gpx": "GPX", "tcx": "TCX", "csv": "CSV"}

# ---------------------------------------------------------------- building the export


@dataclass(frozen=True)
class Template:
    path: Path
    kind: str  # fit, gpx, tcx or csv
    data: bytes
    decoded: Decoded
    first_day: date  # UTC day of the earliest activity start
    days: int  # days its activities span, so copies never overlap
    samples: int
    times: tuple[tuple[int, struct.Struct], ...] = ()  # FIT: date_time fields

    @property
    def activities(self) -> int:
        return len(self.decoded.activities)


def _find(name: str) -> Path | None:
    return next((d / name for d in SEARCH if (d / name).is_file()), None)


def _fit_time_fields(data: bytes) -> tuple[tuple[int, struct.Struct], ...]:
    """Where every date_time value in a FIT file is (offset and byte order), walking its
    messages: the FIT profile's date_time and local_date_time fields, and field 253
    (timestamp) of any message. Compressed-timestamp headers need nothing: they count
    from the last full timestamp, and whole days keep its low five bits."""
    from garmin_fit_sdk import Profile

    typed = {
        number: frozenset(
            f for f, d in message["fields"].items() if d["type"] in ("date_time", "local_date_time")
        )
        for number, message in Profile["messages"].items()
    }
    orders = {0: struct.Struct("<I"), 1: struct.Struct(">I")}
    found: list[tuple[int, struct.Struct]] = []
    start = 0
    while start < len(data):  # chained FIT files, one after another
        assert data[start + 8 : start + 12] == b".FIT", "not a FIT header"
        position = start + data[start]
        end = position + int.from_bytes(data[start + 4 : start + 8], "little")
        layouts: dict[int, tuple[int, struct.Struct, tuple[int, ...]]] = {}
        while position < end:
            header = data[position]
            position += 1
            if header & 0x80:  # compressed timestamp header: a data message
                local = (header >> 5) & 0x03
            elif header & 0x40:  # definition message
                order = orders[data[position + 1]]
                number = struct.unpack_from(
                    "<H" if order is orders[0] else ">H", data, position + 2
                )
                times = typed.get(number[0], frozenset()) | {253}
                count = data[position + 4]
                position += 5
                size = 0
                offsets = []
                for _ in range(count):
                    field, field_size, base = data[position : position + 3]
                    position += 3
                    if field in times and field_size == 4 and base & 0x1F in (0x06, 0x0C):
                        offsets.append(size)
                    size += field_size
                if header & 0x20:  # developer fields follow
                    dev_count = data[position]
                    position += 1
                    size += sum(data[position + 3 * i + 1] for i in range(dev_count))
                    position += 3 * dev_count
                layouts[header & 0x0F] = (size, order, tuple(offsets))
                continue
            else:
                local = header & 0x0F
            size, order, offsets = layouts[local]
            found += [(position + o, order) for o in offsets]
            position += size
        assert position == end, "FIT messages do not end where the header says"
        start = end + 2
    return tuple(found)


def _shift_fit(template: Template, days: int) -> bytes:
    """The FIT file with every absolute date_time moved by ``days`` and its CRC redone;
    device-relative times (below 0x10000000) and invalid ones are left alone."""
    out = bytearray(template.data)
    delta = days * 86400
    for position, order in template.times:
        (value,) = order.unpack_from(out, position)
        if RELATIVE_TIME_LIMIT <= value < 0xFFFFFFFF:
            assert RELATIVE_TIME_LIMIT <= value + delta < 0xFFFFFFFF
            order.pack_into(out, position, value + delta)
    start = 0
    while start < len(out):
        end = start + out[start] + int.from_bytes(out[start + 4 : start + 8], "little")
        out[end : end + 2] = fit_crc(memoryview(out)[start:end]).to_bytes(2, "little")
        start = end + 2
    return bytes(out)


_XML_TIMES = {
    "gpx": re.compile(rb"(<(?:[\w.-]+:)?time>\s*)(\d{4}-\d\d-\d\d)(?=T)"),
    "tcx": re.compile(rb"(<(?:[\w.-]+:)?(?:Time|Id)>\s*|StartTime=[\"'])(\d{4}-\d\d-\d\d)(?=T)"),
}
_ISO_DAY = re.compile(rb"(?<!\d)()(\d{4}-\d\d-\d\d)(?!\d)")  # Strong, FitNotes
_HEVY_DAY = re.compile(rb"(?<!\d)(\d{1,2}) (" + "|".join(MONTHS).encode() + rb") (\d{4})(?!\d)")


def _shift_text(template: Template, days: int) -> bytes:
    """GPX <time>, TCX <Time>/<Id>/StartTime and CSV dates moved by ``days``; the time
    of day and everything else are kept byte for byte."""

    def iso(match: re.Match[bytes]) -> bytes:
        moved = date.fromisoformat(match[2].decode()) + timedelta(days=days)
        return match[1] + moved.isoformat().encode()

    def hevy(match: re.Match[bytes]) -> bytes:
        day = date(int(match[3]), MONTHS.index(match[2].decode()) + 1, int(match[1]))
        moved = day + timedelta(days=days)
        return f"{moved.day} {MONTHS[moved.month - 1]} {moved.year}".encode()

    if template.kind in _XML_TIMES:
        return _XML_TIMES[template.kind].sub(iso, template.data)
    return _HEVY_DAY.sub(hevy, _ISO_DAY.sub(iso, template.data))


def _shifted(template: Template, days: int) -> bytes:
    return _shift_fit(template, days) if template.kind == "fit" else _shift_text(template, days)


def _load(path: Path) -> Template:
    data = path.read_bytes()
    kind = path.suffix.lstrip(".").lower()
    decoded = decode(SourceFile(path.name, data))
    starts = [a.start.astimezone(UTC) for a in decoded.activities]
    ends = [a.start.astimezone(UTC) + timedelta(seconds=a.duration_s) for a in decoded.activities]
    first = min(starts).date()
    return Template(
        path=path,
        kind=kind,
        data=data,
        decoded=decoded,
        first_day=first,
        days=(max(ends).date() - first).days + 1,
        samples=sum(len(a.streams or ()) for a in decoded.activities),
        times=_fit_time_fields(data) if kind == "fit" else (),
    )


def _comparable(decoded: Decoded, days: int) -> str:
    """The decoded file with its times moved back by ``days`` and its hashes dropped, as
    text (streams hold NaN, which is never equal to itself)."""
    delta = timedelta(days=days)
    back = [
        replace(
            a,
            start=a.start - delta,
            laps=tuple(replace(lap, start=lap.start - delta) for lap in a.laps),
            source_hash=None,
            source_file=None,
        )
        for a in decoded.activities
    ]
    return repr((back, decoded.unknown_exercises, decoded.warnings))


@dataclass(frozen=True)
class Generated:
    path: Path
    template: Template


def build_export(folder: Path, count: int) -> list[Generated]:
    """``count`` files in ``folder``, named so that sorted order is the mixed order.
    Each template's first copy is decoded by runlift (which checks the FIT CRC) and
    compared with the template; every copy is then decoded by each measurement (the
    bare garmin-fit-sdk pass checks every FIT file's CRC too) and the imports must store
    every file and every activity, none taken for a duplicate."""
    cycle: list[tuple[float, str]] = []
    csv_turn = 0
    templates: dict[str, Template] = {}
    for name, times in MIX:
        names = []
        for _ in range(times):
            if name == "csv":
                names.append(CSVS[csv_turn % len(CSVS)])
                csv_turn += 1
            else:
                names.append(name)
        for i, chosen in enumerate(names):
            path = _find(chosen)
            if path is None:
                continue  # shared samples absent: a smaller mix
            if chosen not in templates:
                templates[chosen] = _load(path)
            cycle.append(((i + 0.5) / times, chosen))  # spread each evenly in the cycle
    order = [name for _, name in sorted(cycle)]
    made: list[Generated] = []
    checked: set[str] = set()
    day = FIRST_DAY
    for i in range(count):
        template = templates[order[i % len(order)]]
        days = (day - template.first_day).days
        data = _shifted(template, days)
        assert data != template.data
        path = folder / f"{i:05d}-{template.path.stem}{template.path.suffix}"
        path.write_bytes(data)
        if template.path.name not in checked:
            checked.add(template.path.name)
            copy = decode(SourceFile(template.path.name, data))
            assert _comparable(copy, days) == _comparable(template.decoded, 0), (
                f"{path.name} does not decode to its template moved by {days} days"
            )
        made.append(Generated(path, template))
        day += timedelta(days=template.days)
    return made


# ---------------------------------------------------------- measuring, in a child process


def _mib(kib: int) -> float:
    """ru_maxrss in MiB (KiB on Linux, bytes on macOS)."""
    return kib / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _rss_now(pid: str = "self") -> float | None:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _children_peak() -> float | None:
    """The largest peak RSS (VmHWM) among this process's live children (the decoding
    workers), from /proc; None where there is no /proc."""
    peaks = []
    try:
        for task in Path("/proc/self/task").iterdir():
            for pid in (task / "children").read_text().split():
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
    except OSError:
        return None
    return max(peaks, default=None)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _child_bare(folder: Path, runlift_options: bool) -> dict[str, Any]:
    from garmin_fit_sdk import Decoder, Stream

    paths = sorted(folder.glob("*.fit"))
    rss_start = _rss_now()
    cpu = _cpu(resource.RUSAGE_SELF)
    records = 0
    start = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        if runlift_options:  # exactly as runlift.importers.fit._garmin_read calls it
            messages, errors = Decoder(Stream.from_bytes_io(io.BytesIO(data))).read(
                convert_datetimes_to_dates=False,
                enable_crc_check=False,
                expand_components=False,
                merge_heart_rates=False,
            )
        else:
            messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
        assert not errors, f"{path.name}: {errors}"
        records += len(messages.get("record_mesgs", ()))
    elapsed = time.perf_counter() - start
    return {
        "seconds": elapsed,
        "files": len(paths),
        "records": records,
        "cpu_main": _cpu(resource.RUSAGE_SELF) - cpu,
        "rss_start": rss_start,
        "peak_main": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
    }


def _child_import(folder: Path, url: str, workers: int) -> dict[str, Any]:
    from runlift.imports import import_paths
    from runlift.storage import Database

    total = sum(1 for _ in folder.iterdir())
    marks = {max(total // 4, 1), max(total // 2, 1), total}
    database = Database.open(url)
    athlete = database.ensure_athlete("Bench")
    done: list[tuple[str, float]] = []
    memory: list[dict[str, Any]] = []

    def progress(name: str) -> None:
        done.append((Path(name).name, time.perf_counter()))
        if len(done) in marks:
            memory.append(
                {
                    "files": len(done),
                    "peak_main": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
                    "rss_main": _rss_now(),
                    "peak_worker": _children_peak() if workers > 1 else None,
                }
            )
        if total >= 200 and len(done) % (total // 10) == 0:
            print(f"  {workers} worker(s): {len(done)}/{total} files", file=sys.stderr)

    rss_start = _rss_now()
    cpu = _cpu(resource.RUSAGE_SELF)
    start = time.perf_counter()
    report = import_paths(database, athlete, [folder], workers=workers, progress=progress)
    elapsed = time.perf_counter() - start
    cpu_main = _cpu(resource.RUSAGE_SELF) - cpu
    database.close()
    per_file = []
    previous = start
    for name, moment in done:
        per_file.append((name, moment - previous))
        previous = moment
    return {
        "seconds": elapsed,
        "files": report.files,
        "imported": sum(report.imported.values()),
        "activities": report.activities,
        "samples": report.samples,
        "duplicates": sum(report.duplicates.values()),
        "linked": report.linked,
        "replaced": report.replaced,
        "known": report.known_activities,
        "failed": report.failed[:5],
        "per_file": per_file,
        "memory": memory,
        "cpu_main": cpu_main,
        "cpu_workers": _cpu(resource.RUSAGE_CHILDREN),
        "rss_start": rss_start,
        "peak_main": _mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        "peak_worker": (
            _mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) if workers > 1 else None
        ),
    }


def _run_child(*args: str) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter, so peak memory is its own."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ----------------------------------------------------------------------- reporting


def _machine() -> str:
    model = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 2**20:.1f} GiB RAM"
                break
    except OSError:
        pass
    return (
        f"{platform.platform()}, {model}, {os.cpu_count()} CPUs{memory}; "
        f"Python {platform.python_version()}, garmin-fit-sdk {version('garmin-fit-sdk')}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def _note(text: str) -> None:
    """Progress on stderr, after what the table has printed so far."""
    sys.stdout.flush()
    print(text, file=sys.stderr, flush=True)


def _pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=2).close()
    except Exception:
        return False
    return True


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MiB"


def _row(label: str, result: dict[str, Any], activities: int | None, samples: int) -> str:
    seconds = result["seconds"]
    rate = "n/a" if activities is None else f"{activities / seconds:,.1f}"
    workers = result.get("cpu_workers")
    cpu = f"{result['cpu_main']:.1f} s" + ("" if workers is None else f" / {workers:.1f} s")
    return (
        f"| {label} | {result['files']:,} | {'n/a' if activities is None else f'{activities:,}'}"
        f" | {samples:,} | {seconds:,.1f} s | {rate} | {samples / seconds:,.0f} | "
        f"{_mb(result['peak_main'])} | {_mb(result.get('peak_worker'))} | {cpu} |"
    )


def _check(result: dict[str, Any], made: list[Generated], label: str) -> None:
    activities = sum(g.template.activities for g in made)
    samples = sum(g.template.samples for g in made)
    assert result["failed"] == [], f"{label}: files failed: {result['failed']}"
    assert result["imported"] == len(made), f"{label}: {result['imported']} of {len(made)} stored"
    assert (result["duplicates"], result["linked"], result["replaced"], result["known"]) == (
        0,
        0,
        0,
        0,
    ), f"{label}: shifted copies were taken for duplicates: {result}"
    assert result["activities"] == activities, f"{label}: {result['activities']} != {activities}"
    assert result["samples"] == samples, f"{label}: {result['samples']} != {samples}"


def _pg_import(folder: Path) -> dict[str, Any]:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        url = f"{PG_BASE}?options=-csearch_path%3D{schema}"
        return _run_child("import", str(folder), url, "2")
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, folder = sys.argv[2], Path(sys.argv[3])
        if kind == "import":
            result = _child_import(folder, sys.argv[4], int(sys.argv[5]))
        else:
            result = _child_bare(folder, runlift_options=kind == "bare-runlift")
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="40 files, for CI")
    parser.add_argument("--files", type=int, default=1000, help="files in the export")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args()
    count = 40 if args.quick else args.files
    assert count > 0

    print(f"# runlift import benchmark, {datetime.now(UTC):%Y-%m-%d}")
    print(f"machine: {_machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        folder.mkdir()
        start = time.perf_counter()
        made = build_export(folder, count)
        kinds = Counter(g.template.kind for g in made)
        activities = sum(g.template.activities for g in made)
        samples = sum(g.template.samples for g in made)
        size = sum(g.path.stat().st_size for g in made)
        span = f"{FIRST_DAY} to {FIRST_DAY + timedelta(days=sum(g.template.days for g in made))}"
        print(
            f"export: {count:,} files ("
            + ", ".join(f"{KIND_NAMES[k]} {n:,}" for k, n in sorted(kinds.items()))
            + f"), {activities:,} activities, {samples:,} stream samples, "
            f"{size / 2**20:,.1f} MiB, {span}; built and checked in "
            f"{time.perf_counter() - start:.1f} s"
        )
        fit_files = [g for g in made if g.template.kind == "fit"]
        fit_samples = sum(g.template.samples for g in fit_files)

        _note("  bare garmin-fit-sdk decode, default options...")
        bare = _run_child("bare-default", str(folder))
        _note("  bare garmin-fit-sdk decode, runlift's options...")
        fast = _run_child("bare-runlift", str(folder))
        runs: list[tuple[str, dict[str, Any]]] = []
        for workers in (1, 2):
            url = str(Path(tmp) / f"bench-{workers}.db")
            _note(f"  import into SQLite, {workers} worker(s)...")
            result = _run_child("import", str(folder), url, str(workers))
            _check(result, made, f"SQLite, {workers} workers")
            runs.append((f"import, SQLite, {workers} worker{'s' if workers > 1 else ''}", result))
        if not args.no_postgres and _pg_available():
            _note("  import into PostgreSQL, 2 workers...")
            result = _pg_import(folder)
            _check(result, made, "PostgreSQL")
            runs.append(("import, PostgreSQL, 2 workers", result))
        elif not args.no_postgres:
            print("PostgreSQL: 127.0.0.1:5432 does not answer; skipped")

    assert bare["files"] == fast["files"] == len(fit_files)
    print()
    print(
        "| run | files | activities | samples | time | activities/s | samples/s | "
        "peak RSS, main | peak RSS, largest worker | CPU main / workers |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(_row("garmin-fit-sdk alone, default options (FIT files)", bare, None, bare["records"]))
    print(_row("garmin-fit-sdk alone, runlift's options (FIT files)", fast, None, fast["records"]))
    for label, result in runs:
        print(_row(label, result, result["activities"], result["samples"]))
    print(
        "\nsamples: stream samples stored (import) or `record` messages decoded "
        "(garmin-fit-sdk); peak RSS includes the interpreter and imports "
        f"(about {_mb(runs[0][1]['rss_start'])} before the first file)"
    )

    one = runs[0][1]
    kind_of = {g.path.name: g.template.kind for g in made}
    by_kind: dict[str, list[float]] = {}
    for name, seconds in one["per_file"]:
        by_kind.setdefault(kind_of[name], []).append(seconds)
    print("\nImport on 1 worker, by format (time between one file stored and the next):\n")
    print("| format | files | activities | samples | time | activities/s | samples/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, times in sorted(by_kind.items()):
        group = [g for g in made if g.template.kind == kind]
        acts = sum(g.template.activities for g in group)
        kind_samples = sum(g.template.samples for g in group)
        spent = sum(times)
        print(
            f"| {KIND_NAMES[kind]} | {len(group):,} | {acts:,} | {kind_samples:,} | "
            f"{spent:,.1f} s | {acts / spent:,.1f} | {kind_samples / spent:,.0f} |"
        )
    fit_import = sum(by_kind.get("fit", []))
    print(
        f"\noverhead ratio (goal <= 1.2) = time to import the {len(fit_files):,} FIT files on "
        f"1 worker ÷ time for garmin-fit-sdk alone to decode the same files with default "
        f"options = {fit_import:,.1f} s ÷ {bare['seconds']:,.1f} s = "
        f"{fit_import / bare['seconds']:.2f}"
    )
    print(
        f"against garmin-fit-sdk with the options runlift passes it (no CRC check, no "
        f"component expansion or heart-rate merging, dates as numbers): "
        f"{fit_import:,.1f} s ÷ {fast['seconds']:,.1f} s = {fit_import / fast['seconds']:.2f}"
    )
    print(f"FIT samples stored on 1 worker: {fit_samples / fit_import:,.0f}/s")
    two = runs[1][1]
    print(
        f"speed-up with 2 workers (goal near 2) = whole import on 1 worker ÷ on 2 workers = "
        f"{one['seconds']:,.1f} s ÷ {two['seconds']:,.1f} s = "
        f"{one['seconds'] / two['seconds']:.2f}; on 2 workers the main process (reading, "
        f"hashing, unpickling, storing) used {two['cpu_main']:,.1f} s of CPU, "
        f"{two['cpu_main'] / two['seconds']:.0%} of the wall time"
    )

    print("\nPeak memory after part of the export (one run each; peak so far):\n")
    print("| files imported | 1 worker: main | 2 workers: main | 2 workers: largest worker |")
    print("|---:|---:|---:|---:|")
    for a, b in zip(one["memory"], two["memory"], strict=True):
        print(
            f"| {a['files']:,} | {_mb(a['peak_main'])} | {_mb(b['peak_main'])} | "
            f"{_mb(b['peak_worker'])} |"
        )
    print(
        "current RSS of the main process at those points, 1 worker: "
        + ", ".join(_mb(m["rss_main"]) for m in one["memory"])
        + "; 2 workers: "
        + ", ".join(_mb(m["rss_main"]) for m in two["memory"])
    )


if __name__ == "__main__":
    main()
