"""The attacks on `followup serve` of issue 22, each refused: a browser
without the token, HTTP and websocket clients without the cookie or with a
forged Origin or Host (DNS rebinding), another local user trying them all,
more tabs than the cap, an address other machines reach without
--allow-remote, and a browser session changing a setting that runs a command.
Before, the server had no token: every one of these got in."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess

import pytest
from cli.cli_runner import FIXED_NOW_TEXT
from fixed import FIXED_NOW
from web_fixture import DevTools, chromium, first_page, open_page, serving, unavailable

from followup_tui.domain.demo import demo_applications
from followup_tui.store import TinyDBRepository

pytestmark = pytest.mark.slow
LIMIT = 60


# (aiohttp keeps cookies of an IP address only with unsafe=True; a browser keeps them)


def start(folder):
    db_file = folder / "data" / "followup.json"
    TinyDBRepository.open(db_file).add_many(demo_applications(FIXED_NOW))
    config = folder / "config.toml"
    config.write_text('timezone = "Europe/Paris"\nweb_sessions = 1\n', encoding="utf-8")
    home = folder / "home"  # never the real home (a module's fixture runs before conftest's)
    env = {**os.environ, "FOLLOWUP_NOW": FIXED_NOW_TEXT, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config")}
    return serving(folder, db_file, config, env)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the attacks that leave no session open (starting one costs seconds)."""
    with start(tmp_path_factory.mktemp("served")) as server:
        yield server


@pytest.fixture
def served_alone(tmp_path):
    with start(tmp_path) as server:
        yield server


async def test_a_browser_without_the_token_gets_nothing_but_how_to_get_in(tmp_path, served):
    import aiohttp

    with chromium(tmp_path) as devtools_port:
        async with asyncio.timeout(LIMIT), aiohttp.ClientSession() as http:
            async with http.ws_connect(await first_page(http, devtools_port), max_msg_size=0) as websocket:
                tools = DevTools(websocket)
                await open_page(tools, served.origin + "/")
                while "token" not in (seen := await tools.terminal())["page"]:
                    await asyncio.sleep(0.1)  # polling a condition: the page has loaded
                assert "Open the address with the token" in seen["page"]
                assert seen["text"] == "" and not seen["shown"]  # no terminal, no session
                requests = [e["params"]["request"]["url"] for e in tools.events
                            if e.get("method") == "Network.requestWillBeSent"]
                # no script, no websocket, nothing else (the browser asks for an icon by itself: refused too)
                assert set(requests) <= {served.origin + "/", served.origin + "/favicon.ico"}, requests


async def test_every_route_is_refused_without_the_cookie(served):
    import aiohttp

    async with asyncio.timeout(LIMIT), aiohttp.ClientSession() as http:
        for path in ("/", "/?fontsize=20", "/static/js/textual.js", "/static/", "/download/abc", "/ws",
                     "/?token=wrong", f"/?token={served.url.split('token=')[1][:-1]}"):
            async with http.get(served.origin + path, allow_redirects=False) as response:
                assert response.status == 403, (path, response.status)
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(served.origin + "/ws", headers={"Origin": served.origin})
        assert refused.value.status == 403


async def test_the_token_becomes_a_private_cookie_that_opens_the_page(served):
    import aiohttp

    async with asyncio.timeout(LIMIT), aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(served.url, allow_redirects=False) as response:
            assert response.status == 302 and response.headers["Location"] == "/"
            cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        async with http.get(served.origin + "/") as page:
            assert page.status == 200
            text = await page.text()
        assert "googleapis" not in text and "https://" not in text and "/static/js/textual.js" in text
        assert "default-src 'none'" in page.headers["Content-Security-Policy"]


