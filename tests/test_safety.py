"""Nothing lost: concurrent writers, readers meanwhile, and writers killed at random moments; the
kept versions stay in step with the store through all of it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import pytest

from shishi_cli import plans, store
from shishi_cli.errors import ShishiError
from shishi_cli.plans import IndicatorSpec
from shishi_cli.records import new_store

from .helpers import SHISHI, whole

NOW = "2022-07-27T00:00:00"


def make_store(path: Path, indicators: int, months: int = 0) -> None:
    """A plan with `indicators` indicators in project 1 and `months` monthly entries each."""
    data = new_store()
    plan = plans.init_plan(data, 2022, "t", NOW)
    plans.add_project(plan, 1, "p", [], NOW)
    for n in range(indicators):
        plans.add_indicator(plan, 1, IndicatorSpec(name=f"i{n}", target="1000"), NOW, None)
    for n in range(indicators):
        for month in range(1, months + 1):
            plan["progress"].append(
                {"indicator": f"1.{n + 1}", "month": month, "value": str(month), "at": NOW}
            )
    store.save_store(path, data)


def entries(path: Path) -> list[dict]:
    return whole(path)["plans"]["2022"]["progress"]


@pytest.mark.slow
def test_eight_writers_and_readers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    make_store(path, 8)
    env = {**os.environ, "SHISHI_STORE": str(path)}
    torn: list[str] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            raw = path.read_bytes()
            try:
                orjson.loads(raw)
            except orjson.JSONDecodeError as error:  # a half-written file
                torn.append(str(error))
            if not store.checksum_matches(raw):
                torn.append("checksum")
            try:  # each year as the store file names it, whatever a writer is doing beside it
                store.read_store(path)["plans"]["2022"]["progress"]
            except ShishiError as error:
                torn.append(str(error))

    # 8 processes, each a shell loop of 25 `shishi add-progress` commands, all at once.
    script = (
        'for i in $(seq 1 25); do "$0" add-progress "$1" "$i" --month $(( (i - 1) % 12 + 1 )) '
        '--note "w$1-$i" || exit $?; done'
    )
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in readers:
        thread.start()
    writers = [
        subprocess.Popen(
            ["bash", "-c", script, SHISHI[0], f"1.{n}"], env=env, stderr=subprocess.PIPE, text=True
        )
        for n in range(1, 9)
    ]
    codes = [(w.wait(timeout=600), w.communicate()[1]) for w in writers]
    done.set()
    for thread in readers:
        thread.join()
    assert all(code == 0 for code, _ in codes), codes
    notes = sorted(e["note"] for e in entries(path))
    assert notes == sorted(f"w1.{n}-{i}" for n in range(1, 9) for i in range(1, 26))
    assert torn == []
    check = subprocess.run([*SHISHI, "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0  # sound; the figures' ups and downs are only warnings
    assert check.stdout.splitlines()[-1].startswith(f"{path}: sound")
    # 200 changes and the store as found, of which the last 30 are kept, the store the newest.
    look = store.look(path)
    assert not look.changed and look.kept.current == 201 == look.kept.next - 1
    assert [v.number for v in look.kept.versions] == list(range(172, 202))
    assert kept_files(path) == [f"{n:06d}.json" for n in range(172, 202)]


@pytest.mark.slow
def test_sixteen_writers_on_a_big_store_all_land_within_the_default_wait(tmp_path: Path) -> None:
    """16 processes each adding 50 entries, one after another, to a store of 60,000 entries
    (7 MiB), while it is read: all 800 land without a wait running out (issue 12: with a lock
    that was only polled, 467 of them were refused after 10 s)."""
    path = tmp_path / "store.json"
    make_store(path, 5000, months=12)
    env = {k: v for k, v in os.environ.items() if k != "SHISHI_LOCK_TIMEOUT"} | {"SHISHI_STORE": str(path)}
    failures: list[str] = []
    torn: list[str] = []
    done = threading.Event()

    def writer(n: int) -> None:
        for i in range(50):
            result = subprocess.run(
                [*SHISHI, "-q", "add-progress", f"1.{n}", str(i), "--month", "12", "--note", f"w{n}-{i}"],
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            if result.returncode:
                failures.append(result.stderr)

    def reader() -> None:
        while not done.wait(0.2):
            if not store.checksum_matches(path.read_bytes()):
                torn.append("checksum")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(1, 17)]
    looking = threading.Thread(target=reader)
    looking.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    looking.join()
    assert failures == [] and torn == []
    notes = [e.get("note") for e in entries(path)]
    assert len(notes) == 60_000 + 800
    assert sorted(n for n in notes if n) == sorted(f"w{n}-{i}" for n in range(1, 17) for i in range(50))


def kept_files(path: Path) -> list[str]:
    """The kept versions' store files, and anything else but the index and the years' copies."""
    folder = store.versions_folder(path)
    return sorted(p.name for p in folder.iterdir() if p.name not in ("index.json", "years"))


def kill_when_writing(proc: subprocess.Popen[bytes], path: Path, timeout: float = 5.0) -> bool:
    """SIGKILL `proc` the moment it starts writing: a temporary file appears beside the store or
    among its kept versions, or the store itself changes (which a writer that is not atomic
    would do). True if killed."""
    before = path.stat()
    folders = [path.parent, store.versions_folder(path)]
    end = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < end:
        now = path.stat()
        if (now.st_size, now.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or any(
            p.name.endswith(".tmp") for folder in folders if folder.exists() for p in folder.iterdir()
        ):
            proc.send_signal(signal.SIGKILL)
            return True
    return False


@pytest.mark.slow
def test_writers_killed_at_random_moments_never_damage_the_store(tmp_path: Path) -> None:
    # A store big enough that writing it takes a few milliseconds, so that kills land inside.
    path = tmp_path / "store.json"
    make_store(path, 3000, months=6)
    env = {**os.environ, "SHISHI_STORE": str(path)}
    rng = random.Random(5)
    acknowledged: list[str] = []
    killed = killed_writing = 0
    deadline = time.monotonic() + 10
    n = 0
    while time.monotonic() < deadline:
        n += 1
        note = f"k{n}"
        proc = subprocess.Popen(
            [*SHISHI, "add-progress", f"1.{rng.randint(1, 3000)}", str(n), "--month", "7", "--note", note],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if n % 2:  # a random moment: starting, reading, computing or writing
            time.sleep(rng.uniform(0.05, 0.6))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
        elif kill_when_writing(proc, path):
            killed_writing += 1
        _, err = proc.communicate()
        if proc.returncode == 0:
            acknowledged.append(note)
        else:
            assert proc.returncode == -signal.SIGKILL, err
        # After every kill: the file parses, validates in full, and holds every acknowledged entry.
        raw = path.read_bytes()
        data, findings = store.validate(path, raw)
        assert data is not None and [f for f in findings if not f.warning] == [], findings[:3]
        assert store.checksum_matches(raw)
        notes = {e.get("note") for e in data["plans"]["2022"]["progress"]}
        assert set(acknowledged) <= notes
        # The kept versions hold the store as it is (once a first write got as far as keeping one).
        look = store.look(path)
        assert not look.changed or look.kept.current is None
    assert killed >= 2 and killed_writing >= 2 and acknowledged, (killed, killed_writing, acknowledged)
    # No stale lock blocks the next command (the kernel released the dead writers' locks), and
    # the next write clears the temporary files the killed writers left.
    r = subprocess.run(
        [*SHISHI, "add-progress", "1.1", "1", "--month", "8"], env=env, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    look = store.look(path)
    assert not look.changed and len(look.kept.versions) == min(30, look.kept.next - 1)
    assert kept_files(path) == sorted(f"{v.number:06d}.json" for v in look.kept.versions)


# A writer that says when it has its turn and keeps it for a moment; argv: store, log, timeout, name.
WAITER = (
    "import sys, time; from pathlib import Path; from shishi_cli.store import locked\n"
    "with locked(Path(sys.argv[1]), float(sys.argv[3])):\n"
    "    print('held', flush=True)\n"
    "    with open(sys.argv[2], 'a') as log: log.write(sys.argv[4] + '\\n')\n"
    "    sys.stdin.readline() if sys.argv[4] == 'first' else time.sleep(0.02)\n"
)


def tickets_taken(path: Path) -> int:
    """How many writers have queued for the store's lock (the counter of STORE.queue)."""
    return int.from_bytes(path.with_name(path.name + ".queue").read_bytes()[:8], "little")


