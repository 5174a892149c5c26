"""Time shishi's tables on a real pseudo-terminal, as a person sees them, against the same into a pipe.

    python bench/terminal.py [--indicators 1000 5000 20000] [--runs 5] [--columns 120] [--colour]
                             [--shishi PATH ...]

Builds a store of each size (bench/benchmark.py's build_store), then times, as separate
processes, `report --month 6` and `lagging --month 6` written to a pseudo-terminal (the output
read and thrown away until the end) and into a pipe, each a median of several runs, round
robin, against the floor (python importing typer, rich and pydantic, the Python beside the
first shishi). `--shishi` times other installs of shishi side by side (an older one, to compare):
each is a path to its console script. Prints a markdown table for docs/speed.md. `time_on_pty`
is what bench/benchmark.py can reuse; `on_pty` also gives the output (tests/test_terminal.py).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def on_pty(argv: Sequence[str], env: Mapping[str, str], *, timeout: float = 600) -> tuple[float, int, bytes]:
    """Run `argv` with its stdout on a new pseudo-terminal (stderr thrown away): the wall time in
    seconds until it has exited and its output was read to the end, its exit code, and the output.

    The terminal is as wide as $COLUMNS in `env` (80 without it), as a window of that size is."""
    leader, follower = pty.openpty()
    columns = int(env.get("COLUMNS", "80"))
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    got = bytearray()
    start = time.perf_counter()
    try:
        child = subprocess.Popen(
            list(argv), stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.DEVNULL, env=dict(env)
        )
    finally:
        os.close(follower)
    try:
        deadline = start + timeout
        while True:
            ready, _, _ = select.select([leader], [], [], max(0.0, deadline - time.perf_counter()))
            if not ready:
                child.kill()
                raise TimeoutError(f"{' '.join(argv)} wrote nothing for {timeout} s")
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: every writer of the terminal has closed it
                break
            if not chunk:
                break
            got += chunk
        code = child.wait(timeout)
        elapsed = time.perf_counter() - start
    finally:
        os.close(leader)
    return elapsed, code, bytes(got)


def time_on_pty(argv: Sequence[str], env: Mapping[str, str]) -> float:
    """Seconds `argv` takes with its output on a pseudo-terminal, read to the end and discarded."""
    elapsed, code, _ = on_pty(argv, env)
    if code not in (0, 1):  # lagging exits 1 when something is lagging
        raise SystemExit(f"{' '.join(argv)} failed with status {code}")
    return elapsed


def time_into_pipe(argv: Sequence[str], env: Mapping[str, str]) -> float:
    """Seconds `argv` takes with its output into a pipe, read to the end and discarded."""
    start = time.perf_counter()
    done = subprocess.run(list(argv), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(env))
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with status {done.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--columns", type=int, default=120)
    parser.add_argument("--colour", action="store_true", help="leave NO_COLOR unset (colour on the terminal)")
    parser.add_argument("--shishi", nargs="+", metavar="PATH", help="console scripts to time (default: ours)")
    args = parser.parse_args()

    script = Path(sys.executable).with_name("shishi")
    installs = {path: [path] for path in args.shishi or [str(script) if script.exists() else ""] if path} or {
        "python -m shishi_cli": [sys.executable, "-m", "shishi_cli"]
    }
    beside = Path(next(iter(installs.values()))[0]).with_name("python")
    python = str(beside) if beside.exists() else sys.executable
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env |= {"COLUMNS": str(args.columns), "TERM": "xterm-256color"}
    if not args.colour:
        env["NO_COLOR"] = "1"
    workdir = Path(tempfile.mkdtemp(prefix="shishi-terminal-"))
    try:
        stores = {}
        for count in args.indicators:
            stores[count] = workdir / f"store-{count}.json"
            build = [sys.executable, str(HERE / "benchmark.py"), "--build", str(stores[count])]
            subprocess.run([*build, "--indicators", str(count)], check=True)
        floor = [python, "-c", "import typer, rich, pydantic"]
        cases = [("", "floor", 0, "pipe", floor)]
        for count in args.indicators:
            for command in ("report", "lagging"):
                for name, shishi in installs.items():
                    for where in ("terminal", "pipe"):
                        cases.append((name, command, count, where, [*shishi, command, "--month", "6"]))
        times: dict[tuple[str, str, int, str], list[float]] = {case[:4]: [] for case in cases}
        for round_ in range(args.runs + 1):  # round 0 warms the file cache and the bytecode
            # Round robin: the machine's noise falls on every case alike.
            for name, command, count, where, argv in cases:
                run_env = {**env, "SHISHI_STORE": str(stores.get(count, ""))}
                timer = time_on_pty if where == "terminal" else time_into_pipe
                elapsed = timer(argv, run_env)
                if round_:
                    times[(name, command, count, where)].append(elapsed)
    finally:
        shutil.rmtree(workdir)
    base = statistics.median(times[("", "floor", 0, "pipe")])
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.columns} columns, "
        f"{'colour' if args.colour else 'NO_COLOR'}; median of {args.runs} runs; "
        f"floor {base * 1000:.0f} ms.\n"
    )
    several = len(installs) > 1
    which = " shishi |" if several else ""
    print(f"| command |{which} indicators | terminal | pipe | terminal × floor | pipe × floor |")
    print(f"|---|{'---|' if several else ''}---:|---:|---:|---:|---:|")
    for count in args.indicators:
        for command in ("report", "lagging"):
            for name in installs:
                tty = statistics.median(times[(name, command, count, "terminal")])
                pipe = statistics.median(times[(name, command, count, "pipe")])
                print(
                    f"| `{command} --month 6` |{f' {name} |' if several else ''} {count:,} "
                    f"| {tty * 1000:.0f} ms | {pipe * 1000:.0f} ms | {tty / base:.2f} | {pipe / base:.2f} |"
                )


if __name__ == "__main__":
    main()
