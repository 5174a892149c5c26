"""Time shishi's imports on generated plans and figures, each import a process of its own.

    python bench/imports.py [--plans 1000,5000,20000,50000] [--per-project 10] [--progress 5000]

Writes, as `shishi export` writes them, plan sheets of N indicators (`--per-project` to a
project: 50,000 indicators are 5,000 projects) and the progress of a plan of `--progress`
indicators (12 months each: 60,000 rows), then times, once each (the largest take long):
  import-plan      a plan sheet into a new, empty plan
  import-progress  every figure into the plan without any (all new)
  again            the same export into the store that holds it (nothing new)
  forms            the departments' December forms (`shishi forms`), filled in, in one run
with the peak memory (max RSS) of each, and prints a markdown table for docs/speed.md.
`--shishi "python -m shishi_cli"` times another command (another checkout on PYTHONPATH).

For bench/benchmark.py and others: import_plan_seconds and import_progress_seconds build the
files in a folder and return the seconds one import takes; time_import times any import.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

YEAR = 2022
TITLE = "省级民生实事基准"


def plan_record(indicators: int, per_project: int = 10, entries: bool = True) -> dict[str, Any]:
    """A plan of `indicators` indicators, `per_project` to a project, as bench/benchmark.py
    builds its stores (with 12 monthly figures each unless not `entries`)."""
    from benchmark import build_plan  # (this folder is the script's: on sys.path)

    return dict(build_plan(YEAR, indicators, entries, seed=YEAR, per_project=per_project))


def save_plan(path: Path, plan: dict[str, Any]) -> None:
    """A store holding `plan`, as shishi writes one (with its checksum: read without validation)."""
    from shishi_cli.records import new_store
    from shishi_cli.store import save_store

    store = new_store()
    store["plans"][str(plan["year"])] = plan
    save_store(path, store)  # type: ignore[arg-type]


def write_sheet(path: Path, plan: dict[str, Any], what: str) -> None:
    """The plan's sheet or its progress, as `shishi export --what plan|progress -o PATH` writes it."""
    from shishi_cli import tables, transfer

    if what == "plan":
        tables.write_table(path, transfer.PLAN_COLUMNS, transfer.plan_rows(plan))  # type: ignore[arg-type]
    else:
        header = transfer.progress_header(plan)  # type: ignore[arg-type]
        tables.write_table(path, header, transfer.progress_rows(plan))  # type: ignore[arg-type]


