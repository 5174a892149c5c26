"""Regions (区市, 市州) as names of the plan, targets broken down among them (任务分解), their
figures, the report by region and the regional league table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .helpers import Run, shishi, whole, year_file


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def stored(path: Path) -> dict[str, Any]:
    plan: dict[str, Any] = whole(path)["plans"]["2021"]
    return plan


@pytest.fixture
def hunan(run: Run) -> Run:
    ok(run, "init", "--year", "2021", "--title", "湖南省2021年重点民生实事")
    return run


def test_regions_are_declared_with_short_names_renamed_and_removed(hunan: Run, store_path: Path) -> None:
    before = store_path.read_bytes()
    assert b"regions" not in before  # a plan without regions is written as before
    assert ok(hunan, "add-region", "湘西土家族苗族自治州", "--alias", " 湘西州 ") == (
        "Declared the region 湘西土家族苗族自治州\n"
    )
    ok(hunan, "add-region", "长沙市")
    assert stored(store_path)["regions"] == [
        {"name": "湘西土家族苗族自治州", "aliases": ["湘西州"]},
        {"name": "长沙市", "aliases": []},
    ]
    again = hunan("add-region", "湘西州")
    assert (again.exit_code, again.stdout, again.stderr) == (
        3, "", "shishi: error: the region '湘西土家族苗族自治州' is declared already; "
        "change it with 'shishi edit-region'\n",
    )  # fmt: skip
    taken = hunan("add-region", "湘西自治州", "--alias", "湘西州")
    assert (taken.exit_code, taken.stderr) == (
        3, "shishi: error: the short name '湘西州' of the region '湘西自治州' already names "
        "'湘西土家族苗族自治州'; give 湘西自治州 another short name, or edit 湘西土家族苗族自治州's\n",
    )  # fmt: skip
    unknown = hunan("edit-region", "湘西", "--alias", "湘西")
    assert (unknown.exit_code, unknown.stdout, unknown.stderr) == (
        2, "", "shishi: error: '湘西': no region of the 2021 plan is called that; regions there, closest "
        "first: 湘西土家族苗族自治州 (湘西州), 长沙市\n",
    )  # fmt: skip
    assert ok(hunan, "regions") == (
        "Regions of the 2021 plan\n"
        "Region                Short names  Shares of\n"
        "湘西土家族苗族自治州  湘西州\n"
        "长沙市\n"
    )
    assert json.loads(ok(hunan, "regions", "-f", "json"))[0] == {
        "name": "湘西土家族苗族自治州", "aliases": ["湘西州"], "shares": []
    }  # fmt: skip
    assert ok(hunan, "edit-region", "湘西州", "--name", "湘西州", "--no-aliases") == (
        "Changed the region 湘西州: name '湘西土家族苗族自治州' -> '湘西州'; aliases 湘西州 -> none\n"
    )
    assert ok(hunan, "remove-region", "长沙市") == "Removed the region 长沙市\n"
    assert stored(store_path)["regions"] == [{"name": "湘西州", "aliases": []}]
    ok(hunan, "remove-region", "湘西州")
    assert "regions" not in stored(store_path)


def test_the_share_tolerance_is_a_setting_left_out_at_0(hunan: Run, store_path: Path) -> None:
    assert ok(hunan, "share-tolerance", "0.01") == "Changed the 2021 plan: share_tolerance 0 -> 0.01\n"
    assert stored(store_path)["settings"]["share_tolerance"] == "0.01"
    bad = hunan("share-tolerance", "1001")
    assert (bad.exit_code, bad.stderr) == (
        2, "shishi: error: a share tolerance of 1001 percent is too large; 1000 at most\n"
    )  # fmt: skip
    ok(hunan, "share-tolerance", "0")
    assert "share_tolerance" not in stored(store_path)["settings"]


# Hunan 2021, 城镇老旧小区改造: the province promises 1,500 started compounds, broken down among its
# 14 市州. Given by the bulletin: 长沙市 150/143, 株洲市 71/44, 湘西州 85/30, 衡阳市 39.73 %,
# 邵阳市 43.17 %, 张家界市, 怀化市 and 郴州市 at 100 %, 1,500 and 1,110 in all; the rest made up so
# that the totals hold.
HUNAN = [  # (region, share, started by the end of August)
    ("长沙市", 150, 143), ("株洲市", 71, 44), ("湘潭市", 90, 80), ("衡阳市", 146, 58),
    ("邵阳市", 139, 60), ("岳阳市", 130, 100), ("常德市", 125, 95), ("张家界市", 40, 40),
    ("益阳市", 100, 80), ("郴州市", 110, 110), ("永州市", 120, 90), ("怀化市", 100, 100),
    ("娄底市", 94, 80), ("湘西州", 85, 30),
]  # fmt: skip
# Planned investment (万元) by region: they add up to 752,393.76, the bulletin's total is 752,393.73.
INVESTMENT = [
    ("长沙市", "120000"), ("株洲市", "45000"), ("湘潭市", "40000"), ("衡阳市", "60000"),
    ("邵阳市", "55000"), ("岳阳市", "62000"), ("常德市", "58000"), ("张家界市", "25000"),
    ("益阳市", "48000"), ("郴州市", "52000"), ("永州市", "54000"), ("怀化市", "50000"),
    ("娄底市", "43000"), ("湘西州", "40393.76"),
]  # fmt: skip


def declare_hunan(run: Run) -> None:
    for region, _share, _started in HUNAN[:-1]:
        ok(run, "add-region", region)
    ok(run, "add-region", "湘西土家族苗族自治州", "--alias", "湘西州")
    ok(run, "add-project", "1", "城镇老旧小区改造", "--owner", "省住房城乡建设厅")


@pytest.fixture
def hunan_table(hunan: Run) -> Run:
    declare_hunan(hunan)
    shares = [f"--region-target={region}={share}" for region, share, _started in HUNAN]
    ok(hunan, "add-indicator", "1", "开工改造城镇老旧小区", "--target", "1500", "--unit", "个", *shares)
    for region, _share, started in HUNAN:
        ok(hunan, "add-progress", "1.1", str(started), "--month", "8", "--region", region)
    return hunan


def test_a_breakdown_is_stored_with_the_indicator_by_full_name(hunan_table: Run, store_path: Path) -> None:
    indicator = stored(store_path)["projects"][0]["indicators"][0]
    assert indicator["regions"][:2] == [
        {"region": "长沙市", "target": "150"}, {"region": "株洲市", "target": "71"}
    ]  # fmt: skip
    assert indicator["regions"][-1] == {"region": "湘西土家族苗族自治州", "target": "85"}
    entries = stored(store_path)["progress"]
    assert entries[-1] == {
        "indicator": "1.1", "month": 8, "value": "30", "at": "2022-07-27T00:00:00",
        "region": "湘西土家族苗族自治州",
    }  # fmt: skip
    listed = json.loads(ok(hunan_table, "list", "-f", "json"))["projects"][0]["indicators"][0]
    assert listed["regions"][0] == {"region": "长沙市", "target": 150}
    assert ok(hunan_table, "check") == f"{store_path}: sound\n"


def test_hunan_the_province_is_the_sum_of_its_regions(hunan_table: Run) -> None:
    body = json.loads(ok(hunan_table, "report", "--month", "8", "-f", "json"))
    [row] = body["indicators"]
    assert (row["value"], row["percent"], row["target"]) == (1110, 74, 1500)
    rates = {r["region"]: r["percent"] for r in row["regions"]}
    assert rates["长沙市"] == 95.33
    assert rates["株洲市"] == 61.97
    assert rates["湘西土家族苗族自治州"] == 35.29
    assert rates["衡阳市"] == 39.73
    assert rates["邵阳市"] == 43.17
    assert rates["张家界市"] == rates["怀化市"] == rates["郴州市"] == 100
    assert row["regions"][0] == {
        "region": "长沙市", "target": 150, "value": 143, "as_of_month": 8, "percent": 95.33,
        "expected_percent": 66.67, "gap": 28.66, "status": "ahead", "light": "green", "lagging_months": 0,
        "reported": True,
    }  # fmt: skip
    assert body["warnings"] == []


def test_a_region_without_a_figure_is_missing_not_zero(hunan: Run) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "开工", "--target", "235", "--region-target", "长沙市=150",
       "--region-target", "湘西州=85")  # fmt: skip
    ok(hunan, "add-progress", "1.1", "143", "--month", "8", "--region", "长沙市")
    body = json.loads(ok(hunan, "report", "--month", "8", "-f", "json"))
    [row] = body["indicators"]
    assert (row["value"], row["regions"][1]["value"], row["regions"][1]["status"]) == (143, None, "no_data")
    assert [w["message"] for w in body["warnings"]] == [
        "1.1 开工: no figure yet from 湘西土家族苗族自治州; the value is the sum of the others"
    ]


def test_a_total_entered_beside_the_regions_is_kept_and_compared(hunan_table: Run, store_path: Path) -> None:
    assert (
        ok(hunan_table, "add-progress", "1.1", "1111", "--month", "8") == "Recorded 1.1 month 8: 1,111 个\n"
    )
    body = json.loads(ok(hunan_table, "report", "--month", "8", "-f", "json"))
    assert body["indicators"][0]["value"] == 1110
    assert [w["message"] for w in body["warnings"]] == [
        "1.1 开工改造城镇老旧小区: the total entered, 1,111 个, differs from the regions' sum, 1,110 个"
    ]
    assert stored(store_path)["progress"][-1]["value"] == "1111"
    ok(hunan_table, "add-progress", "1.1", "1110", "--month", "8")
    assert json.loads(ok(hunan_table, "report", "--month", "8", "-f", "json"))["warnings"] == []
    # a month later the regions move on: August's total is older than September's regions, not
    # different from them
    ok(hunan_table, "add-progress", "1.1", "1111", "--month", "8")
    ok(hunan_table, "add-progress", "1.1", "160", "--month", "9", "--region", "长沙市")
    assert json.loads(ok(hunan_table, "report", "--month", "9", "-f", "json"))["warnings"] == []
    assert len(json.loads(ok(hunan_table, "report", "--month", "8", "-f", "json"))["warnings"]) == 1


def test_a_total_before_any_region_reports_is_the_value(hunan_table: Run) -> None:
    ok(hunan_table, "add-progress", "1.1", "600", "--month", "5")
    row = json.loads(ok(hunan_table, "report", "--month", "5", "-f", "json"))["indicators"][0]
    assert (row["value"], row["regions"][0]["status"]) == (600, "no_data")


def test_investment_shares_that_do_not_add_up_are_taken_with_a_warning(hunan: Run, store_path: Path) -> None:
    declare_hunan(hunan)
    shares = [f"--region-target={region}={amount}" for region, amount in INVESTMENT]
    result = hunan("add-indicator", "1", "完成投资", "--target", "752393.73", "--unit", "万元", *shares)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "Added indicator 1.1: 完成投资\n",
        "shishi: note: the region shares of 1.1 add up to 752393.76, not to its target 752393.73\n",
    )  # fmt: skip
    checked = hunan("check")
    assert (checked.exit_code, checked.stdout) == (
        0, "warning: plans.2021.projects[0].indicators[0].regions: the region shares of 1.1 add up to "
        f"752393.76, not to its target 752393.73\n{store_path}: sound, 1 warning(s)\n",
    )  # fmt: skip
    ok(hunan, "add-progress", "1.1", "300000", "--month", "8", "--region", "长沙市")
    body = json.loads(ok(hunan, "report", "--month", "8", "-f", "json"))
    assert body["warnings"][0]["kind"] == "shares_off"
    assert body["warnings"][0]["message"] == (
        "1.1 完成投资: the region shares add up to 752,393.76 万元, not to the target 752,393.73 万元"
    )


@pytest.mark.parametrize(
    ("tolerance", "last", "warned"),
    [
        ("0", "100", False),  # exactly
        ("0", "100.01", True),  # off by 0.01
        ("0.001", "100.01", False),  # 0.01 of 1,000 is 0.001 %: within, at the boundary
        ("0.001", "100.02", True),
    ],
)
def test_shares_add_up_exactly_or_within_the_plans_tolerance(
    hunan: Run, tolerance: str, last: str, warned: bool
) -> None:
    declare_hunan(hunan)
    ok(hunan, "share-tolerance", tolerance)
    shares = [f"--region-target={region}=100" for region, _s, _f in HUNAN[:9]]
    result = hunan("add-indicator", "1", "x", "--target", "1000", *shares, f"--region-target=郴州市={last}")
    assert (result.exit_code, bool(result.stderr)) == (0, warned)
    check = hunan("check")
    assert ("warning" in check.stdout) is warned


def test_a_breakdown_is_refused_where_it_cannot_be(hunan: Run) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "管线", "--kind", "milestone", "--stages", "开工,建成")
    milestone = hunan("edit-indicator", "1.1", "--region-target", "长沙市=1")
    assert (milestone.exit_code, milestone.stderr) == (
        3, "shishi: error: indicator 1.1 has no target to break down by region; only a quantity with a "
        "target breaks down; give --target first\n",
    )  # fmt: skip
    ok(hunan, "add-indicator", "1", "开工", "--target", "20")
    unknown = hunan("edit-indicator", "1.2", "--region-target", "长沙=1")
    assert (unknown.exit_code, unknown.stderr) == (
        2, "shishi: error: --region-target '长沙': no region of the 2021 plan is called that; regions there, "
        "closest first: 长沙市, 株洲市, 湘潭市, 衡阳市, 邵阳市 and 9 more\n",
    )  # fmt: skip
    shape = hunan("edit-indicator", "1.2", "--region-target", "长沙市")
    assert (shape.exit_code, shape.stderr) == (
        2, "shishi: error: --region-target '长沙市' is not REGION=AMOUNT; e.g. --region-target 长沙市=150\n"
    )  # fmt: skip
    twice = hunan(
        "edit-indicator", "1.2", "--region-target", "湘西州=10", "--region-target", "湘西土家族苗族自治州=10"
    )
    assert (twice.exit_code, twice.stderr) == (
        3, "shishi: error: the region '湘西土家族苗族自治州' has two shares of 1.2; give each region once\n"
    )  # fmt: skip
    ok(hunan, "edit-indicator", "1.2", "--region-target", "长沙市=20")
    no_share = hunan("add-progress", "1.2", "5", "--month", "3", "--region", "株洲市")
    assert (no_share.exit_code, no_share.stderr) == (
        3, "shishi: error: 1.2 has no share for the region '株洲市'; regions with a share: 长沙市\n"
    )  # fmt: skip
    ok(hunan, "add-progress", "1.2", "5", "--month", "3", "--region", "长沙市")
    gone = hunan("edit-indicator", "1.2", "--no-region-targets")
    assert (gone.exit_code, gone.stderr) == (
        3, "shishi: error: indicator 1.2 has a month-3 entry that the change would not fit; remove or "
        "correct those entries first\n",
    )  # fmt: skip
    held = hunan("remove-region", "长沙市")
    assert (held.exit_code, held.stderr) == (
        3, "shishi: error: the region 长沙市 has a share of 1.2; give those indicators their breakdown "
        "without it first (edit-indicator --region-target)\n",
    )  # fmt: skip


def test_a_staged_indicator_breaks_down_its_counted_stage(hunan: Run) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "改造", "--target", "10", "--stages", "开工,完工",
       "--region-target", "长沙市=4", "--region-target", "株洲市=6")  # fmt: skip
    ok(hunan, "add-progress", "1.1", "3", "--month", "6", "--region", "长沙市")
    ok(hunan, "add-progress", "1.1", "2", "--month", "6", "--region", "株洲市")
    ok(hunan, "add-progress", "1.1", "9", "--month", "6", "--stage", "开工")
    started = hunan("add-progress", "1.1", "4", "--month", "6", "--stage", "开工", "--region", "长沙市")
    assert (started.exit_code, started.stderr) == (
        3, "shishi: error: 1.1 breaks down its stage 完工: a region's figure of 开工 is not counted; "
        "give the region's figure of 完工\n",
    )  # fmt: skip
    row = json.loads(ok(hunan, "report", "--month", "6", "-f", "json"))["indicators"][0]
    assert (row["value"], row["stages"], row["percent"]) == (5, {"开工": 9, "完工": 5}, 50)


def test_region_figures_go_through_a_progress_sheet(hunan: Run, tmp_path: Path, store_path: Path) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "开工", "--target", "235", "--region-target", "长沙市=150",
       "--region-target", "湘西州=85")  # fmt: skip
    sheet = tmp_path / "figures.csv"
    sheet.write_text("指标,月份,累计,地区\n1.1,8,143,长沙市\n1.1,8,30,湘西州\n", encoding="utf-8")
    ok(hunan, "import-progress", str(sheet))
    assert [(e["value"], e["region"]) for e in stored(store_path)["progress"]] == [
        ("143", "长沙市"), ("30", "湘西土家族苗族自治州")
    ]  # fmt: skip
    again = hunan("import-progress", str(sheet))
    assert (again.exit_code, again.stdout) == (0, f"Imported from {sheet}: 2 already there\n")
    out = tmp_path / "progress.csv"
    ok(hunan, "export", "--what", "progress", "-o", str(out))
    assert out.read_text(encoding="utf-8-sig").splitlines()[:2] == [
        "indicator,month,value,stage,note,at,label,region", "1.1,8,143,,,2022-07-27T00:00:00,,长沙市"
    ]  # fmt: skip


def test_hunan_league_table_most_behind_first_and_best_first(hunan_table: Run) -> None:
    table = ok(hunan_table, "region-table", "--month", "8", "--indicator", "1.1")
    assert table.splitlines()[:5] == [
        "Regions on 1.1 开工改造城镇老旧小区 as of 2021-08-31 (month 8), most behind first",
        " #  Region                Target  Value      %   Exp.     Gap            Status",
        " 1  湘西土家族苗族自治州   85 个     30  35.29  66.67  -31.38     lagging (red)",
        " 2  衡阳市                146 个     58  39.73  66.67  -26.94  lagging (yellow)",
        " 3  邵阳市                139 个     60  43.17  66.67   -23.5  lagging (yellow)",
    ]
    body = json.loads(ok(hunan_table, "region-table", "--month", "8", "--indicator", "1.1", "-f", "json"))
    order = [r["region"] for r in body["regions"]]
    assert order[:3] == ["湘西土家族苗族自治州", "衡阳市", "邵阳市"]
    assert set(order[-3:]) == {"张家界市", "怀化市", "郴州市"}
    assert body["indicator"] == {
        "id": "1.1", "name": "开工改造城镇老旧小区", "unit": "个", "target": 1500, "value": 1110,
        "percent": 74,
    }  # fmt: skip
    assert (body["order"], body["regions"][0]["rank"], body["regions"][0]["percent"]) == (
        "most_behind_first", 1, 35.29
    )  # fmt: skip
    best = json.loads(
        ok(hunan_table, "region-table", "-m", "8", "--indicator", "1.1", "--best-first", "-f", "json")
    )
    assert [r["region"] for r in best["regions"]][:3] == ["张家界市", "郴州市", "怀化市"]
    assert [r["region"] for r in best["regions"]][-1] == "湘西土家族苗族自治州"
    assert ok(hunan_table, "region-table", "-m", "8", "--indicator", "1.1", "-f", "csv").splitlines()[:2] == [
        "rank,region,target,value,as_of_month,percent,expected_percent,gap,status,light,lagging_months,reported",
        "1,湘西土家族苗族自治州,85,30,8,35.29,66.67,-31.38,lagging,red,1,true",
    ]


def test_the_league_table_over_every_indicator_and_in_chinese(hunan_table: Run) -> None:
    shares = [f"--region-target={region}={share * 1000}" for region, share, _started in HUNAN]
    ok(hunan_table, "add-indicator", "1", "完成投资", "--target", "1500000", "--unit", "万元", *shares)
    ok(hunan_table, "add-progress", "1.2", "100000", "--month", "8", "--region", "长沙市")
    body = json.loads(ok(hunan_table, "region-table", "--month", "8", "-f", "json"))
    assert body["indicator"] is None
    gaps = [r["mean_gap"] for r in body["regions"]]
    assert gaps == sorted(gaps)
    changsha = next(r for r in body["regions"] if r["region"] == "长沙市")
    assert changsha == {
        "rank": changsha["rank"], "region": "长沙市", "indicators": 2,
        "counts": {"met": 0, "ahead": 1, "on_track": 1, "lagging": 0, "overdue": 0, "no_data": 0,
                   "in_progress": 0, "breached": 0},
        "mean_gap": 14.33, "worst_indicator": "1.2", "worst_gap": 0,
    }  # fmt: skip
    xiangxi = next(r for r in body["regions"] if r["region"] == "湘西土家族苗族自治州")
    assert (xiangxi["counts"]["lagging"], xiangxi["counts"]["no_data"], xiangxi["mean_gap"]) == (1, 1, -31.38)
    zh = hunan_table("--lang", "zh", "region-table", "--month", "8", "--indicator", "1.1", "--best-first")
    assert zh.stdout.splitlines()[:3] == [
        "各地区1.1 开工改造城镇老旧小区进展（截至2021-08-31，8月），领先的在前",
        " #  地区                    目标  进展      %  时序进度    差距              状态",
        " 1  张家界市               40 个    40    100     66.67  +33.33    已完成（蓝灯）",
    ]


def test_report_by_region_shows_each_region_under_its_indicator(hunan_table: Run) -> None:
    lines = ok(hunan_table, "report", "--month", "8", "--by-region").splitlines()
    assert lines[3].split() == [
        "1.1", "开工改造城镇老旧小区", "省住房城乡建设厅", "1,500", "个", "1,110", "#######...", "74",
        "66.67", "+7.33", "ahead", "(green)", "8",
    ]  # fmt: skip
    assert lines[4].startswith("       长沙市 ")
    assert lines[4].split() == [
        "长沙市", "150", "个", "143", "#########.", "95.33", "66.67", "+28.66", "ahead", "(green)", "8"
    ]  # fmt: skip
    assert len(lines) == 3 + 1 + 14 + 4  # title, header, project; the indicator, its 14 regions; summary
    markdown = ok(hunan_table, "report", "--month", "8", "--by-region", "-f", "markdown")
    assert (
        "|  | · 湘西土家族苗族自治州 |  | 85 个 | 30 | 35.29 | 66.67 | -31.38 | lagging (red) |" in markdown
    )
    plain = ok(hunan_table, "report", "--month", "8")
    assert "长沙市" not in plain


def test_report_by_region_beside_labels_and_on_the_page(run: Run, qingdao: Path, tmp_path: Path) -> None:
    """The example's labels add a column: each region's line has its cell too (a table in a pipe
    once failed on it), and the page (--html) shows the regions' lines under their indicator."""
    for region in ("市南区", "市北区"):
        ok(run, "add-region", region)
    ok(run, "edit-indicator", "1.3", "--region-target", "市南区=1万", "--region-target", "市北区=2万")
    ok(run, "add-progress", "1.3", "0.8万", "--month", "6", "--region", "市南区")
    lines = ok(run, "report", "--month", "6", "--by-region").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("1.3 "))
    assert lines[at + 1].split() == [
        "市南区",
        "10,000",
        "人",
        "8,000",
        "########..",
        "80",
        "50",
        "+30",
        "ahead",
        "(green)",
        "6",
    ]
    assert lines[at + 2].split()[:5] == ["市北区", "20,000", "人", "—", "50"]
    page = tmp_path / "report.html"
    ok(run, "--lang", "zh", "report", "--month", "6", "--by-region", "--html", str(page))
    html = page.read_text(encoding="utf-8")
    assert html.count('<tr class="region" data-indicator="1.3"') == 2
    south = html[html.index('data-region="市南区"') :].split("</tr>")[0]
    assert "超前" in south and "80%" in south and "8,000" in south and "10,000 人" in south
    plain = tmp_path / "plain.html"
    ok(run, "report", "--month", "6", "--html", str(plain))
    assert 'class="region"' not in plain.read_text(encoding="utf-8")


