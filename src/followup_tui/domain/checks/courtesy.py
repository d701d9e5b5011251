"""gratitude and closing: thank them, and end hoping to hear back.

The article: a thank-you note thanks them; end "by expressing your desire to
hear from your employers regardless of results".
"""

from __future__ import annotations

from .context import DraftContext
from .result import FAIL, PASS, WARN, CheckResult
from .text import WORD_RE, Draft, phrases

GRATITUDE_RE = phrases(
    r"\bthank(?:s|\s+you|\s+u|ful|ing)?\b(?!\s+in\s+advance)"
    r"|\b(?:grateful|gratitude|thankful)\b"
    r"|\bappreciat(?:e|ed|ing)\s+(?:it|the|your|you|that|this|having|meeting|speaking|talking|learning|being|getting|hearing|how|all)\b"
    r"|\b(?:my|much|real|sincere|great)\s+appreciation\b"
    r"|\bmany\s+thanks\b|\bmuch\s+appreciated\b|\bthx\b",
)

HEAR_BACK_RE = phrases(
    # to hearing, your reply, the next steps, speaking again... but "I look
    # forward to working with you" is interest in the job, not a wish to hear
    r"\blook(?:ing)?\s+forward\b(?!\s+to\s+(?:work|join|contribut|be(?:ing)?\s+(?:a\s+)?part|help|bring|start"
    r"|the\s+(?:opportunity|possibility|chance|prospect)\s+(?:to|of)\s+(?:work|join|contribut|help|be(?:ing)?\s|bring)))"
    r"|\b(?:give|send|share|have)\s+(?:me\s+)?(?:some|any)\s+(?:good\s+)?news\b"
    r"|\b(?:hope|hoping)\s+to\s+(?:hear|speak|talk|connect)\b"
    r"|\b(?:hope|hoping)\s+(?:we\s+can|to)\s+(?:stay|keep)\s+in\s+touch\b"
    r"|\b(?:would|'d)\s+(?:love|like|appreciate|welcome|be\s+(?:glad|happy|grateful|pleased|delighted))\s+"
    r"(?:to\s+hear|hearing|any\s+(?:news|update|feedback)|an\s+update|your\s+(?:feedback|thoughts|decision))"
    r"|\b(?:glad|happy|grateful|pleased|delighted)\s+to\s+hear\s+(?:from\s+you|back|about|your|what|how|any)"
    # "let me know" as a wish to hear, not as an offer ("let me know if you
    # need anything else")
    r"|\b(?:please\s+)?(?:do\s+)?let\s+me\s+know\b(?!\s+(?:if|whether)\s+(?:you\s+(?:need|have\s+any|would\s+like|'d\s+like|require"
    r"|want)|there(?:\s+is|\s+are|'s)\s+any|I\s+can|anything|any\s+(?:other|further|more)))"
    r"|\b(?:please\s+)?(?:do\s+)?keep\s+me\s+(?:posted|updated|informed|in\s+the\s+loop)\b"
    # asking for news is a wish to hear back: "to see if there were any updates"
    r"|\bany\s+(?:updates?|news|word|progress|feedback)\b(?!\s+(?:to\s+(?:share|add)|from\s+me))"
    r"|\b(?:see|(?<!me )know|ask|check|hear|find\s+out|wondering|wonder)\s+(?:if|whether|where|how|what|when)\b[^.!?\n]{0,50}"
    r"\b(?:decision|decided|updates?|news|progress|things\s+stand|process|status|next\s+steps?)\b"
    # a question about the decision or the timeline
    r"|\b(?:when|do|does|did|is|are|could|can|would|will|have|has|might|may)\b[^.!?\n]{0,80}\b(?:decision|decide|decided|time\s*frame"
    r"|time\s*line|timing|next\s+steps?|hear\s+(?:back|from\s+you)|update|news|status|process)\b[^.!?\n]{0,60}\?"
    r"|\bhear(?<!n't hear)(?<!not hear)(?<!never hear)(?:ing)?\s+(?:from\s+you|back)\b"
    r"|\b(?:whatever|regardless\s+of)\s+(?:the\s+)?(?:outcome|decision|result|results|you\s+decide)\b"
    r"|\beither\s+way\b"
    r"|\b(?:await|awaiting)\s+your\s+(?:reply|response|news|decision)\b"
    r"|\b(?:talk|speak)\s+(?:to\s+you\s+)?soon\b"
    r"|\bappreciate\s+(?:any|an)\s+(?:update|news|feedback)\b"
    # ...unless it is offered: "if you want to continue our conversation, reach out"
    r"|\bcontinu(?:e|ing)\s+(?:the|our)\s+conversation\b(?<!you\s\w{4}\sto\scontinue\sour\sconversation)"
    r"(?<!you\swould\slike\sto\scontinue\sour\sconversation)(?<!you'd\slike\sto\scontinue\sour\sconversation)"
    # accepting whatever they decide: "any decision you make, I will respect"
    r"|\b(?:any|whatever|whichever)\s+decision\b[^.!?\n]{0,40}\b(?:respect|accept|understand)",
)
_TAIL_SENTENCES = 3  # "ends with": within the last sentences of the note...
_TAIL_SHARE = 0.35  # ...or the last third of its words, whichever reaches further back


def check_gratitude(draft: Draft, ctx: DraftContext) -> CheckResult:
    found = GRATITUDE_RE.search(draft.body.lower, 0, draft.body.own_end)
    if found:
        return CheckResult("gratitude", PASS, "You thank them.", (found.span(),))
    if ctx.kind == "thank-you":
        return CheckResult(
            "gratitude", FAIL, 'A thank-you note should thank them: e.g. "Thank you for taking the time to meet with me."'
        )
    return CheckResult("gratitude", WARN, 'A word of thanks keeps it warm: e.g. "Thank you again for your time."')


def _tail_start(draft: Draft) -> int:
    body = draft.body
    sentences = body.sentences
    by_sentences = sentences[-_TAIL_SENTENCES][0] if len(sentences) >= _TAIL_SENTENCES else body.main_start
    main_words = list(WORD_RE.finditer(body.text, body.main_start, body.main_end))
    if not main_words:
        return body.main_start
    by_words = main_words[int(len(main_words) * (1 - _TAIL_SHARE))].start()
    return min(by_sentences, by_words)


def check_closing(draft: Draft, ctx: DraftContext) -> CheckResult:
    body = draft.body
    found = list(HEAR_BACK_RE.finditer(body.lower, body.main_start, body.main_end))
    example = 'e.g. "I look forward to hearing from you, whatever you decide."'
    if not found:
        return CheckResult("closing", WARN, f"End with a wish to hear back, whatever the outcome: {example}")
    tail = _tail_start(draft)
    at_end = [m for m in found if m.start() >= tail]
    if at_end:
        return CheckResult("closing", PASS, "You end by saying you hope to hear back.", (at_end[-1].span(),))
    return CheckResult(
        "closing",
        WARN,
        "Move your wish to hear back to the end of the note, where it closes the message.",
        (found[-1].span(),),
    )
