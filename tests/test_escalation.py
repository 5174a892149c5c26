"""The escalation ladder (提醒, 督办, 约谈): each indicator's step from its months in a row behind,
at the boundaries; set-escalation, strict; escalations and its exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .helpers import Run, shishi, whole

DEFAULT = "提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1"


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def report(run: Run, month: int, *args: str) -> dict[str, Any]:
    return json.loads(ok(run, "report", "--month", str(month), "--format", "json", *args))  # type: ignore[no-any-return]


def steps(run: Run, month: int) -> dict[str, tuple[int, str | None]]:
    """Each indicator's (lagging_months, escalation)."""
    return {i["id"]: (i["lagging_months"], i["escalation"]) for i in report(run, month)["indicators"]}


@pytest.fixture
def ladder(plan: Run) -> Run:
    """Target 120 by December, expected 10 % a month; tolerance 10, red beyond 30 points behind."""
    for name in ("每月一报", "隔月一报", "后来才报", "已完成", "远远落后"):
        ok(plan, "add-indicator", "1", name, "--target", "120", "--unit", "个")
    for month, value in ((3, "15"), (4, "25"), (5, "35")):  # 12.5 %, 20.8 %, 29.2 %: yellow
        ok(plan, "add-progress", "1.1", value, "--month", str(month))
    ok(plan, "add-progress", "1.2", "15", "--month", "3")  # and nothing in April
    ok(plan, "add-progress", "1.3", "25", "--month", "4")  # nothing before April
    ok(plan, "add-progress", "1.4", "15", "--month", "3")
    ok(plan, "add-progress", "1.4", "120", "--month", "4")  # met
    ok(plan, "add-progress", "1.5", "1", "--month", "4")  # 0.83 % against 33.33: red
    return plan


def test_the_default_ladder_at_its_boundaries(ladder: Run) -> None:
    # One month behind: the first step; exactly two in a row: the top one (yellow>=2).
    march, april = steps(ladder, 3), steps(ladder, 4)
    assert march["1.1"] == (1, "提醒")
    assert april["1.1"] == (2, "约谈")
    # A month without a figure of its own is judged by the figure in force: the run goes on.
    assert (march["1.2"], april["1.2"]) == ((1, "提醒"), (2, "约谈"))
    # A month before any figure has no data: it ends the run.
    assert april["1.3"] == (1, "提醒")
    # Met: on no step, whatever its past.
    assert (march["1.4"], april["1.4"]) == ((1, "提醒"), (0, None))
    # One red month: 督办 (red>=1), below 约谈.
    assert april["1.5"] == (1, "督办")


def test_a_project_takes_the_highest_step_of_its_indicators(ladder: Run) -> None:
    assert [(p["number"], p["escalation"]) for p in report(ladder, 3)["projects"]] == [(1, "提醒")]
    assert [(p["number"], p["escalation"]) for p in report(ladder, 4)["projects"]] == [(1, "约谈")]
    # Chosen by status, the project still takes the step of those not listed.
    body = report(ladder, 4, "--status", "met")
    assert ([i["id"] for i in body["indicators"]], body["projects"][0]["escalation"]) == (["1.4"], "约谈")


def test_overdue_reaches_the_top_step_at_once(plan: Run) -> None:
    ok(plan, "add-indicator", "1", "三月底前", "--target", "10", "--unit", "个", "--deadline", "2022-03-31")
    ok(plan, "add-progress", "1.1", "9", "--month", "3")
    assert steps(plan, 3)["1.1"] == (1, "约谈")
    assert steps(plan, 2)["1.1"] == (0, None)  # 90 % against 66.67 expected: ahead


