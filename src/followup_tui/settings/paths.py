"""Where data and config live. Resolved lazily; nothing is created at import.

Order: explicit argument (--db), then FOLLOWUP_DB / FOLLOWUP_CONFIG, then the
platform's user directories (platformdirs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "followup-tui"
DB_ENV = "FOLLOWUP_DB"
CONFIG_ENV = "FOLLOWUP_CONFIG"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """What the app keeps between runs to start faster (never data)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "followup.json"


def config_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"


def exports_dir(db: Path) -> Path:
    """Exported messages (.eml) go beside the data file."""
    return db.parent / "exports"
