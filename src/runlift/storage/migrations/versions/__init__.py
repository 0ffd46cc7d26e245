"""One module per schema revision; additive only (see docs/storage.md)."""
