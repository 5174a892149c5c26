"""The writers' lock: one writer at a time, the others waiting their turn in the order they came.

A lock that is only polled (try, sleep, try again) lets a newcomer take it ahead of a writer that
has been waiting for a minute; with many writers some wait without end. So writers queue:

- `STORE.queue` holds a ticket counter (its first 8 bytes). A writer takes the next ticket under
  a short lock of those bytes and locks one byte of its own, at 8 + its ticket, for as long as it
  waits and writes.
- A writer's turn comes when no byte below its own is locked: every writer that came before has
  written or given up (or died: the system releases a dead process's locks). It waits for that
  in the system (a blocking lock of the range below its byte), so it wakes when its turn comes,
  not at its next poll. The deadline is an alarm where one can be set (the main thread on POSIX),
  else it polls the range every few milliseconds: the order is the same.
- Then it takes `STORE.lock`, the lock every shishi has taken (earlier versions only that one):
  free by then, unless an earlier shishi holds it.

The counter starts again from 0 when nobody holds a ticket. Byte-range locks belong to the
process on POSIX: two waits in one process do not queue behind each other (the second one still
waits for `STORE.lock`, which is per open file).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_COUNTER = 8  # bytes of the ticket counter, at the start of the queue file; tickets follow
_MAX_TICKET = 2**30  # beyond this the counter is not believed (and Windows locks count bytes in 32 bits)
POLL = 0.01  # seconds between looks, where a wait cannot block


class Expired(Exception):
    """The deadline passed before the writer's turn came."""


@contextlib.contextmanager
def hold(lock: Path, queue: Path, timeout: float, mode: int) -> Iterator[None]:
    """Hold the writers' lock of a store, waiting at most `timeout` seconds in arrival order.
    Expired when the wait runs out; OSError when the files cannot be made or locked. `mode`:
    the permissions of files made new."""
    deadline = time.monotonic() + timeout
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(queue, flags, mode)
    try:
        ticket = _take_ticket(fd, deadline)
        try:
            if ticket and not _wait(
                lambda: _range(fd, _COUNTER, ticket, shared=True),
                lambda: _range(fd, _COUNTER, ticket, shared=True, block=True),
                deadline,
            ):
                raise Expired
            _unlock(fd, _COUNTER, ticket)  # (the range below: only looked at)
            with _exclusive(lock, flags, mode, deadline):
                yield
        finally:
            _unlock(fd, _COUNTER + ticket, 1)
    finally:
        os.close(fd)


def _take_ticket(fd: int, deadline: float) -> int:
    """The next ticket, its byte locked; the counter moved on."""
    if not _wait(lambda: _range(fd, 0, _COUNTER), lambda: _range(fd, 0, _COUNTER, block=True), deadline):
        raise Expired
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        ticket = int.from_bytes(os.read(fd, _COUNTER).ljust(_COUNTER, b"\0"), "little")
        if not 0 <= ticket < _MAX_TICKET:
            ticket = 0
        elif ticket and _range(fd, _COUNTER, ticket, shared=True):  # nobody in the queue
            _unlock(fd, _COUNTER, ticket)
            ticket = 0
        while not _range(fd, _COUNTER + ticket, 1):  # only when the counter was lost
            ticket += 1
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, (ticket + 1).to_bytes(_COUNTER, "little"))
        return ticket
    finally:
        _unlock(fd, 0, _COUNTER)


@contextlib.contextmanager
def _exclusive(lock: Path, flags: int, mode: int, deadline: float) -> Iterator[None]:
    """STORE.lock, as every shishi takes it (filelock's way: flock, or Windows' first byte)."""
    while True:
        fd = os.open(lock, flags, mode)
        try:
            _take_whole(fd, deadline)
            if _same_file(fd, lock):
                break
            _unwhole(fd)  # removed or replaced meanwhile (by a lock library that cleans up): again
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        try:
            _unwhole(fd)
        finally:
            os.close(fd)


def _take_whole(fd: int, deadline: float) -> None:
    if not _wait(lambda: _whole(fd), lambda: _whole(fd, block=True), deadline):
        raise Expired


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


# --- waiting -----------------------------------------------------------------------------------


def _wait(attempt: Callable[[], bool], block: Callable[[], object], deadline: float) -> bool:
    """Take a lock by `deadline`: `attempt` tries without waiting, `block` waits in the system."""
    if attempt():
        return True
    blocked = _blocking(block, attempt, deadline)
    if blocked is not None:
        return blocked
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(POLL, left))
        if attempt():
            return True


class _Alarm(Exception):
    pass


def _blocking(block: Callable[[], object], attempt: Callable[[], bool], deadline: float) -> bool | None:
    """Wait in the system, an alarm ending the wait at `deadline`; None where no alarm can be set
    (not POSIX, not the main thread, or an alarm is set already: someone else's)."""
    import signal

    if sys.platform == "win32" or not hasattr(signal, "setitimer"):
        return None
    if signal.getitimer(signal.ITIMER_REAL)[0]:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        return False
    armed = True

    def ring(signum: int, frame: object) -> None:
        if armed:
            raise _Alarm

    try:
        previous = signal.signal(signal.SIGALRM, ring)
    except ValueError:  # not the main thread
        return None
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))  # (0 would mean: no alarm)
            block()
            return True
        finally:
            armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
    except _Alarm:
        return attempt()  # (it may have come at the last moment)


# --- the system's locks ------------------------------------------------------------------------

if sys.platform == "win32":
    import msvcrt

    def _range(fd: int, start: int, length: int, *, shared: bool = False, block: bool = False) -> bool:
        """Lock `length` bytes from `start` (Windows has no shared lock, and waits by polling)."""
        os.lseek(fd, start, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, length)
        except OSError:
            return False
        return True

    def _unlock(fd: int, start: int, length: int) -> None:
        if not length:
            return
        os.lseek(fd, start, os.SEEK_SET)
        with contextlib.suppress(OSError):  # (not locked)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, length)

    def _whole(fd: int, *, block: bool = False) -> bool:
        return _range(fd, 0, 1)

    def _unwhole(fd: int) -> None:
        _unlock(fd, 0, 1)

else:
    import fcntl

    _BUSY = (errno.EACCES, errno.EAGAIN)

    def _range(fd: int, start: int, length: int, *, shared: bool = False, block: bool = False) -> bool:
        """Lock `length` bytes from `start`; False if another process holds some (not waiting)."""
        how = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if block else fcntl.LOCK_NB)
        try:
            fcntl.lockf(fd, how, length, start, os.SEEK_SET)
        except OSError as error:
            if error.errno in _BUSY and not block:
                return False
            raise
        return True

    def _unlock(fd: int, start: int, length: int) -> None:
        if length:  # (a length of 0 would mean: to the end of any file)
            fcntl.lockf(fd, fcntl.LOCK_UN, length, start, os.SEEK_SET)

    def _whole(fd: int, *, block: bool = False) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        except OSError as error:
            if error.errno in _BUSY and not block:
                return False
            raise
        return True

    def _unwhole(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
