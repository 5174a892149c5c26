"""Time the writers of files for people (.xlsx and .docx) on generated plans, each run a process.

    python bench/office.py [--sizes 1000,7500] [--runs 5] [--shishi OLD/bin/shishi NEW/bin/shishi]

Builds a store of one plan for each size (bench/benchmark.py's build_store: projects of 10
indicators, a quarter of them in stages, 40 departments, 12 monthly figures each), then times,
round robin (a busy machine's noise falls on each alike; round 0 warms the file cache and is not
counted), each command as a process of its own:
  report .xlsx     export --what report -o report.xlsx (sheets 指标, 项目, 责任单位, 预警; --lang zh)
  plan .xlsx       export --what plan -o plan.xlsx
  progress .xlsx   export --what progress -o progress.xlsx (12 rows an indicator)
  forms            forms --month 12 -o DIR (a workbook per department)
  bulletin .docx   bulletin --month 12 --docx bulletin.docx (--lang zh)
  report .json     export --what report -o report.json, the same report as the contract, to compare
and prints a markdown table for docs/speed.md: the median wall time of each, and the median
processor time (user and system) the process took, which a machine busy with other work
changes less. `--shishi` times other commands (installs of other checkouts, for before and
after), each a command line in one argument ("python -m shishi_cli"), side by side in the same
rounds: a column each, in the order given.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRITERS: list[tuple[str, list[str]]] = [
    ("report .xlsx", ["--lang", "zh", "export", "--what", "report", "--month", "12", "-o", "report.xlsx"]),
    ("plan .xlsx", ["export", "--what", "plan", "-o", "plan.xlsx"]),
    ("progress .xlsx", ["export", "--what", "progress", "-o", "progress.xlsx"]),
    ("forms", ["forms", "--month", "12", "-o", "forms"]),
    ("bulletin .docx", ["--lang", "zh", "bulletin", "--month", "12", "--docx", "bulletin.docx"]),
    ("report .json", ["--lang", "zh", "export", "--what", "report", "--month", "12", "-o", "report.json"]),
]


def shishi_command() -> list[str]:
    script = Path(sys.executable).with_name("shishi")
    return [str(script)] if script.exists() else [sys.executable, "-m", "shishi_cli"]


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and processor seconds (user and system) of one process, its output dropped;
    an exit status other than 0 or 1 stops the benchmark."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=devnull, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        assert process.stderr is not None
        raise SystemExit(f"{' '.join(argv)} failed with status {code}: {process.stderr.read().decode()}")
    if process.stderr is not None:
        process.stderr.close()
    return elapsed, usage.ru_utime + usage.ru_stime


def build(path: Path, indicators: int) -> None:
    """A store of one plan of `indicators` (in a child process: the timing parent stays small)."""
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from benchmark import build_store; build_store(Path(sys.argv[2]), int(sys.argv[3]))"
    )
    here = Path(__file__).resolve().parent
    subprocess.run([sys.executable, "-c", code, str(here), str(path), str(indicators)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,7500", help="indicators of each plan")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds (after one to warm up)")
    parser.add_argument(
        "--shishi",
        nargs="+",
        metavar="COMMAND",
        help="the commands to time (default: the shishi beside this Python)",
    )
    args = parser.parse_args()
    installs = [command.split() for command in args.shishi] if args.shishi else [shishi_command()]
    sizes = [int(n) for n in args.sizes.split(",") if n]
    workdir = Path(tempfile.mkdtemp(prefix="shishi-office-"))
    started = time.perf_counter()
    try:
        stores = {}
        for size in sizes:
            stores[size] = workdir / str(size) / "store.json"
            build(stores[size], size)
        walls: dict[tuple[str, int, int], list[float]] = {}
        cpus: dict[tuple[str, int, int], list[float]] = {}
        for round_number in range(args.runs + 1):
            for size in sizes:
                env = {**os.environ, "SHISHI_STORE": str(stores[size]), "NO_COLOR": "1"}
                for name, command in WRITERS:
                    for which, shishi in enumerate(installs):
                        shutil.rmtree(stores[size].parent / "forms", ignore_errors=True)
                        wall, cpu = timed([*shishi, *command], env, stores[size].parent)
                        if round_number:
                            walls.setdefault((name, size, which), []).append(wall)
                            cpus.setdefault((name, size, which), []).append(cpu)
            print(f"round {round_number} done", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(workdir)
    load = os.getloadavg()[0]
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load:.1f} at the end;")
    print(f"median of {args.runs} runs each, wall time (processor time: user + system).\n")
    if len(installs) > 1:
        for which, shishi in enumerate(installs, start=1):
            print(f"{which}: {' '.join(shishi)}")
        print()
    columns = [(size, which) for size in sizes for which in range(len(installs))]
    heads = [
        f"{size:,} indicators" + (f" ({which + 1})" if len(installs) > 1 else "") for size, which in columns
    ]
    print("| writer | " + " | ".join(heads) + " |")
    print("|---|" + "---:|" * len(columns))
    for name, _command in WRITERS:
        cells = [
            f"{statistics.median(walls[name, size, which]):.2f} s "
            f"({statistics.median(cpus[name, size, which]):.2f} s)"
            for size, which in columns
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\n(the whole run: {time.perf_counter() - started:.0f} s)")
    print(f"the whole run: {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
