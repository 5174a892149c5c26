"""Time shishi on a province-sized store against the bare start-up of Python with its libraries.

    python bench/benchmark.py [--indicators 5000] [--runs 15]

Builds a store of N indicators (500 projects of 10) with 12 monthly cumulative entries each,
then times, as separate processes, each a median of several runs:
  floor          python -c "import typer, rich, pydantic"
  --help         shishi --help
  report         shishi report --month 12 --format json
  lagging        shishi lagging --month 12 (table, into a pipe)
  add-progress   shishi add-progress ... (one entry, written atomically and kept as a version)
  report, hand-edited   the same report after the store was changed by hand (full validation)
and the peak memory (max RSS) of each; then how many changes land a second with 1 writer (add-progress
one after another) and with 16 at once (16 processes, each a few add-progress one after another),
with the longest a change took from start to end (its wait for its turn among them). Prints
markdown tables for docs/speed.md.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shishi_cli.records import EntryRecord, IndicatorRecord, PlanRecord, ProjectRecord

HERE = Path(__file__).resolve().parent


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
    save_store(path, store)


def build_plan(year: int, indicators: int, entries: bool, seed: int) -> PlanRecord:
    from shishi_cli.records import default_settings

    rng = random.Random(seed)
    projects: list[ProjectRecord] = []
    progress: list[EntryRecord] = []
    per_project = 10
    for p in range(1, indicators // per_project + 1):
        inds: list[IndicatorRecord] = []
        for i in range(1, per_project + 1):
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
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with status {code}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--writes", type=int, default=20, help="changes by one writer alone")
    parser.add_argument("--each", type=int, default=5, help="changes by each of 16 writers at once")
    parser.add_argument("--build", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_store(Path(args.build), args.indicators)
        return

    workdir = Path(tempfile.mkdtemp(prefix="shishi-bench-"))
    store = workdir / "store.json"
    # Built in a child process: children forked from a big parent would inherit its memory.
    subprocess.run(
        [sys.executable, __file__, "--build", str(store), "--indicators", str(args.indicators)],
        check=True,
    )
    script = Path(sys.executable).with_name("shishi")
    shishi = [str(script)] if script.exists() else [sys.executable, "-m", "shishi_cli"]
    env = {**os.environ, "SHISHI_STORE": str(store), "NO_COLOR": "1", "COLUMNS": "120"}
    entries = args.indicators * 12
    size = store.stat().st_size / 2**20

    edited = workdir / "edited.json"
    shutil.copy(store, edited)
    text = edited.read_text(encoding="utf-8").replace("省级民生实事基准", "省级民生实事基准（手改）")
    edited.write_text(text, encoding="utf-8")
    edited_env = {**env, "SHISHI_STORE": str(edited)}

    counter = iter(range(10**6))
    commands: dict[str, tuple[object, dict[str, str]]] = {
        "floor: python -c 'import typer, rich, pydantic'": (
            [sys.executable, "-c", "import typer, rich, pydantic"],
            env,
        ),
        "shishi --help": ([*shishi, "--help"], env),
        "shishi report --month 12 --format json": (
            [*shishi, "report", "--month", "12", "--format", "json"],
            env,
        ),
        "shishi lagging --month 12": ([*shishi, "lagging", "--month", "12"], env),
        "shishi add-progress 1.1 N --month 12": (
            lambda: [*shishi, "add-progress", "1.1", str(1000 + next(counter)), "--month", "12"],
            env,
        ),
        "report on a hand-edited store (full validation)": (
            [*shishi, "report", "--month", "12", "--format", "json"],
            edited_env,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for round_ in range(args.runs + 1):  # round 0 warms the file cache and the bytecode
        # Round robin: the machine's noise falls on every command alike.
        for name, (cmd, cmd_env) in commands.items():
            if name.startswith("report on a hand-edited") and round_ % 3:
                continue  # slow; a third of the rounds is enough
            argv = cmd() if callable(cmd) else cmd
            elapsed, peak = run(argv, cmd_env)  # type: ignore[arg-type]
            if round_:
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
    floor = statistics.median(times[next(iter(commands))])
    rows = [(name, statistics.median(times[name]), peaks[name]) for name in commands]

    print(
        f"Store: {args.indicators} indicators, {entries} entries, {size:.1f} MiB; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; median of {args.runs} runs.\n"
    )
    print("| command | time | × floor | peak memory |")
    print("|---|---:|---:|---:|")
    for name, t, peak in rows:
        print(f"| {name} | {t * 1000:.0f} ms | {t / floor:.2f} | {peak / 1024:.0f} MiB |")

    print("\n| writers | changes | writes per second | longest change |")
    print("|---:|---:|---:|---:|")
    for writers, each in ((1, args.writes), (16, args.each)):
        rate, longest = burst(shishi, env, writers, each, counter)
        print(f"| {writers} | {writers * each} | {rate:.1f} | {longest:.2f} s |")
    shutil.rmtree(workdir)


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
