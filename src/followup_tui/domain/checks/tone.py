"""tone: impatient, demanding or desperate wording, shouting, "!!!".

Phrase-level: each finding has the span of the words it is about, so the
composer can underline them. One or two findings warn; more fail (the
threshold is `CheckSettings.tone_fail_findings`).
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from .context import DraftContext
from .placeholders import placeholder_spans
from .result import FAIL, PASS, WARN, CheckResult, Span
from .text import PLAIN, TOKEN_RE, Draft, phrases, same_length_lower

_NOT = r"(?:\s+not|n't)"
_GAP = r"(?:(?!\bI\b)[^.!?;\n]){0,30}?"  # words between a request and its deadline, not a clause of your own
PHRASES: dict[str, list[str]] = {
    "impatient": [
        r"\bjust\s+(?:checking|check|touching|touch)\s+(?:in|base)\b",
        r"\bjust\s+(?:wanted|want|wanting)\s+to\s+(?:check|touch)\s+(?:in|base)\b",
        r"\bchecking\s+in\s+again\b",
        # "I didn't receive a response, so..." says a fact; "you haven't..." is blame (BLAMING), "still" impatience
        rf"\b(?<!\bi )(?<!\bwe )(?:have|has|did|had){_NOT}\s+(?:yet\s+|still\s+|even\s+)?(?:heard|hear|received|receive|gotten|got|get)\s+"
        r"(?:back|anything|any\s+(?:response|reply|answer|word|news|update|feedback)|a\s+(?:response|reply|word|call)"
        r"|from\s+(?:you|anyone|anybody))\b",
        rf"\bstill\s+(?:no\s+(?:word|response|reply|answer|news|update)|(?:have|has|did|had){_NOT}\s+(?:heard|received|gotten|got))\b",
        rf"\b(?:have|has|did|had){_NOT}\s+(?:still|even)\s+(?:heard|received|gotten|got)\b",
        r"\b(?:no\s*one|nobody)\s+(?:has\s+)?(?:got|gotten|gets|replied|responded|answered|called|contacted|bothered)\b",
        r"\bI(?:'m|\s+am|'ve\s+been|\s+have\s+been|\s+keep|\s+kept)\s+(?:still\s+|patiently\s+)?waiting\b",
        r"\bstill\s+waiting\s+(?:for|on)\s+(?:a|an|your|any)\s+(?:reply|response|answer|update|decision|news)\b",
        r"\bas\s+I\s+(?:said|mentioned|wrote|noted)\s+(?:in\s+my\s+(?:last|previous|earlier)(?:\s+(?:email|message|note|mail))?"
        r"|before|earlier|previously)\b",
        r"\b(?:as\s+)?per\s+my\s+(?:last|previous|earlier|prior|below|original)\s+(?:e-?mail|message|note|mail|request|voicemail)\b",
        r"\bas\s+(?:I\s+)?(?:previously|already)\s+(?:said|stated|mentioned|noted|explained|asked|requested|wrote)\b",
        r"\b(?:re-?sending|resend(?:ing)?|re-?forwarding|forwarding\s+(?:again|back))\s+(?:you\s+)?(?:this|my|the)\s+"
        r"(?:(?:last|previous|earlier|below|original|unanswered)\s+)?(?:e-?mail|message|note|request|question)\b",
        r"\b(?:bringing|moving|bumping|pushing|putting)\s+(?:this|my\s+(?:e-?mail|message|note))\s+(?:back\s+)?(?:up\s+)?"
        r"(?:to\s+)?(?:the\s+top\s+of\s+your\s+inbox)\b",
        r"\b(?:to\s+)?reiterate\s+(?:what\s+I\s+(?:said|wrote|asked)|my\s+(?:last|previous|earlier)\s+(?:e-?mail|message|note|question))\b",
        r"\bsecond\s+time\s+(?:I(?:'ve|\s+have|'m|\s+am)\s+)?(?:asked|asking|written|writing|reached\s+out|emailed|emailing)\b",
        r"\bin\s+case\s+you\s+missed\s+(?:it|my)\b",
        r"\bdid\s+you\s+(?:get|receive|see|read)\s+my\s+(?:last\s+|previous\s+|earlier\s+|other\s+)?(?:email|message|note|mail)\b",
        r"\bbump(?:ing)?\s+(?:this|my|up)\b",
        r"\b(?:what(?:'s|\s+is)\s+)?taking\s+(?:so|this)\s+long\b",
        r"\bhow\s+much\s+longer\b",
        r"\b(?:weeks?|days?|months?)\s+(?:now\s+)?and\s+(?:still\s+)?(?:nothing(?=\s*(?:[.!?,;]|$|from|yet|back))"
        r"|no\s+(?:word|reply|response|answer|news))",
        r"\bforg(?:o|e)t(?:ten)?\s+(?:about\s+)?me\b",
        r"\bmy\s+(?:third|fourth|fifth|\d+th)\s+(?:email|message|attempt|follow-?up|time)\b",
        r"\bI(?:'m|\s+am|'ve\s+been|\s+have\s+been)?\s+(?:getting\s+|becoming\s+|quite\s+|very\s+|a\s+bit\s+|a\s+little\s+"
        r"|really\s+|so\s+)?(?:impatient|frustrated|annoyed|upset|fed\s+up)\b",
        r"\b(?:been\s+patient|waited)\s+long\s+enough\b",
        r"\bany(?:one|body)\s+(?:even\s+)?(?:there|reading|listening)\b",
        # a bare question about their whereabouts or the answer: "Where are you?", "Where is my answer?"
        # ("Where are you in the process?" asks politely and goes on past "you")
        r"\bwhere\s+(?:are|r)\s+(?:you|u)\s*\?",
        r"\bwhere(?:'s|\s+is)\s+(?:my|the|our)\s+(?:answer|reply|response|decision|update|feedback|offer(?:\s+letter)?)\s*\?",
    ],
    "demanding": [
        r"\basap\b|\ba\.s\.a\.p\b\.?",
        r"\b(?:reply|respond|answer|get\s+back\s+to\s+me|let\s+me\s+know|update\s+me|tell\s+me|decide|call\s+me|hear\s+back)\b"
        rf"{_GAP}\bas\s+soon\s+as\s+possible\b",
        r"\bI\s+(?:need|want|expect|require|demand|must\s+(?:have|get))\s+(?:an?|your|the|some)\s+(?:\w+\s+)?"
        r"(?:answer|response|reply|decision|update)\b",
        r"\bI\s+need\s+to\s+know\s+(?:now|today|by|soon|right\s+away|immediately)\b",
        r"\byou\s+(?:need|have|must|should)\s+to\s+(?:reply|respond|answer|get\s+back|let\s+me\s+know|tell\s+me|decide"
        r"|make\s+a\s+decision|call)\b",
        r"\byou\s+(?:must|should)\s+(?:reply|respond|answer|get\s+back|let\s+me\s+know|tell\s+me|decide)\b",
        rf"\b(?:reply|respond|answer|get\s+back\s+to\s+me|let\s+me\s+know|decide|call\s+me|tell\s+me)\b{_GAP}"
        r"\b(?:immediately|right\s+away|urgently|at\s+once|right\s+now|by\s+(?:today|tonight|tomorrow|end\s+of\s+(?:the\s+)?day"
        r"|eod|close\s+of\s+business|cob)|within\s+(?:\d+|one|two|a\s+few)\s+hours)\b",
        r"\b(?:is|it's|very|quite|rather|really)\s+urgent\b|\burgent(?:ly)?\s+(?:need|needed|request|reply|response|answer"
        r"|matter)\b|\burgent\s*[:!]",
        r"\bI\s+(?:insist|demand)\b",
        r"\bI(?<!can I)(?<!could I)(?<!should I)(?<!may I)(?<!might I)(?<!when I)\s+expect\s+(?:to\s+hear|a\s+(?:reply|response|decision|call)"
        r"|an\s+(?:answer|update)|you\s+to)\b",
        r"\bwhy\s+(?:haven't|have\s+not|hasn't|has\s+not|didn't|did\s+not|isn't|is\s+not|won't|can't|don't|aren't)\s+"
        r"(?:you|anyone|anybody|someone|no\s*one|they|I)\b",
        r"\bwhy\s+(?:is|has)\s+(?:this|it)\s+(?:taking|taken)\b",
        r"\bI\s+deserve\s+(?:an?\s+|your\s+|the\s+|to\s+)\w+",
        r"\bI\s+need\s+to\s+hear\s+(?:back|from\s+you)\b",
        r"\bwhy\s+(?:is|are|has|have)\s+(?:nobody|no\s*one|you\s+not)\b",
        r"\bat\s+the\s+earliest\b",
        r"\b(?:don't|do\s+not)\s+ignore\b",
    ],
    "desperate": [
        r"\bdesperate(?:ly)?\b",
        r"\bbegging\b|\bI\s+beg\s+(?:you|of)\b",
        r"\bplease,?\s+please\b",
        r"\bneed\s+(?:this|the|a)\s+(?:job|role|position|offer|work)\b",
        r"\bI(?:'ll|\s+will|'d|\s+would)\s+do\s+anything\b",
        r"\b(?:accept|take|consider)\s+(?:any|a\s+lower|less|whatever)\s+(?:salary|pay|offer|position|role|job)\b",
        r"\b(?:my\s+)?last\s+(?:hope|chance)\b",
        r"\bplease\s+(?:just\s+)?give\s+me\s+(?:a|this|the|one\s+more)\s+(?:chance|job|shot|opportunity)\b",
        r"\bplease\s+hire\s+me\b",
        r"\b(?:can't|cannot|couldn't)\s+sleep\b",
        r"\blosing\s+hope\b",
        r"\b(?:anxious|worried|nervous|stressed|panicking)\b(?:\s+\w+){0,3}?\s+(?:decision|outcome|result|results"
        r"|application|status|chances?|news|silence)\b",
        r"\bmeans?\s+(?:everything|the\s+world)\s+to\s+me\b",
    ],
    "apologetic": [
        r"\bsorry\s+(?:to|for)\s+(?:bother|bothering|pester|pestering|bug|bugging|nag|nagging|disturb|disturbing|keep"
        r"|keeping|email|emailing|write|writing|message|messaging|follow|following|trouble|troubling|reach|reaching)\b",
        r"\bI\s+(?:hate|don't\s+want|do\s+not\s+want)\s+to\s+(?:bother|pester|bug|nag|be\s+(?:a\s+)?(?:pest|nuisance"
        r"|bother|annoying|pushy))\b",
        r"\bI\s+hope\s+I(?:'m|\s+am)\s+not\s+(?:bothering|pestering|bugging|annoying|being\s+(?:a\s+)?(?:pest|pushy"
        r"|annoying|nuisance))\b",
        r"\bsorry\s+(?:again\s+)?for\s+(?:the\s+)?(?:multiple|many|repeated|another|all\s+the|so\s+many)\s+"
        r"(?:emails|messages|follow-?ups)\b",
    ],
    "accusing": [
        r"\b(?:ghost(?:ed|ing)|ignoring\s+me|been\s+ignored)\b",
        r"\bI\s+(?:assume|guess|suppose|take\s+it|gather)\b[^.!?\n]{0,40}?\b(?:moved\s+on|filled|chose|chosen|hired"
        r"|gone\s+with|went\s+with|not\s+interested|no\s+longer|someone\s+else|another\s+candidate|rejected)\b",
        r"\bif\s+you(?:'re|\s+are)\s+not\s+interested\b",
        r"\b(?:at\s+least|the\s+least\s+you\s+(?:could|can)\s+do\s+is)\s+(?:reply|respond|let\s+me\s+know|tell\s+me"
        r"|have\s+the\s+courtesy)\b",
        r"\b(?:common|basic)\s+courtesy\b",
        r"\byou\s+(?:said|promised|told\s+me)\b[^.!?\n]{0,60}?\b(?:but|and)\s+(?:you\s+)?(?:didn't|did\s+not|never"
        r"|haven't|have\s+not)\b",
    ],
}

# Families that weigh more: a threat, an insult or profanity fails on its own
# (DESIGN §6), however polite the rest of the note is.
_STAFF = (
    r"(?:boss|manager|managers|superior|superiors|supervisor|ceo|cfo|coo|cto|president|director|directors|owner|owners"
    r"|hr(?:\s+department)?|human\s+resources|head\s+of\s+\w+|board|management|higher-?ups?|senior\s+(?:management|leadership|staff))"
)
_TELL = r"(?:report|complain|escalate|take\s+(?:this|it|the\s+matter)(?:\s+further)?|bring\s+(?:this|it)|raise\s+(?:this|it)|go\s+(?:over\s+your\s+head|above\s+you))"
HOSTILE: list[str] = [
    # a threat to go over their head, to the press, to a review site or a lawyer
    rf"\bI(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+shall|\s+(?:may|might|could|would)(?:\s+have\s+to)?|'d\s+have\s+to"
    rf"|\s+(?:have|had)\s+no\s+choice\s+but\s+to|\s+plan\s+to|\s+intend\s+to)\s+(?:\w+\s+){{0,2}}?{_TELL}\b[^.!?\n]{{0,60}}?"
    rf"\b(?:your|the|a|their|his|her)\s+(?:\w+\s+)?{_STAFF}\b",
    r"\b(?:report|reporting|reported)\s+(?:you|your\s+(?:slowness|behaviou?r|conduct|company|team|lack)|this\s+(?:to|on))\b",
    # telling someone senior about them: "I will be sure to mention your lack of responsiveness to ... the CEO"
    r"\bI(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+shall)\s+(?:\w+\s+){0,3}?(?:mention|tell|inform|let|share|pass)\b"
    r"[^.!?\n]{0,80}?\b(?:ceo|cfo|coo|cto|president|owner|owners|board|your\s+(?:boss|superior|superiors|supervisor|director))\b",
    r"\bgo(?:ing)?\s+over\s+your\s+head\b",
    r"\b(?:(?:bad|negative|honest|scathing)\s+review|(?:leave|write|post)\s+a\s+(?:\w+\s+)?review|name\s+and\s+shame)\b",
    r"\b(?:post|shar|writ|tell|complain|talk)\w*\s+(?:about\s+)?(?:this|it|my\s+experience|you|your\s+\w+)\s+(?:on|to|with)\s+"
    r"(?:glassdoor|social\s+media|linkedin|twitter|reddit|the\s+(?:press|media|papers|world))\b",
    r"\b(?:legal\s+action|my\s+(?:lawyer|attorney|solicitor)|(?:sue|suing)\s+(?:you|the\s+company)|discriminat\w+|labou?r\s+board)\b",
    r"\byou(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to)\s+(?:regret|be\s+sorry)\b|\bregret\s+not\s+hiring\b|\byour\s+loss\b",
    r"\bor\s+else\b|\b(?:there\s+will\s+be|face\s+the)\s+consequences\b|\b(?:this\s+is\s+your|consider\s+this\s+(?:a|your))\s+(?:last|final)"
    r"\s+(?:chance|warning|notice)\b",
    # insults: calling them or their process names
    r"\b(?:idiots?|idiotic|stupid|morons?|moronic|incompetent|incompetence|clueless|pathetic|disgraceful|disgusting|shameful|amateurs?"
    r"|amateurish|clowns?|a\s+joke|laughable|ridiculous|absurd|outrageous|appalling|insulting|arrogant|useless|worthless|hopeless"
    r"|unacceptable|despicable|a\s+disgrace|a\s+sham|a\s+farce|cowards?|cowardly|liars?|lied\s+to\s+me|shame\s+on\s+you"
    r"|how\s+dare\s+you|you\s+people|distasteful|frigid|condescending|arrogance|rude|unprofessional|disrespectful)\b",
    r"\b(?:waste|wasted|wasting)\s+(?:of\s+)?(?:my|our)\s+(?:time|day|afternoon|morning|effort)\b|\ba\s+waste\s+of\s+(?:my\s+)?time\b",
]
PROFANITY: list[str] = [
    r"\b(?:fuck\w*|shit\w*|bullshit|crap|crappy|damn\w*|goddam\w*|the\s+hell|hell\s+no|wtf|(?:some|this|that|such|total|complete)\s+bs"
    r"|asshole\w*|arsehole\w*|bastards?|bitch\w*|piss(?:ed|ing)?|screw\s+(?:you|this|that|it)|sucks|bollocks|douche\w*)\b",
    r"(?<![\w*])[a-z]{1,2}\*+[a-z]*\b|(?<!\w)[@#%&$!*]{4,}",  # f***, sh*t, d**k, @#%&
]
SARCASTIC: list[str] = [
    # scare quotes around their words: the "valuable" time, the "process"
    r"(?<!\w)[\"'](?:so[\s-]called\s+)?(?:\w+\s+)?(?:time|busy|process|processes|courtesy|professional(?:ism)?|professional\s+courtesy"
    r"|valuable|precious|consideration|considered|feedback|review|reviewing|respect|soon|shortly|asap|priority|family|opportunity"
    r"|interest|interested|fit|culture|update|updates|policy|policies|spent|thorough|careful|carefully|promptly|quick|quickly"
    r"|reach\s+out|get\s+back|circle\s+back|touch\s+base|keep\s+you\s+posted|in\s+touch|moving\s+forward|next\s+steps|decision)"
    r"[.,!?;:]?[\"'](?!\w)",  # the closing mark may follow a stop: their "careful consideration."
    r"\bfar\s+be\s+it\s+(?:from|for)\s+me\b|\bthanks?\s+(?:you\s+)?for\s+nothing\b|\bmust\s+be\s+nice\b|\bwhat\s+a\s+(?:surprise|shock)\b",
    r"\b(?:I'm|I\s+am)\s+sure\s+you(?:'re|\s+are)\s+(?:very\s+|so\s+|terribly\s+|extremely\s+)?busy\b",
    r"\b(?:I\s+guess|apparently)\s+(?:you|your|nobody|no\s+one)\b[^.!?\n]{0,40}\b(?:busy|care|bother|forgot|read)\w*",
    r"\bhow\s+(?:nice|kind|thoughtful|considerate|professional)\s+of\s+you\b|\bsomewhat\s+sincerely\b|\bnot\s+that\s+you\s+care\b",
    r"\b(?:if|whether)\s+you\s+(?:ever|even)\s+(?:read|get|bother|care)\b|\bwho\s+cares\b|(?<=[.!?]\s)so\s+much\s+for\b|(?<=[.!?]\s\s)so\s+much\s+for\b",
    r"\bhow\s+(?:disappointing|sad|typical|convenient)\b",
    # a stretched word: "sooo", "pleeease", "waaaiting" (the only group in this list: \1 is its letter)
    r"\b(?=[a-z]*([a-z])\1\1)(?![ivxwz]+\b)[a-z]{3,}\b",
]
_THEM = (
    r"(?:you|y'all|they|your\s+(?:team|office|company|department|recruiters?|hr(?:\s+team)?|hiring\s+(?:team|manager)|side)"
    r"|the\s+(?:recruiter|hiring\s+manager|hiring\s+team|company|hr\s+team))"
)
_ANSWERED = (
    r"(?:replied|reply|responded|respond|answered|answer|gotten\s+back|got\s+back|get\s+back|called|call|written|write|wrote"
    r"|contacted|contact|returned|return|acknowledged|acknowledge|followed\s+up|follow\s+up|updated|update|let\s+me\s+know"
    r"|told\s+me|tell\s+me|reached\s+out|reach\s+out|bothered|emailed|email|been\s+in\s+touch|kept\s+me\s+(?:posted|updated|informed))"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
BLAMING: list[str] = [
    # blame stated as a fact about them: "you still have not gotten back to me", "your team hasn't replied"
    rf"\b{_THEM}\s+(?:still\s+)?(?:have|has|had|did)(?:\s+still)?{_NOT}\s+(?:yet\s+|even\s+|once\s+|ever\s+)?{_ANSWERED}\b",
    rf"\b{_THEM}\s+(?:still\s+)?(?:never|haven't\s+ever)\s+{_ANSWERED}\b",
    # "nobody has answered my email", "no one from your team has responded"
    rf"\b(?:nobody|no\s*one|none\s+of\s+you)(?:\s+(?:from|at|in|on)(?:\s+\w+){{1,2}}?)?\s+(?:has\s+|have\s+|had\s+|did\s+)?"
    rf"(?:yet\s+|even\s+|ever\s+)?{_ANSWERED}\b",
    # a promise and the day it is now: "you said you would call on Monday and it is now Wednesday"
    rf"\b{_THEM}\s+(?:said|promised|told\s+me|assured\s+me|mentioned|indicated|were\s+supposed\s+to)\b[^.!?\n]{{0,80}}?"
    rf"(?:,|;|\.|\band\b|\bbut\b)\s*(?:yet\s+|now\s+)?(?:it(?:'s|\s+is|\s+was)|today\s+is|here\s+(?:it\s+is|we\s+are)|that\s+was)"
    rf"\s+(?:now\s+|already\s+)?(?:{_WEEKDAY}|(?:\w+\s+)?(?:days?|weeks?|months?)\s+later|past|over|been|well\s+past)\b",
    rf"\b(?:since|after)\s+{_THEM}\s+(?:said|promised|told\s+me|assured\s+me)\b",
    # their promise recalled as already broken: "you told me I should've known two days ago",
    # "you said I would have heard by now" ("you mentioned I would hear by Friday" only quotes the timeline)
    (rf"\b{_THEM}\s+(?:said|promised(?:\s+me)?|told\s+me|assured\s+me)\s+(?:that\s+)?I\s+(?:should|would|could)(?:'ve|\s+have)"
     r"\s+(?:known|heard|had|gotten|got|received)\b"),
    (rf"\b{_THEM}\s+(?:said|promised(?:\s+me)?|told\s+me|assured\s+me)\s+(?:that\s+)?I(?:'d|\s+would|\s+should|\s+will)"
     r"\s+(?:hear|know|have|get|receive)\b[^.!?\n]{0,40}?\b(?:ago|by\s+now|yesterday|last\s+(?:week|month|monday|tuesday|wednesday"
     r"|thursday|friday))\b"),
    rf"\b{_THEM}\s+(?:said|promised|told\s+me|assured\s+me|were\s+supposed\s+to)\b[^.!?\n]{{0,80}}?(?:,|;|\band\b|\bbut\b|\byet\b)\s*"
    r"(?:yet\s+)?(?:here\s+we\s+are|(?:still\s+)?nothing|(?:still\s+)?no\s+(?:word|answer|reply|response|call|news))\b",
    r"\byou\s+(?:never\s+(?:replied|responded|answered|got\s+back|called|wrote|bothered|followed\s+up|let\s+me\s+know|told|contacted)|still\s+haven't|still\s+have\s+not|haven't\s+even|have\s+not\s+even|didn't\s+even|did\s+not\s+even|failed\s+to"
    r"|neglected\s+to|couldn't\s+even|could\s+not\s+even|can't\s+even|did\s+not\s+bother|didn't\s+bother|haven't\s+bothered"
    r"|have\s+not\s+bothered)\b",
    r"\b(?:nobody|no\s*one|none\s+of\s+you)\s+(?:\w+\s+)?(?:bothered|cared|cares|had\s+the\s+(?:courtesy|decency)|has\s+the\s+(?:courtesy"
    r"|decency)|could\s+be\s+bothered)\b",
    r"\b(?:lack|absence)\s+of\s+(?:any\s+)?(?:respons\w*|reply|communication|courtesy|respect|professionalism|feedback|follow-?up)\b",
    r"\b(?:not|never|haven't|didn't)\s+(?:even\s+)?(?:shown|show|extended|extend|given|give|had|have)\s+(?:me\s+)?the\s+(?:basic\s+|common\s+)?courtesy\b",
    r"\b(?:left|kept|keep|keeping|leave|leaving)\s+(?:me|candidates|people|us)\s+(?:hanging|in\s+the\s+dark|waiting|guessing)\b",
    r"\bwhy\s+I\s+(?:haven't|have\s+not|hadn't|had\s+not|didn't|did\s+not|still\s+haven't)\s+(?:heard|received|gotten|got)\b",
    r"\bI\s+can\s+only\s+(?:assume|conclude|guess)\b",
    r"\b(?:should|could)\s+(?:at\s+least\s+)?(?:have\s+)?(?:extend(?:ed)?|show(?:n)?|give(?:n)?|had)\s+(?:me\s+)?the\s+courtesy\b",
    r"\byou\s+should\s+(?:at\s+least|have)\b[^.!?\n]{0,40}\b(?:inform|tell|told|let\s+me|contact|reply|replied|respond|courtesy)\w*",
    r"\byou\s+(?:passed\s+up|missed\s+out\s+on|lost\s+out\s+on|overlooked)\b",
    r"\bI(?:'m|\s+am|\s+was|\s+feel|\s+felt)\s+(?:very\s+|so\s+|quite\s+|really\s+|deeply\s+|extremely\s+|frankly\s+)?(?:insulted"
    r"|offended|appalled|disgusted|outraged)\b",
    r"\bwhen\s+you\s+were\s+(?:more\s+)?(?:interested\s+in|set\s+on|going\s+with)\s+(?:another|someone|a\s+different)\b",
    r"\b(?:form\s+letters?|generic\s+(?:rejection|response|email))\b",
    r"\bI\s+require\s+(?:honest|better|proper|more)\s+(?:communication|answers|feedback|treatment|respect)\b",
]
GUILT: list[str] = [
    # making them feel bad for the wait: "I'm sure you can understand how stressful it is to be kept waiting"
    r"\b(?:be|being|been|am|was)\s+(?:kept|left)\s+(?:waiting|hanging|in\s+the\s+dark|guessing|in\s+limbo)\b",
    r"\b(?:I'm|I\s+am)\s+sure\s+you\s+(?:can|could|would|will)\s+(?:understand|appreciate|imagine)\b",
    r"\byou\s+(?:can|could|must|may)\s+(?:surely\s+|probably\s+|well\s+)?(?:understand|imagine|appreciate)\s+how\s+(?:\w+\s+)?"
    r"(?:stressful|hard|difficult|frustrating|nerve-?wracking|anxious|upsetting|disappointing|painful|discouraging)\b",
    r"\bafter\s+all\s+(?:the|my|of\s+the|that)\s+(?:\w+\s+){0,2}?I(?:'ve|\s+have)?\s+(?:put|spent|invested|gave|given|done|did|sacrificed)\b",
    r"\bafter\s+everything\s+I(?:'ve|\s+have)?\s+(?:done|given|put|sacrificed)\b",
    r"\b(?:turned|turning)\s+down\s+(?:\w+\s+){0,3}?(?:offers?|interviews?|opportunities|jobs?|positions?)\s+(?:for|because\s+of|to\s+wait"
    r"|while\s+waiting|waiting)\b",
    r"\b(?:declined|passed\s+(?:on|up)|gave\s+up|put\s+on\s+hold)\s+(?:\w+\s+){0,3}?(?:offers?|interviews?|opportunities|jobs?)\s+"
    r"(?:for\s+(?:this|you|your)|because\s+of\s+(?:this|you|your)|to\s+wait|while\s+waiting|waiting)\b",
    r"\b(?:have|had|show|extend|given|give)\s+(?:me\s+)?the\s+(?:basic\s+|common\s+|simple\s+)?(?:courtesy|decency)\s+(?:to|of)\b",
    r"\b(?:appreciate|expect|deserve)\s+the\s+(?:basic\s+|common\s+|simple\s+)?(?:courtesy|decency)\s+of\s+(?:a|an|any)\b",
    r"\bI\s+(?:thought|expected|assumed|believed|hoped)\s+(?:you|your\s+\w+|a\s+company\s+like\s+yours)\s+(?:would|were|was|to)\s+"
    r"(?:\w+\s+){0,2}?(?:more\s+)?(?:professional|courteous|respectful|considerate|better)\b",
    r"\b(?:it(?:'s|\s+is)|that(?:'s|\s+is))\s+(?:only\s+|just\s+)?(?:fair|polite|decent|courteous|the\s+least)\s+(?:to|that\s+you)\s+"
    r"(?:let\s+me\s+know|reply|respond|tell\s+me|inform\s+me|get\s+back)\b",
    r"\bthe\s+least\s+you\s+(?:could|can)\b",
]
PRESSURE: list[str] = [
    # an implied deadline: "before I accept another offer", "I'll assume you've moved on if..."
    r"\bbefore\s+I\s+(?:accept|take|sign|commit\s+to|go\s+with|say\s+yes\s+to|decide\s+on)\s+(?:an?|the|another|other|a\s+competing"
    r"|their|one\s+of\s+the)\b",
    r"\bI(?:'ll|\s+will|\s+shall)\s+(?:have\s+to\s+|just\s+)?(?:assume|take\s+(?:it|that|your\s+silence))\b",
    r"\bif\s+I\s+(?:don't|do\s+not|haven't|have\s+not)\s+(?:hear|heard|get|receive)\b[^.!?\n]{0,50}?,?\s+I(?:'ll|\s+will|\s+shall|'m\s+going"
    r"\s+to)\s+(?:have\s+to\s+)?(?:assume|take|accept|move|withdraw|consider|pursue|go)\b",
    r"\b(?:hear|hearing)\s+(?:back\s+)?(?:from\s+(?:you|your\s+\w+)\s+)?(?:by\s+)?(?:this\s+week|today|tonight|tomorrow|by\s+the\s+end\s+of"
    r"\s+(?:the|this)\s+week)\b",
    # a deadline put on them: "I need your answer by Friday", "if I don't hear back by..."
    r"\b(?:if|unless)\s+I\s+(?:don't|do\s+not|haven't|have\s+not)\s+(?:hear|get|receive|have)\b[^.!?\n]{0,40}?\b(?:by|before|within"
    r"|until)\b",
    r"\bI\s+(?:need|must\s+have|want|expect|require)\s+(?:\w+\s+){0,3}?(?:answer|response|reply|decision|offer|update|word)\s+(?:by|before"
    r"|within|no\s+later\s+than)\b",
    rf"\b(?<!to )(?<!i )(?:reply|respond|answer|decide|get\s+back\s+to\s+me|let\s+me\s+know|tell\s+me|confirm|call\s+me"
    rf"|make\s+(?:a|your)\s+decision)\b"
    rf"{_GAP}\b(?:by|before|no\s+later\s+than)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the\s+end\s+of"
    r"|end\s+of|close\s+of|noon|midnight|\d)",
    r"\b(?:otherwise|or)\s+I(?:'ll|\s+will)\s+(?:have\s+to\s+)?(?:accept|take|go\s+with|assume|withdraw|move\s+on)\b",
    r"\bI(?:'ll|\s+will)\s+(?:have\s+to\s+)?(?:accept|take|go\s+with)\s+(?:the\s+)?(?:other|another|their)\s+(?:offer|job|position)"
    r"\s+(?:if|unless)\b",
    r"\b(?:final|last)\s+(?:chance|notice|reminder|warning)\b",
    # a deadline dressed as an expectation: "I look forward to hearing from you within the next week"
    r"\b(?:hear|hearing|answer|response|reply|decision|news)\s+(?:back\s+)?(?:from\s+(?:you|your\s+\w+)\s+)?(?:within|by|before|no\s+later"
    r"\s+than)\s+(?:the\s+(?:next|end\s+of)|this|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|\d|one|two|three|a\s+(?:day"
    r"|week))",
    r"\b(?:time\s+is\s+running\s+out|(?:the\s+)?clock\s+is\s+ticking|can't\s+wait\s+(?:much\s+)?(?:any\s+)?longer|cannot\s+wait\s+"
    r"(?:much\s+)?(?:any\s+)?longer|won't\s+wait|will\s+not\s+wait)\b",
]
DESPERATE_MORE: list[str] = [
    # hinging on this one job: "if I don't get this job...", "how much I need this job"
    r"\bif\s+I\s+(?:don't|do\s+not|can't|cannot|won't)\s+(?:get|land|have|secure)\s+(?:this|the|a|your)\s+(?:job|role|position|offer|work)\b",
    r"\b(?:I\s+)?(?:really|truly|badly|seriously|so)\s+need\s+(?:this|the|a|your)\s+(?:job|role|position|offer|work|opportunity)\b",
    r"\bhow\s+badly\s+I\s+(?:need|want)\b|\bhow\s+much\s+I\s+need\b",  # "how much I want to contribute" is sincere
    r"\b(?:lose|losing)\s+my\s+(?:house|home|apartment|flat|car|mind)\b|\bsell\s+a\s+kidney\b|\b(?:can't|cannot)\s+(?:afford|pay)\s+"
    r"(?:my|the)\s+(?:rent|bills|mortgage)\b",
    r"\bmy\s+(?:family|kids|children|wife|husband)\s+(?:\w+\s+)?(?:depend|depends|rely|relies|need|needs)\s+on\b",
    r"\bI\s+(?:don't|do\s+not)\s+know\s+what\s+I(?:'ll|\s+will|'d|\s+would)\s+do\b",
    r"\b(?:my|our)\s+(?:only|one\s+and\s+only)\s+(?:hope|option|chance|shot)\b|\byou(?:'re|\s+are)\s+my\s+(?:only|last)\b",
    r"\bI(?:'ll|\s+will|'d|\s+would)\s+(?:work|do\s+it)\s+for\s+(?:free|nothing|less|peanuts)\b|\bany\s+(?:salary|pay|wage|amount)\b",
    r"\bI(?:'m|\s+am)\s+(?:so\s+|really\s+)?(?:desperate|pleading|begging)\b|\bplease,?\s+I\s+(?:need|beg|really)\b",
    r"\bI\s+(?:can't|cannot)\s+(?:stop\s+thinking|bear|stand\s+(?:the|this)\s+(?:wait|waiting|silence))\b",
]
SEVERE = frozenset({"hostile", "profanity"})
_TYPOGRAPHY = frozenset({"shouting", "punctuation"})
PHRASES["hostile"] = HOSTILE
PHRASES["profanity"] = PROFANITY
PHRASES["sarcastic"] = SARCASTIC
PHRASES["blaming"] = BLAMING
PHRASES["pressure"] = PRESSURE
PHRASES["guilt"] = GUILT
PHRASES["desperate"] = PHRASES["desperate"] + DESPERATE_MORE
PHRASE_RES: dict[str, re.Pattern[str]] = {kind: phrases(*patterns) for kind, patterns in PHRASES.items()}


def _scan_pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """Every phrase of these kinds in one pattern: one pass over the text
    instead of one per kind (the composer checks on every keystroke). The
    phrases that start a word share one test for it, which lets the engine
    skip most positions. Which kind a hit is, is found afterwards."""
    at_word = [p[2:] for kind in kinds for p in PHRASES[kind] if p.startswith(r"\b") and r"\1" not in p]
    others = [p for kind in kinds for p in PHRASES[kind] if not p.startswith(r"\b") or r"\1" in p]
    parts = [r"(?<!\w)(?=\w)(?:" + "|".join(f"(?:{p})" for p in at_word) + ")"]
    parts += [f"(?:{p})" for p in others]
    return phrases(*parts) if len(parts) > 1 else phrases(parts[0])


# Severe kinds scan on their own, so a milder phrase that starts earlier
# never hides a threat inside it.
_SEVERE_KINDS = ("hostile", "profanity")
_SCANS = (
    (_SEVERE_KINDS, _scan_pattern(_SEVERE_KINDS)),
    (tuple(k for k in PHRASES if k not in _SEVERE_KINDS), _scan_pattern(tuple(k for k in PHRASES if k not in _SEVERE_KINDS))),
)


def _phrase_findings(lower: str, end: int) -> list[tuple[str, Span]]:
    found = []
    for kinds, scan in _SCANS:
        for hit in scan.finditer(lower, 0, end):
            # the kind whose phrase matches here, the longest if several do
            best: tuple[str, Span] | None = None
            for kind in kinds:
                match = PHRASE_RES[kind].match(lower, hit.start(), end)
                if match and match.end() > hit.start() and (best is None or match.end() > best[1][1]):
                    best = (kind, match.span())
            found.append(best or (kinds[0], hit.span()))
    return found

LABELS = {
    "impatient": "sounds impatient",
    "demanding": "sounds demanding",
    "desperate": "sounds desperate",
    "apologetic": "apologises for writing (you have every reason to)",
    "accusing": "blames them or assumes the worst",
    "hostile": "hostile: a threat or an insult",
    "profanity": "profanity",
    "sarcastic": "sarcastic",
    "blaming": "blames them for not answering",
    "pressure": "puts a deadline or pressure on them",
    "guilt": "guilt-trips them",
    "shouting": "shouting capitals",
    "punctuation": "too many ! or ?",
}

# Runs of capitalised words on one line: "PLEASE LET ME KNOW".
_CAPS_RUN_RE = re.compile(r"\b[A-Z]+(?:'[A-Z]+)?(?:[ \t,.'\-]+[A-Z]+(?:'[A-Z]+)?)*\b")
_CAPS_WORD_RE = re.compile(r"[A-Z]+(?:'[A-Z]+)?")
_PUNCTUATION_RUN_RE = re.compile(r"[!?](?:\s?[!?])+")
_SINGLE_BANG_RE = re.compile(r"(?<![!?])!(?![!?])")
# Acronyms that are also English words ("REST APIs", "ARM", "SOLID").
ACRONYMS = frozenset(
    "ARM REST SOAP CAN RAM ROM ACE AIM ART CAT DOT ICE LAMP MEAN NET SAFE AGILE SCRUM SPA SAP POS BASIC COBOL CORE "
    "JAVA ADA SWIFT DRY SOLID KISS CRUD CUDA NASA IKEA LEGO FIFA NATO CARE GO ASAP TODO XXX FIXME TBD NOTE PS "
    "HOPE WHO EDGE RUST ELM LISP CHEF PUPPET SALT MAIL SMART SPOT LOOK STAR SET TOP".split()
)
_EXTRA_COMMON = frozenset(
    "urgent urgently important interested seriously desperately immediately extremely definitely absolutely anything "
    "response respond reply answer waiting please thanks appreciate opportunity position interview decision update "
    "hire hired still really need must now never".split()
)
_MIN_SHOUTED_LETTERS = 3
_SHORT_SHOUTS = frozenset({"SO", "NO", "MY", "WE", "BE", "DO"})  # two letters, yet plainly not acronyms


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Everyday English words (the Dale-Chall list shipped with textstat),
    read without importing textstat, which is slow to import."""
    words = set(_EXTRA_COMMON)
    spec = importlib.util.find_spec("textstat")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "resources" / "en" / "easy_words.txt"
        if path.exists():
            words.update(w.strip().lower() for w in path.read_text(encoding="utf-8").split())
    return frozenset(words)


