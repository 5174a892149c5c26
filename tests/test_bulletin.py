"""`shishi bulletin`: the office's Markdown bulletin, agreeing with `report --format json`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from shishi_cli import i18n
from shishi_cli.render.bulletin import bulletin_amount

from .helpers import Run


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (180400, "人", "18.04万人", "180,400 人"),
        (38100, "个", "3.81万个", "38,100 个"),
        (350000, "人", "35万人", "350,000 人"),
        (196, "万平方米", "196万平方米", "196 万平方米"),  # the unit is in 万 already
        (494.3, "公里", "494.3公里", "494.3 公里"),
        (318, "个", "318个", "318 个"),
        (9999, "人", "9999人", "9,999 人"),  # below 1万
        (10000, "人", "1万人", "10,000 人"),
        (12345, "人", "1.2345万人", "12,345 人"),
        (123456, "人", "12.3456万人", "123,456 人"),
        (123456.7, "人", "123456.7人", "123,456.7 人"),  # 12.34567万: kept as it is, exact
        (150000000, "元", "1.5亿元", "150,000,000 元"),
        (1234567890, "元", "123456.789万元", "1,234,567,890 元"),  # exact, never rounded
        (12000, "万元", "1.2亿元", "12,000 万元"),  # 万 of the unit and 万 of the figure: 亿
        (2.5, "万元", "2.5万元", "2.5 万元"),
        ("0.5", "个百分点", "0.5个百分点", "0.5 个百分点"),
        (706, "", "706", "706"),
    ],
)
def test_amounts_are_written_as_bulletins_write_them(value: object, unit: str, zh: str, en: str) -> None:
    i18n.activate("zh")
    try:
        assert bulletin_amount(value, unit) == zh  # type: ignore[arg-type]
    finally:
        i18n.activate("en")
    assert bulletin_amount(value, unit) == en  # type: ignore[arg-type]


def _report(run: Run, *args: str) -> dict:
    result = run("report", "--format", "json", *args)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def _unquoted(text: str) -> str:
    return re.sub("[“”‘’]", "", text)


def _paragraphs(text: str) -> dict[int, str]:
    """Project number -> its section of the bulletin."""
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    found = {}
    for section in sections:
        number = re.search(r"\d+", section.splitlines()[0])
        assert number is not None
        found[int(number.group())] = section
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bulletin_counts_and_figures_agree_with_the_report(run: Run, qingdao: Path, lang: str) -> None:
    report = _report(run, "--month", "6")
    result = run("--lang", lang, "bulletin", "--month", "6")
    assert result.exit_code == 0
    text = result.stdout
    lead, indicator_lead = text.split("\n\n")[1:3]
    i18n.activate(lang)
    try:
        from shishi_cli.render.bulletin import INDICATOR_PHRASES, PROJECT_PHRASES

        for counts, phrases, where in (
            (report["summary"]["projects"], PROJECT_PHRASES, lead),
            (report["summary"]["indicators"], INDICATOR_PHRASES, indicator_lead),
        ):
            context = "projects" if phrases is PROJECT_PHRASES else "indicators"
            for status, count in counts.items():
                phrase = i18n.pgettext(context, phrases[status])
                said = phrase.split("{which}")[0].format(
                    count=count
                )  # "1 met the target (", "进展迅速的5件（"
                if count:
                    assert said in where, (status, count, where)
                else:  # a status nothing has is not mentioned
                    assert phrase.split("{which}")[0].format(count=0) not in where
        number_word = r"第{}件" if lang == "zh" else r"no\. {}\b"
    finally:
        i18n.activate("en")
    assert sum(report["summary"]["projects"].values()) == 16
    for project in report["projects"]:  # met and lagging projects are named in the lead, only they
        named = re.search(number_word.format(project["number"]), lead) is not None
        assert named == (project["status"] in ("met", "ahead", "lagging", "overdue")), project
    for indicator in report["indicators"]:  # and met and lagging indicators by name
        if indicator["status"] in ("met", "lagging"):  # (quoted in Chinese: inner “” become ‘’)
            assert _unquoted(indicator["name"]) in _unquoted(indicator_lead)
    sections = _paragraphs(text)
    assert sorted(sections) == [p["number"] for p in report["projects"]]
    for indicator in report["indicators"]:
        section = sections[indicator["project"]]
        assert indicator["name"] in section
        if indicator["percent"] is not None:
            shown = f"{indicator['percent']:.2f}".rstrip("0").rstrip(".")
            expected = f"{indicator['expected_percent']:g}"
            # the indicator's own clause: its name, then its percent and expected percent
            clause = re.escape(indicator["name"]) + r"[^;；]*?(?<![\d.])" + re.escape(shown) + "%"
            clause += r"[^;；]*?(?<![\d.])" + re.escape(expected) + "%"
            assert re.search(clause, section), (indicator["id"], section)


def test_the_chinese_bulletin_reads_like_the_seed(run: Run, qingdao: Path) -> None:
    text = run("--lang", "zh", "bulletin", "--month", "6").stdout
    assert text.startswith("# 青岛市2022年市办实事")
    assert "2022年6月底" in text
    sections = _paragraphs(text)
    one = sections[1]
    assert one.startswith("第1件")
    assert "（责任单位：市人力资源社会保障局、市农业农村局）" in one
    assert "进展情况：" in one
    facts = ("城镇新增就业18.04万人", "创设公益性岗位3.81万个", "扶持创业1.92万人", "农民技能培训1.11万人")
    for fact in facts:
        assert fact in one
    assert "开工196万平方米" in sections[2] and "完工154万平方米" in sections[2]
    assert "494.3公里" in sections[3]
    assert "滞后" in sections[3] and "打通城市未贯通道路" in sections[3].split("**")[1]
    assert "AED" in sections[12].split("**")[1]  # the lagging AED units are flagged


def test_bulletin_in_english_by_default(run: Run, qingdao: Path) -> None:
    text = run("bulletin", "--month", "6").stdout
    assert text.startswith("# 青岛市2022年市办实事: progress as of the end of June 2022\n")
    assert "城镇新增就业 180,400 人, 51.54% of the target 350,000 人 (expected 50%), on schedule" in text
    assert "**Needs attention: 3.1 打通城市未贯通道路 is 16.67 points behind its expected progress.**" in text


def test_bulletin_of_one_owner(run: Run, qingdao: Path) -> None:
    text = run("bulletin", "--month", "6", "--owner", "住建局").stdout
    report = _report(run, "--month", "6", "--owner", "住建局")
    assert sorted(_paragraphs(text)) == [p["number"] for p in report["projects"]]
    assert f"Of the {len(report['indicators'])} indicators:" in text


def test_bulletin_to_a_file(run: Run, qingdao: Path, tmp_path: Path) -> None:
    target = tmp_path / "6月进展通报.md"
    result = run("bulletin", "--month", "6", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == f"Wrote the month-6 bulletin to {target}\n"
    assert target.read_text(encoding="utf-8") == run("bulletin", "--month", "6").stdout


def test_bulletin_to_a_missing_folder_writes_nothing(run: Run, qingdao: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "b.md"
    result = run("bulletin", "--month", "6", "-o", str(target))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"shishi: error: cannot write {target}: ")
    assert not target.parent.exists()


def test_bulletin_with_no_progress_asks_for_a_month(run: Run, plan: Run) -> None:
    result = run("bulletin")
    assert result.exit_code == 3
    assert result.stderr == (
        "shishi: error: the 2022 plan has no progress entries yet; give --month to report as of a month\n"
    )


def test_an_older_figure_says_its_month(run: Run, qingdao: Path) -> None:
    assert run("add-progress", "1.1", "20万", "--month", "7").exit_code == 0
    text = run("--lang", "zh", "bulletin", "--month", "7").stdout
    one = _paragraphs(text)[1]
    assert "城镇新增就业20万人，为目标35万人的57.14%" in one  # July's own figure: no month said
    assert "创设公益性岗位3.81万个（6月数据），为目标3.7万个的102.97%" in one
    english = run("bulletin", "--month", "7").stdout
    assert "创设公益性岗位 38,100 个 (figure of month 6), 102.97% of the target" in english


def test_a_bulletin_of_nothing_is_refused(run: Run, qingdao: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.md"
    result = run("bulletin", "--month", "6", "--owner", "nobody", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "shishi: error: --owner 'nobody': no department of the 2022 plan is called that; "
        "departments there: 市人力资源社会保障局 (人社局、市人社局), 市农业农村局"
    )
    assert not target.exists()
    both = run("bulletin", "--month", "6", "--project", "1", "--owner", "文旅局", "-o", str(target))
    assert both.exit_code == 2
    assert both.stderr == (
        "shishi: error: no indicator of the 2022 plan is both in project 1 and of 市文化和旅游局; "
        "'shishi list' shows the projects and their departments\n"
    )
    assert not target.exists()


def test_milestones_baselines_and_quoted_names_in_chinese(run: Run, qingdao: Path) -> None:
    text = run("--lang", "zh", "bulletin", "--month", "6").stdout
    sections = _paragraphs(text)
    assert "：目前处于“试运行”阶段" in sections[5]
    assert "“市区供热燃煤锅炉‘煤改气’”" in text.split("\n\n")[2]  # quotes inside quotes
    assert "（不设量化目标，仅统计进展）" in sections[15]


def test_a_target_that_goes_down(plan: Run) -> None:
    assert (
        plan(
            "add-indicator", "1", "PM2.5年均浓度", "--baseline", "50", "--target", "40", "--unit", "微克"
        ).exit_code
        == 0
    )
    assert plan("add-progress", "1.1", "46", "--month", "6").exit_code == 0
    text = plan("--lang", "zh", "bulletin").stdout
    assert "PM2.5年均浓度46微克，为目标由50微克降至40微克的40%（时序进度50%），按计划推进" in text
    english = plan("bulletin").stdout
    assert (
        "PM2.5年均浓度 46 微克, 40% of the target from 50 微克 down to 40 微克 (expected 50%), on schedule"
        in english
    )


def test_a_name_ending_in_a_figure_of_its_own_is_kept_apart_from_the_figure(plan: Run) -> None:
    """新增学位3.7万个以上 and 3.81万个 would run together as 3.7万个以上3.81万个."""
    assert (
        plan("add-indicator", "1", "新增中小学学位3.7万个以上", "--target", "3.7万", "--unit", "个").exit_code
        == 0
    )
    assert plan("add-indicator", "1", "城镇新增就业", "--target", "35万", "--unit", "人").exit_code == 0
    assert plan("add-progress", "1.1", "3.81万", "--month", "6").exit_code == 0
    assert plan("add-progress", "1.2", "18.04万", "--month", "6").exit_code == 0
    text = plan("--lang", "zh", "bulletin").stdout
    assert "新增中小学学位3.7万个以上：3.81万个，为目标3.7万个的102.97%" in text
    assert "城镇新增就业18.04万人，为目标35万人的51.54%" in text  # as bulletins write it
    assert "新增中小学学位3.7万个以上: 38,100 个, 102.97% of the target" in plan("bulletin").stdout


def test_a_finished_milestone_says_so(run: Run, qingdao: Path) -> None:
    text = run("--lang", "zh", "bulletin", "--month", "6").stdout
    assert "一码应用多端发布已多端发布。" in _paragraphs(text)[16]
    english = run("bulletin", "--month", "6").stdout
    assert "一码应用多端发布: 多端发布, done." in english