def fill_forms(folder: Path, plan: dict[str, Any], month: int) -> int:
    """Each indicator's figure of `month` written into the forms `shishi forms` made in `folder`,
    as the departments would; how many."""
    import openpyxl

    figures = {
        (e["indicator"], e.get("stage") or ""): e["value"] for e in plan["progress"] if e["month"] == month
    }
    filled = 0
    for path in sorted(folder.glob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        for row in book.worksheets[0].iter_rows(min_row=4):
            figure = figures.get((str(row[0].value), row[3].value or ""))
            if figure is not None:
                row[9].value = int(figure)
                filled += 1
        book.save(path)
    return filled


def shishi_command() -> list[str]:
    script = Path(sys.executable).with_name("shishi")
    return [str(script)] if script.exists() else [sys.executable, "-m", "shishi_cli"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one process (its output dropped); an exit
    status other than 0 or 1 stops the benchmark."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        process = subprocess.Popen(argv, env=env, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with status {code}")
    return elapsed, usage.ru_maxrss


def time_import(
    store: Path, files: list[Path], what: str = "plan", shishi: list[str] | None = None
) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of `shishi import-plan|import-progress FILE...` into
    `store` (which it changes), as a process of its own, with room for files of any size."""
    env = {
        **os.environ, "SHISHI_STORE": str(store), "NO_COLOR": "1",
        "SHISHI_IMPORT_ROWS": "10000000", "SHISHI_IMPORT_MB": "2000",
    }  # fmt: skip
    return run([*(shishi or shishi_command()), f"import-{what}", *map(str, files)], env)


def new_store(path: Path, shishi: list[str] | None = None) -> Path:
    """A store with an empty plan of YEAR, made by shishi."""
    env = {**os.environ, "SHISHI_STORE": str(path)}
    argv = [*(shishi or shishi_command()), "init", "--year", str(YEAR), "--title", TITLE]
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return path


def plan_import(
    workdir: Path,
    indicators: int,
    per_project: int = 10,
    suffix: str = "csv",
    shishi: list[str] | None = None,
) -> tuple[float, int]:
    """Seconds and peak memory of import-plan bringing a sheet of `indicators` into an empty plan."""
    sheet = workdir / f"plan-{indicators}-{per_project}.{suffix}"
    if not sheet.exists():
        write_sheet(sheet, plan_record(indicators, per_project, entries=False), "plan")
    store = new_store(workdir / f"plan-{indicators}-{time.monotonic_ns()}.json", shishi)
    return time_import(store, [sheet], "plan", shishi)


def progress_import(
    workdir: Path,
    indicators: int,
    per_project: int = 10,
    suffix: str = "csv",
    again: bool = False,
    shishi: list[str] | None = None,
) -> tuple[float, int]:
    """Seconds and peak memory of import-progress bringing the 12 months of a plan of
    `indicators` into it: all new, or `again` into the store that has them (nothing new)."""
    plan = plan_record(indicators, per_project)
    export = workdir / f"progress-{indicators}-{per_project}.{suffix}"
    if not export.exists():
        write_sheet(export, plan, "progress")
    store = workdir / f"progress-{indicators}-{time.monotonic_ns()}.json"
    save_plan(store, plan if again else {**plan, "progress": []})
    return time_import(store, [export], "progress", shishi)


def import_plan_seconds(workdir: Path, indicators: int, per_project: int = 10, suffix: str = "csv") -> float:
    """Seconds import-plan takes to bring a sheet of `indicators` indicators into an empty plan."""
    return plan_import(workdir, indicators, per_project, suffix)[0]


def import_progress_seconds(
    workdir: Path, indicators: int, per_project: int = 10, suffix: str = "csv", again: bool = False
) -> float:
    """Seconds import-progress takes to bring a plan's 12 × `indicators` figures in (see progress_import)."""
    return progress_import(workdir, indicators, per_project, suffix, again)[0]


def forms_import(
    workdir: Path, indicators: int, per_project: int = 10, shishi: list[str] | None = None
) -> tuple[float, int, int, int]:
    """Seconds and peak memory of importing, in one run, the December forms of a plan of
    `indicators` with 11 months of figures, each filled in; how many forms and figures."""
    plan = plan_record(indicators, per_project)
    store = workdir / f"forms-{indicators}.json"
    save_plan(store, {**plan, "progress": [e for e in plan["progress"] if e["month"] < 12]})
    folder = workdir / f"forms-{indicators}"
    env = {**os.environ, "SHISHI_STORE": str(store)}
    argv = [*(shishi or shishi_command()), "forms", "--month", "12", "-o", str(folder)]
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    filled = fill_forms(folder, plan, 12)
    files = sorted(folder.glob("*.xlsx"))
    seconds, peak = time_import(store, files, "progress", shishi)
    return seconds, peak, len(files), filled


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--plans", default="1000,5000,20000,50000", help="indicators of each plan sheet")
    parser.add_argument("--per-project", type=int, default=10)
    parser.add_argument("--progress", type=int, default=5000, help="indicators whose 12 months are imported")
    parser.add_argument("--format", default="csv", choices=["csv", "xlsx"])
    parser.add_argument("--no-forms", action="store_true", help="leave out the forms (slow to fill in)")
    parser.add_argument("--shishi", help="the command to time (default: the shishi beside this Python)")
    args = parser.parse_args()
    shishi = args.shishi.split() if args.shishi else shishi_command()
    workdir = Path(tempfile.mkdtemp(prefix="shishi-imports-"))
    rows: list[tuple[str, float, int]] = []

    def said(name: str, seconds: float, peak: int) -> None:
        rows.append((name, seconds, peak))
        print(f"{name}: {seconds:.2f} s, {peak / 1024:.0f} MiB", file=sys.stderr, flush=True)

    per = args.per_project
    for size in (int(n) for n in args.plans.split(",") if n):
        seconds, peak = plan_import(workdir, size, per, args.format, shishi)
        said(f"import-plan: {size:,} indicators, {-(-size // per):,} projects", seconds, peak)
    if args.progress:
        entries = args.progress * 12
        seconds, peak = progress_import(workdir, args.progress, per, args.format, shishi=shishi)
        said(f"import-progress: {entries:,} rows, all new", seconds, peak)
        seconds, peak = progress_import(workdir, args.progress, per, args.format, again=True, shishi=shishi)
        said(f"import-progress: the same {entries:,} rows again, nothing new", seconds, peak)
        if not args.no_forms:
            seconds, peak, files, filled = forms_import(workdir, args.progress, per, shishi)
            said(f"import-progress: {files} forms, {filled:,} figures, in one run", seconds, peak)
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores; one run each.\n")
    print("| import | time | peak memory |")
    print("|---|---:|---:|")
    for name, seconds, peak in rows:
        print(f"| {name} | {seconds:.2f} s | {peak / 1024:.0f} MiB |")
    shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
