"""Each file's summary alone, for a command that reports no findings (`stale`).

`stale` needs of each SOP only what the model keeps of it (id, title, owner, review
fields): a file the cache lacks is parsed, summarized and masked as `check_files` does,
but neither validated against the schema nor given to the file rules, nor its
instructions read (a fifth of a cold check's time, against about half for those). Its
summary is the one `check` would keep, so the report is the same; since it lacks the
file's findings, it is not put in the cache.
"""

from __future__ import annotations

from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.engine.cache import blob_id, open_cache
from sop_lint.engine.file_checks import CheckedFile, results_key
from sop_lint.engine.masking import masked_summary, masking_of
from sop_lint.engine.sources import Source
from sop_lint.kinds import Kind
from sop_lint.model.summary import FileSummary, summarize
from sop_lint.reading.discovery import SourceFile
from sop_lint.reading.documents import Document, LoadProblem
from sop_lint.reading.loader import document_of, parse_document, syntax_of
from sop_lint.reading.suppressions import Suppressions
from sop_lint.reading.yaml_parsers import Composer
from sop_lint.rules.support.credentials import find_credentials


def summarize_files(
    source: Source, files: list[SourceFile], config: Config, *, cache_path: Path | None = None, compose: Composer | None = None
) -> list[CheckedFile]:
    """Every file with its summary and no problems, in order: from the cache when it knows
    the file, else from a parse. The source is the work tree (its files are bytes)."""
    cache = open_cache(cache_path, results_key(config))
    checked = []
    for file, content in zip(files, source.contents(files, config), strict=True):
        if isinstance(content, LoadProblem):  # the file was not read: it holds no SOP
            document = document_of(file.path, content)
            checked.append(CheckedFile(document, summarize(document, file.expected_kind), [], Suppressions()))
            continue
        assert isinstance(content, bytes), "only a work tree's files are summarized"
        blob = blob_id(content, source.object_format)
        lf_blob = blob_id(content.replace(b"\r\n", b"\n"), source.object_format) if b"\r\n" in content else None
        cached = cache.get((file.path, file.expected_kind.value, blob))
        if cached is not None:
            document = Document(path=file.path, syntax=syntax_of(file.path), suppressions=cached.suppressions)
            checked.append(CheckedFile(document, cached.summary, [], cached.suppressions, blob, lf_blob))
            continue
        document = parse_document(file.path, content, compose, positions=False)
        summary = _summary(document, file.expected_kind, config)
        checked.append(CheckedFile(document, summary, [], document.suppressions, blob, lf_blob))
    return checked


def _summary(document: Document, expected_kind: Kind, config: Config) -> FileSummary:
    """The summary `check_files` keeps, but for what only the rules read (the tools an SOP's
    instructions name), with the file's credentials masked as there."""
    summary = summarize(document, expected_kind, instructions=False)
    masking = masking_of(find_credentials(document.text, config.file_settings.placeholders)) if summary.readable else None
    return summary if masking is None else masked_summary(summary, masking)
