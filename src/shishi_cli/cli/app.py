"""The Typer app: its global options, the option types commands share, and the helpers every
command uses (where the store is, reading it, changing it, saying things, writing files).

Command modules import this one; it imports none of them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .. import __version__, store, years
from ..errors import InputError, StoreError, UsageError, reason
from ..i18n import _
from ..numbers import parse_bands, parse_number
from ..records import StoreRecord
from ..rules import PROJECT_NUMBER_MAX, PROJECT_NUMBER_MIN
from ..text import inline
from .boundary import ShishiGroup

if TYPE_CHECKING:
    from ..compare import Mark, Outside
    from ..numbers import Ladder
    from ..plans import FieldChange
    from ..render import Out
    from ..rules import Band
    from ..said import Said
    from ..versions import Version

APP_SETTINGS: dict[str, Any] = {
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


def command_group() -> typer.Typer:
    """The Typer of one command module, whose commands the app takes in as its own."""
    return typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)


class GlobalOptions:
    """What the global options say, for the commands."""

    def __init__(self, store_path: Path | None, quiet: bool) -> None:
        self._store_path = store_path
        self.quiet = quiet
        self.noted = False  # a change made outside shishi is noted once a run

    @property
    def store_path(self) -> Path:
        if self._store_path is None:
            from platformdirs import user_data_path

            self._store_path = user_data_path("shishi", appauthor=False) / "store.json"
        return self._store_path


def _version(value: bool) -> None:
    if value:
        typer.echo(f"shishi {__version__}")
        raise typer.Exit()


def main_options(
    ctx: typer.Context,
    store_path: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="PATH",
            envvar="SHISHI_STORE",
            help="The store file (its years' files are in PATH.years beside it). Default: $SHISHI_STORE, "
            "else shishi/store.json in your user data folder.",
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
    ctx.obj = GlobalOptions(store_path, quiet)


def new_app() -> typer.Typer:
    """An empty app with shishi's settings and global options; commands are added to it."""
    app = typer.Typer(**APP_SETTINGS)
    app.callback()(main_options)
    return app


# --- option types commands share ---------------------------------------------------------------


class Format(str, Enum):
    table = "table"
    json = "json"


class Mode(str, Enum):
    points = "points"
    relative = "relative"
    bands = "bands"


ModeOption = Annotated[
    Mode | None,
    typer.Option(
        "--mode",
        help="How progress is judged against 时序进度: points (the gap in percentage points), relative "
        "(the shortfall in percent of the expected percent) or bands (absolute percents of target, "
        "--bands).",
        show_default=False,
    ),
]
BandsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--bands",
        metavar="SETS",
        help="Bands of percent of target for the bands mode (implies --mode bands): "
        "ahead>=80,on_track>=60 for the year, and yellow>=40 below which lagging is red; or a set "
        "from each month on: 1:ahead>=30,on_track>=20;7:ahead>=80,on_track>=60.",
        show_default=False,
    ),
]


def mode_of(mode: Mode | None, given_bands: list[Band] | None, *, judging: bool = False) -> str | None:
    """The mode an option asks for: --bands alone means the bands mode. `judging`: for a report,
    which judges by one mode, so that bands given for another would be ignored (set-thresholds
    keeps bands beside another mode, for a report that asks for them)."""
    if mode is None and given_bands is not None:
        return "bands"
    if judging and mode is not None and mode.value != "bands" and given_bands is not None:
        raise UsageError(
            _("--bands is for the bands mode, not --mode {mode}").format(mode=mode.value),
            hint=_("leave out --bands, or give --mode bands"),
        )
    return None if mode is None else mode.value


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


Year = Annotated[
    int | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        help="The plan's year. Default: the latest plan in the store.",
        show_default=False,
    ),
]


def month_type() -> Any:
    """--month as offices write it: 9, 9月, 九月, 1-9月; out of 1-12 it is refused as before."""
    from typer._click.types import IntRange

    from ..numbers import month_of

    class MonthRange(IntRange):
        name = "integer"  # as click says of a plain number option: "is not a valid integer"

        def convert(self, value: Any, param: Any, ctx: Any) -> Any:
            found = month_of(value) if isinstance(value, str) else None
            if found is not None and found[0] is None:  # (a year would say which plan: --year does)
                value = found[1]
            return super().convert(value, param, ctx)

    return MonthRange(1, 12)