async def test_a_forged_origin_or_host_is_refused_even_with_the_cookie(served):
    import aiohttp

    async with asyncio.timeout(LIMIT), aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(served.url, allow_redirects=False):
            pass
        for origin in ("http://evil.example", "null", f"http://localhost.evil.example:{served.port}",
                       f"https://127.0.0.1:{served.port}"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(served.origin + "/ws", headers={"Origin": origin})
            assert refused.value.status == 403, origin
        with pytest.raises(aiohttp.WSServerHandshakeError):  # a websocket must come from the page
            await http.ws_connect(served.origin + "/ws")
        for host in (f"evil.example:{served.port}", "evil.example", f"127.0.0.1:{served.port + 1}", ""):
            async with http.get(served.origin + "/", headers={"Host": host}) as response:
                assert response.status in (400, 421), (host, response.status)  # DNS rebinding
        # the control: the same client, the right Origin, gets its session
        async with http.ws_connect(served.origin + "/ws", headers={"Origin": served.origin}) as session:
            await session.send_json(["ping", "x"])
            while (message := await session.receive()).type != aiohttp.WSMsgType.TEXT:
                pass
            assert json.loads(message.data) == ["pong", "x"]
        # the server is shared by this module's tests and allows one session:
        # leave only once it has seen this one end (its app process exits)
        while True:
            async with http.get(served.origin + "/") as page:
                if page.status == 200:
                    break
                assert page.status == 503, page.status  # still full: the session is ending
            await asyncio.sleep(0.1)  # polling a condition: the session has ended


async def test_sessions_are_capped_with_a_clear_page(served_alone):
    served = served_alone
    import aiohttp

    async with asyncio.timeout(LIMIT), aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(served.url, allow_redirects=False):
            pass
        async with http.ws_connect(served.origin + "/ws", headers={"Origin": served.origin}):
            async with http.get(served.origin + "/") as page:
                assert page.status == 503
                assert "All sessions are in use" in await page.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(served.origin + "/ws", headers={"Origin": served.origin})
            assert refused.value.status == 503


@pytest.mark.parametrize("host", ["0.0.0.0", "", "0", "::"])
def test_an_address_other_machines_reach_needs_allow_remote(tmp_path, db_file, host):
    from click.testing import CliRunner

    from followup_tui.cli import main

    done = CliRunner().invoke(main, ["--db", str(db_file), "serve", "--host", host, "--port", "1"])
    assert done.exit_code == 2
    assert len(done.stderr.splitlines()) == 1
    assert "--allow-remote" in done.stderr and "TLS" in done.stderr


# -- another local user ---------------------------------------------------------------

# stdlib only: run by the system's Python as `nobody` (the test's own Python may sit in a private home)
ATTACKS = r"""
import base64, http.client, json, os, socket, sys
port = int(sys.argv[1])
origin = f"http://127.0.0.1:{port}"
results = {}
for name, path, host in [
    ("page", "/", None),
    ("page with a guessed token", "/?token=guess", None),
    ("script", "/static/js/textual.js", None),
    ("export download", "/download/0", None),
    ("rebinding", "/", f"evil.example:{port}"),
]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    results[name] = connection.getresponse().status
for name, ws_origin in [("websocket from evil.example", "http://evil.example"), ("websocket", origin)]:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as raw:
        key = base64.b64encode(os.urandom(16)).decode()
        raw.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                     f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                     f"Origin: {ws_origin}\r\n\r\n").encode())
        results[name] = int(raw.recv(4096).split(b" ")[1])
print(json.dumps(results))
"""
SYSTEM_PYTHON = "/usr/bin/python3"


def test_another_local_user_is_refused_everything(served):
    if os.geteuid() != 0 or shutil.which("runuser") is None or not os.path.exists(SYSTEM_PYTHON):
        unavailable("switching to another user needs root, runuser and a system Python")
    db_file = served.log.parent / "data" / "followup.json"
    before = db_file.read_bytes()
    done = subprocess.run(["runuser", "-u", "nobody", "--", SYSTEM_PYTHON, "-I", "-c", ATTACKS, str(served.port)],
                          capture_output=True, text=True, timeout=LIMIT, cwd="/")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results == {"page": 403, "page with a guessed token": 403, "script": 403, "export download": 403,
                       "rebinding": 421, "websocket from evil.example": 403, "websocket": 403}, results
    assert db_file.read_bytes() == before
    assert "refused" in served.log.read_text()


async def test_a_browser_session_cannot_set_a_command(tmp_path, db_file):
    """What a browser tab's settings screen gets from the factory: a command
    it cannot change, the field shown disabled."""
    from ui_steps import board_ready
    from waiting import wait_until

    from followup_tui.factory import build_app
    from followup_tui.ui.screens.settings import SettingsScreen

    config = tmp_path / "config.toml"
    config.write_text('user_name = "Sam"\n[smtp]\npassword_command = "pass show smtp"\n', encoding="utf-8")
    TinyDBRepository.open(db_file).add_many(demo_applications(FIXED_NOW))
    app = build_app(db_file, clock=lambda: FIXED_NOW, backups=False, config_file=config, web=True)
    store = app.settings_store
    values = store.load()
    settings, problems = store.save({**values, "smtp.password_command": "id > /tmp/out; echo pw"})
    assert settings is None and "browser" in problems["smtp.password_command"]
    assert "pass show smtp" in config.read_text() and "id > /tmp/out" not in config.read_text()
    assert store.save({**values, "user_name": "Sam Doe"})[0] is not None  # the rest still saves
    async with app.run_test(size=(100, 40)) as pilot:
        await board_ready(pilot, wait_until)
        await pilot.press("S")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen), what="the settings screen")
        field = app.screen.query_one("#smtp-password-command")
        assert field.disabled and field.value == "pass show smtp"
        assert not app.screen.query_one("#user-name").disabled
