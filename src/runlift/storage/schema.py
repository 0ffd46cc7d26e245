"""The tables (SQLAlchemy Core). Migrations create exactly this; a test compares the two.

Times: ``*_utc`` columns hold naive UTC instants; ``utc_offset_min`` keeps the offset the
activity was recorded in, so the original local time comes back exactly. Floats are
double precision; only the sample streams are float32 (see ``streams.py``).
"""

from __future__ import annotations

import sqlalchemy as sa

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)

#: What each CHECK constraint means, for the error a user sees when one is broken.
CHECKS = {
    "ck_activities_modality_known": "an activity's modality must be run, strength or other",
    "ck_activities_duration_non_negative": "an activity's duration must be 0 or more",
    "ck_activities_offset_range": "a UTC offset must lie within -18:00..+18:00",
    "ck_plans_version_positive": "a plan version must be 1 or more",
    "ck_strength_sets_type_known": "a set's type must be warmup, working, drop, failure or rest",
    "ck_strength_sets_reps_non_negative": "a set's reps must be 0 or more",
    "ck_strength_sets_position_non_negative": "a set's position must be 0 or more",
    "ck_laps_position_non_negative": "a lap's position must be 0 or more",
    "ck_wellness_soreness_range": "soreness must be between 1 and 10",
    "ck_wellness_mood_range": "mood must be between 1 and 10",
    "ck_activity_plan_links_status_known": "a link's status must be completed or partial",
    "ck_streams_samples_non_negative": "a stream's sample count must be 0 or more",
    "ck_imported_files_status_known": "an imported file's status must be imported, duplicate "
    "or linked",
    "ck_imported_files_activities_non_negative": "an imported file's activity count must be 0 "
    "or more",
    "ck_activity_sources_duration_non_negative": "a linked copy's duration must be 0 or more",
    "ck_activity_sources_offset_range": "a UTC offset must lie within -18:00..+18:00",
}


def _double(name: str, *, nullable: bool = True) -> sa.Column[float]:
    return sa.Column(name, sa.Double(), nullable=nullable)


def _cascade(target: str) -> sa.ForeignKey:
    return sa.ForeignKey(target, ondelete="CASCADE")


athletes = sa.Table(
    "athletes",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("profile_toml", sa.Text(), nullable=True),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.UniqueConstraint("name"),
)

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("athlete_id", sa.Integer(), _cascade("athletes.id"), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("is_current", sa.Boolean(), nullable=False),
    sa.Column("document", sa.Text(), nullable=False),
    sa.UniqueConstraint("athlete_id", "version"),
    sa.CheckConstraint("version >= 1", name="version_positive"),
)

planned_sessions = sa.Table(
    "planned_sessions",
    metadata,
    sa.Column("plan_id", sa.Integer(), _cascade("plans.id"), primary_key=True),
    sa.Column("session_id", sa.Text(), primary_key=True),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("start_time", sa.Time(), nullable=False),
    sa.Column("end_time", sa.Time(), nullable=False),
    sa.Column("modality", sa.Text(), nullable=False),
    sa.Column("kind", sa.Text(), nullable=False),
    sa.Column("intensity", sa.Text(), nullable=False),
    sa.Column("duration_min", sa.Integer(), nullable=False),
    _double("distance_km"),
    sa.Index(None, "plan_id", "day"),
)

activities = sa.Table(
    "activities",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("athlete_id", sa.Integer(), _cascade("athletes.id"), nullable=False),
    sa.Column("start_utc", sa.DateTime(), nullable=False),
    sa.Column("utc_offset_min", sa.Integer(), nullable=False),
    sa.Column("local_day", sa.Date(), nullable=False),
    sa.Column("modality", sa.Text(), nullable=False),
    sa.Column("sport", sa.Text(), nullable=False),
    _double("duration_s", nullable=False),
    _double("moving_s"),
    _double("distance_m"),
    _double("ascent_m"),
    _double("avg_hr"),
    _double("max_hr"),
    _double("rpe"),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("source_file", sa.Text(), nullable=True),
    sa.Column("source_hash", sa.Text(), nullable=True),
    sa.Column("device", sa.Text(), nullable=True),
    sa.Column("notes", sa.Text(), nullable=True),
    sa.Column("stored_at", sa.DateTime(), nullable=False),
    # Also the index for hash look-ups; NULL hashes never collide.
    sa.UniqueConstraint("athlete_id", "source_hash"),
    sa.Index(None, "athlete_id", "start_utc"),
    sa.Index(None, "athlete_id", "local_day"),
    sa.CheckConstraint("modality IN ('run', 'strength', 'other')", name="modality_known"),
    sa.CheckConstraint("duration_s >= 0", name="duration_non_negative"),
    sa.CheckConstraint("utc_offset_min BETWEEN -1080 AND 1080", name="offset_range"),
)

laps = sa.Table(
    "laps",
    metadata,
    sa.Column("activity_id", sa.Integer(), _cascade("activities.id"), primary_key=True),
    sa.Column("position", sa.Integer(), primary_key=True),
    sa.Column("start_utc", sa.DateTime(), nullable=False),
    sa.Column("utc_offset_min", sa.Integer(), nullable=False),
    _double("duration_s", nullable=False),
    _double("distance_m"),
    _double("avg_hr"),
    _double("max_hr"),
    _double("ascent_m"),
    sa.CheckConstraint("position >= 0", name="position_non_negative"),
)

