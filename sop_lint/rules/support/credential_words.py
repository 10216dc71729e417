"""How the credential scan (`credentials`) judges the words around what may be a
credential: whether a value is a password, a random-looking token or a placeholder that
stands in for one, and whether the key before it is a word of its own. Kept apart from
the scan, which finds where to look, so that each module reads in one sitting.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from sop_lint.rules.support.placeholders import find_placeholder

# A random-looking value: at least this long and this many bits of Shannon entropy per
# character. Random hex of that length stays above 3.0; repeated patterns fall below.
RANDOM_MIN_LENGTH = 20
RANDOM_MIN_ENTROPY = 3.0
# A password after `password:` has at least this many characters.
PASSWORD_MIN_LENGTH = 6
# Short words that are a password only as a key (`pw: …`, `pass = …`), never in a sentence.
SHORT_WORDS = frozenset({"pass", "pw"})
# What may follow a password in a sentence: the end of a clause (`password: X (change it
# monthly)`), never more words of it (`password: stored in the vault`).
_CLAUSE_BREAKS = ("(", "—", "–", "- ", "|", ";", ",")
# Words that open the next clause (`Password is X if you get logged out`): after a value
# strong enough to be nothing but a password (`is_strong`), the clause has ended.
_NEXT_CLAUSE = ("if ", "when ", "whenever ", "until ", "unless ", "in case ", "and ", "but ", "so ", "then ", "for ")
CLAUSE_END = ".,;:)"
# A key is a word on its own (`password`, `db_password`, `dbPassword`), not the end of a
# longer one (`monkey`, `1Password`), unless it starts with one of these (`apikey`).
_JOINED_PREFIXES = frozenset(
    {"api", "access", "app", "auth", "bot", "client", "private", "secret", "refresh", "session", "oauth", "db", "admin",
     "root", "user", "master", "service", "deploy", "webhook", "signing", "encryption", "license"}
)
_ATTACHED = re.compile(r"[A-Za-z0-9]*$")
_REFERENCE_OPENERS = "${%"  # `${DB_PASSWORD}`, `%PASSWORD%`: a reference, not a key (and `$(pwd)`, below)
_PARTS = re.compile(r"[-_./]")
# Words of documentation examples; a value that contains one is no credential.
_PLACEHOLDER_WORDS = ("example", "placeholder", "redacted", "changeme", "change-me", "change_me", "your", "dummy",
                      "xxxx", "****", "...", "…", "<", ">")
# A value that names where the credential lives: the rule's own advice, not a leak.
_POINTERS = ("1password", "onepassword", "lastpass", "bitwarden", "dashlane", "keepass", "keeper", "vault", "keychain",
             "passbolt", "secretsmanager", "secret-manager", "op://", "://")
# Words, and short chunks such as `2FA`, joined by `-`, `/`, `.`: prose, not a password.
_PROSE_PART = re.compile(r"[A-Za-z][a-z]*|[A-Z]+|[A-Za-z0-9]{1,3}")
_TERM_PART = re.compile(r"[A-Za-z][a-z]*[0-9]*|[A-Z]+[0-9]*|[A-Za-z0-9]{1,3}")
_WORD_PART = re.compile(r"[a-z]{4,}")
_PROSE_JOINERS = re.compile(r"[-–/.'’]")
_YAML_TAG = re.compile(r"![A-Za-z_]*")
_CALL = re.compile(r"[A-Za-z_][\w.]*\(.*\)[;,]?")  # `getenv("DB_PASSWORD")`: code that fetches it
# A leading key on a line, named in the fingerprint of the tokens on that line.
_LINE_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?[\"']?(?P<key>[A-Za-z_][A-Za-z0-9_.-]{0,40})[\"']?[ \t]*:")
_WORD = re.compile(r"[^\s\"'<>`]{0,256}")


def password_after(value: str, assign: str, alone: bool, rest: str, word: str, placeholders: tuple[str, ...]) -> str:
    """The password `value` holds after a password word and `assign`, or ''. A value
    alone after `password:` is one when it is not prose (`_is_password`). In a sentence
    (`The password is X.`, `password: X (change it monthly)`) and after the short words
    (`pw:`, `pass:`), where more prose reads that way, it must also end its clause, have
    a letter and a digit or a symbol in it, and not be a term (`Base64-encoded`)."""
    if _CALL.fullmatch(value):  # `computeSecret(bobKey);`: code, whose `)` is no clause end
        return ""
    core = value.rstrip(CLAUSE_END) or value
    if alone and assign[:1] in (":", "=") and word not in SHORT_WORDS:
        return core if _is_password(core, placeholders) else ""
    ends_clause = alone or core != value or rest.startswith(_CLAUSE_BREAKS)
    if not ends_clause and not (rest.lower().startswith(_NEXT_CLAUSE) and is_strong(core)):
        return ""
    if not _is_password(core, placeholders) or not any(c.isalpha() for c in core):  # `2026-11-30`: a date
        return ""
    if not any(c.isdigit() or _is_symbol(c) for c in core):
        return ""
    parts = [part for part in _PROSE_JOINERS.split(core) if part]
    if len(parts) > 1 and all(_TERM_PART.fullmatch(part) for part in parts) and any(_WORD_PART.fullmatch(p) for p in parts):
        return ""  # `Base64-encoded`, `2FA-protected`: a term of prose, not a password
    return core


def is_strong(value: str) -> bool:
    """A letter, a digit and a symbol, eight characters or more: a made-up password, never
    a word of prose (`1Password`, `2FA-protected`, `Base64-encoded` have no symbol)."""
    return (
        len(value) >= 8
        and any(c.isalpha() for c in value)
        and any(c.isdigit() for c in value)
        and any(_is_symbol(c) for c in value)
    )


def _is_symbol(character: str) -> bool:
    return not character.isalnum() and _PROSE_JOINERS.fullmatch(character) is None


def in_reference(text: str, key_start: int) -> bool:
    """Whether the key is a variable's name inside a reference: `${DB_PASSWORD}`, `$(pwd)`."""
    return key_start > 0 and (text[key_start - 1] in _REFERENCE_OPENERS or text.startswith("$(", key_start - 2))


