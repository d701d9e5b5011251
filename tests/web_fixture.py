"""`followup serve` and a real headless Chromium for the web-mode tests.

A fixture that cannot start its server or browser skips with the reason,
unless FOLLOWUP_REQUIRE_SERVERS=1 (CI), where it fails."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
URL_LINE = re.compile(r"^http://\S+/\?token=\S+$", re.MULTILINE)
START_LIMIT = 30.0

# Records what the page's terminal receives over its websocket: xterm.js
# draws on a canvas, so the board's text is read from the bytes it is given.
RECORD_TERMINAL = """
(() => {
  const Original = window.WebSocket;
  window.__terminalBytes = [];
  window.__requests = [];
  window.WebSocket = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") window.__terminalBytes.push(new Uint8Array(event.data));
      });
    }
  };
})();
"""
READ_TERMINAL = """
(() => {
  const parts = window.__terminalBytes || [];
  const text = parts.map((p) => new TextDecoder().decode(p)).join("");
  return JSON.stringify({text, shown: !!document.body && document.body.classList.contains("-first-byte"),
                         page: document.body ? document.body.innerText : ""});
})()
"""


def unavailable(reason: str):
    """Skip on a developer's machine; fail where the servers must run (CI)."""
    if os.environ.get("FOLLOWUP_REQUIRE_SERVERS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen
    port: int
    url: str  # with the token
    log: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def stop(process: subprocess.Popen | None) -> None:
    if process is None:
        return
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def serve_argv(db: Path, config: Path | None, *extra: str) -> list[str]:
    argv = [sys.executable, "-m", "followup_tui", "--db", str(db)]
    if config is not None:
        argv += ["--config", str(config)]
    return [*argv, "serve", *extra]


@contextmanager
def serving(tmp_path: Path, db: Path, config: Path | None = None, env: dict | None = None, *extra: str,
            preexec=None, user_argv: list[str] | None = None):
    """`followup serve` on a free port; yields once it listens and has printed its URL."""
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        unavailable("textual-serve is not installed (pip install -e '.[web]')")
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    out = tmp_path / f"serve-{port}.out"
    argv = serve_argv(db, config, "--port", str(port), *extra)
    process = subprocess.Popen(
        [*(user_argv or []), *argv], env=env or os.environ.copy(), stdout=out.open("w"), stderr=log.open("w"),
        start_new_session=True, preexec_fn=preexec,
    )
    try:
        deadline = time.monotonic() + START_LIMIT
        while True:
            found = URL_LINE.search(out.read_text()) if out.exists() else None
            if found and port_open(port):
                break
            if process.poll() is not None:
                raise AssertionError(f"followup serve stopped ({process.returncode}): {log.read_text()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"followup serve did not start within {START_LIMIT} s: {log.read_text()}")
            time.sleep(0.1)  # polling a condition (the URL printed, the port open), with a deadline
        yield Served(process, port, found.group(0), log)
    finally:
        stop(process)


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


class DevTools:
    """The few DevTools protocol calls the tests need, over aiohttp."""

    def __init__(self, websocket) -> None:
        self.websocket = websocket
        self.next_id = 0
        self.events: list[dict] = []

    async def call(self, method: str, **params):
        self.next_id += 1
        await self.websocket.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = await self.websocket.receive_json()
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message["result"]
            if "method" in message:
                self.events.append(message)

    async def terminal(self) -> dict:
        result = await self.call("Runtime.evaluate", expression=READ_TERMINAL, returnByValue=True)
        seen = json.loads(result["result"]["value"])
        seen["text"] = ANSI.sub("", seen["text"])
        return seen


@contextmanager
def chromium(tmp_path: Path):
    """A headless Chromium with a fresh profile that reaches nothing but 127.0.0.1."""
    if CHROMIUM is None:
        unavailable("Chromium is not installed (apt-get install -y chromium)")
    user_data = tmp_path / "chromium-profile"
    process = subprocess.Popen(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={user_data}", "--remote-debugging-port=0",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",  # no network beyond the test server
            "--window-size=1280,800", "--disable-popup-blocking", "about:blank",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        port_file = user_data / "DevToolsActivePort"
        deadline = time.monotonic() + START_LIMIT
        while not port_file.exists() or not port_file.read_text().strip():
            if process.poll() is not None or time.monotonic() > deadline:
                unavailable("Chromium did not start")
            time.sleep(0.1)  # polling a condition (the DevTools port is written)
        yield int(port_file.read_text().split()[0])
    finally:
        stop(process)


async def first_page(http, devtools_port: int):
    async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
        pages = [t for t in await response.json() if t["type"] == "page"]
    return pages[0]["webSocketDebuggerUrl"]


async def open_page(tools: DevTools, url: str) -> None:
    await tools.call("Page.enable")
    await tools.call("Network.enable")
    await tools.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_TERMINAL)
    await tools.call("Page.navigate", url=url)


async def wait_for_terminal(tools: DevTools, *needles: str, limit: float = 60.0) -> str:
    """The terminal's text once every needle is in it (names may be cut)."""
    deadline = time.monotonic() + limit
    while True:
        seen = await tools.terminal()
        if seen["shown"] and all(n in seen["text"] for n in needles):
            return seen["text"]
        assert time.monotonic() < deadline, f"never shown: {needles}; page: {seen['page'][:300]!r}"
        await asyncio.sleep(0.2)  # polling a condition: the board has arrived