def test_a_region_filters_every_view(hunan_table: Run) -> None:
    lagging = hunan_table("lagging", "--month", "8", "--region", "湘西州", "-f", "json")
    assert lagging.exit_code == 1
    [row] = json.loads(lagging.stdout)["indicators"]
    assert (row["target"], row["value"], row["percent"], row["status"]) == (85, 30, 35.29, "lagging")
    assert [r["region"] for r in row["regions"]] == ["湘西土家族苗族自治州"]
    good = hunan_table("lagging", "--month", "8", "--region", "长沙市")
    assert (good.exit_code, good.stdout) == (0, "Nothing is lagging or overdue as of 2021-08-31 (month 8).\n")
    table = json.loads(ok(hunan_table, "region-table", "-m", "8", "--region", "衡阳市", "-f", "json"))
    assert [r["region"] for r in table["regions"]] == ["衡阳市"]
    for command in (["report"], ["lagging"], ["bulletin"], ["missing"], ["region-table"]):
        result = hunan_table(*command, "--month", "8", "--region", "湘西")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "shishi: error: --region '湘西': no region of the 2021 plan is called that; regions there, "
            "closest first: 湘西土家族苗族自治州 (湘西州), 湘潭市, 长沙市, 株洲市, 衡阳市 and 9 more\n"
        )