def project_type() -> Any:
    """A project's number as offices write it: 8, 第8件, 第八件 (numbers.project_number_of); out of
    range it is refused as any number is."""
    from typer._click.types import IntRange

    from ..numbers import project_number_of

    class ProjectRange(IntRange):
        name = "integer"

        def convert(self, value: Any, param: Any, ctx: Any) -> Any:
            found = project_number_of(value) if isinstance(value, str) else None
            return super().convert(value if found is None else found, param, ctx)

    return ProjectRange(PROJECT_NUMBER_MIN, PROJECT_NUMBER_MAX)


Month = Annotated[
    int,
    typer.Option(
        "--month", "-m", click_type=month_type(), metavar="M", help="Month of the plan year, 1-12 (or 9月)."
    ),
]
OptionalMonth = Annotated[
    int | None,
    typer.Option(
        "--month",
        "-m",
        metavar="M",
        click_type=month_type(),
        help="As of the end of this month (1-12, or 6月). Default: the latest month with progress.",
        show_default=False,
    ),
]
Projects = Annotated[
    list[int] | None,
    typer.Option(
        "--project",
        "-p",
        metavar="N",
        click_type=project_type(),
        help="Only this project (repeatable; 8 or 第8件).",
    ),
]
Owners = Annotated[
    list[str] | None,
    typer.Option(
        "--owner",
        metavar="DEPT",
        help="Only indicators of this department, by its full name or a short name (repeatable).",
    ),
]
RegionFilter = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="REGION",
        help="Only indicators broken down by region, each as this region's share and figures.",
    ),
]


def _status_values(values: list[str] | None) -> list[str] | None:
    """--status as the report words it too (滞后, 正常推进; on track): its value in the contract
    (lagging, on_track). A word of neither is left for the query to refuse, naming the values."""
    if not values:
        return values
    from ..render.words import STATUS_WORDS

    status_of = {}
    for status, word in STATUS_WORDS.items():
        status_of[word] = status_of[_(word)] = status
    # "滞后（红灯）", "lagging (red)": as the report shows it, the light beside the status
    return [status_of.get(re.split(r"\s*[（(]", value.strip(), maxsplit=1)[0], value) for value in values]


Statuses = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        callback=_status_values,
        help="Only this status (repeatable): met, ahead, on_track, lagging, overdue, no_data, in_progress, "
        "breached (or as the report words it: 滞后, 正常推进 …).",
    ),
]


# --- helpers -----------------------------------------------------------------------------------


def options(ctx: typer.Context) -> GlobalOptions:
    obj = ctx.find_root().obj
    assert isinstance(obj, GlobalOptions)
    return obj


