"""The aiohttp server of `followup serve`: textual-serve's websocket and
download handlers (public methods of its Server) behind our own door.

In front of every route, one middleware applies the guard (guard.py): the
Host, the Origin, the token or the cookie; then the number of sessions. The
page is our own (page.html): it loads only what this server serves (the
terminal's script and stylesheet, and its Roboto Mono font, from
textual-serve's static folder), never a font service or a CDN.
"""

from __future__ import annotations

import asyncio
import html
import sys
from pathlib import Path
from string import Template

from aiohttp import web
from textual_serve.server import Server

from .guard import TOKEN_PARAMETER, Guard

PAGE = Path(__file__).with_name("page.html")
SECURITY_HEADERS = {
    # nothing from elsewhere: scripts, styles, fonts and images from this server only
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "font-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # the token never leaves in a Referer
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}
OPEN_WITH_TOKEN = (
    "This followup server answers only its owner: open the address that `followup serve` "
    "printed (it carries the token) in this browser."
)


def refusal(status: int, title: str, text: str, request: web.Request | None = None) -> web.Response:
    if request is not None:  # the owner sees who was turned away (path only: never the token)
        print(f"followup: refused {request.method} {request.path} from {request.remote}: {title} ({status})",
              file=sys.stderr, flush=True)
    body = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>followup: {html.escape(title)}</title>"
            f"</head><body style='font-family: monospace; margin: 3em'><h1>{html.escape(title)}</h1>"
            f"<p>{html.escape(text)}</p></body></html>")
    return web.Response(status=status, text=body, content_type="text/html", headers=SECURITY_HEADERS)


class GuardedServer:
    """One `followup serve`: the guard, the session count, the routes."""

    def __init__(self, command: str, guard: Guard, max_sessions: int, title: str = "followup") -> None:
        self.guard = guard
        self.max_sessions = max_sessions
        self.sessions = 0
        self.title = title
        # textual-serve's Server starts each tab's process and relays downloads;
        # its own routes and page are not used
        self.textual = Server(command, host=guard.host, port=guard.port, title=title)

    @property
    def full(self) -> bool:
        return self.sessions >= self.max_sessions

    def full_page(self) -> web.Response:
        return refusal(503, "All sessions are in use", (
            f"{self.sessions} browser tabs already run followup on this server, the most it allows "
            f"(web_sessions = {self.max_sessions} in the config file). Close one, then reload this page."))

    @web.middleware
    async def door(self, request: web.Request, handler) -> web.StreamResponse:
        guard = self.guard
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        local = sockname[0] if sockname else None
        if not guard.host_allowed(request.headers.get("Host"), local):
            return refusal(421, "Wrong address", f"This server answers only as {guard.url().split('/?')[0]}.", request)
        if not guard.origin_allowed(request.headers.get("Origin"), request.headers["Host"]):
            return refusal(403, "Refused", "Requests from other sites are refused.", request)
        if request.method not in ("GET", "HEAD"):
            return refusal(405, "Refused", "This server only serves pages.", request)
        if request.path == "/" and TOKEN_PARAMETER in request.query:
            if not guard.token_matches(request.query.get(TOKEN_PARAMETER)):
                return refusal(403, "Wrong token", OPEN_WITH_TOKEN, request)
            # the token becomes a cookie, and leaves the address bar and the history
            response = web.HTTPFound("/", headers=SECURITY_HEADERS)
            response.set_cookie(guard.cookie_name, guard.cookie_value, httponly=True, samesite="Strict", path="/")
            return response
        if not guard.cookie_matches(request.cookies.get(guard.cookie_name)):
            return refusal(403, "Open the address with the token", OPEN_WITH_TOKEN, request)
        if request.path == "/ws" and request.headers.get("Origin") is None:
            return refusal(403, "Refused", "A session needs the page this server serves.", request)
        response = await handler(request)
        if not response.prepared:  # a websocket or a download has sent its headers already
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
        return response

    async def page(self, request: web.Request) -> web.Response:
        if self.full:
            return self.full_page()
        values = {
            "title": html.escape(self.title),
            "websocket": html.escape(f"{'wss' if self.guard.is_public(request.host) else 'ws'}://{request.host}/ws"),
            "font_size": str(_font_size(request.query.get("fontsize"))),
        }
        return web.Response(text=Template(PAGE.read_text(encoding="utf-8")).substitute(values),
                            content_type="text/html")

    async def session(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            return self.full_page()
        self.sessions += 1
        try:
            return await self.textual.handle_websocket(request)
        finally:
            self.sessions -= 1

    async def download(self, request: web.Request) -> web.StreamResponse:
        return await self.textual.handle_download(request)

    def app(self) -> web.Application:
        application = web.Application(middlewares=[self.door])
        application.add_routes([
            web.get("/", self.page),
            web.get("/ws", self.session),
            web.get("/download/{key}", self.download),
            web.static("/static", self.textual.statics_path, show_index=False),
        ])
        return application

    def serve(self) -> None:
        """Until ctrl+c or SIGTERM."""
        web.run_app(self.app(), host=self.guard.host or None, port=self.guard.port, print=lambda *_: None,
                    handle_signals=True, loop=asyncio.new_event_loop())


def _font_size(text: str | None) -> int:
    try:
        return min(max(int(text or 16), 8), 40)
    except ValueError:
        return 16
