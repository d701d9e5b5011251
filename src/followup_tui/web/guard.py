"""Who may use the web mode: the rules, apart from any web framework.

The owner proves who they are once, with the random token `followup serve`
prints in its URL (as Jupyter does); the token is exchanged for a cookie
that scripts cannot read (HttpOnly) and other sites never send
(SameSite=Strict). Every request must then carry it. The `Host` a browser
names must be the address served, so a hostile site's name resolved to
127.0.0.1 (DNS rebinding) is turned away, and an `Origin`, when a browser
sends one (always for a websocket), must be that same served origin, so no
other page can drive a session.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass, field

TOKEN_PARAMETER = "token"
COOKIE_PREFIX = "followup-session-"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD_HOSTS = frozenset({"", "0", "0.0.0.0", "::", "[::]", "*"})


def is_loopback(host: str) -> bool:
    """Whether listening on `host` keeps the server to this machine."""
    name = host.strip("[]")
    if name in WILDCARD_HOSTS:
        return False
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a name that may resolve anywhere


def _host_form(name: str) -> str:
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


@dataclass
class Guard:
    """The served address, the token and the cookie of one `followup serve`."""

    host: str
    port: int
    public_hosts: tuple[str, ...] = ()  # names a TLS proxy in front serves it as (any port, https)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    cookie_value: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie_name(self) -> str:
        # cookies are per host, not per port: each server's own name
        return f"{COOKIE_PREFIX}{self.port}"

    def url(self) -> str:
        """What the owner opens: the served address and the token."""
        host = "127.0.0.1" if self.host.strip("[]") in WILDCARD_HOSTS else self.host
        return f"http://{_host_form(host)}:{self.port}/?{TOKEN_PARAMETER}={self.token}"

    def names(self, local_address: str | None = None) -> set[str]:
        """Host names a request may carry (without the port): the address
        served; for a loopback server its loopback names; for a wildcard, the
        address the request came in on and this machine's own names."""
        bound = self.host.strip("[]")
        found = {bound} if bound not in WILDCARD_HOSTS else set()
        if is_loopback(bound):
            found |= LOOPBACK_NAMES
        elif bound in WILDCARD_HOSTS:
            found |= {socket.gethostname(), socket.getfqdn()} | LOOPBACK_NAMES
            if local_address:
                found.add(local_address.removeprefix("::ffff:"))
        return {name.lower() for name in found if name}

    def is_public(self, host_header: str) -> bool:
        """Whether the request came through the TLS proxy (a --public-host name)."""
        name, _ = _split_host(host_header.strip().lower())
        return bool(name) and name in {h.lower() for h in self.public_hosts}

    def host_allowed(self, host_header: str | None, local_address: str | None = None) -> bool:
        if not host_header:
            return False
        if self.is_public(host_header):
            return True
        name, port = _split_host(host_header.strip().lower())
        if port is None:
            port = 80
        return port == self.port and name in self.names(local_address)

    def origin_allowed(self, origin: str | None, host_header: str) -> bool:
        """An Origin, when sent, must be this server as the browser reached it
        (https through the TLS proxy of a --public-host name)."""
        if origin is None:
            return True
        scheme = "https" if self.is_public(host_header) else "http"
        return origin.strip().lower() == f"{scheme}://{host_header.strip().lower()}"

    def token_matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def cookie_matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.cookie_value.encode())


def _split_host(value: str) -> tuple[str, int | None]:
    """"127.0.0.1:8000" -> ("127.0.0.1", 8000); "[::1]:8000" -> ("::1", 8000)."""
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port_text = rest.removeprefix(":") if rest.startswith(":") else ""
        if rest and not rest.startswith(":"):
            return "", None
    elif value.count(":") == 1:
        name, _, port_text = value.partition(":")
    else:
        name, port_text = value, ""
    if not port_text:
        return name, None
    if not port_text.isdigit() or len(port_text) > 5:
        return "", -1
    return name, int(port_text)
