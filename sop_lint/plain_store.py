"""Plain values in a file that a damaged, foreign or forged copy can never fool.

Used for everything sop-lint keeps between runs. The file is a header naming what wrote it,
then the value, both as JSON, behind a SHA-256 checksum; it is written to a temporary file
and moved into place, so concurrent runs never read half of it. Any doubt reads as "nothing
stored", which only costs time.

The checksum only proves that the file was written whole, not by whom: anyone who can write
to `.git` can forge one. JSON is chosen because it cannot express what made a forged pickle
dangerous (objects shared or nested so that hashing or comparing them never ends or
overflows the stack, sizes that are announced rather than present, calls on the wrong
types): it holds dicts with text keys, lists, text, numbers, true, false and null, nested
to the interpreter's recursion limit at most. Callers still check the shape of what they
read (`load_plain` says which types can come back) and treat anything else as nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

_MAGIC = b"sop-lint-store 2\n"
# Far above what 100,000 files need; a larger file is not read into memory at all.
_MAX_BYTES = 1 << 29


def load_plain(path: Path | None, header: tuple[Any, ...]) -> Any:
    """What `save_plain` stored at `path` under the same header, else None. The value is
    made of dicts (text keys), lists, str, int, float (finite), bool and None only."""
    if path is None:
        return None
    try:
        raw = _read_regular(path)
        if raw is None or not raw.startswith(_MAGIC):
            return None
        digest, payload = raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
        stored_header, _, value = payload.partition(b"\n")
        if stored_header != _header_line(header) or hashlib.sha256(payload).digest() != digest:
            return None
        return json.loads(value, parse_constant=_refuse_constant)
    except (OSError, ValueError, RecursionError, MemoryError):  # ValueError covers bad JSON, UTF-8 and huge integers
        return None


def save_plain(path: Path, header: tuple[Any, ...], value: Any) -> None:
    """Stores `value` (JSON values; tuples are read back as lists); a failure to write is
    ignored (the next run recomputes)."""
    import tempfile  # only runs that learnt something get here

    payload = _header_line(header) + b"\n" + json.dumps(value, separators=(",", ":"), check_circular=False).encode()
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _read_regular(path: Path) -> bytes | None:
    """The file's bytes, unless it is no regular file (a FIFO would block, a link to a
    device never end) or too large to be ours."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return None
        raw = file.read(_MAX_BYTES + 1)
    return raw if len(raw) <= _MAX_BYTES else None


def _header_line(header: tuple[Any, ...]) -> bytes:
    return json.dumps(header, separators=(",", ":")).encode()  # ASCII: never a new line


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not stored")  # NaN and Infinity: JSON has no such numbers
