"""Commands for spreadsheets: import-plan, import-progress, export, forms, schema."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import plans, store
from ..errors import InputError, UsageError, reason
from ..i18n import N_, _, ngettext
from ..said import joined, said
from .app import (
    Month,
    OptionalMonth,
    Owners,
    Projects,
    Statuses,
    Year,
    command_group,
    edit,
    month_type,
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
    year: int | None, what: str, expected: int | None = None,
) -> None:  # fmt: skip
    from .. import tables, transfer

    required = transfer.REQUIRED_PLAN if what == "plan" else transfer.REQUIRED_PROGRESS
    aliases = transfer.PLAN_HEADERS if what == "plan" else transfer.OFFICE_HEADERS
    table = tables.read_table(
        file, sheet=sheet, encoding=encoding, expect=required, aliases=aliases, limits=_limits(),
        skip=transfer.plan_footer if what == "plan" else transfer.footer,
    )  # fmt: skip
    month = None
    from_form: Path | None = None  # the form whose year chose the plan (no --year given)
    if what == "progress":
        month = transfer.table_month(
            [table.written.get("value", ""), table.written.get("delta", "")], table.above
        )
        if table.marks.get("month", "").isdecimal():  # a form made by `shishi forms`
            month = _form_rows(ctx, file, table)
        month = _month_given(file, table, month, expected)
        given, year = year, _form_year(file, [table], year)
        if given is None and year is not None:
            from_form = file
        missing = transfer.missing_progress_columns(table.header, month is not None)
    else:
        missing = transfer.missing_columns(table.header, required)
    if missing and what == "progress" and not all(text.isascii() for text in table.written.values()):
        # An office's layout, headed in Chinese: said with the names it uses.
        raise InputError(
            _("{file}: no column {columns} in the header row").format(
                file=file, columns=transfer.column_words(missing)
            ),
            hint=_(
                "name the figures' month in a 月份 column, in the title (2022年9月) "
                "or in the header (1-9月累计)"
            )
            if "month" in missing
            else _("the columns are {columns} (or their Chinese names, see --help)").format(
                columns=transfer.column_words(transfer.PROGRESS_COLUMNS[:5])
            ),
        )
    if missing:
        columns = transfer.PLAN_COLUMNS if what == "plan" else transfer.PROGRESS_COLUMNS
        raise InputError(
            _("{file}: no column {columns} in the header row").format(file=file, columns=", ".join(missing)),
            hint=_("the columns are {columns} (or their Chinese names, see --help)").format(
                columns=", ".join(columns)
            ),
        )
    if not table.rows and not table.marks.get("month"):  # (a form left blank: said, and nothing new)
        raise InputError(
            _("{file} has no rows below its header").format(file=file), hint=_("fill in the table first")
        )
    if what == "plan":
        run = transfer.import_plan
    else:
        department = table.marks.get("department") or None
        run = functools.partial(transfer.import_progress, month=month, file=file.name, department=department)
    # A form names its department: said beside the file, as for many files.
    where = _form_file(file, table)
    if dry_run:  # read only: not even a lock or a backup
        with _ticker(len(table.rows), _("Checking {file}").format(file=file.name)) as tick:
            data = read(ctx)
            plan = _plan_for(data, year, from_form)
            outcome = run(plan, _each_once(table.rows), now(), tick)
        if outcome.problems:
            raise transfer.RowsError(str(file), outcome.problems)
        summary = transfer.describe(outcome, what)
        say(
            ctx,
            _("Would import from {file}: {summary} (dry run: nothing written)").format(
                file=_into(where, data, plan), summary=summary or _("nothing new")
            ),
        )
        if what == "progress":
            from ..render.messages import import_lines

            for line in import_lines(outcome.plan, outcome.taken):
                say(ctx, line)
        for line in transfer.notes(outcome):
            tell(ctx, line)
        return
    with edit(ctx) as data, _ticker(len(table.rows), _("Importing {file}").format(file=file.name)) as tick:
        plan = _plan_for(data, year, from_form)
        outcome = run(plan, _each_once(table.rows), now(), tick)
        if outcome.problems:
            raise transfer.RowsError(str(file), outcome.problems)
        if transfer.changed(outcome):
            did = said("{file}: {summary}", file=file.name, summary=transfer.described(outcome, what) or "")
            plans.record(outcome.plan, now(), f"import-{what}", did)
            data["plans"][str(plan["year"])] = outcome.plan
    shown = transfer.describe(outcome, what)
    message = _("Imported from {file}: {summary}").format(
        file=_into(where, data, plan), summary=shown or _("nothing new")
    )
    say(ctx, message)
    for line in transfer.notes(outcome):  # on stderr, and said even with --quiet: about the data
        tell(ctx, line)


def _each_once(rows: list[Any]) -> Iterator[Any]:
    """A table's rows in order, each let go of once given: an import of 600,000 rows does not
    hold them all beside the entries it makes of them (the list is left empty)."""
    rows.reverse()
    while rows:
        yield rows.pop()


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

    A project is given by its number: 8, 8.0, 第8件 or 第八件. It may be written once over its
    indicators' rows: a blank project cell (merged down, or left empty) is the project above.
    An indicator id that begins with a number begins with its project's (5.1 or 5.1a in
    project 5).

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
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="The .csv or .xlsx files of monthly figures.", show_default=False
        ),
    ],
    sheet: Sheet = None,
    encoding: Encoding = None,
    dry_run: DryRun = False,
    month: Annotated[
        int | None,
        typer.Option(
            "--month",
            "-m",
            metavar="M",
            click_type=month_type(),
            show_default=False,
            help="The month the files are for: a form of another month is refused; rows without a "
            "month take M.",
        ),
    ] = None,
    year: Year = None,
) -> None:
    """Add monthly figures from spreadsheets (columns: indicator, month, value, stage, note).

    Values are read like add-progress reads them (18.04万, 3,700). Importing the same file twice
    adds nothing; a changed figure for the same indicator, month and stage is a correction.
    Every row of every file is checked first: one bad row and nothing is imported.

    Chinese headers are read too: 指标, 月份, 累计值 (or 数值), 阶段, 备注.

    Forms as offices make them are read too: a title and footer lines (填表人：…) around the
    table, a header of two levels, 指标名称 instead of the id, 累计完成值 or 1-9月累计 (the month
    then need not have a column, nor when the title names it), 本月完成 (added to the figure so
    far); months written 9, 9月, 1-9月, 九月, 2022年9月 or as a date.

    A form made by 'shishi forms' says its year, month and department: a form of another
    year's plan is refused, as is, with --month M, a form of another month; a row of an
    indicator the form's department does not answer for is refused (the form may be another
    department's), and so are two forms of one department giving two figures for one
    indicator; its rows left empty are passed over. Each entry records its file and row.

    \b
    Examples:
      shishi import-progress 6月进展.xlsx
      shishi import-progress returns/*.xlsx --dry-run
    """
    if len(files) == 1 and not _GLOB.search(str(files[0])):
        _import(ctx, files[0], sheet, encoding, dry_run, year, "progress", month)
        return
    _import_many(ctx, _expand(files), sheet, encoding, dry_run, year, month)


_GLOB = re.compile(r"[*?[]")


def _form_file(file: Path, table: Any) -> str:
    """A file as messages name it: a form with the department it is from."""
    department = table.marks.get("department")
    return _("{file} ({department})").format(file=file, department=department) if department else str(file)


def _form_rows(ctx: typer.Context, file: Path, table: Any) -> int:
    """A form made by `shishi forms`: its month, and only its rows a department wrote in (a row
    with only a label or a note is kept, to be refused: its figure is missing). A form left blank
    is said, alone or among others, and imports nothing."""
    table.rows = [r for r in table.rows if any(r.cells.get(k) for k in ("value", "delta", "note", "label"))]
    if not table.rows:
        tell(ctx, _("{file}: no figure is filled in; nothing to import from it").format(file=file))
    return int(table.marks["month"])


def _month_given(file: Path, table: Any, month: int | None, expected: int | None) -> int | None:
    """The month of a file's rows without one, with --month M: a form (or a file naming its
    month) of another month is refused; a file that names none takes M."""
    from .. import transfer

    if expected is None:
        return month
    if month is None:
        return expected
    if month != expected:
        if table.marks.get("month", "").isdecimal():
            raise InputError(
                transfer.form_month_problem(str(file), month, expected),
                hint=_("nothing was imported"),
            )
        raise InputError(
            _("{file} names month {found}, not month {month}").format(file=file, found=month, month=expected),
            hint=_("nothing was imported"),
        )
    return month


def _form_year(file: Path, tables: list[Any], year: int | None, *, check: bool = True) -> int | None:
    """The plan year forms are of (made by `shishi forms`: their marks; any other: the year their
    title names with the month), when all that say one say the same: the plan their figures go
    into unless --year names another, which (`check`) is refused."""
    from .. import transfer

    years = {int(t.marks["year"]) for t in tables if t.marks.get("year", "").isdecimal()}
    if not years:  # a form saved without its marks, or an office's own: the year its title names
        years = {y for y in (transfer.table_year(t.above) for t in tables) if y is not None}
    if len(years) != 1:
        return year
    found = years.pop()
    if year is None:
        return found
    if check and year != found:
        raise InputError(
            _("{file}: this is a form of the {year} plan, not of the {plan} plan").format(
                file=file, year=found, plan=year
            ),
            hint=_("nothing was imported; leave out --year, or import the form of the {plan} plan").format(
                plan=year
            ),
        )
    return year


def _into(where: str, data: Any, plan: Any) -> str:
    """The file an import reads, and in a store of several years the plan it goes into."""
    if len(data["plans"]) < 2:
        return where
    return _("{file}, into the {year} plan").format(file=where, year=plan["year"])


def _plan_for(data: Any, year: int | None, from_form: Path | None) -> Any:
    """The plan an import goes into: of `year` (the latest if None); a year that `from_form`
    named rather than --year is said as the form's when the store has no such plan."""
    if from_form is not None and year is not None and str(year) not in data["plans"]:
        raise InputError(
            _("{file} is a form of the {year} plan, which the store does not have").format(
                file=from_form, year=year
            ),
            hint=_("nothing was imported; 'shishi plans' lists the store's plans"),
        )
    return plans.select_plan(data, year)


def _expand(files: list[Path]) -> list[Path]:
    """The files named, a pattern (returns/*.xlsx, which a Windows shell leaves as it is) by the
    files it matches, in name order; each file once."""
    found: dict[Path, None] = {}
    for file in files:
        if _GLOB.search(str(file)) and not file.exists():
            import glob  # (only a pattern needs it)

            matched = sorted(glob.glob(str(file)))
            if not matched:
                raise InputError(
                    _("no file matches {pattern}").format(pattern=file), hint=_("check the path")
                )
            found.update(dict.fromkeys(Path(m) for m in matched))
        else:
            found[file] = None
    return list(found)


def _import_many(
    ctx: typer.Context, files: list[Path], sheet: str | None, encoding: str | None, dry_run: bool,
    year: int | None, expected: int | None = None,
) -> None:  # fmt: skip
    """Several files in one all-or-nothing run: each checked against the plan as the files
    before it leave it; one change in the history, naming the files."""
    from .. import transfer

    read_files = [_progress_table(ctx, file, sheet, encoding, expected) for file in files]
    from_form = None
    if year is None:  # forms of one year's plan are of that plan (each is checked below)
        year = _form_year(files[0], [table for _file, table, _month in read_files], None, check=False)
        from_form = files[0] if year is not None else None
    with contextlib.ExitStack() as stack:
        data = read(ctx) if dry_run else stack.enter_context(edit(ctx))
        plan = _plan_for(data, year, from_form)
        work = plan
        figures = transfer.Figures(plan)  # indexed once for all the files, however many
        errors: list[Any] = []
        done = []
        given: dict[tuple[str, str, int, str | None, str | None], tuple[Path, int, str]] = {}
        for file, table, month in read_files:
            if table.marks.get("year") and table.marks["year"] != str(plan["year"]):
                errors.append(
                    transfer.RowsError(
                        str(file),
                        [(1, _("this is a form of the {year} plan, not of the {plan} plan").format(
                            year=table.marks["year"], plan=plan["year"]))],
                    )
                )  # fmt: skip
                continue
            outcome = transfer.import_progress(
                work, _each_once(table.rows), now(), month=month, file=file.name,
                department=table.marks.get("department") or None, figures=figures,
            )  # fmt: skip
            if outcome.problems:
                errors.append(transfer.RowsError(str(file), outcome.problems))
                continue
            clash = _other_form_figures(file, table, outcome, given)
            if clash:
                errors.append(transfer.RowsError(str(file), clash))
                continue
            figures.accept(outcome)
            work = outcome.plan
            done.append((file, table, outcome))
        if errors:
            raise errors[0] if len(files) == 1 else transfer.FilesError(errors, len(files))
        if not dry_run and any(transfer.changed(outcome) for _file, _table, outcome in done):
            each = []
            for file, _table, outcome in done:
                did = transfer.described(outcome, "progress") or said("nothing new")
                each.append(said("{file}: {summary}", file=file.name, summary=did))
            summary = joined(each)
            plans.record(work, now(), "import-progress", summary)
            data["plans"][str(plan["year"])] = work
    if dry_run:  # what would change, department by department (a file without one, by its name)
        done.sort(key=lambda d: d[1].marks.get("department") or "")
    for file, table, outcome in done:
        shown = transfer.describe(outcome, "progress") or _("nothing new")
        where = _form_file(file, table)
        if dry_run:
            message = _("Would import from {file}: {summary} (dry run: nothing written)")
        else:
            message = _("Imported from {file}: {summary}")
        say(ctx, message.format(file=_into(where, data, plan), summary=shown))
        if dry_run:
            from ..render.messages import import_lines

            for line in import_lines(work, outcome.taken):
                say(ctx, line)
        for line in transfer.notes(outcome):
            tell(ctx, _("{file}: {note}").format(file=file, note=line))


def _other_form_figures(
    file: Path,
    table: Any,
    outcome: Any,
    given: dict[tuple[str, str, int, str | None, str | None], tuple[Path, int, str]],
) -> list[tuple[int, str]]:
    """Rows of a form giving another figure than a form of the same department and month before
    it in the run (two copies of one form, filled in differently): both files named. `given`
    holds what the forms so far gave."""
    department = table.marks.get("department")
    if not department:
        return []
    clash = []
    for (ident, month, stage, region), (row, figure) in outcome.figures.items():
        earlier = given.get((department, ident, month, stage, region))
        if earlier is not None and earlier[2] != figure:
            clash.append((row, _(
                "{indicator} month {month} is {figure} here but {other} in {file} row {other_row}, "
                "another form of {department}; keep one of them"
            ).format(indicator=ident, month=month, figure=figure, other=earlier[2], file=earlier[0],
                     other_row=earlier[1], department=department)))  # fmt: skip
    if not clash:
        for (ident, month, stage, region), (row, figure) in outcome.figures.items():
            given[(department, ident, month, stage, region)] = (file, row, figure)
    return clash


def _progress_table(
    ctx: typer.Context, file: Path, sheet: str | None, encoding: str | None, expected: int | None
) -> tuple[Path, Any, int | None]:
    """A file of figures read and its columns checked; the month of rows without one."""
    from .. import tables, transfer

    table = tables.read_table(
        file, sheet=sheet, encoding=encoding, expect=transfer.REQUIRED_PROGRESS,
        aliases=transfer.OFFICE_HEADERS, limits=_limits(), skip=transfer.footer,
    )  # fmt: skip
    month = transfer.table_month(
        [table.written.get("value", ""), table.written.get("delta", "")], table.above
    )
    if table.marks.get("month", "").isdecimal():
        month = _form_rows(ctx, file, table)
    month = _month_given(file, table, month, expected)
    missing = transfer.missing_progress_columns(table.header, month is not None)
    if missing:
        raise InputError(
            _("{file}: no column {columns} in the header row").format(
                file=file, columns=transfer.column_words(missing)
            ),
            hint=_("the columns are {columns} (or their Chinese names, see --help)").format(
                columns=transfer.column_words(transfer.PROGRESS_COLUMNS[:5])
            ),
        )
    return file, table, month


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

    A report as .xlsx is for people: in the interface language, a title row, a sheet each for the
    indicators, projects, departments ranked and warnings, the light as the status cell's fill.
    Its CSV and JSON keep the English field names and values scripts read.

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

        chosen = ReportQuery(
            year, month, tuple(project or ()), tuple(owner or ()), tuple(status or ()),
            today=date.fromisoformat(now()[:10]),
        )  # fmt: skip
        report = build_report(data, chosen)
        # The contract's rows only for a CSV file (a workbook has its own sheets, JSON its fields).
        header, rows = report_table(report) if suffix == "csv" else ([], [])
    elif what is What.plan:
        header, rows = transfer.PLAN_COLUMNS, transfer.plan_rows(plan)
    else:
        header, rows = transfer.progress_header(plan), transfer.progress_rows(plan)
    if report is not None and suffix == "xlsx":
        from ..progress import league
        from ..render.workbook import report_sheets

        # A workbook is for people: in the interface language, a sheet per view (CSV and JSON
        # stay the contract scripts read).
        sheets = report_sheets(report, league(plan, report))
        tables.write_workbook(output, sheets, protected=protected)
    elif suffix == "json":
        from ..render import json_bytes, report_json

        # JSON keeps JSON's types: null, lists; a report is what `report --format json` prints.
        body = report_json(report) if report is not None else transfer.json_rows(header, rows)
        write_file(ctx, output, json_bytes(body))
    else:
        tables.write_table(output, header, rows, protected=protected)
    say(
        ctx,
        _("Wrote {count} {what} rows to {file}").format(
            count=len(rows) if report is None else len(report.indicators),
            what=_(WHAT_WORDS[what.value]),
            file=output,
        ),
    )
    if what is What.plan:
        dated, rules_set, follow_ups = transfer.left_out_of_sheet(plan)
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
                    "the plan's rules (thresholds, mode, bands, escalation ladder) are not in the sheet; "
                    "after import-plan, set them again with set-thresholds and set-escalation"
                ),
            )
        if follow_ups:
            tell(
                ctx,
                ngettext(
                    "{count} follow-up record is not in the sheet (a copy of the store file carries it)",
                    "{count} follow-up records are not in the sheet (a copy of the store file carries them)",
                    follow_ups,
                ).format(count=follow_ups),
            )


class FormLanguage(str, Enum):
    zh = "zh"
    en = "en"


@group.command()
def forms(
    ctx: typer.Context,
    month: Month,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="The folder to write the forms in.")
    ],
    owner: Owners = None,
    all_owners: Annotated[
        bool, typer.Option("--all-owners", help="Also the indicators a department supports (配合).")
    ] = False,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="DATE", help="The date to return the forms by, e.g. 2022-07-05."),
    ] = None,
    lang: Annotated[
        FormLanguage, typer.Option("--lang", help="The forms' language: zh or en.")
    ] = FormLanguage.zh,
    year: Year = None,
) -> None:
    """Write the month's forms (填报表): one .xlsx per department, for the figures of month M.

    A form lists the indicators the department leads (with --all-owners, also those it
    supports), each with its last figure and expected percent, and empty cells for the new
    cumulative figure (a row per stage), a label and a note. All else is locked (without a
    password). A hidden sheet records the plan year, month and department, so the form
    returned says what it is: import-progress reads it.

    \b
    Examples:
      shishi forms --month 6 --due 2022-07-05 -o 6月填报表
      shishi import-progress 6月填报表/*.xlsx
    """
    from .. import forms as made
    from ..query import ReportQuery, match_owners
    from ..query import report as build_report
    from ..transfer import parse_date

    due_date = None
    if due is not None:
        try:
            due_date = parse_date(due)
        except ValueError as error:
            raise UsageError(_("--due: {reason}").format(reason=error)) from None
    data = read(ctx)
    plan = plans.select_plan(data, year)
    wanted = match_owners(plan, owner or ())
    result = build_report(data, ReportQuery(year=year, month=month))
    found = made.plan_forms(plan, result, None if wanted is None else sorted(wanted), all_owners)
    if not found:
        raise InputError(
            _("no department leads an indicator of the {year} plan").format(year=plan["year"]),
            hint=_("give the indicators their departments (责任单位) first"),
        )
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            _("cannot make the folder {path}: {reason}").format(path=output, reason=reason(error))
        ) from None
    for form in found:
        path = output / form.file_name
        write_file(ctx, path, made.workbook(plan, form, month, due_date, lang is FormLanguage.zh))
        say(
            ctx,
            ngettext(
                "{department}: {n} row -> {file}", "{department}: {n} rows -> {file}", len(form.rows)
            ).format(department=form.department, n=len(form.rows), file=path),
        )


@group.command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the store's files, for other tools that validate them.

    The store file names the years' files (STORE.years/YEAR.json); each of those is a store of
    its one plan.

    \b
    Example:
      shishi schema > shishi-store.schema.json
    """
    import orjson

    from ..models import Store

    sys.stdout.buffer.write(orjson.dumps(Store.model_json_schema(), option=orjson.OPT_INDENT_2) + b"\n")