def test_a_region_table_needs_an_indicator_broken_down(hunan: Run) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "开工", "--target", "10")
    none = hunan("region-table", "--month", "8")
    assert (none.exit_code, none.stderr) == (
        2, "shishi: error: no indicator of the 2021 plan is broken down by region; give one its regions' "
        "shares with: shishi edit-indicator ID --region-target REGION=AMOUNT\n",
    )  # fmt: skip
    ok(hunan, "add-indicator", "1", "竣工", "--target", "10", "--region-target", "长沙市=10")
    other = hunan("region-table", "--month", "8", "--indicator", "1.1")
    assert (other.exit_code, other.stderr) == (
        2, "shishi: error: --indicator 1.1: it is not broken down by region; broken down: 1.2\n"
    )  # fmt: skip


def test_the_bulletin_names_the_leading_and_the_trailing_regions(hunan_table: Run) -> None:
    text = ok(hunan_table, "bulletin", "--month", "8")
    assert (
        "By region, on 开工改造城镇老旧小区: leading, 张家界市 (100 %), 郴州市 (100 %), 怀化市 (100 %); "
        "trailing, 湘西土家族苗族自治州 (35.29 %), 衡阳市 (39.73 %), 邵阳市 (43.17 %).\n"
    ) in text
    zh = ok(hunan_table, "--lang", "zh", "bulletin", "--month", "8")
    assert (
        "分地区看，“开工改造城镇老旧小区”完成率居前的是张家界市（100%）、郴州市（100%）、怀化市（100%），"
        "排名靠后的是湘西土家族苗族自治州（35.29%）、衡阳市（39.73%）、邵阳市（43.17%）。\n"
    ) in zh


