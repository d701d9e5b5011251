"""`followup serve`: the board in a real headless browser (Chromium from the
distribution, driven over the DevTools protocol) opened with the printed
token URL; the server on 127.0.0.1 only; nothing loaded from elsewhere; a
clear message without the `web` extra. The attacks are in
tests/adversarial/test_web_attacks.py."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cli.cli_runner import FIXED_NOW_TEXT, make_followup
from fixed import FIXED_NOW
from web_fixture import DevTools, chromium, first_page, open_page, serving, wait_for_terminal

from followup_tui.cli.serve import exposure_warning
from followup_tui.domain.demo import demo_applications
from followup_tui.store import TinyDBRepository

TIME_LIMIT = 120  # seconds for the whole browser test, on a loaded 2-core machine


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


async def press(tools: DevTools, key: str, code: str, vk: int, modifiers: int = 0, text: str | None = None) -> None:
    down = {"type": "keyDown" if text else "rawKeyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk,
            "modifiers": modifiers}
    if text:
        down["text"] = text
    await tools.call("Input.dispatchKeyEvent", **down)
    await tools.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=vk,
                     modifiers=modifiers)


@pytest.mark.slow
async def test_the_board_shows_in_a_headless_browser_opened_with_the_token(tmp_path, db_file):
    import aiohttp

    TinyDBRepository.open(db_file).add_many(demo_applications(FIXED_NOW))
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Europe/Paris"\n', encoding="utf-8")
    env = {**os.environ, "FOLLOWUP_NOW": FIXED_NOW_TEXT}
    downloaded = tmp_path / "downloads"
    downloaded.mkdir()
    with serving(tmp_path, db_file, config, env) as served, chromium(tmp_path) as devtools_port:
        assert listening_addresses(served.port) <= {"0100007F"}  # 127.0.0.1, nothing else
        async with asyncio.timeout(TIME_LIMIT), aiohttp.ClientSession() as http:
            async with http.ws_connect(await first_page(http, devtools_port), max_msg_size=0) as websocket:
                tools = DevTools(websocket)
                await open_page(tools, served.url)
                board = await wait_for_terminal(tools, "Northwind Analyt", "Kestrel Media")
                # the token left the address bar for a cookie
                location = await tools.call("Runtime.evaluate", expression="location.href", returnByValue=True)
                assert "token" not in location["result"]["value"]
                # everything the page loaded came from the server itself (no font service, no CDN)
                hosts = {urlsplit(e["params"]["request"]["url"]).netloc for e in tools.events
                         if e.get("method") == "Network.requestWillBeSent"}
                assert hosts == {f"127.0.0.1:{served.port}"}, hosts

                # an export from the command palette arrives as a browser download (the cookie goes with it)
                async with http.get(f"http://127.0.0.1:{devtools_port}/json/version") as response:
                    browser_url = (await response.json())["webSocketDebuggerUrl"]
                async with http.ws_connect(browser_url, max_msg_size=0) as browser_socket:
                    await DevTools(browser_socket).call(
                        "Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloaded)
                    )
                    await tools.call("Input.dispatchMouseEvent", type="mousePressed", x=400, y=300,
                                     button="left", clickCount=1)
                    await tools.call("Input.dispatchMouseEvent", type="mouseReleased", x=400, y=300,
                                     button="left", clickCount=1)
                    await press(tools, "p", "KeyP", 80, modifiers=2)
                    await tools.call("Input.insertText", text="Export all as CSV")
                    while True:  # the palette shows the typed text and the matching command
                        shown = (await tools.terminal())["text"][len(board):]
                        if shown.count("Export all as CSV") >= 2:
                            break
                        await asyncio.sleep(0.1)  # polling a condition: the palette is shown
                    assert "🔎" not in shown and "⭘" not in board  # glyphs the page's font lacks
                    await press(tools, "Enter", "Enter", 13, text="\r")
                    while not list(downloaded.glob("*.csv")):
                        await asyncio.sleep(0.2)  # polling a condition: the download has landed
    csv_file = next(downloaded.glob("*.csv"))
    assert csv_file.name == "followup-20261125-1500.csv"
    assert "Northwind Analytics" in csv_file.read_text(encoding="utf-8")
    assert not (db_file.parent / "exports").exists()  # nothing written on the server's disk
    for column in ("Applied", "Interview", "Thanked", "Following up", "Offer", "Closed"):
        assert column in board


def test_an_address_other_machines_reach_gets_a_loud_warning():
    warning = exposure_warning("0.0.0.0", 8000)
    assert "WARNING" in warning and "TLS" in warning and "ssh -L 8000:127.0.0.1:8000" in warning


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
