from __future__ import annotations

from datetime import date

from runlift.analysis.adherence import Done, Planned, Status, match

MON, TUE, WED, THU = (date(2026, 12, d) for d in (7, 8, 9, 10))


def _p(sid: str, day: date, modality: str, minutes: int, kind: str = "easy") -> Planned:
    return Planned(sid, day, modality, kind, minutes)


def _d(aid: int, day: date, modality: str, minutes: float) -> Done:
    return Done(aid, day, modality, minutes)


def test_same_day_same_modality_is_completed_or_partial_by_duration() -> None:
    planned = [_p("w1-mon-1", MON, "run", 40), _p("w1-tue-1", TUE, "strength", 60)]
    done = [_d(1, MON, "run", 38), _d(2, TUE, "strength", 30)]
    result = {m.planned.session_id: m for m in match(planned, done, THU) if m.planned}
    assert result["w1-mon-1"].status is Status.COMPLETED
    assert result["w1-mon-1"].done == done[0]
    assert result["w1-tue-1"].status is Status.PARTIAL


def test_unmatched_sessions_are_missed_in_the_past_and_upcoming_later() -> None:
    planned = [_p("a", MON, "run", 40), _p("b", THU, "run", 40)]
    result = match(planned, [], WED)
    assert [m.status for m in result] == [Status.MISSED, Status.UPCOMING]


def test_an_activity_of_another_modality_is_extra_not_a_match() -> None:
    result = match([_p("a", MON, "run", 40)], [_d(1, MON, "strength", 40)], TUE)
    assert sorted(m.status for m in result) == sorted([Status.MISSED, Status.EXTRA])


def test_a_session_moved_by_one_day_counts() -> None:
    result = match([_p("a", MON, "run", 40)], [_d(1, TUE, "run", 40)], THU)
    assert [(m.status, m.done) for m in result] == [(Status.COMPLETED, _d(1, TUE, "run", 40))]


def test_same_day_wins_and_two_days_off_is_too_far() -> None:
    planned = [_p("a", MON, "run", 40), _p("b", TUE, "run", 40)]
    done = [_d(1, TUE, "run", 40), _d(2, THU, "run", 45)]
    result = match(planned, done, date(2026, 12, 11))
    by_id = {m.planned.session_id: m for m in result if m.planned}
    assert by_id["b"].done == done[0]
    assert by_id["a"].status is Status.MISSED
    assert [m.done for m in result if m.status is Status.EXTRA] == [done[1]]


def test_the_closest_duration_wins_among_same_day_candidates() -> None:
    planned = [_p("long", MON, "run", 90, "long")]
    done = [_d(1, MON, "run", 20), _d(2, MON, "run", 85)]
    result = match(planned, done, TUE)
    paired = next(m for m in result if m.planned)
    assert paired.done == done[1]
    assert [m.done for m in result if m.status is Status.EXTRA] == [done[0]]
