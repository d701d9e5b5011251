"""One Dovecot per test module; each test reads its own user's mailbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dovecot_fixture import Dovecot, dovecot_server
from mail.corpus import corpus
from mail.mail_env import fresh_account


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    with dovecot_server() as server:
        yield server


@pytest.fixture
def account(dovecot: Dovecot) -> Dovecot:
    """A fresh user whose mailbox holds the realistic mail of mail/corpus.py."""
    server = fresh_account(dovecot)
    for folder, raw, flags in corpus():
        server.deliver(folder, raw, flags)
    return server
