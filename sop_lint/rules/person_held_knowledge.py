"""The instructions send the reader to a person instead of saying what that person knows.

## What it does
Reads an SOP's instructions and reports a step that sends the reader to someone for what
the SOP should say: `ask Sarah`, `check with Tom`, `ping @dana`, `talk to the account
manager`, `get the login from Priya`, `only Sam knows`. A named person or handle is always
reported; a role (`the account manager`, `someone`) only when the step gives no channel
to reach it (`in #finance`, on Slack, by e-mail, in a ticket). Asking someone outside the
team to act (`Ask the client to sign the contract`, `ask the candidate for references`)
is a step, not a gap, and is not reported; nor are code, links and quoted labels.

## Why
Knowledge held by one person leaves with them, and is out of reach on their day off. The
newcomer following the SOP should find the answer in it: the value, the account, the
rule. Where a person truly has to act (an approval), the SOP names the role and the
channel, so it survives a change of staff.

## Bad
```markdown
1. Ask Sarah which Buffer account to use.
2. Get the login from Priya.
```

## Good
```markdown
1. In Buffer, select the @acme account.
2. Sign in with the "Buffer" item of the 1Password vault "Social".
3. Ask the social lead in #social to approve the post.
```
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Sop
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.prose import LowerCased, folded, instructions_of, lower_cased, sentences

if TYPE_CHECKING:
    from sop_lint.reading.passages import Passage

CODE = "I002"
NAME = "person-held-knowledge"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()

# Someone outside the team: asking them is a step of the work.
_OUTSIDE = (
    r"client|customer|candidate|applicant|vendor|supplier|contractor|freelancer|partner|guest|speaker|attendee|"
    r"user|subscriber|viewer|recipient|venue|landlord|bank|courier|agency|sponsor|interviewee|prospect|buyer|"
    r"seller|tenant|student|parent|patient|caller|sender|author|reference|referee|hire|host|press|journalist"
)
_ROLE = (
    r"(?:(?:the|your|our|an?)\s+(?:[\w-]+\s+){0,2}?(?:manager|lead|boss|supervisor|director|owner|admin|administrator|"
    r"coordinator|colleague|teammate|accountant|bookkeeper|expert|specialist|person)"
    r"|someone|somebody|anyone|anybody|whoever)"
)
_NAME = r"(?-i:[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)?)"
_HANDLE = r"@[A-Za-z][\w.-]*"
_WHO = rf"(?P<who>{_HANDLE}|{_ROLE}|{_NAME})"
# A person's name that is a team, a tool or a day rather than a person.
_NOT_PEOPLE = re.compile(
    r"(?:finance|legal|support|sales|marketing|hr|it|ops|operations|accounts|billing|procurement|security|engineering|"
    r"product|design|production|payroll|compliance|editorial|social|studio|team|google|slack|stripe|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|today|tomorrow)\b",
    re.IGNORECASE,
)
# How a step sends the reader to someone (the first pattern), and how it asks for what they
# hold (the second). Each starts with a plain word: `_STARTS` are made from them.
_VERBS = (
    "ask", r"check\s+with", r"talk\s+(?:to|with)", r"speak\s+(?:to|with)", "ping", "consult", r"confirm\s+with", r"reach\s+out\s+to",
    r"get\s+in\s+touch\s+with", r"run\s+it\s+(?:by|past)", "dm",
)
_VERB = "|".join(_VERBS)
_ASKING = ("get", "grab", "obtain", "request")
_KNOWLEDGE = r"logins?|passwords?|credentials|access|details|codes?|pin|keys?|answers?|info|information|go-ahead|sign-off|numbers?"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The patterns, compiled when a passage first holds a word a match starts with: compiling
    them costs more than a warm run spends on all the I rules, and such a run checks no file."""
    return (
        re.compile(rf"(?<![\w@#/-])(?:{_VERB})\s+{_WHO}(?![\w@])", re.IGNORECASE),
        re.compile(
            rf"(?<![\w@#/-])(?:{'|'.join(_ASKING)})\s+(?:the\s+|a\s+|an\s+|your\s+)?(?:[\w-]+\s+)?(?:{_KNOWLEDGE})\s+from\s+{_WHO}(?![\w@])",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<![\w@#/-])only\s+{_WHO}\s+(?:knows|has|can\s+tell)\b", re.IGNORECASE),
        re.compile(rf"(?<![\w@#/-]){_WHO}\s+knows\s+(?:how|where|which|what|the)\b", re.IGNORECASE),
    )


_SERVICE = re.compile(r"\s+(?:support|team|help|desk|docs|forum|community|chat|bot|assistant)\b", re.IGNORECASE)
# Words each pattern needs, for a cheap first test of every passage (most have none): for
# each pattern, groups of words, one of each group at least. `from` and `only` are
# common words, so the pattern's other words are asked for too.
_CUES = (
    (("ask", "check with", "talk", "speak", "ping", "consult", "confirm with", "reach out", "in touch", "run it", "dm "),),
    ((" from ",), ("get", "grab", "obtain", "request")),
    (("only ",), ("knows", "has", "can")),
    ((" knows ",),),
)
# Any pattern's first cues, tested once on a passage's lowercased text before its prose is
# made: the prose only masks labels in it, so a cue it holds is in the text too, and most
# passages hold none. A cue's spaces stand for the patterns' `\s+` (two spaces, a line
# break); none starts the expression, which keeps it quick.
_ANY_CUE = re.compile(
    "|".join(
        re.escape(cue.strip()).replace(r"\ ", r"\s+") + (r"\s" if cue.endswith(" ") else "") for groups in _CUES for cue in groups[0]
    )
)
# The word a match of each of the first three patterns starts with, searched for in all the
# passages' text at once: most passages hold none, and most that do hold it inside a word
# (`task`, `admin`) or before no person (`Ask the recruiter to`).
_STARTS = tuple(dict.fromkeys(start.split("\\")[0] for start in (*_VERBS, *_ASKING, "only")))


@functools.cache
def _start() -> re.Pattern[str]:
    """How a match of the first three patterns starts: one quick test where one of `_STARTS` is
    (inside a word, most often), before the patterns themselves."""
    return re.compile(rf"(?<![\w@#/-])(?:{'|'.join((*_VERBS, *_ASKING, 'only'))})\s", re.IGNORECASE)


# A channel to reach a role: a Slack channel, a named tool for messages, a ticket.
_CHANNEL = re.compile(r"#[\w-]+|\b(?:slack|teams|e-?mail|ticket|jira|asana|trello|form|thread|channel|dm|via)\b|\bin\s+\ue000", re.IGNORECASE)


def check_file(file: FileContext) -> Iterator[Problem]:
    instructions = instructions_of(file)
    if instructions is None:
        return
    assert isinstance(file.item, Sop)
    cued = [passage for passage in _may_send(lower_cased(instructions)) if _ANY_CUE.search(folded(passage.text)) is not None]
    if not cued:
        return
    data = file.item.document.data
    # Capitalised words of the SOP's own fields (its tool, its account) are not people.
    fields = " ".join(value for value in data.values() if isinstance(value, str)) if isinstance(data, dict) else ""
    for passage in cued:
        prose = passage.prose
        patterns = _cued(prose)
        if not any(pattern.search(prose) for pattern in patterns):
            continue  # the usual passage, told apart by a few substring tests
        for start, end in sentences(prose):
            sentence = prose[start:end]
            for pattern in patterns:
                match = pattern.search(sentence)
                if match is None or not _is_person_gap(match.group("who"), sentence, sentence[match.end() :], fields):
                    continue
                who = " ".join(match.group("who").split())
                yield Problem(
                    file.path,
                    passage.position(start + match.start()),
                    f"the instructions of {file.item.label} send the reader to {who}: write down what {who} would answer "
                    "(the value, the account, the rule), or, for an approval, the role and the channel to ask in",
                    f"instructions:{who.lower()}",
                )
                break


def _may_send(lower: LowerCased) -> list[Passage]:
    """The passages a pattern matches: the first three tried where one of `_STARTS` is, the
    last one in passages that hold its `knows`; and the passages this cannot tell. The
    patterns read the prose, which masks a passage's labels (a match may start after one),
    and ignore case as the `folded` text does."""
    passages = lower.instructions.passages
    found = {index for index, passage in enumerate(passages) if passage.labels}
    starts = [place for place in lower.places(_STARTS) if place[0] not in found]
    knows = [index for index, _ in lower.places(("knows",)) if index not in found]
    if starts or knows:  # the patterns are compiled only then: a hook's one SOP may have none
        *starting, after_who = _patterns()
        start = _start()
        for index, offset in starts:
            text = passages[index].text
            if index not in found and start.match(text, offset) and any(pattern.match(text, offset) for pattern in starting):
                found.add(index)
        found.update(index for index in knows if index not in found and after_who.search(passages[index].text))
    return lower.passages(found)


def _cued(prose: str) -> list[re.Pattern[str]]:
    """The patterns whose cues `prose` holds: the only ones that can match it."""
    lowered = " ".join(folded(prose).split())  # one space between words, as the cues are written
    return [pattern for pattern, groups in zip(_patterns(), _CUES, strict=True) if all(any(cue in lowered for cue in group) for group in groups)]


def _is_person_gap(who: str, sentence: str, after: str, fields: str) -> bool:
    lowered = who.lower()
    if re.search(rf"\b(?:{_OUTSIDE})s?\b", lowered) or re.search(r"\b(?:right|relevant) person$", lowered):
        return False  # someone outside the team, or I003's vague wording
    if _SERVICE.match(after):
        return False  # `ask Buffer support`: a service desk, not a person
    if who.startswith("@"):
        return "team" not in lowered
    if who[0].isupper() and not re.match(r"(?i)(?:the|your|our|an?|someone|somebody|anyone|anybody|whoever)\b", who):
        return _NOT_PEOPLE.match(who) is None and re.search(rf"\b{re.escape(who)}\b", fields) is None
    return _CHANNEL.search(sentence) is None  # a role: fine when the step says where to reach it
