"""Replacing a file whole: a temporary beside it, flushed and fsynced, renamed over it."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, UsageError, reason
from .i18n import _


def replace_file(
    path: Path,
    write: Callable[[BinaryIO], object],
    *,
    mode: int | None = None,
    sync_folder: bool = True,
) -> None:
    """Write `path` through `write`; a reader sees the old file or the new one, never half.

    A symlink is written through (the link stays a link). On any failure the temporary is
    removed and the old file left as it was; OSError reaches the caller. `mode` gives a new
    file's permissions (default: an existing file's, else 0666 less the umask); without
    `sync_folder` the rename is made durable by the caller's next fsync of the same folder.
    """
    import tempfile  # only a writer needs it (and its `random`): 3 ms off every read

    real = Path(os.path.realpath(path))
    fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, file_mode(real) if mode is None else mode)
        os.replace(tmp, real)
        if sync_folder:
            fsync_folder(real.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def file_mode(real: Path) -> int:
    """Keep an existing file's permissions; a new one gets the usual 0666 less the umask."""
    try:
        return real.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_output(
    path: Path, content: bytes | Callable[[BinaryIO], object], *, protected: Iterable[Path] = ()
) -> None:
    """A file the user asked for (an export, a bulletin, a picture): `content`, or what `content`
    writes, replaced whole; InputError saying why when it cannot be written.

    `protected` are the files and folders no output may land on or in (the store, its backups,
    its lock), however the path reaches them: relative, through symlinks or as a hard link.
    """
    refuse_protected(path, protected)
    write = content if callable(content) else (lambda handle: handle.write(content))
    try:
        if _special(path):  # /dev/null, a named pipe, /dev/stdout: written into, never replaced
            with open(path, "wb") as handle:
                write(handle)
        else:
            replace_file(path, write)
    except OSError as error:
        raise InputError(
            _("cannot write {path}: {reason}").format(path=path, reason=reason(error)),
            hint=_("the file was not changed"),
        ) from None


def _special(path: Path) -> bool:
    """An existing file that is not a regular one (a device, a pipe, a socket): renaming a file
    over it would replace it, for everyone (/dev/null for the whole system)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def refuse_protected(path: Path, protected: Iterable[Path]) -> None:
    """UsageError when `path` is, or lies inside, one of `protected`."""
    target = Path(os.path.realpath(path))
    for guarded in protected:
        real = Path(os.path.realpath(guarded))
        same = target == real or real in target.parents
        if not same and target.exists() and real.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(target, real)  # a hard link to the store
                if not same and real.is_dir():  # or to a file kept inside a guarded folder
                    same = any(os.path.samefile(target, kept) for kept in real.iterdir() if kept.is_file())
        if same:
            raise UsageError(
                _("{file} is the store itself, or one of its backups, its lock or its versions").format(
                    file=path
                ),
                hint=_("write elsewhere"),
            )
