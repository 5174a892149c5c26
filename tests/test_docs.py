"""The README's promises: its Quick start, its examples and its figures stay true."""

from __future__ import annotations

import json
import re
import shlex

from .helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def sh_blocks(start: str, end: str) -> list[str]:
    section = README[README.index(start) : README.index(end)]
    return [line for block in re.findall(r"```sh\n(.*?)```", section, re.S) for line in block.splitlines()]


def test_quick_start_holds_exactly_two_commands_and_ci_runs_the_second() -> None:
    lines = [line for line in sh_blocks("## Quick start", "## What it is for") if line.strip()]
    assert len(lines) == 2
    assert "examples/qingdao-2022.json report --month 6" in lines[0]
    assert "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci


def test_every_command_example_in_the_readme_runs(run) -> None:
    lines = [line for line in sh_blocks("## Commands", "## How the report decides") if line.strip()]
    assert len(lines) > 30
    for line in lines:
        args = shlex.split(line)
        assert args[0] == "shishi"
        r = run(*args[1:])
        assert r.exit_code in (0, 1), (line, r)
        assert "Traceback" not in r.stderr


def test_readme_figures_of_the_example_are_true(run, qingdao) -> None:
    body = json.loads(run("report", "--month", "6", "--format", "json").stdout)
    rows = {i["id"]: i for i in body["indicators"]}
    assert f'"indicators": {json.dumps(body["summary"]["indicators"])}' in README
    assert f'"projects": {json.dumps(body["summary"]["projects"])}' in README
    aed = {k: rows["12.3"][k] for k in ("percent", "expected_percent", "gap", "status", "light")}
    assert aed == {
        "percent": 19,
        "expected_percent": 50,
        "gap": -31,
        "status": "lagging",
        "light": "red",
    }
    assert '"percent": 19, "expected_percent": 50, "gap": -31, "status": "lagging", "light": "red"' in README
    lagging = json.loads(run("lagging", "--month", "6", "--format", "json").stdout)
    ids = [i["id"] for i in lagging["indicators"]]
    assert "first, " + ", ".join(ids[:-1]) + " and " + ids[-1] + "." in README.replace("\n", " ")
    assert len(body["indicators"]) == 50 and "50 indicators" in README


def test_readme_chinese_example_is_what_shishi_prints(run) -> None:
    section = README[README.index("## 中文界面") : README.index("## Exit status")]
    block = re.search(r"```\n\$ shishi (.*?)\n(.*?)```", section, re.S)
    assert block is not None
    args = shlex.split(block.group(1).replace("examples/", str(ROOT / "examples") + "/"))
    result = run(*args)
    assert result.exit_code == 1  # lagging found some
    assert result.stdout == block.group(2)


def test_the_command_reference_is_generated_from_the_help() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "docs/commands.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, "docs/commands.md is out of date: run cog -r docs/commands.md\n" + (
        result.stdout + result.stderr
    )
