"""One activity is one transaction: a failure part-way leaves nothing behind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from runlift.errors import InputError
from runlift.model.activity import StrengthSet, Wellness
from runlift.storage import Database, InvalidRecordError, StorageError
from tests.storage.helpers import count_rows, lift, run

TABLES = ("activities", "laps", "streams", "strength_sets")


def nothing_stored(db: Database) -> bool:
    return all(count_rows(db, table) == 0 for table in TABLES)


def test_a_set_breaking_a_check_constraint_rolls_back_the_whole_activity(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    bad = StrengthSet("back squat", "Squat", reps=-1, load_kg=80.0)
    # Laps and streams are written before the sets: the database refuses the last set.
    activity = run(sets=(*lift().sets, bad))
    with pytest.raises(InvalidRecordError, match="reps must be 0 or more") as info:
        db.add_activity(sam, activity)
    assert isinstance(info.value, InputError)
    assert nothing_stored(db)
    assert db.add_activity(sam, run()) >= 1  # the database is still usable


def test_an_unknown_set_type_is_refused_by_the_database(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    odd = replace(lift().sets[0], type="superset")  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError, match="set's type must be"):
        db.add_activity(sam, lift(sets=(odd,)))
    assert nothing_stored(db)


def test_a_failure_injected_while_writing_streams_leaves_nothing(db: Database) -> None:
    sam = db.ensure_athlete("Sam")

    def fail_on_streams(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO STREAMS"):
            raise RuntimeError("disk pulled out")

    sa.event.listen(db.engine, "before_cursor_execute", fail_on_streams)
    try:
        with pytest.raises(RuntimeError, match="disk pulled out"):
            db.add_activity(sam, run(sets=lift().sets))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", fail_on_streams)
    assert nothing_stored(db)


def test_a_driver_error_mid_write_is_a_storage_error_naming_the_database(db: Database) -> None:
    sam = db.ensure_athlete("Sam")

    def break_sets(_conn: Any, _cursor: Any, statement: str, *rest: Any) -> tuple[str, Any]:
        if "INSERT INTO strength_sets" in statement:
            return statement.replace("strength_sets", "no_such_table"), rest[0]
        return statement, rest[0]

    sa.event.listen(db.engine, "before_cursor_execute", break_sets, retval=True)
    try:
        with pytest.raises(StorageError, match=r"no_such_table") as info:
            db.add_activity(sam, run(sets=lift().sets))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", break_sets)
    assert db.display_url in str(info.value)
    assert nothing_stored(db)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (Wellness(date(2026, 1, 1), soreness=11), "soreness must be between 1 and 10"),
        (Wellness(date(2026, 1, 1), soreness=0), "soreness must be between 1 and 10"),
        (Wellness(date(2026, 1, 1), mood=0, sleep_h=7.5), "mood must be between 1 and 10"),
    ],
)
def test_wellness_out_of_range_is_refused_and_nothing_written(
    db: Database, entry: Wellness, message: str
) -> None:
    sam = db.ensure_athlete("Sam")
    with pytest.raises(InvalidRecordError, match=message):
        db.put_wellness(sam, entry)
    assert db.list_wellness(sam) == []