@lru_cache(maxsize=64)
def _own_capitals(*texts: str) -> frozenset[str]:
    """Capitalised words the user may write as is: the company, the role,
    their own name and signature."""
    return frozenset(w.upper() for text in texts for w in TOKEN_RE.findall(text) if w.isupper())


def _is_shouted(word: str, allowed: frozenset[str]) -> bool:
    letters = word.replace("'", "")
    if word in _SHORT_SHOUTS and word not in allowed:
        return True
    if len(letters) < _MIN_SHOUTED_LETTERS or word in ACRONYMS or word in allowed:
        return False
    return word.lower() in common_words() or word.split("'")[0].lower() in common_words()


def _shouting(text: str, end: int, allowed: frozenset[str], skip: tuple[Span, ...]) -> list[Span]:
    found = []
    for run in _CAPS_RUN_RE.finditer(text, 0, end):
        shouted = [
            w.span()
            for w in _CAPS_WORD_RE.finditer(text, run.start(), run.end())
            if _is_shouted(w.group(), allowed) and not any(s <= w.start() < e for s, e in skip)
        ]
        if shouted:
            found.append((shouted[0][0], shouted[-1][1]))
    return found


# A deadline that is not theirs: "They (the other company) would like an
# answer by Friday", "I need to respond to the other offer by Friday".
_THIRD_PARTY_DEADLINE_RE = phrases(
    r"\b(?:they|the\s+other\s+(?:company|employer|firm|team)|another\s+(?:company|employer|firm)|(?:another|the\s+other|their|an?)"
    r"\s+(?:offer|company)|I\s+need\s+to\s+(?:respond|reply|answer|decide|give\s+(?:them|an\s+answer)|let\s+them\s+know)"
    r"|you\s+(?:mentioned|said|indicated|expected|expect|hoped|hope|planned|plan|anticipated|anticipate|were\s+hoping|are\s+hoping))\b"
)
_SENTENCE_START_RE = re.compile(r"[.!?\n][^.!?\n]*$")


