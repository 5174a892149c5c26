"""The single error boundary, and the one parser of the global options that comes before click.

Every failure of a command becomes one line on stderr and an exit status here. The language
(--lang), --debug and --quiet are needed before click parses the command line (help texts
depend on the language; the boundary itself on --debug and --quiet), so they are read once by
`parse_command_line`, which knows which global options take a value.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple

import typer
from typer.core import TyperGroup

from ..errors import EXIT_DATA, EXIT_USAGE, ShishiError, StoreError, Unchanged, UsageError, reason
from ..i18n import MissingCatalog, UnknownLanguage, _, choose, from_locale
from ..text import inline, literal
from .help import Speaking, click_message, speak

# The global options (they go before the command), by whether they take a value.
VALUE_OPTIONS = ("--store", "--lang")
FLAG_OPTIONS = ("-q", "--quiet", "--debug", "--version", "-h", "--help")


class CommandLine(NamedTuple):
    """What the global options say, and the command they are followed by."""

    lang: str | None = None
    quiet: bool = False
    debug: bool = False
    command: str | None = None


def parse_command_line(argv: Sequence[str]) -> CommandLine:
    """The global options before the command; the first other argument is the command's name."""
    lang: str | None = None
    quiet = debug = False
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if name in VALUE_OPTIONS and arg.startswith("--"):
            if not equals:
                value = next(args, "")
            if name == "--lang":
                lang = value
        elif arg in ("-q", "--quiet"):
            quiet = True
        elif arg == "--debug":
            debug = True
        elif arg.startswith("-"):
            continue  # --version, --help or a mistake: click says which
        else:
            return CommandLine(lang, quiet, debug, arg)
    return CommandLine(lang, quiet, debug, None)


def _language_error(error: UnknownLanguage | MissingCatalog) -> ShishiError:
    if isinstance(error, UnknownLanguage):
        return UsageError(
            _("{where} {value!r} is not a language shishi speaks").format(
                where=error.where, value=error.value
            ),
            hint=_("use zh (中文) or en (English)"),
        )
    # Said in English: without its catalog, the language asked for cannot say it.
    return StoreError(
        f"the {error.lang} message catalog is missing from {error.folder}", hint="reinstall shishi"
    )


class ShishiGroup(Speaking, TyperGroup):
    """The single error boundary: every failure becomes one line on stderr and an exit status."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        line = parse_command_line(argv)
        debug = line.debug or os.environ.get("SHISHI_DEBUG", "") not in ("", "0")
        code = self._run(argv, line, debug, prog_name, complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self, argv: list[str], line: CommandLine, debug: bool, prog_name: str | None,
        complete_var: str | None, **extra: Any,
    ) -> int:  # fmt: skip
        try:
            speak(choose(line.lang, os.environ), self)
        except (UnknownLanguage, MissingCatalog) as first:  # said in the locale's language if it works
            try:
                speak(from_locale(os.environ), self)
            except MissingCatalog:
                speak("en", self)
            error = _language_error(first)
            return fail(str(error), error.exit_code)
        for arg in argv:
            if any("\ud800" <= ch <= "\udfff" for ch in arg):  # undecodable bytes in argv
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                message = _("argument {argument!r} is not valid UTF-8; type it again in UTF-8")
                return fail(message.format(argument=shown), EXIT_USAGE)
        try:
            code = super().main(
                args=argv,
                prog_name=prog_name or "shishi",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except Unchanged as error:  # e.g. the same figure entered twice by a retried cron job
            if not line.quiet:
                with contextlib.suppress(OSError):  # nothing changed: its message is all there is
                    print(inline(str(error)))
            code = 0
        except ShishiError as error:
            if debug:  # the traceback for a bug report; the exit status stays the contract's
                import traceback

                traceback.print_exc()
            for text in error.lines()[:-1]:
                fail(text, error.exit_code)
            code = fail(error.lines()[-1], error.exit_code)
        except typer.TyperException as error:  # click's usage errors: bad option, missing argument
            known = line.command if line.command in self.commands else None
            code = _usage_failure(error, known)
        except (typer.Abort, KeyboardInterrupt):
            code = fail(_("interrupted"), 130)
        except BrokenPipeError:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            code = 0
        except OSError as error:  # files are worded where they are opened: this is the output
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the flush at exit would fail again
            code = fail(_("cannot write the output: {reason}").format(reason=reason(error)), EXIT_DATA)
        except Exception as error:  # a bug: say so in one line, keep the traceback for --debug
            if debug:
                import traceback

                traceback.print_exc()
            code = fail(
                _("internal error ({error}); run again with --debug and report the traceback").format(
                    error=f"{type(error).__name__}: {error}"
                ),
                EXIT_DATA,
            )
        return code if isinstance(code, int) else 0


def _usage_failure(error: typer.TyperException, command: str | None = None) -> int:
    """Click's usage error as one line; two common slips get the sentence they deserve."""
    if type(error).__name__ == "NoArgsIsHelpError":  # `shishi` alone: the help, as it is
        sys.stderr.write(error.format_message() + "\n")
        return EXIT_USAGE
    option = getattr(error, "option_name", None) or ""
    context = getattr(error, "ctx", None)
    where = context.command_path if context is not None else "shishi"
    if where == "shishi" and command is not None and option not in ("-h", "--help"):
        # click says a command's option without its value (`report --month`) in the group's context
        where = f"shishi {command}"
    negative = option[:1] == "-" and option[1:2] in tuple("0123456789")
    if negative and where.endswith("add-progress"):  # "-5" as VALUE looks like an option
        return fail(
            _("negative value {value!r}; progress and targets are 0 or more").format(value=option), EXIT_DATA
        )
    message = _("{message} (see '{command} --help')").format(message=click_message(error), command=where)
    if option in VALUE_OPTIONS + FLAG_OPTIONS and option not in ("-h", "--help") and where != "shishi":
        message += _("; global options such as {option} go before the command: shishi {option} ...").format(
            option=option
        )
    return fail(message, getattr(error, "exit_code", EXIT_USAGE))


def fail(message: str, code: int) -> int:
    """Say `message` as shishi's one error line on stderr; `code` back, for the exit status."""
    sys.stderr.write(_("shishi: error: {message}").format(message=literal(" ".join(message.split()))) + "\n")
    sys.stderr.flush()
    return code
