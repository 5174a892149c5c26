"""shishi forms and the forms returned (issue 15, items 1 and 2): a round trip through openpyxl
and through LibreOffice, and one bad cell in ten forms."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from .helpers import Run, whole

VALUE_COLUMN = 10  # 累计完成, the first input column


def fill(folder: Path) -> dict[tuple[str, str | None], str]:
    """Type a figure into every value cell of every form (the input cells only): the last
    figure plus 7 (a milestone: its last stage). What was typed, by indicator and stage."""
    typed: dict[tuple[str, str | None], str] = {}
    for path in sorted(folder.glob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        for row in range(4, sheet.max_row + 1):
            ident = sheet.cell(row=row, column=1).value
            cell = sheet.cell(row=row, column=VALUE_COLUMN)
            assert cell.protection.locked is False and sheet.cell(row=row, column=1).protection.locked
            stage = sheet.cell(row=row, column=4).value or None
            unit = sheet.cell(row=row, column=5).value
            last = sheet.cell(row=row, column=7).value
            if not unit and sheet.cell(row=row, column=6).value in (None, ""):  # a milestone
                validation = next(
                    v for v in sheet.data_validations.dataValidation if cell.coordinate in v.sqref
                )
                cell.value = validation.formula1.strip('"').split(",")[-1]
                typed[(ident, None)] = cell.value
            else:
                figure = Decimal(str(last or 0)) + 7
                cell.value = int(figure) if figure == int(figure) else float(figure)
                typed[(ident, stage)] = str(figure)
        book.save(path)
    return typed


def july(store: Path) -> dict[tuple[str, str | None], str]:
    data = whole(store)
    return {
        (e["indicator"], e.get("stage") if "value" in e else None): e.get("value") or e["stage"]
        for e in data["plans"]["2022"]["progress"]
        if e["month"] == 7
    }


def test_forms_round_trip(run: Run, qingdao: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    made = run("forms", "--month", "7", "--due", "2022-08-05", "-o", str(folder))
    assert (made.exit_code, made.stderr) == (0, "")
    assert made.stdout.splitlines()[0] == f"市人力资源社会保障局: 4 rows -> {folder / '人社局.xlsx'}"
    assert len(list(folder.glob("*.xlsx"))) == 13
    book = openpyxl.load_workbook(folder / "人社局.xlsx")
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "青岛市2022年市办实事 2022年7月进展填报表"
    assert (
        sheet["A2"].value == "填报单位：市人力资源社会保障局    填报月份：2022年7月    报送截止：2022年8月5日"
    )
    assert [c.value for c in sheet[3]] == [
        "指标编号", "项目", "指标名称", "阶段", "单位", "目标", "上期累计", "上期月份", "时序进度(%)",
        "累计完成", "进展标签", "备注",
    ]  # fmt: skip
    assert [c.value for c in sheet[4]][:9] == ["1.1", 1, "城镇新增就业", None, "人", 350000, 180400, 6, 58.33]
    assert sheet.protection.sheet and sheet.page_setup.orientation == "landscape"
    figures = next(v for v in sheet.data_validations.dataValidation if "J4" in v.sqref)
    assert (figures.type, figures.operator, figures.formula1, figures.showErrorMessage) == (
        "decimal", "greaterThanOrEqual", "0", True,
    )  # fmt: skip
    marks = book["_shishi"]
    assert marks.sheet_state == "hidden"
    assert [[c.value for c in row] for row in marks.iter_rows()] == [
        ["form", "shishi progress form 1"], ["year", 2022], ["month", 7],
        ["department", "市人力资源社会保障局"],
    ]  # fmt: skip
    typed = fill(folder)
    book = openpyxl.load_workbook(folder / "人社局.xlsx")
    book.worksheets[0].cell(row=4, column=VALUE_COLUMN + 1).value = "进展顺利"  # 1.1's label
    book.save(folder / "人社局.xlsx")
    result = run("import-progress", str(folder / "*.xlsx"))
    assert (result.exit_code, result.stderr) == (0, ""), result
    assert july(qingdao) == typed
    jobs = next(
        i
        for i in json.loads(run("report", "--month", "7", "-f", "json").stdout)["indicators"]
        if i["id"] == "1.1"
    )
    assert (jobs["label"], jobs["label_agrees"]) == ("进展顺利", True)
    history = whole(qingdao)["plans"]["2022"]["history"]
    assert history[-1]["summary"].startswith("交通局.xlsx: ")


def test_one_bad_cell_in_ten_forms(run: Run, qingdao: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    run("forms", "--month", "7", "-o", str(folder))
    fill(folder)
    paths = sorted(folder.glob("*.xlsx"))[:10]
    book = openpyxl.load_workbook(paths[3])
    book.worksheets[0].cell(row=5, column=VALUE_COLUMN).value = "1O20"
    book.save(paths[3])
    before = qingdao.read_bytes()
    result = run("import-progress", *map(str, paths))
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"shishi: error: {paths[3]}: row 5: '1O20' is not a number; write it like 35万, 18.04万 or 3,700",
        "shishi: error: 1 bad row in 1 of 10 files; nothing was imported",
    ]
    assert qingdao.read_bytes() == before


def test_a_blank_form_is_said_alone_or_among_others_and_a_label_needs_its_figure(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "forms"
    run("forms", "--month", "7", "--owner", "人社局", "--owner", "交通局", "-o", str(folder))
    jobs, transport = folder / "人社局.xlsx", folder / "交通局.xlsx"
    before = qingdao.read_bytes()
    for files in ([jobs], [jobs, transport]):  # nothing typed in: the same, alone or in a batch
        result = run("import-progress", *map(str, files))
        assert (result.exit_code, qingdao.read_bytes()) == (0, before), result
        assert f"shishi: note: {jobs}: no figure is filled in; nothing to import from it\n" in result.stderr
    book = openpyxl.load_workbook(jobs)
    book.worksheets[0].cell(row=4, column=VALUE_COLUMN + 1).value = "进度滞后"  # a label, no figure
    book.save(jobs)
    result = run("import-progress", str(jobs), str(transport))
    assert (result.exit_code, result.stdout) == (3, "")
    assert (
        f"shishi: error: {jobs}: row 4: a note or label without the figure; give the figure too (the last "
        "one again if it has not changed)"
    ) in result.stderr.splitlines()
    assert qingdao.read_bytes() == before


def test_a_milestone_whose_stages_no_list_can_hold_has_its_cell_open(
    plan: Run, store_path: Path, tmp_path: Path
) -> None:
    """Excel takes a list of at most 255 characters in a cell's validation (a longer one makes it
    "repair" the workbook): such a milestone's cell takes any text, the others keep their lists."""
    stages = ",".join(f"第{n}阶段：完成招标设计施工及竣工验收等全部工作" for n in range(1, 13))
    for name, given in (("长", stages), ("短", "开工,建成")):
        assert plan("add-indicator", "1", name, "--kind", "milestone", "--stages", given).exit_code == 0
    made = plan("forms", "--month", "7", "-o", str(tmp_path))
    assert (made.exit_code, made.stderr) == (0, "")
    sheet = openpyxl.load_workbook(tmp_path / "市人社局.xlsx").worksheets[0]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists == {"K4 K5": '"已完成,进展迅速,进展顺利,进度滞后,未开工"', "J5": '"开工,建成"'}
    assert len(stages) > 255 and sheet["B4"].value == 1 and sheet["J4"].protection.locked is False


