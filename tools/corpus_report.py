"""Per-check agreement with the labelled draft corpus (issue 11 item 8).

    .venv/bin/python tools/corpus_report.py [--verbose] [--check]

Prints, for the tuning part and the held-out part separately: per check, how
often it agrees with the labels, its false alarms (it objected, the label
says it should not) and its misses (the label says it should object, it
passed). --verbose lists the draft ids. --check (CI, .ci/run) exits 1 when
any check's agreement on a split falls below its floor in
tests/domain/corpus/floors.toml (or --floors=PATH), naming the check, its
figure and its floor.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("corpus_load", ROOT / "tests/domain/corpus/load.py")
corpus = importlib.util.module_from_spec(spec)
sys.modules["corpus_load"] = corpus
spec.loader.exec_module(corpus)


def table(title: str, entries: list, verbose: bool) -> None:
    good = sum(1 for e in entries if not e.fires and not e.template)
    print(f"\n{title}: {len(entries)} drafts ({sum(1 for e in entries if e.fires)} with labelled faults, "
          f"{sum(1 for e in entries if e.template)} templates)")
    print(f"{'check':<18} {'agree':>11} {'false alarms':>13} {'misses':>7}")
    for s in corpus.score(entries).values():
        print(f"{s.check:<18} {s.agree:>4}/{s.total:<4} {s.agreement:>4.0%}  {len(s.false_alarms):>6}        {len(s.misses):>4}")
        if verbose and (s.false_alarms or s.misses):
            print(f"    false alarms: {', '.join(s.false_alarms) or '-'}")
            print(f"    misses:       {', '.join(s.misses) or '-'}")
    del good


def criticised(title: str, entries: list) -> None:
    """How many drafts their sources criticise, per family."""
    counts = {family: sum(1 for e in entries if e.criticism == family) for family in corpus.CRITICISMS}
    families = ", ".join(f"{family} {n}" for family, n in counts.items() if n)
    print(f"{title}: {sum(counts.values())} criticised by their sources ({families or '-'})")


def main() -> int:
    verbose = "--verbose" in sys.argv or "-v" in sys.argv
    entries = corpus.load()
    print(f"{len(entries)} published drafts in {corpus.HERE / 'drafts.toml'}")
    for split in corpus.SPLITS:
        table(split, [e for e in entries if e.split == split], verbose)
    table("all", entries, verbose)
    print()
    for split in corpus.SPLITS:
        criticised(split, [e for e in entries if e.split == split])
    criticised("all", entries)
    if "--check" not in sys.argv:
        return 0
    given = [a.removeprefix("--floors=") for a in sys.argv if a.startswith("--floors=")]
    floors = corpus.floors(Path(given[0])) if given else corpus.floors()
    low = [(split, s, floors[split][check]) for split in corpus.SPLITS
           for check, s in corpus.below_floors(entries, split, floors[split]).items()]
    for split, s, floor in low:
        print(f"BELOW FLOOR: {s.check} on {split}: {s.agreement:.1%} < {floor:.0%} "
              f"(false alarms: {', '.join(s.false_alarms) or '-'}; misses: {', '.join(s.misses) or '-'})", file=sys.stderr)
    if not low:
        print("\nevery check is at or above its floor (tests/domain/corpus/floors.toml)")
    return 1 if low else 0


if __name__ == "__main__":
    raise SystemExit(main())
