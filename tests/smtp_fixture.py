"""A real SMTP server (aiosmtpd) on 127.0.0.1 for send tests."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class CollectingHandler:
    received: list[Received] = field(default_factory=list)
    gate: threading.Event | None = None  # when given, DATA waits until it is set

    async def handle_DATA(self, server, session, envelope):
        if self.gate is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.gate.wait, 10)
        message = message_from_bytes(envelope.original_content, policy=default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


@dataclass
class SmtpServer:
    host: str
    port: int
    handler: CollectingHandler
    logins: list[tuple[str, str]]

    @property
    def received(self) -> list[Received]:
        return self.handler.received


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(
    user: str = "", password: str = "", gate: threading.Event | None = None, smtputf8: bool = True
) -> Iterator[SmtpServer]:
    """A server that accepts everything; with `user`, it requires that login;
    with `gate`, it holds each message until the gate opens; `smtputf8`
    says whether it offers SMTPUTF8 (internationalised addresses), as
    aiosmtpd's controller does by default."""
    handler = CollectingHandler(gate=gate)
    logins: list[tuple[str, str]] = []

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            login, secret = auth_data.login.decode(), auth_data.password.decode()
            logins.append((login, secret))
            return AuthResult(success=(login, secret) == (user, password), handled=False)
        return AuthResult(success=False, handled=False)

    port = free_port()
    options = {"authenticator": authenticate, "auth_require_tls": False, "auth_required": True} if user else {}
    options["enable_SMTPUTF8"] = smtputf8
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, handler, logins)
    finally:
        if gate is not None:
            gate.set()
        controller.stop()
