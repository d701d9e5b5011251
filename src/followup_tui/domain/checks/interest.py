"""restated-interest: does the note say you still want this job, and which one?

Two parts, as the article asks: an expression of interest, and the role or
the company named. People say both in many ways, so the interest phrases are
broad and the role is matched loosely ("Senior Support Engineer (EMEA)" is
named by "the support engineer position").
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .context import DraftContext
from .result import FAIL, PASS, WARN, CheckResult, Span
from .text import TOKEN_RE, Draft, phrases

_ADVERB = r"(?:(?:very|really|genuinely|truly|highly|keenly|particularly|still|even|more|most|so|quite|extremely|incredibly|definitely|all the|much|very much|now)\s+)*"
INTEREST_RE = phrases(
    rf"\b(?:remain|stay|am|'m|was|be|feel|felt)\s+{_ADVERB}(?:interested|keen|eager|excited|enthusiastic|motivated|committed)\b",
    # "interested in hearing your thoughts" is curiosity about their answer, not the job
    r"\binterested\s+in\b(?!\s+(?:hearing|your\s+(?:thoughts|feedback|decision|answer)|any\s+feedback|feedback|knowing\s+(?:how|whether|if)))",
    r"\b(?:my|strong|keen|genuine|continued|great|real|sincere|growing)\s+interest\b",
    r"\binterest(?:ed)? in (?:joining|working|the (?:role|position|job|opportunity))\b",
    r"\b(?:excited|thrilled|delighted|enthusiastic|eager|keen|passionate|motivated|energi[sz]ed|inspired|happy)\s+"
    r"(?:about|by|for|at|to (?:join|work|contribute|be part|help|bring|grow|learn|apply|take)|on)\b",
    r"\b(?:enthusiasm|excitement|eagerness|passion)\s+(?:for|about)\b",
    r"\b(?:would|'d)\s+(?:love|like|welcome|relish|value|jump at)\s+(?:the|an|this)?\s*(?:chance|opportunity)\b",
    r"\b(?:would|'d)\s+(?:love|like|be (?:glad|happy|delighted|thrilled|proud|excited|honou?red))\s+to\s+"
    r"(?:join|work|contribute|be (?:a )?part|become|help|bring|grow)",
    r"\blook(?:ing)?\s+forward\s+to\s+(?:the\s+(?:possibility|opportunity|prospect|chance)\s+(?:of|to)\s+|possibly\s+|potentially\s+)?"
    r"(?:join|work|contribut|being\s+(?:a\s+)?part|help|bring)",
    r"\b(?:hope|hoping)\s+to\s+(?:join|work (?:with|for|at|on)|contribute|be (?:a )?part|become (?:a )?part|bring)",
    r"\b(?:want|wanted|wanting|keen|eager|ready|hope|hoping|love|like)\s+to\s+(?:join|be (?:a )?part|contribute)",
    # enthusiasm for the job in the words people use: the job is exciting, I
    # want this job, I am the right person for it
    r"\b(?:role|position|job|opportunity|work|team|company|project|projects|mission)\s+(?:is|sounds|seems|looks|was|feels)\s+"
    r"(?:so\s+|really\s+|very\s+|truly\s+|incredibly\s+|even\s+more\s+)?(?:exciting|fascinating|compelling|appealing|inspiring"
    r"|perfect|ideal|amazing|fantastic|wonderful|like\s+(?:a|the)\s+(?:great|perfect|good|right|wonderful)\s+(?:fit|match|place))\b",
    r"\b(?:a\s+)?(?:wonderful|great|exciting|special|fantastic|amazing|inspiring|terrific|brilliant)\s+(?:place|company|team"
    r"|organi[sz]ation|firm|employer)\s+to\s+(?:work|be\s+part\s+of|join)\b",
    r"\b(?:the\s+)?(?:best|right|ideal|perfect|strongest|strong|ideal|top)\s+(?:candidate|person|fit|choice|match|hire)\s+for\b",
    r"\b(?:really\s+|truly\s+|very\s+much\s+)?(?:want|wanted|would\s+love|'d\s+love)\s+(?:this|the|that)\s+(?:job|role|position|opportunity)\b",
    r"\b(?:want|wanted|wanting|would\s+love|'d\s+love|would\s+like|'d\s+like|hope|hoping)\s+to\s+(?:work|be)\s+(?:with|for|at|on|part|"
    r"a\s+part|on\s+your|in\s+your)\b",
    r"\b(?:thrilled|delighted|excited|eager|keen|glad|happy|honou?red|proud)\s+(?:at\s+the\s+(?:thought|prospect|idea)|by\s+the\s+(?:thought|prospect|idea))\b",
    r"\bthe\s+prospect\s+of\s+(?:join|work|contribut|being)",
    r"\b(?:great|good|strong|excellent|perfect|natural|ideal|right)\s+(?:fit|match)\b",
    r"\b(?:appeals?\s+to\s+me|appealing|drawn\s+to|attracted\s+to|excites\s+me|excited\s+me)\b",
    r"\bcan(?:'t|not)\s+wait\s+to\b",
    r"\b(?:truly\s+|really\s+)?belong\b",
    r"\b(?:reiterat|reaffirm|restat|express|confirm|reinforc|strengthen|deepen|increas|renew)\w*\s+my\s+"
    r"(?:\w+\s+)?(?:interest|enthusiasm|excitement)\b",
    r"\bopportunity\s+to\s+(?:join|contribute|work (?:with|for|at|on)|be (?:a )?part|help|bring)\b",
    r"\b(?:still|very much|definitely)\s+(?:interested|keen|available)\b",
    r"\bmore\s+(?:interested|excited|enthusiastic|eager|keen|motivated|convinced)\b",
    r"\bconfident\s+(?:that\s+)?I\s+(?:could|would|can|will)\s+(?:make|be|bring|contribute|add|help|hit|succeed|thrive)",
    r"\b(?:exactly\s+)?(?:what|the\s+kind\s+of\s+\w+|the\s+(?:team|place|role|job)|where)\s+I(?:'m|\s+am|'ve\s+been"
    r"|\s+have\s+been)?\s+(?:looking\s+for|want\s+to\s+(?:be|work|grow|build|spend))",
    r"\b(?:privilege|honou?r|pleasure|dream)\s+to\s+(?:join|work|be\s+(?:a\s+)?part|contribute)",
    r"\bconsider(?:ing)?\s+me\s+(?:for|further)\b",
    r"\baligns?\s+(?:\w+\s+)?with\s+my\b",
    r"\b(?:get|chance|opportunity)\s+to\s+work\s+together\b",
)
# The job named without its title ("the role", "this position", "your
# team"): what a note says when the title is known to both sides.
GENERIC_JOB_RE = phrases(
    r"\b(?:the|this|your|that)\s+(?:\w+\s+)?(?:role|position|job|opportunity|opening|vacancy|team|company|organi[sz]ation|department)\b"
)
# A form letter's stand-in for the job: "said job", "the aforementioned
# position" name no job (the same words go to every employer).
FORM_LETTER_JOB_RE = phrases(
    r"\b(?:said|aforementioned|above-?mentioned|afore-?said|subject|stated|referenced)\s+(?:\w+\s+)?"
    r"(?:role|position|job|opportunity|opening|vacancy|post)\b"
)
# Interest said between the lines: the note talks about fitting or helping,
# but never says the writer wants the job. Worth a warning, not a failure.
IMPLICIT_RE = phrases(
    r"\b(?:confident|certain|sure|convinced)\b[^.!?\n]{0,60}\b(?:skills?|experience|qualifications?|background|able|could|would|can)\b",
    r"\b(?:would|could|will|can)\s+(?:\w+\s+)?(?:benefit|contribute|help|add\s+value|be\s+(?:a|an)\s+(?:\w+\s+)?(?:asset|addition))\b",
    r"\b(?:enjoyed|loved|liked|appreciated)\s+(?:\w+\s+){0,2}?(?:learning|hearing|meeting|speaking|talking|discussing|getting)\b",
    r"\b(?:good|great|strong|natural)\s+candidate\b|\bprepared\s+me\b",
)

# Words of a title that say its level, place or terms, not what the job is.
_QUALIFIERS = frozenset(
    "senior sr junior jr mid level principal staff associate intern ii iii iv v remote hybrid onsite on-site "
    "contract contractor temporary temp interim freelance part full time fte emea apac amer latam na eu uk us "
    "usa global international the a an of for and in at to with".split()
)
_COMPANY_SUFFIXES = frozenset(
    "inc incorporated ltd limited llc llp plc gmbh ag sa sas sarl bv nv co corp corporation company group "
    "holdings the and of".split()
)
_WINDOW_SLACK = 3  # extra words allowed between the words of a title


def _stem_match(word: str, wanted: str) -> bool:
    """engineer ~ engineering ~ engineers, manager ~ management."""
    if word == wanted:
        return True
    short, long = sorted((word, wanted), key=len)
    if len(short) < 4:
        return word.rstrip("s") == wanted.rstrip("s")
    common = 0
    for a, b in zip(short, long):
        if a != b:
            break
        common += 1
    return common >= 5 and common >= len(short) - 2


@lru_cache(maxsize=64)
def role_words(role: str) -> tuple[tuple[str, ...], str]:
    """(the words that say what the job is, an acronym like SRE or '')."""
    without_notes = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", role)
    words = [w.lower().replace("-", "") for w in TOKEN_RE.findall(without_notes)]
    core = tuple(w for w in words if w not in _QUALIFIERS) or tuple(words)
    acronym = "".join(w[0] for w in core).upper() if len(core) >= 3 else ""
    return core, acronym


def role_mentions(role: str, lower: str) -> list[Span]:
    """Where the lower-cased text names the role, loosely: most of its words
    close together, or its acronym."""
    core, acronym = role_words(role)
    if not core:
        return []
    needed = len(core) if len(core) <= 2 else math.ceil(len(core) * 2 / 3)
    matches: dict[str, str | None] = {}  # token -> the title word it stands for (each token judged once)

    def title_word(token: str) -> str | None:
        if token not in matches:
            plain = token.replace("-", "")
            matches[token] = next((w for w in core if _stem_match(plain, w)), None)
        return matches[token]

    tokens = [(title_word(m.group()), m.span()) for m in TOKEN_RE.finditer(lower)]
    found: list[Span] = []
    window = len(core) + _WINDOW_SLACK
    i = 0
    while i < len(tokens):
        if tokens[i][0] is None:
            i += 1
            continue
        matched: set[str] = set()
        last = i
        for j in range(i, min(len(tokens), i + window)):
            word = tokens[j][0]
            if word is not None and word not in matched:
                matched.add(word)
                last = j
        if len(matched) >= needed:
            found.append((tokens[i][1][0], tokens[last][1][1]))
            i = last + 1
        else:
            i += 1
    if acronym:
        found += [m.span() for m in re.finditer(rf"\b{acronym.lower()}s?\b", lower)]
    return sorted(found)


@lru_cache(maxsize=64)
def _company_patterns(company: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The full name (run on lower-cased text), and its first distinctive
    word, which must be written as a name (capitalised), so that a company
    called Square is not found in "a square meal"."""
    # One word ("Square") could be any word: only two or more match in any case.
    words = company.lower().split() if len(company.split()) > 1 else ["\x00"]
    full = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")
    tokens = TOKEN_RE.findall(company)
    distinctive = [w for w in tokens if w.lower() not in _COMPANY_SUFFIXES and len(w) >= 3] or tokens[:1]
    if not distinctive:
        return full, None
    word = distinctive[0]
    variants = {word, word[:1].upper() + word[1:], word.upper()}
    short = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in sorted(variants)) + r")(?!\w)")
    return full, short