def now() -> str:
    """Time stamp of a change; SOURCE_DATE_EPOCH makes builds of a store reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isascii() and epoch.isdecimal():
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        moment = datetime.now().astimezone()
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def say(ctx: typer.Context, message: str | list[str]) -> None:
    """A change's message on stdout, unless --quiet: one line (a list: a line each), in which
    user text cannot start a line of its own or reach the terminal as a control. The change is
    made by then: output that cannot be written (a full disk) does not make it a failure a
    script would run again."""
    if options(ctx).quiet:
        return
    try:
        typer.echo("\n".join(map(inline, [message] if isinstance(message, str) else message)))
    except BrokenPipeError:
        raise
    except OSError as error:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the flush at exit would fail again
        with contextlib.suppress(OSError):
            note = _("the change is made, but its message could not be written: {reason}")
            typer.echo(
                _("shishi: note: {message}").format(message=note.format(reason=reason(error))), err=True
            )


def read(ctx: typer.Context) -> StoreRecord:
    """The store, validated, for a command that only looks."""
    loaded = store.load(options(ctx).store_path)
    if loaded.changed_outside:
        note(ctx, _outside_note(options(ctx).store_path))
    ctx.call_on_close(lambda: _copies_note(ctx, store.read_from_copies(loaded.store, loaded.found), False))
    if loaded.damaged:
        ctx.call_on_close(lambda: damage_note(ctx, loaded.damaged, loaded.store))
    return kept(loaded.store)


def damage_note(ctx: typer.Context, damaged: dict[str, StoreError], data: StoreRecord | None = None) -> None:
    """Say which years' files are damaged, when the command did not need them (one that did
    was refused, and said why)."""
    refused: set[str] = getattr(data["plans"], "refused", set()) if data is not None else set()
    for key, damage in sorted(damaged.items()):
        if key not in refused:
            message = _(
                "{damage}; the {year} plan is left aside, and only what needs it is refused until "
                "the file is mended: {mend}"
            )
            tell(
                ctx,
                message.format(
                    damage=damage.message, year=key, mend=store.mend_text(options(ctx).store_path)
                ),
            )


def _copies_note(ctx: typer.Context, keys: list[str], written: bool) -> None:
    """Say which years' plans were read from their kept copies (their own files missing, or
    left ahead by a change cut short), and whether this run wrote the files again."""
    if not keys:
        return
    folder = years.folder_of(options(ctx).store_path)
    if written:
        message = _(
            "the file of the {years} plan in {folder} was missing or not the one the store names; "
            "its kept copy was read and the file written again"
        )
    else:
        message = _(
            "the file of the {years} plan in {folder} is missing or not the one the store names; "
            "its kept copy was read, and the next change writes the file again ('shishi check' says "
            "more; to go back to an earlier version on purpose: shishi versions, then shishi restore N)"
        )
    tell(ctx, message.format(years=_(", ").join(keys), folder=folder))


# What a run of the console script read and worked out, held until the process ends: it leaves
# by os._exit (cli.main), and what a command drops when it returns would otherwise be freed object
# by object first (a store of 600,000 entries and its report: about a tenth of a second). None:
# the app is run some other way (tests, a caller of its own), and nothing is held.
_held: list[object] | None = None
_T = TypeVar("_T")


def hold_until_exit() -> None:
    """From now on, what `kept` is given lives until the process ends (cli.main's os._exit)."""
    global _held
    _held = []


def kept(value: _T) -> _T:
    """`value`, held until the process ends when it ends by os._exit (hold_until_exit)."""
    if _held is not None:
        _held.append(value)
    return value


def tell(ctx: typer.Context, message: str) -> None:
    """A note on stderr: said even with --quiet, for it is about the data, not a success."""
    typer.echo(_("shishi: note: {message}").format(message=inline(message)), err=True)


def note(ctx: typer.Context, message: str) -> None:
    """A note about the store on stderr, said once a run however often the store is read."""
    if not options(ctx).noted:
        options(ctx).noted = True
        tell(ctx, message)


def _outside_note(path: Path) -> str:
    return _(
        "{path} was changed outside shishi since shishi last wrote it; 'shishi check' shows what "
        "changed, 'shishi check --accept' records it"
    ).format(path=path)


@contextlib.contextmanager
def edit(ctx: typer.Context, *, create: bool = False) -> Iterator[StoreRecord]:
    """Lock the store and yield it to change; it is written, and kept as a new version, when the
    block ends without error having changed something. A change made outside shishi before it is
    kept first and recorded in the history of each plan it changed."""
    path = options(ctx).store_path
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                _("cannot create the folder {folder}: {reason}").format(
                    folder=path.parent, reason=reason(error)
                )
            ) from None
    from .. import compare  # only a change compares versions

    stamp = now()
    written = None
    with store.session(path, at=stamp, timeout=lock_timeout(), create=create) as held:
        data = held.load(create=create)
        outside = outside_change(held, data)
        before = compare.mark(data)
        yield data
        content = held.encode(data)
        if not held.unchanged(content):
            summary = compare.summary(before, data)
            found = None
            if outside is not None:
                found = record_outside(data, before, outside, stamp)
                content = held.encode(data)
            written = held.write(content, command=ctx.info_name or "", summary=summary, found=found)
        if written is not None:  # every such file a write put back, read or not, and those it changed
            read_copies = store.read_from_copies(data, held.live.years) if held.live is not None else []
            copies = sorted(set(held.put_back) | set(read_copies))
        else:
            copies = store.read_from_copies(data, held.live.years) if held.live is not None else []
    _copies_note(ctx, copies, written is not None)
    damage_note(ctx, held.damaged, data)
    if outside is None:
        return
    if written is None:  # nothing changed, or the command failed: the change outside is still there
        message = _outside_note(path)
    elif outside.found is None:  # nothing to compare with: kept, but not recorded in the history
        message = _(
            "{path} had been changed outside shishi since shishi last wrote it; that change is kept "
            "as version {number}"
        ).format(path=path, number=written.parent)
    else:
        message = _(
            "{path} had been changed outside shishi since shishi last wrote it; that change is kept "
            "as version {number} and recorded in the history"
        ).format(path=path, number=written.parent)
    note(ctx, message)


