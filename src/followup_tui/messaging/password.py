"""The mail password, for [smtp] and [imap] alike: the first line a
`password_command` prints (`pass show mail`, a keyring helper), else the
`password_env` variable. It is never stored.

Its own module so reading the mailbox does not import smtplib to find it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from typing import Protocol

from ..domain.errors import FollowupError

PASSWORD_COMMAND_TIMEOUT = 60  # seconds: a keyring may ask for a passphrase


class PasswordSource(Protocol):
    password_command: str
    password_env: str


class PasswordError(FollowupError):
    """The password command failed; the message says how, never the password."""


def resolve_password(source: PasswordSource, environ: Mapping[str, str] | None = None) -> str | None:
    """The password from `password_command` (first line of its output) or the
    `password_env` variable; None when neither gives one."""
    environ = os.environ if environ is None else environ
    if source.password_command:
        try:
            done = subprocess.run(
                source.password_command,
                shell=True,  # the user's own command line, as they would type it
                capture_output=True,
                text=True,
                timeout=PASSWORD_COMMAND_TIMEOUT,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise PasswordError(f"the password command took longer than {PASSWORD_COMMAND_TIMEOUT} s") from exc
        if done.returncode != 0:
            detail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
            raise PasswordError(f"the password command failed: {detail[0]}")
        lines = done.stdout.splitlines()
        if not lines or not lines[0]:
            raise PasswordError("the password command printed nothing")
        return lines[0]
    if source.password_env and environ.get(source.password_env):
        return environ[source.password_env]
    return None
