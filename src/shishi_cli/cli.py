"""The `shishi` command line: options, where the store is, one call per layer, the error boundary."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import __version__, plans, store
from .errors import (
    EXIT_ATTENTION,
    EXIT_DATA,
    EXIT_USAGE,
    InputError,
    ShishiError,
    StoreError,
    UsageError,
)
from .numbers import parse_number, parse_trajectory, split_names
from .records import StoreRecord


class ShishiGroup(TyperGroup):
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
        for arg in argv:
            if any("\ud800" <= ch <= "\udfff" for ch in arg):  # undecodable bytes in argv
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                code = _fail(f"argument {shown!r} is not valid UTF-8; type it again in UTF-8", EXIT_USAGE)
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
        except ShishiError as error:
            if debug:
                raise
            for line in error.lines()[:-1]:
                _fail(line, error.exit_code)
            code = _fail(error.lines()[-1], error.exit_code)
        except typer.TyperException as error:  # click's usage errors: bad option, missing argument
            if debug:
                raise
            code = _usage_failure(error)
        except (typer.Abort, KeyboardInterrupt):
            code = _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            code = 0
        except Exception as error:  # a bug: say so in one line, keep the traceback for --debug
            if debug:
                raise
            code = _fail(
                f"internal error ({type(error).__name__}: {error}); "
                "run again with --debug and report the traceback",
                EXIT_DATA,
            )
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


_GLOBAL_OPTIONS = ("--store", "-q", "--quiet", "--debug", "--version")


def _usage_failure(error: typer.TyperException) -> int:
    """Click's usage error as one line; two common slips get the sentence they deserve."""
    option = getattr(error, "option_name", None) or ""
    context = getattr(error, "ctx", None)
    where = context.command_path if context is not None else "shishi"
    if option[:1] == "-" and option[1:2].isdigit():  # "-5" looks like an option to the parser
        return _fail(f"negative value {option!r}; progress and targets are 0 or more", EXIT_DATA)
    message = f"{error.format_message()} (see '{where} --help')"
    if option in _GLOBAL_OPTIONS and where != "shishi":
        message += f"; global options such as {option} go before the command: shishi {option} ..."
    return _fail(message, getattr(error, "exit_code", EXIT_USAGE))


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"shishi: error: {_one_line(message)}\n")
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


class Kind(str, Enum):
    quantity = "quantity"
    milestone = "milestone"


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
    if epoch and epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    else:
        moment = datetime.now().astimezone()
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _say(ctx: typer.Context, message: str) -> None:
    if not _settings(ctx).quiet:
        from .render import literal

        typer.echo(literal(message))


def _read(ctx: typer.Context) -> StoreRecord:
    return store.read_store(_settings(ctx).store_path)


def _edit(ctx: typer.Context, *, create: bool = False) -> Any:
    path = _settings(ctx).store_path
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder {path.parent}: {error.strerror}") from None
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
        raise UsageError(f"SHISHI_LOCK_TIMEOUT={text!r} is not a number of seconds", hint="e.g. 10")
    return seconds


def _parse_date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{what} {text!r} is not a date", hint="write it as YYYY-MM-DD, e.g. 2022-11-30"
        ) from None


def _points(text: str | None, what: str) -> Decimal | None:
    """A threshold option in points: a malformed one is a usage error (exit 2)."""
    if text is None:
        return None
    try:
        return parse_number(text, what)
    except InputError as error:
        raise UsageError(error.message, hint="give points as a number, e.g. 10") from None


# --- plans and projects ------------------------------------------------------------------------


@app.command()
def init(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", metavar="YEAR", min=1900, max=2999, help="The plan's year.")],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The plan's title.")],
) -> None:
    """Create the store (if there is none) and a plan for a year.

    \b
    Example:
      shishi init --year 2022 --title "2022年市办实事"
    """
    with _edit(ctx, create=True) as data:
        plans.init_plan(data, year, title, _now())
    _say(ctx, f"Created the {year} plan {title!r} in {_settings(ctx).store_path}")


