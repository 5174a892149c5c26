"""Other cities' rules, through the CLI, with the figures of their published bulletins and rule
pages: ceilings and floors, rule modes, stage schedules (应开工未开工), approved changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from .helpers import Run, whole


def report(run: Run, month: int, *args: str) -> dict[str, Any]:
    result = run("report", "--month", str(month), "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    body: dict[str, Any] = json.loads(result.stdout)
    return body


def row(run: Run, month: int, ident: str, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in report(run, month, *args)["indicators"] if i["id"] == ident)
    return found


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


# --- ceilings and floors -----------------------------------------------------------------------


@pytest.fixture
def capped(plan: Run) -> Run:
    """城镇登记失业率控制在4.3%以内 beside a counted target, in one project."""
    assert ok(plan, "add-indicator", "1", "城镇登记失业率", "--at-most", "4.3", "--unit", "%") == (
        "Added indicator 1.1: 城镇登记失业率\n"
    )
    ok(plan, "add-indicator", "1", "城镇新增就业", "--target", "100", "--unit", "人")
    ok(plan, "add-progress", "1.1", "4.1", "--month", "3")
    ok(plan, "add-progress", "1.1", "4.5%", "--month", "6")
    ok(plan, "add-progress", "1.2", "50", "--month", "6")
    return plan


def test_an_unemployment_rate_within_its_cap_is_met_and_above_it_breached(capped: Run) -> None:
    march = row(capped, 3, "1.1")
    assert (march["value"], march["status"], march["light"], march["at_most"], march["at_least"]) == (
        4.1, "met", "blue", 4.3, None,
    )  # fmt: skip
    assert (march["target"], march["percent"], march["gap"], march["required_per_month"]) == (None,) * 4
    june = report(capped, 6)
    rate = june["indicators"][0]
    assert (rate["value"], rate["status"], rate["light"], rate["lagging_months"]) == (
        4.5,
        "breached",
        "red",
        1,
    )
    assert june["summary"]["indicators"]["breached"] == june["summary"]["projects"]["breached"] == 1
    # Breached ranks just below overdue in a project: above the jobs' on track.
    assert [(p["status"], p["light"]) for p in june["projects"]] == [("breached", "red")]
    assert june["warnings"][0] == {
        "kind": "breached", "indicator": "1.1", "name": "城镇登记失业率", "months": 1, "deadline": None,
        "points": None, "message": "1.1 城镇登记失业率: 4.5 % is above the ceiling of 4.3 %", "stage": None,
    }  # fmt: skip
    # Held all year by the latest figure: never due, never overdue, only breached.
    december = row(capped, 12, "1.1")
    assert (december["status"], december["lagging_months"]) == ("breached", 7)


def test_lagging_lists_a_breached_limit_and_exits_1(capped: Run) -> None:
    assert capped("lagging", "--month", "3").exit_code == 0
    result = capped("lagging", "--month", "6")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "Needing attention as of 2022-06-30 (month 6): 1\n"
        "ID   Indicator       Owners     Target  Value  Progress  %  Exp.  Gap  Status          Δ  Month\n"
        "1.1  城镇登记失业率  市人社局  ≤ 4.3 %    4.5                          breached (red)         6\n"
    )
    listed = json.loads(capped("lagging", "--month", "6", "--status", "breached", "-f", "json").stdout)
    assert [i["id"] for i in listed["indicators"]] == ["1.1"]


def test_a_floor_and_a_range(plan: Run) -> None:
    ok(plan, "add-indicator", "1", "空气质量优良天数比例", "--at-least", "85", "--unit", "%")
    ok(plan, "add-indicator", "1", "居民消费价格涨幅", "--at-least", "2", "--at-most", "3", "--unit", "%")
    ok(plan, "add-progress", "1.1", "84.9", "--month", "6")
    ok(plan, "add-progress", "1.2", "3", "--month", "6")
    body = report(plan, 6)
    assert [(i["status"], i["at_least"], i["at_most"]) for i in body["indicators"]] == [
        ("breached", 85, None), ("met", 2, 3),
    ]  # fmt: skip
    assert body["warnings"][0]["message"] == "1.1 空气质量优良天数比例: 84.9 % is below the floor of 85 %"
    assert ok(plan, "list").splitlines()[3:5] == [
        "1.1  空气质量优良天数比例  ≥ 85 %",
        "1.2  居民消费价格涨幅       2–3 %",
    ]


def test_a_project_of_limits_within_them_is_met(plan: Run) -> None:
    ok(plan, "add-indicator", "1", "PM2.5年均浓度", "--at-most", "35", "--unit", "微克/立方米")
    ok(plan, "add-indicator", "1", "空气质量优良天数比率", "--at-least", "85", "--unit", "%")
    ok(plan, "add-progress", "1.1", "33", "--month", "6")
    assert report(plan, 6)["projects"][0]["status"] == "no_data"  # 1.2 has no figure yet
    ok(plan, "add-progress", "1.2", "86", "--month", "6")
    june = report(plan, 6)
    assert [(p["status"], p["light"]) for p in june["projects"]] == [("met", "blue")]
    assert june["summary"]["projects"]["met"] == 1
    ok(plan, "add-progress", "1.2", "84", "--month", "7")
    assert [p["status"] for p in report(plan, 7)["projects"]] == ["breached"]


def test_a_full_width_percent_sign_is_the_percent_sign(plan: Run, store_path: Path) -> None:
    """％ and ４．３ as a Chinese input method types them."""
    ok(plan, "add-indicator", "1", "城镇登记失业率", "--at-most", "４．３", "--unit", "％")
    indicator = whole(store_path)["plans"]["2022"]["projects"][0]["indicators"][0]
    assert (indicator["unit"], indicator["at_most"]) == ("%", "4.3")
    assert ok(plan, "add-progress", "1.1", "４.１％", "--month", "6") == "Recorded 1.1 month 6: 4.1 %\n"
    assert ok(plan, "add-progress", "1.1", "4.2%", "--month", "7") == "Recorded 1.1 month 7: 4.2 %\n"


def test_a_limit_is_a_level_that_may_fall_without_a_note_or_a_warning(capped: Run) -> None:
    """An unemployment rate going from 4.5 % down to 4.2 % is good news, not a falling 累计."""
    assert ok(capped, "add-progress", "1.1", "4.2", "--month", "9") == "Recorded 1.1 month 9: 4.2 %\n"
    result = capped("check")
    assert (result.exit_code, result.stderr) == (0, ""), result
    assert "falls" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--target", "5"),
            "a ceiling or floor takes the place of a target and a baseline; give either --target or "
            "--at-most/--at-least (--no-target removes a target)",
        ),
        (("--at-least", "5"), "the floor 5 is above the ceiling 4.3; give --at-least below --at-most"),
        (
            ("--trajectory", "6:50"),
            "an indicator with a ceiling or floor has no trajectory: the limit holds all year; leave out "
            "--trajectory (--no-trajectory removes one)",
        ),
        (("--at-most", "4", "--no-at-most"), "both a new at-most and --no-at-most were given; choose one"),
    ],
)
def test_a_limit_refuses_what_does_not_go_with_it(
    capped: Run, store_path: Path, args: tuple[str, ...], message: str
) -> None:
    before = store_path.read_bytes()
    result = capped("edit-indicator", "1.1", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", f"shishi: error: {message}\n")
    assert store_path.read_bytes() == before


def test_a_limit_is_changed_removed_and_made_a_target(capped: Run, store_path: Path) -> None:
    assert ok(capped, "edit-indicator", "1.1", "--at-most", "4.5") == "Changed 1.1: at_most 4.3 -> 4.5\n"
    assert row(capped, 6, "1.1")["status"] == "met"
    ok(capped, "edit-indicator", "1.1", "--no-at-most", "--target", "4")
    indicator = whole(store_path)["plans"]["2022"]["projects"][0]["indicators"][0]
    assert (indicator["target"], "at_most" in indicator, "at_least" in indicator) == ("4", False, False)
    assert ok(capped, "check") == f"{store_path}: sound\n"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_limits_and_stage_schedules_go_through_the_plan_sheet(
    capped: Run, tmp_path: Path, store_path: Path, suffix: str
) -> None:
    ok(capped, "add-indicator", "1", "居民消费价格涨幅", "--at-least", "2", "--at-most", "3", "--unit", "%")
    ok(
        capped, "add-indicator", "1", "老旧小区改造", "--target", "300", "--unit", "个",
        "--stages", "开工,完工,投用", "--counts", "投用", "--stage-target", "开工=310",
        "--stage-trajectory", "开工=3:50,6:100",
        "--stage-due", "完工=2022-10-31",
    )  # fmt: skip
    ok(
        capped, "add-indicator", "1", "海底天然气管线", "--kind", "milestone",
        "--stages", "开工,全面施工,建成", "--stage-due", "开工=2022-03-31",
        "--stage-due", "全面施工=2022-08-31",
    )  # fmt: skip
    sheet = tmp_path / f"plan.{suffix}"
    ok(capped, "export", "--what", "plan", "-o", str(sheet))
    fresh = tmp_path / "fresh.json"
    ok(capped, "--store", str(fresh), "init", "--year", "2022", "--title", "2022年市办实事")
    assert ok(capped, "--store", str(fresh), "import-plan", str(sheet)) == (
        f"Imported from {sheet}: 1 project, 5 indicators\n"
    )
    original = whole(store_path)["plans"]["2022"]["projects"]
    assert whole(fresh)["plans"]["2022"]["projects"] == original


# --- rule modes --------------------------------------------------------------------------------


@pytest.fixture
def july(plan: Run) -> Run:
    """Three indicators of 100 at month 7 (时序进度 58.33 %): 75 %, 85 % and 55 % done."""
    for name in ("甲", "乙", "丙"):
        ok(plan, "add-indicator", "1", name, "--target", "100")
    for n, value in enumerate(("75", "85", "55"), start=1):
        ok(plan, "add-progress", f"1.{n}", value, "--month", "7")
    return plan


def statuses(run: Run, month: int, *args: str) -> list[tuple[str, str]]:
    return [(i["status"], i["light"]) for i in report(run, month, *args)["indicators"]]


def test_changsha_bands_at_month_7(july: Run, store_path: Path) -> None:
    # 长沙 at month 7: 80–100 % 超时间进度 (ahead), 60–80 % 同步 (on track), below that 滞后.
    assert ok(july, "set-thresholds", "--bands", "ahead>=80,on_track>=60") == (
        "Thresholds: mode points -> bands; bands none -> ahead>=80,on_track>=60\n"
    )
    assert statuses(july, 7) == [("on_track", "green"), ("ahead", "green"), ("lagging", "yellow")]
    body = report(july, 7)
    assert (body["mode"], body["bands"]) == (
        "bands",
        [{"month": 1, "ahead": 80, "on_track": 60, "yellow": None}],
    )
    # The gap is still to 时序进度, which the bands do not change.
    assert [(i["expected_percent"], i["gap"]) for i in body["indicators"]] == [
        (58.33, 16.67), (58.33, 26.67), (58.33, -3.33),
    ]  # fmt: skip
    assert ok(july, "report", "--month", "7").splitlines()[-2] == (
        "Expected progress (时序进度) as of month 7; bands of percent of target from month 1: ahead at 80 "
        "or more, on track at 60 or more."
    )
    # Under the default points rule 55 % is on track (3.33 points behind) and 75 % ahead.
    assert statuses(july, 7, "--mode", "points") == [("ahead", "green")] * 2 + [("on_track", "green")]
    # A report judges by one mode: bands given for another would be ignored, so they are refused.
    ignored = july("report", "--month", "7", "--mode", "points", "--bands", "on_track>=60")
    assert (ignored.exit_code, ignored.stdout, ignored.stderr) == (
        2, "", "shishi: error: --bands is for the bands mode, not --mode points; leave out --bands, or give "
        "--mode bands\n",
    )  # fmt: skip
    assert ok(july, "--lang", "zh", "report", "--month", "7").splitlines()[-2] == (
        "时序进度截至7月；自1月起按完成率区间判定：80%及以上为超前，60%及以上为正常推进。"
    )


def test_the_bulletin_says_which_side_of_schedule_a_figure_is_whatever_its_status(july: Run) -> None:
    """Under bands or a negative tolerance a status and the side of 时序进度 can differ."""
    ok(july, "set-thresholds", "--mode", "points", "--tolerance", "-20", "--ahead-margin", "25")
    lines = ok(july, "--lang", "zh", "bulletin", "--month", "7").splitlines()
    assert (
        "甲75，为目标100的75%（时序进度58.33%），超前时序进度16.67个百分点，按本计划规则仍属进度滞后"
        in "".join(lines)
    )
    assert "1.1“甲”按本计划规则进度滞后（超前时序进度16.67个百分点）" in "".join(lines)
    ok(july, "add-progress", "1.2", "85", "--month", "11")
    ok(july, "set-thresholds", "--bands", "ahead>=80,on_track>=60")
    said = ok(july, "bulletin", "--month", "11")
    assert (
        "乙 85, 85% of the target 100 (expected 91.67%), 6.67 points behind schedule, "
        "ahead by the plan's rule" in said
    )


def test_bands_from_a_month_on_and_a_red_line(july: Run) -> None:
    ok(
        july,
        "set-thresholds",
        "--bands",
        "1:ahead>=20,on_track>=10",
        "--bands",
        "7:ahead>=80,on_track>=60,yellow>=56",
    )
    assert statuses(july, 7) == [("on_track", "green"), ("ahead", "green"), ("lagging", "red")]
    assert statuses(july, 6) == [("no_data", "grey")] * 3
    ok(july, "add-progress", "1.3", "15", "--month", "6")
    assert statuses(july, 6)[2] == ("on_track", "green")  # June is judged by the bands from month 1


def test_sanya_relative_rule(july: Run) -> None:
    # 三亚: below 时序进度 by up to 50 % of it is yellow, beyond that red. At month 6 of 12 (时序进度
    # 50 %), 30 % done is 40 % short of it: yellow; 20 % done, 60 % short: red.
    ok(july, "add-progress", "1.1", "30", "--month", "6")
    ok(july, "add-progress", "1.2", "20", "--month", "6")
    ok(july, "add-progress", "1.3", "50", "--month", "6")
    assert ok(july, "set-thresholds", "--mode", "relative", "--tolerance", "0", "--red-gap", "50") == (
        "Thresholds: mode points -> relative; tolerance 10 -> 0; red_gap 30 -> 50\n"
    )
    assert statuses(july, 6) == [("lagging", "yellow"), ("lagging", "red"), ("on_track", "green")]
    # The same figures by points: 30 % is 20 points behind, lagging but yellow; 20 %, 30 points: yellow too.
    assert statuses(july, 6, "--mode", "points") == [
        ("lagging", "yellow"),
        ("lagging", "yellow"),
        ("on_track", "green"),
    ]


def test_a_negative_tolerance_asks_more_than_the_expected_percent(july: Run) -> None:
    # On track only at or above 时序进度 + 5 (58.33 + 5 = 63.33 at month 7), ahead from + 20.
    ok(july, "set-thresholds", "--tolerance", "-5", "--ahead-margin", "20")
    assert statuses(july, 7) == [("on_track", "green"), ("ahead", "green"), ("lagging", "yellow")]
    # On track from 75.33: 75 % is not.
    lagging = ("lagging", "yellow")
    assert statuses(july, 7, "--tolerance", "-17") == [lagging, ("ahead", "green"), lagging]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--bands", "ahead>80"),
            "--bands: band 'ahead>80' is not NAME>=PERCENT, NAME one of ahead, on_track, yellow; "
            'write them in quotes, e.g. "ahead>=80,on_track>=60" (and yellow>=40), or one set a month: '
            '"1:...;7:..."',
        ),
        (
            ("--bands", "ahead,on_track"),
            "--bands: band 'ahead' has no >=PERCENT; without quotes the shell reads > as a redirection; "
            'write them in quotes, e.g. "ahead>=80,on_track>=60" (and yellow>=40), or one set a month: '
            '"1:...;7:..."',
        ),
        (
            ("--bands", "7:ahead>=80,on_track>=60;1:on_track>=5"),
            "band month 1 is out of order or out of range; months 1-12, each set from a later month than "
            "the one before: 1:...;7:...",
        ),
        (
            ("--bands", "ahead>=80"),
            "--bands: band set 'ahead>=80' has no on_track; "
            'write them in quotes, e.g. "ahead>=80,on_track>=60" (and yellow>=40), or one set a month: '
            '"1:...;7:..."',
        ),
        (
            ("--bands", "7:ahead>=80,on_track>=60"),
            "the bands start at month 7, which leaves the months before it without any; give the first set "
            "without a month (for the whole year) or from month 1, e.g. "
            "ahead>=30,on_track>=20;7:ahead>=80,on_track>=60",
        ),
        (
            ("--bands", "ahead>=50,on_track>=60"),
            "the bands from month 1 do not descend; ahead >= on_track >= yellow, e.g. "
            "ahead>=80,on_track>=60,yellow>=40",
        ),
        (("--mode", "bands"), 'the bands mode needs bands; e.g. --bands "ahead>=80,on_track>=60"'),
        (
            ("--tolerance", "-6"),
            "an ahead margin of 5 with a tolerance of -6 leaves nothing on track; give an ahead margin of "
            "more than 6",
        ),
        (
            ("--tolerance", "-5"),
            "an ahead margin of 5 with a tolerance of -5 leaves nothing on track; give an ahead margin of "
            "more than 5",
        ),
        (
            ("--red-gap", "-1"),
            "red gap of -1 points is negative; 0 or more",
        ),
        (
            ("--tolerance", "x"),
            "--tolerance: 'x' is not a number of points; give points as a number, e.g. 10",
        ),
    ],
)
def test_bad_rule_settings_are_usage_errors_that_say_what_would_be_right(
    july: Run, store_path: Path, args: tuple[str, ...], message: str
) -> None:
    before = store_path.read_bytes()
    for command in (("set-thresholds",), ("report", "--month", "7"), ("lagging", "--month", "7")):
        result = july(*command, *args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"shishi: error: {message}\n")
    assert store_path.read_bytes() == before


def test_an_unknown_mode_is_a_usage_error(july: Run) -> None:
    result = july("set-thresholds", "--mode", "ranks")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "'ranks' is not one of 'points', 'relative', 'bands'" in result.stderr


def test_check_finds_bad_settings_edited_by_hand(july: Run, store_path: Path) -> None:
    data = whole(store_path)
    data["plans"]["2022"]["settings"]["mode"] = "bands"
    store_path.write_bytes(orjson.dumps(data))
    result = july("check")
    assert result.exit_code == 1
    assert result.stdout.startswith("problem: plans.2022.settings: the bands mode needs bands\n")
    bands = [{"month": 3, "ahead": None, "on_track": "60", "yellow": None}]
    data["plans"]["2022"]["settings"]["bands"] = bands
    store_path.write_bytes(orjson.dumps(data))
    result = july("report", "--month", "7")
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"shishi: error: {store_path}: plans.2022.settings: the bands start at month 3, which "
        "leaves the months before it without any"
    )


# --- stage schedules (应开工未开工) ---------------------------------------------------------------


@pytest.fixture
def roads(plan: Run) -> Run:
    """30 roads to complete by December, all 30 to start by the end of June."""
    result = plan(
        "add-indicator", "1", "打通城市未贯通道路", "--target", "30", "--unit", "条", "--stages", "开工,完工",
        "--stage-due", "开工=2022-06-30",
    )  # fmt: skip
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Added indicator 1.1: 打通城市未贯通道路\n",
        "",
    )
    ok(plan, "add-progress", "1.1", "20", "--stage", "开工", "--month", "4")
    ok(plan, "add-progress", "1.1", "27", "--stage", "开工", "--month", "6")
    ok(plan, "add-progress", "1.1", "15", "--stage", "完工", "--month", "6")
    return plan


def test_30_planned_starts_27_started_at_month_6_is_3_not_started(roads: Run, store_path: Path) -> None:
    schedule = whole(store_path)["plans"]["2022"]["projects"][0]["indicators"][0]
    assert schedule["stage_schedules"] == [
        {"stage": "开工", "target": "30", "deadline": "2022-06-30", "trajectory": []}
    ]  # the indicator's target, since none was given for the stage
    body = report(roads, 6)
    (road,) = body["indicators"]
    # The counted stage is as it was: 15 of 30 completed, 50 % against 50 %: on track.
    assert (road["status"], road["percent"], road["stages"]) == ("on_track", 50, {"开工": 27, "完工": 15})
    assert road["stage_status"] == {
        "开工": {
            "target": 30, "deadline": "2022-06-30", "value": 27, "percent": 90, "expected_percent": 100,
            "gap": -10, "status": "overdue", "light": "red", "lagging_months": 2, "shortfall": 3,
        }
    }  # fmt: skip
    assert body["summary"]["stages_overdue"] == {"indicators": 1, "projects": 1}
    assert body["summary"]["projects"]["on_track"] == 1  # the project's status is its counted stages'
    assert body["warnings"] == [
        {
            "kind": "stage_overdue", "indicator": "1.1", "name": "打通城市未贯通道路", "months": 2,
            "deadline": "2022-06-30", "points": None, "stage": "开工",
            "message": "1.1 打通城市未贯通道路: stage 开工 was due 2022-06-30: 27 of 30 条, 3 条 short "
            "(应开工未开工)",
        }
    ]  # fmt: skip
    lines = ok(roads, "report", "--month", "6").splitlines()
    assert lines[4:7] == [
        "Indicators: 1 on track",
        "Projects: 1 on track",
        "Stages due and not reached (应开工未开工): 1 indicator, of 1 project",
    ]
    assert "15 完工 (开工 27 overdue)" in lines[3]
    chinese = ok(roads, "--lang", "zh", "report", "--month", "6").splitlines()
    assert chinese[6] == "应开工未开工：1 项指标，涉及1 个项目"
    assert (
        chinese[-1] == "- 1.1 打通城市未贯通道路：开工计划30 条，2022-06-30到期，已开工27，应开工未开工3 条"
    )


def test_lagging_lists_a_stage_behind_and_exits_1(roads: Run) -> None:
    # Month 5: 20 started (66.67 %) against 25 expected by then (83.33 %): 16.66 points behind, as
    # the shown figures differ.
    may = json.loads(roads("lagging", "--month", "5", "--format", "json").stdout)
    assert [(i["id"], i["status"], i["stage_status"]["开工"]["status"]) for i in may["indicators"]] == [
        ("1.1", "no_data", "lagging")
    ]
    assert may["warnings"][0]["message"] == (
        "1.1 打通城市未贯通道路: stage 开工 is 16.66 points behind its schedule"
    )
    # Listed for its stage, it is not counted again among those not listed for having no figure.
    table = roads("lagging", "--month", "5")
    assert (table.exit_code, table.stdout.splitlines()[0]) == (
        1,
        "Needing attention as of 2022-05-31 (month 5): 1",
    )
    assert "Not listed" not in table.stdout
    markdown = roads("lagging", "--month", "5", "--format", "markdown").stdout
    assert (
        markdown.startswith("## 2022年市办实事: needing attention as of 2022-05-31\n")
        and "Not listed" not in markdown
    )
    result = roads("lagging", "--month", "6")
    assert (result.exit_code, result.stderr) == (1, "")
    assert "1.1  打通城市未贯通道路" in result.stdout and "15 完工 (开工 27 overdue)" in result.stdout
    ok(roads, "add-progress", "1.1", "30", "--stage", "开工", "--month", "6")
    assert roads("lagging", "--month", "6").exit_code == 0
    assert report(roads, 6)["summary"]["stages_overdue"] == {"indicators": 0, "projects": 0}


def test_a_later_stage_counts_for_an_earlier_one(roads: Run) -> None:
    ok(roads, "add-progress", "1.1", "30", "--stage", "完工", "--month", "11")  # 30 completed: all started
    november = row(roads, 11, "1.1")
    assert (november["status"], november["stages"]) == ("met", {"开工": 27, "完工": 30})
    assert (november["stage_status"]["开工"]["status"], november["stage_status"]["开工"]["value"]) == (
        "met",
        30,
    )


def test_a_stage_trajectory_and_a_milestone_stage(plan: Run) -> None:
    ok(
        plan, "add-indicator", "1", "老旧小区改造", "--target", "300", "--unit", "个",
        "--stages", "开工,完工", "--stage-target", "开工=310", "--stage-trajectory", "开工=3:50,6:100",
    )  # fmt: skip
    ok(
        plan, "add-indicator", "1", "海底天然气管线", "--kind", "milestone", "--stages", "开工,全面施工,建成",
        "--stage-due", "开工=2022-03-31", "--deadline", "2022-11-30",
    )  # fmt: skip
    ok(plan, "add-progress", "1.1", "150", "--stage", "开工", "--month", "3")
    ok(plan, "add-progress", "1.2", "开工", "--month", "4")
    assert row(plan, 3, "1.1")["stage_status"]["开工"]["expected_percent"] == 50
    assert row(plan, 3, "1.1")["stage_status"]["开工"]["status"] == "on_track"  # 48.39 % of 310
    pipeline = [row(plan, m, "1.2")["stage_status"]["开工"] for m in (2, 3, 4)]
    assert [(s["status"], s["light"], s["target"], s["shortfall"]) for s in pipeline] == [
        ("no_data", "grey", None, None), ("overdue", "red", None, None), ("met", "blue", None, None),
    ]  # fmt: skip
    warned = report(plan, 3)["warnings"][0]["message"]
    assert warned == "1.2 海底天然气管线: stage 开工 was due 2022-03-31 and is not reached"
    assert ok(plan, "list").splitlines()[3:5] == [
        "1.1  老旧小区改造            300 个  开工→完工 (counts 完工); 开工 310 个 (3:50%,6:100%)",
        "1.2  海底天然气管线       milestone  开工→全面施工→建成; 开工 by 2022-03-31"
        "               2022-11-30",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ("--stage-due", "开工"),
            2,
            "--stage-due '开工' is not STAGE=VALUE; e.g. --stage-due 开工=2022-06-30",
        ),
        (
            ("--stage-due", "完工=2022-06-30"),
            3,
            "stage '完工' is judged by the indicator's own target and deadline; schedule a stage before it, "
            "e.g. --stage-due 开工=2022-06-30",
        ),
        (
            ("--stage-target", "投用=5"),
            3,
            "the schedule of '投用' is not of one of the stages 开工, 完工; schedule one of them "
            "(stages: 开工, 完工), or remove it with --no-stage-schedule 投用",
        ),
        (
            ("--stage-due", "开工=2022-13-01"),
            3,
            "stage due date '2022-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2022-11-30 "
            "(or 2022年11月30日, 2022年11月底)",
        ),
        (
            ("--no-stage-schedule", "完工"),
            3,
            "stage '完工' of 1.1 has no schedule; scheduled: 开工",
        ),
        (
            ("--stage-due", "开工=2022-09-30", "--no-stage-schedule", "开工"),
            3,
            "both a schedule of 开工 and --no-stage-schedule 开工 were given; choose one",
        ),
    ],
)
def test_a_stage_schedule_that_cannot_be_is_refused(
    roads: Run, store_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = store_path.read_bytes()
    result = roads("edit-indicator", "1.1", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"shishi: error: {message}\n")
    assert store_path.read_bytes() == before


def test_a_stage_schedule_is_changed_and_removed(roads: Run) -> None:
    assert ok(roads, "edit-indicator", "1.1", "--stage-due", "开工=2022-09-30") == (
        "Changed 1.1: stage_schedules 开工 30 by 2022-06-30 -> 开工 30 by 2022-09-30\n"
    )
    assert row(roads, 6, "1.1")["stage_status"]["开工"]["status"] == "ahead"  # 27 where 20 are expected
    assert ok(roads, "edit-indicator", "1.1", "--no-stage-schedule", "开工") == (
        "Changed 1.1: stage_schedules 开工 30 by 2022-09-30 -> none\n"
    )
    assert row(roads, 6, "1.1")["stage_status"] is None


# --- changes approved from a month on ------------------------------------------------------------


@pytest.fixture
def renovations(plan: Run) -> Run:
    """300 old residential areas to renovate; 150 by June, 230 by September."""
    ok(plan, "add-indicator", "1", "老旧小区改造", "--target", "300", "--unit", "个")
    ok(plan, "add-progress", "1.1", "150", "--month", "6")
    ok(plan, "add-progress", "1.1", "230", "--month", "9")
    return plan


def test_export_says_what_a_plan_sheet_cannot_carry(renovations: Run, tmp_path: Path) -> None:
    sheet = str(tmp_path / "plan.csv")
    result = renovations("export", "--what", "plan", "-o", sheet)
    assert (result.exit_code, result.stderr) == (0, "")  # nothing left out yet
    ok(
        renovations,
        "edit-indicator",
        "1.1",
        "--target",
        "350",
        "--from-month",
        "9",
        "--reason",
        "报市政府同意后调整",
    )
    ok(renovations, "set-thresholds", "--mode", "relative", "--tolerance", "20", "--red-gap", "50")
    result = renovations("export", "--what", "plan", "-o", sheet)
    assert (result.exit_code, result.stdout) == (0, f"Wrote 1 plan rows to {sheet}\n")
    assert result.stderr == (
        "shishi: note: the sheet holds each indicator as it is now; the changes of 1.1 from a month on "
        "are not in it (a copy of the store file carries them)\n"
        "shishi: note: the plan's rules (thresholds, mode, bands, escalation ladder) are not in the sheet; "
        "after import-plan, set them again with set-thresholds and set-escalation\n"
    )
    ok(renovations, "follow-up", "add", "1.1", "--month", "6", "--action", "督办")
    result = renovations("export", "--what", "plan", "-o", sheet)
    assert result.stderr.endswith(
        "shishi: note: 1 follow-up record is not in the sheet (a copy of the store file carries it)\n"
    )


def without_changes(body: dict[str, Any]) -> dict[str, Any]:
    return {**body, "indicators": [{**i, "changes": None} for i in body["indicators"]]}


def test_a_target_changed_from_september_leaves_june_as_it_was(
    renovations: Run, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    june = report(renovations, 6)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1662940800")  # 2022-09-12
    changed = renovations(
        "edit-indicator", "1.1", "--target", "350", "--from-month", "9", "--reason", "报市政府同意后调整"
    )
    assert (changed.exit_code, changed.stdout, changed.stderr) == (
        0, "Changed 1.1: target 300 -> 350 from month 9\n", "",
    )  # fmt: skip
    after = report(renovations, 6)
    assert without_changes(after) == without_changes(june)  # the June report, as it was
    (row_6,) = after["indicators"]
    assert (row_6["target"], row_6["percent"], row_6["status"]) == (300, 50, "on_track")
    assert row_6["changes"] == [
        {"field": "target", "old": 300, "new": 350, "from_month": 9, "reason": "报市政府同意后调整",
         "at": "2022-09-12T00:00:00"}
    ]  # fmt: skip
    september = row(renovations, 9, "1.1")
    assert (september["target"], september["percent"], september["required_per_month"]) == (350, 65.71, 40)
    # Months before September are judged by 300, September on by 350, in a row all the same.
    assert [m["percent"] for m in json.loads(ok(renovations, "show", "1.1", "-f", "json"))["months"][5:]] == [
        50, 50, 50, 65.71,
    ]  # fmt: skip
    indicator = whole(store_path)["plans"]["2022"]["projects"][0]["indicators"][0]
    assert (indicator["target"], indicator["changes"][0]["old"]) == ("350", "300")
    assert ok(renovations, "history").splitlines()[-1] == (
        "2022-09-12T00:00:00  edit-indicator  indicator 1.1: target 300 -> 350 from month 9 "
        "(reason: 报市政府同意后调整)"
    )
    assert (
        "Change: target 300 -> 350 from month 9, changed on 2022-09-12 (报市政府同意后调整)"
        in ok(renovations, "show", "1.1").splitlines()
    )
    assert ok(renovations, "check") == f"{store_path}: sound\n"


def test_a_correction_changes_every_month_and_an_earlier_report_says_so(
    renovations: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1662940800")  # 2022-09-12: after June's report, not September's
    assert (
        ok(renovations, "edit-indicator", "1.1", "--target", "30万") == "Changed 1.1: target 300 -> 300000\n"
    )
    assert ok(renovations, "edit-indicator", "1.1", "--target", "300", "--reason", "录入错误") == (
        "Changed 1.1: target 300000 -> 300\n"
    )
    june = report(renovations, 6)
    assert [(w["kind"], w["message"]) for w in june["warnings"]] == [
        ("changed", "1.1 老旧小区改造: target corrected on 2022-09-12: 300 -> 300000; a report of this month "
         "made before then differs"),
        ("changed", "1.1 老旧小区改造: target corrected on 2022-09-12: 300000 -> 300 (录入错误); a report of "
         "this month made before then differs"),
    ]  # fmt: skip
    assert [w["kind"] for w in report(renovations, 9)["warnings"]] == []  # September's report came after
    zh = ok(renovations, "--lang", "zh", "report", "--month", "6").splitlines()[-1]
    assert (
        zh
        == "- 1.1 老旧小区改造：目标于2022-09-12更正：300000 -> 300（录入错误）；此前生成的本月报告与此不同"
    )


def test_a_deadline_and_a_trajectory_changed_from_a_month_on(
    renovations: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(renovations, "edit-indicator", "1.1", "--deadline", "2022-09-30", "--trajectory", "6:50")
    assert (row(renovations, 9, "1.1")["status"], row(renovations, 9, "1.1")["expected_percent"]) == (
        "overdue",
        100,
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1664582400")  # 2022-10-01
    ok(
        renovations,
        "edit-indicator",
        "1.1",
        "--deadline",
        "2022-12-31",
        "--no-trajectory",
        "--from-month",
        "9",
    )
    september = row(renovations, 9, "1.1")
    assert (september["status"], september["expected_percent"], september["deadline"]) == (
        "on_track",
        75,
        "2022-12-31",
    )
    august = row(renovations, 8, "1.1")
    assert (august["expected_percent"], august["deadline"]) == (
        83.33,
        "2022-09-30",
    )  # 50 by June, 100 by Sept
    assert [c["field"] for c in september["changes"]] == ["deadline", "trajectory", "deadline", "trajectory"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--target", "350", "--from-month", "13"), 2, None),
        (
            ("--name", "改造", "--target", "350", "--from-month", "9"),
            2,
            "--from-month changes the target, deadline, trajectory and limits, not --name; change --name in "
            "an edit of its own, without --from-month",
        ),
        (
            ("--no-target", "--from-month", "9"),
            3,
            "the target cannot be added or removed from month 9 on; change it for every month without "
            "--from-month, or give a value before and after",
        ),
        (
            ("--target", "350", "--from-month", "9", "--reason", " "),
            3,
            "the reason is empty; say why, or leave out --reason",
        ),
    ],
)
def test_a_change_from_a_month_on_that_cannot_be_is_refused(
    renovations: Run, store_path: Path, args: tuple[str, ...], code: int, message: str | None
) -> None:
    before = store_path.read_bytes()
    result = renovations("edit-indicator", "1.1", *args)
    assert (result.exit_code, result.stdout) == (code, "")
    if message is not None:
        assert result.stderr == f"shishi: error: {message}\n"
    assert store_path.read_bytes() == before


def test_approved_changes_of_a_measure_go_on_in_the_order_of_their_months(renovations: Run) -> None:
    ok(renovations, "edit-indicator", "1.1", "--target", "350", "--from-month", "9")
    result = renovations("edit-indicator", "1.1", "--target", "320", "--from-month", "7")
    assert (result.exit_code, result.stderr) == (
        3,
        "shishi: error: a change of the target from month 7 comes before the one from month 9; approved "
        "changes of a measure go from later months on, in the order they are made\n",
    )
    ok(renovations, "edit-indicator", "1.1", "--target", "400", "--from-month", "11")
    assert [row(renovations, m, "1.1")["target"] for m in (8, 9, 10, 11, 12)] == [300, 350, 350, 400, 400]


def test_check_holds_kept_changes_and_stage_schedules_edited_by_hand(
    renovations: Run, store_path: Path
) -> None:
    ok(renovations, "edit-indicator", "1.1", "--target", "350", "--from-month", "9")
    data = whole(store_path)
    indicator = data["plans"]["2022"]["projects"][0]["indicators"][0]
    indicator["changes"].append({**indicator["changes"][0], "from_month": 7, "old": "350", "new": "320"})
    store_path.write_bytes(orjson.dumps(data))
    result = renovations("check")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        1,
        "problem: plans.2022.projects[0].indicators[0]: a change of the target from month 7 comes before "
        "the one from month 9",
    )
    del indicator["changes"][-1]
    indicator["stage_schedules"] = [{"stage": "开工", "target": "30", "deadline": None, "trajectory": []}]
    store_path.write_bytes(orjson.dumps(data))
    result = renovations("check")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        1,
        "problem: plans.2022.projects[0].indicators[0]: the schedule of '开工' is of a stage, and the "
        "indicator has no stages",
    )
