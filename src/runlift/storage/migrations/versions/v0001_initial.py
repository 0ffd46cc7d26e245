"""Initial schema: athletes, plans, planned sessions, activities, laps, streams, sets,
wellness and activity-plan links.

Revision ID: 0001_initial
Revises: (none)

Frozen: never edit a released revision; add a new one (additive only, see docs/storage.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("profile_toml", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athletes")),
        sa.UniqueConstraint("name", name=op.f("uq_athletes_name")),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("modality", sa.Text(), nullable=False),
        sa.Column("sport", sa.Text(), nullable=False),
        sa.Column("duration_s", sa.Double(), nullable=False),
        sa.Column("moving_s", sa.Double(), nullable=True),
        sa.Column("distance_m", sa.Double(), nullable=True),
        sa.Column("ascent_m", sa.Double(), nullable=True),
        sa.Column("avg_hr", sa.Double(), nullable=True),
        sa.Column("max_hr", sa.Double(), nullable=True),
        sa.Column("rpe", sa.Double(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_hash", sa.Text(), nullable=True),
        sa.Column("device", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "modality IN ('run', 'strength', 'other')", name=op.f("ck_activities_modality_known")
        ),
        sa.CheckConstraint("duration_s >= 0", name=op.f("ck_activities_duration_non_negative")),
        sa.CheckConstraint(
            "utc_offset_min BETWEEN -1080 AND 1080", name=op.f("ck_activities_offset_range")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_activities_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint(
            "athlete_id", "source_hash", name=op.f("uq_activities_athlete_id_source_hash")
        ),
    )
    op.create_index(
        op.f("ix_activities_athlete_id_local_day"),
        "activities",
        ["athlete_id", "local_day"],
        unique=False,
    )
    op.create_index(
        op.f("ix_activities_athlete_id_start_utc"),
        "activities",
        ["athlete_id", "start_utc"],
        unique=False,
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_plans_version_positive")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_plans_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("athlete_id", "version", name=op.f("uq_plans_athlete_id_version")),
    )
    op.create_table(
        "wellness",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("body_mass_kg", sa.Double(), nullable=True),
        sa.Column("resting_hr", sa.Double(), nullable=True),
        sa.Column("hrv_ms", sa.Double(), nullable=True),
        sa.Column("sleep_h", sa.Double(), nullable=True),
        sa.Column("soreness", sa.Integer(), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint("mood BETWEEN 1 AND 10", name=op.f("ck_wellness_mood_range")),
        sa.CheckConstraint("soreness BETWEEN 1 AND 10", name=op.f("ck_wellness_soreness_range")),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_wellness_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", "day", name=op.f("pk_wellness")),
    )
    op.create_table(
        "laps",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Double(), nullable=False),
        sa.Column("distance_m", sa.Double(), nullable=True),
        sa.Column("avg_hr", sa.Double(), nullable=True),
        sa.Column("max_hr", sa.Double(), nullable=True),
        sa.Column("ascent_m", sa.Double(), nullable=True),
        sa.CheckConstraint("position >= 0", name=op.f("ck_laps_position_non_negative")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_laps_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "position", name=op.f("pk_laps")),
    )
    op.create_table(
        "planned_sessions",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("modality", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("intensity", sa.Text(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("distance_km", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_planned_sessions_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "session_id", name=op.f("pk_planned_sessions")),
    )
    op.create_index(
        op.f("ix_planned_sessions_plan_id_day"),
        "planned_sessions",
        ["plan_id", "day"],
        unique=False,
    )
    op.create_table(
        "streams",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("encoding", sa.Text(), nullable=False),
        sa.Column("samples", sa.Integer(), nullable=False),
        sa.Column("time_s", sa.LargeBinary(), nullable=False),
        sa.Column("heart_rate", sa.LargeBinary(), nullable=True),
        sa.Column("speed_mps", sa.LargeBinary(), nullable=True),
        sa.Column("cadence", sa.LargeBinary(), nullable=True),
        sa.Column("altitude_m", sa.LargeBinary(), nullable=True),
        sa.Column("power_w", sa.LargeBinary(), nullable=True),
        sa.Column("distance_m", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint("samples >= 0", name=op.f("ck_streams_samples_non_negative")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_streams_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", name=op.f("pk_streams")),
    )
    op.create_table(
        "strength_sets",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.Text(), nullable=False),
        sa.Column("exercise_raw", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("load_kg", sa.Double(), nullable=True),
        sa.Column("duration_s", sa.Double(), nullable=True),
        sa.Column("rpe", sa.Double(), nullable=True),
        sa.Column("rir", sa.Double(), nullable=True),
        sa.CheckConstraint(
            "type IN ('warmup', 'working', 'drop', 'failure', 'rest')",
            name=op.f("ck_strength_sets_type_known"),
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_strength_sets_position_non_negative")),
        sa.CheckConstraint("reps >= 0", name=op.f("ck_strength_sets_reps_non_negative")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_strength_sets_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "position", name=op.f("pk_strength_sets")),
    )
    op.create_table(
        "activity_plan_links",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('completed', 'partial')", name=op.f("ck_activity_plan_links_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_plan_links_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id", "session_id"],
            ["planned_sessions.plan_id", "planned_sessions.session_id"],
            name=op.f("fk_activity_plan_links_plan_id_session_id_planned_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", "plan_id", name=op.f("pk_activity_plan_links")),
    )
    op.create_index(
        op.f("ix_activity_plan_links_plan_id_session_id"),
        "activity_plan_links",
        ["plan_id", "session_id"],
        unique=False,
    )


def downgrade() -> None:
    raise NotImplementedError("runlift never downgrades: migrations only add (no data loss)")
