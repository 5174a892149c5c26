"""Trust: no false all-clear, no output over the store or its kept versions, nothing a user cannot get back.

Where the point is the file on disk, these run the installed `shishi` as a real process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import EXAMPLE, EXAMPLE_V3, SCRIPT, SHISHI, Run, copy_store, shishi, whole

# --- filters never say "nothing" by mistake ----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--month", "9"],
        ["lagging", "--month", "9"],
        ["bulletin", "--month", "9"],
        ["export", "--what", "report", "--month", "9", "-o", "out.csv"],
    ],
)
def test_a_misspelled_owner_is_a_usage_error_everywhere(run: Run, qingdao: Path, command: list[str]) -> None:
    result = run(*command, "--owner", "住建")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "shishi: error: --owner '住建': no department of the 2022 plan is called that; departments there, "
        "closest first: 市住房城乡建设局 (住建局、市住建局), 市人力资源社会保障局 (人社局、市人社局), "
        "市农业农村局 (农业农村局), 市交通运输局 (交通局、市交通局), 市公安局 (公安局) and 15 more\n"
    )


@pytest.mark.parametrize(
    "command", [["report"], ["lagging"], ["bulletin"], ["export", "-o", "x.csv", "--what", "report"]]
)
def test_an_unknown_project_is_a_usage_error_everywhere(run: Run, qingdao: Path, command: list[str]) -> None:
    result = run(*command, "--month", "6", "--project", "99")
    assert (result.exit_code, result.stderr) == (
        2,
        "shishi: error: --project 99: no project 99 in the 2022 plan; projects there: 1-16\n",
    )


def test_a_cron_script_with_a_misspelled_owner_is_told_so(tmp_path: Path) -> None:
    """The everyday `lagging || notify` of a cron job: a misspelled department is exit 2 (the
    script's failure branch), never 0 ("nothing lagging")."""
    import subprocess

    store = tmp_path / "store.json"
    copy_store(EXAMPLE, store)
    script = tmp_path / "cron.sh"
    script.write_text(
        "#!/bin/sh\n"
        '"$SHISHI" lagging --month 9 --owner 住建 > lagging.txt 2> error.txt\n'
        'case $? in 0) echo "all clear" ;; 1) echo "lagging" ;; *) echo "failed: $(cat error.txt)" ;; esac\n',
        encoding="utf-8",
    )
    env = {**os.environ, "SHISHI": SHISHI[0], "SHISHI_STORE": str(store)}
    if SHISHI[0] != str(SCRIPT):
        pytest.skip("the console script is not installed")
    result = subprocess.run(["sh", str(script)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.stdout.startswith("failed: shishi: error: --owner '住建'")
    assert "closest first: 市住房城乡建设局 (住建局、市住建局)," in result.stdout
    assert (tmp_path / "lagging.txt").read_text() == ""


def test_a_filter_that_matches_only_good_news_still_says_so(run: Run, qingdao: Path) -> None:
    result = run("lagging", "--month", "6", "--owner", "医保局")
    assert (result.exit_code, result.stdout) == (
        0,
        "Nothing is lagging or overdue as of 2022-06-30 (month 6).\n",
    )


def test_several_owners_add_up(run: Run, qingdao: Path) -> None:
    import json

    one = json.loads(run("report", "-m", "6", "-f", "json", "--owner", "医保局").stdout)
    two = json.loads(
        run("report", "-m", "6", "-f", "json", "--owner", "医保局", "--owner", "红十字会").stdout
    )
    ids = {i["id"] for i in one["indicators"]}
    assert ids < {i["id"] for i in two["indicators"]}
    assert any("市红十字会" in i["owners"] for i in two["indicators"])


# --- no output ever lands on the store ---------------------------------------------------------


OUTPUTS = [
    (["report", "--month", "6", "--html"], ".html"),
    (["report", "--month", "6", "--svg"], ".svg"),
    (["bulletin", "--month", "6", "-o"], ".md"),
    (["export", "--what", "progress", "-o"], ".csv"),
]


def _target(how: str, store: Path, suffix: str) -> str:
    """The output path that reaches the store (or its lock, backup or kept versions) in the way `how` says."""
    if how == "symlink":
        link = store.parent.parent / f"link{suffix}"
        link.symlink_to(store)
        return str(link)
    if how == "hard link":
        link = store.parent.parent / f"hard{suffix}"
        os.link(store, link)
        return str(link)
    if how == "backup":  # left by an older shishi, beside versions kept since
        (store.parent / "store.json.bak").write_bytes(b"{}")
    return {
        "itself": str(store),
        "relative": "data/../data/store.json",
        "backup": str(store) + ".bak",
        "lock": str(store) + ".lock",
        "queue": str(store) + ".queue",
        "versions folder": str(store) + ".versions",
        "kept version": str(store) + ".versions/000001.json",
        "index of the versions": str(store) + ".versions/index.json",
        "new file in the versions": str(store) + f".versions/new{suffix}",
    }[how]


@pytest.mark.parametrize(
    "how",
    ["itself", "relative", "symlink", "hard link", "backup", "lock", "queue", "versions folder",
     "kept version", "index of the versions", "new file in the versions"],
)  # fmt: skip
def test_no_output_path_reaches_the_store(tmp_path: Path, how: str) -> None:
    store = tmp_path / "data" / "store.json"
    store.parent.mkdir()
    copy_store(EXAMPLE, store)
    assert shishi("add-progress", "1.1", "19万", "--month", "7", store=store).returncode == 0
    before = {p: p.read_bytes() for p in store.parent.rglob("*") if p.is_file()}
    for command, suffix in OUTPUTS:
        result = shishi(*command, _target(how, store, suffix), store=store, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "is the store itself, or one of its backups, its lock or its versions" in result.stderr
        assert result.stderr.count("\n") == 1
    after = {p: p.read_bytes() for p in store.parent.rglob("*") if p.is_file() and p.name != "store.json.bak"}
    assert after == {p: b for p, b in before.items() if p.name != "store.json.bak"}


def test_the_backups_name_and_hard_links_to_kept_versions_stay_guarded(tmp_path: Path) -> None:
    from shishi_cli import store as storage

    path = tmp_path / "store.json"
    copy_store(EXAMPLE, path)
    (tmp_path / "store.json.bak").write_bytes(EXAMPLE_V3.read_bytes())
    assert shishi("add-progress", "1.1", "19万", "--month", "7", store=path).returncode == 0
    assert not (tmp_path / "store.json.bak").exists()  # adopted as version 1
    assert storage.backup_path(path) in storage.protected_paths(path)  # an output there would be too
    assert storage.versions_folder(path) in storage.protected_paths(path)
    kept = sorted(storage.versions_folder(path).glob("0*.json"))[0]
    link = tmp_path / "kept.md"
    os.link(kept, link)
    before = kept.read_bytes()
    for target in (link, tmp_path / "store.json.bak"):
        result = shishi("bulletin", "--month", "6", "-o", str(target), store=path)
        assert result.returncode == 2, result.stderr
    assert kept.read_bytes() == before and not (tmp_path / "store.json.bak").exists()


# --- departments are never split inside a name -------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_departments_round_trip_exactly_one_and_two(run: Run, tmp_path: Path, suffix: str) -> None:

    run("init", "--year", "2022", "--title", "t")
    run("add-project", "1", "县域", "--owner", "各区、县（市）人民政府")
    run("add-project", "2", "急救", "--owner", "市卫生健康委、市红十字会")  # one department
    run("add-project", "3", "急救二", "--owner", "市卫生健康委", "--owner", "市红十字会")  # two
    run(
        "add-indicator", "1", "a", "--target", "1", "--owner", "各区、县（市）人民政府", "--owner", "市财政局"
    )
    run("add-indicator", "2", "b", "--target", "1")
    run("add-indicator", "3", "c", "--target", "1")
    exported = tmp_path / f"plan.{suffix}"
    assert run("export", "--what", "plan", "-o", str(exported)).exit_code == 0
    store = tmp_path / "store.json"
    before = whole(store)["plans"]["2022"]["projects"]
    assert [p["owners"] for p in before] == [
        ["各区、县（市）人民政府"],
        ["市卫生健康委、市红十字会"],
        ["市卫生健康委", "市红十字会"],
    ]
    # Into the same store: everything is there already, with the same departments.
    again = run("import-plan", str(exported))
    assert (again.exit_code, again.stdout) == (0, f"Imported from {exported}: 3 already there\n")
    # Into a new store: the same projects, department for department.
    fresh = tmp_path / "fresh.json"
    run("--store", str(fresh), "init", "--year", "2022", "--title", "t")
    assert run("--store", str(fresh), "import-plan", str(exported)).exit_code == 0
    assert whole(fresh)["plans"]["2022"]["projects"] == before


def test_a_cell_lists_departments_by_semicolon_or_line_break(run: Run, tmp_path: Path) -> None:

    run("init", "--year", "2022", "--title", "t")
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "项目,项目标题,指标名称,目标,责任单位\n"
        '1,甲,a,1,"市卫生健康委；市红十字会"\n'
        '2,乙,b,1,"各区、县（市）人民政府\n市财政局"\n'
        "3,丙,c,1,市卫生健康委、市红十字会\n",
        encoding="utf-8",
    )
    assert run("import-plan", str(sheet)).exit_code == 0
    projects = whole(tmp_path / "store.json")["plans"]["2022"]["projects"]
    assert [p["owners"] for p in projects] == [
        ["市卫生健康委", "市红十字会"],
        ["各区、县（市）人民政府", "市财政局"],
        ["市卫生健康委、市红十字会"],
    ]


# --- the history lists figures; a note is changed, not lost ------------------------------------


def test_history_lists_recorded_figures_and_corrections_among_the_changes(
    run: Run, plan, monkeypatch
) -> None:
    plan("add-indicator", "1", "就业", "--target", "100", "--stages", "开工,完工")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1658880060")
    plan("add-progress", "1.1", "5", "--month", "6")
    plan("add-progress", "1.1", "7", "--month", "6", "--stage", "开工")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1658880120")
    plan("edit-indicator", "1.1", "--target", "120")
    plan("add-progress", "1.1", "6", "--month", "6")
    result = run("history", "-n", "4")
    assert result.stdout.splitlines()[1:] == [
        "2022-07-27T00:01:00  add-progress    1.1 month 6: 5 (完工)",
        "2022-07-27T00:01:00  add-progress    1.1 month 6: 7 (开工)",
        "2022-07-27T00:02:00  edit-indicator  indicator 1.1: target 100 -> 120",
        "2022-07-27T00:02:00  add-progress    1.1 month 6: 6 (完工), correcting 5 (完工)",
    ]


def test_an_import_is_one_line_of_the_history(run: Run, plan, tmp_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    sheet = tmp_path / "p.csv"
    sheet.write_text("indicator,month,value\n1.1,5,10\n1.1,6,20\n", encoding="utf-8")
    assert run("import-progress", str(sheet)).exit_code == 0
    lines = run("history").stdout.splitlines()
    assert lines[-1].split()[1:] == ["import-progress", "p.csv:", "2", "entries"]
    assert not any("add-progress" in line for line in lines)


def test_the_same_figure_with_a_new_note_changes_the_note(
    run: Run, plan, store_path: Path, monkeypatch
) -> None:

    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "5", "--month", "6", "--note", "旧说明")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1658880060")
    changed = run("add-progress", "1.1", "5", "--month", "6", "--note", "新说明")
    assert changed.exit_code == 0
    entries = whole(store_path)["plans"]["2022"]["progress"]
    assert [(e["value"], e["note"]) for e in entries] == [("5", "新说明")]
    assert run("history").stdout.splitlines()[-1].endswith("note of 1.1 month 6: '旧说明' -> '新说明'")
    again = run("add-progress", "1.1", "5", "--month", "6", "--note", "新说明")
    assert (again.exit_code, again.stdout) == (0, "1.1 month 6 has that figure already; nothing recorded\n")


# --- a fraction of a count --------------------------------------------------------------------


def test_an_import_names_the_rows_with_a_fraction_of_a_count(run: Run, plan, tmp_path: Path) -> None:
    plan("add-indicator", "1", "新建学校", "--target", "30", "--unit", "所")
    plan("add-indicator", "1", "道路", "--target", "30", "--unit", "公里")
    sheet = tmp_path / "p.csv"
    sheet.write_text("indicator,month,value\n1.1,5,16.5\n1.2,5,16.5\n1.1,6,17\n", encoding="utf-8")
    result = run("-q", "import-progress", str(sheet))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",  # --quiet silences the success, not what the office should look at again
        "shishi: note: row 2 holds a fraction of a unit that counts whole things (个, 台 …)\n",
    )


def test_a_plan_names_its_own_count_units(run: Run, plan, store_path: Path) -> None:

    assert run("count-units", "--add", "标段").stdout == "Count units: none -> 标段\n"
    assert whole(store_path)["plans"]["2022"]["settings"]["count_units"] == ["标段"]
    listed = run("count-units").stdout.splitlines()
    assert (
        listed[0].startswith("Built in: 个, 台, 处, 所, 条, 人, 户") and listed[1] == "This plan's own: 标段"
    )
    refused = run("count-units", "--remove", "个")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "shishi: error: 个 is one of the built-in count units; only units a plan added can be removed\n",
    )
    assert run("count-units", "--remove", "标段").exit_code == 0
    assert run("history").stdout.splitlines()[-1].endswith("count_units 标段 -> none")


# --- smaller things that cost trust ------------------------------------------------------------


def test_an_edit_that_changes_nothing_says_so(run: Run, plan, store_path: Path) -> None:
    before = store_path.read_bytes()
    result = run("edit-project", "1", "--title", "就业")
    assert (result.exit_code, result.stdout) == (0, "Project 1 unchanged: it has those values already\n")
    assert store_path.read_bytes() == before


def test_a_milestone_corrected_within_a_month_shows_which_entry_counts(run: Run, plan) -> None:
    import json

    plan("add-indicator", "1", "管线", "--kind", "milestone", "--stages", "开工,全面施工,建成")
    plan("add-progress", "1.1", "全面施工", "--month", "6")
    plan("add-progress", "1.1", "开工", "--month", "6")  # a slip, corrected within the month
    entries = json.loads(run("show", "1.1", "--format", "json").stdout)["entries"]
    assert [(e["stage"], e["superseded"]) for e in entries] == [("全面施工", True), ("开工", False)]
    import re

    assert re.search(r"6\s+全面施工\s+\(corrected later\)", run("show", "1.1").stdout)


def test_a_fraction_of_a_count_is_taken_with_a_note(run: Run, plan) -> None:
    plan("add-indicator", "1", "新建学校", "--target", "30", "--unit", "所")
    result = run("add-progress", "1.1", "16.5", "--month", "6")
    assert (result.exit_code, result.stdout) == (
        0,
        "Recorded 1.1 month 6: 16.5 所; note: 16.5 is not a whole number of 所, "
        "a unit that counts whole things\n",
    )
    plan("add-indicator", "1", "道路", "--target", "30", "--unit", "公里")
    assert run("add-progress", "1.2", "16.5", "--month", "6").stdout == "Recorded 1.2 month 6: 16.5 公里\n"
    plan("add-indicator", "1", "就业", "--target", "35", "--unit", "万人")
    assert "not a whole number" not in run("add-progress", "1.3", "18.04", "--month", "6").stdout
    assert "not a whole number of 万人" in run("add-progress", "1.3", "18.00005", "--month", "7").stdout


def test_a_target_that_goes_down_is_warned_about_in_its_own_direction(run: Run, plan) -> None:
    import json

    plan("add-indicator", "1", "PM2.5年均浓度", "--baseline", "50", "--target", "40", "--unit", "微克/立方米")
    plan("add-progress", "1.1", "45", "--month", "5")
    rose = run("add-progress", "1.1", "47", "--month", "6")
    assert rose.stdout == (
        "Recorded 1.1 month 6: 47 微克/立方米; "
        "note: higher than month 5's 45 微克/立方米, away from the target\n"
    )
    warning = json.loads(run("report", "--month", "6", "--format", "json").stdout)["warnings"][0]
    assert (warning["kind"], warning["message"]) == (
        "falls",
        "1.1 PM2.5年均浓度: the figure rose since last month, away from its target "
        "(progress fell by 20 points)",
    )
    earlier = run("add-progress", "1.1", "44", "--month", "4")
    assert earlier.stdout.endswith("; note: the figure of month 5, 6 is higher\n")


def test_a_rising_cumulative_figure_that_falls_is_called_cumulative(run: Run, plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "50", "--month", "5")
    fell = run("add-progress", "1.1", "40", "--month", "6")
    assert fell.stdout.endswith("; note: lower than month 5's 50, and figures are cumulative (累计)\n")
    report = run("report", "--month", "6").stdout
    assert "1.1 就业: progress fell by 10 points since last month; figures are cumulative (累计)" in report


def test_a_new_note_on_the_same_figure_is_said(run: Run, plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "5", "--month", "6")
    said = run("add-progress", "1.1", "5", "--month", "6", "--note", "人社局6月报表")
    assert said.stdout == "Changed the note of 1.1 month 6: none -> '人社局6月报表'\n"


# --- what a trial from a fresh clone found ----------------------------------------------------


def test_lagging_says_how_many_indicators_have_no_figure_yet(run: Run, qingdao: Path) -> None:
    result = run("lagging", "--month", "1")
    assert (result.exit_code, result.stdout) == (
        0,
        "Nothing is lagging or overdue as of 2022-01-31 (month 1).\n"
        "Not listed: 50 indicators with no figure yet ('report --status no_data' lists them).\n",
    )
    june = run("lagging", "--month", "6").stdout
    assert june.endswith(
        "Not listed: 9 indicators with no figure yet ('report --status no_data' lists them).\n"
    )
    assert "no figure yet" not in run("lagging", "--month", "6", "--project", "11").stdout


def test_a_department_with_a_comma_of_its_own_is_not_read_as_two(run: Run) -> None:
    run("init", "--year", "2022", "--title", "t")
    run("add-project", "1", "县域", "--owner", "各区、县（市）人民政府", "--owner", "市园林和林业局")
    run("add-project", "2", "急救", "--owner", "市卫生健康委", "--owner", "市红十字会")
    run("add-indicator", "1", "a", "--target", "10")
    run("add-indicator", "2", "b", "--target", "10")
    listed = run("--lang", "zh", "list").stdout
    assert "各区、县（市）人民政府；市园林和林业局" in listed
    assert "市卫生健康委、市红十字会" in listed  # no 、 inside a name: as offices write it
    run("add-progress", "1.1", "5", "--month", "6")
    assert (
        "（责任单位：各区、县（市）人民政府；市园林和林业局）"
        in run("--lang", "zh", "bulletin", "-m", "6").stdout
    )


def test_a_tracked_quantity_is_never_due(run: Run, qingdao: Path) -> None:
    import json

    for month in ("11", "12"):
        warnings = json.loads(run("report", "--month", month, "--format", "json").stdout)["warnings"]
        assert not [w for w in warnings if w["indicator"] == "15.1" and w["kind"] in ("due_soon", "overdue")]


def test_an_indicator_due_in_the_report_month_is_overdue_and_said_so(run: Run, plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100", "--deadline", "2022-10-31")
    plan("add-progress", "1.1", "60", "--month", "10")
    import json

    body = json.loads(run("report", "--month", "10", "--format", "json").stdout)
    assert body["indicators"][0]["status"] == "overdue"
    assert body["warnings"][0]["message"] == "1.1 就业: due 2022-10-31 and not met: overdue"
    zh = json.loads(run("--lang", "zh", "report", "--month", "10", "--format", "json").stdout)
    assert zh["warnings"][0]["message"] == "1.1 就业：完成时限2022-10-31，到期未完成"


def test_a_plan_sheet_may_say_kind_in_the_words_offices_use(run: Run, tmp_path: Path) -> None:
    run("init", "--year", "2022", "--title", "t")
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "项目,项目标题,指标名称,类型,阶段,目标\n1,甲,管线,里程碑,开工、建成,\n1,甲,道路,数量型,,30\n",
        encoding="utf-8",
    )
    assert run("import-plan", str(sheet)).exit_code == 0
    sheet.write_text("项目,项目标题,指标名称,类型\n1,甲,x,大概\n", encoding="utf-8")
    refused = run("import-plan", str(sheet))
    assert refused.exit_code == 3
    assert (
        "kind '大概' is unknown; use quantity or milestone (数量、数量型、定量、节点、节点型、里程碑)"
        in refused.stderr
    )


def test_a_plan_sheet_that_differs_from_the_plan_says_how(run: Run, tmp_path: Path) -> None:
    run("init", "--year", "2022", "--title", "t")
    run("add-project", "1", "甲")
    run("add-indicator", "1", "道路", "--target", "50", "--unit", "条")
    sheet = tmp_path / "plan.csv"
    sheet.write_text("项目,指标编号,指标名称,目标,单位\n1,1.1,道路,60,条\n", encoding="utf-8")
    refused = run("import-plan", str(sheet))
    assert (
        "indicator 1.1 exists with another definition (target 50 -> 60); change it with edit-indicator"
        in (refused.stderr)
    )


# --- found in review: owners ------------------------------------------------------------------


@pytest.fixture
def two_departments(run: Run) -> Run:
    """Project 1 of 甲局, whose lagging indicator is 乙局's own, beside a met one of 丙局."""
    run("init", "--year", "2022", "--title", "t")
    run("add-project", "1", "p", "--owner", "甲局")
    run("add-indicator", "1", "a", "--target", "100", "--owner", "乙局")
    run("add-indicator", "1", "b", "--target", "100", "--owner", "丙局")
    run("add-progress", "1.1", "10", "--month", "6")
    run("add-progress", "1.2", "100", "--month", "6")
    return run


def test_a_department_leading_a_project_answers_for_all_its_indicators(two_departments: Run) -> None:
    """甲局 leads project 1, whose indicators name their own departments: its report is theirs
    (never "nothing is lagging" while 1.1 lags)."""
    import json

    result = two_departments("lagging", "--month", "6", "--owner", "甲局", "-f", "json")
    assert result.exit_code == 1
    assert [i["id"] for i in json.loads(result.stdout)["indicators"]] == ["1.1"]
    only = json.loads(two_departments("report", "--month", "6", "--owner", "乙局", "-f", "json").stdout)
    assert [i["id"] for i in only["indicators"]] == ["1.1"]
    assert two_departments("lagging", "--month", "6", "--owner", "丁局").exit_code == 2


def test_a_projects_status_is_the_whole_projects_whichever_department_is_shown(two_departments: Run) -> None:
    import json

    body = json.loads(two_departments("report", "--month", "6", "--owner", "丙局", "-f", "json").stdout)
    assert [i["id"] for i in body["indicators"]] == ["1.2"]
    assert [(p["number"], p["status"], p["light"]) for p in body["projects"]] == [(1, "lagging", "red")]


def test_a_department_name_may_not_hold_what_separates_departments(run: Run, plan) -> None:
    refused = run("add-project", "2", "x", "--owner", "甲局;乙局")
    assert (refused.exit_code, refused.stderr) == (
        3,
        "shishi: error: the department '甲局;乙局' holds ';', which separates departments in a spreadsheet "
        "cell; give each department its own --owner\n",
    )


def test_a_project_without_indicators_is_not_an_empty_all_clear(run: Run, plan) -> None:
    plan("add-project", "2", "还没有指标")
    plan("add-indicator", "1", "就业", "--target", "100")
    plan("add-progress", "1.1", "10", "--month", "6")
    result = run("lagging", "--month", "6", "--project", "2")
    assert (result.exit_code, result.stderr) == (
        2,
        "shishi: error: project 2 of the 2022 plan has no indicator yet; "
        "'shishi list' shows the projects and their departments\n",
    )


def test_an_import_names_rows_that_give_one_figure_twice(run: Run, plan, tmp_path: Path) -> None:
    """An id typed 1.10 that Excel kept as the number 1.1: the later row is taken, and said."""
    import openpyxl

    plan("add-indicator", "1", "就业", "--target", "100")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标", "月份", "累计值"])
    sheet.append([1.1, 6, 30])
    sheet.append([1.10, 6, 80])  # what Excel keeps of "1.10"
    sheet.append([1.1, 5, 20])
    path = tmp_path / "p.xlsx"
    book.save(path)
    result = run("import-progress", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"Imported from {path}: 2 entries\n",
        "shishi: note: rows 2 and 3 both give 1.1 month 6: row 3 is taken\n",
    )
    same = tmp_path / "same.csv"  # the same figure twice, with another note: said too
    same.write_text("指标,月份,累计值,备注\n1.1,7,40,人社局\n1.1,7,40,指标10\n", encoding="utf-8")
    assert "rows 2 and 3 both give 1.1 month 7" in run("import-progress", str(same)).stderr


def test_versions_of_a_missing_or_damaged_store_say_how_to_get_it_back(
    run: Run, plan, store_path: Path
) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    store_path.write_bytes(store_path.read_bytes().replace(b",", b"", 1))
    damaged = run("versions")
    assert damaged.exit_code == 3
    assert "last written" in damaged.stdout and "current" not in damaged.stdout
    import json

    listed = json.loads(run("versions", "--format", "json").stdout)
    assert not any(v["current"] for v in listed["versions"]) and listed["changed"]
    assert "the newest sound version is 3" in damaged.stderr and "restore 3" in damaged.stderr
    store_path.unlink()
    missing = run("versions")
    assert missing.exit_code == 3 and missing.stderr.startswith(
        f"shishi: error: no store file at {store_path}, but "
    )
    assert "restore" in missing.stderr


def test_a_plan_sheet_giving_one_id_twice_says_so(run: Run, tmp_path: Path) -> None:
    import openpyxl

    run("init", "--year", "2022", "--title", "t")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["项目", "项目标题", "指标编号", "指标名称", "目标"])
    for n in range(1, 11):
        sheet.append([1, "甲", float(f"1.{n}"), f"指标{n}", 10])  # 1.10 kept as the number 1.1
    path = tmp_path / "plan.xlsx"
    book.save(path)
    refused = run("import-plan", str(path))
    assert refused.exit_code == 3
    assert (
        "row 11: indicator 1.1 is also on row 2 of this file, defined otherwise (name 指标1 -> 指标10)"
        in (refused.stderr)
    )


def test_a_read_only_store_is_not_written(run: Run, plan, store_path: Path) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    before = store_path.read_bytes()
    store_path.chmod(0o444)
    refused = run("add-progress", "1.1", "5", "--month", "6")
    assert (refused.exit_code, refused.stderr) == (
        3,
        f"shishi: error: the store {store_path} is read-only; make it writable to change it: "
        f"chmod u+w {store_path}\n",
    )
    assert store_path.read_bytes() == before
    assert run("report", "--month", "6").exit_code == 0  # reading it is fine


def test_digits_with_a_space_between_them_are_not_one_number(run: Run, plan) -> None:
    plan("add-indicator", "1", "就业", "--target", "100")
    refused = run("add-progress", "1.1", "1 2", "--month", "6")
    assert (refused.exit_code, refused.stderr) == (
        3,
        "shishi: error: '1 2' has a space between its digits; "
        "write the number without spaces, e.g. 12 or 3,700\n",
    )
    assert run("add-progress", "1.1", " 18.04 万 ", "--month", "6").exit_code == 0