def _someone_elses_deadline(kind: str, span: Span, lower: str) -> bool:
    """A pressure finding about another employer's deadline, or their own
    timeline quoted back to them, not one put on this employer."""
    if kind != "pressure":
        return False
    before = lower[max(0, span[0] - 160) : span[0]]
    start = _SENTENCE_START_RE.search(before)
    sentence = before[start.start() + 1 :] if start else before
    return _THIRD_PARTY_DEADLINE_RE.search(sentence) is not None


def _findings(
    text: str, lower: str, main_end: int, own_end: int, ctx: DraftContext, skip: tuple[Span, ...]
) -> list[tuple[str, Span]]:
    """(kind, span) for every finding in the writer's own text (a quoted
    message below it is not theirs), earliest first, overlaps dropped.
    Capitals count only before the sign-off, where names and titles go."""
    raw: list[tuple[str, Span]] = []
    raw += [(kind, span) for kind, span in _phrase_findings(lower, own_end) if not _someone_elses_deadline(kind, span, lower)]
    s = ctx.settings
    allowed = _own_capitals(ctx.company, ctx.role, s.user_name, s.signature)
    raw += [("shouting", span) for span in _shouting(text, main_end, allowed, skip)]
    raw += [("punctuation", m.span()) for m in _PUNCTUATION_RUN_RE.finditer(text, 0, own_end)]
    bangs = [m.span() for m in _SINGLE_BANG_RE.finditer(text, 0, own_end)]
    if len(bangs) > s.checks.max_exclamations:
        raw += [("punctuation", span) for span in bangs]
    raw.sort(key=lambda item: (item[1][0], -item[1][1]))
    kept: list[tuple[str, Span]] = []
    last: dict[bool, Span] = {}  # wording and typography (capitals, "!!!") overlap freely: both count
    for kind, span in raw:
        typography = kind in _TYPOGRAPHY
        before = last.get(typography)
        if before and span[0] < before[1] and before[0] <= span[0]:
            continue  # inside an earlier finding of its sort ("still haven't heard back")
        kept.append((kind, span))
        last[typography] = span
    return kept


