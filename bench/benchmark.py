"""Time shishi on province-sized stores against the bare start-up of Python with its libraries.

    python bench/benchmark.py [--runs 15] [--quick] [--skip 600k,tenyear,pty,pty20k,import,writers]

Builds, each in a child process through the package's own save_store (whatever the store's
layout on disk), each store in a folder of its own:
  60k       one plan of 5,000 indicators (500 projects of 10) × 12 monthly cumulative entries
  tenyear   ten plans like it, 2017–2026 (600,000 entries), the latest the same plan as 60k's
  600k      one plan of 50,000 indicators × 12 months (600,000 entries)
  pty20k    one plan of 20,000 indicators × 12 months, for the table on a terminal
then times each command as a separate process, round robin against the floor (the machine's
noise falls on every command alike), and reports the median and the peak memory (max RSS):
  floor          python -c "import typer, rich, pydantic"
  on 60k         shishi --help; report --month 12 --format json; lagging --month 12 (a table,
                 not on a terminal: /dev/null as in a cron job); add-progress (one entry, written
                 atomically and kept as a version); the report after a hand edit (full
                 validation); import-progress of the store's 60,000 entries exported to CSV, into
                 the plan without entries (restored before each run, untimed) and again into the
                 store that has them (nothing new); report --month 6 on a pseudo-terminal
                 (a rich table, 120 columns, colour)
  on tenyear     report, lagging and add-progress as on 60k (the latest plan, the default),
                 and their ratio to the same command on 60k
  on 600k        report, lagging, add-progress and check; with 60k's, the cost per entry
  on pty20k      report --month 6 on a pseudo-terminal
Commands that take seconds run in every third round only (--slow-every); round 0 warms the file
cache and is not counted. Then how many changes land a second with 1 writer (add-progress one
after another) and with 16 at once (16 processes, each a few add-progress one after another),
with the longest a change took from start to end (its wait for its turn among them).
--quick times only the 60k store (and the writers); --skip leaves out the parts named.
Prints markdown tables for docs/speed.md; says how long the whole run took on stderr's last line
and in the output.

The pseudo-terminal runner is this file's own (pty.openpty, the child's stdin, stdout and
stderr on the slave, the master read until EOF), as bench/terminal.py is not there yet.
"""

from __future__ import annotations

import argparse
import atexit
import errno
import fcntl
import os
import pty
import random
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shishi_cli.records import EntryRecord, IndicatorRecord, PlanRecord, ProjectRecord

HERE = Path(__file__).resolve().parent
PARTS = ("600k", "tenyear", "pty", "pty20k", "import", "writers")  # what --skip may leave out
TITLE = "省级民生实事基准"
EDITED = "省级民生实事基准（手改）"


def build_store(
    path: Path, indicators: int, years: range = range(2022, 2023), entries: bool = True, seed: int = 2022
) -> None:
    """A store of one plan a year in `years`, each of `indicators` indicators (projects of 10)
    with 12 monthly cumulative entries each (none without `entries`), written by the package's
    own save_store whatever its layout on disk. The latest plan is drawn from `seed`, so that
    it is the same plan, figure for figure, in a store of one year and in one of ten.

    Run in a child process, so that the timing parent stays small (see run())."""
    from shishi_cli.records import new_store
    from shishi_cli.store import save_store

    store = new_store()
    for year in years:
        store["plans"][str(year)] = build_plan(year, indicators, entries, seed - (years[-1] - year))
    path.parent.mkdir(parents=True, exist_ok=True)
    save_store(path, store)


