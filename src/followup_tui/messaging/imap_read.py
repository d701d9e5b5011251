"""Reading the mailbox over IMAP, read-only (imapclient).

EXAMINE (select_folder readonly) and BODY.PEEK only: no flag, move or delete,
ever. Per folder: the new UIDs (after the last one read, or since a date on a
first sync or a changed UIDVALIDITY), their header fields in batches, then,
only for a message the rules might want, its structure and the first 64 KB
of its text part (and a text/calendar or delivery-report part; never other
attachments). Every failure is a MailError with one line naming it.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date

from ..domain.errors import FollowupError
from ..domain.mail_message import MailMessage
from ..domain.settings import ImapSettings

# the parser (the email package, html.parser) loads with the first message read

BATCH = 2000  # messages per FETCH: memory stays bounded whatever the mailbox's size (2,000 headers: a few MB)
TIMEOUT = 30.0  # seconds per network operation


def _headers_item() -> str:
    from .mail_parse import HEADER_FIELDS

    return "BODY.PEEK[HEADER.FIELDS (" + " ".join(HEADER_FIELDS) + ")]"


class MailError(FollowupError):
    """Reading the mailbox failed; nothing was recorded."""


@dataclass(frozen=True)
class FolderRead:
    name: str
    uidvalidity: int
    last_uid: int
    messages: list[MailMessage]
    rescanned: bool  # a first read, or the server's UIDVALIDITY changed


def _password(imap: ImapSettings, environ: Mapping[str, str] | None) -> str:
    from .password import PasswordError, resolve_password

    try:
        password = resolve_password(imap, environ)
    except PasswordError as exc:
        raise MailError(f"imap: {exc}") from exc
    if password is None:
        raise MailError(f"no IMAP password for {imap.user}: set ${imap.password_env} or imap.password_command")
    return password


class MailboxReader:
    """One connection, logged in; use as a context manager."""

    def __init__(self, imap: ImapSettings, environ: Mapping[str, str] | None = None) -> None:
        self.imap = imap
        self.environ = environ
        self.where = f"{imap.host}:{imap.port}"
        self.client = None

    # -- connecting ----------------------------------------------------------------

    def __enter__(self) -> MailboxReader:
        from imapclient import IMAPClient
        from imapclient.exceptions import LoginError

        password = _password(self.imap, self.environ)
        # loading the trusted certificates costs tens of ms: only when used
        context = ssl.create_default_context() if self.imap.security != "none" else None
        try:
            client = IMAPClient(self.imap.host, port=self.imap.port, ssl=self.imap.security == "ssl",
                                ssl_context=context, timeout=TIMEOUT)
        except ssl.SSLError as exc:
            raise MailError(f"TLS with {self.where} failed: {exc.reason or exc}") from exc
        except socket.timeout as exc:
            raise MailError(f"cannot reach {self.where}: no answer within {TIMEOUT:.0f} s") from exc
        except OSError as exc:
            raise MailError(f"cannot reach {self.where}: {exc.strerror or exc}") from exc
        self.client = client
        try:
            if self.imap.security == "starttls":
                client.starttls(context)
            client.login(self.imap.user, password)
        except LoginError as exc:
            self._close()
            raise MailError(f"{self.where} refused the login for {self.imap.user} (wrong user name or password?)") from exc
        except ssl.SSLError as exc:
            self._close()
            raise MailError(f"TLS with {self.where} failed: {exc.reason or exc}") from exc
        except Exception as exc:
            self._close()
            raise self._lost(exc) from exc
        return self

    def __exit__(self, *exc_info) -> None:
        if self.client is not None:
            try:
                self.client.logout()
            except Exception:  # noqa: BLE001 - already gone: nothing to tidy
                self._close()
            self.client = None

    def _close(self) -> None:
        try:
            self.client.shutdown()
        except Exception:  # noqa: BLE001
            pass
        self.client = None

    def _lost(self, exc: BaseException) -> MailError:
        if isinstance(exc, ssl.SSLError):
            return MailError(f"TLS with {self.where} failed: {exc.reason or exc}")
        if isinstance(exc, socket.timeout):
            return MailError(f"{self.where} stopped answering (no answer within {TIMEOUT:.0f} s); nothing was recorded")
        if isinstance(exc, OSError):
            return MailError(f"the connection to {self.where} was lost: {exc.strerror or exc}; nothing was recorded")
        text = " ".join(str(exc).split())[:200]
        return MailError(f"{self.where} failed: {text or type(exc).__name__}; nothing was recorded")

    # -- folders -------------------------------------------------------------------

    def sent_folder(self) -> str | None:
        """The setting's folder; else the one marked \\Sent; else "Sent" when
        it exists; else none (sent mail is then not read)."""
        if self.imap.sent:
            return self.imap.sent
        try:
            from imapclient.imapclient import SENT

            marked = self.client.find_special_folder(SENT)
            if marked:
                return marked
            return "Sent" if self.client.folder_exists("Sent") else None
        except Exception as exc:
            raise self._lost(exc) from exc

    def read_folder(
        self,
        name: str,
        folder_kind: str,
        mark: tuple[int, int] | None,
        since: Callable[[], date | None],
        wanted: Callable[[MailMessage], bool],
        progress: Callable[[int, int], None] | None = None,
    ) -> FolderRead:
        """New messages of folder `name` that `wanted` keeps (text read), and
        the folder's new mark. `mark`: (uidvalidity, last uid) of the last read."""
        from imapclient.exceptions import IMAPClientError

        client = self.client
        try:
            try:
                info = client.select_folder(name, readonly=True)  # EXAMINE
            except IMAPClientError as exc:
                if "nonexistent" in str(exc).lower() or "doesn't exist" in str(exc).lower() or "not exist" in str(exc).lower():
                    raise MailError(f"the folder {name!r} does not exist on {self.where}") from exc
                raise MailError(f"{self.where} would not open the folder {name!r}: {' '.join(str(exc).split())[:200]}") from exc
            validity = int(info.get(b"UIDVALIDITY", 0))
            uid_next = int(info.get(b"UIDNEXT", 0) or 0)
            if mark is not None and mark[0] == validity:
                last = mark[1]
                if uid_next and uid_next <= last + 1:
                    return FolderRead(name, validity, last, [], False)  # nothing new: one round trip
                uids = [uid for uid in client.search(["UID", f"{last + 1}:*"]) if uid > last]
                rescanned = False
            else:
                start = since()
                uids = client.search(["SINCE", start] if start is not None else ["ALL"])
                last, rescanned = 0, True
            uids = sorted(uids)
            kept: list[MailMessage] = []
            for done, batch in enumerate(_batches(uids, BATCH)):
                kept += self._read_batch(batch, folder_kind, wanted)
                if progress is not None:
                    progress(min((done + 1) * BATCH, len(uids)), len(uids))
            newest = max([last, *uids]) if uids else max(last, uid_next - 1 if rescanned and uid_next else last)
            return FolderRead(name, validity, newest, kept, rescanned)
        except MailError:
            raise
        except Exception as exc:
            raise self._lost(exc) from exc

    def _read_batch(self, uids: list[int], folder_kind: str, wanted: Callable[[MailMessage], bool]) -> list[MailMessage]:
        from .mail_parse import TEXT_LIMIT, find_parts, first_look, message_from_headers

        answer = self.client.fetch(uids, [_headers_item()])
        candidates: dict[int, MailMessage] = {}
        for uid in uids:
            data = answer.get(uid)
            if data is None:
                continue  # expunged meanwhile
            raw = next((value for key, value in data.items() if key.startswith(b"BODY[HEADER")), b"") or b""
            if wanted(first_look(folder_kind, raw)):
                candidates[uid] = message_from_headers(folder_kind, raw)
        if not candidates:
            return []
        structures = self.client.fetch(list(candidates), ["BODYSTRUCTURE"])
        # the parts each message needs, fetched together for messages that need the same ones
        wanted_parts: dict[int, list[tuple[str, str, str]]] = {}
        parts_of: dict[int, object] = {}
        groups: dict[tuple[str, ...], list[int]] = {}
        for uid in candidates:
            parts = find_parts(structures.get(uid, {}).get(b"BODYSTRUCTURE"))
            chosen = [p for p in (parts.text or parts.html, parts.calendar, parts.report) if p is not None]
            parts_of[uid], wanted_parts[uid] = parts, chosen
            if chosen:
                items = tuple(f"BODY.PEEK[{number}]<0.{TEXT_LIMIT}>" for number, _enc, _cs in chosen)
                groups.setdefault(items, []).append(uid)
        bodies: dict[int, dict] = {}
        for items, uids in groups.items():
            bodies.update(self.client.fetch(uids, list(items)))
        return [_with_text(message, parts_of[uid], bodies.get(uid, {})) for uid, message in candidates.items()]


def _with_text(message: MailMessage, parts, data: dict) -> MailMessage:
    """The message with its text (and calendar, and delivery report) read."""
    from .mail_parse import bounced_addresses, calendar_invite, decode_part, html_text, new_text_of

    def text_of(where: tuple[str, str, str] | None) -> str:
        if where is None:
            return ""
        raw = data.get(f"BODY[{where[0]}]<0>".encode(), b"") or b""
        return decode_part(raw, where[1], where[2])

    if not data:
        return message
    text = text_of(parts.text) if parts.text else html_text(text_of(parts.html))
    changes: dict = {"text": text, "new_text": new_text_of(text)}
    if parts.calendar is not None:
        changes["invite"] = calendar_invite(text_of(parts.calendar))
    if parts.report is not None:
        changes["bounced"] = tuple(dict.fromkeys(message.bounced + bounced_addresses(text_of(parts.report))))
    return replace(message, **changes)


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
