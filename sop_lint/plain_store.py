"""Plain Python values in a file that a damaged or foreign copy can never fool.

Used for everything sop-lint keeps between runs. Only builtins are stored (dicts,
lists, tuples, strings, numbers), read back by an unpickler that refuses every class,
behind a SHA-256 checksum and a header naming what wrote them; the file is written to
a temporary file and moved into place, so concurrent runs never read half of it. Any
doubt reads as "nothing stored", which only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

_MAGIC = b"sop-lint-store\n"


def load_plain(path: Path | None, header: tuple[Any, ...]) -> Any:
    """What `save_plain` stored at `path` under the same header, else None."""
    if path is None:
        return None
    try:
        raw = path.read_bytes()
        if not raw.startswith(_MAGIC):
            return None
        digest, payload = raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
        if hashlib.sha256(payload).digest() != digest:
            return None
        stored_header, value = _PlainUnpickler(io.BytesIO(payload)).load()
    except (OSError, pickle.UnpicklingError, ValueError, TypeError, EOFError):
        return None
    return value if tuple(stored_header) == header else None


def save_plain(path: Path, header: tuple[Any, ...], value: Any) -> None:
    """Stores `value`; a failure to write is ignored (the next run recomputes)."""
    import tempfile  # only runs that learnt something get here

    payload = pickle.dumps((header, value), protocol=pickle.HIGHEST_PROTOCOL)
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


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"only plain values are stored, not {module}.{name}")
