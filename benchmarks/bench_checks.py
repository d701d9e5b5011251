"""How long a full check of a 300-word draft takes (the composer runs it on
every keystroke, so it must stay well under 10 ms).

    .venv/bin/python benchmarks/bench_checks.py [ROUNDS]   (default 300)

Every round checks a slightly different text, as typing does, so no cache
helps. Prints absolute times and ratios against baselines measured in the
same run on the same texts (splitting into words; textstat's grade alone),
since this machine is shared and noisy: the ratios are what to compare.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from datetime import datetime, timezone

from followup_tui.domain.checks import DraftContext, run_checks
from followup_tui.domain.model import Application, Contact, Event, Interview
from followup_tui.domain.settings import Settings

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=timezone.utc)
PARAGRAPH = (
    "Thank you for taking the time to speak with me yesterday about the Senior Support Engineer role. "
    "I really enjoyed hearing how your team handles escalations across EMEA, and it was great to meet Jon. "
    "Our conversation confirmed my interest in the position, and I am excited about the chance to build "
    "the support playbooks you described with SQL and AWS. "
)


def draft_body(words: int = 300) -> str:
    paragraphs, count = [], 0
    while count < words - 20:
        paragraphs.append(PARAGRAPH)
        count += len(PARAGRAPH.split())
    return "Hi Priya,\n\n" + "\n\n".join(paragraphs) + "\n\nI look forward to hearing from you.\n\nBest regards,\nSam\n"


def per_call_ms(function, texts: list[str]) -> float:
    """Median of per-call times, in ms."""
    times = []
    for text in texts:
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    base = draft_body()
    texts = [base.replace("yesterday", f"yesterday ({i})", 1) for i in range(rounds)]
    app = Application(
        company="Northwind Analytics",
        role="Senior Support Engineer (EMEA)",
        company_domain="northwind-analytics.com",
        contacts=[Contact("Priya Raman", "Talent Partner", "priya.raman@northwind-analytics.com")],
        interviews=[Interview(at=datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc), with_names=["Priya Raman"])],
        events=[Event(at=datetime(2026, 11, 20, tzinfo=timezone.utc), kind="note", text="prep")],
    )
    settings = Settings(timezone="UTC")
    context = DraftContext.from_application(app, "thank-you", NOW, settings)
    words = re.compile(r"\S+")

    import textstat  # the import is paid once, outside the timing

    run_checks("Thank you", texts[0], "priya.raman@northwind-analytics.com", context)  # warm up imports
    split_ms = per_call_ms(lambda t: words.findall(t), [t + " a" for t in texts])
    grade_ms = per_call_ms(textstat.flesch_kincaid_grade, [t + " b" for t in texts])
    full_ms = per_call_ms(lambda t: run_checks("Thank you", t, "priya.raman@northwind-analytics.com", context), texts)
    print(f"draft: {len(base.split())} words, {rounds} rounds, distinct texts")
    print(f"baseline split into words   {split_ms:8.3f} ms")
    print(f"baseline textstat grade     {grade_ms:8.3f} ms")
    print(f"full check (13 checks)      {full_ms:8.3f} ms  = {full_ms / split_ms:6.1f}x split, {full_ms / grade_ms:5.2f}x textstat")
    print("budget: well under 10 ms per keystroke:", "OK" if full_ms < 10 else "TOO SLOW")


if __name__ == "__main__":
    main()