@app.command("add-project")
def add_project(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="The project's number in the plan (第N件).")],
    title: Annotated[str, typer.Argument(help="What the project promises.")],
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", metavar="DEPT", help="A responsible department (repeatable)."),
    ] = None,
    year: Year = None,
) -> None:
    """Add a numbered project (第N件) to the plan.

    \b
    Example:
      shishi add-project 1 "实现城镇新增就业35万人以上" --owner 市人力资源社会保障局
    """
    with _edit(ctx) as data:
        plans.add_project(plans.select_plan(data, year), number, title, owner or [], _now())
    _say(ctx, f"Added project {number}: {title}")


@app.command("edit-project")
def edit_project(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="The project's number.")],
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="A new title.")] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", metavar="DEPT", help="The departments, replacing the old list (repeatable)."),
    ] = None,
    year: Year = None,
) -> None:
    """Change a project's title or departments (the change is recorded in the history).

    \b
    Example:
      shishi edit-project 1 --owner 市人力资源社会保障局 --owner 市农业农村局
    """
    with _edit(ctx) as data:
        changes = plans.edit_project(plans.select_plan(data, year), number, _now(), title, owner)
    _say(ctx, f"Changed project {number}: " + "; ".join(changes))


@app.command("remove-project")
def remove_project(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="The project's number.")],
    force: Annotated[
        bool, typer.Option("--force", help="Also remove its indicators and their progress.")
    ] = False,
    year: Year = None,
) -> None:
    """Remove a project (with --force, also its indicators and their progress).

    \b
    Example:
      shishi remove-project 16 --force
    """
    with _edit(ctx) as data:
        n_ind, n_entries = plans.remove_project(plans.select_plan(data, year), number, _now(), force)
    _say(ctx, f"Removed project {number} ({n_ind} indicators, {n_entries} progress entries)")


# --- indicators --------------------------------------------------------------------------------

Target = Annotated[
    str | None,
    typer.Option(
        "--target",
        metavar="AMOUNT",
        help="The promised amount, e.g. 35万 (quantities only; leave out to track only).",
    ),
]
NewTarget = Annotated[
    str | None,
    typer.Option("--target", metavar="AMOUNT", help="A new target, e.g. 36万 (--no-target: track only)."),
]
Unit = Annotated[
    str | None,
    typer.Option("--unit", metavar="UNIT", help="Unit of measure, e.g. 人, 个, 万平方米."),
]
Owners = Annotated[
    list[str] | None,
    typer.Option("--owner", metavar="DEPT", help="A responsible department (repeatable)."),
]
Deadline = Annotated[
    str | None,
    typer.Option("--deadline", metavar="YYYY-MM-DD", help="Due date, YYYY-MM-DD. Default: 31 December."),
]
Stages = Annotated[
    str | None,
    typer.Option(
        "--stages",
        metavar="A,B",
        help="Ordered stage names, e.g. 开工,完工 (a milestone's last = done).",
    ),
]
Counts = Annotated[
    str | None,
    typer.Option(
        "--counts",
        metavar="STAGE",
        help="The stage the target counts. Default: 完工 if a stage, else the last.",
    ),
]
Baseline = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        metavar="AMOUNT",
        help="Starting level for a target that goes down (由50降至10: --baseline 50 --target 10).",
    ),
]
Trajectory = Annotated[
    str | None,
    typer.Option(
        "--trajectory",
        metavar="M:P,…",
        help="Planned cumulative percent by month, e.g. 3:20,6:50,9:80.",
    ),
]


def _amount_text(text: str | None, option: str, instead: str) -> str | None:
    if text is not None and not text.strip():
        raise InputError(f"{option} is empty", hint=f"give an amount, or {instead}")
    return text


