"""Import and export through the CLI: real-shaped files, all or nothing, round trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from .helpers import EXAMPLE, Run, whole

PLAN_CSV = """project,project_title,indicator,name,target,unit,owners,deadline,kind,stages,counts
1,实现城镇新增就业35万人以上,,城镇新增就业,35万,人,市人力资源社会保障局,,,,
1,,,创设公益性岗位,3.7万,个,市人力资源社会保障局,2022-11-30,,,
3,打通城市未贯通道路30条以上,3.1,打通城市未贯通道路,30,条,市住房城乡建设局;市交通运输局,,,开工;完工,
8,建成胶州湾海底天然气管线工程,,胶州湾海底天然气管线工程,,,市住房城乡建设局,,milestone,开工、全面施工、建成,
"""

PROGRESS_CSV = """indicator,month,value,stage,note
1.1,6,18.04万,,全市城镇新增就业18.04万人
1.2,6月,"38,100",,
3.1,6,42,开工,
3.1,6,10,完工,其中10条已完工
8.1,6,全面施工,,
"""


def stored_plan(path: Path) -> dict:
    return whole(path)["plans"]["2022"]


@pytest.fixture
def empty_plan(run, store_path: Path):
    assert run("init", "--year", "2022", "--title", "2022年市办实事").exit_code == 0
    return run


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_import_csv_in_every_encoding_offices_save(
    empty_plan, store_path: Path, tmp_path: Path, encoding: str
) -> None:
    plan_file = tmp_path / "plan.csv"
    plan_file.write_bytes(PLAN_CSV.encode(encoding))
    r = empty_plan("import-plan", str(plan_file))
    assert (r.exit_code, r.stdout) == (0, f"Imported from {plan_file}: 3 projects, 4 indicators\n"), r
    progress_file = tmp_path / "progress.csv"
    progress_file.write_bytes(PROGRESS_CSV.encode(encoding))
    r = empty_plan("import-progress", str(progress_file))
    assert (r.exit_code, r.stdout) == (0, f"Imported from {progress_file}: 5 entries\n"), r
    plan = stored_plan(store_path)
    projects = {p["number"]: p for p in plan["projects"]}
    assert projects[3]["owners"] == ["市住房城乡建设局", "市交通运输局"]
    assert projects[1]["indicators"][0]["owners"] == []  # the project's department, inherited
    jobs, posts = projects[1]["indicators"]
    assert (jobs["id"], jobs["target"], posts["target"], posts["deadline"]) == (
        "1.1",
        "350000",
        "37000",
        "2022-11-30",
    )
    assert (projects[3]["indicators"][0]["stages"], projects[3]["indicators"][0]["counts"]) == (
        ["开工", "完工"],
        "完工",
    )
    assert projects[8]["indicators"][0]["kind"] == "milestone"
    entries = [(e["indicator"], e["month"], e.get("stage"), e.get("value")) for e in plan["progress"]]
    assert entries == [
        ("1.1", 6, None, "180400"), ("1.2", 6, None, "38100"), ("3.1", 6, "开工", "42"),
        ("3.1", 6, "完工", "10"), ("8.1", 6, "全面施工", None),
    ]  # fmt: skip
    report = json.loads(empty_plan("report", "-f", "json").stdout)
    assert {i["id"]: i["status"] for i in report["indicators"]}["1.2"] == "met"


def test_an_xlsx_with_number_and_date_cells_and_a_title_row(
    empty_plan, store_path: Path, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "计划"
    sheet.append(["2022年市办实事计划"])  # a title row merged across the top, as offices make them
    sheet.merge_cells("A1:F1")
    sheet.append(["project", "project_title", "name", "target", "unit", "deadline"])
    sheet.append([1, "就业", "城镇新增就业", 350000, "人", datetime(2022, 11, 30)])
    sheet.append([12, "急救", "AED", 100, "台", None])
    book.save(tmp_path / "plan.xlsx")
    progress = Workbook()
    rows = progress.active
    rows.append(["indicator", "month", "value", "note"])
    rows.append(["1.1", 6, 180400, "全市城镇新增就业18.04万人"])
    rows.append([12.1, 6.0, 19, None])  # Excel turned the id into a number, and the month too
    progress.save(tmp_path / "progress.xlsx")
    assert empty_plan("import-plan", str(tmp_path / "plan.xlsx")).exit_code == 0
    r = empty_plan("import-progress", str(tmp_path / "progress.xlsx"))
    assert (r.exit_code, r.stdout) == (0, f"Imported from {tmp_path / 'progress.xlsx'}: 2 entries\n"), r
    plan = stored_plan(store_path)
    assert plan["projects"][0]["indicators"][0]["deadline"] == "2022-11-30"
    assert [(e["indicator"], e["value"]) for e in plan["progress"]] == [("1.1", "180400"), ("12.1", "19")]


def test_one_bad_row_and_nothing_is_imported(empty_plan, store_path: Path, tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.csv"
    plan_file.write_text(PLAN_CSV, encoding="utf-8")
    empty_plan("import-plan", str(plan_file))
    before = store_path.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,month,value\n1.1,6,18.04万\n9.9,6,5\n1.2,13,5\n1.2,6,abc\n3.1,6,5公里\n", encoding="utf-8"
    )
    r = empty_plan("import-progress", str(bad))
    assert r.exit_code == 3
    prefix = f"shishi: error: {bad}: "
    assert r.stderr.splitlines() == [
        prefix + "row 3: no indicator '9.9' in the 2022 plan; 'shishi list' shows the indicator ids",
        prefix + "row 4: month 13 is out of range; use 1 to 12",
        prefix + "row 5: 'abc' is not a number; write it like 35万, 18.04万 or 3,700",
        prefix + "row 6: '5公里': unit '公里' does not match the indicator's unit '条'; "
        "give the amount in 条",
        prefix + "4 bad rows; nothing was imported",
    ]
    assert r.stdout == ""
    assert store_path.read_bytes() == before


def test_missing_columns_are_named(empty_plan, tmp_path: Path) -> None:
    bad = tmp_path / "progress.csv"
    bad.write_text("indicator,value\n1.1,5\n", encoding="utf-8")
    r = empty_plan("import-progress", str(bad))
    assert r.exit_code == 3
    assert "no column month in the header row; the columns are indicator, month, value" in r.stderr


def test_importing_twice_adds_nothing_and_a_changed_figure_is_a_correction(
    empty_plan, store_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "plan.csv").write_text(PLAN_CSV, encoding="utf-8")
    (tmp_path / "progress.csv").write_text(PROGRESS_CSV, encoding="utf-8")
    empty_plan("import-plan", str(tmp_path / "plan.csv"))
    empty_plan("import-progress", str(tmp_path / "progress.csv"))
    again = empty_plan("import-plan", str(tmp_path / "plan.csv"))
    assert again.stdout == f"Imported from {tmp_path / 'plan.csv'}: 4 already there\n"
    before = store_path.read_bytes()
    r = empty_plan("import-progress", str(tmp_path / "progress.csv"))
    assert r.stdout == f"Imported from {tmp_path / 'progress.csv'}: 5 already there\n"
    assert store_path.read_bytes() == before
    (tmp_path / "fix.csv").write_text("indicator,month,value\n1.1,6,18.4万\n", encoding="utf-8")
    r = empty_plan("import-progress", str(tmp_path / "fix.csv"))
    assert r.stdout == f"Imported from {tmp_path / 'fix.csv'}: 1 entry (1 correction)\n"
    assert json.loads(empty_plan("show", "1.1", "-f", "json").stdout)["value"] == 184000


def test_dry_run_checks_everything_and_writes_nothing(empty_plan, store_path: Path, tmp_path: Path) -> None:
    (tmp_path / "plan.csv").write_text(PLAN_CSV, encoding="utf-8")
    before = store_path.read_bytes()
    r = empty_plan("import-plan", str(tmp_path / "plan.csv"), "--dry-run")
    assert (
        r.stdout
        == f"Would import from {tmp_path / 'plan.csv'}: 3 projects, 4 indicators (dry run: nothing written)\n"
    )
    assert store_path.read_bytes() == before


def test_a_plan_sheet_declares_departments_and_refuses_other_short_names(run, tmp_path: Path) -> None:
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "project,project_title,indicator,name,target,unit,owners,department,short_names\n"
        ",,,,,,,市住房城乡建设局,住建局;市住建局\n"
        "2,老旧小区,2.1,改造老旧小区,300,个,住建局,,\n",
        encoding="utf-8",
    )
    assert run("init", "--year", "2022", "--title", "t").exit_code == 0
    r = run("import-plan", str(sheet))
    assert (r.exit_code, r.stdout, r.stderr) == (
        0, f"Imported from {sheet}: 1 project, 1 indicator, 1 department\n", "",
    )  # fmt: skip
    listed = json.loads(run("list", "--format", "json").stdout)
    assert listed["departments"][0] == {
        "name": "市住房城乡建设局",
        "aliases": ["住建局", "市住建局"],
        "declared": True,
    }
    assert listed["projects"][0]["owners"] == ["市住房城乡建设局"]  # the short name, stored in full
    sheet.write_text(
        "department,short_names,project\n市住房城乡建设局,住建局,\n市交通运输局,交通局,3\n", encoding="utf-8"
    )
    r = run("import-plan", str(sheet))
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr == (
        f"shishi: error: {sheet}: row 2: the department 市住房城乡建设局 has the short names "
        "住建局、市住建局 in the plan, not 住建局; change them with edit-department first\n"
        f"shishi: error: {sheet}: row 3: a row naming a department declares it and holds nothing else, "
        "not project\n"
        f"shishi: error: {sheet}: 2 bad rows; nothing was imported\n"
    )


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_export_then_import_into_a_new_plan_gives_the_same_plan(
    run, qingdao: Path, tmp_path: Path, suffix: str
) -> None:
    plan_file, progress_file = tmp_path / f"plan.{suffix}", tmp_path / f"progress.{suffix}"
    assert (
        run("export", "--what", "plan", "-o", str(plan_file)).stdout == f"Wrote 70 plan rows to {plan_file}\n"
    )  # 50 indicators and 20 departments with their short names
    assert run("export", "--what", "progress", "-o", str(progress_file)).exit_code == 0
    if suffix == "json":
        assert json.loads(progress_file.read_text(encoding="utf-8"))[0]["value"] == 180400
        return  # JSON is for other tools; spreadsheets are what offices import
    fresh = tmp_path / "fresh.json"
    assert (
        run("--store", str(fresh), "init", "--year", "2022", "--title", "青岛市2022年市办实事").exit_code == 0
    )
    r = run("--store", str(fresh), "import-plan", str(plan_file))
    assert r.stdout == f"Imported from {plan_file}: 16 projects, 50 indicators, 20 departments\n", r
    r = run("--store", str(fresh), "import-progress", str(progress_file))
    assert r.stdout == f"Imported from {progress_file}: 56 entries\n", r
    original = whole(qingdao)["plans"]["2022"]
    copy = whole(fresh)["plans"]["2022"]
    # Same projects, indicators, departments and entries (the history records the import instead),
    # each entry saying the row of the file it came from.
    assert copy["projects"] == original["projects"]
    assert copy["departments"] == original["departments"]
    sources = [e.pop("source") for e in copy["progress"]]
    assert copy["progress"] == original["progress"]
    assert sources == [{"file": progress_file.name, "row": n} for n in range(2, 58)]
    again = run("--store", str(fresh), "import-plan", str(plan_file))  # all there: nothing new
    assert again.stdout == f"Imported from {plan_file}: 70 already there\n", again


def test_exports_neutralise_formulas_and_imports_restore_them(
    empty_plan, store_path: Path, tmp_path: Path
) -> None:
    empty_plan("add-project", "1", '=HYPERLINK("http://x","点我")')
    empty_plan("add-indicator", "1", "@SUM(A1)", "--target", "10")
    empty_plan("add-progress", "1.1", "5", "--month", "6", "--note", "-2+3")
    out = tmp_path / "plan.csv"
    empty_plan("export", "--what", "plan", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel on Chinese Windows reads it right
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (row["project_title"], row["name"]) == ('\'=HYPERLINK("http://x","点我")', "'@SUM(A1)")
    notes = tmp_path / "progress.csv"
    empty_plan("export", "--what", "progress", "-o", str(notes))
    assert next(csv.DictReader(io.StringIO(notes.read_text(encoding="utf-8-sig"))))["note"] == "'-2+3"
    fresh = tmp_path / "fresh.json"
    empty_plan("--store", str(fresh), "init", "--year", "2022", "--title", "t")
    empty_plan("--store", str(fresh), "import-plan", str(out))
    empty_plan("--store", str(fresh), "import-progress", str(notes))
    copy = whole(fresh)["plans"]["2022"]
    assert copy["projects"][0]["title"] == '=HYPERLINK("http://x","点我")'
    assert copy["projects"][0]["indicators"][0]["name"] == "@SUM(A1)"
    assert copy["progress"][0]["note"] == "-2+3"


def test_export_report_rows(run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    assert run("export", "--what", "report", "--month", "6", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 50 and rows[0]["percent"] == "51.54" and rows[0]["status"] == "on_track"
    r = run("export", "--what", "report", "-o", str(tmp_path / "report.txt"))
    assert r.exit_code == 2


def test_the_june_spreadsheets_in_examples_give_the_example_progress(
    run, qingdao: Path, tmp_path: Path
) -> None:
    original = whole(qingdao)["plans"]["2022"]
    for name in ("qingdao-2022-june.xlsx", "qingdao-2022-june.csv"):
        fresh = tmp_path / f"{name}.json"
        data = whole(qingdao)
        data["plans"]["2022"]["progress"] = []
        data.pop("checksum", None)
        fresh.write_bytes(orjson.dumps(data))  # the plan without its figures (validated in full)
        r = run("--store", str(fresh), "import-progress", str(EXAMPLE.parent / name))
        assert r.stdout.endswith(": 56 entries\n"), r
        copy = whole(fresh)["plans"]["2022"]
        sources = [e.pop("source") for e in copy["progress"]]  # (the example store's were typed in)
        assert copy["progress"] == original["progress"]
        assert sources == [{"file": name, "row": n} for n in range(2, 58)]


def test_schema_describes_the_store(run) -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Store"
    assert set(schema["properties"]) >= {"schema_version", "plans", "checksum"}
    assert "ProgressEntry" in schema["$defs"]


def test_re_importing_its_own_exports_changes_nothing(empty_plan, store_path: Path, tmp_path: Path) -> None:
    empty_plan("add-project", "1", "无部门的项目")
    empty_plan("add-indicator", "1", "指标", "--target", "10", "--owner", "市局")
    empty_plan("add-progress", "1.1", "3", "--month", "5")
    empty_plan("add-progress", "1.1", "4", "--month", "5")  # a correction
    plan_file, progress_file = tmp_path / "plan.xlsx", tmp_path / "progress.csv"
    empty_plan("export", "--what", "plan", "-o", str(plan_file))
    empty_plan("export", "--what", "progress", "-o", str(progress_file))
    before = store_path.read_bytes()
    assert empty_plan("import-plan", str(plan_file)).stdout.endswith(": 1 already there\n")
    for _ in range(2):
        assert empty_plan("import-progress", str(progress_file)).stdout.endswith(": 2 already there\n")
    assert store_path.read_bytes() == before
    fresh = tmp_path / "fresh.json"
    empty_plan("--store", str(fresh), "init", "--year", "2022", "--title", "t")
    empty_plan("--store", str(fresh), "import-plan", str(plan_file))
    empty_plan("--store", str(fresh), "import-progress", str(progress_file))
    copy, original = stored_plan(fresh), stored_plan(store_path)
    assert [e.pop("source") for e in copy["progress"]] == [{"file": "progress.csv", "row": n} for n in (2, 3)]
    assert (copy["projects"], copy["progress"]) == (original["projects"], original["progress"])
    assert copy["projects"][0]["owners"] == [] and copy["projects"][0]["indicators"][0]["owners"] == ["市局"]


def test_every_row_is_checked_even_one_a_later_row_corrects(
    empty_plan, store_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "plan.csv").write_text(PLAN_CSV, encoding="utf-8")
    empty_plan("import-plan", str(tmp_path / "plan.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,month,value\n1.1,7,abc\n1.1,7,20万\n", encoding="utf-8")
    r = empty_plan("import-progress", str(bad))
    assert r.exit_code == 3 and f"{bad}: row 2: 'abc' is not a number" in r.stderr


def test_a_month_written_two_ways_is_one_month(empty_plan, store_path: Path, tmp_path: Path) -> None:
    (tmp_path / "plan.csv").write_text(PLAN_CSV, encoding="utf-8")
    empty_plan("import-plan", str(tmp_path / "plan.csv"))
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "indicator,month,value,stage\n1.1,8,21万,\n1.1,8月,22万,\n3.1,8,12,\n3.1,8,13,完工\n",
        encoding="utf-8",
    )
    first = empty_plan("import-progress", str(rows))
    assert first.stdout.endswith(": 2 entries\n")
    assert first.stderr == (
        "shishi: note: rows 2 and 3 both give 1.1 month 8: row 3 is taken\n"
        "shishi: note: rows 4 and 5 both give 3.1 month 8: row 5 is taken\n"
    )
    before = store_path.read_bytes()
    again = empty_plan("import-progress", str(rows))
    assert again.stdout.endswith(": 2 already there\n") and again.stderr == first.stderr
    assert store_path.read_bytes() == before
    values = {(e["indicator"], e.get("stage")): e["value"] for e in stored_plan(store_path)["progress"]}
    assert values == {("1.1", None): "220000", ("3.1", "完工"): "13"}


def test_a_correction_back_to_an_earlier_figure_survives_the_round_trip(
    run, store_path: Path, tmp_path: Path
) -> None:
    run("init", "--year", "2023", "--title", "t")
    run("add-project", "1", "p")
    run("add-indicator", "1", "x", "--target", "100")
    for value in ("10", "11", "10"):  # made within the same second: the same time stamp
        run("add-progress", "1.1", value, "--month", "1")
    plan_file, progress_file = tmp_path / "plan.csv", tmp_path / "progress.csv"
    run("export", "--what", "plan", "-o", str(plan_file))
    run("export", "--what", "progress", "-o", str(progress_file))
    fresh = tmp_path / "fresh.json"
    run("--store", str(fresh), "init", "--year", "2023", "--title", "t")
    run("--store", str(fresh), "import-plan", str(plan_file))
    assert run("--store", str(fresh), "import-progress", str(progress_file)).stdout.endswith(
        ": 3 entries (2 corrections)\n"
    )
    assert json.loads(run("--store", str(fresh), "show", "1.1", "-f", "json").stdout)["value"] == 10


def test_departments_of_existing_projects_are_kept_and_compared(
    empty_plan, store_path: Path, tmp_path: Path
) -> None:
    empty_plan("add-project", "1", "就业", "--owner", "人社局")
    rows = tmp_path / "ow.csv"
    rows.write_text(
        "project,indicator,name,target,unit,owners\n1,,农民技能培训,2万,人,市农业农村局\n", encoding="utf-8"
    )
    assert empty_plan("import-plan", str(rows)).exit_code == 0
    project = stored_plan(store_path)["projects"][0]
    assert project["owners"] == ["人社局"]
    assert project["indicators"][0]["owners"] == ["市农业农村局"]
    other = tmp_path / "ow2.csv"
    other.write_text("project,project_title,project_owners\n1,就业,市农业农村局\n", encoding="utf-8")
    r = empty_plan("import-plan", str(other))
    assert r.exit_code == 3 and "project 1's departments are 人社局 in the plan, not 市农业农村局" in r.stderr


def test_json_exports_keep_json_types(run, qingdao: Path, tmp_path: Path) -> None:
    run("export", "--what", "plan", "-o", str(tmp_path / "plan.json"))
    first = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))[0]
    assert first["project_owners"] == ["市人力资源社会保障局", "市农业农村局"]
    assert (first["owners"], first["baseline"], first["deadline"], first["target"]) == (
        [],
        None,
        None,
        350000,
    )
    run("export", "--what", "report", "--month", "6", "-o", str(tmp_path / "report.json"))
    exported = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert exported == json.loads(run("report", "--month", "6", "-f", "json").stdout)
    r = run("export", "--what", "plan", "-o", str(tmp_path / "no-such-folder" / "plan.json"))
    assert r.exit_code == 3 and "the file was not changed" in r.stderr


def test_a_header_without_rows_is_an_unfilled_template(empty_plan, tmp_path: Path) -> None:
    empty = tmp_path / "hdr.csv"
    empty.write_text("indicator,month,value\n", encoding="utf-8")
    r = empty_plan("import-progress", str(empty))
    assert r.exit_code == 3 and "has no rows below its header" in r.stderr


def test_an_import_is_one_change_in_the_history(empty_plan, store_path: Path, tmp_path: Path) -> None:
    (tmp_path / "plan.csv").write_text(PLAN_CSV, encoding="utf-8")
    before = len(stored_plan(store_path)["history"])
    empty_plan("import-plan", str(tmp_path / "plan.csv"))
    history = stored_plan(store_path)["history"]
    assert len(history) == before + 1
    assert history[-1]["command"] == "import-plan" and "3 projects, 4 indicators" in history[-1]["summary"]
    assert empty_plan("undo").stdout.startswith("Undid import-plan: plan.csv: 3 projects, 4 indicators")


def test_lines_above_the_header_are_passed_over(empty_plan, store_path: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    (tmp_path / "plan.csv").write_text(PLAN_CSV, encoding="utf-8")
    empty_plan("import-plan", str(tmp_path / "plan.csv"))
    book = Workbook()
    sheet = book.active
    sheet.append(["2022年7月市办实事进展"])
    sheet.append(["填报单位：住建局", None, "填报时间：2022年8月5日"])
    sheet.append(["indicator", "month", "value", "stage"])
    sheet.append(["3.1", 7, 12, "完工"])
    sheet.cell(row=1048576, column=30).number_format = "0.00"  # a styled, empty cell far away
    book.save(tmp_path / "info.xlsx")
    r = empty_plan("import-progress", str(tmp_path / "info.xlsx"))
    assert r.stdout.endswith(": 1 entry\n"), r


CHINESE_PLAN_CSV = """项目,项目标题,指标编号,指标名称,目标,单位,责任单位,完成时限,类型,阶段,计数阶段
1,实现城镇新增就业35万人以上,,城镇新增就业,35万,人,市人力资源社会保障局,,,,
3,打通城市未贯通道路30条以上,3.1,打通城市未贯通道路,30,条,市住房城乡建设局;市交通运输局,,,开工;完工,
"""

CHINESE_PROGRESS_CSV = """2022年6月市办实事进展填报表
指标,月份,累计值,阶段,备注
1.1,6月,18.04万,,全市城镇新增就业18.04万人
3.1,6,42,开工,
3.1,6,10,完工,其中10条已完工
"""


def test_chinese_headers_are_read_as_the_columns_they_name(
    empty_plan, store_path: Path, tmp_path: Path
) -> None:
    plan_file, progress_file = tmp_path / "计划.csv", tmp_path / "6月进展.csv"
    plan_file.write_text(CHINESE_PLAN_CSV, encoding="gb18030")
    progress_file.write_text(CHINESE_PROGRESS_CSV, encoding="utf-8-sig")
    assert empty_plan("import-plan", str(plan_file)).exit_code == 0
    assert empty_plan("import-progress", str(progress_file)).exit_code == 0
    saved = stored_plan(store_path)
    road = saved["projects"][1]["indicators"][0]
    assert (road["id"], road["name"], road["target"], road["stages"]) == (
        "3.1",
        "打通城市未贯通道路",
        "30",
        ["开工", "完工"],
    )
    assert [(e["indicator"], e["month"], e.get("stage"), e["value"]) for e in saved["progress"]] == [
        ("1.1", 6, None, "180400"),
        ("3.1", 6, "开工", "42"),
        ("3.1", 6, "完工", "10"),
    ]


def test_a_column_headed_twice_in_two_languages_is_refused(empty_plan, tmp_path: Path) -> None:
    both = tmp_path / "p.csv"
    both.write_text("indicator,指标,month,value\n1.1,1.1,6,5\n", encoding="utf-8")
    r = empty_plan("import-progress", str(both))
    assert r.exit_code == 3
    assert "columns 1 and 2 are both headed 'indicator'" in r.stderr


def test_a_figure_above_a_later_month_s_is_said_on_import(run, qingdao: Path, tmp_path: Path) -> None:
    """A June form returned after July's figures came in: cumulative figures, so one is wrong."""
    assert run("add-progress", "1.1", "19万", "--month", "7").exit_code == 0
    sheet = tmp_path / "6月.csv"
    sheet.write_text("指标,月份,累计\n1.1,6,20万\n1.2,6,3.9万\n", encoding="utf-8")
    result = run("import-progress", str(sheet))
    assert (result.exit_code, result.stdout) == (
        0, f"Imported from {sheet}: 2 entries (2 corrections)\n",
    )  # fmt: skip
    assert result.stderr == (
        "shishi: note: row 2: 1.1 month 6 is above month 7's figure, and figures are cumulative (累计); "
        "check the two\n"
    )