def _listing(items: list[str], limit: int = 4) -> str:
    unique = list(dict.fromkeys(items))
    extra = len(unique) - limit
    return ", ".join(unique[:limit]) + (f" and {extra} more" if extra > 0 else "")


def check_tone(draft: Draft, ctx: DraftContext) -> CheckResult:
    body = draft.body
    own = body.text[: body.own_end]
    in_body = _findings(body.text, body.lower, body.main_end, body.own_end, ctx, placeholder_spans(own))
    subject = (draft.subject or "").translate(PLAIN)
    in_subject = []
    if subject.strip():
        lower = same_length_lower(subject)
        in_subject = _findings(subject, lower, len(subject), len(subject), ctx, placeholder_spans(subject))
    if not in_body and not in_subject:
        return CheckResult("tone", PASS, "Calm and polite.")
    by_kind: dict[str, list[str]] = {}
    count = bangs = 0
    for where, source, findings in (("", body.raw, in_body), (" (subject)", subject, in_subject)):
        for kind, (start, end) in findings:
            if kind == "punctuation" and source[start:end] == "!":
                bangs += 1  # many single "!" make one finding
                continue
            count += 1
            by_kind.setdefault(kind, []).append(f'"{source[start:end]}"{where}')
    if bangs:
        count += 1
        by_kind.setdefault("punctuation", []).append(f"{bangs} exclamation marks")
    summary = "; ".join(f"{LABELS[kind]}: {_listing(items)}" for kind, items in by_kind.items())
    summary = summary[0].upper() + summary[1:]
    severe = any(kind in SEVERE for kind, _span in (*in_body, *in_subject))
    status = FAIL if severe or count >= ctx.settings.checks.tone_fail_findings else WARN
    advice = "Keep it calm and polite: say what you are following up on and that you are still interested."
    if status == FAIL:
        advice = "This would put them off: rewrite it calmly, thank them, restate your interest and ask politely."
    return CheckResult("tone", status, f"{summary}. {advice}", tuple(span for _kind, span in in_body))
