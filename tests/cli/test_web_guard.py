"""The web mode's door (web/guard.py) as plain rules: which Host and Origin
a request may carry, and the token. The same rules against a real server
and browser: tests/adversarial/test_web_attacks.py."""

from __future__ import annotations

import pytest

from followup_tui.web.guard import Guard, is_loopback


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("", False), ("0", False), ("::", False), ("192.168.1.5", False), ("example.com", False),
])
def test_which_addresses_keep_the_server_to_this_machine(host, loopback):
    assert is_loopback(host) is loopback


def test_a_loopback_server_answers_only_as_itself():
    guard = Guard("127.0.0.1", 8000)
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST:8000"):
        assert guard.host_allowed(host), host
    for host in ("evil.example:8000", "127.0.0.1:8001", "127.0.0.1", "127.0.0.1:80", "", None,
                 "127.0.0.1:8000:1", "[::1]x:8000", "127.0.0.1:99999999"):
        assert not guard.host_allowed(host), host


def test_an_origin_must_be_the_address_served():
    guard = Guard("127.0.0.1", 8000)
    assert guard.origin_allowed(None, "127.0.0.1:8000")  # a navigation sends none
    assert guard.origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    for origin in ("http://evil.example", "null", "https://127.0.0.1:8000", "http://localhost:8000"):
        assert not guard.origin_allowed(origin, "127.0.0.1:8000"), origin


def test_a_wildcard_server_answers_to_its_own_names_and_the_address_used():
    guard = Guard("0.0.0.0", 8000)
    assert guard.host_allowed("192.168.1.5:8000", local_address="192.168.1.5")
    assert not guard.host_allowed("192.168.1.6:8000", local_address="192.168.1.5")
    assert not guard.host_allowed("rebound.evil.example:8000", local_address="192.168.1.5")


def test_behind_a_tls_proxy_its_public_name_is_accepted_with_https():
    guard = Guard("127.0.0.1", 8000, ("followup.example.org",))
    assert guard.host_allowed("followup.example.org")
    assert guard.origin_allowed("https://followup.example.org", "followup.example.org")
    assert not guard.origin_allowed("http://followup.example.org", "followup.example.org")
    assert not guard.host_allowed("evil.example")


def test_the_token_and_the_cookie_are_random_and_compared_whole():
    one, two = Guard("127.0.0.1", 8000), Guard("127.0.0.1", 8000)
    assert one.token != two.token and one.cookie_value != one.token and len(one.token) >= 40
    assert one.token_matches(one.token) and not one.token_matches(one.token[:-1])
    assert not one.token_matches(None) and not one.cookie_matches(one.token)
    assert one.url().startswith("http://127.0.0.1:8000/?token=")
    assert Guard("0.0.0.0", 8000).url().startswith("http://127.0.0.1:8000/")
