"""Errors the domain and the repository interface raise."""


class FollowupError(Exception):
    """Base for errors with a message meant for the user."""


class ValidationError(FollowupError, ValueError):
    """A value a user gave is not acceptable; `field` names where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(FollowupError, LookupError):
    def __init__(self, app_id: object) -> None:
        super().__init__(f"no application with id {app_id}")
        self.app_id = app_id


class ConflictError(FollowupError):
    """Another session changed the record since it was read."""

    def __init__(self, app_id: object, expected_rev: int, actual_rev: int | None) -> None:
        if actual_rev is None:
            detail = "it was deleted in another session"
        else:
            detail = f"it was changed in another session (revision {expected_rev} -> {actual_rev})"
        super().__init__(f"application {app_id} was not saved: {detail}. Reload and try again.")
        self.app_id = app_id
        self.expected_rev = expected_rev
        self.actual_rev = actual_rev


class StoreError(FollowupError):
    """The data file cannot be used; the message names the file and the problem."""
