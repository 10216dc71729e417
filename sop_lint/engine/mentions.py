"""The model of the files that may name some ids: what a rename asks of the repository,
for a byte scan of every file and a parse of a few.

A rename asks the model three things: which file has the id OLD, whether one has the id
NEW, and which steps name OLD. Each answer is a file whose YAML value is that id, and a
value spells its text in the file's bytes, whole, but in two cases: an escape in a
double-quoted value (`"schedule\\x2dpost"`, or a `\\` that joins two lines), and a UTF-16
or UTF-32 file (after its byte order mark; any other file is UTF-8 or is no document).
An id holds no space nor line break, so no folding of lines can make one; an alias
repeats its anchor's text, in the same file; a date is rewritten in ISO form only with a
time, which no id holds. So a file whose bytes hold neither id, no backslash and no such
mark names neither id, and the model of the files `may_name` keeps gives the same three
answers as the whole repository's: the same files, in the same order, summarized by the
same code (`engine.summaries`) and linked by the same code (`model.repository`). Only the
repository's other ids are missing, which a rename needs only to say what OLD may have
been meant to be, when no file has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sop_lint.config.settings import Config
from sop_lint.engine.file_checks import CheckedFile
from sop_lint.engine.loading import Loaded, RunOptions
from sop_lint.engine.sources import Overlay, Source, StoredBlob
from sop_lint.engine.summaries import summarize_files
from sop_lint.model.repository import build_repository
from sop_lint.reading.decoding import byte_order
from sop_lint.reading.documents import Document

# Opening the cache reads every file's entry, which costs about a tenth of parsing that
# file (0.5 s against 0.3 to 0.45 ms a file, for 12,000 files): parsing the files that
# may name the ids is cheaper while they are fewer than a tenth of all files.
_PARSES_PER_CACHE_ENTRY = 10


@dataclass(frozen=True)
class Naming(Loaded):
    """The model of the files that may name the ids, and what was read to make it: each
    such file's bytes (`read`), and its document where it was parsed here rather than taken
    from the cache (`parsed`). A rename edits those files from them, with no second read
    or parse: the bytes it edits are those the model was made of."""

    read: dict[str, bytes] = field(default_factory=dict)
    parsed: dict[str, Document] = field(default_factory=dict)


def may_name(raw: bytes, ids: Iterable[bytes]) -> bool:
    """Whether a file's bytes may hold one of `ids` (encoded) as a value: see the module's
    docstring for why no other file can."""
    for identifier in ids:  # a loop, not `any()`: this runs on every file
        if identifier in raw:
            return True
    return b"\\" in raw or byte_order(raw)[1] != "utf-8"


def load_naming(source: Source, config: Config, ids: Iterable[str], options: RunOptions = RunOptions()) -> Naming:
    """The files that may name one of `ids` (every file in the work tree is read), each with
    its summary, and the model built from them alone: without history, and without the
    file rules' problems. A file known by its blob id alone (one a sparse checkout leaves
    out) is not read to be scanned: it may name them. The cache in `options` is read only
    when the files that may are many."""
    files = source.files(config)
    contents = source.contents(files, config)
    needles = [identifier.encode() for identifier in ids]
    kept = {
        file.path: content
        for file, content in zip(files, contents, strict=True)
        if isinstance(content, bytes) and may_name(content, needles)
    }
    chosen = [file for file, content in zip(files, contents, strict=True) if file.path in kept or isinstance(content, StoredBlob)]
    many = len(chosen) * _PARSES_PER_CACHE_ENTRY > len(files)
    parsed: dict[str, Document] = {}
    checked: list[CheckedFile] = summarize_files(
        Overlay(source, kept), chosen, config, cache_path=options.cache if many else None, workers=None if many else 1, parsed=parsed
    )
    repository = build_repository(config, [(file.document, file.summary) for file in checked])
    return Naming(checked, repository, read=kept, parsed=parsed)
