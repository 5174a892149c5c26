"""The interface language: how it is chosen, what is Chinese, and what never changes (the contract)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from shishi_cli import i18n

from .helpers import ROOT, Run, whole

# --- choosing the language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "environ", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANG": "zh_TW.Big5"}, "zh"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),  # a language shishi does not speak: English
        (None, {"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),  # LC_ALL wins over LANG, as in gettext
        (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANGUAGE": "fr:zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),  # first spoken one of the list
        (None, {"LANGUAGE": "", "LANG": "zh_CN"}, "zh"),
        (None, {"SHISHI_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"SHISHI_LANG": "中文"}, "zh"),
        (None, {"SHISHI_LANG": "  ", "LANG": "zh_CN.UTF-8"}, "zh"),  # empty: as if unset
        ("en", {"SHISHI_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
        ("zh-Hans", {}, "zh"),
        ("ZH", {}, "zh"),
    ],
)
def test_language_is_lang_then_shishi_lang_then_locale(
    flag: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose(flag, environ) == expected


def test_an_unknown_lang_is_a_usage_error(run: Run) -> None:
    result = run("--lang", "fr", "list")
    assert result.exit_code == 2
    assert result.stderr == (
        "shishi: error: --lang 'fr' is not a language shishi speaks; use zh (中文) or en (English)\n"
    )
    assert result.stdout == ""


def test_an_unknown_shishi_lang_is_a_usage_error(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHISHI_LANG", "klingon")
    result = run("list")
    assert result.exit_code == 2
    assert "SHISHI_LANG 'klingon' is not a language shishi speaks" in result.stderr


def test_lang_after_the_command_is_pointed_to_its_place(run: Run, qingdao: Path) -> None:
    result = run("report", "--lang", "zh")
    assert result.exit_code == 2
    assert "global options such as --lang go before the command: shishi --lang ..." in result.stderr


# --- Chinese output ----------------------------------------------------------------------------


def _data_words(store: Path) -> set[str]:
    """Every text of the store: titles, names, owners, units, stages, notes (data, not interface)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(whole(store))
    return found


def _interface_text(output: str, store: Path) -> str:
    """`output` with the data taken out: what remains is the interface's own words."""
    for word in sorted(_data_words(store), key=len, reverse=True):
        if len(word) > 1:
            output = output.replace(word, " ")
    return output


def test_report_in_chinese_has_no_english_words_but_the_data(run: Run, qingdao: Path) -> None:
    result = run("--lang", "zh", "report", "--month", "6")
    assert result.exit_code == 0
    out = result.stdout
    words = ("编号", "指标", "责任单位", "时序进度", "状态", "已完成", "超前", "正常推进", "滞后", "无数据")
    for word in words:
        assert word in out
    assert "2022年市办实事" in out
    left = _interface_text(out, qingdao)
    assert re.findall(r"[A-Za-z]{2,}", left) == []


def test_lagging_bulletin_list_and_show_in_chinese(run: Run, qingdao: Path) -> None:
    for args in (
        ("lagging", "--month", "6"),
        ("list",),
        ("show", "1.1", "--month", "6"),
        ("show", "3"),
        ("bulletin", "--month", "6"),
        ("report", "--month", "6", "--format", "markdown"),
        ("check",),
        ("history",),
    ):
        result = run("--lang", "zh", *args)
        assert result.exit_code in (0, 1), args
        left = _interface_text(result.stdout.replace(str(qingdao), ""), qingdao)
        # history shows the recorded commands as they were typed: command names stay.
        left = re.sub(
            r"\b(init|add-project|add-indicator|add-progress|import-plan|import-progress)\b", "", left
        )
        left = re.sub(r"'(shishi )?report [^']*'", "", left)  # a command to type stays as it is typed
        assert re.findall(r"[A-Za-z]{2,}", left) == [], args