def build_plan(
    year: int, indicators: int, entries: bool = True, seed: int = 2022, per_project: int = 10
) -> PlanRecord:
    """A plan of `indicators` indicators, `per_project` to a project numbered from 1 (the last
    one may hold fewer), a quarter of them staged (开工, 完工), owned by 40 departments; with 12
    cumulative monthly figures each unless not `entries` (bench/imports.py builds its files
    from it too)."""
    from shishi_cli.records import default_settings

    rng = random.Random(seed)
    projects: list[ProjectRecord] = []
    progress: list[EntryRecord] = []
    for p in range(1, -(-indicators // per_project) + 1):
        inds: list[IndicatorRecord] = []
        for i in range(1, min(per_project, indicators - (p - 1) * per_project) + 1):
            ident = f"{p}.{i}"
            staged = i % 4 == 0
            target = rng.choice([30, 100, 300, 3000, 350000])
            inds.append(
                {
                    "id": ident,
                    "name": f"第{p}件第{i}项指标",
                    "kind": "quantity",
                    "target": str(target),
                    "unit": "个",
                    "baseline": None,
                    "owners": [f"市第{p % 40}局"],
                    "deadline": None,
                    "stages": ["开工", "完工"] if staged else [],
                    "counts": "完工" if staged else None,
                    "trajectory": [],
                }
            )
            pace = rng.uniform(0.5, 1.3) * target / 12
            value = 0.0
            for month in range(1, 13):
                value += rng.uniform(0, 2) * pace
                entry: EntryRecord = {"indicator": ident, "month": month}
                if staged:
                    entry["stage"] = "完工"
                entry |= {"value": str(round(value)), "at": f"{year}-07-27T09:00:00"}
                if entries:
                    progress.append(entry)
        projects.append(
            {
                "number": p,
                "title": f"第{p}件实事",
                "owners": [f"市第{p % 40}局"],
                "indicators": inds,
            }
        )
    return {
        "year": year,
        "title": "省级民生实事基准",
        "settings": default_settings(),
        "projects": projects,
        "progress": progress,
        "history": [],
    }


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one run of `cmd`.

    posix_spawn starts the child without copying this process, so the child's peak memory
    is its own; output goes to /dev/null as in a cron job.
    """
    actions = [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    check_status(cmd, status)
    return elapsed, usage.ru_maxrss


def run_on_pty(cmd: list[str], env: dict[str, str], columns: int = 120) -> tuple[float, int, bytes]:
    """Wall time, peak RSS in KiB and output of one run of `cmd` on a pseudo-terminal: its stdin,
    stdout and stderr the slave (`columns` wide), the master read until EOF, which comes when the
    child (and anything it left running) has closed the slave."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    actions = [
        (os.POSIX_SPAWN_DUP2, slave, 0),
        (os.POSIX_SPAWN_DUP2, slave, 1),
        (os.POSIX_SPAWN_DUP2, slave, 2),
        (os.POSIX_SPAWN_CLOSE, master),
        (os.POSIX_SPAWN_CLOSE, slave),
    ]
    chunks = []
    start = time.perf_counter()
    try:
        pid = os.posix_spawn(cmd[0], cmd, env, file_actions=actions)
    finally:
        os.close(slave)  # the child's copies are the only ones left: EOF when it is done
    try:
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError as error:  # Linux: EIO once no process has the slave open
                if error.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            chunks.append(chunk)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.close(master)
    check_status(cmd, status)
    return elapsed, usage.ru_maxrss, b"".join(chunks)


def check_status(cmd: list[str], status: int) -> None:
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with status {code}")


@dataclass
class Row:
    """A command timed in the round robin, and what it is held to."""

    name: str
    argv: list[str] | Callable[[], list[str]]
    env: dict[str, str]
    every: int = 1  # run in every `every`-th round only (slow commands)
    target: float | None = None  # at most this many times the floor
    mib: int | None = None  # peak memory under this
    like: Row | None = None  # held to `target` times this row's time instead of the floor's
    pty: bool = False  # on a pseudo-terminal
    before: Callable[[], None] | None = None  # untimed, before each run
    times: list[float] = field(default_factory=list)
    peak: int = 0  # KiB

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Shape:
    """A store, the rows timed on it, printed as one table."""

    title: str
    rows: dict[str, Row] = field(default_factory=dict)


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def restore(pristine: Path, folder: Path) -> None:
    """The store folder as it was built (a store of any layout: every file in its folder)."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(pristine, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=5000, help="of the 60k store and each year")
    parser.add_argument("--years", type=int, default=10, help="plans of the ten-year store")
    parser.add_argument("--big", type=int, default=50000, help="indicators of the 600k plan")
    parser.add_argument("--pty-indicators", type=int, default=20000, help="of the pty20k store")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--slow-every", type=int, default=3, help="slow commands run every Nth round")
    parser.add_argument("--writes", type=int, default=20, help="changes by one writer alone")
    parser.add_argument("--each", type=int, default=5, help="changes by each of 16 writers at once")
    parser.add_argument("--quick", action="store_true", help="only the 60k store (and the writers)")
    parser.add_argument("--skip", default="", help=f"leave out, comma separated: {', '.join(PARTS)}")
    parser.add_argument("--build", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--first-year", type=int, default=2022, help=argparse.SUPPRESS)
    parser.add_argument("--last-year", type=int, default=2022, help=argparse.SUPPRESS)
    parser.add_argument("--empty", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        years = range(args.first_year, args.last_year + 1)
        build_store(Path(args.build), args.indicators, years, entries=not args.empty)
        return
    skip = {part for part in args.skip.split(",") if part}
    if skip - set(PARTS):
        parser.error(f"--skip: unknown {', '.join(sorted(skip - set(PARTS)))}; known: {', '.join(PARTS)}")
    if args.quick:
        skip |= {"600k", "tenyear", "pty20k"}
    if "pty" in skip:
        skip.add("pty20k")
    began = time.perf_counter()
    load = os.getloadavg()[0]  # the machine is shared: how busy it was says how far to trust it

    workdir = Path(tempfile.mkdtemp(prefix="shishi-bench-"))
    # Its hundreds of MiB go on an error, Ctrl-C or a kill (SIGTERM) too.
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    last = 2026 if args.years > 1 else 2022
    builds = {  # folder: indicators, years, entries
        "60k": (args.indicators, range(2022, 2023), True),
        "tenyear": (args.indicators, range(last - args.years + 1, last + 1), True),
        "600k": (args.big, range(2022, 2023), True),
        "pty20k": (args.pty_indicators, range(2022, 2023), True),
        "import-empty": (args.indicators, range(2022, 2023), False),
    }
    if "import" in skip:
        del builds["import-empty"]
    for part in ("tenyear", "600k", "pty20k"):
        if part in skip:
            del builds[part]
    # Built in child processes, side by side: children forked from a big parent would inherit its
    # memory, and the parent stays the small timer it was.
    children = {}
    for name, (indicators, years, entries) in builds.items():
        (workdir / name).mkdir()
        argv = [sys.executable, __file__, "--build", str(workdir / name / "store.json")]
        argv += ["--indicators", str(indicators), "--first-year", str(years[0])]
        argv += ["--last-year", str(years[-1])] + (["--empty"] if not entries else [])
        children[name] = subprocess.Popen(argv)
    for name, child in children.items():
        if child.wait():
            raise SystemExit(f"building the {name} store failed")
    built = time.perf_counter() - began
    sizes = {name: folder_size(workdir / name) / 2**20 for name in builds}
    print(f"stores built in {built:.0f} s", file=sys.stderr)

    script = Path(sys.executable).with_name("shishi")
    shishi = [str(script)] if script.exists() else [sys.executable, "-m", "shishi_cli"]
    base = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}

    def env_of(name: str) -> dict[str, str]:
        return {**base, "SHISHI_STORE": str(workdir / name / "store.json")}

    # A terminal as a person has one: colour, 120 columns.
    terminal = {k: v for k, v in base.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color"}

    # The hand-edited store: a copy whose title was changed in its files, by hand (its checksum
    # then no longer matches), read by report only, which leaves it as it is.
    restore(workdir / "60k", workdir / "edited")
    for file in (workdir / "edited").rglob("*"):
        if file.is_file() and TITLE.encode() in (raw := file.read_bytes()):
            file.write_bytes(raw.replace(TITLE.encode(), EDITED.encode()))
    csv = workdir / "progress.csv"
    if "import" not in skip:  # the 60k store's entries, before any add-progress changes one
        exported = [*shishi, "export", "--what", "progress", "-o", str(csv)]
        subprocess.run(exported, env=env_of("60k"), check=True, stdout=subprocess.DEVNULL)
        rows_in_csv = csv.read_bytes().count(b"\n") - 1
        restore(workdir / "60k", workdir / "import-again")

    counter = iter(range(10**6))

    def add_progress() -> list[str]:
        return [*shishi, "add-progress", "1.1", str(1000 + next(counter)), "--month", "12"]

    report = [*shishi, "report", "--month", "12", "--format", "json"]
    lagging = [*shishi, "lagging", "--month", "12"]
    table = [*shishi, "report", "--month", "6"]
    slow = args.slow_every
    entries = args.indicators * 12
    floor = Row(
        "floor: `python -c 'import typer, rich, pydantic'`",
        [sys.executable, "-c", "import typer, rich, pydantic"],
        base,
    )

    one = Shape(
        f"{entries:,} entries: {args.indicators:,} indicators × 12 months, one plan ({sizes['60k']:.1f} MiB)"
    )
    one.rows["help"] = Row("`shishi --help`", [*shishi, "--help"], base, target=1.5)
    one.rows["report"] = Row(
        "`shishi report --month 12 --format json`", report, env_of("60k"), target=1.5, mib=150
    )
    one.rows["lagging"] = Row(
        "`shishi lagging --month 12` (not a terminal)", lagging, env_of("60k"), target=1.5, mib=150
    )
    one.rows["add"] = Row(
        "`shishi add-progress 1.1 N --month 12` (written, kept as a version)",
        add_progress,
        env_of("60k"),
        target=1.5,
        mib=150,
    )
    one.rows["edited"] = Row(
        "report on a hand-edited store (full validation)", report, env_of("edited"), every=slow
    )
    if "import" not in skip:
        imported = [*shishi, "import-progress", str(csv)]
        one.rows["import"] = Row(
            f"`shishi import-progress` {rows_in_csv:,} rows into the plan without entries",
            imported,
            env_of("import"),
            every=slow,
            target=5,
            before=lambda: restore(workdir / "import-empty", workdir / "import"),
        )
        one.rows["import-again"] = Row(
            f"`shishi import-progress` the same {rows_in_csv:,} rows again (nothing new)",
            imported,
            env_of("import-again"),
            every=slow,
            target=5,
        )
    if "pty" not in skip:
        one.rows["pty"] = Row(
            "`shishi report --month 6` on a terminal (rich table, 120 columns)",
            table,
            {**terminal, "SHISHI_STORE": str(workdir / "60k" / "store.json")},
            every=slow,
            target=2,
            pty=True,
        )
    shapes = {"60k": one}
    if "tenyear" not in skip:  # (as cheap as the one-year rows, and as often measured)
        ten = Shape(
            f"{entries * args.years:,} entries: {args.years} yearly plans ({last - args.years + 1}–{last}) "
            f"of {entries:,} entries each, commands on the latest ({sizes['tenyear']:.1f} MiB)"
        )
        ten.rows["report"] = Row(
            "`shishi report --month 12 --format json`",
            report,
            env_of("tenyear"),
            target=1.2,
            like=one.rows["report"],
        )
        ten.rows["lagging"] = Row(
            "`shishi lagging --month 12` (not a terminal)",
            lagging,
            env_of("tenyear"),
            target=1.2,
            like=one.rows["lagging"],
        )
        ten.rows["add"] = Row(
            "`shishi add-progress 1.1 N --month 12`",
            add_progress,
            env_of("tenyear"),
            target=1.2,
            like=one.rows["add"],
        )
        shapes["tenyear"] = ten
    if "600k" not in skip:
        big = Shape(
            f"{args.big * 12:,} entries: {args.big:,} indicators × 12 months, one plan "
            f"({sizes['600k']:.1f} MiB)"
        )
        big.rows["report"] = Row(
            "`shishi report --month 12 --format json`", report, env_of("600k"), every=slow, target=3, mib=300
        )
        big.rows["lagging"] = Row(
            "`shishi lagging --month 12` (not a terminal)",
            lagging,
            env_of("600k"),
            every=slow,
            target=3,
            mib=300,
        )
        big.rows["add"] = Row(
            "`shishi add-progress 1.1 N --month 12`", add_progress, env_of("600k"), every=slow, target=3
        )
        big.rows["check"] = Row("`shishi check`", [*shishi, "check"], env_of("600k"), every=slow, target=5)
        shapes["600k"] = big
    if "pty20k" not in skip:
        wide = Shape(
            f"{args.pty_indicators * 12:,} entries: {args.pty_indicators:,} indicators × 12 months, "
            f"one plan ({sizes['pty20k']:.1f} MiB), on a terminal"
        )
        wide.rows["pty"] = Row(
            "`shishi report --month 6` on a terminal (rich table, 120 columns)",
            table,
            {**terminal, "SHISHI_STORE": str(workdir / "pty20k" / "store.json")},
            every=slow,
            target=4,
            pty=True,
        )
        shapes["pty20k"] = wide

    rows = [floor] + [row for shape in shapes.values() for row in shape.rows.values()]
    for round_ in range(args.runs + 1):  # round 0 warms the file cache and the bytecode
        # Round robin: the machine's noise falls on every command alike.
        for row in rows:
            if round_ % row.every and (round_ < args.runs or row.times):
                continue  # slow; a part of the rounds is enough (at least the last)
            if row.before:
                row.before()
            argv = row.argv() if callable(row.argv) else row.argv
            if row.pty:
                elapsed, peak, output = run_on_pty(argv, row.env)
                if not round_ and "━".encode() not in output and "─".encode() not in output:
                    print(f"warning: no rich table on the terminal from {row.name}", file=sys.stderr)
            else:
                elapsed, peak = run(argv, row.env)
            if round_:
                row.times.append(elapsed)
                row.peak = max(row.peak, peak)
        print(f"round {round_}/{args.runs} done at {time.perf_counter() - began:.0f} s", file=sys.stderr)

    slow_runs = max(1, args.runs // slow)
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {args.runs} runs, "
        f"of {slow_runs} for the rows marked † (one round in {slow}), round robin with the floor, "
        "which every table's × floor is of; load average "
        f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end of the rounds.\n"
    )
    for key, shape in shapes.items():
        print(f"{shape.title}:\n")
        print("| command | time | × floor | target | peak memory |")
        print("|---|---:|---:|---|---:|")
        if key == "60k":
            print(row_line(floor, floor.median))
        for row in shape.rows.values():
            print(row_line(row, floor.median))
        print()

    if "tenyear" in shapes:
        print("Ten years against one, the same command on the latest plan (target: within 1.2×):\n")
        print("| command | one year | ten years | ratio | peak memory one year → ten years |")
        print("|---|---:|---:|---:|---:|")
        for key, row in shapes["tenyear"].rows.items():
            one_row = one.rows[key]
            print(
                f"| {row.name} | {ms(one_row.median)} | {ms(row.median)} | {row.median / one_row.median:.2f} "
                f"| {mib(one_row.peak)} → {mib(row.peak)} |"
            )
        print()
    if "600k" in shapes:
        added = (args.big - args.indicators) * 12
        print(f"Growth per entry, from {entries:,} to {args.big * 12:,} entries in one plan:\n")
        print("| command | time 60k → 600k | µs per entry | peak memory | MiB per 100,000 entries |")
        print("|---|---:|---:|---:|---:|")
        for key in ("report", "lagging", "add"):
            small, large = one.rows[key], shapes["600k"].rows[key]
            per_entry = (large.median - small.median) / added * 1e6
            per_100k = (large.peak - small.peak) / 1024 / added * 100_000
            print(
                f"| {large.name} | {ms(small.median)} → {ms(large.median)} | {per_entry:.2f} "
                f"| {mib(small.peak)} → {mib(large.peak)} | {per_100k:.1f} |"
            )
        print()

    if "writers" not in skip:
        print(f"Writes a second on the {entries:,}-entry store:\n")
        print("| writers | changes | writes per second | longest change |")
        print("|---:|---:|---:|---:|")
        for writers, each in ((1, args.writes), (16, args.each)):
            rate, longest = burst(shishi, env_of("60k"), writers, each, counter)
            print(f"| {writers} | {writers * each} | {rate:.1f} | {longest:.2f} s |")
        print()
    took = time.perf_counter() - began
    print(f"The whole run took {took / 60:.1f} min (building the stores {built:.0f} s).")
    print(f"whole run: {took:.0f} s", file=sys.stderr)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def row_line(row: Row, floor: float) -> str:
    """A table line: the median, its ratio to the floor, the target and whether it is met."""
    t = row.median
    marks = []
    if row.like is not None and row.target is not None:
        ratio = t / row.like.median
        marks.append(f"≤ {row.target:g}× one year ({ratio:.2f}×) {'✓' if ratio <= row.target else '✗'}")
    elif row.target is not None:
        marks.append(f"≤ {row.target:g}× {'✓' if t / floor <= row.target else '✗'}")
    if row.mib is not None:
        marks.append(f"< {row.mib} MiB {'✓' if row.peak / 1024 < row.mib else '✗'}")
    name = row.name + (" †" if row.every > 1 else "")
    return f"| {name} | {ms(t)} | {t / floor:.2f} | {', '.join(marks) or '—'} | {mib(row.peak)} |"


def burst(
    shishi: list[str], env: dict[str, str], writers: int, each: int, counter: Iterator[int]
) -> tuple[float, float]:
    """`writers` processes at once, each `each` add-progress one after another: changes a second,
    and the longest one from start to end."""
    longest = 0.0

    def writer(ident: str) -> None:
        nonlocal longest
        for _ in range(each):
            argv = [*shishi, "add-progress", ident, str(1000 + next(counter)), "--month", "12"]
            longest = max(longest, run(argv, env)[0])

    threads = [threading.Thread(target=writer, args=(f"{n}.1",)) for n in range(1, writers + 1)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return writers * each / (time.perf_counter() - start), longest


if __name__ == "__main__":
    main()
