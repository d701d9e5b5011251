"""The readability check's Flesch-Kincaid grade is computed without importing
textstat (which imports pkg_resources: ~8 MB and 0.1 s), and gives exactly
the figures textstat 0.7.3 gives, on every draft of the corpus, odd texts and
generated ones."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.domain.checks.length import reading_grade

CORPUS_DIR = Path(__file__).parent / "corpus"

ODD_TEXTS = [
    "",
    "   ",
    "Hi.",
    "!!! ??? ...",
    "Thank you. I enjoyed it. Best.",
    "Ünïcødé ✓ naïve café résumé, déjà vu. Straße über Größe!",
    "A singer-songwriter's well-known, state-of-the-art e-mail; aren't we?",
    "Dr. Smith met Mr. Jones at 3 p.m. on Jan. 5 (approx.) - e.g. lunch, i.e. food.",
    "ONE VERY LONG SENTENCE WITHOUT ANY STOP " * 20,
    "Line one\nline two\n\nline three. And 42 numbers 3.14 too!",
    "[bold]x[/] \\ \" \x1b[31m \u202e 😀 $$$ 100% #tags @people",
]

WORDS = ("I", "appreciate", "the", "opportunity", "to", "interview", "for", "role", "extraordinarily",
         "collaborative", "team", "and", "we", "discussed", "analytics", "pipelines", "data", "yes",
         "characteristically", "it", "was", "great", "learning", "about", "organisation's", "priorities")


def generated_texts(count: int) -> list[str]:
    rng = random.Random(10)
    texts = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(1, 8)):
            words = rng.choices(WORDS, k=rng.randint(1, 25))
            sentences.append(" ".join(words).capitalize() + rng.choice([".", "!", "?", "...", ",", ""]))
        texts.append(" ".join(sentences))
    return texts


def corpus_texts() -> list[str]:
    spec = importlib.util.spec_from_file_location("corpus_load_for_grades", CORPUS_DIR / "load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_load_for_grades"] = module
    spec.loader.exec_module(module)
    return [entry.filled for entry in module.load()]


def test_the_grade_is_textstats_on_every_text():
    textstat = pytest.importorskip("textstat")
    texts = [*ODD_TEXTS, *corpus_texts(), *generated_texts(300)]
    differ = [(text[:60], reading_grade(text), textstat.flesch_kincaid_grade(text))
              for text in texts if reading_grade(text) != textstat.flesch_kincaid_grade(text)]
    assert differ == []
    assert len(texts) > 300 and len({reading_grade(t) for t in texts}) > 20  # figures of many kinds compared


def test_grading_a_draft_imports_neither_textstat_nor_pkg_resources():
    script = (
        "import sys\n"
        "from followup_tui.domain.checks import DraftContext, run_checks\n"
        "body = 'Thank you for meeting with me about the analyst role. ' * 8\n"
        "results = run_checks('Thanks', body, 'dana@northwind.com', DraftContext(kind='thank-you'))\n"
        "assert any(r.id == 'readability' and 'Too short' not in r.message for r in results)\n"
        "print(sorted(m for m in ('textstat', 'pkg_resources') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
