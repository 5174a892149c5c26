"""Follow-ups: what the office did about an indicator (督办, 约谈) and the department's answer, kept
in the plan and its history, shown by show and the bulletin, warned about when unanswered.
"Today" is SOURCE_DATE_EPOCH's day (conftest: 2022-07-27)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .helpers import Run, shishi, whole

NOTE = "市督查室督办单〔2022〕12号"


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def stored(store_path: Path) -> dict[str, Any]:
    plan: dict[str, Any] = whole(store_path)["plans"]["2022"]
    return plan


def warnings(run: Run, month: int = 6) -> list[dict[str, Any]]:
    body = json.loads(ok(run, "report", "--month", str(month), "--format", "json"))
    return [w for w in body["warnings"] if w["kind"] == "unanswered"]


@pytest.fixture
def followed(plan: Run) -> Run:
    ok(plan, "add-indicator", "1", "打通城市未贯通道路", "--target", "30", "--unit", "条")
    ok(plan, "add-progress", "1.1", "10", "--month", "6")
    assert ok(
        plan,
        "follow-up",
        "add",
        "1.1",
        "--month",
        "6",
        "--action",
        "督办",
        "--note",
        NOTE,
        "--on",
        "2022-07-11",
    ) == ("Follow-up 1: 督办 of 1.1 (month 6)\n")
    return plan


def test_a_follow_up_is_kept_in_the_plan_and_its_history(followed: Run, store_path: Path) -> None:
    plan = stored(store_path)
    assert plan["follow_ups"] == [
        {
            "indicator": "1.1",
            "month": 6,
            "action": "督办",
            "date": "2022-07-11",
            "at": "2022-07-27T00:00:00",
            "note": NOTE,
        }
    ]
    assert plan["history"][-1]["summary"] == f"follow-up 1: 督办 of 1.1 month 6 on 2022-07-11 ('{NOTE}')"
    assert ok(followed, "check") == f"{store_path}: sound\n"
    assert ok(followed, "follow-up", "answer", "1", "--answer", "已倒排工期", "--answered", "2022-07-20") == (
        "Follow-up 1 answered on 2022-07-20\n"
    )
    plan = stored(store_path)
    assert (plan["follow_ups"][0]["answer"], plan["follow_ups"][0]["answered"]) == (
        "已倒排工期",
        "2022-07-20",
    )
    assert ok(followed, "check") == f"{store_path}: sound\n"
    ok(followed, "undo")
    assert "answer" not in stored(store_path)["follow_ups"][0]


def test_a_plan_without_follow_ups_stores_none(plan: Run, store_path: Path) -> None:
    assert "follow_ups" not in stored(store_path)
    assert ok(plan, "follow-up", "list") == "No follow-ups yet.\n"


def test_unanswered_after_the_answer_days_is_a_warning(followed: Run) -> None:
    # Done 2022-07-11, 15 days to answer: due 07-26; today is 07-27.
    assert warnings(followed) == [
        {
            "kind": "unanswered", "indicator": "1.1", "name": "打通城市未贯通道路", "months": None,
            "deadline": "2022-07-26", "points": None, "stage": None,
            "message": "1.1 打通城市未贯通道路: 督办 of 2022-07-11 not answered; "
            "the answer was due 2022-07-26",
        }
    ]  # fmt: skip
    # Exactly the answer days: not yet late.
    assert ok(followed, "set-escalation", "--answer-days", "16") == "Answer days: 15 -> 16\n"
    assert warnings(followed) == []
    ok(followed, "follow-up", "answer", "1", "--answer", "已倒排工期")
    ok(followed, "set-escalation", "--answer-days", "15")
    assert warnings(followed) == []
    # A report of a month before the follow-up's month does not list it.
    assert warnings(followed, 5) == []


def test_the_injected_day_decides(followed: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1658880000 - 86400))  # 2022-07-26: due today, not late
    assert warnings(followed) == []


def test_show_and_the_bulletin_give_the_follow_ups(followed: Run) -> None:
    line = f"Follow-up: 督办 in month 6, 2022-07-11 ({NOTE}): not answered yet"
    assert line + "\n" in ok(followed, "show", "1.1", "--month", "6")
    body = json.loads(ok(followed, "show", "1.1", "--month", "6", "--format", "json"))
    assert [(f["action"], f["date"], f["answer"]) for f in body["follow_ups"]] == [
        ("督办", "2022-07-11", None)
    ]
    assert (
        f"behind its expected progress (follow-up: 督办 in month 6, 2022-07-11 ({NOTE}): not answered yet)"
        in ok(followed, "bulletin", "--month", "6")
    )
    ok(followed, "follow-up", "answer", "1", "--answer", "已倒排工期", "--answered", "2022-07-20")
    zh = ok(followed, "--lang", "zh", "bulletin", "--month", "6")
    assert f"（跟进：6月督办（2022-07-11）：{NOTE}，2022-07-20答复：已倒排工期）" in zh


def test_follow_up_list_in_every_format(followed: Run) -> None:
    ok(followed, "follow-up", "add", "1.1", "--month", "6", "--action", "约谈", "--answer", "已约谈")
    assert ok(followed, "follow-up", "list") == (
        "Follow-ups: 2\n"
        "No.  ID   Month  Action  Date        Note                        Answered    Answer\n"
        f"1    1.1  6      督办    2022-07-11  {NOTE}\n"
        "2    1.1  6      约谈    2022-07-27                              2022-07-27  已约谈\n"
    )
    assert ok(followed, "follow-up", "list", "--open", "--format", "csv").splitlines() == [
        "number,indicator,month,action,date,note,answer,answered,at",
        f"1,1.1,6,督办,2022-07-11,{NOTE},,,2022-07-27T00:00:00",
    ]
    body = json.loads(ok(followed, "follow-up", "list", "--open", "--format", "json"))
    assert (body["year"], body["open"], [f["number"] for f in body["follow_ups"]]) == (2022, True, [1])
    markdown = ok(followed, "follow-up", "list", "--format", "markdown")
    assert markdown.startswith("## Follow-ups: 2\n\n| No. | ID | Month | Action |")
    zh = ok(followed, "--lang", "zh", "follow-up", "list", "--open")
    assert zh.splitlines()[0] == "未答复的跟进事项：1项"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("add", "9.9", "--month", "6", "--action", "督办"), 3,
         "no indicator '9.9' in the 2022 plan; 'shishi list' shows the indicator ids"),
        (("add", "1.1", "--month", "6"), 2, "follow-up add needs an indicator, --month and --action"),
        (("add", "1.1", "--month", "6", "--action", "督办", "--on", "7月1日"), 2,
         "--on '7月1日' is not a date; write it as 2022-08-10"),
        (("answer", "2", "--answer", "x"), 3,
         "no follow-up 2 in the 2022 plan; 'shishi follow-up list' shows them"),
        (("answer", "1"), 2, "follow-up answer needs the follow-up's number and --answer"),
        (("answer", "1", "--answer", " "), 3, "the answer is empty; give the department's answer"),
        (("answer", "1", "--answer", "x", "--answered", "2022-07-10"), 3,
         "--answered 2022-07-10 is before the day of the action, 2022-07-11; give the day the answer came"),
    ],
)  # fmt: skip
def test_mistakes_are_one_line_and_change_nothing(
    followed: Run, store_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = store_path.read_bytes()
    result = followed("follow-up", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"shishi: error: {message}\n")
    assert store_path.read_bytes() == before


def test_follow_ups_go_with_their_indicator(followed: Run, store_path: Path) -> None:
    ok(followed, "edit-indicator", "1.1", "--new-id", "1.9")
    assert stored(store_path)["follow_ups"][0]["indicator"] == "1.9"
    ok(followed, "remove-indicator", "1.9", "--force")
    assert "follow_ups" not in stored(store_path)
    assert ok(followed, "check") == f"{store_path}: sound\n"


def test_the_installed_command_records_and_lists(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    for args in (
        ("init", "--year", "2022", "--title", "t"),
        ("add-project", "1", "x"),
        ("add-indicator", "1", "a", "--target", "30", "--unit", "条"),
    ):
        assert shishi(*args, store=store).returncode == 0
    env = {"SOURCE_DATE_EPOCH": "1658880000"}
    added = shishi("follow-up", "add", "1.1", "--month", "6", "--action", "督办", store=store, env=env)
    assert (added.returncode, added.stdout, added.stderr) == (0, "Follow-up 1: 督办 of 1.1 (month 6)\n", "")
    listed = shishi("follow-up", "list", "--open", "--format", "json", store=store, env=env)
    assert [f["date"] for f in json.loads(listed.stdout)["follow_ups"]] == ["2022-07-27"]
