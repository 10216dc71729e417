"""A file's bytes as text, or a located problem that names the encoding at fault.

YAML 1.2 allows UTF-8, UTF-16 and UTF-32; a UTF-16 or UTF-32 file must start with its
byte order mark, so that it can be told apart from binary data, and a UTF-8 one may.
Positions count characters, as editors do, not bytes (see `lines`).
"""

from __future__ import annotations

import codecs

from sop_lint.reading.documents import LoadProblem, LoadProblemKind
from sop_lint.reading.lines import position_of

# The byte order marks YAML allows, with the codec that reads what follows each. Longest
# first: the UTF-32 little-endian mark starts with the UTF-16 one. `reading.edits` writes
# an edited file back through the same table, in its own encoding and byte order.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
)


# The first bytes of the marks: most files start with none of them, and are told by one test.
_MARK_STARTS = tuple({mark[:1] for mark, _ in BYTE_ORDER_MARKS})


def byte_order(raw: bytes) -> tuple[bytes, str]:
    """The file's byte order mark (b"" for none) and the codec of the text after it."""
    if not raw.startswith(_MARK_STARTS):
        return b"", "utf-8"
    return next(((mark, name) for mark, name in BYTE_ORDER_MARKS if raw.startswith(mark)), (b"", "utf-8"))


def decode(raw: bytes) -> str | LoadProblem:
    """The text after the byte order mark; positions count from there, as editors do."""
    mark, encoding = byte_order(raw)
    if encoding == "utf-8" and b"\0" in raw:
        return _binary(raw)
    body = raw[len(mark) :]
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8":
            family = encoding[:6].upper()  # UTF-16 or UTF-32, whichever byte order
            message = f"the file starts as {family} text but is not valid {family}: save it as UTF-8"
        else:
            bad = body[error.start : error.start + 1]
            guess = bad.decode("cp1252", errors="replace")
            message = (
                f"the file is not UTF-8 text: byte 0x{bad.hex()} here is not valid UTF-8 (in the Windows-1252 or "
                f"Latin-1 encoding it would be `{guess}`): save the file with UTF-8 encoding"
            )
        return _problem(message, body, error.start, encoding)


def _binary(raw: bytes) -> LoadProblem:
    start = raw.index(b"\0")
    if _looks_like_utf16(raw):
        message = "the file looks like UTF-16 text without a byte order mark: save it as UTF-8"
        return _problem(message, raw, 0, "utf-8-sig")
    message = (
        "the file holds a NUL byte here, so it is binary data, not YAML or Markdown text: "
        "if it belongs in the repository, move it out of the SOP folders or `exclude` it"
    )
    return _problem(message, raw, start, "utf-8-sig")


def _looks_like_utf16(raw: bytes) -> bool:
    """Text that is mostly ASCII has, in UTF-16, a NUL in every other byte and nowhere else."""
    sample = raw[:1024]
    if len(sample) < 4:
        return False
    halves = (sample[0::2], sample[1::2])
    low, high = sorted(half.count(0) / len(half) for half in halves)
    return low == 0 and high >= 0.75


def _problem(message: str, raw: bytes, start: int, encoding: str) -> LoadProblem:
    """`message` at the character that byte `start` begins."""
    before = raw[:start].decode(encoding, errors="replace")
    return LoadProblem(LoadProblemKind.INVALID_YAML, message, position_of(before, len(before)))