def _spec(
    name: str | None = None,
    target: str | None = None,
    unit: str | None = None,
    owner: list[str] | None = None,
    deadline: str | None = None,
    kind: Kind | None = None,
    stages: str | None = None,
    counts: str | None = None,
    baseline: str | None = None,
    trajectory: str | None = None,
) -> plans.IndicatorSpec:
    return plans.IndicatorSpec(
        name=name,
        target=_amount_text(target, "--target", "--no-target to track it only"),
        unit=unit,
        owners=owner,
        deadline=_parse_date(deadline, "deadline"),
        kind=kind.value if kind is not None else None,
        stages=split_names(stages) if stages is not None else None,
        counts=counts,
        baseline=_amount_text(baseline, "--baseline", "--no-baseline to remove it"),
        trajectory=parse_trajectory(trajectory) if trajectory is not None else None,
    )


@app.command("add-indicator")
def add_indicator(
    ctx: typer.Context,
    project: Annotated[int, typer.Argument(help="Number of the project it belongs to.")],
    name: Annotated[str, typer.Argument(help="What is measured, e.g. 城镇新增就业.")],
    target: Target = None,
    unit: Unit = None,
    indicator_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="Its id. Default: PROJECT.n, e.g. 1.2.")
    ] = None,
    owner: Owners = None,
    deadline: Deadline = None,
    kind: Annotated[
        Kind, typer.Option("--kind", help="quantity (a number) or milestone (stages).")
    ] = Kind.quantity,
    stages: Stages = None,
    counts: Counts = None,
    baseline: Baseline = None,
    trajectory: Trajectory = None,
    year: Year = None,
) -> None:
    """Add a measurable indicator to a project.

    \b
    Examples:
      shishi add-indicator 1 城镇新增就业 --target 35万 --unit 人
      shishi add-indicator 3 打通城市未贯通道路 --target 30 --unit 条 --stages 开工,完工
      shishi add-indicator 8 胶州湾海底天然气管线工程 --kind milestone --stages 开工,全面施工,建成
    """
    spec = _spec(name, target, unit, owner, deadline, kind, stages, counts, baseline, trajectory)
    with _edit(ctx) as data:
        indicator = plans.add_indicator(plans.select_plan(data, year), project, spec, _now(), indicator_id)
    _say(ctx, f"Added indicator {indicator['id']}: {indicator['name']}")


@app.command("edit-indicator")
def edit_indicator(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator's id, e.g. 1.1.")],
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="A new name.")] = None,
    target: NewTarget = None,
    unit: Unit = None,
    owner: Owners = None,
    deadline: Deadline = None,
    kind: Annotated[Kind | None, typer.Option("--kind", help="quantity or milestone.")] = None,
    stages: Stages = None,
    counts: Counts = None,
    baseline: Baseline = None,
    trajectory: Trajectory = None,
    new_id: Annotated[
        str | None, typer.Option("--new-id", metavar="ID", help="Rename it (its entries follow).")
    ] = None,
    no_target: Annotated[bool, typer.Option("--no-target", help="Remove the target: track only.")] = False,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Remove the baseline.")] = False,
    no_deadline: Annotated[bool, typer.Option("--no-deadline", help="Back to 31 December.")] = False,
    no_trajectory: Annotated[
        bool, typer.Option("--no-trajectory", help="Back to the straight line to the deadline.")
    ] = False,
    year: Year = None,
) -> None:
    """Change an indicator: a wrong target, a new deadline, a trajectory (recorded in the history).

    \b
    Examples:
      shishi edit-indicator 1.1 --target 36万
      shishi edit-indicator 12.3 --trajectory 3:20,6:50,9:80
    """
    spec = _spec(name, target, unit, owner, deadline, kind, stages, counts, baseline, trajectory)
    flags = {
        "target": no_target,
        "baseline": no_baseline,
        "deadline": no_deadline,
        "trajectory": no_trajectory,
    }
    clear = frozenset(k for k, v in flags.items() if v)
    with _edit(ctx) as data:
        plan = plans.select_plan(data, year)
        changes = plans.edit_indicator(plan, indicator_id, spec, _now(), new_id=new_id, clear=clear)
    if changes:
        _say(ctx, f"Changed {indicator_id}: " + "; ".join(changes))
    else:
        _say(ctx, f"{indicator_id} unchanged: it has those values already")


