"""`SOP-Reviewed` trailers that name no SOP: a review someone meant to record and did not.

`SOP-Reviewed: scren-cvs` reviews nothing, in silence: the person believes the SOP is
reviewed, the report says otherwise. Such a trailer is worth telling only while it could
still matter: when it names (as a near typo) an SOP not reviewed since, or, naming
nothing recognisable, is more recent than one review interval.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from sop_lint.git.log import REVIEW_TRAILER, Commit
from sop_lint.kinds import Kind
from sop_lint.model.freshness import interval_days
from sop_lint.model.repository import Repository, Sop
from sop_lint.model.summary import ReviewFields


class StrayReview(NamedTuple):
    """`identifier` is what the trailer names; `meant`, the SOP it is a near typo of."""

    identifier: str
    commit: Commit
    meant: Sop | None

    def recorded(self) -> str:
        return f"commit {self.commit.id[:7]} of {self.commit.date.date().isoformat()} has `{REVIEW_TRAILER}: {self.identifier}`"


def stray_reviews(repository: Repository) -> list[StrayReview]:
    """The trailers naming no SOP that still matter (see the module's docstring), by id."""
    history = repository.history
    if history is None:
        return []
    window = timedelta(days=interval_days("", ReviewFields(), repository.config))
    strays = []
    for identifier, commit in sorted(history.reviews.items()):
        if identifier in repository.sop_ids:
            continue
        near = repository.closest_id(Kind.SOP, identifier)
        meant = repository.sop_ids[near][0] if near is not None else None
        if meant is not None and meant.freshness is not None and commit.date <= meant.freshness.reviewed_at:
            continue  # reviewed since: the slip no longer matters
        if meant is None and repository.now - commit.date > window:
            continue
        strays.append(StrayReview(identifier, commit, meant))
    return strays


def stray_note(strays: list[StrayReview]) -> str | None:
    """One line telling `strays`: what `stale` prints, and `check` for those no rule tells."""
    if not strays:
        return None
    told = [stray.recorded() + (f" (did you mean `{stray.meant.id}`?)" if stray.meant is not None else "") for stray in strays]
    names = "names" if len(strays) == 1 else "name"
    return f"{'; '.join(told)}, which {names} no SOP: record the review again with the SOP's id (`sop-lint review ID` prints how)"