def test_the_bulletin_names_the_regions_without_a_figure(hunan: Run) -> None:
    declare_hunan(hunan)
    shares = [f"--region-target={region}={share}" for region, share, _started in HUNAN]
    ok(hunan, "add-indicator", "1", "开工改造城镇老旧小区", "--target", "1500", "--unit", "个", *shares)
    for region, _share, started in HUNAN[2:]:  # 长沙市 and 株洲市 send nothing
        ok(hunan, "add-progress", "1.1", str(started), "--month", "8", "--region", region)
    text = ok(hunan, "bulletin", "--month", "8")
    assert "By region, on 开工改造城镇老旧小区: no figure yet from 长沙市, 株洲市.\n" in text
    assert text.index("trailing, ") < text.index("no figure yet")
    zh = ok(hunan, "--lang", "zh", "bulletin", "--month", "8")
    assert "分地区看，“开工改造城镇老旧小区”尚未报送数据的有长沙市、株洲市。\n" in zh
    assert "no figure yet" not in ok(hunan, "bulletin", "--month", "8", "--region", "湘潭市")


def test_the_bulletin_names_the_regions_without_the_months_figure(hunan_table: Run) -> None:
    """September: 长沙市 and 株洲市 report; of the others, the three at 100 % by August have nothing
    left to report, and the nine left are named as `missing` lists them (their August figures
    count meanwhile)."""
    for region, _share, started in HUNAN[:2]:
        ok(hunan_table, "add-progress", "1.1", str(started + 5), "--month", "9", "--region", region)
    late = "湘潭市, 衡阳市, 邵阳市, 岳阳市, 常德市, 益阳市, 永州市, 娄底市, 湘西土家族苗族自治州"
    text = ok(hunan_table, "bulletin", "--month", "9")
    assert f"\n\nBy region, on 开工改造城镇老旧小区: no September figure yet from {late}.\n" in text
    assert "no figure yet" not in text  # every region has a figure of some month
    zh = ok(hunan_table, "--lang", "zh", "bulletin", "--month", "9")
    assert f"分地区看，“开工改造城镇老旧小区”尚未报送9月数据的有{late.replace(', ', '、')}。\n" in zh
    # August, when every region reported, names none; nor does a bulletin of a region that did.
    assert "figure yet" not in ok(hunan_table, "bulletin", "--month", "8")
    assert "figure yet" not in ok(hunan_table, "bulletin", "--month", "9", "--region", "长沙市")


