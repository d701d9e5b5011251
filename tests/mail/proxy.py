"""A TCP proxy between the app and Dovecot that misbehaves on purpose once
the server starts answering a FETCH: it drops the connection, or it stalls
(to kill the client mid-sync)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Proxy:
    port: int
    fetching: threading.Event = field(default_factory=threading.Event)  # the server began a FETCH answer


def _pump(source: socket.socket, target: socket.socket, proxy: Proxy, mode: str, watch: bool, stop: threading.Event) -> None:
    try:
        while not stop.is_set():
            data = source.recv(65536)
            if not data:
                break
            if watch and b" FETCH (" in data:
                proxy.fetching.set()
                cut = data.index(b" FETCH (") + 40
                target.sendall(data[:cut])
                if mode == "drop":
                    break
                stop.wait(60)  # stall: the client waits for the rest
                break
            target.sendall(data)
    except OSError:
        pass
    finally:
        stop.set()
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@contextmanager
def misbehaving_proxy(upstream_port: int, mode: str) -> Iterator[Proxy]:
    """mode: "drop" (close mid-FETCH) or "stall" (stop forwarding mid-FETCH)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    proxy = Proxy(listener.getsockname()[1])
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", upstream_port))
            session = threading.Event()
            for args in ((client, server, proxy, mode, False, session), (server, client, proxy, mode, True, session)):
                thread = threading.Thread(target=_pump, args=args, daemon=True)
                thread.start()
                threads.append(thread)

    acceptor = threading.Thread(target=serve, daemon=True)
    acceptor.start()
    try:
        yield proxy
    finally:
        stop.set()
        listener.close()
