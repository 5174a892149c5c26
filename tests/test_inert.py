"""User text is inert: control, bidi and invisible characters refused where text comes in, named
by `check` in a store that holds them, and never reaching a terminal raw (issue 12, items 2, 3)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
from pathlib import Path

import pytest

from shishi_cli.text import character_name, first_unsafe, json_for_terminal, literal, markdown_cell

from .helpers import SHISHI, planted, shishi, whole, year_file

# Every class the door refuses, with the name a message gives it.
CHARACTERS = {
    "\x07": "U+0007 (BELL)",
    "\x1b": "U+001B (ESCAPE)",
    "\n": "U+000A (LINE FEED)",
    "\t": "U+0009 (CHARACTER TABULATION)",
    "\x7f": "U+007F (DELETE)",
    "\x85": "U+0085 (NEXT LINE)",
    "\x9b": "U+009B (CONTROL SEQUENCE INTRODUCER)",
    "\u200e": "U+200E (LEFT-TO-RIGHT MARK)",
    "\u202a": "U+202A (LEFT-TO-RIGHT EMBEDDING)",
    "\u202e": "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    "\u2066": "U+2066 (LEFT-TO-RIGHT ISOLATE)",
    "\u2069": "U+2069 (POP DIRECTIONAL ISOLATE)",
    "\u200b": "U+200B (ZERO WIDTH SPACE)",
    "\u200d": "U+200D (ZERO WIDTH JOINER)",
    "\u2060": "U+2060 (WORD JOINER)",
    "\ufeff": "U+FEFF (ZERO WIDTH NO-BREAK SPACE)",
    "\u2028": "U+2028 (LINE SEPARATOR)",
    # Other format characters, and what prints as nothing: a second 市住建局 nobody could tell apart.
    "\u00ad": "U+00AD (SOFT HYPHEN)",
    "\u180e": "U+180E (MONGOLIAN VOWEL SEPARATOR)",
    "\U000e0041": "U+E0041 (TAG LATIN CAPITAL LETTER A)",
    "\u034f": "U+034F (COMBINING GRAPHEME JOINER)",
    "\u3164": "U+3164 (HANGUL FILLER)",
    "\ufe0f": "U+FE0F (VARIATION SELECTOR-16)",
}
# One of each kind, for every door: a C0 control, a C1 control, a bidi override, a zero-width one.
KINDS = ("\x1b", "\x9b", "\u202e", "\u200b")


@pytest.fixture
def indicator(plan):
    """A 2022 plan with project 1 and its indicator 1.1 (10 人)."""
    assert plan("add-indicator", "1", "城镇新增就业", "--target", "10", "--unit", "人").exit_code == 0
    return plan


def _doors(x: str) -> list[tuple[list[str], str]]:
    """Every command-line option that takes a text, with `x` in it, and what its refusal names."""
    return [
        (["init", "--year", "2023", "--title", f"标{x}题"], "the title"),
        (["edit-plan", "--title", f"标{x}题"], "the title"),
        (["add-project", "2", f"标{x}题"], "the title"),
        (["add-project", "2", "标题", "--owner", f"市{x}局"], "a department's name"),
        (["edit-project", "1", "--title", f"标{x}题"], "the title"),
        (["edit-project", "1", "--owner", f"市{x}局"], "a department's name"),
        (["add-indicator", "1", f"名{x}称", "--target", "10"], "the name"),
        (["add-indicator", "1", "名称", "--unit", f"个{x}"], "the unit"),
        (["add-indicator", "1", "名称", "--owner", f"市{x}局"], "a department's name"),
        (["add-indicator", "1", "名称", "--stages", f"开{x}工,完工"], "a stage name"),
        (["add-indicator", "1", "名称", "--id", f"9{x}9"], f"indicator id {f'9{x}9'!r}"),
        (["edit-indicator", "1.1", "--name", f"名{x}称"], "the name"),
        (["edit-indicator", "1.1", "--unit", f"人{x}"], "the unit"),
        (["edit-indicator", "1.1", "--owner", f"市{x}局"], "a department's name"),
        (["edit-indicator", "1.1", "--stages", f"开{x}工,完工"], "a stage name"),
        (["edit-indicator", "1.1", "--new-id", f"9{x}9"], f"indicator id {f'9{x}9'!r}"),
        (["add-progress", "1.1", "5", "--month", "6", "--note", f"备{x}注"], "the note"),
        (["add-progress", "1.1", "5", "--month", "6", "--label", f"滞{x}后"], "the label"),
        (["follow-up", "add", "1.1", "--month", "6", "--action", "督办", "--note", f"督{x}办"], "the note"),
        (["follow-up", "add", "1.1", "--month", "6", "--action", f"督{x}办"], "the action"),
        (["add-region", f"市{x}南区"], "a region's name"),
        (["add-region", "市南区", "--alias", f"市{x}南"], "a region's name"),
        (
            ["edit-indicator", "1.1", "--target", "20", "--from-month", "9", "--reason", f"理{x}由"],
            "the reason",
        ),
        (["count-units", "--add", f"套{x}"], "the unit"),
    ]


@pytest.mark.parametrize("x", KINDS, ids=[f"U+{ord(x):04X}" for x in KINDS])
def test_every_door_on_the_command_line_refuses_each_kind(indicator, store_path: Path, x: str) -> None:
    before = store_path.read_bytes()
    for args, subject in _doors(x):
        r = indicator(*args)
        assert (r.exit_code, r.stdout) == (2, ""), (args, r)
        assert r.stderr == f"shishi: error: {literal(subject)} holds {CHARACTERS[x]}; remove it\n", args
        assert store_path.read_bytes() == before, args


@pytest.mark.parametrize("x", list(CHARACTERS), ids=[f"U+{ord(x):04X}" for x in CHARACTERS])
def test_each_character_is_refused_in_a_name(indicator, store_path: Path, x: str) -> None:
    before = store_path.read_bytes()
    r = indicator("add-indicator", "1", f"第一行{x}9.9 FAKE ROW met", "--target", "10")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == f"shishi: error: the name holds {CHARACTERS[x]}; remove it\n"
    assert store_path.read_bytes() == before


def test_a_note_may_hold_lines_and_tabs_but_no_carriage_return(indicator, store_path: Path) -> None:
    r = indicator("add-progress", "1.1", "5", "--month", "6", "--note", "第一行\n第二行\t完")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Recorded 1.1 month 6: 5 人\n", "")
    assert whole(store_path)["plans"]["2022"]["progress"][0]["note"] == "第一行\n第二行\t完"
    r = indicator("add-progress", "1.1", "6", "--month", "7", "--note", "a\r\nb")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "shishi: error: the note holds U+000D (CARRIAGE RETURN); remove it\n"


def test_the_chinese_refusal(indicator) -> None:
    r = indicator("--lang", "zh", "add-indicator", "1", "名\u202e称")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "shishi: 错误：名称含有 U+202E (RIGHT-TO-LEFT OVERRIDE)；请删除该字符\n"


# --- imports: a file's bad row is exit 3, as every bad row is -----------------------------------


def _bad_rows(r, source: Path, reasons: list[str]) -> None:
    prefix = f"shishi: error: {source}: "
    lines = [f"{prefix}row {row}: {reason}" for row, reason in enumerate(reasons, start=2) if reason]
    total = "1 bad row" if len(lines) == 1 else f"{len(lines)} bad rows"
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr.splitlines() == [*lines, f"{prefix}{total}; nothing was imported"]


def test_csv_imports_refuse_each_kind(indicator, store_path: Path, tmp_path: Path) -> None:
    before = store_path.read_bytes()
    plan_file = tmp_path / "plan.csv"
    plan_file.write_text(
        "project,project_title,indicator,name,unit,owners,stages\n"
        "2,标\x1b[2J题,,名称,,,\n"
        "3,标题,,名\u202e称,,,\n"
        "4,标题,,名称,个\u200b,,\n"
        "5,标题,,名称,,市\x9b局,\n"
        "6,标题,,名称,,,开\u2066工;完工\n"
        "7,标题,7\u200d1,名称,,,\n",
        encoding="utf-8",
    )
    _bad_rows(
        indicator("import-plan", str(plan_file)),
        plan_file,
        [
            "the title holds U+001B (ESCAPE); remove it",
            "the name holds U+202E (RIGHT-TO-LEFT OVERRIDE); remove it",
            "the unit holds U+200B (ZERO WIDTH SPACE); remove it",
            "a department's name holds U+009B (CONTROL SEQUENCE INTRODUCER); remove it",
            "a stage name holds U+2066 (LEFT-TO-RIGHT ISOLATE); remove it",
            "indicator id '7\\u200d1' holds U+200D (ZERO WIDTH JOINER); remove it",
        ],
    )
    progress_file = tmp_path / "progress.csv"
    progress_file.write_text(
        'indicator,month,value,note,label\n1.1,6,5,"\x1b]0;PWNED\x07",\n1.1,7,6,备\ufeff注,\n1.1,8,7,"多\n行",\n'
        "1.1,9,8,,\u202e滞后\n",
        encoding="utf-8",
    )
    _bad_rows(
        indicator("import-progress", str(progress_file)),
        progress_file,
        [
            "the note holds U+001B (ESCAPE); remove it",
            "the note holds U+FEFF (ZERO WIDTH NO-BREAK SPACE); remove it",
            "",  # (row 4: a note of two lines is taken)
            "the label holds U+202E (RIGHT-TO-LEFT OVERRIDE); remove it",
        ],
    )
    assert store_path.read_bytes() == before


def test_xlsx_imports_refuse_each_kind(indicator, store_path: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    before = store_path.read_bytes()
    book = Workbook()
    sheet = book.active
    sheet.append(["project", "project_title", "name", "owners"])
    sheet.append([2, "标题", "名\u2067称", ""])
    sheet.append([3, "标\x7f题", "名称", ""])
    sheet.append([4, "标题", "名称", "市\u2060局"])
    book.save(tmp_path / "plan.xlsx")
    _bad_rows(
        indicator("import-plan", str(tmp_path / "plan.xlsx")),
        tmp_path / "plan.xlsx",
        [
            "the name holds U+2067 (RIGHT-TO-LEFT ISOLATE); remove it",
            "the title holds U+007F (DELETE); remove it",
            "a department's name holds U+2060 (WORD JOINER); remove it",
        ],
    )
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "month", "value", "note"])
    sheet.append(["1.1", 6, 5, "备\x85注"])
    sheet.append(["1.1", 7, 6, "备\u202d注"])
    book.save(tmp_path / "progress.xlsx")
    _bad_rows(
        indicator("import-progress", str(tmp_path / "progress.xlsx")),
        tmp_path / "progress.xlsx",
        [
            "the note holds U+0085 (NEXT LINE); remove it",
            "the note holds U+202D (LEFT-TO-RIGHT OVERRIDE); remove it",
        ],
    )
    assert store_path.read_bytes() == before


# --- a store that holds them: check names them, the store stays readable, edits mend it ----------


def _older_shishi(data: dict) -> None:
    """What an older shishi took in without a word."""
    plan = data["plans"]["2022"]
    plan["title"] = "标题\ufeff"
    project = plan["projects"][0]
    project["title"] = "就\x85业"
    project["owners"] = ["市\u200b人社局"]
    ind = project["indicators"][0]
    ind["name"], ind["unit"], ind["stages"], ind["counts"] = (
        "名\u202e称",
        "人\x1b",
        ["开\u2066工", "完工"],
        "完工",
    )
    plan["progress"][0].update(note="备\x07注", stage="完工")
    plan["settings"]["count_units"] = ["套\x7f"]


ISOLATE = "U+2066 (LEFT-TO-RIGHT ISOLATE)"


def test_check_names_every_one_and_edits_mend_them(indicator, store_path: Path) -> None:
    indicator("add-progress", "1.1", "5", "--month", "6", "--note", "备注")
    planted(store_path, _older_shishi)
    r = indicator("check")
    where = "plans.2022"
    assert (r.exit_code, r.stderr) == (1, "")
    assert r.stdout.splitlines() == [
        f"problem: {where}.title: the title holds U+FEFF (ZERO WIDTH NO-BREAK SPACE)",
        f"problem: {where}.settings.count_units[0]: the unit holds U+007F (DELETE)",
        f"problem: {where}.projects[0].title: the title holds U+0085 (NEXT LINE)",
        f"problem: {where}.projects[0]: a department's name holds U+200B (ZERO WIDTH SPACE)",
        f"problem: {where}.projects[0].indicators[0].name: the name holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
        f"problem: {where}.projects[0].indicators[0].unit: the unit holds U+001B (ESCAPE)",
        f"problem: {where}.projects[0].indicators[0].stages[0]: a stage name holds {ISOLATE}",
        f"problem: {where}.progress[0].note: the note holds U+0007 (BELL)",
        f"{store_path}: 8 problem(s), 0 warning(s)",
    ]
    assert indicator("report", "--month", "6").exit_code == 0  # readable, to be mended
    for args in (
        ["edit-plan", "--title", "标题"],
        ["count-units", "--remove", "套\x7f"],
        ["edit-project", "1", "--title", "就业", "--owner", "市人社局"],
        ["edit-indicator", "1.1", "--name", "名称", "--unit", "人"],
        ["add-progress", "1.1", "5", "--month", "6", "--note", "备注"],  # the same figure: a new note
    ):
        r = indicator(*args)
        assert (r.exit_code, r.stderr) == (0, ""), (args, r)
    r = indicator("check")
    assert r.exit_code == 1 and r.stdout.splitlines()[0] == (
        f"problem: plans.2022.projects[0].indicators[0].stages[0]: a stage name holds {ISOLATE}"
    )
    r = indicator("edit-indicator", "1.1", "--stages", "开工,完工")  # its entry counts 完工: it fits
    assert (r.exit_code, r.stderr) == (0, "")
    assert indicator("check").stdout == f"{store_path}: sound\n"


def test_a_hand_edited_store_holding_one_stays_readable(indicator, store_path: Path) -> None:
    raw = year_file(store_path).read_bytes().replace("城镇新增就业".encode(), b"\\u001b[2J\\u202e", 1)
    year_file(store_path).write_bytes(raw)  # its checksum no longer matches: validated in full
    r = indicator("list")
    assert r.exit_code == 0 and "\\x1b[2J\\u202e" in r.stdout and "\x1b" not in r.stdout
    r = indicator("check")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == (
        "problem: plans.2022.projects[0].indicators[0].name: the name holds U+001B (ESCAPE)"
    )
    r = indicator("edit-indicator", "1.1", "--name", "城镇新增就业")
    assert r.exit_code == 0
    assert indicator("check").exit_code == 0


# --- what is shown ---------------------------------------------------------------------------------


def test_a_message_shows_a_line_break_of_stored_text(indicator, store_path: Path) -> None:
    planted(
        store_path,
        lambda data: data["plans"]["2022"]["projects"][0]["indicators"][0].update(
            unit="人\n9.9 FAKE ROW met"
        ),
    )
    r = indicator("add-progress", "1.1", "5", "--month", "6")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == "Recorded 1.1 month 6: 5 人\\n9.9 FAKE ROW met\n"


def test_markdown_escapes_html_and_markup(plan) -> None:
    plan(
        "add-indicator",
        "1",
        "<script>alert(1)</script><img src=x onerror=alert(2)> *粗* [链](x)",
        "--target",
        "10",
    )
    plan("add-progress", "1.1", "5", "--month", "6")
    for args in (
        ["report", "-f", "markdown"],
        ["show", "1", "-f", "markdown"],
    ):
        r = plan(*args)
        assert r.exit_code in (0, 1) and not re.search(r"(?<!\\)<", r.stdout), args
        row = next(line for line in r.stdout.splitlines() if line.startswith("| 1.1 |"))
        assert row.startswith(
            r"| 1.1 | \<script\>alert(1)\</script\>\<img src=x onerror=alert(2)\> \*粗\* \[链\](x) |"
        ), args


def test_json_and_csv_to_a_pipe_stay_exact(indicator, store_path: Path) -> None:
    name = "名\u202e称\u200b"
    planted(store_path, lambda data: data["plans"]["2022"]["projects"][0]["indicators"][0].update(name=name))
    assert json.loads(indicator("report", "-m", "6", "-f", "json").stdout)["indicators"][0]["name"] == name
    assert f",{name}," in indicator("report", "-m", "6", "-f", "csv").stdout


def _on_a_terminal(args: list[str], store: Path) -> bytes:
    """What the installed shishi writes to a pseudo-terminal."""
    leader, follower = pty.openpty()
    env = {**os.environ, "SHISHI_STORE": str(store), "COLUMNS": "200", "NO_COLOR": "1"}
    with subprocess.Popen([*SHISHI, *args], stdout=follower, stderr=subprocess.PIPE, env=env) as child:
        os.close(follower)
        got = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child has closed the terminal
                break
            if not chunk:
                break
            got += chunk
        assert child.wait(30) in (0, 1), child.stderr.read() if child.stderr else None  # lagging: 1
    os.close(leader)
    return got.replace(b"\r\n", b"\n")


def test_csv_and_json_to_a_terminal_hold_no_escape_or_override(indicator, store_path: Path) -> None:
    indicator("add-progress", "1.1", "5", "--month", "6", "--note", "备注")
    name = "\x1b]0;PWNED\x07\x1b[2J名\u202e称\u200b\x9b"

    def older_shishi(data: dict) -> None:
        data["plans"]["2022"]["projects"][0]["indicators"][0]["name"] = name
        data["plans"]["2022"]["progress"][0]["note"] = name

    planted(store_path, older_shishi)
    views = (["report", "-f", "csv"], ["show", "1", "-f", "csv"], ["show", "1.1", "-f", "csv"],
             ["lagging", "-f", "csv", "-m", "12"], ["report", "-f", "markdown"], ["show", "1.1"])  # fmt: skip
    for args in views:
        shown = _on_a_terminal(args, store_path).decode()
        assert "\x1b" not in shown and "\u202e" not in shown and "\u200b" not in shown, args
        assert "\x07" not in shown and "\x9b" not in shown, args
    shown = _on_a_terminal(["report", "-f", "csv"], store_path).decode()
    assert "\\x1b]0;PWNED\\x07\\x1b[2J名\\u202e称\\u200b\\x9b" in shown
    shown = _on_a_terminal(["show", "1.1", "-f", "json"], store_path).decode()
    assert "\x1b" not in shown and "\u202e" not in shown and "\u200b" not in shown and "\x9b" not in shown
    body = json.loads(shown)  # still JSON, and the same text
    assert body["name"] == name and body["entries"][0]["note"] == name


def test_the_text_functions() -> None:
    assert first_unsafe("城镇新增就业") is None and first_unsafe("a\tb\nc", multiline=True) is None
    assert first_unsafe("a\tb") == "\t" and first_unsafe("a\u3000b") is None  # an ideographic space is text
    assert character_name("\x9f") == "U+009F (CONTROL CHARACTER)"
    assert json_for_terminal('"\u202e\x85"'.encode()) == b'"\\u202e\\u0085"'
    assert json_for_terminal(b'{"a": 1}') == b'{"a": 1}'
    assert markdown_cell("a|b<c>\n\x1b") == r"a\|b\<c\> \\x1b"


# --- item 6: a full disk, a folder where a file should be -----------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_xlsx_export_to_a_full_disk_fails_cleanly(indicator, store_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.symlink_to("/dev/full")
    r = shishi("export", "-o", str(target), store=store_path)
    assert (r.returncode, r.stdout) == (3, "")
    assert (
        r.stderr
        == f"shishi: error: cannot write {target}: No space left on device; the file was not changed\n"
    )


def test_a_folder_named_like_the_backup_or_the_lock(indicator, store_path: Path) -> None:
    backup = store_path.with_name("store.json.bak")
    backup.mkdir()
    r = indicator("add-project", "2", "标题")
    assert (r.exit_code, r.stderr) == (0, "") and backup.is_dir()
    lock = store_path.with_name("store.json.lock")
    lock.unlink()
    lock.mkdir()
    before = store_path.read_bytes()
    r = indicator("add-project", "3", "标题")
    assert (r.exit_code, r.stdout) == (3, "")
    assert r.stderr == (
        f"shishi: error: cannot lock the store with {lock}: Is a directory; "
        f"{lock} is a folder; move it away, shishi keeps its lock file there\n"
    )
    assert store_path.read_bytes() == before


def test_a_follow_up_s_answer_is_refused_too_and_check_names_labels_answers_and_reasons(
    indicator, store_path: Path
) -> None:
    """A label typed with a bidi override crashed add-progress once (no words for it)."""
    assert indicator("follow-up", "add", "1.1", "--month", "6", "--action", "督办").exit_code == 0
    r = indicator("--lang", "zh", "follow-up", "answer", "1", "--answer", "已\u202e整改")
    assert (r.exit_code, r.stderr) == (
        2,
        "shishi: 错误：反馈答复含有 U+202E (RIGHT-TO-LEFT OVERRIDE)；请删除该字符\n",
    )
    assert indicator("add-progress", "1.1", "5", "--month", "6", "--label", "滞后").exit_code == 0
    assert (
        indicator(
            "edit-indicator", "1.1", "--target", "20", "--from-month", "9", "--reason", "调整"
        ).exit_code
        == 0
    )

    def older(data: dict) -> None:
        plan = data["plans"]["2022"]
        plan["progress"][0]["label"] = "\u202e滞后"
        plan["follow_ups"][0]["answer"] = "已\x07整改"
        plan["follow_ups"][0]["action"] = "督\u2066办"
        plan["projects"][0]["indicators"][0]["changes"][0]["reason"] = "调\u200b整"

    planted(store_path, older)
    r = indicator("check")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        "problem: plans.2022.projects[0].indicators[0].changes[0].reason: the reason holds "
        "U+200B (ZERO WIDTH SPACE)",
        "problem: plans.2022.progress[0].label: the label holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
        "problem: plans.2022.follow_ups[0].action: the action holds U+2066 (LEFT-TO-RIGHT ISOLATE)",
        "problem: plans.2022.follow_ups[0].answer: the answer holds U+0007 (BELL)",
        f"{store_path}: 4 problem(s), 0 warning(s)",
    ]


def test_every_text_a_command_checks_has_words_for_each_refusal() -> None:
    """A refusal without words is an internal error: each subject the code checks a text for
    (text_problems, unsafe_problems) has them for what can be wrong with it."""
    import ast

    from shishi_cli import rule_messages
    from shishi_cli.rules import Code

    from .helpers import ROOT

    checked: dict[str, set[Code]] = {}
    for path in (ROOT / "src" / "shishi_cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name in ("text_problems", "unsafe_problems") and len(node.args) >= 2:
                subject = node.args[1]
                if isinstance(subject, ast.Constant) and isinstance(subject.value, str):
                    codes = checked.setdefault(subject.value, {Code.TEXT_UNSAFE})
                    if name == "text_problems":
                        codes.add(Code.TEXT_TOO_LONG)
    assert {"title", "name", "note", "label", "answer", "reason", "unit", "action"} <= set(checked)
    # (a department's and a region's names go through owner_problems, given their subject)
    for subject in ("owner", "region"):
        checked.setdefault(subject, set()).update({Code.TEXT_UNSAFE, Code.TEXT_EMPTY, Code.TEXT_TOO_LONG})
    missing = sorted(
        (code.value, subject)
        for subject, codes in checked.items()
        for code in codes
        if (code, subject) not in rule_messages._WORDINGS
    )
    assert missing == []
