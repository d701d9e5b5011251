"""`followup serve`: the board in a real headless browser (Chromium from the
distribution, driven over the DevTools protocol), the server on 127.0.0.1
only, a loud warning for any other address, and a clear message without the
`web` extra."""

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
from pathlib import Path

import pytest
from cli.cli_runner import FIXED_NOW_TEXT, make_followup
from fixed import FIXED_NOW

from followup_tui.cli.serve import exposure_warning
from followup_tui.domain.demo import demo_applications
from followup_tui.store import TinyDBRepository

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIME_LIMIT = 90  # seconds for the whole browser test, on a loaded 2-core machine
ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")

# Records what the page's terminal receives over its websocket: xterm.js
# draws on a canvas, so the board's text is read from the bytes it is given.
RECORD_TERMINAL = """
(() => {
  const Original = window.WebSocket;
  window.__terminalBytes = [];
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
  return JSON.stringify({text, shown: !!document.body && document.body.classList.contains("-first-byte")});
})()
"""


async def load_board(tools: DevTools, port: int) -> str:
    """Open the app's page in this tab; the terminal's text once the board is in."""
    await tools.call("Page.enable")
    await tools.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_TERMINAL)
    await tools.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
    while True:
        result = await tools.call("Runtime.evaluate", expression=READ_TERMINAL, returnByValue=True)
        seen = json.loads(result["result"]["value"])
        text = ANSI.sub("", seen["text"])
        if seen["shown"] and "Northwind Analyt" in text and "Kestrel Media" in text:  # names may be cut
            return text
        await asyncio.sleep(0.2)  # polling a condition: the board has arrived


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (Linux /proc)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


async def wait_for_port(port: int, process: subprocess.Popen) -> None:
    while True:
        assert process.poll() is None, "the server stopped"
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)  # polling a condition (the port opens), not a fixed wait
            continue
        writer.close()
        return


class DevTools:
    """The few DevTools protocol calls the test needs, over aiohttp."""

    def __init__(self, websocket) -> None:
        self.websocket = websocket
        self.next_id = 0

    async def call(self, method: str, **params):
        self.next_id += 1
        await self.websocket.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = await self.websocket.receive_json()
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message["result"]


async def browser_page(user_data: Path, process: subprocess.Popen):
    port_file = user_data / "DevToolsActivePort"
    while not port_file.exists() or not port_file.read_text().strip():
        assert process.poll() is None, "chromium stopped"
        await asyncio.sleep(0.1)
    return int(port_file.read_text().split()[0])


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install -y chromium)")
async def test_the_board_shows_in_a_headless_browser_served_on_localhost_only(tmp_path, db_file):
    import aiohttp

    TinyDBRepository.open(db_file).add_many(demo_applications(FIXED_NOW))
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Europe/Paris"\n', encoding="utf-8")
    port = free_port()
    env = {**os.environ, "FOLLOWUP_NOW": FIXED_NOW_TEXT}
    server_log = tmp_path / "server.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "followup_tui", "--db", str(db_file), "--config", str(config), "serve", "--port", str(port)],
        env=env, stdout=server_log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    user_data = tmp_path / "chromium-profile"
    downloaded = tmp_path / "downloads"
    downloaded.mkdir()
    browser = None
    try:
        async with asyncio.timeout(TIME_LIMIT):
            await wait_for_port(port, server)
            assert listening_addresses(port) <= {"0100007F"}  # 127.0.0.1, nothing else
            browser = subprocess.Popen(
                [
                    CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={user_data}", "--remote-debugging-port=0",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",  # no network beyond the test server
                    "--window-size=1280,800", "--disable-popup-blocking", "about:blank",
                ],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )
            devtools_port = await browser_page(user_data, browser)
            async with aiohttp.ClientSession() as http:
                async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
                    pages = [t for t in await response.json() if t["type"] == "page"]
                async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as websocket:
                    tools = DevTools(websocket)
                    board = text = await load_board(tools, port)

                    async with http.get(f"http://127.0.0.1:{devtools_port}/json/version") as response:
                        browser_url = (await response.json())["webSocketDebuggerUrl"]
                    async with http.ws_connect(browser_url, max_msg_size=0) as browser_socket:
                        # a second tab: its own session on the same data file, the board again
                        created = await DevTools(browser_socket).call("Target.createTarget", url="about:blank")
                        async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
                            second = [t for t in await response.json() if t["id"] == created["targetId"]][0]
                        async with http.ws_connect(second["webSocketDebuggerUrl"], max_msg_size=0) as other:
                            assert "Kestrel Media" in await load_board(DevTools(other), port)

                        # an export from the command palette arrives as a browser download
                        await DevTools(browser_socket).call(
                            "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloaded)
                        )
                        await tools.call("Input.dispatchMouseEvent", type="mousePressed", x=400, y=300,
                                         button="left", clickCount=1)
                        await tools.call("Input.dispatchMouseEvent", type="mouseReleased", x=400, y=300,
                                         button="left", clickCount=1)
                        for kind in ("rawKeyDown", "keyUp"):
                            await tools.call("Input.dispatchKeyEvent", type=kind, modifiers=2, key="p", code="KeyP",
                                             windowsVirtualKeyCode=80)
                        await tools.call("Input.insertText", text="Export all as CSV")
                        while True:  # the palette shows the typed text and the matching command
                            result = await tools.call("Runtime.evaluate", expression=READ_TERMINAL, returnByValue=True)
                            shown = ANSI.sub("", json.loads(result["result"]["value"])["text"])[len(board):]
                            if shown.count("Export all as CSV") >= 2:
                                break
                            await asyncio.sleep(0.1)
                        await tools.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter",
                                         windowsVirtualKeyCode=13, text="\r")
                        await tools.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter",
                                         windowsVirtualKeyCode=13)
                        while not [p for p in downloaded.glob("*.csv")]:
                            await asyncio.sleep(0.2)  # polling a condition: the download has landed
        csv_file = next(downloaded.glob("*.csv"))
        assert csv_file.name == "followup-20261125-1500.csv"
        assert "Northwind Analytics" in csv_file.read_text(encoding="utf-8")
        assert not (db_file.parent / "exports").exists()  # nothing written on the server's disk
        text = board
        for column in ("Applied", "Interview", "Thanked", "Following up", "Offer", "Closed"):
            assert column in text
    finally:
        for process in (browser, server):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (browser, server):
            if process is not None:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
    assert "serving" in server_log.read_text()


def test_an_address_other_than_localhost_gets_a_loud_warning():
    warning = exposure_warning("0.0.0.0", 8000)
    assert "WARNING" in warning and "NO authentication" in warning and "ssh -L 8000:127.0.0.1:8000" in warning


def test_a_session_outside_the_web_driver_is_refused(tmp_path, db_file):
    followup = make_followup(tmp_path, db_file)
    result = followup("web-session", expect=2)
    assert "followup serve" in result.stderr


def test_without_the_web_extra_serve_says_how_to_get_it(tmp_path, db_file):
    # textual_serve made unimportable in a real subprocess
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "textual_serve").mkdir()
    (blocker / "textual_serve" / "__init__.py").write_text("raise ImportError('not installed')\n")
    result = subprocess.run(
        [sys.executable, "-m", "followup_tui", "--db", str(db_file), "serve"],
        env={**os.environ, "PYTHONPATH": str(blocker)}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "followup: web mode needs the optional extra: pip install 'followup-tui[web]'"