def outside_change(held: store.Session, data: StoreRecord) -> Outside | None:
    """What a store changed outside shishi changed, compared with the kept version; None when
    shishi wrote it."""
    return compared(held.base(), data) if held.outside else None


def compared(base: tuple[Version, StoreRecord] | None, data: StoreRecord) -> Outside:
    """A store changed outside shishi next to the kept version `base` (None: none is kept)."""
    from .. import compare
    from ..compare import Outside

    if base is None:
        return Outside(None, None)
    return Outside(base[0], compare.differences(base[1], data))


def record_outside(data: StoreRecord, before: Mark, outside: Outside, at: str) -> Said:
    """Record a change made outside shishi in the history of each plan it changed, before what
    the command records; its summary for the kept versions."""
    from .. import compare
    from ..render.versions import outside_said, plan_saids

    if outside.found:
        compare.record_outside(data, before, plan_saids(outside.found), at)
    return outside_said(outside.found)


def found_summary(held: store.Session) -> Said | None:
    """The summary of a store changed outside shishi that undo, redo or restore keeps before
    replacing it (a damaged one: None, storage says why)."""
    if held.found is None or not held.found.outside:
        return None
    data = held.try_load()
    if data is None:
        return None
    outside = outside_change(held, data)
    from ..render.versions import outside_said

    return outside_said(outside.found if outside is not None else None)


def lock_timeout() -> float:
    """Seconds a writer waits for its turn: SHISHI_LOCK_TIMEOUT, default 60."""
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


def parse_date(text: str | None, what: str) -> date | None:
    """A date option (2022-11-30, or as a sheet may write it: 2022年11月30日, 2022年11月底); `what`
    names it, marked for translation."""
    if text is None:
        return None
    from ..transfer import parse_date as read_date  # (lazily: only a command given a date needs it)

    try:
        return read_date(text)
    except ValueError:
        raise InputError(
            _("{what} {value!r} is not a date").format(what=_(what), value=text),
            hint=_("write it as YYYY-MM-DD, e.g. 2022-11-30 (or 2022年11月30日, 2022年11月底)"),
        ) from None


def points(text: str | None, what: str) -> Decimal | None:
    """A threshold option in points: a malformed one is a usage error (exit 2). It may be
    negative here; the rules say which threshold may be."""
    if text is None:
        return None
    try:
        return parse_number(text, what, signed=True)
    except InputError as error:
        raise UsageError(error.message, hint=_("give points as a number, e.g. 10")) from None


def bands(texts: list[str] | None) -> list[Band] | None:
    """--bands, repeatable, each one or more sets: a malformed one is a usage error (exit 2)."""
    if not texts:
        return None
    try:
        return parse_bands(";".join(texts))
    except InputError as error:
        raise UsageError(_("--bands: {problem}").format(problem=error.message), hint=error.hint) from None


def parse_ladder(text: str) -> Ladder:
    """An escalation ladder as typed: a malformed one is a usage error (exit 2)."""
    from ..numbers import parse_ladder as parse

    try:
        return parse(text)
    except InputError as error:
        raise UsageError(_("ladder: {problem}").format(problem=error.message), hint=error.hint) from None


def out(ctx: typer.Context) -> Out:
    """Where a view is printed: stdout, as a table for people or data for scripts."""
    from ..render import make_console

    return make_console()


def changes_text(changes: list[FieldChange]) -> str:
    """What an edit changed, as the render layer words it."""
    from ..render import describe_changes

    return describe_changes(changes)


def write_file(ctx: typer.Context, path: Path, content: bytes | Callable[[IO[bytes]], object]) -> None:
    """Write a file the user asked for (an export, a page, a bulletin), never over the store."""
    from ..files import write_output

    write_output(path, content, protected=store.protected_paths(options(ctx).store_path))