def company_mentions(company: str, text: str, lower: str) -> list[Span]:
    if not company.strip():
        return []
    full, short = _company_patterns(company.strip())
    spans = [m.span() for m in full.finditer(lower)]
    if short is not None:
        spans += [m.span() for m in short.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
    return sorted(spans)


def check_restated_interest(draft: Draft, ctx: DraftContext) -> CheckResult:
    body = draft.body
    text, lower = body.text[: body.main_end], body.lower[: body.main_end]
    interest = [m.span() for m in INTEREST_RE.finditer(lower)]
    named = role_mentions(ctx.role, lower) if ctx.role.strip() else []
    named += company_mentions(ctx.company, text, lower)
    form_letter = [m.span() for m in FORM_LETTER_JOB_RE.finditer(lower)]
    # "the role" counts once the role is known, too; "the aforementioned position" does not
    named += [m.span() for m in GENERIC_JOB_RE.finditer(lower) if not any(m.start() < e and s < m.end() for s, e in form_letter)]
    named.sort()
    spans = tuple(sorted(set(interest[:1] + named[:1])))
    role, company = ctx.role.strip(), ctx.company.strip()
    what = " or ".join(f'"{n}"' for n in (role, company) if n) or "the role or the company"
    example = f"I remain very interested in the {role} role" if role else "I remain very interested in the role"
    example += f" at {company}." if company else "."
    if interest and named:
        return CheckResult("restated-interest", PASS, "You restate your interest and say which job you mean.", spans)
    if interest and form_letter:
        return CheckResult(
            "restated-interest", FAIL,
            f'"{body.text[form_letter[0][0]:form_letter[0][1]]}" names no job (a form letter): name {what}, e.g. "{example}"',
            (form_letter[0],),
        )
    if interest:
        return CheckResult("restated-interest", WARN, f"You sound interested; say in what by naming {what}.", spans)
    if named:
        return CheckResult("restated-interest", WARN, f'Say that you are still interested: e.g. "{example}"', spans)
    implicit = IMPLICIT_RE.search(lower, body.main_start)
    if implicit:
        return CheckResult(
            "restated-interest", WARN, f'Your interest is only implied: say it, e.g. "{example}"', (implicit.span(),)
        )
    return CheckResult("restated-interest", FAIL, f'Restate your interest in the position: e.g. "{example}"')
