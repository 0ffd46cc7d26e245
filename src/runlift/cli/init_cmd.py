"""``runlift init``: write a commented athlete.toml, by questions or by flags."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from runlift.cli.common import user_errors
from runlift.errors import FieldProblem, InputError, ProfileError

EXAMPLES = """\
Examples:

  runlift init                                  # asks questions in a terminal

  runlift init --priority running --experience-running experienced \\
      --experience-strength novice --weekly-minutes 180 --recent-race "5k 23:40" \\
      --avail "mon 06:00-08:00 18:00-20:00" --avail "wed 18:00-20:00" \\
      --avail "thu 18:00-20:00" --avail "sat 08:00-12:00" -o athlete.toml
"""

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DEFAULT_AVAIL = ["mon 18:00-20:00", "wed 18:00-20:00", "fri 18:00-20:00", "sat 08:00-11:00"]


def _next_monday() -> date:
    today = date.today()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _availability_lines(entries: list[str]) -> list[str]:
    """One TOML line per day; several --avail flags for one day add up."""
    by_day: dict[str, list[str]] = {}
    for entry in entries:
        day, _, windows = entry.strip().partition(" ")
        by_day.setdefault(day.lower(), []).extend(windows.split())
    return [
        f"{_toml_string(day)} = [{', '.join(_toml_string(w) for w in windows)}]"
        for day, windows in by_day.items()
    ]


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _whole_number(text: str | None, field: str) -> int | None:
    """An answer that must be a whole number, refused with the profile field's name."""
    if text is None or not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise ProfileError(
            "your answers", [FieldProblem(field, "must be a whole number", text)]
        ) from None


def _race(text: str | None, second: str) -> str | None:
    """ "5k 23:40" -> inline TOML table; the second word is a time or a date."""
    if not text:
        return None
    distance, _, rest = text.strip().partition(" ")
    return f"{{ distance = {_toml_string(distance)}, {second} = {_toml_string(rest.strip())} }}"


def _ask(value: str | None, question: str, default: str | None = None) -> str | None:
    if value is not None or not sys.stdin.isatty():
        return value if value is not None else default
    answer: str = typer.prompt(question, default=default or "", show_default=bool(default))
    return answer or None


def init(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path(
        "athlete.toml"
    ),
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    priority: Annotated[str | None, typer.Option(help="running, strength or balanced.")] = None,
    experience_running: Annotated[
        str | None, typer.Option(help="novice, intermediate or experienced.")
    ] = None,
    experience_strength: Annotated[
        str | None, typer.Option(help="novice, intermediate or experienced.")
    ] = None,
    weekly_minutes: Annotated[
        int | None, typer.Option(help="Minutes you run in a typical week now.")
    ] = None,
    recent_race: Annotated[
        str | None, typer.Option(help='A recent race: "5k 23:40" (sets your paces).')
    ] = None,
    goal_race: Annotated[str | None, typer.Option(help='Goal race: "half 2027-03-14".')] = None,
    run_format: Annotated[
        str | None, typer.Option(help="Lifters: jog (easy runs) or hiit.")
    ] = None,
    start: Annotated[str | None, typer.Option(help="First plan day, YYYY-MM-DD.")] = None,
    weeks: Annotated[int | None, typer.Option(help="Plan length, 1-52.")] = None,
    avail: Annotated[
        list[str] | None,
        typer.Option(help='Availability, one day per flag: "mon 06:00-08:00 18:00-20:00".'),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented athlete profile (athlete.toml) for `runlift plan`.

    In a terminal it asks for whatever the flags leave out; otherwise it uses the flags
    and sensible defaults. The answers are checked before anything is written.
    """
    from runlift.profile_file import parse_profile, render_profile

    with user_errors():
        if output.exists() and not force:
            typer.echo(f"Error: {output} exists; use --force to overwrite it", err=True)
            raise typer.Exit(2)
        name = _ask(name, "Your name", "Athlete")
        priority = _ask(priority, "Priority (running, strength, balanced)", "running")
        experience_running = _ask(
            experience_running, "Running experience (novice, intermediate, experienced)", "novice"
        )
        experience_strength = _ask(
            experience_strength, "Strength experience (novice, intermediate, experienced)", "novice"
        )
        minutes = _ask(
            None if weekly_minutes is None else str(weekly_minutes),
            "Minutes of running in a typical week",
            "0",
        )
        recent_race = _ask(recent_race, 'A recent race, e.g. "5k 23:40" (empty for none)')
        goal_race = _ask(goal_race, 'A goal race, e.g. "half 2027-03-14" (empty for none)')
        if priority == "strength":
            run_format = _ask(run_format, "Running as easy jogs or HIIT (jog, hiit)", "jog")
        start = _ask(start, "First day of the plan (YYYY-MM-DD)", _next_monday().isoformat())
        weeks_text = _ask(None if weeks is None else str(weeks), "Weeks (1-52)", "12")
        entries = list(avail or [])
        if not entries and sys.stdin.isatty():
            for day in _DAYS:
                got = typer.prompt(
                    f"{day} windows, e.g. 06:00-08:00 18:00-20:00 (empty: none)",
                    default="",
                    show_default=False,
                )
                if got.strip():
                    entries.append(f"{day} {got}")
        entries = entries or _DEFAULT_AVAIL
        lines = [
            f"name = {_toml_string(name or 'Athlete')}",
            f"priority = {_toml_string(priority or 'running')}",
            "[experience]",
            f"running = {_toml_string(experience_running or 'novice')}",
            f"strength = {_toml_string(experience_strength or 'novice')}",
            "[running]",
            f"weekly_minutes = {_whole_number(minutes, 'running.weekly_minutes') or 0}",
        ]
        race = _race(recent_race, "time")
        if race:
            lines.append(f"recent_race = {race}")
        goal = _race(goal_race, "date")
        if goal:
            lines.append(f"goal_race = {goal}")
        if run_format:
            lines += ["[strength]", f"run_format = {_toml_string(run_format)}"]
        lines += [
            "[schedule]",
            f"start = {_toml_string(start or _next_monday().isoformat())}",
            f"weeks = {_or(_whole_number(weeks_text, 'schedule.weeks'), 12)}",
            "[schedule.availability]",
            *_availability_lines(entries),
        ]
        profile = parse_profile("\n".join(lines) + "\n", f"{output} (from your answers)")
        try:
            output.write_text(render_profile(profile), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write the file ({exc.strerror})") from None
    typer.echo(f"Wrote {output}. Next: runlift plan {output}")
