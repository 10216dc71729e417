"""A password, token or private key is written in the file.

## What it does
Reads the whole file (front matter, Markdown body, YAML values and comments alike) for
credentials: private key blocks; AWS access key ids; GitHub, GitLab, Slack, Stripe and
OpenAI (`sk-…`, `sk-proj-…`) tokens and Google API keys; Slack webhook URLs; a value
after `password:`, `passwd:`, `pwd:`, `pw:`, `pass:` or `secret:` (`db_password:`,
`**Password:**` too); a password in a sentence (`The password is X.`, `(password: X)`,
`password: X (change it monthly)`) or after a user (`log in with admin / X`); a URL with
a password in it (`postgres://user:pass@host`); and a random-looking value after a word
such as token, key, secret, auth or API (`api_key: 9f8b...`, `the key is 9f8b...`). The
finding points at the credential and names its kind, but never prints it; nor does any
other rule's message (an invalid `review_every: ghp_…` is quoted masked).

Not findings: documentation placeholders (`AKIAIOSFODNN7EXAMPLE`, anything containing
`example`, `<password>`, `${TOKEN}`, `$TOKEN`, `{{ token }}`, `***`, `xxxx`, and the
configured placeholders such as `TBD`), and words that say where a password is kept
(`password: stored in 1Password under "Buffer"`, `the password is the one in the team
vault`, `Password is required`). After `password:` only one word counts, and only one
that has a digit, a symbol or a capital inside (a plain word such as `required` is
prose). In a sentence, after `pw:` or `pass:`, and after `log in with USER /`, the word
must also end its clause (the line, or `,`, `.`, `(`) and have a letter and a digit or a
symbol (`Tr0ub4dor&3`, not `GitHub`, `2026-11-30` or `Base64-encoded`). Stripe test keys count as much as live ones: they still act on the
account. A random-looking value is at least 20 characters, mixes letters and digits, and
has at least 3 bits of entropy per character.

## Why
Everyone who can read the repository, and every clone of it, can read the credential,
and git history keeps it after the line is deleted. `account` names the account to act
from; the credential itself belongs in the team's password manager. A credential that
was committed should be changed as well as removed.

## Bad
```markdown
1. Open Buffer and sign in as social@acme.example, password: Tr0ub4dor&3
```

## Good
```markdown
1. Open Buffer and sign in as social@acme.example; the password is in 1Password,
   vault "Social", item "Buffer".
```

## Options
`placeholders` and `extend-placeholders` also name values that are not credentials. A
deliberate fake in a how-to keeps its line with `# sop-lint: disable=X001` (in Markdown,
`<!-- sop-lint: disable=X001 -->` on the line before).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from sop_lint.findings import Position, Problem, Severity
from sop_lint.rules.base import FileContext, SchemaCover

CODE = "X001"
NAME = "secret-value"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    seen: Counter[tuple[str, str]] = Counter()
    for credential in file.credentials:
        # The fingerprint names the kind, the key and which one of them it is, never the
        # credential or a hash of it (a short password's hash is easily reversed).
        identity = (credential.kind, credential.key)
        seen[identity] += 1
        subject = f"{credential.kind}:{credential.key}:{seen[identity]}"
        yield Problem(
            file.path,
            Position(credential.line, credential.column),
            f"{credential.what} (`{credential.shown}`) is written here: remove it, and revoke or change it since git "
            "history keeps it; name the account in `account` and keep the credential in the team's password manager",
            subject,
        )
