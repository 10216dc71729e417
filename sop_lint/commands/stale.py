"""`sop-lint stale`: every SOP's review status, most overdue first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.engine.file_checks import check_files
from sop_lint.engine.linting import _with_history
from sop_lint.git.codeowners import read_codeowners
from sop_lint.git.history import SnapshotLoader
from sop_lint.model.freshness import SopReview, review_of
from sop_lint.model.repository import build_repository
from sop_lint.reading.discovery import discover


def review_report(
    root: Path, config: Config, now: datetime, *, cache_path: Path | None, history_store: Path | None, allow_shallow: bool
) -> list[SopReview]:
    """Every SOP's review status (`sop-lint stale`), most overdue first."""
    loader = SnapshotLoader(root, store=history_store, allow_shallow=allow_shallow)
    files = discover(root, config)
    checked, history = _with_history(lambda workers: check_files(root, files, config, cache_path=cache_path, workers=workers), loader, None)
    assert history is not None
    repository = build_repository(config, [(file.document, file.summary) for file in checked], history, now)
    codeowners = read_codeowners(history.work_tree)
    reviews = [review_of(sop, history, config, now, codeowners.owner_of(loader.prefix + sop.path)) for sop in repository.sops]
    return sorted(reviews, key=lambda review: (-review.days_overdue, review.path))
