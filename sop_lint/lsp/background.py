"""Work off the main thread, which reads the editor's messages and answers them.

A lint, a parse of a large document, or the plan of a rename runs in a daemon thread of
its own: the editor's requests are answered meanwhile, and when the editor says `exit`
the process ends at once, without waiting for the work (a thread pool's threads are
waited for at exit; daemon threads are not).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_background(work: Callable[[], T]) -> asyncio.Future[T]:
    """`work()` in a daemon thread, as a future of the running event loop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():  # the awaiting task was cancelled: nobody wants the result
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]  # None only with an error

    def run() -> None:
        try:
            result, error = work(), None
        except Exception as raised:
            result, error = None, raised
        with contextlib.suppress(RuntimeError):  # the loop is closed: the server is exiting
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="sop-lint work", daemon=True).start()
    return future
