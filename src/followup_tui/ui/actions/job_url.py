"""Opening an application's job posting: in a browser where there is one
(a desktop session, or the browser tab of `followup serve`), otherwise the
address is shown to copy (and put on the clipboard where the terminal
allows it: OSC 52 works over SSH in most terminals)."""

from __future__ import annotations

import webbrowser

from textual.app import App


def browser_available() -> bool:
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def open_job_url(app: App, url: str, company: str) -> None:
    if not url:
        app.notify(f"No job URL recorded for {company} (e to add one).", severity="warning", markup=False)
        return
    if getattr(app, "is_web", False) or browser_available():
        app.open_url(url)
        app.notify(url, title="Opened in your browser", markup=False)
        return
    app.copy_to_clipboard(url)
    app.notify(url, title="No browser here: the job URL to copy", timeout=15, markup=False)