def test_an_office_sheet_imported_again_is_already_there(run: Run, qingdao: Path, tmp_path: Path) -> None:
    """A sheet that writes the project's departments on each indicator's row (by full or short
    name), into a plan with declared departments: imported twice, the second time nothing is
    new, nor after a region breakdown the sheet has no column for."""
    import openpyxl

    assert run("init", "--year", "2023", "--title", "2023年市办实事", "--like", "2022").exit_code == 0
    sheet = tmp_path / "2023年项目表.xlsx"
    book = openpyxl.Workbook()
    rows = book.active
    rows.append(["2023年市办实事项目表"])
    rows.append(["项目", "项目名称", "指标编号", "指标名称", "目标", "单位", "责任单位"])
    rows.append(["第1件", "稳就业", "1.1", "城镇新增就业", "36万", "人", "市人力资源社会保障局"])
    rows.append(["第1件", "稳就业", "1.2", "公益性岗位", "3万", "个", "人社局"])
    book.save(sheet)
    first = run("import-plan", str(sheet))
    assert first.exit_code == 0, first
    again = run("import-plan", str(sheet))
    assert (again.exit_code, again.stdout) == (
        0,
        f"Imported from {sheet}, into the 2023 plan: 2 already there\n",
    )
    assert run("add-region", "市南区", "--year", "2023").exit_code == 0
    assert run("edit-indicator", "1.1", "--region-target", "市南区=36万", "--year", "2023").exit_code == 0
    kept = whole(qingdao)["plans"]["2023"]
    third = run("import-plan", str(sheet))
    assert (third.exit_code, third.stdout) == (
        0,
        f"Imported from {sheet}, into the 2023 plan: 2 already there\n",
    )
    assert whole(qingdao)["plans"]["2023"] == kept


