"""What the Chinese interface still said in English or as Python writes it, said in words."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from .helpers import ROOT, Run, copy_store, english_left, whole

EXAMPLE_V1 = ROOT / "tests" / "data" / "qingdao-2022-v1.json"


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


# Each writer command, as the history records it (the figures of add-progress are listed from the
# entries, in the reader's language already).
WRITERS = [
    ("edit-plan", "--title", "2022年民生实事"),
    ("add-department", "市住房城乡建设局", "--alias", "住建局"),
    ("add-department", "市交通运输局"),
    ("edit-department", "住建局", "--name", "市住房和城乡建设局"),
    ("edit-department", "市交通运输局", "--alias", "交通局"),
    ("add-project", "2", "公交场站"),
    ("edit-project", "2", "--title", "公交场站建设", "--owner", "交通局"),
    ("add-indicator", "1", "打通道路", "--target", "30", "--unit", "条", "--stages", "开工,完工",
     "--stage-due", "开工=2022-06-30"),
    ("add-indicator", "1", "新增就业", "--target", "35万", "--unit", "人"),
    ("add-indicator", "2", "场站", "--target", "6", "--unit", "处"),
    ("edit-indicator", "1.1", "--target", "32", "--stage-due", "开工=2022-09-30"),
    ("edit-indicator", "1.2", "--target", "36万", "--from-month", "9", "--reason", "报市政府同意后调整"),
    ("edit-indicator", "1.2", "--unit", "万人"),
    ("add-progress", "1.1", "10", "--stage", "完工", "--month", "6"),
    ("add-progress", "1.1", "10", "--stage", "完工", "--month", "6", "--note", "住建局报送"),
    ("add-progress", "1.2", "18", "--month", "6"),
    ("add-progress", "1.2", "18", "--month", "6", "--label", "进展顺利"),
    ("remove-progress", "1.2", "--month", "6"),
    ("add-progress", "2.1", "3", "--month", "6"),
    ("remove-indicator", "2.1", "--force"),
    ("remove-project", "2", "--force"),
    ("remove-department", "市交通运输局"),
    ("add-region", "长沙市", "--alias", "长沙"),
    ("add-region", "株洲市"),
    ("edit-region", "长沙", "--alias", "长沙市区"),
    ("remove-region", "株洲市"),
    ("share-tolerance", "5"),
    ("set-thresholds", "--tolerance", "5", "--ahead-margin", "3"),
    ("count-units", "--add", "标段"),
    ("set-escalation", "提醒:yellow>=1, 督办:red>=1"),
    ("set-escalation", "--answer-days", "10"),
    ("follow-up", "add", "1.1", "--month", "6", "--action", "督办", "--note", "督办单〔2022〕12号"),
    ("follow-up", "answer", "1", "--answer", "已制定计划"),
    ("follow-up", "answer", "1", "--answer", "已完成"),
]  # fmt: skip


def test_every_change_a_command_records_is_said_in_chinese_in_the_history(
    plan: Run, store_path: Path, tmp_path: Path
) -> None:
    for args in WRITERS:
        assert plan(*args).exit_code == 0, args
    sheet = tmp_path / "p.csv"
    assert plan("export", "--what", "progress", "-o", str(sheet)).exit_code == 0
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(",10,", ",12,"), encoding="utf-8")
    assert plan("import-progress", str(sheet)).exit_code == 0
    assert plan("init", "--year", "2023", "--title", "2023年市办实事", "--like", "2022").exit_code == 0
    for year in ("2022", "2023"):
        english = plan("--lang", "en", "history", "--year", year, "-n", "500").stdout.splitlines()[1:]
        chinese = plan("--lang", "zh", "history", "--year", year, "-n", "500").stdout.splitlines()[1:]
        assert len(chinese) == len(english)
        for line in chinese:
            assert english_left(line, "督办单〔2022〕12号", "p.csv", "yellow", "overdue", ":red") == [], line
    lines = plan("--lang", "zh", "history", "--year", "2022", "-n", "500").stdout.splitlines()
    changes = [re.split(r"\s{2,}", line, maxsplit=2)[2] for line in lines[1:]]
    assert changes[:5] == [
        "创建2022年计划 '2022年市办实事'",
        "添加第1件 '就业'",
        "2022年计划：标题由 '2022年市办实事' 改为 '2022年民生实事'",
        "登记责任单位'市住房城乡建设局'，简称住建局",
        "登记责任单位'市交通运输局'",
    ]
    assert "p.csv：1 条进展记录（其中更正 1 条）" in changes
    assert "删除指标2.1 '场站'及其1 条进展记录" in changes
    # The store keeps the history in English, as ever.
    assert (
        whole(store_path)["plans"]["2022"]["history"][0]["summary"]
        == "created the 2022 plan '2022年市办实事'"
    )


def test_a_history_an_earlier_shishi_recorded_is_said_in_chinese(run: Run, store_path: Path) -> None:
    copy_store(EXAMPLE_V1, store_path)
    lines = run("--lang", "zh", "history", "-n", "500").stdout.splitlines()[1:]
    assert len(lines) > 50
    for line in lines:
        assert english_left(line) == [], line
    assert "添加指标1.1 '城镇新增就业'" in lines[2]


def test_click_names_an_argument_and_a_range_in_chinese(run: Run, qingdao: Path) -> None:
    missing = run("--lang", "zh", "edit-project")
    assert (missing.exit_code, missing.stderr) == (
        2, "shishi: 错误：缺少 NUMBER（编号）（参见 'shishi edit-project --help'）\n"
    )  # fmt: skip
    assert run("--lang", "zh", "add-progress", "1.1").stderr == (
        "shishi: 错误：缺少 VALUE（进展数值）（参见 'shishi add-progress --help'）\n"
    )
    assert "[默认：20; 不小于1]" in run("--lang", "zh", "history", "--help").stdout
    assert "[2至1000]" in run("--lang", "zh", "versions", "--help").stdout
    assert "x>=" not in run("--lang", "zh", "undo", "--help").stdout
    assert "[2<=x<=1000]" in run("--lang", "en", "versions", "--help").stdout  # English as click says it


def test_a_schedule_and_a_kept_change_changed_outside_shishi_are_said_in_chinese(
    plan: Run, store_path: Path
) -> None:
    plan("add-indicator", "1", "打通道路", "--target", "30", "--unit", "条", "--stages", "开工,完工",
         "--stage-due", "开工=2022-06-30")  # fmt: skip
    plan("edit-indicator", "1.1", "--target", "35", "--from-month", "9", "--reason", "报市政府同意后调整")
    year = store_path.with_name(store_path.name + ".years") / "2022.json"
    year.write_text(
        year.read_text(encoding="utf-8").replace("2022-06-30", "2022-07-31").replace("后调整", "后调整。"),
        encoding="utf-8",
    )
    warned = plan("--lang", "zh", "check").stdout.splitlines()
    assert warned[1:3] == [
        "  指标 1.1：阶段进度安排由 开工 30 2022-06-30前 改为 开工 30 2022-07-31前",
        "  指标 1.1：调整记录由 目标由 30 改为 35（自9月起）（报市政府同意后调整），2022-07-27 改为 "
        "目标由 30 改为 35（自9月起）（报市政府同意后调整。），2022-07-27",
    ]
    assert plan("check", "--accept").exit_code == 0
    recorded = plan("--lang", "zh", "history", "-n", "500").stdout
    assert (
        "（shishi 之外的修改）  指标 1.1：阶段进度安排由 开工 30 2022-06-30前 改为 开工 30 2022-07-31前；"
        in recorded
    )
    assert "调整记录由 目标由 30 改为 35（自9月起）（报市政府同意后调整），2022-07-27 改为 " in recorded
    assert "by 2022" not in plan("--lang", "zh", "versions").stdout


def test_what_the_schema_finds_is_said_in_chinese(run: Run, qingdao: Path) -> None:
    year = qingdao.with_name(qingdao.name + ".years") / "2022.json"
    text = year.read_text(encoding="utf-8")
    broken = text.replace('"month":6,', '"month":13,', 1).replace('"mode":"points"', '"mode":"point"')
    step = '{"step":"提醒","when":[{"run":"red","months":1}]}'
    broken = broken.replace('"settings": {', f'"settings": {{"escalation":[{step},{step}],', 1)
    year.write_text(broken, encoding="utf-8")
    chinese = run("--lang", "zh", "check").stdout.splitlines()
    assert chinese[:3] == [
        "问题：plans.2022.settings.mode：应为 'points', 'relative', 'bands' 之一（实际为 'point'）",
        "问题：plans.2022.settings.escalation：有一级阶梯名称重复",
        "问题：plans.2022.progress[0].month：应不大于 12（实际为 13）",
    ]
    english = run("--lang", "en", "check").stdout.splitlines()
    assert (
        english[2]
        == "problem: plans.2022.progress[0].month: Input should be less than or equal to 12 (found 13)"
    )
    refused = run("--lang", "zh", "report", "--month", "6")
    assert refused.exit_code == 3
    assert "plans.2022.settings.mode：应为 'points', 'relative', 'bands' 之一" in refused.stderr


@pytest.mark.parametrize(
    ("ladder", "message"),
    [
        ("提醒:yellow", "阶梯“提醒”的条件 'yellow' 不是“状态>=月数”的形式"),
        ("提醒:blue>=1", "阶梯“提醒”的条件 'blue>=1'：状态 'blue' 应为 yellow、red 或 overdue"),
        ("提醒:yellow>=13", "阶梯“提醒”的条件 'yellow>=13'：月数应为 1 到 12"),
        ("提醒yellow>=1", "阶梯 '提醒yellow>=1' 不是“名称:条件”的形式"),
    ],
)
def test_the_ladders_syntax_is_said_in_chinese(plan: Run, ladder: str, message: str) -> None:
    result = plan("--lang", "zh", "set-escalation", ladder)
    assert (result.exit_code, result.stderr) == (
        2,
        f"shishi: 错误：升级阶梯：{message}；写法如 提醒:yellow>=1, 督办:red>=1, 约谈:yellow>=2|overdue>=1\n",
    )
    assert "RUN" not in plan("--lang", "zh", "set-escalation", "--help").stdout


def test_a_step_name_the_schema_refuses_is_said_in_chinese(run: Run, qingdao: Path) -> None:
    year = qingdao.with_name(qingdao.name + ".years") / "2022.json"
    step = '{"step":"提醒|督办","when":[{"run":"red","months":1}]}'
    year.write_text(
        year.read_text(encoding="utf-8").replace('"settings": {', f'"settings": {{"escalation":[{step}],', 1),
        encoding="utf-8",
    )
    assert run("--lang", "zh", "check").stdout.splitlines()[0] == (
        "问题：plans.2022.settings.escalation[0].step：不能含有 | > = < , : 等符号（实际为 '提醒|督办'）"
    )
