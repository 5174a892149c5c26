"""What people look at: the report's workbook, the bulletin as Word, the report's page and chart."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

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
        "编号", "指标", "责任单位", "目标", "进展", "单位", "完成率", "时序进度", "差距", "状态",
        "进展评价", "月份", "阶梯",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A3" and sheet.max_row == 2 + 50
    first = [c.value for c in sheet[3]]
    assert first[:2] == ["1.1", "城镇新增就业"] and first[3:10] == [
        350000, 180400, "人", 0.5154, 0.5, 1.54, "正常推进（绿灯）",
    ]  # fmt: skip
    assert (sheet["D3"].number_format, sheet["E3"].number_format) == ("#,##0", "#,##0")  # numbers to sum
    assert sheet["G3"].number_format == "0.00%" and sheet["H3"].number_format == "0.00%"
    assert sheet["J3"].fill.fgColor.rgb == "FFC6EFCE"  # green
    staged = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "3.1")
    assert (staged[3].value, staged[4].value) == (30, "10 完工 (开工 42)")  # the other stage said in words
    lagging = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "8.2")
    assert lagging[9].value == "滞后（红灯）" and lagging[9].fill.fgColor.rgb == "FFFFC7CE"
    assert lagging[12].value == "督办"
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
    assert sheet["J3"].value in {"on track (green)", "ahead (green)", "met (blue)", "lagging (yellow)",
                                 "lagging (red)", "no data (grey)", "in progress (grey)"}  # fmt: skip
    assert all(row[2].value and "市住房城乡建设局" in row[2].value for row in sheet.iter_rows(min_row=3))


def test_report_csv_stays_the_contract(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    assert run("--lang", "zh", "export", "--what", "report", "--month", "6", "-o", str(out)).exit_code == 0
    head = out.read_text(encoding="utf-8-sig").splitlines()[1]
    assert head.startswith("1.1,1,城镇新增就业,") and ",on_track,green," in head


# --- bulletin --docx ---------------------------------------------------------------------------


def _east_asian_font(element) -> str | None:  # type: ignore[no-untyped-def]
    from docx.oxml.ns import qn

    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _bulletin_text(markdown: str) -> list[str]:
    """The Markdown bulletin's paragraphs as a reader sees them: marks and escapes gone."""
    from shishi_cli.render.bulletin import bulletin_blocks

    return [text for _, text in bulletin_blocks(markdown)]


def test_bulletin_docx_is_laid_out_as_a_notice(run: Run, qingdao: Path, tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt

    out = tmp_path / "6月进展通报.docx"
    r = run("--lang", "zh", "bulletin", "--month", "6", "--docx", str(out))
    assert (r.exit_code, r.stdout, r.stderr) == (0, f"已将6月进展情况通报写入 {out}\n", "")
    markdown = run("--lang", "zh", "bulletin", "--month", "6").stdout
    document = docx.Document(str(out))
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs] == _bulletin_text(markdown)
    assert paragraphs[0].text == "青岛市2022年市办实事进展情况（截至2022年6月底）"
    assert paragraphs[0].style.name == "Title" and paragraphs[0].alignment == 1  # centred
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"第{n}件" for n in range(1, 17)]
    styles = document.styles
    assert _east_asian_font(styles["Title"].element) == "方正小标宋简体"
    assert _east_asian_font(styles["Heading 1"].element) == "黑体"
    assert _east_asian_font(styles["Normal"].element) == "仿宋_GB2312"
    assert styles["Normal"].font.size == Pt(16) and styles["Title"].font.size == Pt(22)
    body = paragraphs[1]
    assert body.style.name == "Normal" and body.paragraph_format.first_line_indent == Pt(32)
    bold = [p for p in paragraphs if p.runs and p.runs[0].bold]
    assert bold and all(p.text.startswith("需重点关注：") for p in bold)
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.left_margin)
    assert [round(size.mm) for size in sizes] == [210, 297, 37, 28]  # (in twips: to 0.02 mm)
    fonts = document.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
    ).blob.decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts


def test_bulletin_docx_and_markdown_together(run: Run, qingdao: Path, tmp_path: Path) -> None:
    r = run("bulletin", "--month", "6", "--docx", str(tmp_path / "b.docx"), "-o", str(tmp_path / "b.md"))
    assert r.exit_code == 0 and r.stdout.count("Wrote the month-6 bulletin to") == 2
    assert (tmp_path / "b.md").read_text(encoding="utf-8").startswith("# ")


