"""The docs' promises: the Quick start, every example of every page, the figures they quote,
links that stay inside the repository, and a command reference generated from the code."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT, Run

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "examples" / "SOURCES.md"]


def sh_lines(text: str) -> list[str]:
    """The shishi command lines of a page's ```sh blocks, in order."""
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("shishi ")]


def test_quick_start_holds_exactly_two_commands_and_ci_runs_the_second() -> None:
    section = README[README.index("## Quick start") : README.index("## What it is for")]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2
    assert "examples/qingdao-2022.json report --month 6" in lines[0]
    assert "pytest" in lines[1]
    assert lines[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "page", [p for p in PAGES if sh_lines(p.read_text(encoding="utf-8"))], ids=lambda p: p.name
)
def test_every_example_of_a_page_runs(
    page: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's examples, in order, on a new store, in a folder holding a copy of examples/."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    lines = sh_lines(page.read_text(encoding="utf-8"))
    for line in lines:
        args = shlex.split(line.split(" || ")[0])
        result = run(*args[1:])
        assert result.exit_code in (0, 1), (line, result)
        assert "Traceback" not in result.stderr, line
    for name in ("qingdao-2022.json", "qingdao-2022.json.years/2022.json"):
        assert (tmp_path / "examples" / name).read_bytes() == (
            ROOT / "examples" / name
        ).read_bytes()  # the examples only read the example store


def test_links_stay_inside_the_repository() -> None:
    for page in [*PAGES, ROOT / "docs" / "commands.md"]:
        text = page.read_text(encoding="utf-8")
        assert "../shared" not in text, page
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert not target.startswith(("http:", "https:", "/")), (page.name, target)
            assert (page.parent / target.split("#")[0]).resolve().is_relative_to(ROOT), (page.name, target)
            assert (page.parent / target.split("#")[0]).exists(), (page.name, target)


def test_the_readme_figures_of_the_example_are_true(run: Run, qingdao: Path) -> None:
    body = json.loads(run("report", "--month", "6", "--format", "json").stdout)
    shown = README[README.index('```json\n"summary": ') + len("```json\n") :]
    assert json.loads("{" + shown[: shown.index("```")] + "}")["summary"] == body["summary"]
    lagging = json.loads(run("lagging", "--month", "6", "--format", "json").stdout)
    ids = [i["id"] for i in lagging["indicators"]]
    assert "first, " + ", ".join(ids[:-1]) + " and " + ids[-1] + "." in README.replace("\n", " ")
    rows = {i["id"]: i for i in body["indicators"]}
    assert (rows["1.1"]["percent"], rows["1.1"]["status"]) == (51.54, "on_track")
    assert (rows["12.3"]["percent"], rows["12.3"]["gap"], rows["12.3"]["light"]) == (19, -31, "red")
    assert len(body["indicators"]) == 50


def test_the_rules_worked_examples_are_what_shishi_reports(run: Run, qingdao: Path) -> None:
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = {
        i["id"]: i for i in json.loads(run("report", "--month", "6", "--format", "json").stdout)["indicators"]
    }
    table = re.findall(r"^\| (\d+\.\d+) (\S+) \| .*? \| (.*?) \| (.*?) \| (\w+) \| (\w+) \|$", rules, re.M)
    assert len(table) == 8
    for ident, name, percent, gap, status, light in table:
        r = rows[ident]
        assert name == r["name"]
        assert percent == ("—" if r["percent"] is None else f"{r['percent']:g}")
        assert gap.replace("−", "-") == ("—" if r["gap"] is None else f"{r['gap']:+g}")
        assert (status, light) == (r["status"], r["light"])


def test_the_chinese_example_is_what_shishi_prints(run: Run) -> None:
    page = (ROOT / "docs" / "chinese.md").read_text(encoding="utf-8")
    block = re.search(r"```\n\$ shishi (.*?)\n(.*?)```", page, re.S)
    assert block is not None
    args = shlex.split(block.group(1).replace("examples/", str(ROOT / "examples") + "/"))
    result = run(*args)
    assert result.exit_code == 1  # lagging found some
    assert result.stdout == block.group(2)


def test_the_command_reference_and_the_contract_are_generated_from_the_code() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "docs/commands.md", "docs/json-contract.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, "out of date: run cog -r docs/commands.md docs/json-contract.md\n" + (
        result.stdout + result.stderr
    )


def test_every_command_is_in_the_guide() -> None:
    from shishi_cli.cli import app, command_name

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    missing = [command_name(c) for c in app.registered_commands if f"| `{command_name(c)}" not in guide]
    assert missing == []
