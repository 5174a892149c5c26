"""Commands for spreadsheets: import-plan, import-progress, export, schema."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import plans, store
from ..errors import InputError, UsageError
from ..i18n import N_, _, english
from .app import (
    OptionalMonth,
    Owners,
    Projects,
    Statuses,
    Year,
    command_group,
    edit,
    now,
    options,
    read,
    say,
    tell,
    write_file,
)

group = command_group()

# --- import and export --------------------------------------------------------------------------


WHAT_WORDS = {"plan": N_("plan"), "progress": N_("progress"), "report": N_("report")}


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
    from .. import tables, transfer

    required = transfer.REQUIRED_PLAN if what == "plan" else transfer.REQUIRED_PROGRESS
    aliases = transfer.PLAN_HEADERS if what == "plan" else transfer.PROGRESS_HEADERS
    table = tables.read_table(
        file, sheet=sheet, encoding=encoding, expect=required, aliases=aliases, limits=_limits()
    )
    missing = transfer.missing_columns(table.header, required)
    if missing:
        columns = transfer.PLAN_COLUMNS if what == "plan" else transfer.PROGRESS_COLUMNS
        raise InputError(
            _("{file}: no column {columns} in the header row").format(file=file, columns=", ".join(missing)),
            hint=_("the columns are {columns} (or their Chinese names, see --help)").format(
                columns=", ".join(columns)
            ),
        )
    if not table.rows:
        raise InputError(
            _("{file} has no rows below its header").format(file=file), hint=_("fill in the table first")
        )
    run = transfer.import_plan if what == "plan" else transfer.import_progress
    if dry_run:  # read only: not even a lock or a backup
        with _ticker(len(table.rows), _("Checking {file}").format(file=file.name)) as tick:
            outcome = run(plans.select_plan(read(ctx), year), table.rows, now(), tick)
        if outcome.problems:
            raise transfer.RowsError(str(file), outcome.problems)
        summary = transfer.describe(outcome, what)
        say(
            ctx,
            _("Would import from {file}: {summary} (dry run: nothing written)").format(
                file=file, summary=summary or _("nothing new")
            ),
        )
        for line in transfer.notes(outcome):
            tell(ctx, line)
        return
    with edit(ctx) as data, _ticker(len(table.rows), _("Importing {file}").format(file=file.name)) as tick:
        plan = plans.select_plan(data, year)
        outcome = run(plan, table.rows, now(), tick)
        if outcome.problems:
            raise transfer.RowsError(str(file), outcome.problems)
        if transfer.changed(outcome):
            with english():  # the history is recorded in English, whatever the interface speaks
                summary = transfer.describe(outcome, what)
            plans.record(outcome.plan, now(), f"import-{what}", f"{file.name}: {summary}")
            data["plans"][str(plan["year"])] = outcome.plan
    shown = transfer.describe(outcome, what)
    message = _("Imported from {file}: {summary}").format(file=file, summary=shown or _("nothing new"))
    say(ctx, message)
    for line in transfer.notes(outcome):  # on stderr, and said even with --quiet: about the data
        tell(ctx, line)


def _limits() -> Any:
    """How much one file may hold: SHISHI_IMPORT_ROWS and SHISHI_IMPORT_MB, else the defaults."""
    from .. import tables

    given: dict[str, int] = {}
    for name, field, example in (
        ("SHISHI_IMPORT_ROWS", "rows", 500000),
        ("SHISHI_IMPORT_MB", "megabytes", 200),
    ):
        text = os.environ.get(name, "").strip()
        if not text:
            continue
        if not (text.isascii() and text.isdecimal() and int(text) > 0):
            raise UsageError(
                _("{name}={value!r} is not a whole number above 0").format(name=name, value=text),
                hint=_("e.g. {name}={example}").format(name=name, example=example),
            )
        given[field] = int(text)
    return tables.Limits(**given)


@group.command("import-plan")
def import_plan(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="A .csv or .xlsx with the plan's columns.", show_default=False),
    ],
    sheet: Sheet = None,
    encoding: Encoding = None,
    dry_run: DryRun = False,
    year: Year = None,
) -> None:
    """Create or extend the plan's projects and indicators from a spreadsheet.

    Columns (header row; empty cells mean "not given"): project, project_title, indicator,
    name, target, unit, owners, deadline, kind, stages, counts (and project_owners, baseline,
    trajectory, at_most, at_least, and stage_targets, stage_deadlines, stage_trajectories with
    a value for each stage: 开工=30;投用=20). Departments in one cell are separated by ; (or ；,
    or a line break), so a name keeps its 、 (各区、县（市）人民政府 is one department); stages by ,
    ; or 、. Every row is checked first: one bad row and nothing is imported.

    Chinese headers are read too: 项目, 项目标题, 指标编号, 指标名称, 目标, 单位, 责任单位,
    完成时限, 类型, 阶段, 计数阶段, 项目责任单位, 基数, 进度计划, 上限, 下限, 阶段目标, 阶段完成时限,
    阶段进度计划.

    \b
    Example:
      shishi import-plan 2023年市办实事.xlsx --dry-run
    """
    _import(ctx, file, sheet, encoding, dry_run, year, "plan")


@group.command("import-progress")
def import_progress(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A .csv or .xlsx of monthly figures.", show_default=False)
    ],
    sheet: Sheet = None,
    encoding: Encoding = None,
    dry_run: DryRun = False,
    year: Year = None,
) -> None:
    """Add monthly figures from a spreadsheet (columns: indicator, month, value, stage, note).

    Values are read like add-progress reads them (18.04万, 3,700). Importing the same file twice
    adds nothing; a changed figure for the same indicator, month and stage is a correction.
    Every row is checked first: one bad row and nothing is imported.

    Chinese headers are read too: 指标, 月份, 累计值 (or 数值), 阶段, 备注.

    \b
    Example:
      shishi import-progress 6月进展.xlsx
    """
    _import(ctx, file, sheet, encoding, dry_run, year, "progress")


@group.command()
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
    project: Projects = None,
    owner: Owners = None,
    status: Statuses = None,
    year: Year = None,
) -> None:
    """Write the plan, its progress or a report to a spreadsheet or JSON.

    Text that a spreadsheet would run as a formula (=, +, -, @) gets a leading ' (import
    takes it off again). Exporting a plan and its progress and importing both into a new plan
    of the same year gives the same projects, indicators as they are now, and entries; a
    plan's rules and the changes approved from a month on are not in a sheet (export says so).

    \b
    Examples:
      shishi export --what progress -o 进展.xlsx
      shishi export --what report --month 6 -o 6月报告.csv
    """
    from .. import files, tables, transfer

    protected = store.protected_paths(options(ctx).store_path)
    files.refuse_protected(output, protected)  # first of all: the store is never an output
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx", "json") or (fmt is not None and fmt.value != suffix):
        wanted = f".{fmt.value}" if fmt is not None else _(".csv, .xlsx or .json")
        raise UsageError(
            _("{file}: the file name should end in {suffix}").format(file=output.name, suffix=wanted)
        )
    if what is not What.report and (project or owner or status or month is not None):
        raise UsageError(
            _("--month, --project, --owner and --status choose what a report holds"),
            hint=_("give them with --what report, or leave them out"),
        )
    data = read(ctx)
    plan = plans.select_plan(data, year)
    report = None
    if what is What.report:
        from ..query import ReportQuery
        from ..query import report as build_report
        from ..render import report_table

        chosen = ReportQuery(year, month, tuple(project or ()), tuple(owner or ()), tuple(status or ()))
        report = build_report(data, chosen)
        header, rows = report_table(report)
    elif what is What.plan:
        header, rows = transfer.PLAN_COLUMNS, transfer.plan_rows(plan)
    else:
        header, rows = transfer.progress_header(plan), transfer.progress_rows(plan)
    if suffix == "json":
        from ..render import json_bytes, report_json

        # JSON keeps JSON's types: null, lists; a report is what `report --format json` prints.
        body = report_json(report) if report is not None else transfer.json_rows(header, rows)
        write_file(ctx, output, json_bytes(body))
    else:
        tables.write_table(output, header, rows, protected=protected)
    say(
        ctx,
        _("Wrote {count} {what} rows to {file}").format(
            count=len(rows), what=_(WHAT_WORDS[what.value]), file=output
        ),
    )
    if what is What.plan:
        dated, rules_set = transfer.left_out_of_sheet(plan)
        if dated:
            tell(
                ctx,
                _(
                    "the sheet holds each indicator as it is now; the changes of {ids} from a month on "
                    "are not in it (a copy of the store file carries them)"
                ).format(ids=", ".join(dated)),
            )
        if rules_set:
            tell(
                ctx,
                _(
                    "the plan's rules (thresholds, mode, bands) are not in the sheet; after import-plan, "
                    "set them again with set-thresholds"
                ),
            )


@group.command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the store file, for other tools that validate it.

    \b
    Example:
      shishi schema > shishi-store.schema.json
    """
    import orjson

    from ..models import Store

    sys.stdout.buffer.write(orjson.dumps(Store.model_json_schema(), option=orjson.OPT_INDENT_2) + b"\n")