@app.command("remove-indicator")
def remove_indicator(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="ID", help="The indicator's id.")],
    force: Annotated[bool, typer.Option("--force", help="Also remove its progress entries.")] = False,
    year: Year = None,
) -> None:
    """Remove an indicator (with --force, also its progress entries).

    \b
    Example:
      shishi remove-indicator 6.3 --force
    """
    with _edit(ctx) as data:
        removed = plans.remove_indicator(plans.select_plan(data, year), indicator_id, _now(), force)
    _say(ctx, f"Removed indicator {indicator_id} and {removed} progress entries")


# --- progress ----------------------------------------------------------------------------------


@app.command("add-progress")
def add_progress(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator's id, e.g. 1.1.")],
    value: Annotated[
        str,
        typer.Argument(help="Cumulative figure as of the month's end (18.04万), or a milestone's stage."),
    ],
    month: Month,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            help="Which stage the figure is for. Default: the counted one.",
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Where the figure comes from.")
    ] = None,
    delta: Annotated[
        bool,
        typer.Option("--delta", help="VALUE is this month's increase, added to the figure so far."),
    ] = False,
    year: Year = None,
) -> None:
    """Record an indicator's cumulative progress as of the end of a month.

    A second figure for the same month and stage corrects the first (both are kept).

    \b
    Examples:
      shishi add-progress 1.1 18.04万 --month 6 --note "全市城镇新增就业18.04万人"
      shishi add-progress 3.1 42 --stage 开工 --month 6
      shishi add-progress 8.1 全面施工 --month 6
    """
    with _edit(ctx) as data:
        plan = plans.select_plan(data, year)
        added = plans.add_progress(
            plan, indicator_id, value, month, _now(), stage=stage, note=note, delta=delta
        )
    from .render import describe_added

    _say(ctx, describe_added(added))


@app.command("remove-progress")
def remove_progress(
    ctx: typer.Context,
    indicator_id: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator's id.")],
    month: Month,
    stage: Annotated[
        str | None, typer.Option("--stage", metavar="STAGE", help="Only this stage's entries.")
    ] = None,
    year: Year = None,
) -> None:
    """Remove an indicator's entries of a month (all its corrections too).

    To fix a wrong figure, add the right one for the same month instead: it corrects the old one.

    \b
    Example:
      shishi remove-progress 1.1 --month 6
    """
    with _edit(ctx) as data:
        removed = plans.remove_progress(plans.select_plan(data, year), indicator_id, month, _now(), stage)
    _say(ctx, f"Removed {len(removed)} month-{month} entries of {indicator_id}")


@app.command("set-thresholds")
def set_thresholds(
    ctx: typer.Context,
    tolerance: Annotated[
        str | None,
        typer.Option(
            "--tolerance",
            metavar="POINTS",
            help="Points below expected still on track (default 10).",
        ),
    ] = None,
    ahead_margin: Annotated[
        str | None,
        typer.Option(
            "--ahead-margin",
            metavar="POINTS",
            help="Points above expected to count as ahead (default 5).",
        ),
    ] = None,
    red_gap: Annotated[
        str | None,
        typer.Option(
            "--red-gap",
            metavar="POINTS",
            help="Points behind beyond which lagging is red (default 30).",
        ),
    ] = None,
    year: Year = None,
) -> None:
    """Set the plan's status thresholds, in percentage points.

    \b
    Example:
      shishi set-thresholds --tolerance 10 --ahead-margin 5 --red-gap 30
    """
    values = (
        _points(tolerance, "--tolerance"),
        _points(ahead_margin, "--ahead-margin"),
        _points(red_gap, "--red-gap"),
    )
    with _edit(ctx) as data:
        changes = plans.set_thresholds(plans.select_plan(data, year), _now(), *values)
    if changes:
        _say(ctx, "Thresholds: " + "; ".join(changes))
    else:
        _say(ctx, "Thresholds unchanged: the plan has those values already")


# --- looking -----------------------------------------------------------------------------------


def _console(ctx: typer.Context) -> Any:
    from .render import make_console

    return make_console()


