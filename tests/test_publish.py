"""What people look at: the report's workbook, the bulletin as Word, the report's page and chart."""

from __future__ import annotations

from pathlib import Path

from .helpers import Run


def _book(path: Path):  # type: ignore[no-untyped-def]
    import openpyxl  # type: ignore[import-untyped]

    return openpyxl.load_workbook(path)


# --- export --what report as .xlsx -------------------------------------------------------------


def test_report_workbook_in_chinese(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "6月报告.xlsx"
    r = run("--lang", "zh", "export", "--what", "report", "--month", "6", "-o", str(out))
    assert (r.exit_code, r.stderr) == (0, "")
    book = _book(out)
    assert book.sheetnames == ["指标", "项目", "责任单位", "预警"]
    sheet = book["指标"]
    assert sheet["A1"].value == "青岛市2022年市办实事——截至2022-06-30（6月）"
    assert [c.value for c in sheet[2]] == [
        "编号", "指标", "责任单位", "目标", "进展", "完成率", "时序进度", "差距", "状态", "进展评价",
        "月份", "阶梯",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A3" and sheet.max_row == 2 + 50
    first = [c.value for c in sheet[3]]
    assert first[:2] == ["1.1", "城镇新增就业"] and first[5:9] == [0.5154, 0.5, 1.54, "正常推进（绿灯）"]
    assert sheet["F3"].number_format == "0.00%" and sheet["G3"].number_format == "0.00%"
    assert sheet["I3"].fill.fgColor.rgb == "00C6EFCE"  # green
    lagging = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "8.2")
    assert lagging[8].value == "滞后（红灯）" and lagging[8].fill.fgColor.rgb == "00FFC7CE"
    assert lagging[11].value == "督办"
    assert sheet.column_dimensions["B"].width >= 20  # Chinese counted at its width
    league = book["责任单位"]
    assert [c.value for c in league[2]][:3] == ["排名", "责任单位", "简称"]
    assert league["B3"].value == "市住房城乡建设局" and league["G3"].value == -43.33
    assert book["项目"].max_row == 2 + 16
    assert book["预警"]["C3"].value.startswith("2.1 改造城镇老旧小区")


def test_report_workbook_in_english_keeps_the_layout(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    r = run("export", "--what", "report", "--month", "6", "--owner", "住建局", "-o", str(out))
    assert r.exit_code == 0
    book = _book(out)
    assert book.sheetnames == ["Indicators", "Projects", "Departments", "Warnings"]
    sheet = book["Indicators"]
    assert sheet["A1"].value.endswith("— as of 2022-06-30 (month 6)")
    assert sheet["I3"].value in {"on track (green)", "ahead (green)", "met (blue)", "lagging (yellow)",
                                 "lagging (red)", "no data (grey)", "in progress (grey)"}  # fmt: skip
    assert all(row[2].value and "市住房城乡建设局" in row[2].value for row in sheet.iter_rows(min_row=3))


def test_report_csv_stays_the_contract(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    assert run("--lang", "zh", "export", "--what", "report", "--month", "6", "-o", str(out)).exit_code == 0
    head = out.read_text(encoding="utf-8-sig").splitlines()[1]
    assert head.startswith("1.1,1,城镇新增就业,") and ",on_track,green," in head
