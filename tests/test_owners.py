"""The departments ranked (shishi owners): counted from the report, ties shared, --lead-only, the
department by any of its names, both languages, every format, and the bulletin's paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import EXAMPLE, Run, copy_store, shishi


def status(run: Run, code: int, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (code, ""), result
    return result.stdout


@pytest.fixture
def ranked(run: Run) -> Run:
    """Month 6, expected 50 %: 住建局 leads 2.1 (on track, gap 0) and supports 交通局 on 3.1
    (lagging, -30) and 3.2 (no figure); 教育局 and 民政局 are level (-10 and no figure each)."""
    status(run, 0, "init", "--year", "2022", "--title", "t")
    status(run, 0, "add-department", "市住房城乡建设局", "--alias", "住建局")
    status(run, 0, "add-project", "2", "住房", "--owner", "住建局")
    status(run, 0, "add-indicator", "2", "改造", "--target", "100", "--unit", "个")
    status(run, 0, "add-project", "3", "道路", "--owner", "市交通运输局", "--owner", "住建局")
    status(run, 0, "add-indicator", "3", "打通道路", "--target", "100", "--unit", "条")
    status(run, 0, "add-indicator", "3", "过街设施", "--target", "10", "--unit", "处")
    for number, title, owner in (("4", "教育", "市教育局"), ("5", "养老", "市民政局")):
        status(run, 0, "add-project", number, title, "--owner", owner)
        status(run, 0, "add-indicator", number, title + "一", "--target", "100", "--unit", "处")
        status(run, 0, "add-indicator", number, title + "二", "--target", "10", "--unit", "处")
    for ident, value in (("2.1", "50"), ("3.1", "20"), ("4.1", "40"), ("5.1", "40")):
        status(run, 0, "add-progress", ident, value, "--month", "6")
    return run


RULE = (
    "Most behind first: overdue and breached indicators, then the highest escalation step, then "
    "lagging indicators, then the worst gap and the mean gap of the measured ones (points), then "
    "those without data, then those not reported; level departments share a rank.\n"
)


def test_departments_are_ranked_most_behind_first_and_level_ones_share_a_rank(ranked: Run) -> None:
    # 交通局 and 住建局 both lag on 3.1 (-30): the mean gap puts 交通局 first; 教育局 and 民政局
    # are level on every key, share rank 3 and stay in the plan's order.
    assert status(ranked, 1, "owners", "--month", "6") == (
        "Departments ranked, month 6 (2022-06-30), most behind first\n"
        "Rank  Department        Short names  Led  Supported  Statuses                          "
        "Worst gap  Mean gap  Months lagging  Not reported  Step\n"
        "   1  市交通运输局                     2          0  1 lagging, 1 no data              "
        "-30 (3.1)       -30               1             1  提醒\n"
        "   2  市住房城乡建设局  住建局         1          2  1 on track, 1 lagging, 1 no data  "
        "-30 (3.1)       -15               1             1  提醒\n"
        "   3  市教育局                         2          0  1 on track, 1 no data             "
        "-10 (4.1)       -10               0             1\n"
        "   3  市民政局                         2          0  1 on track, 1 no data             "
        "-10 (5.1)       -10               0             1\n" + RULE
    )


def test_lead_only_counts_what_a_department_leads(ranked: Run) -> None:
    body = json.loads(status(ranked, 1, "owners", "--month", "6", "--lead-only", "-f", "json"))
    assert body["lead_only"] is True
    assert [(d["rank"], d["department"], d["indicators"], d["worst_gap"]) for d in body["departments"]] == [
        (1, "市交通运输局", 2, -30),
        (2, "市教育局", 2, -10),
        (2, "市民政局", 2, -10),
        (4, "市住房城乡建设局", 1, 0),  # 2.1 alone: what it supports is not counted
    ]
    housing = body["departments"][3]
    assert (housing["led"], housing["supported"], housing["missing"]) == (1, 2, 0)
    # 住建局's row alone, on track: exit 0, ranked among all.
    csv = status(ranked, 0, "owners", "--month", "6", "--lead-only", "--owner", "住建局", "-f", "csv")
    assert csv == (
        "rank,department,aliases,led,supported,indicators,met,ahead,on_track,lagging,overdue,no_data,"
        "in_progress,breached,worst_gap,worst_indicator,worst_lagging_months,mean_gap,missing,escalation\n"
        "4,市住房城乡建设局,住建局,1,2,1,0,0,1,0,0,0,0,0,0,2.1,0,0,0,\n"
    )


STATUSES = dict.fromkeys(
    ("met", "ahead", "on_track", "lagging", "overdue", "no_data", "in_progress", "breached"), 0
)
STATUSES |= {"on_track": 1, "lagging": 1, "no_data": 1}


def test_the_json_carries_what_a_script_ranks_by(ranked: Run) -> None:
    body = json.loads(
        status(ranked, 1, "owners", "--month", "6", "-f", "json", "--owner", "市住房城乡建设局")
    )
    assert list(body) == ["year", "title", "month", "as_of", "lead_only", "departments"]
    assert body["departments"] == [
        {
            "rank": 2,
            "department": "市住房城乡建设局",
            "aliases": ["住建局"],
            "led": 1,
            "supported": 2,
            "indicators": 3,
            "statuses": STATUSES,
            "worst_gap": -30,
            "worst_indicator": "3.1",
            "worst_lagging_months": 1,
            "mean_gap": -15,
            "missing": 1,
            "escalation": "提醒",  # the highest step of its indicators: 3.1 lagging (yellow) a month
        }
    ]


def test_a_department_by_a_short_name_or_its_full_name_gives_the_same_row(ranked: Run) -> None:
    full = status(ranked, 1, "owners", "--month", "6", "--owner", "市住房城乡建设局")
    for spelling in ("住建局", " 住建局 ", "市住房城乡建设局"):
        assert status(ranked, 1, "owners", "--month", "6", "--owner", spelling) == full
    assert full.splitlines()[2].startswith("   2  市住房城乡建设局  住建局")
    assert len(full.splitlines()) == 4  # title, header, the row, the rule


def test_an_unknown_department_or_one_that_leads_nothing_is_exit_2(ranked: Run) -> None:
    result = ranked("owners", "--month", "6", "--owner", "教育局")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "shishi: error: --owner '教育局': no department of the 2022 plan is called that; departments "
        "there, closest first: 市教育局, 市住房城乡建设局 (住建局), 市民政局, 市交通运输局\n"
    )
    status(ranked, 0, "add-project", "6", "出版", "--owner", "市广播电视台")
    status(ranked, 0, "add-indicator", "6", "全民阅读", "--target", "10", "--unit", "处")
    status(ranked, 0, "edit-project", "4", "--owner", "市教育局", "--owner", "市广播电视台")
    result = ranked("owners", "--month", "6", "--project", "4", "--owner", "市广播电视台", "--lead-only")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "shishi: error: --lead-only: 市广播电视台 leads no indicator of the 2022 plan; "
        "without --lead-only, the indicators it supports are counted\n"
    )


def test_owners_in_chinese_and_markdown(ranked: Run) -> None:
    chinese = status(ranked, 1, "--lang", "zh", "owners", "--month", "6", "--lead-only")
    assert chinese.splitlines()[0] == "责任单位排名（仅计牵头指标），6月（2022-06-30），最落后的在前"
    assert chinese.splitlines()[1].split() == [
        "排名", "责任单位", "简称", "牵头", "配合", "状态", "最大差距", "平均差距", "连续滞后月数",
        "未报送", "阶梯",
    ]  # fmt: skip
    assert (
        " ".join(chinese.splitlines()[2].split())
        == "1 市交通运输局 2 0 滞后1项，无数据1项 -30（3.1） -30 1 1 提醒"
    )
    assert chinese.endswith("各项均相同的单位名次并列。\n")
    markdown = status(ranked, 1, "owners", "--month", "6", "-f", "markdown")
    assert markdown.startswith(
        "## Departments ranked, month 6 (2022-06-30), most behind first\n\n"
        "| Rank | Department | Short names | Led | Supported | Statuses | Worst gap | Mean gap | "
        "Months lagging | Not reported | Step |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
        "| 1 | 市交通运输局 |  | 2 | 0 | 1 lagging, 1 no data | -30 (3.1) | -30 | 1 | 1 | 提醒 |\n"
    )
    assert markdown.endswith("\n\n" + RULE)


def test_the_bulletin_names_the_departments_behind_and_those_not_reported(ranked: Run) -> None:
    paragraph = status(ranked, 0, "bulletin", "--month", "6").split("\n\n")[3]
    # The lead units only: 住建局 supports 交通局 on 3.1 (lagging) and 3.2 (no figure), and was not
    # asked for either figure.
    assert paragraph == (
        "Departments with items behind: 市交通运输局 (1 lagging). "
        "Not reported for June: 市交通运输局 (1 indicator), 市教育局 (1 indicator), 市民政局 (1 indicator)."
    )
    chinese = status(ranked, 0, "--lang", "zh", "bulletin", "--month", "6", "--project", "4").split("\n\n")[3]
    assert chinese == "6月未报送：市教育局（1项指标）。"
    for ident in ("4.2",):
        status(ranked, 0, "add-progress", ident, "10", "--month", "6")
    done = status(ranked, 0, "--lang", "zh", "bulletin", "--month", "6", "--project", "4").split("\n\n")[3]
    assert done == "各责任单位6月数据均已报送，无滞后事项。"


def test_the_installed_command_ranks_the_example(tmp_path: Path) -> None:
    store = tmp_path / "qingdao.json"
    copy_store(EXAMPLE, store)
    done = shishi("owners", "--month", "6", "--format", "json", store=store)
    assert (done.returncode, done.stderr) == (1, "")
    rows = json.loads(done.stdout)["departments"]
    assert [(d["rank"], d["department"], d["worst_indicator"]) for d in rows[:3]] == [
        (1, "市住房城乡建设局", "8.2"),
        (2, "市卫生健康委", "12.3"),
        (2, "市红十字会", "12.3"),
    ]
    assert len(rows) == 20


def test_a_unit_at_a_higher_step_and_one_without_data_rank_before_others(run: Run) -> None:
    """市教育局 has lagged two months (约谈 on the default ladder), 市民政局 is further behind but
    for one month (督办); 市文旅局 has sent nothing, 市体育局 has met its target."""
    status(run, 0, "init", "--year", "2022", "--title", "t")
    for number, owner in enumerate(("市教育局", "市民政局", "市文旅局", "市体育局"), start=1):
        status(run, 0, "add-project", str(number), owner, "--owner", owner)
        status(run, 0, "add-indicator", str(number), owner + "指标", "--target", "100")
    status(run, 0, "add-progress", "1.1", "30", "--month", "5")  # 41.67 expected: lagging, yellow
    status(run, 0, "add-progress", "1.1", "35", "--month", "6")  # 50 expected: lagging again
    status(run, 0, "add-progress", "2.1", "10", "--month", "6")  # 40 points behind: red
    status(run, 0, "add-progress", "4.1", "100", "--month", "6")
    body = json.loads(status(run, 1, "owners", "--month", "6", "-f", "json"))
    assert [(d["rank"], d["department"], d["escalation"], d["worst_gap"]) for d in body["departments"]] == [
        (1, "市教育局", "约谈", -15),
        (2, "市民政局", "督办", -40),
        (3, "市文旅局", None, None),
        (4, "市体育局", None, None),
    ]
