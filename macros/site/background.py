"""Work done on a second core while the build goes on: a forked child computes a value and
hands it back through a pipe (pickled), with the warnings it logged.

The open-data files, the calendars and the search files need seconds at national size and
nothing from the pages; the pages need only the open-data files' sizes (on one page).
Forking is used only where it is safe and useful: a POSIX system, more than one core, a
single thread (not under `mkdocs serve`, whose server runs threads). A child that fails
gives no value: the work is then done again in this process, so its error is raised where
it would have been without the child.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import select
import signal
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Records(logging.Handler):
    """The child's warnings, sent back so the parent logs them (strict builds count them)."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)

    @classmethod
    def instead_of_output(cls, level: int = logging.WARNING) -> Records:
        """In a child: every logger's records from `level` on are kept here, none printed
        (the parent prints and counts them)."""
        handler = cls(level)
        for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
            if isinstance(logger, logging.Logger):
                logger.handlers, logger.propagate = [], True
        logging.getLogger().addHandler(handler)
        return handler


def log_again(records: list[logging.LogRecord]) -> None:
    """A child's records, logged here as if they had happened here."""
    for record in records:
        logging.getLogger(record.name).handle(record)


class WorkQueue:
    """Places 0..n-1 in a pipe written before a fork: each process that inherits it takes
    the next one with `take()` (four-byte reads from a pipe are whole), so work is shared
    by whoever is free first. At most CAPACITY places (the pipe is written at once)."""

    CAPACITY = 16_000  # four bytes a place in a pipe of 64 KiB

    def __init__(self, count: int) -> None:
        if count > self.CAPACITY:
            raise ValueError(f"a queue holds at most {self.CAPACITY} places")
        self.read_end, write_end = os.pipe()
        os.write(write_end, b"".join(place.to_bytes(4, "big") for place in range(count)))
        os.close(write_end)  # an empty queue reads as its end

    def take(self) -> int | None:
        data = os.read(self.read_end, 4)
        return int.from_bytes(data, "big") if data else None

    def __iter__(self) -> Iterator[int]:
        while (place := self.take()) is not None:
            yield place

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.read_end)


def can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class Background(Generic[T]):
    """`Background(work).result()` is `work()`, made in a forked child when can_fork()."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self.pid = 0
        if can_fork():
            self.read_end, write_end = os.pipe()
            self.pid = os.fork()
            if self.pid == 0:  # the child: never returns into the build
                os.close(self.read_end)
                _child(work, write_end)
            os.close(write_end)
            # a build that fails before asking for the result stops the child
            self._stop = weakref.finalize(self, _stop, self.pid, self.read_end)

    def ready(self) -> bool:
        """Whether result() would return without waiting for the child."""
        return not self.pid or bool(select.select([self.read_end], [], [], 0)[0])

    def result(self) -> T:
        if not self.pid:
            return self.work()
        self._stop.detach()
        try:
            with os.fdopen(self.read_end, "rb") as pipe:
                value, records = pickle.load(pipe)  # read as it comes: never the whole of it twice
        except Exception:  # noqa: BLE001 - the child died or failed: do the work here
            return self.work()
        finally:
            os.waitpid(self.pid, 0)
            self.pid = 0
        log_again(records)
        return value


def _stop(pid: int, read_end: int) -> None:
    os.close(read_end)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _child(work: Callable[[], object], write_end: int) -> None:
    status = 1
    try:
        # what the child inherits (the registry, the views) is never garbage: left out of
        # its collections, which would walk all of it again and again (a tenth of its time
        # at national size) and copy the pages they touch
        gc.freeze()
        handler = Records.instead_of_output()
        value = work()
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump((value, handler.records), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, no MkDocs: the parent carries on