def test_a_plan_sheets_footer_lines_are_passed_over(run: Run, qingdao: Path, tmp_path: Path) -> None:
    import datetime

    import openpyxl

    sheet = tmp_path / "项目表.xlsx"
    book = openpyxl.Workbook()
    rows = book.active
    rows.append(["项目", "项目名称", "指标编号", "指标名称", "目标", "单位", "责任单位"])
    rows.append(["第17件", "智慧停车", "17.1", "新增停车泊位", "1万", "个", "市公安局"])
    rows.append(["第18件", "口袋公园"])  # a row naming only its project: creates it
    rows.append([])
    rows.append(["制表人：张三    联系电话：0532-12345678"])
    rows.append(["合计", None, None, None, "10000"])
    rows.append(["2022年12月5日"])  # the day it was signed off, in the 项目 column
    rows.append([None, None, None, None, None, None, datetime.date(2022, 12, 5)])  # a date cell
    book.save(sheet)
    done = run("import-plan", str(sheet))
    assert (done.exit_code, done.stderr) == (0, ""), done
    projects = {p["number"]: p for p in whole(qingdao)["plans"]["2022"]["projects"]}
    assert [i["id"] for i in projects[17]["indicators"]] == ["17.1"]
    assert projects[18]["title"] == "口袋公园" and projects[18]["indicators"] == []
    assert max(projects) == 18
