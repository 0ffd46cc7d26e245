"""Storage: SQLAlchemy 2 + Alembic; SQLite by default, PostgreSQL by URL.

Everything the rest of runlift needs is re-exported here; see docs/storage.md.
"""

from __future__ import annotations

from runlift.storage.backup import SCHEMA_ID as BACKUP_SCHEMA
from runlift.storage.engine import ENV_VAR, database_url, default_path, display_url
from runlift.storage.errors import (
    BackupFormatError,
    DatabaseTooNewError,
    DatabaseUrlError,
    DuplicateActivity,
    DuplicateFile,
    InvalidRecordError,
    NotEmptyDatabase,
    NotFoundError,
    StorageError,
)
from runlift.storage.records import (
    FILE_STATUSES,
    ActivitySource,
    AthleteRecord,
    DailyTotal,
    ImportedFile,
    ImportSummary,
    MigrationStatus,
    PlannedRow,
    StoredActivity,
    StoredPlan,
)
from runlift.storage.repository import LINK_STATUSES, Database

__all__ = [
    "BACKUP_SCHEMA",
    "ENV_VAR",
    "FILE_STATUSES",
    "LINK_STATUSES",
    "ActivitySource",
    "AthleteRecord",
    "BackupFormatError",
    "DailyTotal",
    "Database",
    "DatabaseTooNewError",
    "DatabaseUrlError",
    "DuplicateActivity",
    "DuplicateFile",
    "ImportSummary",
    "ImportedFile",
    "InvalidRecordError",
    "MigrationStatus",
    "NotEmptyDatabase",
    "NotFoundError",
    "PlannedRow",
    "StorageError",
    "StoredActivity",
    "StoredPlan",
    "database_url",
    "default_path",
    "display_url",
]
