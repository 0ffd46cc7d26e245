"""``runlift init``: write a profile from flags (no terminal) or by questions (a real pty)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time as clock
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path

import pytest

from runlift.cli.init_cmd import EXAMPLES
from runlift.model.profile import Experience, Priority, RunFormat, Weekday
from runlift.profile_file import load_profile
from tests.cli.helpers import conflicts, console_script, invoke

FULL_FLAGS = (
    "--priority",
    "running",
    "--experience-running",
    "experienced",
    "--experience-strength",
    "novice",
    "--weekly-minutes",
    "180",
    "--recent-race",
    "5k 23:40",
    "--avail",
    "mon 06:00-08:00 18:00-20:00",
    "--avail",
    "sat 08:00-12:00",
    "--start",
    "2027-01-04",
    "--weeks",
    "8",
)


def _windows(profile_path: Path, day: Weekday) -> list[str]:
    return [str(w) for w in load_profile(profile_path).schedule.availability.on(day)]


# --------------------------------------------------------------------------- flags


def test_init_from_flags_writes_a_profile_with_those_values(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"

    result = invoke("init", "-o", target, *FULL_FLAGS)

    assert result.exit_code == 0, result.stderr
    assert f"Wrote {target}. Next: runlift plan {target}" in result.stdout
    profile = load_profile(target)
    assert profile.priority is Priority.RUNNING
    assert profile.experience_running is Experience.EXPERIENCED
    assert profile.experience_strength is Experience.NOVICE
    assert profile.running.weekly_minutes == 180
    assert profile.running.recent_race is not None
    assert profile.running.recent_race.distance_m == 5000
    assert profile.running.recent_race.time_s == 23 * 60 + 40
    assert profile.schedule.start == date(2027, 1, 4)
    assert profile.schedule.weeks == 8
    assert _windows(target, Weekday.MON) == ["06:00-08:00", "18:00-20:00"]
    assert _windows(target, Weekday.SAT) == ["08:00-12:00"]
    for day in (Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SUN):
        assert _windows(target, day) == []
    assert target.read_text("utf-8").startswith("# runlift athlete profile.")


def test_plan_on_the_init_profile_is_infeasible_and_says_why(tmp_path: Path) -> None:
    """Exit 3, by design: Monday holds a run and a lift, Saturday's single 4-hour window
    holds one session (a 45-min run, 3 h and a 45-min lift do not fit in it), so three
    sessions fit, while running priority needs 2 lifts and at least 2 runs here."""
    target = tmp_path / "athlete.toml"
    assert invoke("init", "-o", target, *FULL_FLAGS).exit_code == 0

    result = invoke("plan", target, "--weeks", "2")

    assert result.exit_code == 3
    assert result.stdout == ""
    named = dict(conflicts(result.stderr))
    assert "runner.strength-frequency" in named
    assert set(named["runner.strength-frequency"]) == {"Mon", "Sat"}
    assert "fix: add windows on more days" in result.stderr


def test_plan_on_an_init_profile_with_enough_days_works(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"
    flags = [*FULL_FLAGS, "--avail", "tue 18:00-20:00", "--avail", "thu 18:00-20:00"]
    assert invoke("init", "-o", target, *flags).exit_code == 0

    result = invoke("plan", target, "--weeks", "2")

    assert result.exit_code == 0, result.stderr
    assert "Plan for Athlete: 2 weeks from Mon 04 Jan 2027" in result.stdout
    assert "w1-tue-1" in result.stdout or "w1-thu-1" in result.stdout


def test_init_without_a_terminal_uses_defaults_and_does_not_wait(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"

    result = invoke("init", "-o", target, stdin="")

    assert result.exit_code == 0, result.stderr
    profile = load_profile(target)
    assert profile.name == "Athlete"
    assert profile.priority is Priority.RUNNING
    assert profile.schedule.weeks == 12
    assert profile.schedule.start.weekday() == 0
    assert profile.schedule.start > date.today()
    open_days = {day for day, windows in profile.schedule.availability.windows if windows}
    assert open_days == {Weekday.MON, Weekday.WED, Weekday.FRI, Weekday.SAT}


def test_init_strength_priority_keeps_run_format(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"

    result = invoke(
        "init", "-o", target, "--priority", "strength", "--run-format", "hiit", "--name", 'A "B"'
    )

    assert result.exit_code == 0, result.stderr
    profile = load_profile(target)
    assert profile.strength.run_format is RunFormat.HIIT
    assert profile.name == 'A "B"'


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"
    target.write_text("# mine, keep it\n", encoding="utf-8")

    result = invoke("init", "-o", target, "--priority", "strength")

    assert result.exit_code == 2
    assert f"{target} exists" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text("utf-8") == "# mine, keep it\n"


def test_init_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"
    target.write_text("# mine, keep it\n", encoding="utf-8")

    result = invoke("init", "-o", target, "--priority", "strength", "--force")

    assert result.exit_code == 0, result.stderr
    assert load_profile(target).priority is Priority.STRENGTH


@pytest.mark.parametrize(
    ("flags", "needles"),
    [
        (["--priority", "speed"], ["priority: must be one of", "'speed'"]),
        (
            ["--avail", "mon 08:00-06:00"],
            ["schedule.availability.mon[0]", "must end after it starts"],
        ),
        (["--avail", "moon 08:00-10:00"], ["schedule.availability.moon", "unknown day"]),
        (["--experience-running", "pro"], ["experience.running", "'pro'"]),
        (["--weekly-minutes", "-5"], ["running.weekly_minutes", "between 0 and 3000"]),
        (["--recent-race", "5k abc"], ["running.recent_race.time", "'abc'"]),
        (["--goal-race", "half someday"], ["running.goal_race.date", "'someday'"]),
        (["--start", "2027-02-30"], ["schedule.start", "not a real date"]),
        (["--weeks", "0"], ["schedule.weeks", "between 1 and 52"]),
        (
            ["--priority", "strength", "--run-format", "swim"],
            ["strength.run_format", "'swim'"],
        ),
    ],
    ids=[
        "priority",
        "window",
        "day",
        "experience",
        "minutes",
        "race",
        "goal",
        "start",
        "weeks",
        "run-format",
    ],
)
def test_init_bad_answer_names_the_field_and_writes_nothing(
    tmp_path: Path, flags: list[str], needles: list[str]
) -> None:
    target = tmp_path / "athlete.toml"

    result = invoke("init", "-o", target, *flags)

    assert result.exit_code == 2
    assert "is not a valid athlete profile" in result.stderr
    for needle in needles:
        assert needle in result.stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_init_into_a_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "athlete.toml"

    result = invoke("init", "-o", target)

    assert result.exit_code == 2
    assert str(target) in result.stderr


def test_init_same_day_twice_is_merged_or_named(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"

    result = invoke(
        "init", "-o", target, "--avail", "mon 06:00-08:00", "--avail", "mon 18:00-20:00"
    )

    if result.exit_code == 0:
        assert _windows(target, Weekday.MON) == ["06:00-08:00", "18:00-20:00"]
    else:
        assert result.exit_code == 2
        assert "schedule.availability.mon" in result.stderr
        assert "TOML" not in result.stderr


def _help_example_flags() -> list[str]:
    """The flags of the non-interactive example in ``runlift init --help``."""
    joined = EXAMPLES.replace("\\\n", " ")
    command = next(line for line in joined.splitlines() if "runlift init --" in line)
    words = shlex.split(command.split("runlift init", 1)[1])
    if "-o" in words:
        del words[words.index("-o") : words.index("-o") + 2]
    return words


def test_the_init_help_example_gives_a_plannable_profile(tmp_path: Path) -> None:
    target = tmp_path / "athlete.toml"
    flags = _help_example_flags()
    assert "--avail" in flags
    assert invoke("init", "-o", target, *flags).exit_code == 0

    result = invoke("plan", target, "--weeks", "2")

    assert result.exit_code == 0, result.stderr


# --------------------------------------------------------------------------- terminal


class Terminal:
    """The real ``runlift`` program on a pseudo-terminal, answered prompt by prompt."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        pty = pytest.importorskip("pty", reason="no pseudo-terminals on this platform")
        try:
            self.master, slave = pty.openpty()
        except OSError as exc:
            pytest.skip(f"cannot open a pseudo-terminal here: {exc}")
        env = {**os.environ, "TERM": "dumb", "COLUMNS": "200", "NO_COLOR": "1"}
        self.proc = subprocess.Popen(
            [str(console_script()), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.transcript = ""
        self.seen = 0

    def _read(self, deadline: float) -> bool:
        import select

        remaining = deadline - clock.monotonic()
        if remaining <= 0:
            return False
        ready, _, _ = select.select([self.master], [], [], remaining)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: the program closed the terminal
            return False
        if not chunk:
            return False
        self.transcript += chunk.decode("utf-8", "replace")
        return True

    def expect(self, needle: str, timeout: float = 20) -> None:
        deadline = clock.monotonic() + timeout
        while needle not in self.transcript[self.seen :]:
            if not self._read(deadline):
                pytest.fail(f"never saw {needle!r}; the terminal showed:\n{self.transcript}")
        self.seen = self.transcript.index(needle, self.seen) + len(needle)

    def answer(self, prompt: str, line: str) -> None:
        self.expect(prompt)
        os.write(self.master, line.encode() + b"\r")

    def finish(self, timeout: float = 20) -> int:
        deadline = clock.monotonic() + timeout
        while self.proc.poll() is None and clock.monotonic() < deadline:
            self._read(min(deadline, clock.monotonic() + 0.2))
        while self._read(clock.monotonic() + 0.2):
            pass
        if self.proc.poll() is None:
            self.close()
            pytest.fail(f"runlift did not finish; the terminal showed:\n{self.transcript}")
        return self.proc.returncode

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        os.close(self.master)


Spawn = Callable[..., Terminal]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Spawn]:
    opened: list[Terminal] = []

    def spawn(*args: str) -> Terminal:
        term = Terminal(list(args), tmp_path)
        opened.append(term)
        return term

    yield spawn
    for term in opened:
        term.close()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_init_interactive_asks_every_question_and_writes_the_answers(
    tmp_path: Path, terminal: Spawn
) -> None:
    target = tmp_path / "athlete.toml"
    term = terminal("init", "-o", str(target))

    term.answer("Your name [Athlete]:", "Kim")
    term.answer("Priority (running, strength, balanced) [running]:", "strength")
    term.answer("Running experience (novice, intermediate, experienced) [novice]:", "")
    term.answer("Strength experience", "experienced")
    term.answer("Minutes of running in a typical week [0]:", "40")
    term.answer("A recent race", "5k 27:30")
    term.answer("A goal race", "")
    term.answer("Running as easy jogs or HIIT (jog, hiit) [jog]:", "hiit")
    term.answer("First day of the plan (YYYY-MM-DD)", "2027-01-04")
    term.answer("Weeks (1-52) [12]:", "6")
    answers = {
        "mon": "06:30-08:30 17:30-19:30",
        "tue": "",
        "wed": "06:30-08:30 17:30-19:30",
        "thu": "",
        "fri": "06:30-08:30 17:30-19:30",
        "sat": "09:00-11:30",
        "sun": "",
    }
    for day, line in answers.items():
        term.answer(f"{day} windows", line)
    code = term.finish()

    assert code == 0, term.transcript
    assert "Traceback" not in term.transcript
    assert f"Wrote {target}" in term.transcript
    profile = load_profile(target)
    assert profile.name == "Kim"
    assert profile.priority is Priority.STRENGTH
    assert profile.experience_running is Experience.NOVICE  # the default, by Enter
    assert profile.experience_strength is Experience.EXPERIENCED
    assert profile.running.weekly_minutes == 40
    assert profile.running.goal_race is None
    assert profile.strength.run_format is RunFormat.HIIT
    assert profile.schedule.start == date(2027, 1, 4)
    assert profile.schedule.weeks == 6
    mon = profile.schedule.availability.on(Weekday.MON)
    assert [(w.start, w.end) for w in mon] == [
        (time(6, 30), time(8, 30)),
        (time(17, 30), time(19, 30)),
    ]
    assert profile.schedule.availability.on(Weekday.TUE) == ()
    assert [str(w) for w in profile.schedule.availability.on(Weekday.SAT)] == ["09:00-11:30"]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_init_interactive_asks_only_what_the_flags_leave_out(
    tmp_path: Path, terminal: Spawn
) -> None:
    target = tmp_path / "athlete.toml"
    term = terminal(
        "init", "-o", str(target), "--name", "Flag", "--priority", "running",
        "--experience-running", "novice", "--experience-strength", "novice",
        "--weekly-minutes", "60", "--recent-race", "", "--goal-race", "",
        "--start", "2027-01-04", "--avail", "tue 18:00-20:00",
    )  # fmt: skip

    term.answer("Weeks (1-52) [12]:", "")
    code = term.finish()

    assert code == 0, term.transcript
    assert "Your name" not in term.transcript
    assert "windows" not in term.transcript
    profile = load_profile(target)
    assert profile.name == "Flag"
    assert profile.schedule.weeks == 12
    assert [str(w) for w in profile.schedule.availability.on(Weekday.TUE)] == ["18:00-20:00"]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_init_interactive_non_number_minutes_names_the_field(
    tmp_path: Path, terminal: Spawn
) -> None:
    target = tmp_path / "athlete.toml"
    term = terminal(
        "init", "-o", str(target), "--name", "K", "--priority", "running",
        "--experience-running", "novice", "--experience-strength", "novice",
        "--recent-race", "", "--goal-race", "", "--start", "2027-01-04", "--weeks", "4",
        "--avail", "mon 06:00-08:00",
    )  # fmt: skip

    term.answer("Minutes of running in a typical week [0]:", "about 3 hours")
    code = term.finish()

    assert code == 2, term.transcript
    assert not target.exists()
    assert "running.weekly_minutes" in term.transcript
    assert "TOML" not in term.transcript
