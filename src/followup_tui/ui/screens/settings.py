"""Your name, signature, timezone, country and sending: the first-run screen
and the settings screen. Both edit the config file through the settings store
the factory hands the app; every value is checked by the config's own schema,
with the message at the field naming its key."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Select, Static, TextArea

from ...domain.timeparse import resolve_timezone
from ..text.safe_text import printable
from ..widgets.plain_text import PlainInput, PlainTextArea
from ..widgets.app_header import AppHeader
from .dialogs import close_unless_unsaved
from .form_rows import field, show_note

SMTP_SECURITY = ("starttls", "ssl", "none")
LABELS = {
    "user_name": "Your name (templates sign with it)",
    "signature": "Signature (the lines under your name)",
    "timezone": "Timezone (e.g. Europe/Paris)",
    "country": "Country (e.g. US, FR, DE-BY)",
    "smtp.host": "SMTP server",
    "smtp.port": "Port",
    "smtp.security": "Security",
    "smtp.user": "Login",
    "smtp.from_address": "Your address (the sender)",
    "smtp.password_env": "Password from the variable",
    "smtp.password_command": "or from the command",
    "imap.host": "IMAP server",
    "imap.port": "Port",
    "imap.security": "Security",
    "imap.user": "Login",
    "imap.password_env": "Password from the variable",
    "imap.password_command": "or from the command",
    "imap.inbox": "Inbox folder",
    "imap.sent": "Sent folder",
    "imap.sync_minutes": "Sync every (minutes, 0: only g)",
    "imap.save_sent": "Copy what the app sends to Sent",
}
PLACEHOLDERS = {
    "user_name": "your full name",
    "country": "its public holidays; empty: weekends only",
    "smtp.host": "empty: messages are saved as .eml files",
    "smtp.from_address": "sam@example.com",
    "smtp.password_command": "pass show smtp",
    "imap.host": "empty: the mailbox is not read",
    "imap.password_command": "pass show imap",
    "imap.sent": "empty: the folder marked \\Sent",
}
CHOICES = {
    "smtp.security": (SMTP_SECURITY, "starttls"),
    "imap.security": (("ssl", "starttls", "none"), "ssl"),
    "imap.save_sent": (("false", "true"), "false"),
}


def widget_id(key: str) -> str:
    return key.replace(".", "-").replace("_", "-")


class SettingsScreen(Screen[None]):
    """Change the settings later (S on the board)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    @property
    def KEYS(self) -> tuple[str, ...]:  # noqa: N802 - a class constant in the first-run screen
        """Every key the settings file lets a screen edit, in its order (one list: settings/config_file.py)."""
        return self.app.settings_store.keys
    TITLE = "Settings"
    unsaved_name = "the settings"

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._initial: dict[str, str] | None = None

    # -- layout ---------------------------------------------------------------------

    def _field(self, key: str) -> Vertical:
        value = self.values.get(key, "")
        wid = widget_id(key)
        if key == "signature":
            widget: Widget = PlainTextArea(value, id=wid, tab_behavior="focus", soft_wrap=True)
        elif key in CHOICES:
            choices, default = CHOICES[key]
            widget = Select(compact=True, options=[(s, s) for s in choices],
                            value=value if value in choices else default, allow_blank=False, id=wid)
        else:
            placeholder = PLACEHOLDERS.get(key, "")
            if key == "timezone":
                placeholder = f"empty: the system's ({_system_zone()})"
            widget = PlainInput(value, placeholder=placeholder, compact=True, id=wid)
        widget.setting_key = key  # type: ignore[attr-defined]
        label = LABELS[key]
        if self.app.settings_store.locked(key):  # runs a command: never set from a browser
            widget.disabled = True
            label += " (not from a browser)"
        return field(label, widget)

    def intro(self) -> ComposeResult:
        yield Static(Text(self.TITLE, style="bold"), classes="settings-title")
        yield Static(Text(f"Saved in {printable(str(self.app.settings_store.path))} "
                          "(your comments and other settings are kept)"), classes="settings-path")

    def compose(self) -> ComposeResult:
        self.values = self.app.settings_store.load()
        yield AppHeader()
        with VerticalScroll(id="settings-form"):
            yield from self.intro()
            with Horizontal(classes="row"):
                yield self._field("user_name")
                yield self._field("timezone")
            with Horizontal(classes="row"):
                yield self._field("country")
                yield Vertical(classes="field")
            yield self._field("signature")
            if "smtp.host" in self.KEYS:
                yield Static(Text("Sending by SMTP (optional: without a server, messages are saved as .eml "
                                  "files to send from your mail program)"), classes="settings-section")
                with Horizontal(classes="row"):
                    yield self._field("smtp.host")
                    yield self._field("smtp.port")
                with Horizontal(classes="row"):
                    yield self._field("smtp.security")
                    yield self._field("smtp.user")
                yield self._field("smtp.from_address")
                with Horizontal(classes="row"):
                    yield self._field("smtp.password_env")
                    yield self._field("smtp.password_command")
            if "imap.host" in self.KEYS:
                yield Static(Text("Reading your mailbox by IMAP (optional, read-only: notes you sent, replies, "
                                  "rejections and invitations are recorded or proposed; M on the board)"),
                             classes="settings-section")
                for pair in (("imap.host", "imap.port"), ("imap.security", "imap.user"),
                             ("imap.password_env", "imap.password_command"), ("imap.inbox", "imap.sent"),
                             ("imap.sync_minutes", "imap.save_sent")):
                    with Horizontal(classes="row"):
                        yield self._field(pair[0])
                        yield self._field(pair[1])
        yield Footer()

    AUTO_FOCUS = "#user-name"

    def on_mount(self) -> None:
        self._initial = self.collect()

    # -- values -----------------------------------------------------------------------

    def _widgets(self) -> list[Widget]:
        return [w for w in self.query("Input, TextArea, Select") if hasattr(w, "setting_key")]

    def collect(self) -> dict[str, str]:
        values = {}
        for widget in self._widgets():
            if isinstance(widget, TextArea):
                value = widget.text
            elif isinstance(widget, Select):
                value = str(widget.value)
            else:
                value = widget.value
            values[widget.setting_key] = value  # type: ignore[attr-defined]
        return values

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self.collect() != self._initial

    def _show(self, key: str, error: str | None) -> None:
        widget = self.query_one_optional(f"#{widget_id(key)}")
        if widget is None:
            return
        show_note(widget, f"{key}: {error}" if error else None)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self, event) -> None:
        """Check as you type; only the field being typed in shows its problem
        (and a problem fixed anywhere disappears)."""
        widget = event.control
        key = getattr(widget, "setting_key", None)
        if key is None or self._initial is None:
            return
        problems = self.app.settings_store.check(self.collect())
        self._show(key, problems.get(key))
        for other in self.KEYS:
            if other != key and other not in problems:
                self._show(other, None)

    # -- save / cancel ------------------------------------------------------------------

    def action_save(self) -> None:
        settings, problems = self.app.settings_store.save(self.collect())
        if settings is None:
            for key in self.KEYS:
                self._show(key, problems.get(key))
            elsewhere = [f"{k}: {m}" for k, m in problems.items() if k not in self.KEYS]
            text = f"{len(problems)} setting(s) need fixing; nothing was saved."
            if elsewhere:
                text += " In the file: " + "; ".join(elsewhere)
            self.notify(text, severity="error", timeout=10)
            bad = [w for w in self._widgets() if w.has_class("-invalid-field")]
            if bad:
                bad[0].focus()
                bad[0].scroll_visible(animate=False)
            return
        self._initial = self.collect()
        self.app.apply_settings(settings)
        who = f" Messages are signed {settings.user_name}." if settings.user_name else ""
        self.notify(f"Settings saved in {self.app.settings_store.path}.{who}", title="Saved", timeout=6)
        self.dismiss(None)

    def action_cancel(self) -> None:
        close_unless_unsaved(self, self.dirty, "Discard your unsaved settings?")


class FirstRunScreen(SettingsScreen):
    """Asked once, when there is no config file yet: who signs the messages,
    where you are. Escape skips it (asked again at the next start)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Not now"),
    ]
    KEYS = ("user_name", "timezone", "country", "signature")
    TITLE = "Welcome to followup"
    unsaved_name = "the first-run settings"

    def intro(self) -> ComposeResult:
        yield Static(Text(self.TITLE, style="bold"), classes="settings-title")
        yield Static(Text(
            "Four things make the messages and due dates yours: your name and signature (the templates sign "
            "with them), your timezone (due times) and your country (its public holidays are not business "
            "days). Every one can stay empty and be changed later with S on the board."
        ), classes="settings-intro")
        yield Static(Text(f"ctrl+s saves them in {printable(str(self.app.settings_store.path))}; "
                          "escape: not now (asked again next time)."), classes="settings-path")


def _system_zone() -> str:
    return str(resolve_timezone(None))
