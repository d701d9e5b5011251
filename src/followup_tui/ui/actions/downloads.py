"""Files the app hands to the user: exports of every application and .eml
messages. Through Textual's delivery API: in a browser tab (`followup serve`)
they arrive as downloads; in a terminal they are saved (0600) in the exports
folder beside the data file, where .eml files go too, never over an older
file. (Textual's terminal-side delivery opens binary streams in text mode in
8.2.8, so the terminal side writes the file itself.)"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from textual.app import App

from ...domain.model import Application
from ...domain.settings import Settings
from ...messaging.eml import message_bytes, private_dir, unused_path
from ...transfer import export_csv, export_json
from ...transfer.calendar_export import export_ics

DELIVERY_NAME = "followup-download"  # tells our deliveries from Textual's own (screenshots)

EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("Export all as JSON", "text/plain"),  # shown, not run, if a browser opens it
    "csv": ("Export all as CSV", "text/csv"),
    "ics": ("Export the calendar (ICS)", "text/calendar"),
}


def export_text(fmt: str, apps: Iterable[Application], now: datetime, settings: Settings) -> str:
    apps = list(apps)
    if fmt == "json":
        return export_json(apps)
    if fmt == "csv":
        return export_csv(apps, settings.tz)
    return export_ics(apps, now, settings).text


def export_filename(fmt: str, now: datetime) -> str:
    return f"followup-{now:%Y%m%d-%H%M}.{fmt}"


def deliver_export(
    app: App, fmt: str, apps: Iterable[Application], now: datetime, settings: Settings, folder: Path
) -> Path | None:
    """`folder`: where a terminal session saves it (a browser downloads it).
    Returns the file written in a terminal session."""
    _, mime = EXPORT_FORMATS[fmt]
    text = export_text(fmt, apps, now, settings)
    return _deliver(app, text.encode("utf-8"), export_filename(fmt, now), mime, folder)


def deliver_eml(app: App, message: EmailMessage, filename: str, folder: Path) -> Path | None:
    return _deliver(app, message_bytes(message), filename, "message/rfc822", folder)


def _deliver(app: App, data: bytes, filename: str, mime: str, folder: Path) -> Path | None:
    if app.is_web:
        app.deliver_binary(io.BytesIO(data), save_filename=filename, mime_type=mime, name=DELIVERY_NAME)
        return None
    try:
        target = unused_path(private_dir(folder) / filename)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        app.notify(f"Could not write {filename} in {folder}: {exc.strerror or exc}", title="Not exported",
                   severity="error", timeout=8)
        return None
    app.notify(delivered_text(target, is_web=False), title="Exported", timeout=6)
    return target


def delivered_text(path: object, is_web: bool) -> str:
    if is_web or path is None:
        return "Sent to your browser as a download."
    return f"Saved to {path}"
