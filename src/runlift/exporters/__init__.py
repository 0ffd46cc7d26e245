"""Plan -> files people and other tools read: JSON, Markdown (iCalendar and FIT later)."""