def test_missing_lists_the_regions_without_a_figure_for_the_month(hunan_table: Run) -> None:
    for region, _share, started in HUNAN[:2]:
        ok(hunan_table, "add-progress", "1.1", str(started + 5), "--month", "9", "--region", region)
    result = hunan_table("missing", "--month", "9", "-f", "json")
    assert result.exit_code == 1
    [department] = json.loads(result.stdout)["departments"]
    [row] = department["indicators"]
    # The three at 100 % by August have nothing left to report; 长沙市 and 株洲市 have reported.
    assert row["regions"] == [
        "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "益阳市", "永州市", "娄底市", "湘西土家族苗族自治州"
    ]  # fmt: skip
    assert (row["id"], row["last_month"]) == ("1.1", 9)  # (长沙市 and 株洲市 reported September)
    csv = ok_or_attention(hunan_table, "missing", "--month", "9", "-f", "csv")
    assert csv.splitlines()[0] == "department,id,project,name,status,last_month,last_entered,regions"
    assert csv.splitlines()[1].endswith(
        ",湘潭市;衡阳市;邵阳市;岳阳市;常德市;益阳市;永州市;娄底市;湘西土家族苗族自治州"
    )
    one = hunan_table("missing", "--month", "9", "--region", "长沙市")
    assert (one.exit_code, one.stdout) == (0, "Every indicator has its figure for month 9 (2021-09-30).\n")
    other = hunan_table("missing", "--month", "9", "--region", "湘西州", "-f", "json")
    assert other.exit_code == 1
    assert json.loads(other.stdout)["departments"][0]["indicators"][0]["regions"] == ["湘西土家族苗族自治州"]
    for region, _share, started in HUNAN[2:]:
        ok(hunan_table, "add-progress", "1.1", str(started), "--month", "9", "--region", region)
    done = hunan_table("missing", "--month", "9")
    assert (done.exit_code, done.stdout) == (0, "Every indicator has its figure for month 9 (2021-09-30).\n")


