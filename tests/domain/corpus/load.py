"""Load the draft corpus (drafts.toml) and score the checks against its labels.

Used by tests/domain/test_checks_corpus.py and tools/corpus_report.py; kept
next to the data so both read it the same way.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from followup_tui.domain.checks import DraftContext, run_checks
from followup_tui.domain.settings import Settings

HERE = Path(__file__).parent
SCORED = ("tone", "restated-interest", "gratitude", "closing", "signature")
KINDS = ("thank-you", "follow-up")
SPLITS = ("tune", "held-out")
LABELS = frozenset(SCORED)
# What the source says is wrong with a draft it criticises (`criticism`), one
# family each: pressing for an answer (pushy), a reproach dressed as courtesy
# (passive-aggressive), making the reader feel guilty (guilt-tripping), a
# date put on the employer (deadline), open hostility, insults, threats or
# swearing (rude), written to a personal address or account
# (personal-address), pleading (desperate), a note that could go to anyone
# (generic), careless form: lowercase, text-speak, "LOL", blessings
# (unprofessional), money or a present sent with it (gift), an apology for
# writing late (late).
CRITICISMS = (
    "pushy", "passive-aggressive", "guilt-tripping", "deadline", "rude", "personal-address",
    "desperate", "generic", "unprofessional", "gift", "late",
)
# What a draft cut short cannot show: its thanks, interest, ending and sign-off may be in the part cut.
ENDING_CHECKS = frozenset({"restated-interest", "gratitude", "closing", "signature"})

SIGNER = "Sam Lee"
COMPANY = "Northwind"
ROLE = "Data Analyst"
TO = "dana.reyes@northwind.com"

# What a user types into a template's slot, by the words in it: the first
# entry whose key is in the slot's text wins.
_SLOT_WORDS = (
    ("your name", SIGNER),
    ("your full name", SIGNER),
    ("email address", "sam.lee@example.com"),
    ("phone", "555-0134"),
    ("interviewer", "Dana"),
    ("hiring manager", "Dana"),
    ("recipient", "Dana"),
    ("last name", "Reyes"),
    ("name", "Dana"),
    ("company", COMPANY),
    ("organization", COMPANY),
    ("organisation", COMPANY),
    ("employer", COMPANY),
    ("department", "analytics"),
    ("team", "analytics"),
    ("job title", ROLE),
    ("position", ROLE),
    ("role", ROLE),
    ("job", ROLE),
    ("date", "Tuesday"),
    ("day", "Tuesday"),
    ("time", "Tuesday afternoon"),
    ("skill", "SQL"),
)
_SLOT_RE = re.compile(r"\[([^\[\]\n]{1,240})\]")


def _fill_slot(match: re.Match[str]) -> str:
    inside = match.group(1).lower()
    for words, value in _SLOT_WORDS:
        if words in inside:
            return value
    return "the reporting project"  # "[specific topic discussed]" and the like


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    split: str
    text: str
    fires: frozenset[str]
    template: bool = False
    excerpt: bool = False  # the page (or its stored excerpt) cuts the draft short
    subject: str | None = None
    company: str = COMPANY
    role: str = ROLE
    fill: dict[str, str] = field(default_factory=dict)
    criticism: str | None = None  # the source's criticism of the draft, one of CRITICISMS

    @property
    def has_slots(self) -> bool:
        """The text as published has gaps to fill: a template's slots, or the
        page's own redactions ("[Hiring Manager]"), which a sender would fill."""
        return self.template or bool(_SLOT_RE.search(self.text))

    @property
    def filled(self) -> str:
        """The text as a user would send it: the page's own fills first,
        then any [slot] left by its words."""
        text = self.text
        for slot, value in self.fill.items():
            text = text.replace(slot, value)
        return _SLOT_RE.sub(_fill_slot, text)

    @property
    def filled_subject(self) -> str | None:
        return None if self.subject is None else _SLOT_RE.sub(_fill_slot, self.subject)

    def context(self) -> DraftContext:
        return DraftContext(kind=self.kind, company=self.company, role=self.role, settings=Settings(user_name=SIGNER))

    def verdicts(self) -> dict[str, str]:
        """check id -> status, on the filled text."""
        key = ("filled", self.filled_subject, self.filled, self.kind, self.company, self.role)
        if key not in _RESULTS:
            results = run_checks(self.filled_subject, self.filled, TO, self.context())
            _RESULTS[key] = {r.id: r.status for r in results}
        return dict(_RESULTS[key])

    def raw_placeholders(self) -> str:
        key = ("raw", self.subject, self.text, self.kind, self.company, self.role)
        if key not in _RESULTS:
            results = run_checks(self.subject, self.text, TO, self.context())
            _RESULTS[key] = next(r.status for r in results if r.id == "placeholders")
        return _RESULTS[key]


