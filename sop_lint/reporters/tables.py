"""The answers of the queries (`find`, `inventory`, `owners`) in each format: one table,
built by the command, rendered four ways.

Text is aligned columns and a closing sentence; Markdown a heading, the sentence and a
table, ready to paste into an issue (mentions are escaped, so pasting notifies no one);
JSON a versioned document with the query and one record per row; CSV the records, a list
joined with `; `. With no row, text and Markdown say so in the sentence and show no table.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sop_lint.findings import json_visible, visible
from sop_lint.reporters.freshness import aligned
from sop_lint.reporters.markdown import literal, table_cell

QUERY_JSON_VERSION = 1


@dataclass(frozen=True)
class Table:
    """`title` heads the Markdown; `sentence` sums the answer up (after the table in text,
    before it in Markdown); `rows` are plain text under `headings`; `records` the same rows
    for JSON and CSV, under `key` in JSON, with `fields` in this order; `query` heads the
    JSON document."""

    title: str
    sentence: str
    headings: tuple[str, ...]
    rows: list[list[str]]
    key: str
    fields: tuple[str, ...]
    records: list[dict[str, object]]
    query: dict[str, object] = field(default_factory=dict)


def render_text(table: Table) -> str:
    if not table.rows:
        return table.sentence + "\n"
    rows = [[visible(cell) for cell in row] for row in table.rows]
    widths = [max(len(cells[i]) for cells in [list(table.headings), *rows]) for i in range(len(table.headings))]
    lines = [aligned([heading.upper() for heading in table.headings], widths), *(aligned(cells, widths) for cells in rows)]
    return "\n".join(lines) + "\n\n" + table.sentence + "\n"


def render_markdown(table: Table) -> str:
    parts = [f"## {literal(visible(table.title))}", "", literal(visible(table.sentence)), ""]
    if table.rows:
        parts += ["| " + " | ".join(table.headings) + " |", "|" + " --- |" * len(table.headings)]
        parts += ["| " + " | ".join(map(table_cell, row)) + " |" for row in table.rows]
        parts.append("")
    return "\n".join(parts)


def render_json(table: Table) -> str:
    document = {"version": QUERY_JSON_VERSION, **table.query, table.key: table.records}
    return json_visible(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def render_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=table.fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _csv_value(record[key]) for key in table.fields} for record in table.records)
    return out.getvalue()


def _csv_value(value: object) -> object:
    """Text as the text reports show it (a spreadsheet is read by a person), a list joined."""
    if isinstance(value, list | tuple):
        return "; ".join(visible(str(item)) for item in value)
    return visible(value) if isinstance(value, str) else value


TABLE_REPORTERS: dict[str, Callable[[Table], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
}
