"""Schedule: place a week's sessions into the availability windows with OR-Tools CP-SAT.

Hard rules are constraints, each guarded by an assumption literal per day (or per
session) so that when a week cannot be fitted the solver's infeasible core names the
rules and days that clash. Soft rules are costs in the objective.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from runlift.errors import Conflict, InfeasiblePlanError
from runlift.model.plan import KEY_RUN_KINDS, Modality, SessionKind
from runlift.model.profile import AthleteProfile, Priority, TimeWindow, Weekday
from runlift.planning.compose import SessionSpec
from runlift.planning.settings import PlanSettings
from runlift.text import count

# Objective weights: soft rules first, tidiness last.
_W_CONSOLIDATE = 100_000
_W_BACK_TO_BACK = 30_000
_W_SHORT_GAP = 10_000
_W_DOUBLE_DAY = 3_000
_W_ORDER_PREFERENCE = 1_000
_W_LONG_RUN_ROOM = 10

_DAY_NAMES = {d: d.name.capitalize() for d in Weekday}


@dataclass(frozen=True, slots=True)
class Placement:
    day: int  # 0..6, offset from the first day of the week
    start_min: int  # minutes after local midnight


@dataclass(frozen=True, slots=True)
class WeekContext:
    """What the day before this week held, so rules hold across the week boundary."""

    prev_day_hard_lower: bool = False
    prev_day_demanding: bool = False


def first_modality(priority: Priority) -> Modality | None:
    """Which modality goes first on a shared day (order.priority-first); None: free."""
    if priority is Priority.RUNNING:
        return Modality.RUN
    if priority is Priority.STRENGTH:
        return Modality.STRENGTH
    return None


def is_hard_lower_lift(spec: SessionSpec) -> bool:
    return spec.kind.modality is Modality.STRENGTH and spec.is_hard and spec.lower_body


def is_demanding(spec: SessionSpec) -> bool:
    """Hard sessions and the long run: days a body needs to recover from."""
    return spec.is_hard or spec.kind is SessionKind.LONG


class _Week:
    """The CP-SAT model of one week; built once, solved once."""

    def __init__(
        self,
        profile: AthleteProfile,
        specs: Sequence[SessionSpec],
        days: Sequence[Weekday],
        context: WeekContext,
        settings: PlanSettings,
    ) -> None:
        from ortools.sat.python import cp_model  # heavy import: only when planning

        self.cp = cp_model
        self.model = cp_model.CpModel()
        self.profile = profile
        self.specs = list(specs)
        self.days = list(days)
        self.context = context
        self.settings = settings
        self.windows = [profile.schedule.availability.on(d) for d in self.days]
        self.longest = max((w.minutes for ws in self.windows for w in ws), default=0)
        self.assumptions: dict[int, tuple[str, int | None, int | None]] = {}
        self.costs: list[Any] = []
        self.x: dict[tuple[int, int, int], Any] = {}
        self.on_day: dict[tuple[int, int], Any] = {}

    def _assume(self, label: str, day: int | None = None, session: int | None = None) -> Any:
        lit = self.model.new_bool_var(f"assume:{label}:{day}:{session}")
        self.assumptions[lit.index] = (label, day, session)
        return lit

    def build(self) -> list[Conflict]:
        m = self.model
        unplaceable = []
        for i, spec in enumerate(self.specs):
            choices = []
            for d, wins in enumerate(self.windows):
                day_choices = []
                for w, win in enumerate(wins):
                    if win.minutes < spec.duration_min:
                        continue
                    x = m.new_bool_var(f"x{i}_{d}_{w}")
                    self.x[i, d, w] = x
                    day_choices.append(x)
                    if spec.kind is SessionKind.LONG:
                        # Prefer the roomiest window for the long run.
                        self.costs.append(_W_LONG_RUN_ROOM * (self.longest - win.minutes) * x)
                y = m.new_bool_var(f"day{i}_{d}")
                m.add(sum(day_choices) == y)
                self.on_day[i, d] = y
                choices.extend(day_choices)
            if not choices:
                unplaceable.append(i)
                continue
            m.add(sum(choices) == 1).only_enforce_if(self._assume("place", session=i))
        if unplaceable:
            return [self._no_window_conflict(i) for i in unplaceable]
        self._break_symmetry()
        self._one_per_modality_per_day()
        self._pairs()
        self._key_run_spacing()
        self._hard_days_apart()
        return []

    def _break_symmetry(self) -> None:
        """Identical sessions are interchangeable: fix their order by day to search less."""
        for i in range(len(self.specs) - 1):
            if self.specs[i].kind is self.specs[i + 1].kind and (
                self.specs[i].duration_min == self.specs[i + 1].duration_min
            ):
                days = range(len(self.days))
                self.model.add(
                    sum(d * self.on_day[i, d] for d in days)
                    <= sum(d * self.on_day[i + 1, d] for d in days)
                )

    def _no_window_conflict(self, i: int) -> Conflict:
        spec = self.specs[i]
        return Conflict(
            rule=spec.rules[0] if spec.rules else "window.fit",
            days=(),
            detail=f"a {spec.kind.value} session of {spec.duration_min} min fits no window "
            f"(the longest is {self.longest} min)",
            fix=f"add a window of at least {spec.duration_min} min on some day",
        )

    def _one_per_modality_per_day(self) -> None:
        for d in range(len(self.days)):
            if not self.windows[d]:
                continue
            for modality in Modality:
                same = [
                    self.on_day[i, d]
                    for i, s in enumerate(self.specs)
                    if s.kind.modality is modality
                ]
                if len(same) > 1:
                    lit = self._assume("day.one-per-modality", day=d)
                    self.model.add(sum(same) <= 1).only_enforce_if(lit)

    def _pairs(self) -> None:
        """A run and a lift on one day: which window pairs allow the order and the gap.

        Placement inside a window is settled afterwards by :func:`_times`, so the model
        only has to know, for each pair of windows, whether the sessions fit in the
        required order with 3 h between them (hard) and with 6 h (soft).
        """
        m = self.model
        first = first_modality(self.profile.priority)
        runs = [i for i, s in enumerate(self.specs) if s.kind.modality is Modality.RUN]
        lifts = [i for i, s in enumerate(self.specs) if s.kind.modality is Modality.STRENGTH]
        consolidated: dict[int, list[Any]] = {r: [] for r in runs}
        doubles: dict[int, list[Any]] = {d: [] for d in range(len(self.days))}
        gap, pref = self.settings.min_gap_min, self.settings.preferred_gap_min
        for d, wins in enumerate(self.windows):
            if not wins:
                continue
            gap_lit = self._assume("gap.same-day", day=d)
            order_lit = self._assume("order.priority-first", day=d) if first else None
            for r in runs:
                for lift in lifts:
                    both = m.new_bool_var(f"both{r}_{lift}_{d}")
                    yr, yl = self.on_day[r, d], self.on_day[lift, d]
                    m.add_implication(both, yr)
                    m.add_implication(both, yl)
                    m.add_bool_or([both, yr.Not(), yl.Not()])
                    doubles[d].append(both)
                    consolidated[r].append(both)
                    for wr, wl in itertools.product(range(len(wins)), repeat=2):
                        xr, xl = self.x.get((r, d, wr)), self.x.get((lift, d, wl))
                        if xr is None or xl is None:
                            continue
                        orders = _orders(first, self.specs[r], self.specs[lift])
                        run_w, lift_w = wins[wr], wins[wl]
                        dr, dl = self.specs[r].duration_min, self.specs[lift].duration_min
                        fit = partial(_fits, run_w, dr, lift_w, dl)
                        if not (fit(True, 0) or fit(False, 0)):
                            m.add_bool_or([xr.Not(), xl.Not()])  # they would overlap
                            continue
                        if not any(fit(o, 0) for o in orders):
                            assert order_lit is not None  # both orders fit when it is free
                            m.add_bool_or([xr.Not(), xl.Not(), order_lit.Not()])
                            continue
                        if not any(fit(o, gap) for o in orders):
                            m.add_bool_or([xr.Not(), xl.Not(), gap_lit.Not()])
                            continue
                        if not any(fit(o, pref) for o in orders):
                            short = m.new_bool_var(f"short{r}_{lift}_{d}_{wr}_{wl}")
                            m.add_bool_or([xr.Not(), xl.Not(), short])
                            self.costs.append(_W_SHORT_GAP * short)
                        if first is None and len(orders) == 2:
                            self._prefer_harder_first(r, lift, xr, xl, fit, gap)
        for r in runs:
            spec = self.specs[r]
            if spec.is_hard and "consolidate.hard-days" in spec.rules:
                together = m.new_bool_var(f"together{r}")
                m.add(sum(consolidated[r]) >= 1).only_enforce_if(together)
                self.costs.append(_W_CONSOLIDATE * together.Not())
        for pairs in doubles.values():
            if pairs:
                double = m.new_bool_var("double")
                m.add_max_equality(double, pairs)
                self.costs.append(_W_DOUBLE_DAY * double)

    def _prefer_harder_first(self, r: int, lift: int, xr: Any, xl: Any, fit: Any, gap: int) -> None:
        """Balanced athletes: on a shared day the harder session should go first."""
        run_hard, lift_hard = self.specs[r].is_hard, self.specs[lift].is_hard
        if run_hard == lift_hard or fit(run_hard, gap):
            return
        late = self.model.new_bool_var(f"late{r}_{lift}")
        self.model.add_bool_or([xr.Not(), xl.Not(), late])
        self.costs.append(_W_ORDER_PREFERENCE * late)

    def _key_run_spacing(self) -> None:
        if self.profile.priority is not Priority.RUNNING:
            return
        m = self.model
        heavy = [i for i, s in enumerate(self.specs) if is_hard_lower_lift(s)]
        key = [i for i, s in enumerate(self.specs) if s.kind in KEY_RUN_KINDS]
        if not key or not (heavy or self.context.prev_day_hard_lower):
            return
        for d in range(len(self.days)):
            before = self.context.prev_day_hard_lower if d == 0 else bool(self.windows[d - 1])
            if not self.windows[d] or not before:
                continue
            lit = self._assume("runner.key-run-spacing", day=d)
            for r in key:
                if d == 0:
                    if self.context.prev_day_hard_lower:
                        m.add(self.on_day[r, 0] == 0).only_enforce_if(lit)
                    continue
                for h in heavy:
                    m.add(self.on_day[h, d - 1] + self.on_day[r, d] <= 1).only_enforce_if(lit)

    def _hard_days_apart(self) -> None:
        m = self.model
        hard = [i for i, s in enumerate(self.specs) if is_demanding(s)]
        if not hard:
            return
        hard_day = []
        for d in range(len(self.days)):
            h = m.new_bool_var(f"hardday{d}")
            m.add_max_equality(h, [self.on_day[i, d] for i in hard])
            hard_day.append(h)
        if self.context.prev_day_demanding:
            self.costs.append(_W_BACK_TO_BACK * hard_day[0])
        for d in range(1, len(self.days)):
            both = m.new_bool_var(f"b2b{d}")
            m.add_bool_or([hard_day[d - 1].Not(), hard_day[d].Not(), both])
            self.costs.append(_W_BACK_TO_BACK * both)

    def _times(self, chosen: dict[int, tuple[int, int]]) -> dict[str, Placement]:
        """Start times inside the chosen windows: early, and as far apart as allowed."""
        out: dict[str, Placement] = {}
        by_day: dict[int, list[int]] = {}
        for i, (d, _) in chosen.items():
            by_day.setdefault(d, []).append(i)
        for d, sessions in by_day.items():
            wins = self.windows[d]
            if len(sessions) == 1:
                i = sessions[0]
                out[self.specs[i].key] = Placement(d, wins[chosen[i][1]].start_min)
                continue
            run, lift = sorted(
                sessions, key=lambda i: self.specs[i].kind.modality is not Modality.RUN
            )
            run_w, lift_w = wins[chosen[run][1]], wins[chosen[lift][1]]
            dr, dl = self.specs[run].duration_min, self.specs[lift].duration_min
            orders = _orders(
                first_modality(self.profile.priority), self.specs[run], self.specs[lift]
            )
            if len(orders) == 2 and self.specs[lift].is_hard and not self.specs[run].is_hard:
                orders = (False, True)
            gaps = (self.settings.preferred_gap_min, self.settings.min_gap_min)
            run_first, gap = next(
                (o, g) for g in gaps for o in orders if _fits(run_w, dr, lift_w, dl, o, g)
            )
            (i1, w1, d1), (i2, w2) = ((run, run_w, dr), (lift, lift_w))
            if not run_first:
                (i1, w1, d1), (i2, w2) = ((lift, lift_w, dl), (run, run_w))
            out[self.specs[i1].key] = Placement(d, w1.start_min)
            second = max(w2.start_min, w1.start_min + d1 + gap)
            tidy = _round_up(second, 5)  # a 5-minute mark, when the window still holds it
            if tidy + self.specs[i2].duration_min <= w2.end_min:
                second = tidy
            out[self.specs[i2].key] = Placement(d, second)
        return out

    def solve(self) -> dict[str, Placement] | list[Conflict]:
        cp = self.cp
        self.model.add_assumptions(
            [self.model.get_bool_var_from_proto_index(i) for i in self.assumptions]
        )
        self.model.minimize(sum(self.costs))
        solver = cp.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = self.settings.solver_time_limit_s
        status = solver.solve(self.model)
        if status in (cp.OPTIMAL, cp.FEASIBLE):
            chosen = {i: (d, w) for (i, d, w), x in self.x.items() if solver.boolean_value(x)}
            return self._times(chosen)
        if status != cp.INFEASIBLE:
            return [
                Conflict(
                    "solver",
                    (),
                    "the scheduler found no answer in time",
                    "try again with fewer weeks or simpler availability",
                )
            ]
        core = self._minimal_core(solver, solver.sufficient_assumptions_for_infeasibility())
        return self._explain([self.assumptions[i] for i in core])

    def _minimal_core(self, solver: Any, core: list[int]) -> list[int]:
        """Drop each assumption the infeasibility does not need, so the explanation names
        only the rules and days that really clash (deletion-based core minimisation)."""
        needed = list(core)
        for index in list(core):
            trial = [i for i in needed if i != index]
            self.model.clear_assumptions()
            self.model.add_assumptions([self.model.get_bool_var_from_proto_index(i) for i in trial])
            if solver.solve(self.model) == self.cp.INFEASIBLE:
                kept = set(solver.sufficient_assumptions_for_infeasibility())
                needed = [i for i in trial if i in kept] or trial
        return needed

    def _day(self, d: int) -> str:
        return _DAY_NAMES[self.days[d]]

    def _windows_text(self, d: int) -> str:
        return ", ".join(str(w) for w in self.windows[d]) or "no window"

    def _explain(self, core: list[tuple[str, int | None, int | None]]) -> list[Conflict]:
        conflicts: list[Conflict] = []
        placed = [s for label, _, s in core if label == "place" and s is not None]
        if placed:
            specs = [self.specs[i] for i in placed]
            demanding = ("runner.strength-frequency", "lifter.run-dose")
            rules = [r for r in demanding if any(r in s.rules for s in specs)]
            listed = ", ".join(f"{s.kind.value} ({s.duration_min} min)" for s in specs)
            n_runs = sum(s.kind.modality is Modality.RUN for s in self.specs)
            n_lifts = len(self.specs) - n_runs
            conflicts.append(
                Conflict(
                    rule=rules[0] if rules else "week.sessions",
                    days=tuple(self._day(d) for d in range(len(self.days)) if self.windows[d]),
                    detail=f"the week needs {count(n_runs, 'run')} and "
                    f"{count(n_lifts, 'lifting session')}; these "
                    f"could not all be placed: {listed}",
                    fix="add windows on more days (each day takes at most one run and one lift, "
                    "3 h apart), or lengthen the existing ones",
                )
            )
        by_label: dict[str, list[int]] = {}
        for label, d, _ in core:
            if label != "place" and d is not None:
                by_label.setdefault(label, []).append(d)
        for label, days in by_label.items():
            distinct = sorted(set(days))
            names = tuple(self._day(d) for d in distinct)
            windows = "; ".join(f"{self._day(d)} {self._windows_text(d)}" for d in distinct)
            conflicts.append(self._conflict_for(label, names, windows))
        return conflicts

    def _conflict_for(self, label: str, days: tuple[str, ...], windows: str) -> Conflict:
        gap_h = self.settings.min_gap_min / 60
        if label == "gap.same-day":
            return Conflict(
                label,
                days,
                f"a run and a lift on the same day need {gap_h:g} h between them; "
                f"the windows ({windows}) do not leave that room",
                f"widen these days' windows or add one at least {gap_h:g} h after "
                "another, or add availability on other days",
            )
        if label == "order.priority-first":
            first = first_modality(self.profile.priority)
            lead = "run" if first is Modality.RUN else "lift"
            return Conflict(
                label,
                days,
                f"with {self.profile.priority.value} as priority the {lead} must "
                f"come first on a shared day; the windows ({windows}) only fit the "
                "other order",
                "add an earlier window on these days or availability on other days",
            )
        if label == "runner.key-run-spacing":
            return Conflict(
                label,
                days,
                "heavy leg sessions may not fall on the day before a long run, "
                f"tempo or intervals; around {', '.join(days)} there is no other "
                "place for them",
                "add availability on a day that is not right before a key run, or "
                "a second window after the run on a key-run day",
            )
        return Conflict(
            label,
            days,
            "each day takes at most one run and one lift; the available days "
            f"({windows}) are too few for the week",
            "add availability on more days",
        )


def _round_up(minutes: int, step: int) -> int:
    return -(-minutes // step) * step


def _orders(first: Modality | None, run: SessionSpec, lift: SessionSpec) -> tuple[bool, ...]:
    """Allowed orders as "run goes first" flags: fixed by priority, else either."""
    if first is Modality.RUN:
        return (True,)
    if first is Modality.STRENGTH:
        return (False,)
    return (True, False)


def _fits(
    run_w: TimeWindow,
    run_min: int,
    lift_w: TimeWindow,
    lift_min: int,
    run_first: bool,
    gap: int,
) -> bool:
    """Whether the two sessions fit their windows in this order, ``gap`` minutes apart."""
    (w1, d1), (w2, d2) = ((run_w, run_min), (lift_w, lift_min))
    if not run_first:
        (w1, d1), (w2, d2) = (w2, d2), (w1, d1)
    second_start = max(w2.start_min, w1.start_min + d1 + gap)
    return second_start + d2 <= w2.end_min


def schedule_week(
    profile: AthleteProfile,
    specs: Sequence[SessionSpec],
    days: Sequence[Weekday],
    week: int,
    context: WeekContext,
    settings: PlanSettings,
) -> dict[str, Placement]:
    """Place ``specs`` into the seven ``days`` of ``week``, or raise InfeasiblePlanError."""
    model = _Week(profile, specs, days, context, settings)
    conflicts = model.build()
    if conflicts:
        raise InfeasiblePlanError(week, conflicts)
    result = model.solve()
    if isinstance(result, list):
        raise InfeasiblePlanError(week, result)
    return result