def stands_alone(text: str, key_start: int, keyword_start: int) -> bool:
    """Whether the keyword is a word of its own in the key, not the tail of another word."""
    joined = _ATTACHED.search(text, key_start, keyword_start)
    attached = joined.group(0) if joined else ""
    if not attached:
        return True
    if text[keyword_start].isupper() and attached[-1].islower():  # camelCase: dbPassword, apiKey
        return True
    return attached.lower() in _JOINED_PREFIXES


def safe_to_show(key: str) -> bool:
    """A key may be printed unless a part of it is long enough to be a token itself."""
    return 0 < len(key) <= 64 and all(len(part) <= 16 for part in _PARTS.split(key))


def is_placeholder(value: str, placeholders: tuple[str, ...]) -> bool:
    """Whether `value` stands in for a credential: a documentation example, a reference
    to a variable (`${TOKEN}`, `$TOKEN`, `{{ token }}`, `%TOKEN%`), a mask (`***`), or a
    placeholder from the configuration."""
    lowered = value.lower()
    if any(word in lowered for word in _PLACEHOLDER_WORDS):
        return True
    if value[0] in "$%{[(@&":
        return True
    if len(set(lowered)) <= 2:  # `xxxxxxxx`, `00000000`
        return True
    return find_placeholder(value, placeholders) is not None


def _is_password(value: str, placeholders: tuple[str, ...]) -> bool:
    """Whether a value after `password:` is one. Prose (`stored in 1Password`) has been
    left out before; here a plain word (`required`, `Shared`), a path, a pointer to a
    password manager, a YAML tag (`!vault`) or a placeholder is not a password either."""
    if len(value) < PASSWORD_MIN_LENGTH or is_placeholder(value, placeholders):
        return False
    lowered = value.lower()
    if any(pointer in lowered for pointer in _POINTERS) or value.startswith(("/", "~/", "./", "../")):
        return False
    if _YAML_TAG.fullmatch(value) or _CALL.fullmatch(value):
        return False
    words = [part for part in _PROSE_JOINERS.split(value.rstrip(".,;:!?\"'`)")) if part]
    return not all(_PROSE_PART.fullmatch(part) for part in words)


def looks_random(value: str) -> bool:
    """Long, with letters and digits mixed within one part (not words and numbers joined
    by dashes, like `acme-social-2026`), and of high entropy."""
    if len(value) < RANDOM_MIN_LENGTH:
        return False
    if not any(len(part) >= 8 and _has_letter_and_digit(part) for part in _PARTS.split(value)):
        return False
    return entropy(value) >= RANDOM_MIN_ENTROPY


def _has_letter_and_digit(text: str) -> bool:
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def entropy(text: str) -> float:
    """Shannon entropy of the characters of `text`, in bits per character."""
    total = len(text)
    return -sum(count / total * math.log2(count / total) for count in Counter(text).values())


def line_key(text: str, position: int) -> str:
    """The key that starts the line holding `position`, when it ends before it."""
    line_start = text.rfind("\n", 0, position) + 1
    match = _LINE_KEY.match(text, line_start, position)
    return match.group("key") if match and safe_to_show(match.group("key")) else ""


def end_of_word(text: str, position: int) -> int:
    match = _WORD.match(text, position)
    return match.end() if match else position
