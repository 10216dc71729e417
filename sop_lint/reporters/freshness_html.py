"""The staleness report as one self-contained HTML page: a summary, a bar chart of SOPs by
time since their last review (inline SVG, with its legend), and the table, one per owner
with `--group-by owner`. No script, no network, no external asset: it can be mailed,
attached to a CI run, or opened from disk, and it fits a phone's width.

Each bar is stacked by status, in the table's colours: time since a review says little
alone, since each SOP has its own interval (a 30-day SOP reviewed 33 days ago is stale in
the bar of 30-89 days), and a reader who skims the chart must see what the table says.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from html import escape as _escape_html

from sop_lint.findings import visible
from sop_lint.model.freshness import Freshness, SopFreshness
from sop_lint.reporters.freshness_rows import HEADINGS, groups, row, with_contact

# (label, upper bound in days since the last sop); the last bucket is open-ended.
AGE_BUCKETS = (("under 30 days", 30), ("30-89 days", 90), ("90-179 days", 180), ("180-364 days", 365), ("a year or more", None))
_COLORS = {Freshness.STALE: "#c62828", Freshness.DUE_SOON: "#ef8f00", Freshness.FRESH: "#2e7d32", Freshness.UNCOMMITTED: "#5c6bc0"}
# What each colour means, in the order the bars stack them from the axis up: the statuses that call for work first.
_LEGEND = (
    (Freshness.STALE, "stale: past its review interval"),
    (Freshness.DUE_SOON, "due soon"),
    (Freshness.UNCOMMITTED, "changed, not committed yet"),
    (Freshness.FRESH, "fresh"),
)
_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;padding:0 1rem;color:#1d1d1f;max-width:70rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 0}p.summary{margin:.25rem 0 1.5rem}
svg.chart{max-width:100%;height:auto}ul.legend{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
ul.legend span{display:inline-block;width:.8rem;height:.8rem;margin-right:.4rem;vertical-align:-.05rem}
div.table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin-top:1rem;font-size:14px}
th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f4f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
span.status{color:#fff;border-radius:.3rem;padding:0 .4rem;white-space:nowrap}
svg text{font:13px system-ui,sans-serif;fill:#1d1d1f}
"""


def render_html(sops: list[SopFreshness], now: datetime, group_by_owner: bool, contacts: Mapping[str, str] | None = None) -> str:
    day = now.astimezone(UTC).date().isoformat()
    counts = ", ".join(f"{sum(r.status is status for r in sops)} {status.value}" for status in Freshness)
    tables = [(f"<h2>{escape(with_contact(owner, contacts))}</h2>" if owner else "") + _table(group) for owner, group in groups(sops, group_by_owner)]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>SOP review report, {day}</title>",
            f"<style>{_STYLE}</style></head><body>",
            f"<h1>SOP review report</h1><p class=\"summary\">{len(sops)} SOPs on {day}: {escape(counts)}.</p>",
            _chart(sops, now),
            *tables,
            "</body></html>",
            "",
        ]
    )


def age_bucket(sop: SopFreshness, now: datetime) -> int:
    days = (now - sop.reviewed_at).days
    return next((index for index, (_, bound) in enumerate(AGE_BUCKETS) if bound is not None and days < bound), len(AGE_BUCKETS) - 1)


def _chart(sops: list[SopFreshness], now: datetime) -> str:
    counts = [dict.fromkeys(Freshness, 0) for _ in AGE_BUCKETS]
    for sop in sops:
        counts[age_bucket(sop, now)][sop.status] += 1
    width, height, bar, gap, top, base = 620, 240, 90, 30, 24, 200
    tallest = max(sum(bucket.values()) for bucket in counts) or 1
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>SOPs by time since their last review, in the colours of their status</title>",
        f'<line x1="20" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>',
    ]
    for index, ((label, _), bucket) in enumerate(zip(AGE_BUCKETS, counts, strict=True)):
        x, y, total = 30 + index * (bar + gap), base, sum(bucket.values())
        # One segment per status present, from the axis up; an empty bar is one of no height.
        for status, _ in [entry for entry in _LEGEND if bucket[entry[0]]] or [_LEGEND[-1]]:
            size = round((base - top) * bucket[status] / tallest)
            y -= size
            parts.append(
                f'<rect class="bar" data-bucket="{escape(label)}" data-status="{status.value}" data-count="{bucket[status]}" '
                f'x="{x}" y="{y}" width="{bar}" height="{size}" fill="{_COLORS[status]}"/>'
            )
        parts += [
            f'<text x="{x + bar / 2}" y="{y - 6}" text-anchor="middle">{total}</text>',
            f'<text x="{x + bar / 2}" y="{base + 18}" text-anchor="middle">{escape(label)}</text>',
        ]
    parts.append("</svg>")
    shown = {sop.status for sop in sops}
    legend = "".join(f'<li><span style="background:{_COLORS[status]}"></span>{escape(words)}</li>' for status, words in _LEGEND if status in shown)
    return "\n".join(parts) + f'\n<ul class="legend">{legend}</ul>'



def _table(sops: list[SopFreshness]) -> str:
    head = "".join(f"<th>{heading[0].upper() + heading[1:]}</th>" for heading in HEADINGS)
    body = []
    for sop in sops:
        status, *cells = row(sop)
        badge = f'<td><span class="status" style="background:{_COLORS[sop.status]}">{status}</span></td>'
        body.append("<tr>" + badge + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
    return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(body) + "\n</tbody></table></div>"


def escape(text: str) -> str:
    """Text of a file or of git as HTML: controls and surrogates as visible escapes first."""
    return _escape_html(visible(text))