@app.command("list")
def list_plan(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
    year: Year = None,
) -> None:
    """List the plan's projects and indicators.

    \b
    Example:
      shishi list --format json
    """
    from .render import render_list

    plan = plans.select_plan(_read(ctx), year)
    render_list(plan, fmt.value, _console(ctx))


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="An indicator id (1.1) or a project number (1).")
    ],
    month: OptionalMonth = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = ReportFormat.table,
    year: Year = None,
) -> None:
    """Show an indicator (definition, every entry, month by month) or a project.

    \b
    Examples:
      shishi show 1.1
      shishi show 12 --format json
    """
    from . import progress
    from .render import render_show

    plan = plans.select_plan(_read(ctx), year)
    detail = progress.describe(plan, ident, month, progress.thresholds_of(plan))
    render_show(detail, fmt.value, _console(ctx))


@app.command()
def check(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table (text) or json.")] = Format.table,
) -> None:
    """Validate the store; exit 1 listing every problem, warnings do not count.

    \b
    Example:
      shishi check || echo "the store needs attention"
    """
    from .render import render_check

    path = _settings(ctx).store_path
    raw = store.read_bytes(path)
    _, findings = store.validate(path, raw)
    render_check(path, findings, fmt.value, _console(ctx))
    if any(not f.warning for f in findings):
        raise typer.Exit(EXIT_ATTENTION)


@app.command()
def history(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show the last N changes.")
    ] = 20,
    year: Year = None,
) -> None:
    """Show the recorded changes to the plan, newest last.

    \b
    Example:
      shishi history -n 5
    """
    from .render import render_history

    plan = plans.select_plan(_read(ctx), year)
    render_history(plan["history"][-limit:], _console(ctx))


@app.command()
def undo(ctx: typer.Context) -> None:
    """Put back the store as it was before the last change (from STORE.bak).

    Running it again redoes the change.

    \b
    Example:
      shishi undo
    """
    from .render import describe_undo

    now, before = store.undo(_settings(ctx).store_path, _lock_timeout())
    _say(ctx, describe_undo(now, before))


# --- import and export --------------------------------------------------------------------------


class What(str, Enum):
    plan = "plan"
    progress = "progress"
    report = "report"


class FileFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


Sheet = Annotated[
    str | None, typer.Option("--sheet", metavar="NAME", help="The sheet of an .xlsx (default: the first).")
]
Encoding = Annotated[
    str | None,
    typer.Option("--encoding", metavar="NAME", help="A CSV's encoding (default: UTF-8, else GB18030/GBK)."),
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Check every row and say what would change; write nothing.")
]


