"""``services.analyse`` end to end on a stored log, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta
from importlib import resources

import jsonschema
import pytest

from runlift import services
from runlift.errors import InputError, NotEnoughDataError
from runlift.storage import Database
from tests.analysis.stories import CRAMMED_DAY, TODAY, interfering_lifter, store


def test_the_interfering_lifter_is_caught(db: Database) -> None:
    store(db, interfering_lifter())
    report = services.analyse(db, services.AnalysisOptions(weeks=12, today=TODAY))

    ids = {s.id for s in report.signals}
    assert {"strength-stall-run-rise", "same-day-order", "same-day-gap"} <= ids
    stall = next(s for s in report.signals if s.id == "strength-stall-run-rise")
    assert stall.evidence["lift"] == "back squat"
    gap = next(s for s in report.signals if s.id == "same-day-gap")
    assert gap.evidence["days"] == CRAMMED_DAY.isoformat()
    assert report.athlete == "Alex"
    assert report.last == TODAY - timedelta(days=TODAY.weekday())
    assert len(report.weeks) == 12 and len(report.running_weeks) == 12
    assert report.fitness[-1].day == TODAY
    # every stored run has heart-rate and speed streams, and the profile a maximum
    assert report.zones and all(len(z.hr_minutes) == 5 for z in report.zones)
    assert all(sum(z.pace_minutes.values()) > 0 for z in report.zones)


def test_documents_follow_their_schemas(db: Database) -> None:
    store(db, interfering_lifter())
    report = services.analyse(db, services.AnalysisOptions(weeks=8, today=TODAY, fit="auto"))

    signals = services.signals_document(report)
    jsonschema.validate(
        signals,
        json.loads(
            resources.files("runlift.schemas").joinpath("signals-1.schema.json").read_text("utf-8")
        ),
    )
    assert signals["schema"] == "runlift.signals/1"
    cited = {n for s in signals["signals"] for n in s["refs"]}
    assert {r["n"] for r in signals["references"]} == cited
    document = services.report_document(report)
    assert document["schema"] == "runlift.report/1"
    assert document["signals"] == signals["signals"]


def test_an_empty_log_is_refused_with_what_to_do(db: Database) -> None:
    with pytest.raises(NotEnoughDataError, match="runlift import"):
        services.analyse(db, services.AnalysisOptions())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (services.AnalysisOptions(weeks=0), "--weeks"),
        (services.AnalysisOptions(measure="trimp"), "--load"),
        (services.AnalysisOptions(pmc="banister"), "--pmc"),
    ],
)
def test_bad_options_name_the_option(
    db: Database, options: services.AnalysisOptions, message: str
) -> None:
    store(db, interfering_lifter()[:3])
    with pytest.raises(InputError, match=message):
        services.analyse(db, options)
