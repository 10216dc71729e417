"""Credentials written into a file's text: tokens of well-known shapes, private keys,
passwords after a `password:` key, passwords inside URLs, and random-looking values after
words like token or key. Documentation placeholders (`AKIAIOSFODNN7EXAMPLE`, `<password>`,
`${TOKEN}`, `***`) and sentences that point at a password manager are not credentials.

What is found says where it is and what kind it is, never the credential: `shown` is a
public prefix (`AKIA…`) or the key it follows (`db_password: …`).

Every file of a cold run is scanned, so the scan is built for speed: substring searches
(`str.find` runs at memory speed) and one expression whose branches all start with rare
characters find the few places worth a closer look, and only there does a detailed
expression run. A single expression of every pattern cost four times the parse itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from sop_lint.reading.lines import position_of
from sop_lint.rules.support import credential_words as words

# A file with more than this many is one to clean up first; past it the scan stops.
MAX_FOUND = 100
# How far the scan looks past a keyword for the end of its line, and past a private key's
# first line for key material (after headers such as `Proc-Type:`): a bound, so that a
# hostile file of one long line costs linear time.
_REST_OF_LINE = 512
_KEY_HEADERS = 512


@dataclass(frozen=True, slots=True)
class Credential:
    """One credential. `kind` is a stable slug and `what` its description; `key` is the
    key it is written under or after ('' when there is none that is safe to print)."""

    kind: str
    what: str
    shown: str
    key: str
    line: int
    column: int
    # What stands for the credential in a message (`ghp_…`, `…`), and the texts it stands
    # for: the engine masks them in every message of the file. Never printed or compared.
    masked: str = field(default="…", compare=False)
    secrets: tuple[str, ...] = field(default=(), repr=False, compare=False)


class _Span(NamedTuple):
    kind: str
    what: str
    shown: str
    key: str
    start: int
    end: int
    masked: str = "…"
    # The secret texts when they are not `text[start:end]` (a private key's material).
    material: tuple[str, ...] = ()


# Tokens whose shape alone says what they are. Every branch starts with a character that is
# rare in prose (A, x, g, k), which lets the expression engine skip to candidates quickly;
# so the character before a token is checked afterwards, and the kind is told by the
# token's start (a group around a branch would turn that skipping off, at 15 times the cost).
_TOKENS = re.compile(
    r"A(?:KIA|SIA)[A-Z0-9]{16}(?![A-Za-z0-9])"
    r"|AIza[0-9A-Za-z_-]{35}(?![\w-])"
    r"|xox[abeoprs]-[0-9]+-[A-Za-z0-9-]{8,250}"
    r"|gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])"
    r"|github_pat_[A-Za-z0-9_]{50,244}(?![A-Za-z0-9_])"
    r"|glpat-[A-Za-z0-9_-]{20,250}"
    r"|k_(?:live|test)_[A-Za-z0-9]{20,250}"  # after `s` or `r`, checked below
)
_TOKEN_KINDS = (  # by how the token starts
    ("AKIA", "aws-access-key-id", "an AWS access key id"),
    ("ASIA", "aws-access-key-id", "an AWS access key id"),
    ("AIza", "google-api-key", "a Google API key"),
    ("xox", "slack-token", "a Slack token"),
    ("glpat-", "gitlab-token", "a GitLab access token"),
    ("g", "github-token", "a GitHub token"),
    ("sk_", "stripe-key", "a Stripe secret key"),
    ("rk_", "stripe-key", "a Stripe restricted key"),
)
_PUBLIC_PREFIX = re.compile(r"github_pat_|[a-z]+[_-](?:live_|test_)?|[A-Z][A-Za-z]{3}")
# Every token holds `xox`, `glpat-` or a match of these, each a scan for one character: cheaper than `_TOKENS`, which stops at every g and k.
_TOKEN_HINTS = (re.compile(r"A(?:KIA|SIA|Iza)"), re.compile(r"_(?:(?<=gh[pousr]_)|(?<=github_)|(?<=k_))"))

_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----")
_PRIVATE_KEY_END = "-----END"
# Key material: a run of base64 longer than any word (prose about a key has none).
_KEY_MATERIAL = re.compile(r"[A-Za-z0-9+/=]{24,}")

_URL_USERINFO = re.compile(r"://(?P<user>[^\s:/?#@\"'<>`\[\]]{0,128}):(?P<password>[^\s/?#@\"'<>`]{1,256})@(?=[^\s/?#@])")
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,15}$")  # a whole word, or none is shown
_SLACK_WEBHOOK = re.compile(r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{20,250}")

# OpenAI keys: `sk-` (a word of prose, so found by `str.find`), maybe a project or service
# account prefix, then a random part.
_OPENAI_KEY = re.compile(r"sk-(?:proj-|svcacct-|admin-)?(?P<body>[A-Za-z0-9_-]{20,250})(?![A-Za-z0-9_-])")
_TOKEN_CHARACTERS = re.compile(r"[A-Za-z0-9_-]")
# `Log in with social@acme.example / Tr0ub4dor&3`: a user, a slash, a password.
_LOGIN_TRIGGERS = ("log in", "login", "log on", "sign in", "signin", "sign on")
_LOGIN = re.compile(
    r"(?:log[ -]?(?:in|on)|sign[ -]?(?:in|on))(?:[ \t]+(?:with|as|using|via))?[ \t]*:?[ \t]+[`*\"']{0,2}"
    r"[^\s/`*\"']{1,128}[`*\"']{0,2}[ \t]*/[ \t]*[`*\"']{0,2}(?P<value>[^\s`*\"']{1,256})",
    re.IGNORECASE,
)

# Where a value follows one of these words (found by `_KEYWORD_TRIGGERS`, lowercase).
_KEYWORD_TRIGGERS = ("pass", "pw", "secret", "token", "key", "auth", "api")
_KEYWORD = re.compile(
    r"(?P<key>(?P<word>password|passwd|passphrase|pass|pwd|pw|secret|token|key|authorization|auth|api)(?P<plural>s)?"
    r"(?:[_-]?ids?)?)"
    r"[*_`\"']{0,3}"  # the end of an emphasis or quote around the key
    r"(?:(?P<assign>[ \t]{0,8}(?::|=>?)|[ \t]{1,8}is:?(?=[ \t]))[*_`]{0,3}|[ \t])[ \t]{0,8}"
    r"(?:(?:bearer|basic|token)[ \t]+)?"  # Authorization: Bearer ...
    r"(?P<value>\S{1,256})",
    re.IGNORECASE,
)
# Keys made to be published: Stripe publishable keys.
_PUBLIC_KEYS = ("pk_live_", "pk_test_")
_PASSWORD_WORDS = frozenset({"password", "passwd", "passphrase", "pwd", "pass", "pw"})
_KEY_CHARACTER = re.compile(r"[A-Za-z0-9_.-]")
_RANDOM_RUN = re.compile(r"[A-Za-z0-9+/=_.~-]+")


def find_credentials(text: str, placeholders: tuple[str, ...] = ()) -> list[Credential]:
    """Every credential in `text`, in reading order. `placeholders` are values the
    configuration counts as not filled in (`TBD`); a password that is one is no finding."""
    found: list[_Span] = []
    if "xox" in text or "glpat-" in text or any(hint.search(text) for hint in _TOKEN_HINTS):  # see _TOKEN_HINTS
        _find_tokens(text, found, placeholders)
    _find_private_keys(text, found)
    _find_in_urls(text, found, placeholders)
    _find_openai_keys(text, found, placeholders)
    lowered = text.lower()
    if len(lowered) == len(text):  # lowering kept every offset (it does, but for a few letters)
        if "/" in text:  # every login has one, between user and password: one fast scan spares six
            _find_logins(text, lowered, found, placeholders)
        _find_after_keywords(text, lowered, found, placeholders)
    found.sort(key=lambda span: span.start)
    return [_located(text, span) for span in found[:MAX_FOUND]]


def _find_tokens(text: str, found: list[_Span], placeholders: tuple[str, ...]) -> None:
    for match in _TOKENS.finditer(text):
        if len(found) >= MAX_FOUND:
            return
        start, end = match.span()
        if text.startswith("k_", start):
            if start == 0 or text[start - 1] not in "sr":
                continue
            start -= 1
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue
        token = text[start:end]
        if words.is_placeholder(token, placeholders):
            continue
        kind, what = next((kind, what) for prefix, kind, what in _TOKEN_KINDS if token.startswith(prefix))
        prefix = _PUBLIC_PREFIX.match(token)
        shown = (prefix.group(0) if prefix else "") + "…"
        found.append(_Span(kind, what, shown, words.line_key(text, start), start, end, shown))


def _find_private_keys(text: str, found: list[_Span]) -> None:
    start = text.find("-----BEGIN")
    while start != -1 and len(found) < MAX_FOUND:
        match = _PRIVATE_KEY.match(text, start)
        if match:
            after = text[match.end() : match.end() + _KEY_HEADERS]
            material = after.partition(_PRIVATE_KEY_END)[0]
            runs = tuple(_KEY_MATERIAL.findall(material))
            if runs and "example" not in material.lower():
                found.append(_Span("private-key", "a private key", match.group(0), words.line_key(text, start), start, match.end(), material=runs))
        start = text.find("-----BEGIN", start + 1)


def _find_in_urls(text: str, found: list[_Span], placeholders: tuple[str, ...]) -> None:
    start = text.find("://")
    while start != -1 and len(found) < MAX_FOUND:
        scheme_match = _SCHEME.search(text, max(0, start - 16), start)
        scheme = scheme_match.group(0) if scheme_match else ""
        if text.startswith("hooks.slack.com/", start + 3):
            hook = _SLACK_WEBHOOK.match(text, start + 3)
            if hook and not words.is_placeholder(hook.group(0), placeholders):
                begin = start - len(scheme)
                shown = f"{scheme}://hooks.slack.com/…"
                found.append(_Span("slack-webhook", "a Slack webhook URL", shown, words.line_key(text, begin), begin, hook.end(), shown))
        else:
            userinfo = _URL_USERINFO.match(text, start)
            if userinfo:
                password = userinfo.group("password")
                if (
                    not words.is_placeholder(password, placeholders)
                    and password.lower() not in ("password", "passwd", "pass", "pwd", "secret", "token")
                    and not words.is_placeholder(text[start - len(scheme) : words.end_of_word(text, userinfo.end())], placeholders)
                ):
                    begin, end = userinfo.span("password")
                    shown = f"{scheme}://…@…"
                    found.append(_Span("url-password", "a password inside a URL", shown, words.line_key(text, begin), begin, end))
        start = text.find("://", start + 3)


def _find_openai_keys(text: str, found: list[_Span], placeholders: tuple[str, ...]) -> None:
    """A key starts a run of token characters, so a later `sk-` inside that run is skipped
    at once: each character is looked at a bounded number of times."""
    start = text.find("sk-")
    while start != -1 and len(found) < MAX_FOUND:
        if start == 0 or not _TOKEN_CHARACTERS.match(text, start - 1):
            match = _OPENAI_KEY.match(text, start)
            if match and words.looks_random(match.group("body")) and not words.is_placeholder(match.group(0), placeholders):
                shown = text[start : match.start("body")] + "…"
                found.append(_Span("openai-key", "an OpenAI API key", shown, words.line_key(text, start), start, match.end(), shown))
        start = text.find("sk-", start + 3)


def _find_logins(text: str, lowered: str, found: list[_Span], placeholders: tuple[str, ...]) -> None:
    for trigger in _LOGIN_TRIGGERS:
        start = lowered.find(trigger)
        while start != -1 and len(found) < MAX_FOUND:
            match = _LOGIN.match(text, start)
            if match and not (start > 0 and text[start - 1].isalnum()):
                line_end = text.find("\n", match.end(), match.end() + _REST_OF_LINE)
                rest = text[match.end() : line_end if line_end != -1 else match.end() + _REST_OF_LINE].strip()
                alone = not rest or rest.startswith(("#", "<!--"))
                password = words.password_after(match.group("value"), "/", alone, rest, "login", placeholders)
                if password and not any(span.start <= match.start("value") < span.end for span in found):
                    begin = match.start("value")
                    found.append(_Span("password", "a password", "…", "", begin, begin + len(password)))
            start = lowered.find(trigger, start + len(trigger))


def _find_after_keywords(text: str, lowered: str, found: list[_Span], placeholders: tuple[str, ...]) -> None:
    taken = [(span.start, span.end) for span in found]
    for trigger in _KEYWORD_TRIGGERS:
        start = lowered.find(trigger)
        while start != -1 and len(found) < MAX_FOUND:
            span = _after_keyword(text, start, placeholders)
            if span is not None and not any(span.start < end and begin < span.end for begin, end in taken):
                found.append(span)
                taken.append((span.start, span.end))
            start = lowered.find(trigger, start + len(trigger))


def _after_keyword(text: str, start: int, placeholders: tuple[str, ...]) -> _Span | None:
    """The credential written after the keyword at `start`, if there is one."""
    match = _KEYWORD.match(text, start)
    if match is None:
        return None
    key_start = start
    while key_start > 0 and start - key_start < 64 and _KEY_CHARACTER.match(text, key_start - 1):
        key_start -= 1
    if not words.stands_alone(text, key_start, start) or words.in_reference(text, key_start):
        return None
    written_key = text[key_start : match.end("key")]
    key = written_key if words.safe_to_show(written_key) else ""
    word = match.group("word").lower()
    assign = (match.group("assign") or "").strip()
    if word in words.SHORT_WORDS and assign[:1] not in (":", "="):
        return None
    raw = match.group("value")
    value = raw.lstrip("\"'`*")
    value_start = match.start("value") + len(raw) - len(value)
    value = value.rstrip("\"'`*")
    if not value:
        return None
    line_end = text.find("\n", match.end(), match.end() + _REST_OF_LINE)
    rest = text[match.end() : line_end if line_end != -1 else match.end() + _REST_OF_LINE].strip()
    alone = not rest or rest.startswith(("#", "<!--"))
    if word in _PASSWORD_WORDS and word not in words.SHORT_WORDS and not assign and words.is_strong(value.rstrip(words.CLAUSE_END)):
        assign = "is"  # `with the password Gr33nLedger!`: a sentence that names it
    if (word in _PASSWORD_WORDS or word == "secret") and assign:
        password = words.password_after(value, assign, alone, rest, word, placeholders)
        if password:
            what = "a secret" if word == "secret" else "a password"
            kind = "secret" if word == "secret" else "password"
            return _Span(kind, what, f"{key}: …" if key else "…", key, value_start, value_start + len(password))
        if alone and not assign.startswith("is"):
            return None
    if match.group("plural") and not match.group("assign"):  # `--recv-keys 5BE8…`: a list, not one credential
        return None
    run = _RANDOM_RUN.match(value)
    candidate = run.group(0).rstrip(".-_") if run else ""
    if not words.looks_random(candidate) or words.is_placeholder(candidate, placeholders):
        return None
    if "public" in written_key.lower() or candidate.startswith(_PUBLIC_KEYS):  # meant to be seen
        return None
    shown = f"{key}: …" if key else "…"
    return _Span("random-token", "a random-looking token", shown, key, value_start, value_start + len(candidate))


def _located(text: str, span: _Span) -> Credential:
    position = position_of(text, span.start)
    secrets = span.material or (text[span.start : span.end],)
    return Credential(span.kind, span.what, span.shown, span.key, position.line, position.column, span.masked, secrets)