def ok_or_attention(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (1, ""), result
    return result.stdout


def test_plans_without_regions_are_written_and_reported_as_before(qingdao: Path, run: Run) -> None:
    before = year_file(qingdao).read_bytes()
    report = run("report", "--month", "6", "-f", "json")
    assert all("regions" not in i for i in json.loads(report.stdout)["indicators"])
    ok(run, "add-region", "市南区")
    ok(run, "remove-region", "市南区")
    ok(run, "share-tolerance", "0")
    body = year_file(qingdao).read_bytes()
    assert body.split(b'"projects"')[0] == before.split(b'"projects"')[0]


def test_a_hand_edit_of_regions_and_shares_is_told_by_check(hunan_table: Run, store_path: Path) -> None:
    text = year_file(store_path, "2021").read_text(encoding="utf-8")
    text = text.replace('{"name":"长沙市","aliases":[]}', '{"name":"长沙市","aliases":["星城"]}')
    text = text.replace(
        '"region": "株洲市",\n                  "target": "71"',
        '"region": "株洲市",\n                  "target": "72"',
    )
    year_file(store_path, "2021").write_text(text, encoding="utf-8")
    result = hunan_table("check")
    assert result.exit_code == 0, result
    assert "the 2021 plan: regions 长沙市; 株洲市;" in result.stdout
    assert "-> 长沙市 (星城); 株洲市;" in result.stdout
    assert "indicator 1.1: regions 长沙市=150,株洲市=71," in result.stdout
    assert "the region shares of 1.1 add up to 1501, not to its target 1500" in result.stdout


def test_the_installed_shishi_ranks_the_regions_and_renames_one_everywhere(tmp_path: Path) -> None:
    store = tmp_path / "hunan.json"
    steps = [
        ["init", "--year", "2021", "--title", "湖南"],
        ["add-region", "湘西土家族苗族自治州"],
        ["add-region", "长沙市"],
        ["add-project", "1", "老旧小区"],
        ["add-indicator", "1", "开工", "--target", "235", "--region-target", "长沙市=150",
         "--region-target", "湘西土家族苗族自治州=85"],
        ["add-progress", "1.1", "143", "--month", "8", "--region", "长沙市"],
        ["add-progress", "1.1", "30", "--month", "8", "--region", "湘西土家族苗族自治州"],
        ["edit-region", "湘西土家族苗族自治州", "--name", "湘西州"],
    ]  # fmt: skip
    for step in steps:
        done = shishi(*step, store=store)
        assert (done.returncode, done.stderr) == (0, ""), (step, done)
    plan = whole(store)["plans"]["2021"]
    assert plan["projects"][0]["indicators"][0]["regions"][1] == {"region": "湘西州", "target": "85"}
    assert plan["progress"][-1]["region"] == "湘西州"
    table = shishi("region-table", "--month", "8", "--indicator", "1.1", "-f", "csv", store=store)
    assert (table.returncode, table.stderr) == (0, "")
    assert table.stdout.splitlines()[1:] == [
        "1,湘西州,85,30,8,35.29,66.67,-31.38,lagging,red,1,true",
        "2,长沙市,150,143,8,95.33,66.67,28.66,ahead,green,0,true",
    ]
    wrong = shishi("lagging", "--month", "8", "--region", "湘西自治州", store=store)
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr.startswith("shishi: error: --region '湘西自治州': no region of the 2021 plan")


def test_the_bulletin_and_owners_chase_a_region_without_its_figure_as_missing_does(hunan: Run) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "开工改造城镇老旧小区", "--target", "235", "--unit", "个",
       "--region-target", "长沙市=150", "--region-target", "湘西州=85")  # fmt: skip
    ok(hunan, "add-progress", "1.1", "143", "--month", "8", "--region", "长沙市")  # 湘西州 has sent nothing
    assert hunan("missing", "--month", "8").exit_code == 1
    owners = json.loads(hunan("owners", "--month", "8", "-f", "json").stdout)
    assert [(d["department"], d["missing"]) for d in owners["departments"]] == [("省住房城乡建设厅", 1)]
    assert "Not reported for August: 省住房城乡建设厅 (1 indicator)." in ok(hunan, "bulletin", "--month", "8")


