"""Imports: the files already imported (``imported_files``), the other recordings of an
activity linked to it instead of stored twice (``activity_sources``), and an index that
lets overlap look-ups find long activities.

Revision ID: 0002_imports
Revises: 0001_initial

Additive only: two new tables and two new indexes; no existing row or column changes.
Frozen once released: never edit; add a new revision (see docs/storage.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_imports"
down_revision: str | None = "0001_initial"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "imported_files",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("file_hash", sa.Text(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("activities", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('imported', 'duplicate', 'linked')",
            name=op.f("ck_imported_files_status_known"),
        ),
        sa.CheckConstraint(
            "activities >= 0", name=op.f("ck_imported_files_activities_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_imported_files_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", "file_hash", name=op.f("pk_imported_files")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "activity_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_hash", sa.Text(), nullable=True),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Double(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "duration_s >= 0", name=op.f("ck_activity_sources_duration_non_negative")
        ),
        sa.CheckConstraint(
            "utc_offset_min BETWEEN -1080 AND 1080",
            name=op.f("ck_activity_sources_offset_range"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_activity_sources_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_sources")),
    )
    op.create_index(
        op.f("ix_activity_sources_activity_id"), "activity_sources", ["activity_id"], unique=False
    )
    op.create_index(
        op.f("ix_activity_sources_source_hash"), "activity_sources", ["source_hash"], unique=False
    )
    op.create_index(
        op.f("ix_activities_athlete_id_duration_s"),
        "activities",
        ["athlete_id", "duration_s"],
        unique=False,
    )


def downgrade() -> None:
    raise NotImplementedError("runlift never downgrades: migrations only add (no data loss)")
