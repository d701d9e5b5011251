"""Recipients as people write them, parsed with the standard library."""

from __future__ import annotations

import pytest

from followup_tui.domain.addresses import AddressProblem, Recipient, check_address, check_recipients, parse_recipients


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jane@acme.com", [("", "jane@acme.com")]),
        ('"Doe, Jane" <jane@acme.com>', [("Doe, Jane", "jane@acme.com")]),  # Outlook's usual form
        ("Doe, Jane <jane@acme.com>", [("Doe, Jane", "jane@acme.com")]),  # the same, unquoted
        ('"Doe, Jane" <jane@acme.com>; Bo <bo@acme.com>', [("Doe, Jane", "jane@acme.com"), ("Bo", "bo@acme.com")]),
        ("ann@x.com, bo@y.com", [("", "ann@x.com"), ("", "bo@y.com")]),
        ('"a;b" <ab@acme.com>', [("a;b", "ab@acme.com")]),  # a semicolon inside quotes is not a separator
        ("jose@bücher.de", [("", "jose@bücher.de")]),
        ("", []),
    ],
)
def test_parse_recipients(text, expected):
    assert [(r.name, r.address) for r in parse_recipients(text)] == expected


def test_internationalised_domain_is_valid_and_has_an_ascii_form():
    checked = check_address(Recipient("", "jose@bücher.de"))
    assert (checked.domain, checked.ascii_domain, checked.needs_smtputf8) == ("bücher.de", "xn--bcher-kva.de", False)
    local = check_address(Recipient("José", "jösé@bücher.de"))
    assert local.needs_smtputf8 and local.ascii_address == "jösé@xn--bcher-kva.de"


@pytest.mark.parametrize("text", ["garbage", "a@b@c", "<>", "jane@", '"unclosed <x@y.com>', "@@@", ",;,"])
def test_no_form_raises_anything_but_a_named_problem(text):
    parse_recipients(text)  # never raises
    with pytest.raises(AddressProblem) as caught:
        check_recipients(text)
    assert "not a valid email address" in str(caught.value)