def test_a_ladder_of_the_plans_own(ladder: Run, store_path: Path) -> None:
    result = ladder("set-escalation", "提醒：yellow>=1，督办:yellow>=2|red>=1, 约谈:red>=2|overdue>=1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Escalation ladder: {DEFAULT} -> 提醒:yellow>=1, 督办:yellow>=2|red>=1, 约谈:red>=2|overdue>=1\n"
    )
    settings = whole(store_path)["plans"]["2022"]["settings"]
    assert settings["escalation"] == [
        {"step": "提醒", "when": [{"run": "yellow", "months": 1}]},
        {"step": "督办", "when": [{"run": "yellow", "months": 2}, {"run": "red", "months": 1}]},
        {"step": "约谈", "when": [{"run": "red", "months": 2}, {"run": "overdue", "months": 1}]},
    ]
    assert steps(ladder, 4)["1.1"] == (2, "督办")
    body = report(ladder, 4)
    assert body["ladder"][1] == settings["escalation"][1]
    assert ok(ladder, "set-escalation") == (
        "Escalation ladder: 提醒:yellow>=1, 督办:yellow>=2|red>=1, 约谈:red>=2|overdue>=1\n"
    )
    assert ok(ladder, "check") == f"{store_path}: sound\n"
    # Back to the default: the plan's settings are as they were before, byte for byte.
    assert ok(ladder, "set-escalation", "--default").endswith(f" -> {DEFAULT}\n")
    assert "escalation" not in whole(store_path)["plans"]["2022"]["settings"]
    assert ok(ladder, "set-escalation", "--default") == (
        "Escalation ladder unchanged: the plan has that one already\n"
    )


def test_a_plan_without_a_ladder_of_its_own_is_stored_as_before(ladder: Run, store_path: Path) -> None:
    text = store_path.read_text(encoding="utf-8")
    assert "escalation" not in text
    assert report(ladder, 4)["ladder"] == [
        {"step": "提醒", "when": [{"run": "yellow", "months": 1}]},
        {"step": "督办", "when": [{"run": "red", "months": 1}]},
        {"step": "约谈", "when": [{"run": "yellow", "months": 2}, {"run": "overdue", "months": 1}]},
    ]


HINT = "; write e.g. 提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1\n"


@pytest.mark.parametrize(
    ("ladder_text", "problem"),
    [
        ("", "step '' is not NAME:CONDITION"),
        ("提醒", "step '提醒' is not NAME:CONDITION"),
        ("提醒:yellow>=1,", "step '' is not NAME:CONDITION"),
        ("提醒:blue>=1", "condition 'blue>=1' of step 提醒: 'blue' is not yellow, red or overdue"),
        ("提醒:yellow>=0", "condition 'yellow>=0' of step 提醒: months go from 1 to 12"),
        ("提醒:yellow>=13", "condition 'yellow>=13' of step 提醒: months go from 1 to 12"),
        ("提醒:yellow>1", "condition 'yellow>1' of step 提醒 is not RUN>=MONTHS"),
        ("提醒:yellow>=1|", "condition '' of step 提醒 is not RUN>=MONTHS"),
        ("提醒:yellow>=1, 提醒:red>=1", "step '提醒' is given twice"),
        ("a=b:red>=1", "step name 'a=b' is not usable"),
    ],
)
def test_a_malformed_ladder_is_a_usage_error(
    ladder: Run, store_path: Path, ladder_text: str, problem: str
) -> None:
    before = store_path.read_bytes()
    result = ladder("set-escalation", ladder_text)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"shishi: error: ladder: {problem}{HINT}"
    assert store_path.read_bytes() == before


def test_a_ladder_and_default_together_is_a_usage_error(ladder: Run) -> None:
    result = ladder("set-escalation", "a:red>=1", "--default")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "shishi: error: give a LADDER or --default, not both\n"


def test_escalations_lists_the_highest_step_first_and_exits_1_at_the_top(ladder: Run) -> None:
    march = ladder("escalations", "--month", "3")
    assert (march.exit_code, march.stderr) == (0, "")
    assert march.stdout == (
        "Escalations as of 2022-03-31 (month 3): 3\n"
        "Step  ID   Indicator  Owners       %    Gap  Status            Months\n"
        "提醒  1.1  每月一报   市人社局  12.5  -12.5  lagging (yellow)       1\n"
        "提醒  1.2  隔月一报   市人社局  12.5  -12.5  lagging (yellow)       1\n"
        "提醒  1.4  已完成     市人社局  12.5  -12.5  lagging (yellow)       1\n"
        f"Ladder: {DEFAULT}\n"
    )
    april = ladder("escalations", "--month", "4", "--format", "json")
    assert (april.exit_code, april.stderr) == (1, "")
    body = json.loads(april.stdout)
    assert [(i["id"], i["escalation"], i["lagging_months"]) for i in body["indicators"]] == [
        ("1.2", "约谈", 2),
        ("1.1", "约谈", 2),
        ("1.5", "督办", 1),
        ("1.3", "提醒", 1),
    ]  # fmt: skip  (on one step, the longest run first, then the most behind)
    csv_lines = ok_or_1(ladder, "escalations", "--month", "4", "--format", "csv").splitlines()
    assert csv_lines[0].endswith(",label,label_agrees,escalation")
    assert [line.split(",")[0] for line in csv_lines[1:]] == ["1.2", "1.1", "1.5", "1.3"]
    markdown = ok_or_1(ladder, "escalations", "--month", "4", "--format", "markdown")
    assert markdown.startswith("## Escalations as of 2022-04-30 (month 4): 4\n\n| Step | ID |")
    # Nothing behind: nothing on a step.
    none = ladder("escalations", "--month", "1")
    assert (none.exit_code, none.stderr) == (0, "")
    assert none.stdout == (
        "Nothing has reached a step of the escalation ladder as of 2022-01-31 (month 1).\n"
        f"Ladder: {DEFAULT}\n"
    )


