"""Send a message with smtplib, per the [smtp] settings.

The password is never stored: it comes from an environment variable or from
the output of a password command (`pass show mail`, a keyring helper...).
Every failure is a SendError whose message says what went wrong and where.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import socket
import ssl
import subprocess
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import getaddresses

from ..domain.errors import FollowupError
from ..domain.settings import SmtpSettings
from .password import PasswordError, resolve_password

SEND_TIMEOUT = 30  # seconds per network operation


class SendError(FollowupError):
    """Sending failed; nothing was recorded as sent."""


def configure_hint(config_file: str = "config.toml") -> str:
    return (
        f"Sending by email is not set up. Add to {config_file}:\n"
        '[smtp]\nhost = "smtp.example.com"\nport = 587\nsecurity = "starttls"  # or "ssl", "none"\n'
        'user = "you@example.com"\nfrom_address = "you@example.com"\n'
        'password_command = "pass show mail"  # or export FOLLOWUP_SMTP_PASSWORD'
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if smtp.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=SEND_TIMEOUT, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=SEND_TIMEOUT)
    try:
        client.ehlo()
        if smtp.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
    except BaseException:
        client.close()
        raise
    return client


def send_message(
    message: EmailMessage, smtp: SmtpSettings, environ: Mapping[str, str] | None = None
) -> list[str]:
    """Send `message` (its From, To and Bcc headers) and return the recipients
    the server accepted. Raises SendError."""
    if not smtp.configured:
        raise SendError(configure_hint())
    if not message["From"]:
        raise SendError("no sender address: set from_address in the [smtp] settings")
    if not _recipients(message):
        raise SendError("no recipient: add their business email address in To")
    try:
        password = resolve_password(smtp, environ) if smtp.user else None
    except PasswordError as exc:
        raise SendError(str(exc)) from exc
    if smtp.user and password is None:
        raise SendError(
            f"no password for {smtp.user}: set ${smtp.password_env} or smtp.password_command"
        )
    if smtp.user and smtp.security == "none" and not _is_loopback(smtp.host):
        raise SendError(f"refusing to send the password unencrypted to {smtp.host}: use security = starttls or ssl")
    where = f"{smtp.host}:{smtp.port}"
    try:
        client = _connect(smtp)
        try:
            if smtp.user:
                client.login(smtp.user, password or "")
            refused = client.send_message(message)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"{where} refused the user name or password ({_reply(exc)})") from exc
    except smtplib.SMTPNotSupportedError as exc:
        if "SMTPUTF8" in str(exc):
            international = ", ".join(a for a in _recipients(message) + _senders(message) if not a.isascii())
            raise SendError(
                f"{where} cannot take internationalised addresses (it does not offer SMTPUTF8): {international}. "
                "Export the message as .eml and send it from your mail client, or use their ASCII address."
            ) from exc
        raise SendError(f"{where} does not support {smtp.security.upper()} or login: {exc}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        who = ", ".join(exc.recipients)
        raise SendError(f"{where} refused the recipient {who}") from exc
    except smtplib.SMTPSenderRefused as exc:
        raise SendError(f"{where} refused the sender {exc.sender} ({_reply(exc)})") from exc
    except smtplib.SMTPResponseException as exc:
        raise SendError(f"{where} answered {_reply(exc)}") from exc
    except smtplib.SMTPException as exc:
        raise SendError(f"sending through {where} failed: {exc}") from exc
    except ssl.SSLError as exc:
        raise SendError(f"secure connection to {where} failed: {exc.reason or exc}") from exc
    except socket.timeout as exc:
        raise SendError(f"{where} did not answer within {SEND_TIMEOUT} s") from exc
    except OSError as exc:
        raise SendError(f"could not connect to {where}: {exc.strerror or exc}") from exc
    accepted = [r for r in _recipients(message) if r not in refused]
    return accepted


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {text}".strip()


def _recipients(message: EmailMessage) -> list[str]:
    return _addresses(message, ("To", "Cc", "Bcc"))


def _senders(message: EmailMessage) -> list[str]:
    return _addresses(message, ("From",))


def _addresses(message: EmailMessage, keys: tuple[str, ...]) -> list[str]:
    fields = [str(v) for key in keys for v in message.get_all(key, [])]
    return [address for _name, address in getaddresses(fields) if address]
