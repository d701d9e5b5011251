"""What the mailbox sync keeps between runs (the store writes it beside the
data file): per folder its UIDVALIDITY and the last UID read, the time of the
last sync, the proposals waiting for a yes, the Message-IDs the person
ignored, and the latest findings recorded. Never a password, never a
message's text (proposals keep headers and a short excerpt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VERSION = 1
RECENT_KEPT = 200  # recorded findings listed on the mailbox screen


@dataclass
class FolderMark:
    uidvalidity: int
    last_uid: int


@dataclass
class MailState:
    account: str = ""  # user@host:port the marks belong to: another account starts afresh
    folders: dict[str, FolderMark] = field(default_factory=dict)
    last_sync: str | None = None  # ISO instant
    proposals: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # Message-IDs
    recorded: list[dict[str, Any]] = field(default_factory=list)  # finding JSON, newest last

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": VERSION, "account": self.account,
            "folders": {name: {"uidvalidity": m.uidvalidity, "last_uid": m.last_uid} for name, m in self.folders.items()},
            "last_sync": self.last_sync, "proposals": self.proposals, "ignored": self.ignored,
            "recorded": self.recorded[-RECENT_KEPT:],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MailState:
        folders = {
            str(name): FolderMark(int(mark["uidvalidity"]), int(mark["last_uid"]))
            for name, mark in dict(data.get("folders", {})).items()
        }
        return cls(
            account=str(data.get("account", "")), folders=folders, last_sync=data.get("last_sync"),
            proposals=[dict(p) for p in data.get("proposals", [])], ignored=[str(i) for i in data.get("ignored", [])],
            recorded=[dict(r) for r in data.get("recorded", [])],
        )
