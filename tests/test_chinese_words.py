"""What the Chinese interface still said in English or as Python writes it, said in words."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .helpers import Run


@pytest.mark.parametrize(
    ("lang", "args", "message"),
    [
        (
            "en", ("--counts", "完工"),
            "--counts 完工 names a stage, and the indicator has no stages; give the stages with --stages "
            "(e.g. --stages 开工,完工), or leave out --counts",
        ),
        (
            "zh", ("--counts", "完工"),
            "--counts 完工 指定的是阶段，但该指标未设阶段；请用 --stages 给出阶段（如 --stages 开工,完工），"
            "或去掉 --counts",
        ),
        (
            "en", ("--stage-target", "开工=5"),
            "the schedule of '开工' is of a stage, and the indicator has no stages; give the stages with "
            "--stages, or remove it with --no-stage-schedule 开工",
        ),
        (
            "zh", ("--stage-target", "开工=5"),
            "进度安排的阶段 '开工' 无从安排：该指标未设阶段；请用 --stages 给出阶段，或用 "
            "--no-stage-schedule 开工 去掉",
        ),
        (
            "zh", ("--stages", "开工,完工", "--counts", "投用"),
            "--counts 投用 不在阶段 开工、完工 之中；请指定其中一个阶段，或给出 --stages",
        ),
    ],
)  # fmt: skip
def test_stages_are_named_as_words_and_none_is_said(
    plan: Run, lang: str, args: tuple[str, ...], message: str
) -> None:
    result = plan("--lang", lang, "add-indicator", "1", "测试", "--target", "10", "--unit", "个", *args)
    error = "shishi: 错误：" if lang == "zh" else "shishi: error: "
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", f"{error}{message}\n")
    assert "[" not in result.stderr


def test_a_figure_in_the_report_workbook_shows_the_decimals_it_has(plan: Run, tmp_path: Path) -> None:
    for name, target in (("道路", "800"), ("就业", "35万"), ("面积", "2.5")):
        assert plan("add-indicator", "1", name, "--target", target, "--unit", "公里").exit_code == 0
    for number, value in enumerate(("494.3", "180400", "1.125"), 1):
        assert plan("add-progress", f"1.{number}", value, "--month", "6").exit_code == 0
    book = tmp_path / "report.xlsx"
    assert plan("--lang", "zh", "export", "--what", "report", "--month", "6", "-o", str(book)).exit_code == 0
    sheet = openpyxl.load_workbook(book).worksheets[0]
    rows = [[(c.value, c.number_format) for c in row[3:8]] for row in sheet.iter_rows(min_row=3)]
    assert rows == [
        [(800, "#,##0"), (494.3, "#,##0.0"), ("公里", "General"), (0.6179, "0.00%"), (0.5, "0.00%")],
        [(350000, "#,##0"), (180400, "#,##0"), ("公里", "General"), (0.5154, "0.00%"), (0.5, "0.00%")],
        [(2.5, "#,##0.0"), (1.125, "#,##0.000"), ("公里", "General"), (0.45, "0.00%"), (0.5, "0.00%")],
    ]
