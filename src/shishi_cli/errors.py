"""The errors shishi raises, each with its exit status and a sentence for the user."""

from __future__ import annotations

import errno

from .i18n import N_, _, language

# Exit statuses are a contract with users' scripts (README, "Exit status").
EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_USAGE = 2
EXIT_DATA = 3


class ShishiError(Exception):
    """A problem the user can act on; the CLI prints `str(error)` on one line."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return _("{message}; {hint}").format(message=self.message, hint=self.hint)
        return self.message

    def lines(self) -> list[str]:
        """What the CLI prints, one line per problem."""
        return [str(self)]


class UsageError(ShishiError):
    """A bad option or argument value (exit 2)."""

    exit_code = EXIT_USAGE


class InputError(ShishiError):
    """A value the user typed that cannot be taken: a number, a unit, a stage (exit 3)."""


class NotFoundError(ShishiError):
    """An unknown plan, project, indicator or entry (exit 3)."""


class ConflictError(ShishiError):
    """Something that already exists or would break the plan (exit 3)."""


class StoreError(ShishiError):
    """The store file cannot be read, validated, locked or written (exit 3)."""


class Unchanged(ShishiError):
    """The change asked for is there already: a success that writes nothing (exit 0)."""

    exit_code = EXIT_OK


# What the system says about a file, for the errors a user meets (the C library words them in
# English whatever the locale, as Python leaves LC_MESSAGES alone).
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
}


def reason(error: OSError) -> str:
    """Why a file operation failed, in the interface language where shishi knows the words."""
    known = _OS_REASONS.get(error.errno or 0)
    if known is not None and language() != "en":
        return _(known)
    return error.strerror or str(error)
