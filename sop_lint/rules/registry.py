"""The rule registry: every rule module, by code.

Adding a rule is one module in this package and one line here, in the tuple of its
kind (file, repository or history); a test fails when a module is left out of the registry or lacks a documentation
section.
"""

from __future__ import annotations

from sop_lint.rules import (
    account_of_other_tool,
    due_soon,
    duplicate_id,
    duplicate_key,
    duplicate_step_name,
    empty_instructions,
    front_matter,
    future_review_date,
    id_file_mismatch,
    invalid_yaml,
    limit_exceeded,
    missing_field,
    missing_outcome,
    missing_steps,
    missing_trigger,
    not_steps,
    open_question,
    orphan_sop,
    other_tool,
    person_held_knowledge,
    placeholder_instructions,
    placeholder_value,
    process_cycle,
    process_drift,
    retired_tool,
    schema_violation,
    secret_value,
    stale_sop,
    step_order,
    step_without_target,
    stray_review,
    tool_not_mentioned,
    tool_spellings,
    unknown_account,
    unknown_kind,
    unknown_owner,
    unknown_reference,
    unknown_tool,
    unreadable_file,
    vague_wording,
)
from sop_lint.rules.base import FileRule, RepositoryRule, Rule, SchemaCover

_FAMILIES = "YSPRCIVHX"


def _family_order(rule: Rule) -> tuple[int, str]:
    """Listed by family as the docs introduce them (syntax, schema, process, reference,
    content, instructions, vocabulary, history, security), then by code."""
    return (_FAMILIES.index(rule.CODE[0]), rule.CODE)


FILE_RULES: tuple[FileRule, ...] = (
    invalid_yaml,
    duplicate_key,
    front_matter,
    unknown_kind,
    limit_exceeded,
    unreadable_file,
    schema_violation,
    missing_trigger,
    missing_outcome,
    missing_steps,
    step_order,
    duplicate_step_name,
    step_without_target,
    missing_field,
    placeholder_value,
    empty_instructions,
    secret_value,
    placeholder_instructions,
    person_held_knowledge,
    vague_wording,
    open_question,
    not_steps,
)

REPOSITORY_RULES: tuple[RepositoryRule, ...] = (
    unknown_reference,
    duplicate_id,
    id_file_mismatch,
    orphan_sop,
    process_cycle,
    future_review_date,
    other_tool,
    tool_not_mentioned,
    unknown_tool,
    retired_tool,
    unknown_account,
    account_of_other_tool,
    unknown_owner,
    tool_spellings,
)

# Repository rules that judge git history: a run reads history only when one of them is
# selected, and they do not apply to a revision (`diff`, `--staged`).
HISTORY_RULES: tuple[RepositoryRule, ...] = (
    stale_sop,
    due_soon,
    process_drift,
    stray_review,
)

NEEDS_HISTORY = frozenset(rule.CODE for rule in HISTORY_RULES)

_ALL: list[Rule] = [*FILE_RULES, *REPOSITORY_RULES, *HISTORY_RULES]
RULES: dict[str, Rule] = {rule.CODE: rule for rule in sorted(_ALL, key=_family_order)}

# The schema errors that dedicated rules explain, for the schema rule to leave to them.
SCHEMA_COVERS: tuple[SchemaCover, ...] = tuple(cover for rule in RULES.values() for cover in rule.SCHEMA_COVERS)
