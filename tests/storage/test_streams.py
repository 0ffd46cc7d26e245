"""The stream encoding: little-endian float32, NaN for missing samples."""

from __future__ import annotations

import math
import struct

import pytest

from runlift.model.activity import Streams
from runlift.storage import streams as codec
from runlift.storage.errors import InvalidRecordError


def test_encoding_is_little_endian_float32_without_header() -> None:
    assert codec.encode([1.0, -2.5]) == struct.pack("<2f", 1.0, -2.5)
    assert len(codec.encode([0.0] * 3600)) == 4 * 3600


def test_decode_inverts_encode_at_float32_precision() -> None:
    values = (0.0, 1.0, 3.3, 42195.37, 1e-3, -7.25)
    back = codec.decode(codec.encode(values))
    assert back == tuple(struct.unpack("<6f", struct.pack("<6f", *values)))
    assert all(abs(a - b) <= abs(b) * 1e-7 for a, b in zip(back, values, strict=True))


def test_nan_marks_missing_samples_and_becomes_null_in_json() -> None:
    back = codec.decode(codec.encode([1.0, math.nan, 3.0]))
    assert back[0] == 1.0 and math.isnan(back[1]) and back[2] == 3.0
    assert codec.to_json(back) == [1.0, None, 3.0]
    assert codec.to_json([math.inf]) == [None]
    restored = codec.from_json([1.0, None])
    assert restored is not None and math.isnan(restored[1])


def test_empty_and_absent_channels() -> None:
    row = codec.to_row(Streams(time_s=()))
    assert row["samples"] == 0 and row["time_s"] == b"" and row["heart_rate"] is None
    assert codec.to_json(None) is None and codec.from_json(None) is None


def test_channels_of_different_lengths_are_refused() -> None:
    with pytest.raises(InvalidRecordError, match="heart_rate has 1 samples but time_s has 2"):
        codec.to_row(Streams(time_s=(0.0, 1.0), heart_rate=(1.0,)))


def test_non_numbers_are_refused() -> None:
    with pytest.raises(InvalidRecordError, match="must be numbers"):
        codec.to_row(Streams(time_s=("a",)))  # type: ignore[arg-type]