def test_lang_en_overrides_the_locale(run: Run, qingdao: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    chinese = run("report", "--month", "6")
    english = run("--lang", "en", "report", "--month", "6")
    assert "正常推进" in chinese.stdout and "on track" not in chinese.stdout
    assert "on track" in english.stdout and "正常推进" not in english.stdout


def test_status_words_in_chinese_are_the_bulletins(run: Run, qingdao: Path) -> None:
    out = run("--lang", "zh", "report", "--month", "6").stdout
    line = next(line for line in out.splitlines() if line.startswith("1.1 "))
    assert re.search(r"  51\.54 +50 +\+1\.54  正常推进（绿灯） +6$", line), line
    assert "指标：已完成10项，超前16项，正常推进5项，滞后4项，无数据9项，推进中6项" in out


def test_errors_and_messages_in_chinese(run: Run, qingdao: Path) -> None:
    missing = run("--lang", "zh", "show", "99.9")
    assert missing.exit_code == 3
    assert missing.stderr.startswith("shishi: 错误：")
    assert re.findall(r"[A-Za-z]{2,}", missing.stderr.replace("shishi list", "").replace("shishi", "")) == []
    bad = run("--lang", "zh", "report", "--month", "13")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("shishi: 错误：") and "--month" in bad.stderr
    added = run("--lang", "zh", "add-progress", "1.1", "20万", "--month", "7")
    assert added.exit_code == 0
    assert added.stdout == "已记录指标1.1的7月进展：200,000 人\n"
    assert re.findall(r"[A-Za-z]{2,}", added.stdout) == []


def test_help_in_chinese(run: Run) -> None:
    result = run("--lang", "zh", "report", "--help")
    assert result.exit_code == 0
    assert "用法：" in result.stdout
    assert "选项" in result.stdout
    assert "示例：" in result.stdout
    assert "shishi report --month 6" in result.stdout  # examples are kept as typed
    english = run("report", "--help")  # and the next run speaks English again
    assert "Usage:" in english.stdout and "用法" not in english.stdout


def test_json_and_csv_do_not_change_with_the_language(run: Run, qingdao: Path) -> None:
    def strip_messages(text: str) -> object:
        data = json.loads(text)
        for w in data["warnings"]:
            w.pop("message")
        return data

    en = run("report", "--month", "6", "--format", "json").stdout
    zh = run("--lang", "zh", "report", "--month", "6", "--format", "json").stdout
    assert strip_messages(zh) == strip_messages(en)
    assert json.loads(zh)["indicators"][0]["status"] == "on_track"
    assert (
        run("--lang", "zh", "report", "--month", "6", "--format", "csv").stdout
        == run("report", "--month", "6", "--format", "csv").stdout
    )


def test_the_store_is_the_same_whatever_the_language(run: Run, tmp_path: Path, monkeypatch) -> None:
    stores = []
    for lang in ("en", "zh"):
        monkeypatch.setenv("SHISHI_STORE", str(tmp_path / f"{lang}.json"))
        assert run("--lang", lang, "init", "--year", "2022", "--title", "t").exit_code == 0
        assert run("--lang", lang, "add-project", "1", "就业", "--owner", "市人社局").exit_code == 0
        added = run("--lang", lang, "add-indicator", "1", "新增就业", "--target", "35万", "--unit", "人")
        assert added.exit_code == 0
        assert run("--lang", lang, "edit-indicator", "1.1", "--target", "36万").exit_code == 0
        stores.append((tmp_path / f"{lang}.json").read_bytes())
    assert stores[0] == stores[1]


# --- the catalog -------------------------------------------------------------------------------


def _catalog_tool() -> object:
    spec = importlib.util.spec_from_file_location("catalog", ROOT / "scripts" / "catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated_and_the_shipped_catalog_is_compiled() -> None:
    """Untranslated, stale or placeholder-mismatched messages, or a .mo older than the .po."""
    assert _catalog_tool().problems() == []  # type: ignore[attr-defined]


def test_english_reads_no_catalog(run: Run, qingdao: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gettext

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an English run opened a message catalog")

    monkeypatch.setattr(gettext, "translation", refuse)
    assert run("report", "--month", "6").exit_code == 0
    assert run("bulletin", "--month", "6").exit_code == 0
    assert run("report", "--help").exit_code == 0


def test_the_catalog_speaks_chinese() -> None:
    i18n.activate("zh")
    try:
        assert i18n._("met") == "已完成"
        assert i18n.ngettext("{count} project", "{count} projects", 2) == "{count}件"
        assert i18n.pgettext("list of names", ", ") == "、"
        with i18n.english():
            assert i18n._("met") == "met"
        assert i18n._("met") == "已完成"
    finally:
        i18n.activate("en")


def test_a_missing_catalog_is_said_in_english(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)  # an installation without its .mo
    result = run("--lang", "zh", "list")
    assert result.exit_code == 3
    assert result.stderr == (
        f"shishi: error: the zh message catalog is missing from {tmp_path}; reinstall shishi\n"
    )
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert run("list").stderr == result.stderr


def test_chinese_help_fits_the_terminal_and_keeps_words_whole(run: Run, monkeypatch) -> None:
    from shishi_cli.text import cell_width

    monkeypatch.setenv("COLUMNS", "80")
    for command in ("report", "import-plan", "bulletin", "export", "add-indicator", "edit-indicator"):
        result = run("--lang", "zh", command, "--help")
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        widths = [cell_width(line) for line in lines if not line.startswith("    shishi ")]  # examples
        assert max(widths) <= 80, (command, max(widths))
        assert not any(line.lstrip().startswith(tuple("，。、；：")) for line in lines)
        assert "选项：" in result.stdout  # headings end with a Chinese colon
    report = run("--lang", "zh", "report", "--help").stdout
    assert "in_progress" in report  # a status value is never cut in two


def test_what_an_edit_changed_is_said_in_chinese_and_recorded_in_english(run: Run, qingdao: Path) -> None:
    result = run("--lang", "zh", "edit-indicator", "2.2", "--unit", "平方米")
    assert result.exit_code == 0
    assert result.stdout == (
        "已修改指标2.2：目标由 230 改为 2300000；单位由 万平方米 改为 平方米；已将2个数值换算为平方米\n"
    )
    history = whole(qingdao)["plans"]["2022"]["history"]
    assert history[-1]["summary"] == (
        "indicator 2.2: target 230 -> 2300000; unit 万平方米 -> 平方米; 2 figures converted to 平方米"
    )
    thresholds = run("--lang", "zh", "set-thresholds", "--tolerance", "8")
    assert thresholds.stdout == "已修改阈值：容差由 10 改为 8\n"


def test_click_errors_in_chinese(run: Run, qingdao: Path) -> None:
    for args, expected in (
        (("report", "--month", "abc"), "'--month' / '-m' 的值无效：'abc' 不是整数"),
        (("report", "--month", "13"), "'--month' / '-m' 的值无效：13 不在 1 到 12 之间"),
        (("history", "-n", "0"), "'--limit' / '-n' 的值无效：0 小于 1"),
        (("report", "--bogus"), "没有选项 --bogus"),
        (("reprt",), "没有命令 'reprt'"),
        (("list", "a", "b"), "多余的参数：a b"),
    ):
        result = run("--lang", "zh", *args)
        assert result.exit_code == 2
        assert result.stderr.startswith("shishi: 错误：" + expected), result.stderr


def test_system_errors_about_files_in_chinese(run: Run, qingdao: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "b.md"
    result = run("--lang", "zh", "bulletin", "--month", "6", "-o", str(target))
    assert result.exit_code == 3
    assert result.stderr == f"shishi: 错误：无法写入 {target}：文件或文件夹不存在；文件未作改动\n"
    english = run("bulletin", "--month", "6", "-o", str(target))
    assert (
        english.stderr
        == f"shishi: error: cannot write {target}: No such file or directory; the file was not changed\n"
    )


def test_an_import_in_chinese_is_recorded_in_english(run: Run, qingdao: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "7月.csv"
    sheet.write_text("indicator,month,value\n1.1,7,20万\n1.2,7,3.9万\n", encoding="utf-8")
    result = run("--lang", "zh", "import-progress", str(sheet))
    assert result.exit_code == 0
    assert result.stdout == f"已从 {sheet} 导入：2 条进展记录\n"
    history = whole(qingdao)["plans"]["2022"]["history"]
    assert history[-1]["summary"] == "7月.csv: 2 entries"
    again = run("--lang", "zh", "import-progress", str(sheet))
    assert again.stdout == f"已从 {sheet} 导入：2 条已有，未重复导入\n"


def test_english_messages_of_edits_are_the_historys_words(run: Run, qingdao: Path) -> None:
    result = run("set-thresholds", "--ahead-margin", "6", "--red-gap", "25")
    assert result.stdout == "Thresholds: ahead_margin 5 -> 6; red_gap 30 -> 25\n"
    counts = run("edit-indicator", "3.1", "--counts", "开工")
    assert counts.stdout == "Changed 3.1: counts 完工 -> 开工\n"
    history = whole(qingdao)["plans"]["2022"]["history"]
    assert history[-2]["summary"] == "ahead_margin 5 -> 6; red_gap 30 -> 25"
    assert history[-1]["summary"] == "indicator 3.1: counts 完工 -> 开工"
    chinese = run("--lang", "zh", "edit-indicator", "3.1", "--counts", "完工")
    assert chinese.stdout == "已修改指标3.1：计数阶段由 开工 改为 完工\n"


def test_an_empty_amount_hint_in_chinese(run: Run, qingdao: Path) -> None:
    result = run("--lang", "zh", "edit-indicator", "1.1", "--target", " ")
    assert result.exit_code == 3
    assert result.stderr == "shishi: 错误：--target 为空；请填写数量，或用 --no-target 改为只统计不设目标\n"
