"""One Dovecot per test module; each test reads its own user's mailbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dovecot_fixture import Dovecot, dovecot_server


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    with dovecot_server() as server:
        yield server