def test_the_page_s_trend_line_follows_the_regions_sum(hunan: Run, store_path: Path) -> None:
    from shishi_cli.query import ReportQuery, published, report

    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "开工改造城镇老旧小区", "--target", "200", "--unit", "个",
       "--region-target", "长沙市=150", "--region-target", "湘西州=50")  # fmt: skip
    ok(hunan, "add-progress", "1.1", "100", "--month", "6", "--region", "长沙市")
    ok(hunan, "add-progress", "1.1", "20", "--month", "6", "--region", "湘西州")  # 120 of 200: 60 %
    store = whole(store_path)
    built = report(store, ReportQuery(month=6))
    assert built.indicators[0].percent == 60
    points = published(store, None, built).trends["1.1"]
    assert [(p.month, p.percent) for p in points][-1] == (6, 60)  # the sum, not the last region typed


def test_show_lists_each_region_s_figure_without_calling_it_a_correction(hunan: Run) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "开工改造城镇老旧小区", "--target", "200", "--unit", "个",
       "--region-target", "长沙市=150", "--region-target", "湘西州=50")  # fmt: skip
    ok(hunan, "add-progress", "1.1", "100", "--month", "6", "--region", "长沙市")
    ok(hunan, "add-progress", "1.1", "20", "--month", "6", "--region", "湘西州")
    ok(hunan, "add-progress", "1.1", "25", "--month", "6", "--region", "湘西州")  # corrects 20
    entries = json.loads(ok(hunan, "show", "1.1", "-f", "json"))["entries"]
    assert [(e["region"], e["value"], e["superseded"]) for e in entries] == [
        ("长沙市", 100, False), ("湘西土家族苗族自治州", 20, True), ("湘西土家族苗族自治州", 25, False),
    ]  # fmt: skip
    table = ok(hunan, "show", "1.1")
    assert "长沙市" in table and "(corrected later)" in table.split("湘西土家族苗族自治州")[1]


