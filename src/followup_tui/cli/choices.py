"""Choices on the command line as people type them: `move 1 Offer`,
`--stage "Following up"`, `--format CSV`."""

from __future__ import annotations

import click


class Choice(click.Choice):
    """A click.Choice that ignores case and reads a space or an underscore as
    the hyphen of a stage or a kind (the board shows "Following up")."""

    def __init__(self, choices) -> None:
        super().__init__(choices, case_sensitive=False)

    def normalize_choice(self, choice: object, ctx: click.Context | None) -> str:
        return "-".join(super().normalize_choice(choice, ctx).replace("_", " ").split())