def ok_or_1(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (1, ""), result
    return result.stdout


def test_escalations_in_chinese(ladder: Run) -> None:
    result = ladder("--lang", "zh", "escalations", "--month", "4")
    assert (result.exit_code, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert lines[0] == "截至2022-04-30（4月）达到督办升级阶梯的指标：4项"
    assert lines[1].split() == ["阶梯", "编号", "指标", "责任单位", "%", "差距", "状态", "连续月数"]
    assert lines[2].split() == ["约谈", "1.2", "隔月一报", "市人社局", "12.5", "-20.83", "滞后（黄灯）", "2"]
    assert lines[-1] == f"升级阶梯：{DEFAULT}"
    bad = ladder("--lang", "zh", "set-escalation", "提醒:blue>=1")
    assert (bad.exit_code, bad.stdout) == (2, "")
    assert bad.stderr == (
        "shishi: 错误：升级阶梯：阶梯“提醒”的条件 'blue>=1'：状态 'blue' 应为 yellow、red 或 overdue；"
        "写法如 提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1\n"
    )


def test_the_installed_command_exits_1_at_the_top_step(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    for args in (
        ("init", "--year", "2022", "--title", "t"),
        ("add-project", "1", "x"),
        ("add-indicator", "1", "a", "--target", "120", "--unit", "个"),
        ("add-progress", "1.1", "15", "--month", "3"),
    ):
        assert shishi(*args, store=store).returncode == 0
    march = shishi("escalations", "--month", "3", "--format", "json", store=store)
    assert (march.returncode, march.stderr) == (0, "")
    assert [i["escalation"] for i in json.loads(march.stdout)["indicators"]] == ["提醒"]
    april = shishi("escalations", "--month", "4", store=store)
    assert (april.returncode, april.stderr) == (1, "")
    assert april.stdout.splitlines()[2].split()[:2] == ["约谈", "1.1"]


def test_the_example_at_month_6(run: Run, qingdao: Path) -> None:
    """One month of figures: a yellow light is 提醒, a red one 督办; nothing at the top step."""
    result = run("escalations", "--month", "6", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    found = [(i["id"], i["light"], i["escalation"]) for i in json.loads(result.stdout)["indicators"]]
    assert found == [
        ("8.2", "red", "督办"),
        ("12.3", "red", "督办"),
        ("7.5", "yellow", "提醒"),
        ("3.1", "yellow", "提醒"),
    ]


@pytest.mark.parametrize(
    ("given", "hidden"),
    [
        ("提醒:yellow>=2, 督办:yellow>=1", "提醒"),  # 督办 comes first: 提醒 never shows
        ("提醒:red>=2, 督办:yellow>=2", "提醒"),  # two red months are two months behind
        ("提醒:yellow>=1|red>=1, 督办:yellow>=1", "提醒"),
        ("提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1", None),  # the default: in order
        ("提醒:yellow>=2, 督办:red>=1", None),  # one red month before two behind: each may be highest
        ("提醒:overdue>=1, 督办:yellow>=1", "提醒"),  # overdue months are months behind too
        ("提醒:yellow>=1, 督办:overdue>=1", None),
    ],
)
def test_a_ladder_whose_step_is_never_the_highest_is_said_so(
    plan: Run, given: str, hidden: str | None
) -> None:
    """Taken as given (the office may mean it), but said: a lower step that a higher one always
    reaches with it never shows in a report."""
    result = plan("set-escalation", given)
    assert result.exit_code == 0
    if hidden is None:
        assert result.stderr == ""
    else:
        assert result.stderr.startswith(f"shishi: note: step {hidden} is never the highest one reached: 督办")
