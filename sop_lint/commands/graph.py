"""`sop-lint graph`: processes as flowcharts, so a person can look rather than read.

Each process is a box of its own: its trigger, its steps in order, its outcome. A step
points to the SOP that explains it (dashed), or to the trigger of the sub-process it
runs. Mermaid renders in GitHub and GitLab Markdown; DOT is for Graphviz.
"""

from __future__ import annotations

from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.model.flows import Flow, flow_of
from sop_lint.reading.discovery import discover
from sop_lint.reading.files import read_source
from sop_lint.reading.loader import document_of


def read_flows(root: Path, config: Config) -> dict[str, Flow]:
    """Every readable process with an id, by id (the first file wins a duplicate id)."""
    flows: dict[str, Flow] = {}
    for file in discover(root, config):
        flow = flow_of(document_of(file.path, read_source(root, file, config.max_file_size)), file.expected_kind)
        if flow is not None and flow.id not in flows:
            flows[flow.id] = flow
    return flows


