"""The staleness report as one self-contained HTML page: a summary, a bar chart of SOPs by
time since their last review (inline SVG), and the table. No script, no network, no
external asset: it can be mailed, attached to a CI run, or opened from disk.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape as _escape_html

from sop_lint.findings import visible
from sop_lint.model.freshness import Freshness, SopFreshness

# (label, upper bound in days since the last sop); the last bucket is open-ended.
AGE_BUCKETS = (("under 30 days", 30), ("30-89 days", 90), ("90-179 days", 180), ("180-364 days", 365), ("a year or more", None))
_COLORS = {Freshness.STALE: "#c62828", Freshness.DUE_SOON: "#ef8f00", Freshness.FRESH: "#2e7d32", Freshness.UNCOMMITTED: "#5c6bc0"}
_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1d1d1f;max-width:70rem}
h1{font-size:1.5rem;margin:0 0 .25rem}p.summary{margin:.25rem 0 1.5rem}
table{border-collapse:collapse;width:100%;margin-top:1.5rem;font-size:14px}
th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f4f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
span.status{color:#fff;border-radius:.3rem;padding:0 .4rem;white-space:nowrap}
svg text{font:13px system-ui,sans-serif;fill:#1d1d1f}
"""


def render_html(sops: list[SopFreshness], now: datetime, group_by_owner: bool) -> str:
    day = now.astimezone(UTC).date().isoformat()
    counts = ", ".join(f"{sum(r.status is status for r in sops)} {status.value}" for status in Freshness)
    rows = sorted(sops, key=lambda r: (r.owner or "~", -r.days_overdue, r.path)) if group_by_owner else sops
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>SOP review report, {day}</title>",
            f"<style>{_STYLE}</style></head><body>",
            f"<h1>SOP review report</h1><p class=\"summary\">{len(sops)} SOPs on {day}: {escape(counts)}.</p>",
            _chart(sops, now),
            _table(rows),
            "</body></html>",
            "",
        ]
    )


def age_bucket(sop: SopFreshness, now: datetime) -> int:
    days = (now - sop.reviewed_at).days
    return next((index for index, (_, bound) in enumerate(AGE_BUCKETS) if bound is not None and days < bound), len(AGE_BUCKETS) - 1)


def _chart(sops: list[SopFreshness], now: datetime) -> str:
    counts = [0] * len(AGE_BUCKETS)
    for sop in sops:
        counts[age_bucket(sop, now)] += 1
    width, height, bar, gap, top, base = 620, 240, 90, 30, 24, 200
    tallest = max(counts) or 1
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>SOPs by time since their last review</title>",
        f'<line x1="20" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>',
    ]
    for index, ((label, _), count) in enumerate(zip(AGE_BUCKETS, counts, strict=True)):
        x = 30 + index * (bar + gap)
        size = round((base - top) * count / tallest)
        color = "#2e7d32" if index < 2 else "#ef8f00" if index == 2 else "#c62828"
        parts += [
            (
                f'<rect class="bar" data-bucket="{escape(label)}" data-count="{count}" x="{x}" y="{base - size}" '
                f'width="{bar}" height="{size}" fill="{color}"/>'
            ),
            f'<text x="{x + bar / 2}" y="{base - size - 6}" text-anchor="middle">{count}</text>',
            f'<text x="{x + bar / 2}" y="{base + 18}" text-anchor="middle">{escape(label)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _table(sops: list[SopFreshness]) -> str:
    head = "".join(f"<th>{name}</th>" for name in ("Status", "Overdue", "SOP", "Owner", "Last change", "Commit", "Author", "Interval", "Path"))
    body = []
    for sop in sops:
        change = sop.last_change
        cells = [
            f'<td><span class="status" style="background:{_COLORS[sop.status]}">{sop.status.value}</span></td>',
            f'<td class="num">{sop.days_overdue}d</td>',
            f"<td>{escape(sop.id or '')}</td>",
            f"<td>{escape(sop.owner or '')}</td>",
            f"<td>{change.date.astimezone(UTC).date().isoformat() if change else ''}</td>",
            f"<td><code>{change.id[:10] if change else ''}</code></td>",
            f"<td>{escape(change.author) if change else ''}</td>",
            f'<td class="num">{sop.interval_days}d</td>',
            f"<td>{escape(sop.path)}</td>",
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>"


def escape(text: str) -> str:
    """Text of a file or of git as HTML: controls and surrogates as visible escapes first."""
    return _escape_html(visible(text))
