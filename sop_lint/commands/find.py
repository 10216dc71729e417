"""`sop-lint find`: the SOPs that name a tool, an account or an owner, or that a process
uses, with the processes using each, its owner and its freshness: the list a team needs
before it switches tools, retires a login or hands work over.

An empty answer is an answer, not a failure: it says so plainly and exits 0, as a report
does (grep's exit 1 would fail a CI step that only asks). It names the nearest name the
SOPs do use, for a typo. An id that no file has is another matter: `--uses` is then a
mistake in the command, exit 2 with the nearest id, as `graph --process` does.
"""

from __future__ import annotations

import gc
from pathlib import Path

from sop_lint.commands.output import Output
from sop_lint.commands.survey import Survey, survey
from sop_lint.errors import SopLintError
from sop_lint.kinds import Kind
from sop_lint.model.freshness import Freshness, due_date, parse_now
from sop_lint.model.queries import Query, Selector, spellings, tool_name, used_sops, users_of
from sop_lint.model.repository import Sop
from sop_lint.reporters.freshness_rows import due_words, sop_words
from sop_lint.reporters.tables import TABLE_REPORTERS, Table
from sop_lint.suggestions import closest

HEADINGS = ("status", "due", "SOP", "owner", "tool", "account", "used by", "path")
FIELDS = ("id", "path", "title", "owner", "tool", "account", "used_by", "status", "due", "days_overdue")


def run_find(
    *, root: Path, selector: Selector, value: str, output_format: str, now: str | None, config_file: Path | None, no_cache: bool
) -> Output:
    gc.disable()  # as in check: a short run that allocates a lot
    found = survey(root, config_file=config_file, no_cache=no_cache, now=parse_now(now))
    sops = _matching(found, selector, value)
    table = Table(
        title=f"SOPs {_described(found, selector, value)}",
        sentence=_sentence(found, sops, selector, value),
        headings=HEADINGS,
        rows=[_row(found, sop) for sop in sops],
        key="sops",
        fields=FIELDS,
        records=[_record(found, sop) for sop in sops],
        query={"query": {"selector": selector.value, "value": value}, "now": found.now.isoformat().replace("+00:00", "Z")},
    )
    return Output(TABLE_REPORTERS[output_format](table), 0, tuple(f"sop-lint: note: {note}" for note in found.notes))


def _matching(found: Survey, selector: Selector, value: str) -> list[Sop]:
    repository = found.repository
    if selector is Selector.USES:
        sops = used_sops(repository, value)
        if sops is None:
            hint = repository.closest_id(Kind.SOP, value) or repository.closest_id(Kind.PROCESS, value)
            advice = f"did you mean `{hint}`?" if hint else "--uses takes the `id` of a process or an SOP"
            raise SopLintError(f"no process or SOP has id `{value}`: {advice}")
        return sops
    query, owners = Query(selector, value, found.inventory), selector is Selector.OWNER
    return [sop for sop in repository.sops if query.matches(sop, found.owner_of(sop) if owners else None, found.tools_of(sop))]


def _described(found: Survey, selector: Selector, value: str) -> str:
    """What the SOPs found have in common, as the end of a sentence that starts with them."""
    if selector is Selector.TOOL:
        known = found.inventory.tool(value) if found.inventory is not None else None
        retired = f" (retired: replaced by `{found.inventory.current(known).name}`)" if found.inventory and known and known.retired else ""
        return f"using the tool `{tool_name(value, found.inventory)}`{retired}"
    if selector is Selector.ACCOUNT:
        return f"acting from an account containing `{value.strip()}`"
    if selector is Selector.OWNER:
        return f"owned by `{value.strip()}`"
    kind = "process" if value in found.repository.process_ids else "SOP"
    return f"that process `{value}` uses (with its sub-processes)" if kind == "process" else f"with id `{value}`"


def _sentence(found: Survey, sops: list[Sop], selector: Selector, value: str) -> str:
    if not sops:
        return f"No SOPs {_described(found, selector, value)}." + _nearest(found, selector, value)
    counts = {status: sum(sop.freshness is not None and sop.freshness.status is status for sop in sops) for status in Freshness}
    freshness = f": {counts[Freshness.STALE]} stale, {counts[Freshness.DUE_SOON]} due soon" if found.repository.history else ""
    processes = {user for sop in sops for user in users_of(found.repository, sop)}
    used = f", used by {len(processes)} process{'es' if len(processes) != 1 else ''}"
    return f"{len(sops)} SOP{'s' if len(sops) != 1 else ''} {_described(found, selector, value)}{used}{freshness}."


def _nearest(found: Survey, selector: Selector, value: str) -> str:
    """For a name no SOP writes, the one it is most likely a typo of."""
    sops = found.repository.sops
    if selector is Selector.TOOL:
        # Of the spellings of one name, the last given is suggested: the inventory's, else the most written.
        written = spellings(tool_name(name, found.inventory) for sop in sops for name in found.tools_of(sop))
        hint = closest(value.strip(), [*reversed(written), *(found.inventory.tool_spellings if found.inventory else ())])
    elif selector is Selector.OWNER:
        hint = closest(value.strip(), reversed(spellings(owner for sop in sops if (owner := found.owner_of(sop)))))
    else:
        hint = None
    return f" Did you mean `{hint}`?" if hint else ""


def _row(found: Survey, sop: Sop) -> list[str]:
    freshness = sop.freshness
    return [
        freshness.status.value if freshness else "",
        due_words(freshness) if freshness else "",
        sop_words(sop.id, sop.title, shorten=True),
        found.owner_of(sop) or "",
        sop.tool or "",
        sop.account or "",
        ", ".join(users_of(found.repository, sop)),
        sop.path,
    ]


def _record(found: Survey, sop: Sop) -> dict[str, object]:
    freshness = sop.freshness
    due = due_date(freshness) if freshness else None
    return {
        "id": sop.id,
        "path": sop.path,
        "title": sop.title,
        "owner": found.owner_of(sop),
        "tool": sop.tool,
        "account": sop.account,
        "used_by": list(users_of(found.repository, sop)),
        "status": freshness.status.value if freshness else None,
        "due": due.isoformat() if due else None,
        "days_overdue": freshness.days_overdue if freshness else None,
    }