@contextlib.contextmanager
def _ticker(total: int, label: str) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr for long work at a terminal; nothing in a pipe or for little work."""
    if total < 500 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def _import(
    ctx: typer.Context, file: Path, sheet: str | None, encoding: str | None, dry_run: bool,
    year: int | None, what: str,
) -> None:  # fmt: skip
    from . import tables, transfer

    table = tables.read_table(file, sheet=sheet, encoding=encoding)
    required = transfer.REQUIRED_PLAN if what == "plan" else transfer.REQUIRED_PROGRESS
    missing = transfer.missing_columns(table.header, required)
    if missing:
        columns = transfer.PLAN_COLUMNS if what == "plan" else transfer.PROGRESS_COLUMNS
        raise InputError(
            f"{file}: no column {', '.join(missing)} in the header row",
            hint=f"the columns are {', '.join(columns)}",
        )
    run = transfer.import_plan if what == "plan" else transfer.import_progress
    with _edit(ctx) as data, _ticker(len(table.rows), f"Importing {file.name}") as tick:
        plan = plans.select_plan(data, year)
        outcome = run(plan, table.rows, _now(), tick)
        if outcome.problems:
            raise transfer.RowsError(str(file), outcome.problems)
        summary = transfer.describe(outcome, what)
        if not dry_run and transfer.changed(outcome):
            transfer.record(outcome.plan, _now(), f"import-{what}", f"{file.name}: {summary}")
            data["plans"][str(plan["year"])] = outcome.plan
    if dry_run:
        _say(ctx, f"Would import from {file}: {summary or 'nothing new'} (dry run: nothing written)")
    else:
        _say(ctx, f"Imported from {file}: {summary or 'nothing new'}")


@app.command("import-plan")
def import_plan(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A .csv or .xlsx with the plan's columns.", show_default=False)
    ],
    sheet: Sheet = None,
    encoding: Encoding = None,
    dry_run: DryRun = False,
    year: Year = None,
) -> None:
    """Create or extend the plan's projects and indicators from a spreadsheet.

    Columns (header row; empty cells mean "not given"): project, project_title, indicator,
    name, target, unit, owners, deadline, kind, stages, counts (and project_owners, baseline,
    trajectory). Lists are separated by ; or 、. Every row is checked first: one bad row and
    nothing is imported.

    \b
    Example:
      shishi import-plan 2023年市办实事.xlsx --dry-run
    """
    _import(ctx, file, sheet, encoding, dry_run, year, "plan")


@app.command("import-progress")
def import_progress(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx of monthly figures.", show_default=False)],
    sheet: Sheet = None,
    encoding: Encoding = None,
    dry_run: DryRun = False,
    year: Year = None,
) -> None:
    """Add monthly figures from a spreadsheet (columns: indicator, month, value, stage, note).

    Values are read like add-progress reads them (18.04万, 3,700). Importing the same file twice
    adds nothing; a changed figure for the same indicator, month and stage is a correction.
    Every row is checked first: one bad row and nothing is imported.

    \b
    Example:
      shishi import-progress 6月进展.xlsx
    """
    _import(ctx, file, sheet, encoding, dry_run, year, "progress")


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="The file to write.")],
    what: Annotated[What, typer.Option("--what", help="plan, progress or report.")] = What.plan,
    fmt: Annotated[
        FileFormat | None,
        typer.Option(
            "--format", "-f", help="csv, xlsx or json (default: from the file's suffix).", show_default=False
        ),
    ] = None,
    month: OptionalMonth = None,
    year: Year = None,
) -> None:
    """Write the plan, its progress or a report to a spreadsheet or JSON.

    Text that a spreadsheet would run as a formula (=, +, -, @) gets a leading ' (import
    takes it off again). Exporting a plan and its progress and importing both into a new plan
    of the same year gives the same projects, indicators and entries.

    \b
    Examples:
      shishi export --what progress -o 进展.xlsx
      shishi export --what report --month 6 -o 6月报告.csv
    """
    from . import tables, transfer

    suffix = output.suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx", "json") or (fmt is not None and fmt.value != suffix):
        wanted = fmt.value if fmt is not None else "csv, xlsx or json"
        raise UsageError(f"{output.name}: the file name should end in .{wanted.replace(', ', ', .')}")
    chosen = suffix
    plan = plans.select_plan(_read(ctx), year)
    if what is What.report:
        from .render import report_table

        header, rows = report_table(_report(ctx, month, year, None, None, None, None, None, None))
    elif what is What.plan:
        header, rows = transfer.PLAN_COLUMNS, transfer.plan_rows(plan)
    else:
        header, rows = transfer.PROGRESS_COLUMNS, transfer.progress_rows(plan)
    with _ticker(len(rows), f"Writing {output.name}") as tick:
        if chosen == "json":
            import orjson

            content = orjson.dumps(
                [dict(zip(header, row, strict=True)) for row in rows], option=orjson.OPT_INDENT_2
            )
            store.write_atomic(output, content + b"\n", keep_backup=False)
        else:
            tables.write_table(output, header, rows)
        if tick:
            for _ in rows:
                tick()
    _say(ctx, f"Wrote {len(rows)} {what.value} rows to {output}")


@app.command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the store file, for other tools that validate it.

    \b
    Example:
      shishi schema > shishi-store.schema.json
    """
    import orjson

    from .models import Store

    sys.stdout.buffer.write(orjson.dumps(Store.model_json_schema(), option=orjson.OPT_INDENT_2) + b"\n")


# --- reports -----------------------------------------------------------------------------------

