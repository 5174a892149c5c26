"""The `shishi` command line: options, where the store is, one call per layer, the error boundary."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from . import __version__, store
from .cli_help import Speaking, click_message, speak
from .errors import (
    EXIT_DATA,
    EXIT_USAGE,
    InputError,
    ShishiError,
    StoreError,
    Unchanged,
    UsageError,
    reason,
)
from .i18n import _, choose, from_locale
from .numbers import parse_number
from .plans import FieldChange
from .records import StoreRecord
from .text import literal


class ShishiCommand(Speaking, TyperCommand):
    """A shishi command."""


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
        debug = "--debug" in argv or os.environ.get("SHISHI_DEBUG", "") not in ("", "0")
        try:
            speak(choose(_lang_option(argv), os.environ), self)
        except ShishiError as first:  # a language shishi does not speak, or a missing catalog
            try:  # say so in the locale's language if that one works, else in English
                speak(from_locale(os.environ), self)
                choose(_lang_option(argv), os.environ)
                error = first
            except ShishiError as again:
                speak("en", self)
                error = again
            code = _fail(str(error), error.exit_code)
            if standalone_mode:
                sys.exit(code)
            return code
        for arg in argv:
            if any("\ud800" <= ch <= "\udfff" for ch in arg):  # undecodable bytes in argv
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                code = _fail(
                    _("argument {argument!r} is not valid UTF-8; type it again in UTF-8").format(
                        argument=shown
                    ),
                    EXIT_USAGE,
                )
                if standalone_mode:
                    sys.exit(code)
                return code
        try:
            code = super().main(
                args=argv,
                prog_name=prog_name or "shishi",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except Unchanged as error:  # e.g. the same figure entered twice by a retried cron job
            if "-q" not in argv and "--quiet" not in argv:
                print(literal(str(error)))
            code = 0
        except ShishiError as error:
            if debug:  # the traceback for a bug report; the exit status stays the contract's
                import traceback

                traceback.print_exc()
            for line in error.lines()[:-1]:
                _fail(line, error.exit_code)
            code = _fail(error.lines()[-1], error.exit_code)
        except typer.TyperException as error:  # click's usage errors: bad option, missing argument
            code = _usage_failure(error)
        except (typer.Abort, KeyboardInterrupt):
            code = _fail(_("interrupted"), 130)
        except BrokenPipeError:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            code = 0
        except Exception as error:  # a bug: say so in one line, keep the traceback for --debug
            if debug:
                import traceback

                traceback.print_exc()
            code = _fail(
                _("internal error ({error}); run again with --debug and report the traceback").format(
                    error=f"{type(error).__name__}: {error}"
                ),
                EXIT_DATA,
            )
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


_GLOBAL_OPTIONS = ("--store", "-q", "--quiet", "--debug", "--version", "--lang")


def _lang_option(argv: list[str]) -> str | None:
    """The value of a global --lang, read before click parses anything: help texts depend on it."""
    for at, arg in enumerate(argv):
        if arg == "--lang":
            return argv[at + 1] if at + 1 < len(argv) else ""
        if arg.startswith("--lang="):
            return arg[len("--lang=") :]
        if arg == "--store":
            continue
        if not arg.startswith("-") and (at == 0 or argv[at - 1] != "--store"):
            return None  # the command's own arguments begin
    return None


def _usage_failure(error: typer.TyperException) -> int:
    """Click's usage error as one line; two common slips get the sentence they deserve."""
    if type(error).__name__ == "NoArgsIsHelpError":  # `shishi` alone: the help, as it is
        sys.stderr.write(error.format_message() + "\n")
        return EXIT_USAGE
    option = getattr(error, "option_name", None) or ""
    context = getattr(error, "ctx", None)
    where = context.command_path if context is not None else "shishi"
    negative = option[:1] == "-" and option[1:2] in tuple("0123456789")
    if negative and where.endswith("add-progress"):  # "-5" as VALUE looks like an option
        return _fail(
            _("negative value {value!r}; progress and targets are 0 or more").format(value=option), EXIT_DATA
        )
    message = _("{message} (see '{command} --help')").format(message=click_message(error), command=where)
    if option in _GLOBAL_OPTIONS and where != "shishi":
        message += _("; global options such as {option} go before the command: shishi {option} ...").format(
            option=option
        )
    return _fail(message, getattr(error, "exit_code", EXIT_USAGE))


def _fail(message: str, code: int) -> int:
    sys.stderr.write(_("shishi: error: {message}").format(message=literal(_one_line(message))) + "\n")
    sys.stderr.flush()
    return code


def _one_line(text: str) -> str:
    return " ".join(text.split())


_APP_SETTINGS: dict[str, Any] = {
    "cls": ShishiGroup,
    "name": "shishi",
    "help": "Track a city's yearly practical projects (市办实事): targets, monthly progress, "
    "what is lagging and what is overdue.",
    "no_args_is_help": True,
    "add_completion": False,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}
app = typer.Typer(**_APP_SETTINGS)


