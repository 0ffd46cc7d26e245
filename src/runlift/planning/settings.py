"""Planning settings: every number the evidence leaves open, with its documented default."""

from __future__ import annotations

from dataclasses import dataclass

from runlift.model.profile import Experience


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """Tunable planning constants.

    ``run_ramp_cap``: weekly running minutes may exceed the highest earlier week by at
    most this fraction. The common "10 % rule" showed no injury benefit in a trial of
    novices (Buist 2008, ref 20), while progressions above 30 % over two weeks were
    linked to more distance-related injuries (Nielsen 2014, ref 19). 10 % a week keeps
    well under that threshold, so it is the default; raise it knowingly.

    ``strength_ramp_cap``: the same for weekly working sets. No trial sets this number;
    20 % lets a novice add one set per exercise every couple of weeks, in the spirit of
    ACSM's gradual progression (ref 21).

    ``deload_every``: a lighter week every N weeks (3-5 in the rule); ``None`` picks it
    by experience: every 4th week for novices and intermediates, every 5th for the
    experienced, close to the 5.8-week mean athletes report (Bell 2022, ref 22).
    """

    run_ramp_cap: float = 0.10
    strength_ramp_cap: float = 0.20
    deload_every: int | None = None
    deload_run_factor: float = 0.70
    deload_set_factor: float = 0.60
    min_gap_min: int = 180
    preferred_gap_min: int = 360
    solver_time_limit_s: float = 10.0

    def deload_cadence(self, experience: Experience) -> int:
        if self.deload_every is not None:
            return self.deload_every
        return 5 if experience is Experience.EXPERIENCED else 4


DEFAULT_SETTINGS = PlanSettings()
