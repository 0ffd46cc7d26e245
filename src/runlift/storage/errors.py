"""Errors the storage layer raises on purpose; all derive from :class:`RunliftError`.

The ones a user causes (a bad URL, a duplicate file, a value the database refuses, a
backup that does not fit) are also :class:`InputError`, so the CLI exits with code 2.
"""

from __future__ import annotations

from runlift.errors import InputError, RunliftError


class StorageError(RunliftError):
    """The database cannot be used: unreachable, too new, locked too long, broken."""


class DatabaseUrlError(StorageError, InputError):
    """The database URL or path given cannot be used."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer runlift (its migration is unknown here)."""


class NotFoundError(StorageError, InputError):
    """An id that names nothing stored (activity, plan, athlete, planned session)."""


class InvalidRecordError(StorageError, InputError):
    """A value the database refuses (a CHECK constraint such as reps >= 0)."""


class DuplicateActivity(StorageError, InputError):
    """This file (same content hash) is already stored for the athlete."""

    def __init__(self, existing_id: int, source_hash: str) -> None:
        self.existing_id = existing_id
        self.source_hash = source_hash
        super().__init__(
            f"already stored as activity {existing_id} (same content, hash {source_hash[:12]})"
        )


class DuplicateFile(StorageError, InputError):
    """This file (same content hash) was already imported (or recorded as a duplicate)
    for the athlete."""

    def __init__(self, file_hash: str, file_name: str, status: str) -> None:
        self.file_hash = file_hash
        self.file_name = file_name
        self.status = status
        super().__init__(
            f"this file was already imported as {file_name!r} ({status}; same content, "
            f"hash {file_hash[:12]})"
        )


class NotEmptyDatabase(StorageError, InputError):
    """A backup can only be imported into an empty database."""


class BackupFormatError(StorageError, InputError):
    """A backup document that does not follow ``runlift.backup/1``."""
