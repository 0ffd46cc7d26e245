"""Frozen domain values shared by every layer. Imports nothing from runlift but itself."""