def test_history_and_versions_name_a_regions_figure_and_correct_only_that_region(hunan: Run) -> None:
    declare_hunan(hunan)
    ok(hunan, "add-indicator", "1", "开工改造城镇老旧小区", "--target", "300", "--unit", "个",
       "--region-target", "长沙市=100", "--region-target", "株洲市=200")  # fmt: skip
    ok(hunan, "add-progress", "1.1", "40", "--month", "4", "--region", "长沙市")
    ok(hunan, "add-progress", "1.1", "5", "--month", "4", "--region", "株洲市")
    ok(hunan, "add-progress", "1.1", "6", "--month", "4", "--region", "株洲市")
    lines = ok(hunan, "history").splitlines()[-3:]
    assert [line.split(None, 2)[2] for line in lines] == [
        "1.1 month 4: 40 (长沙市)",
        "1.1 month 4: 5 (株洲市)",
        "1.1 month 4: 6 (株洲市), correcting 5 (株洲市)",
    ]
    versions = json.loads(ok(hunan, "versions", "--format", "json"))["versions"]
    assert versions[0]["summary"] == "add-progress 1.1 month 4: 6 (株洲市)"
    assert ok(hunan, "--lang", "zh", "history").splitlines()[-2].endswith("1.1 4月：5（株洲市）")


def test_remove_progress_of_one_region(hunan_table: Run, store_path: Path) -> None:
    before = [e for e in stored(store_path)["progress"] if e["month"] == 8]
    assert len(before) == 14
    removed = ok(hunan_table, "remove-progress", "1.1", "--month", "8", "--region", "湘西州")
    assert removed == "Removed 1 month-8 entries of 1.1\n"
    after = [e for e in stored(store_path)["progress"] if e["month"] == 8]
    assert [e["region"] for e in before if e not in after] == ["湘西土家族苗族自治州"]
    assert "removed 1 month-8 entries of 1.1: 30 (湘西土家族苗族自治州)\n" in ok(hunan_table, "history")
    again = hunan_table("remove-progress", "1.1", "--month", "8", "--region", "湘西州")
    assert again.exit_code == 3 and "no month-8 entry of 1.1 for 湘西土家族苗族自治州" in again.stderr
    unknown = hunan_table("remove-progress", "1.1", "--month", "8", "--region", "青岛市")
    assert unknown.exit_code == 2 and len(stored(store_path)["progress"]) == 13


def test_a_note_on_a_regions_figure_names_the_region(hunan_table: Run) -> None:
    changed = ok(
        hunan_table, "add-progress", "1.1", "30", "--month", "8", "--region", "湘西州", "--note", "复核后"
    )
    assert changed == "Changed the note of 1.1 (湘西土家族苗族自治州) month 8: none -> '复核后'\n"
    assert "note of 1.1 month 8 (湘西土家族苗族自治州): none -> '复核后'\n" in ok(hunan_table, "history")