def test_bulletin_docx_where_it_cannot_be_written(run: Run, qingdao: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "b.docx"
    r = run("bulletin", "--month", "6", "--docx", str(target))
    assert r.exit_code == 3 and r.stdout == ""
    assert r.stderr.startswith(f"shishi: error: cannot write {target}: ") and r.stderr.count("\n") <= 2
    r = run("bulletin", "--month", "6", "--docx", str(qingdao))
    assert r.exit_code == 2 and "is the store itself" in r.stderr


def test_bulletin_text_keeps_user_markup_as_written(run: Run, qingdao: Path, tmp_path: Path) -> None:
    assert run("edit-project", "1", "--title", "<script>*粗*</script> [red]x").exit_code == 0
    run("--lang", "zh", "bulletin", "--month", "6", "--docx", str(tmp_path / "b.docx"))
    import docx

    texts = [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs]
    assert "<script>*粗*</script> [red]x。（责任单位：市人力资源社会保障局、市农业农村局）" in texts


@pytest.mark.slow
def test_bulletin_docx_converts_to_pdf_with_the_same_text(run: Run, qingdao: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "b.docx"
    assert run("--lang", "zh", "bulletin", "--month", "6", "--docx", str(out)).exit_code == 0
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    if "source file could not be loaded" in done.stderr:
        pytest.skip("this LibreOffice has no Writer (apt-get install libreoffice-writer)")
    text = (tmp_path / "b.txt").read_text(encoding="utf-8-sig")
    markdown = run("--lang", "zh", "bulletin", "--month", "6").stdout
    assert [line for line in text.splitlines() if line.strip()] == _bulletin_text(markdown)
    pdf = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert pdf.returncode == 0 and (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")


# --- report --html and --svg -------------------------------------------------------------------


def test_report_page_in_chinese(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "6月进展.html"
    r = run("--lang", "zh", "report", "--month", "6", "--html", str(out), "-f", "json")
    assert r.exit_code == 0 and r.stderr == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "<script" not in page and "http://" not in page.replace('"http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "@import" not in page and "url(" not in page
    assert "<title>青岛市2022年市办实事：截至2022-06-30进展情况</title>" in page
    assert "截至2022-06-30（6月）" in page and "时序进度：50%" in page
    assert page.count('<tr data-indicator="') == 50 and page.count('<section class="project"') == 16
    assert "第3件 打通城市未贯通道路30条以上" in page
    assert '<td class="yellow"><span class="dot"></span>滞后<div class="small">黄灯</div></td>' in page
    assert (
        '<div class="fill" style="width: 51.54%"></div><div class="mark" style="left: 50.0%"></div>' in page
    )
    assert "责任单位排名（最落后的在前）" in page and "督办升级" in page and "预警" in page
    assert "@media print" in page and "@page { size: A4 landscape" in page


def test_report_page_follows_the_filters(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("report", "--month", "6", "--owner", "卫健委", "--html", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('<tr data-indicator="') == 3 and 'data-indicator="12.3"' in page
    assert run("report", "--month", "6", "--status", "lagging", "--html", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    shown = [line.split('"')[1] for line in page.splitlines() if line.startswith('<tr data-indicator="')]
    assert shown == ["3.1", "7.5", "8.2", "12.3"]


def test_report_page_and_chart_escape_store_text(run: Run, qingdao: Path, tmp_path: Path) -> None:
    import xml.dom.minidom

    assert run("edit-project", "1", "--title", "<script>alert(1)</script> [red]x &amp;").exit_code == 0
    assert run("edit-indicator", "1.1", "--name", "<b>就业</b> [red]y").exit_code == 0
    html, svg = tmp_path / "r.html", tmp_path / "r.svg"
    assert run("report", "--month", "6", "--html", str(html), "--svg", str(svg)).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and "<b>就业" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [red]x &amp;amp;" in page
    assert "&lt;b&gt;就业&lt;/b&gt; [red]y" in page
    texts = [
        t.firstChild.data
        for t in xml.dom.minidom.parse(str(svg)).getElementsByTagName("text")
        if t.firstChild
    ]
    assert "1.1  <b>就业</b> [red]y" in texts


def test_report_chart_measures_chinese(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    assert run("--lang", "zh", "report", "--month", "6", "--svg", str(out)).exit_code == 0
    chart = out.read_text(encoding="utf-8")
    assert "textLength" not in chart and "Microsoft YaHei" in chart and "Noto Sans CJK SC" in chart
    assert chart.count('<g class="indicator"') == 50
    assert '<text x="16" y="' in chart and "8.2 市区供热燃煤锅炉“煤改气”" in chart


def test_report_page_where_it_cannot_be_written(run: Run, qingdao: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "r.html"
    r = run("report", "--month", "6", "--html", str(target))
    assert r.exit_code == 3 and r.stderr.startswith(f"shishi: error: cannot write {target}: ")


@pytest.mark.slow
def test_the_page_template_is_in_the_package(tmp_path: Path) -> None:
    """The page's template ships in the wheel (package data), not only in this checkout."""
    import sys
    import zipfile

    from .helpers import ROOT

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("shishi-*.whl")
    assert "shishi_cli/templates/report.html" in zipfile.ZipFile(wheel).namelist()


def test_a_milestone_reached_has_a_full_bar_in_the_chart(run: Run, qingdao: Path, tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    assert run("report", "--month", "6", "--svg", str(out)).exit_code == 0
    svg = out.read_text(encoding="utf-8")
    start = svg.index('data-indicator="11.2"')
    group = svg[start : svg.index("</g>", start)]
    bars = re.findall(
        r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="14" rx="2" fill="(#[0-9a-f]+)"/>', group
    )
    assert bars[1] == ("340.7", "#1f6fd1")  # blue, to the 100 % mark (the plot's 460 reach 135 %)
    assert group.endswith(">met</text>\n")