Projects = Annotated[
    list[int] | None,
    typer.Option("--project", "-p", metavar="N", help="Only this project (repeatable)."),
]
Owner = Annotated[
    str | None,
    typer.Option("--owner", metavar="DEPT", help="Only indicators whose department contains this text."),
]
Statuses = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        help="Only this status (repeatable): met, ahead, on_track, lagging, overdue, no_data, in_progress.",
    ),
]
Tolerance = Annotated[
    str | None,
    typer.Option(
        "--tolerance",
        metavar="POINTS",
        help="Points below expected still on track. Default: the plan's.",
    ),
]
AheadMargin = Annotated[
    str | None,
    typer.Option(
        "--ahead-margin",
        metavar="POINTS",
        help="Points above expected that count as ahead. Default: the plan's.",
    ),
]
RedGap = Annotated[
    str | None,
    typer.Option(
        "--red-gap",
        metavar="POINTS",
        help="Points behind beyond which the light is red. Default: the plan's.",
    ),
]
Formats = Annotated[ReportFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")]


def _report(
    ctx: typer.Context,
    month: int | None,
    year: int | None,
    project: list[int] | None,
    owner: str | None,
    status: list[str] | None,
    tolerance: str | None,
    ahead_margin: str | None,
    red_gap: str | None,
) -> Any:
    from . import progress

    unknown = sorted(set(status or ()) - set(progress.STATUSES))
    if unknown:
        raise UsageError(f"unknown status {', '.join(unknown)}", hint="use " + ", ".join(progress.STATUSES))
    plan = plans.select_plan(_read(ctx), year)
    for number in project or ():
        plans.find_project(plan, number)
    if month is None:
        month = progress.latest_month(plan)
        if month is None:
            raise InputError(
                f"the {plan['year']} plan has no progress entries yet",
                hint="give --month to report as of a month",
            )
    thresholds = progress.thresholds_of(
        plan,
        _points(tolerance, "--tolerance"),
        _points(ahead_margin, "--ahead-margin"),
        _points(red_gap, "--red-gap"),
    )
    selection = progress.Selection(frozenset(project or ()), owner, frozenset(status or ()))
    return progress.build_report(plan, month, thresholds, selection)


@app.command()
def report(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owner = None,
    status: Statuses = None,
    tolerance: Tolerance = None,
    ahead_margin: AheadMargin = None,
    red_gap: RedGap = None,
    fmt: Formats = ReportFormat.table,
    year: Year = None,
) -> None:
    """Every indicator as of a month: percent of target, expected progress, status, warnings.

    \b
    Examples:
      shishi report --month 6
      shishi report --month 6 --owner 住房 --format markdown
      shishi report --format json | jq '.indicators[] | select(.status=="lagging")'
    """
    from .render import render_report

    result = _report(ctx, month, year, project, owner, status, tolerance, ahead_margin, red_gap)
    render_report(result, fmt.value, _console(ctx))


@app.command()
def lagging(
    ctx: typer.Context,
    month: OptionalMonth = None,
    project: Projects = None,
    owner: Owner = None,
    status: Statuses = None,
    tolerance: Tolerance = None,
    ahead_margin: AheadMargin = None,
    red_gap: RedGap = None,
    fmt: Formats = ReportFormat.table,
    year: Year = None,
) -> None:
    """Only the indicators that need attention (lagging or overdue), most behind first.

    Exit status 0 when there are none, 1 when there are some.

    \b
    Example:
      shishi lagging --month 6 || notify-office
    """
    from .progress import NEEDS_ATTENTION, attention
    from .render import render_lagging

    if status and not set(status) <= NEEDS_ATTENTION:
        raise UsageError(
            "lagging lists only lagging and overdue indicators",
            hint="give --status lagging or --status overdue, or use report --status for others",
        )
    wanted = sorted(status or NEEDS_ATTENTION)
    result = _report(ctx, month, year, project, owner, wanted, tolerance, ahead_margin, red_gap)
    needing = attention(result)
    render_lagging(result, needing, fmt.value, _console(ctx))
    if needing:
        raise typer.Exit(EXIT_ATTENTION)


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
    app_for(sys.argv[1:])()
    raise SystemExit(0)  # pragma: no cover - app() always exits
