"""One Dovecot per test module; each test reads its own user's mailbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dovecot_fixture import Dovecot, dovecot_server


@pytest.fixture(scope="module")
def dovecot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dovecot]:
    with dovecot_server(tmp_path_factory.mktemp("dovecot")) as server:
        yield server
