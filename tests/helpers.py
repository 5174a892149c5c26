"""What tests share besides fixtures: paths, the installed command, a command's result."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingdao-2022.json"
# The example as the release before store format 4 wrote it: one file, its plan in it.
EXAMPLE_V3 = ROOT / "tests" / "data" / "qingdao-2022-v3.json"

# The installed console script beside this Python (as a user runs it), else `python -m`.
SCRIPT = Path(sys.executable).with_name("shishi")
SHISHI = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "shishi_cli"]


# The JSON contract's key orders that more than one test module checks (tests/test_contract.py
# pins the rest).
INDICATOR_KEYS = [
    "id", "project", "name", "owners", "kind", "unit", "target", "baseline", "value", "stage",
    "as_of_month", "percent", "expected_percent", "gap", "status", "light", "change",
    "lagging_months", "deadline", "required_per_month", "projected_at_deadline", "stages",
    "at_most", "at_least", "stage_status", "changes", "lead", "reported", "label", "label_agrees",
    "escalation",
]  # fmt: skip
REPORT_KEYS = [
    "year", "title", "month", "as_of", "tolerance", "ahead_margin", "red_gap", "summary",
    "projects", "indicators", "warnings", "selected", "mode", "bands", "ladder",
]  # fmt: skip


def whole(path: Path) -> dict[str, Any]:
    """The store at `path` as one JSON object with its plans in it (as a store file held them
    before format 4, and as one may be written by hand): each year's file read into it."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    named = data.pop("years", None)
    if named is not None:
        data.pop("checksum", None)
        plans = data.setdefault("plans", {})
        for key in named:
            year = path.with_name(path.name + ".years") / f"{key}.json"
            plans[key] = json.loads(year.read_text(encoding="utf-8"))["plans"][key]
    return data


def copy_store(source: Path, target: Path) -> Path:
    """Copy a store: its file, and the folder of its years' files when it has one."""
    shutil.copyfile(source, target)
    years = source.with_name(source.name + ".years")
    if years.is_dir():
        shutil.copytree(years, target.with_name(target.name + ".years"), dirs_exist_ok=True)
    return target


def year_file(path: Path, year: str = "2022") -> Path:
    """The file that holds the plan of `year`: its own file beside the store (format 4), or the
    store file itself when the plans are in it."""
    own = path.with_name(path.name + ".years") / f"{year}.json"
    return own if own.exists() else path


class Result:
    """What a command did: exit code, stdout and stderr kept apart."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return f"Result({self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


Run = Callable[..., Result]


def shishi(
    *args: str,
    store: Path | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """The installed `shishi` as a real process."""
    full_env = {**os.environ, **(env or {})}
    if store is not None:
        full_env["SHISHI_STORE"] = str(store)
    return subprocess.run(
        [*SHISHI, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=timeout
    )


def bench_module(name: str) -> ModuleType:
    """bench/NAME.py as a module (bench/ is no package): its stores and timers for tests."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses look their module up there)
    spec.loader.exec_module(module)
    return module


def planted(store_path: Path, change: Callable[[dict], object]) -> None:
    """Change the store as an older shishi could have written it (text it now refuses at the
    door), saved as shishi saves it: checksum and all."""
    from shishi_cli import store

    data = store.read_store(store_path)
    change(data)  # type: ignore[arg-type]
    store.save_store(store_path, data)


# Words of shishi's English summaries; none of them may be left in a Chinese line.
ENGLISH = re.compile(r"[A-Za-z]{2,}")
# What stays as typed in any language: command and option names, and the example's own (AED).
COMMANDS = re.compile(
    r"\b(?:shishi|check --accept|[a-z]+(?:-[a-z]+)+|init|restore|undo|redo|AED)\b|(?<!\w)--?[a-z][\w-]*"
)


def english_left(line: str, *data: str) -> list[str]:
    """The English words of `line` once commands and the user's own `data` are taken out."""
    for text in data:
        line = line.replace(text, " ")
    return ENGLISH.findall(COMMANDS.sub(" ", line))