class Format(str, Enum):
    table = "table"
    json = "json"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Settings:
    """What the global options say, for the commands."""

    def __init__(self, store_path: Path | None, quiet: bool) -> None:
        self._store_path = store_path
        self.quiet = quiet

    @property
    def store_path(self) -> Path:
        if self._store_path is None:
            from platformdirs import user_data_path

            self._store_path = user_data_path("shishi", appauthor=False) / "store.json"
        return self._store_path


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"shishi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    store_path: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="PATH",
            envvar="SHISHI_STORE",
            help="The store file. Default: $SHISHI_STORE, else shishi/store.json in your user data folder.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Say nothing when a change succeeds.")] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh|en",
            help="Language of tables, messages and help: zh (中文) or en. "
            "Default: $SHISHI_LANG, else the locale (LANG=zh_CN.UTF-8 is Chinese).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an error (or SHISHI_DEBUG=1).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Track a city's yearly practical projects (市办实事).

    \b
    Example:
      shishi --store examples/qingdao-2022.json report --month 6
      shishi lagging --month 6 || notify-office
    """
    ctx.obj = Settings(store_path, quiet)


# --- shared options ----------------------------------------------------------------------------

Year = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        help="The plan's year. Default: the latest plan in the store.",
        show_default=False,
    ),
]
Month = Annotated[
    int,
    typer.Option("--month", "-m", min=1, max=12, metavar="M", help="Month of the plan year, 1-12."),
]
OptionalMonth = Annotated[
    int | None,
    typer.Option(
        "--month",
        "-m",
        metavar="M",
        min=1,
        max=12,
        help="As of the end of this month (1-12). Default: the latest month with progress.",
        show_default=False,
    ),
]


def _now() -> str:
    """Time stamp of a change; SOURCE_DATE_EPOCH makes builds of a store reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isascii() and epoch.isdecimal():
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        moment = datetime.now().astimezone()
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _say(ctx: typer.Context, message: str) -> None:
    if not _settings(ctx).quiet:
        typer.echo(literal(message))


def _read(ctx: typer.Context) -> StoreRecord:
    return store.read_store(_settings(ctx).store_path)


def _edit(ctx: typer.Context, *, create: bool = False) -> Any:
    path = _settings(ctx).store_path
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                _("cannot create the folder {folder}: {reason}").format(
                    folder=path.parent, reason=reason(error)
                )
            ) from None
    return store.editing(path, create=create, timeout=_lock_timeout())


def _lock_timeout() -> float:
    """Seconds a writer waits for another one: SHISHI_LOCK_TIMEOUT, default 10."""
    text = os.environ.get("SHISHI_LOCK_TIMEOUT", "")
    if not text:
        return store.LOCK_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise UsageError(
            _("SHISHI_LOCK_TIMEOUT={value!r} is not a number of seconds").format(value=text),
            hint=_("e.g. 10"),
        )
    return seconds


def _parse_date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            _("{what} {value!r} is not a date").format(what=_(what), value=text),
            hint=_("write it as YYYY-MM-DD, e.g. 2022-11-30"),
        ) from None


def _points(text: str | None, what: str) -> Decimal | None:
    """A threshold option in points: a malformed one is a usage error (exit 2)."""
    if text is None:
        return None
    try:
        return parse_number(text, what)
    except InputError as error:
        raise UsageError(error.message, hint=_("give points as a number, e.g. 10")) from None


def _console(ctx: typer.Context) -> Any:
    from .render import make_console

    return make_console()


def _changes(changes: list[FieldChange]) -> str:
    """What an edit changed, as the render layer words it."""
    from .render import describe_changes

    return describe_changes(changes)


def _command_name(argv: list[str]) -> str | None:
    """The command a command line names, past the global options."""
    args = iter(argv)
    for arg in args:
        if arg == "--store":
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command `argv` names (all of them for help or a mistake).

    Typer builds every registered command's parameters on every run, about 3 ms each;
    a script calling `shishi add-progress` needs one.
    """
    name = _command_name(argv)
    wanted = [
        info
        for info in app.registered_commands
        if name and (info.name or (info.callback.__name__ if info.callback else "").replace("_", "-")) == name
    ]
    if not wanted:
        return app
    slim = typer.Typer(**_APP_SETTINGS)
    slim.registered_callback = app.registered_callback
    slim.registered_commands = wanted
    return slim


def main() -> NoReturn:
    """Console-script entry point."""
    # One short run over a store of up to a few hundred thousand objects that all live until
    # the end: the cyclic collector would only walk them again and again (about 5 % of a
    # report). Reference counting still frees everything that is dropped.
    gc.disable()
    try:
        app_for(sys.argv[1:])()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    # Everything is written and closed by now (the store with fsync, under a released lock):
    # leave without freeing a report's hundreds of thousands of objects one by one.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
    os._exit(code)


# The commands, by group; importing them registers them with `app`, in this order.
from . import cli_plan, cli_progress, cli_report, cli_transfer  # noqa: E402, F401, I001

for _info in app.registered_commands:
    _info.cls = ShishiCommand