def test_writers_take_their_turn_in_the_order_they_came(tmp_path: Path) -> None:
    """Writers queue behind a held lock one after another, one gives up, one is killed while
    waiting: the others write in the order they came, as soon as the one before has written."""
    path, log = tmp_path / "store.json", tmp_path / "order.log"
    make_store(path, 1)

    def writer(name: str, timeout: float = 30) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", WAITER, str(path), str(log), str(timeout), name],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    first = writer("first")
    assert first.stdout is not None and first.stdout.readline() == "held\n"
    waiting = []
    for n in range(1, 9):
        waiting.append(writer(f"w{n}", timeout=0.5 if n == 3 else 30))
        end = time.monotonic() + 20
        while tickets_taken(path) < n + 1 and time.monotonic() < end:  # it has taken its ticket
            time.sleep(0.005)
    gave_up, killed = waiting[2], waiting[5]
    assert gave_up.wait(20) == 1
    assert "is locked by another shishi command (waited 0.5 s)" in gave_up.communicate()[1]
    killed.kill()
    killed.wait()
    first.communicate("\n", timeout=20)
    for proc in waiting:
        proc.communicate(timeout=60)
    assert log.read_text().split() == ["first", "w1", "w2", "w4", "w5", "w7", "w8"]
    assert tickets_taken(path) == 9  # (counted from 0 again once nobody waits)
    with store.locked(path, 1):
        assert tickets_taken(path) == 1


def test_a_held_lock_gives_a_clear_message_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    make_store(path, 1)
    holder = subprocess.Popen(
        ["python3", "-c", "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX); "
         "print('held', flush=True); time.sleep(30)", str(path) + ".lock"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        env = {**os.environ, "SHISHI_STORE": str(path), "SHISHI_LOCK_TIMEOUT": "0.5"}
        before = path.read_bytes()
        r = subprocess.run(
            [*SHISHI, "add-progress", "1.1", "5", "--month", "6"], env=env, capture_output=True, text=True
        )
        assert r.returncode == 3
        assert r.stderr == (
            f"shishi: error: the store {path} is locked by another shishi command (waited 0.5 s); "
            "try again when it has finished\n"
        )
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.communicate()
    env = {**os.environ, "SHISHI_STORE": str(path)}
    r = subprocess.run(
        [*SHISHI, "add-progress", "1.1", "5", "--month", "6"], env=env, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr  # the holder died: its lock went with it
    assert whole(path)["plans"]["2022"]["progress"][0]["value"] == "5"