#: One row per activity; each channel a blob of little-endian float32 (NaN = missing).
streams = sa.Table(
    "streams",
    metadata,
    sa.Column("activity_id", sa.Integer(), _cascade("activities.id"), primary_key=True),
    sa.Column("encoding", sa.Text(), nullable=False),
    sa.Column("samples", sa.Integer(), nullable=False),
    sa.Column("time_s", sa.LargeBinary(), nullable=False),
    sa.Column("heart_rate", sa.LargeBinary(), nullable=True),
    sa.Column("speed_mps", sa.LargeBinary(), nullable=True),
    sa.Column("cadence", sa.LargeBinary(), nullable=True),
    sa.Column("altitude_m", sa.LargeBinary(), nullable=True),
    sa.Column("power_w", sa.LargeBinary(), nullable=True),
    sa.Column("distance_m", sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("samples >= 0", name="samples_non_negative"),
)

strength_sets = sa.Table(
    "strength_sets",
    metadata,
    sa.Column("activity_id", sa.Integer(), _cascade("activities.id"), primary_key=True),
    sa.Column("position", sa.Integer(), primary_key=True),
    sa.Column("exercise", sa.Text(), nullable=False),
    sa.Column("exercise_raw", sa.Text(), nullable=False),
    sa.Column("type", sa.Text(), nullable=False),
    sa.Column("reps", sa.Integer(), nullable=True),
    _double("load_kg"),
    _double("duration_s"),
    _double("rpe"),
    _double("rir"),
    sa.CheckConstraint(
        "type IN ('warmup', 'working', 'drop', 'failure', 'rest')", name="type_known"
    ),
    sa.CheckConstraint("reps >= 0", name="reps_non_negative"),
    sa.CheckConstraint("position >= 0", name="position_non_negative"),
)

wellness = sa.Table(
    "wellness",
    metadata,
    sa.Column("athlete_id", sa.Integer(), _cascade("athletes.id"), primary_key=True),
    sa.Column("day", sa.Date(), primary_key=True),
    _double("body_mass_kg"),
    _double("resting_hr"),
    _double("hrv_ms"),
    _double("sleep_h"),
    sa.Column("soreness", sa.Integer(), nullable=True),
    sa.Column("mood", sa.Integer(), nullable=True),
    sa.Column("notes", sa.Text(), nullable=True),
    sa.CheckConstraint("soreness BETWEEN 1 AND 10", name="soreness_range"),
    sa.CheckConstraint("mood BETWEEN 1 AND 10", name="mood_range"),
)

activity_plan_links = sa.Table(
    "activity_plan_links",
    metadata,
    sa.Column("activity_id", sa.Integer(), _cascade("activities.id"), primary_key=True),
    sa.Column("plan_id", sa.Integer(), primary_key=True),
    sa.Column("session_id", sa.Text(), nullable=False),
    sa.Column("status", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(
        ["plan_id", "session_id"],
        ["planned_sessions.plan_id", "planned_sessions.session_id"],
        ondelete="CASCADE",
    ),
    sa.Index(None, "plan_id", "session_id"),
    sa.CheckConstraint("status IN ('completed', 'partial')", name="status_known"),
)

# ---------------------------------------------------------------- 0002: imports

#: Every file ``runlift import`` has seen, by content hash (sha256 hex of its bytes), so a
#: file met again is skipped without decoding it. ``activities``: how many activities of
#: the file are stored as content (new ones plus richer copies that replaced one).
imported_files = sa.Table(
    "imported_files",
    metadata,
    sa.Column("athlete_id", sa.Integer(), _cascade("athletes.id"), primary_key=True),
    sa.Column("file_hash", sa.Text(), primary_key=True),
    sa.Column("file_name", sa.Text(), nullable=False),
    sa.Column("imported_at", sa.DateTime(), nullable=False),
    sa.Column("activities", sa.Integer(), nullable=False),
    sa.Column("status", sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('imported', 'duplicate', 'linked')", name="status_known"),
    sa.CheckConstraint("activities >= 0", name="activities_non_negative"),
    # SQLite: the rows live in the primary-key b-tree itself (one b-tree, not two).
    sqlite_with_rowid=False,
)

#: Other recordings of a stored activity (the Strava copy of a watch file, the Hevy log
#: of a Garmin strength session), linked instead of stored twice, and earlier versions
#: an activity's content was replaced from. Their hashes count as known.
activity_sources = sa.Table(
    "activity_sources",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("activity_id", sa.Integer(), _cascade("activities.id"), nullable=False),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("source_file", sa.Text(), nullable=True),
    sa.Column("source_hash", sa.Text(), nullable=True),
    sa.Column("start_utc", sa.DateTime(), nullable=False),
    sa.Column("utc_offset_min", sa.Integer(), nullable=False),
    _double("duration_s", nullable=False),
    sa.Column("recorded_at", sa.DateTime(), nullable=False),
    sa.Index(None, "activity_id"),
    sa.Index(None, "source_hash"),
    sa.CheckConstraint("duration_s >= 0", name="duration_non_negative"),
    sa.CheckConstraint("utc_offset_min BETWEEN -1080 AND 1080", name="offset_range"),
)

#: Finds the rare activities longer than the window :meth:`Database.overlapping` scans
#: by start time, without reading the others.
activities_by_duration = sa.Index(None, activities.c.athlete_id, activities.c.duration_s)

#: Every table, parents first (the order rows are inserted in on import).
TABLES = (
    athletes,
    plans,
    planned_sessions,
    activities,
    laps,
    streams,
    strength_sets,
    wellness,
    activity_plan_links,
    imported_files,
    activity_sources,
)
