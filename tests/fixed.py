"""Fixed values every test shares (importable: tests/ is on pytest's pythonpath)."""

from datetime import datetime, timezone

# A Wednesday, so business-day rules have both weekdays and a weekend nearby.
FIXED_NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
