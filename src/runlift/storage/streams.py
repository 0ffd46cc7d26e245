"""Sample streams stored compactly: one row per activity, one blob per channel.

Encoding ``f32le``: each channel is the samples as IEEE 754 float32, little-endian,
4 bytes each, no header; the row's ``samples`` column gives the count. NaN marks a
missing sample; a channel the device did not record is SQL NULL. float32 keeps about
7 significant digits (heart rate, cadence and power exactly; speed to 1e-7 relative;
distance to a few millimetres over a marathon; time to a millisecond for 4 h), far
finer than any sensor, and halves the size of float64.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.engine import RowMapping

from runlift.model.activity import Streams
from runlift.storage.errors import InvalidRecordError

ENCODING = "f32le"
CHANNELS: tuple[str, ...] = ("time_s", *Streams.CHANNELS)
_SWAP = sys.byteorder == "big"


def encode(values: Iterable[float]) -> bytes:
    """The samples as little-endian float32 bytes."""
    packed = array("f", values)
    if _SWAP:  # pragma: no cover - big-endian hosts only
        packed.byteswap()
    return packed.tobytes()


def decode(blob: bytes) -> tuple[float, ...]:
    """The samples of one channel blob (NaN for missing ones)."""
    packed = array("f")
    packed.frombytes(blob)
    if _SWAP:  # pragma: no cover
        packed.byteswap()
    return tuple(packed)


def as_float32(values: Iterable[float]) -> tuple[float, ...]:
    """What a round trip through the database gives back for these samples."""
    return decode(encode(values))


def check(streams: Streams) -> None:
    """Every channel as long as ``time_s``; raises InvalidRecordError otherwise."""
    n = len(streams.time_s)
    for name in Streams.CHANNELS:
        channel: Sequence[float] | None = getattr(streams, name)
        if channel is not None and len(channel) != n:
            raise InvalidRecordError(
                f"stream {name} has {len(channel)} samples but time_s has {n}; "
                "all channels must be the same length"
            )


def to_row(streams: Streams) -> dict[str, Any]:
    """The ``streams`` table columns (without ``activity_id``)."""
    check(streams)
    row: dict[str, Any] = {"encoding": ENCODING, "samples": len(streams.time_s)}
    try:
        for name in CHANNELS:
            channel: Sequence[float] | None = getattr(streams, name)
            row[name] = None if channel is None else encode(channel)
    except TypeError as exc:
        raise InvalidRecordError(f"stream samples must be numbers: {exc}") from None
    return row


def from_row(row: RowMapping) -> Streams:
    """Streams back from a ``streams`` row."""
    if row["encoding"] != ENCODING:
        raise InvalidRecordError(f"unknown stream encoding {row['encoding']!r}")
    values = {name: None if row[name] is None else decode(bytes(row[name])) for name in CHANNELS}
    time_s = values.pop("time_s")
    assert time_s is not None
    return Streams(time_s=time_s, **values)


def to_json(channel: Sequence[float] | None) -> list[float | None] | None:
    """A channel as a JSON array: NaN (and the rare infinity) become ``null``."""
    if channel is None:
        return None
    return [v if math.isfinite(v) else None for v in channel]


def from_json(channel: Sequence[float | None] | None) -> tuple[float, ...] | None:
    """A JSON array back to samples: ``null`` becomes NaN."""
    if channel is None:
        return None
    return tuple(math.nan if v is None else float(v) for v in channel)