# The checks' verdicts on each text, computed once per process: the report
# scores each split, then all drafts, then the floors (3 passes over the same
# texts), and the tests score the same drafts again. The key is everything
# the checks are given, so an edited draft is checked afresh.
_RESULTS: dict[tuple, object] = {}


def floors(path: Path = HERE / "floors.toml") -> dict[str, dict[str, float]]:
    """split -> check -> the lowest agreement allowed (floors.toml)."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    for split in SPLITS:
        missing = set(SCORED) | {"placeholders"}
        missing -= set(data.get(split, {}))
        if missing:
            raise ValueError(f"floors.toml: [{split}] has no floor for {sorted(missing)}")
    return data


def below_floors(entries: list[Entry], split: str, floor: dict[str, float]) -> dict[str, Score]:
    """The checks whose agreement on `split` is under their floor."""
    scores = score([e for e in entries if e.split == split])
    return {check: s for check, s in scores.items() if s.agreement < floor[check]}


def load(path: Path = HERE / "drafts.toml") -> list[Entry]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    entries = []
    for raw in data["draft"]:
        fires = frozenset(raw.get("fires", []))
        unknown = fires - LABELS
        if unknown or raw["kind"] not in KINDS or raw["split"] not in SPLITS:
            raise ValueError(f"{raw['id']}: bad label {sorted(unknown)} / {raw['kind']} / {raw['split']}")
        criticism = raw.get("criticism")
        if criticism is not None and criticism not in CRITICISMS:
            raise ValueError(f"{raw['id']}: unknown criticism {criticism!r} (one of {', '.join(CRITICISMS)})")
        entries.append(
            Entry(
                id=raw["id"],
                kind=raw["kind"],
                split=raw["split"],
                text=raw["text"],
                fires=fires,
                template=raw.get("template", False),
                excerpt=raw.get("excerpt", False),
                subject=raw.get("subject"),
                company=raw.get("company", COMPANY),
                role=raw.get("role", ROLE),
                fill=raw.get("fill", {}),
                criticism=criticism,
            )
        )
    ids = [e.id for e in entries]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate ids in the corpus")
    return entries


@dataclass
class Score:
    check: str
    total: int = 0
    agree: int = 0
    false_alarms: list[str] = field(default_factory=list)  # fired, label says it should not
    misses: list[str] = field(default_factory=list)  # label says it should fire, it passed

    @property
    def agreement(self) -> float:
        return self.agree / self.total if self.total else 1.0


def score(entries: list[Entry]) -> dict[str, Score]:
    """Per check: agreement with the labels. A check 'fires' when it does not
    pass (warn or fail). `placeholders` is scored on the texts as published
    (templates must be caught), the others on the filled texts."""
    scores = {check: Score(check) for check in (*SCORED, "placeholders")}
    for entry in entries:
        verdicts = entry.verdicts()
        observed = {check: verdicts.get(check, "pass") != "pass" for check in SCORED}
        observed["placeholders"] = entry.raw_placeholders() != "pass"
        expected = {check: check in entry.fires for check in SCORED}
        expected["placeholders"] = entry.has_slots
        for check, fired in observed.items():
            if entry.excerpt and check in ENDING_CHECKS:
                continue  # the draft is cut short: its thanks, interest, ending and sign-off are unknown
            s = scores[check]
            s.total += 1
            if fired == expected[check]:
                s.agree += 1
            elif fired:
                s.false_alarms.append(entry.id)
            else:
                s.misses.append(entry.id)
    return scores
