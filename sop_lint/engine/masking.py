"""No secret leaves a file's check: every message, subject and summary value of the file
has each credential the X001 scan found in it replaced by the credential's masked form
(`ghp_…`, `…`), the same one X001's own messages show.

This is the one place where a file's text becomes what the rest of sop-lint keeps and
shows, so masking here covers every way out: the file rules' problems (a schema message
quoting `review_every: ghp_…`, a syntax message quoting an alias or a key) are masked
before they are cached, and so is the summary, from which the model is built, so that a
repository rule's message (a step name, an id, a title) and its subject are made of
masked values too, on a cold run and on a warm one alike. The cache, the baseline and
every fingerprint therefore never hold a secret, nor a hash of one; nothing of the
secret is kept to mask later.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sop_lint.findings import Problem
from sop_lint.model.summary import FileSummary, ReviewFields, Step
from sop_lint.rules.support.credentials import Credential

# A secret shorter than this (only a password inside a URL can be) is masked only where
# it stands as a word of its own, so that masking `abc` does not garble a message's words.
_MASK_ANYWHERE_FROM = 6


class Masking(NamedTuple):
    """The secrets of one file, each with its masked form, as one expression."""

    masked: dict[str, str]
    pattern: re.Pattern[str]

    def text(self, text: str) -> str:
        return self.pattern.sub(lambda match: self.masked[match.group(0)], text) if text else text

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)


def masking_of(credentials: list[Credential]) -> Masking | None:
    """The masking of a file's credentials; None when it has none (nearly every file)."""
    masked = {secret: credential.masked for credential in credentials for secret in credential.secrets if secret}
    if not masked:
        return None
    alternatives = [
        re.escape(secret) if len(secret) >= _MASK_ANYWHERE_FROM else rf"(?<![A-Za-z0-9]){re.escape(secret)}(?![A-Za-z0-9])"
        for secret in sorted(masked, key=len, reverse=True)  # the longest first: one secret may hold another
    ]
    return Masking(masked, re.compile("|".join(alternatives)))


def masked_problem(problem: Problem, masking: Masking) -> Problem:
    """A fix that would spell a secret is dropped with it: the cache keeps fixes too."""
    fix = problem.fix
    if fix is not None and any(masking.text(text) != text for edit in fix.edits for text in (edit.old, edit.new)):
        fix = None
    return Problem(problem.path, problem.position, masking.text(problem.message), masking.text(problem.subject), fix)


def masked_summary(summary: FileSummary, masking: Masking) -> FileSummary:
    """The summary with every text masked (ids, names, titles, review fields, the tool, the
    account and the words the tool rules read): all the model, and so every repository rule, knows of
    the file."""
    review = summary.review
    return summary._replace(
        id=masking.optional(summary.id),
        title=masking.optional(summary.title),
        trigger=masking.optional(summary.trigger),
        outcome=masking.optional(summary.outcome),
        steps=tuple(
            Step(step.index, masking.optional(step.name), masking.optional(step.sop), masking.optional(step.process))
            for step in summary.steps
        ),
        review=None
        if review is None
        else ReviewFields(*(masking.optional(value) for value in (review.owner, review.review_every, review.last_reviewed))),
        anchors=tuple((masking.text(key), line, column) for key, line, column in summary.anchors),
        account=masking.optional(summary.account),
        tool=masking.optional(summary.tool),
        owner=masking.optional(summary.owner),
        tool_use=None
        if summary.tool_use is None
        else summary.tool_use._replace(
            tool=masking.text(summary.tool_use.tool),
            runs=tuple(masking.text(part) if isinstance(part, str) else part for part in summary.tool_use.runs),
        ),
    )
