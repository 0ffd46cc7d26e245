"""Athletes: one default athlete for now, with the profile TOML text."""

from __future__ import annotations

import pytest

from runlift.storage import AthleteRecord, Database, InvalidRecordError, NotFoundError

PROFILE = 'name = "Sam"\npriority = "running"\n'


def test_no_athlete_yet(db: Database) -> None:
    assert db.default_athlete() is None


def test_ensure_creates_once_and_returns_the_same_id(db: Database) -> None:
    sam = db.ensure_athlete("Sam", PROFILE)
    assert db.ensure_athlete("Sam") == sam
    assert db.ensure_athlete("Sam", "ignored = true") == sam
    assert db.default_athlete() == AthleteRecord(sam, "Sam", PROFILE)


def test_default_is_the_first_athlete(db: Database) -> None:
    first = db.ensure_athlete("Zoë")
    db.ensure_athlete("Abe")
    default = db.default_athlete()
    assert default is not None and default.id == first and default.name == "Zoë"


def test_set_profile_renames_and_replaces_the_profile(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    db.set_profile(sam, "Samantha", PROFILE + "# ✓\n")
    assert db.default_athlete() == AthleteRecord(sam, "Samantha", PROFILE + "# ✓\n")
    db.set_profile(sam, "Samantha", "")
    record = db.default_athlete()
    assert record is not None and record.profile_toml == ""


def test_set_profile_errors(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    kim = db.ensure_athlete("Kim")
    with pytest.raises(InvalidRecordError, match=f"id {kim}"):
        db.set_profile(sam, "Kim", PROFILE)
    with pytest.raises(NotFoundError):
        db.set_profile(999, "X", PROFILE)
    with pytest.raises(InvalidRecordError, match="needs a name"):
        db.set_profile(sam, "  ", PROFILE)
    with pytest.raises(InvalidRecordError, match="needs a name"):
        db.ensure_athlete("")
