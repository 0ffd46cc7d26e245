"""Alembic migrations of the runlift database, driven from :mod:`runlift.storage.migrate`."""
