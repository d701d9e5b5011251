"""Keys typed before a screen can take them are held, then handed on in
order, so that nothing typed is lost and nothing acts on a half-ready screen.

- The board, while a big file loads: `n` then "Acme" opens the form once the
  file is loaded, with "Acme" in Company. Cursor keys move on the preview until
  some key is held; after that every key waits its turn. Priority bindings
  (ctrl+q, ctrl+p) and `q` act at once.
- A screen that is opening (composer, form, agenda): keys that arrive before
  its first field has the focus go to that field once it has.
- Keys typed in one burst with the key that opens a screen (a terminal sends
  `n` then "Acme" in one write): the app hands each key to the focused
  widget's queue as it arrives, so "Acme" is already on its way up from the
  board's card list when `n` acts. A key that comes back up to the app after
  the screen it was typed on stopped being the current one is sent again as a
  typed key, so the current screen gets it, in order (`ScreenOfEachKey`).

- Keys that arrive bunched on an open screen (over SSH, `Acme<Tab>Dev` in one
  write): the app hands on one typed key at a time and the next only once
  the one before has been handled all the way up to the app's bindings
  (`OneKeyAtATime`), so a tab moves the focus before the keys after it go to
  the focused field.

The app asks its current screen (`hold_key`) before it handles any typed key,
so the order in which keys arrive is the order in which they are held and
handed on. Held keys are handed on as the same key events, sent by the app as
typed keys are, so they meet the same bindings and fields.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from textual import events
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input


def _text_area_class() -> type:
    # TextArea (with its document and syntax modules, ~10 ms) is imported
    # here, on the first key that asks, not before the board's first paint.
    from textual.widgets import TextArea

    return TextArea


NAVIGATION = frozenset({"up", "down", "left", "right", "h", "j", "k", "l", "pageup", "pagedown"})
AT_ONCE = frozenset({"q"})  # quitting never waits for a load
NEVER_HELD = frozenset({"ctrl+q", "ctrl+c", "ctrl+p"})  # the app's own keys act at once


def replay(app: App, keys: list[tuple[str, str | None]]) -> None:
    """Post `keys` to the app in order, as typed keys (sent by the app, so they
    bubble back up to the bindings)."""
    for key, character in keys:
        app.post_message(events.Key(key, character).set_sender(app))


async def deliver(app: App, keys: list[tuple[str, str | None]]) -> None:
    """Act on held keys now, in order, as typing them would have. One after
    the other, a focus change (tab) takes effect before the next key: posted
    all at once, "Dev" would be queued in Company before tab moved to Role.
    From the first key this cannot act on itself, the rest are posted as
    typed keys (in order)."""
    for index, (key, character) in enumerate(keys):
        if not await _act_on(app, key, character):
            replay(app, keys[index:])
            return


async def _act_on(app: App, key: str, character: str | None) -> bool:
    """One key as typing it would act: its active binding (the focused
    field's first, then the screen's and the app's), else what a text field
    does with it (the character replaces the selection). False when it is
    none of these."""
    active = app.screen.active_bindings.get(key)
    if active is not None and active.enabled:
        await app.run_action(active.binding.action, active.node)
        return True
    focused = app.focused
    if isinstance(focused, _text_area_class()) and not focused.read_only:
        text = "\n" if key == "enter" else character
        if text is not None and (text == "\n" or text.isprintable()):
            focused.replace(text, *focused.selection, maintain_selection_offset=False)
            return True
    if isinstance(focused, Input) and character is not None and character.isprintable():
        selection = focused.selection
        if selection.is_empty:
            focused.insert_text_at_cursor(character)
        else:
            focused.replace(character, *selection)
        return True
    return False


class ScreenOfEachKey:
    """The screen that was current when each typed key arrived."""

    def __init__(self) -> None:
        self._screens: weakref.WeakKeyDictionary[events.Key, Screen] = weakref.WeakKeyDictionary()

    def arrived(self, event: events.Key, screen: Screen) -> None:
        self._screens[event] = screen

    def pass_on(self, app: App, event: events.Key) -> bool:
        """Called as `event` reaches the app's bindings: a key typed on a screen
        that is no longer current goes to the current one instead (it would
        otherwise be lost, or act on the wrong screen). True when passed on."""
        screen = self._screens.pop(event, None)
        if screen is None or screen is app.screen:
            return False
        event.stop()
        event.prevent_default()  # not the bindings: the key is typed again
        replay(app, [(event.key, event.character)])
        return True


class OneKeyAtATime:
    """Typed keys handed on one at a time: a key goes to the focused widget
    only once the key before it has been handled, bindings included.

    The app forwards each key to the focused widget as it arrives, and a key
    the widget does not take (tab) bubbles back up to the app's bindings
    behind the keys that arrived with it, which meanwhile went to the field it
    leaves. Each forwarded key is followed by a `KeyHandled` message sent the
    same way: it bubbles up the same path behind the key, so when it reaches
    the app the key has been handled wherever it stopped."""

    STUCK_AFTER = 1.0  # seconds: a marker lost with a removed widget frees the keys anyway

    @dataclass
    class KeyHandled(Message):
        """Follows a forwarded key up the DOM (see the class docstring)."""

    def __init__(self, app: App, take: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._take = take  # what the app does with a typed key (hold it or forward it)
        self._waiting: list[events.Key] = []
        self._in_flight_since: float | None = None

    async def arrived(self, event: events.Key) -> None:
        """A typed key from the terminal: handed on now, or after the keys before it."""
        if self._in_flight_since is not None and time.monotonic() - self._in_flight_since > self.STUCK_AFTER:
            self._in_flight_since = None
        if event.key in NEVER_HELD and not self._waiting:
            await self._take(event)
            return
        self._waiting.append(event)
        if self._in_flight_since is None:
            await self._next()
        elif len(self._waiting) == 1:
            self._app.set_timer(self.STUCK_AFTER, self._unstick)

    async def handled(self) -> None:
        """The key in flight has been handled: on to the next one."""
        self._in_flight_since = None
        await self._next()

    async def _next(self) -> None:
        while self._waiting and self._in_flight_since is None:
            event = self._waiting.pop(0)
            target = self._app.focused or self._app.screen
            await self._take(event)
            if event.is_forwarded and target.post_message(self.KeyHandled()):
                self._in_flight_since = time.monotonic()

    async def _unstick(self) -> None:
        if self._in_flight_since is not None and time.monotonic() - self._in_flight_since >= self.STUCK_AFTER:
            await self.handled()


class HeldKeys:
    """The board's keys while its data is not loaded."""

    def __init__(self, screen: Screen, ready: Callable[[], bool], can_navigate: Callable[[], bool]) -> None:
        self._screen = screen
        self._ready = ready
        self._can_navigate = can_navigate
        self.keys: list[tuple[str, str | None]] = []

    def hold(self, event: events.Key) -> bool:
        """Hold `event` if the data is not ready yet; True when held."""
        if event.key in NEVER_HELD or (self._ready() and not self.keys):
            return False
        if not self.keys and (event.key in AT_ONCE or (event.key in NAVIGATION and self._can_navigate())):
            return False
        self.keys.append((event.key, event.character))
        return True

    async def release(self) -> None:
        """Act on the held keys in order: the board's own keys by their
        bindings, one after the other; once one opens another screen (or puts
        the cursor in a field), the rest go there as typed keys."""
        screen, app = self._screen, self._screen.app
        while self.keys:
            if app.screen is not screen or isinstance(screen.focused, (Input, _text_area_class())):
                keys, self.keys = self.keys, []
                await deliver(app, keys)
                return
            key, _character = self.keys.pop(0)
            active = screen.active_bindings.get(key)
            if active is None or not active.enabled:
                continue  # a key the board does not take: it would have done nothing
            await app.run_action(active.binding.action, active.node)


class OpeningScreen(Screen):
    """A screen that holds the keys typed while it opens and hands them to its
    AUTO_FOCUS field once that has the focus (a key that reached the screen
    before then would otherwise be dropped)."""

    _opening_keys: list[tuple[str, str | None]] | None = None
    _opened = False
    _waits = 0

    def hold_key(self, event: events.Key) -> bool:
        """Asked by the app before it handles a typed key: True when held."""
        if self._opened or event.key in NEVER_HELD:
            return False
        if self._opening_keys is None:
            self._opening_keys = []
        self._opening_keys.append((event.key, event.character))
        return True

    def on_screen_resume(self) -> None:
        if not self._opened:
            self.call_after_refresh(self._open)

    def hold_keys_again(self) -> None:
        """The app opens this screen again (it keeps it): the keys typed while
        it opens are held as at its first opening."""
        self._opening_keys = None
        self._opened = False
        self._waits = 0

    def ready_for_keys(self) -> bool:
        """A screen that builds part of itself after its first paint (the
        form's contacts and rounds) says when it is complete."""
        return True

    async def _open(self) -> None:
        """Once the focus is in place: hand on what was typed meanwhile, one
        key after the other (keys typed during the handing on wait their turn)."""
        if (self.focused is None or not self.ready_for_keys()) and self.is_mounted and self._waits < 500:
            self._waits += 1
            self.call_after_refresh(self._open)  # not focused yet: after the next refresh
            return
        while self._opening_keys:
            keys, self._opening_keys = self._opening_keys, []
            await deliver(self.app, keys)
        self._opening_keys = None
        self._opened = True