def test_a_dry_run_shows_what_would_change_department_by_department(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "forms"
    run("forms", "--month", "7", "--owner", "人社局", "--owner", "交通局", "-o", str(folder))
    fill(folder)
    jobs, transport = folder / "人社局.xlsx", folder / "交通局.xlsx"
    before = qingdao.read_bytes()
    result = run("import-progress", str(jobs), str(transport), "--dry-run")
    assert (result.exit_code, result.stderr, qingdao.read_bytes()) == (0, "", before)
    assert result.stdout.splitlines() == [  # 市交通运输局 before 市人力资源社会保障局, as names sort
        f"Would import from {transport} (市交通运输局): 4 entries (dry run: nothing written)",
        "  4.1 month 7: 8 处",
        "  4.2 month 7: 12 处 (完工)",
        "  4.2 month 7: 7 处 (投用)",
        "  4.3 month 7: 56 条",
        f"Would import from {jobs} (市人力资源社会保障局): 4 entries (dry run: nothing written)",
        "  1.1 month 7: 180,407 人",
        "  1.2 month 7: 38,107 个",
        "  1.3 month 7: 19,207 人",
        "  1.4 month 7: 11,107 人",
    ]
    assert run("add-progress", "1.1", "18.1万", "--month", "7").exit_code == 0
    alone = run("--lang", "zh", "import-progress", str(jobs), "--dry-run")
    assert alone.stdout.splitlines()[:2] == [
        f"将从 {jobs}（市人力资源社会保障局） 导入：4 条进展记录（其中更正 1 条）（仅检查，未写入任何内容）",
        "  1.1 7月：180,407 人（原为181,000 人）",
    ]


@pytest.mark.slow
def test_forms_saved_by_libreoffice_still_import(run: Run, qingdao: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    folder, saved = tmp_path / "forms", tmp_path / "saved"
    run("forms", "--month", "7", "-o", str(folder))
    typed = fill(folder)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "xlsx", "--outdir", str(saved), *map(str, sorted(folder.glob("*.xlsx")))],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    result = run("import-progress", str(saved / "*.xlsx"))
    assert (result.exit_code, result.stderr) == (0, ""), result
    assert july(qingdao) == typed


def test_the_labels_a_form_offers_are_words_of_the_labels_table() -> None:
    from shishi_cli.forms import LABELS
    from shishi_cli.progress.labels import LABEL_STATUSES

    assert set(LABELS) <= set(LABEL_STATUSES)  # so a label picked agrees or disagrees, never "unmapped"


def test_an_imported_figure_says_where_it_came_from(run: Run, qingdao: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    run("forms", "--month", "7", "--owner", "人社局", "-o", str(folder))
    fill(folder)
    form = folder / "人社局.xlsx"
    assert run("import-progress", str(form)).exit_code == 0
    entries = whole(qingdao)["plans"]["2022"]["progress"]
    jobs = next(e for e in entries if (e["indicator"], e["month"]) == ("1.1", 7))
    assert jobs["source"] == {"file": "人社局.xlsx", "row": 4, "department": "市人力资源社会保障局"}
    assert list(jobs) == ["indicator", "month", "value", "at", "source"]
    assert all("source" not in e for e in entries if e["month"] == 6)  # typed in: none
    shown = run("show", "1.1").stdout.splitlines()
    assert shown[-3].split()[-1] == "Source"
    assert shown[-1].endswith("2022-07-27T00:00:00  人社局.xlsx row 4 (市人力资源社会保障局)")
    body = json.loads(run("show", "1.1", "-f", "json").stdout)
    assert [e["source"] for e in body["entries"]] == [
        None,
        {"file": "人社局.xlsx", "row": 4, "department": "市人力资源社会保障局"},
    ]
    zh = run("--lang", "zh", "show", "1.1").stdout.splitlines()
    assert zh[-1].endswith("人社局.xlsx 第4行（市人力资源社会保障局）")
    # The same file again: nothing new, and the figure keeps the source it had.
    before = qingdao.read_bytes()
    again = run("import-progress", str(form))
    assert again.stdout == f"Imported from {form} (市人力资源社会保障局): 4 already there\n"
    assert qingdao.read_bytes() == before
    # A figure typed in has none; a plain CSV of a department's own gives its file and row.
    run("add-progress", "1.1", "200000", "--month", "8")
    sheet = tmp_path / "own.csv"
    sheet.write_text("indicator,month,value\n1.2,8,9\n", encoding="utf-8")
    assert run("import-progress", str(sheet)).exit_code == 0
    entries = whole(qingdao)["plans"]["2022"]["progress"]
    assert "source" not in entries[-2]
    assert entries[-1]["source"] == {"file": "own.csv", "row": 2}


def test_check_holds_a_source_to_its_shape(run: Run, qingdao: Path) -> None:
    data = whole(qingdao)
    data["plans"]["2022"]["progress"][0]["source"] = {"file": "a.csv", "row": 0, "sheet": "x"}
    qingdao.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "problem: plans.2022.progress[0].source.row: Input should be greater than or equal to 1 (found 0)",
        "problem: plans.2022.progress[0].source.sheet: Extra inputs are not permitted (found 'x')",
    ]


def _type(path: Path, row: int, value: object, department: str | None = None) -> None:
    """Type a figure into a form's row; with `department`, mark the form as that department's."""
    book = openpyxl.load_workbook(path)
    book.worksheets[0].cell(row=row, column=VALUE_COLUMN).value = value
    if department is not None:
        book["_shishi"]["B4"].value = department
    book.save(path)


def test_a_june_form_imported_as_july_is_refused(run: Run, qingdao: Path, tmp_path: Path) -> None:
    run("forms", "--month", "6", "--owner", "人社局", "-o", str(tmp_path / "june"))
    form = tmp_path / "june" / "人社局.xlsx"
    _type(form, 4, 185000)
    before = qingdao.read_bytes()
    for args in ([str(form)], [str(form), str(form.parent / "*.xlsx")]):
        result = run("import-progress", *args, "--month", "7")
        assert (result.exit_code, result.stdout) == (3, "")
        assert result.stderr == (
            f"shishi: error: {form} is the form of June (month 6), not month 7; nothing was imported\n"
        )
        assert qingdao.read_bytes() == before
    zh = run("--lang", "zh", "import-progress", str(form), "--month", "7")
    assert zh.stderr == f"shishi: 错误：{form} 是6月的填报表（第6月），不是第7月的；未导入任何内容\n"
    taken = run("import-progress", str(form), "--month", "6")
    assert (taken.exit_code, taken.stderr) == (0, "")
    # A file naming no month takes --month's.
    sheet = tmp_path / "own.csv"
    sheet.write_text("indicator,value\n1.2,9\n", encoding="utf-8")
    assert run("import-progress", str(sheet), "-m", "8").exit_code == 0
    assert whole(qingdao)["plans"]["2022"]["progress"][-1]["month"] == 8


def test_a_form_of_another_department_is_named(run: Run, qingdao: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    run("forms", "--month", "7", "--owner", "住建局", "-o", str(folder))
    form = folder / "住建局.xlsx"
    _type(form, 12, 1, department="市人力资源社会保障局")  # 8.1's row, in a form marked 人社局's
    before = qingdao.read_bytes()
    result = run("import-progress", str(form))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.splitlines() == [
        f"shishi: error: {form}: row 12: 8.1 is not an indicator of 市人力资源社会保障局 (its departments: "
        "市住房城乡建设局); this form may be another department's",
        f"shishi: error: {form}: 1 bad row; nothing was imported",
    ]
    assert qingdao.read_bytes() == before


def test_two_forms_of_one_department_giving_two_figures_are_refused(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "forms"
    run("forms", "--month", "7", "--owner", "人社局", "-o", str(folder))
    first, second = folder / "人社局.xlsx", folder / "人社局（改）.xlsx"
    _type(first, 4, 190000)
    shutil.copy(first, second)
    _type(second, 4, 195000)
    before = qingdao.read_bytes()
    result = run("import-progress", str(first), str(second))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.splitlines() == [
        f"shishi: error: {second}: row 4: 1.1 month 7 is 195000 here but 190000 in {first} row 4, another "
        "form of 市人力资源社会保障局; keep one of them",
        "shishi: error: 1 bad row in 1 of 2 files; nothing was imported",
    ]
    assert qingdao.read_bytes() == before
    _type(second, 4, 190000)  # the same figures twice: taken once
    alike = run("import-progress", str(first), str(second))
    assert alike.exit_code == 0 and alike.stdout.splitlines()[1].endswith(": 1 already there")


def plan_2023(run: Run) -> None:
    """A 2023 plan beside the example's 2022 one, with an indicator 1.1 as 2022 has."""
    for args in (
        ("init", "--year", "2023", "--title", "青岛市2023年市办实事", "--like", "2022"),
        ("add-project", "1", "稳就业", "--owner", "人社局", "--year", "2023"),
        ("add-indicator", "1", "城镇新增就业", "--target", "36万", "--unit", "人", "--year", "2023"),
    ):
        assert run(*args).exit_code == 0, args


def test_a_form_goes_into_the_plan_of_its_year_in_a_store_of_several(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    """A 2022 form returned after the 2023 plan was made: its figures are 2022's, whatever plan
    is the latest; --year naming another plan is refused, one file or many."""
    plan_2023(run)
    folder = tmp_path / "forms"
    assert (
        run("forms", "--year", "2022", "--month", "7", "--owner", "人社局", "-o", str(folder)).exit_code == 0
    )
    fill(folder)
    form = next(folder.glob("*.xlsx"))
    before = whole(qingdao)
    for args in (("--year", "2023"), ("--year", "2023", "--dry-run")):
        refused = run("import-progress", str(form), *args)
        assert refused.exit_code == 3, refused
        assert "form of the 2022 plan, not of the 2023 plan" in refused.stderr
    assert run("import-progress", str(folder / "*.xlsx"), "--year", "2023").exit_code == 3
    assert whole(qingdao) == before
    done = run("import-progress", str(form))
    assert done.exit_code == 0, done
    plans = whole(qingdao)["plans"]
    assert [e["value"] for e in plans["2022"]["progress"] if e["indicator"] == "1.1" and e["month"] == 7] == [
        "180407"
    ]
    assert plans["2023"]["progress"] == []
    assert run("undo").exit_code == 0
    assert run("import-progress", str(folder / "*.xlsx")).exit_code == 0  # as a pattern too
    assert whole(qingdao)["plans"]["2023"]["progress"] == []


def test_a_form_of_a_year_the_store_does_not_have_is_refused(run: Run, qingdao: Path, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    assert run("forms", "--month", "7", "--owner", "人社局", "-o", str(folder)).exit_code == 0
    form = next(folder.glob("*.xlsx"))
    book = openpyxl.load_workbook(form)
    book["_shishi"]["B2"] = 2019
    book.save(form)
    refused = run("import-progress", str(form))
    assert refused.exit_code == 3
    assert "form of the 2019 plan, which the store does not have" in refused.stderr


def test_a_form_has_a_row_for_each_region_of_an_indicator_broken_down(
    run: Run, store_path: Path, tmp_path: Path
) -> None:
    """The department reports each region's figure (its share, its last figure on the row); the
    figures typed come back as the regions' figures, which add up to the indicator's."""
    for args in (
        ("init", "--year", "2022", "--title", "2022年市办实事"),
        ("add-region", "甲区"),
        ("add-region", "乙区"),
        ("add-project", "1", "老旧小区改造", "--owner", "住建局"),
        ("add-indicator", "1", "改造老旧小区", "--target", "300", "--unit", "个",
         "--region-target", "甲区=100", "--region-target", "乙区=200"),
        ("add-indicator", "1", "加装电梯", "--target", "50", "--unit", "部"),
        ("add-progress", "1.1", "30", "--month", "2", "--region", "甲区"),
        ("add-progress", "1.1", "40", "--month", "3", "--region", "甲区"),
        ("add-progress", "1.1", "5", "--month", "4", "--region", "乙区"),
        ("add-progress", "1.1", "9", "--month", "5", "--region", "乙区"),  # the form's month: not yet
    ):  # fmt: skip
        assert run(*args).exit_code == 0, args
    folder = tmp_path / "forms"
    assert run("--lang", "zh", "forms", "--month", "5", "-o", str(folder)).exit_code == 0
    form = next(folder.glob("*.xlsx"))
    book = openpyxl.load_workbook(form)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[3]]
    assert header[:8] == ["指标编号", "项目", "指标名称", "阶段", "地区", "单位", "目标", "上期累计"]
    rows = [[c.value for c in sheet[n]][:9] for n in (4, 5, 6)]
    assert rows == [
        ["1.1", 1, "改造老旧小区", None, "甲区", "个", 100, 40, 3],
        ["1.1", 1, "改造老旧小区", None, "乙区", "个", 200, 5, 4],
        ["1.2", 1, "加装电梯", None, None, "部", 50, None, None],
    ]
    value = header.index("累计完成") + 1
    sheet.cell(row=4, column=value).value = 60
    sheet.cell(row=5, column=value).value = 20
    sheet.cell(row=6, column=value).value = 12
    book.save(form)
    done = run("import-progress", str(form))
    assert done.exit_code == 0, done
    report = json.loads(run("report", "--month", "5", "--format", "json").stdout)["indicators"]
    assert [(r["id"], r["value"]) for r in report] == [("1.1", 80), ("1.2", 12)]
    assert [(x["region"], x["value"]) for x in report[0]["regions"]] == [("甲区", 60), ("乙区", 20)]
    assert "1.1" not in run("missing", "--month", "5").stdout


def test_a_folder_that_cannot_be_made_is_said_in_the_interface_language(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = run("--lang", "zh", "forms", "--month", "7", "-o", str(tmp_path / "afile" / "sub"))
    assert result.exit_code == 3
    assert (
        result.stderr
        == f"shishi: 错误：无法创建文件夹 {tmp_path / 'afile' / 'sub'}：路径中有一项不是文件夹\n"
    )


def test_a_form_without_its_marks_goes_by_the_year_its_title_names(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    """A returned form saved without its hidden sheet (as CSV, or the sheet deleted): its title
    names the plan's year with the month; a date line (填报日期) does not."""
    plan_2023(run)
    sheet = tmp_path / "人社局-7月.csv"
    sheet.write_text(
        "青岛市2022年市办实事 2022年7月进展填报表\n填报单位：市人力资源社会保障局    填报日期：2023年8月5日\n"
        "指标编号,指标名称,累计完成\n1.1,城镇新增就业,230000\n",
        encoding="utf-8",
    )
    refused = run("import-progress", str(sheet), "--year", "2023")
    assert refused.exit_code == 3 and "form of the 2022 plan, not of the 2023 plan" in refused.stderr
    dry = run("import-progress", str(sheet), "--dry-run")
    assert dry.stdout.startswith(f"Would import from {sheet}, into the 2022 plan: 1 entry")
    done = run("import-progress", str(sheet))
    assert done.exit_code == 0, done
    assert done.stdout.startswith(f"Imported from {sheet}, into the 2022 plan: 1 entry")
    plans = whole(qingdao)["plans"]
    assert [e["value"] for e in plans["2022"]["progress"] if e["month"] == 7] == ["230000"]
    assert plans["2023"]["progress"] == []


def test_a_dry_run_shows_the_labels_it_would_take(run: Run, qingdao: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "进展.csv"
    sheet.write_text(
        "指标编号,月份,累计完成,进展评价\n1.1,7,190000,进展顺利\n1.2,7,39000,\n", encoding="utf-8"
    )
    result = run("--lang", "zh", "import-progress", str(sheet), "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "  1.1 7月：190,000 人，进展标签：进展顺利",
        "  1.2 7月：39,000 个",
    ]
