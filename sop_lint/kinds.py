"""The two kinds of file an ops repository holds: processes and SOPs."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Equal to its value (`Kind.SOP == "sop"`), which is also what files declare in `kind:`
    and the name of the kind's schema."""

    PROCESS = "process"
    SOP = "sop"

    @property
    def noun(self) -> str:
        """How messages name one: "process", "SOP"."""
        return "SOP" if self is Kind.SOP else "process"

    @property
    def article(self) -> str:
        return "an SOP" if self is Kind.SOP else "a process"
