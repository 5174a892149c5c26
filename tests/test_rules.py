"""rules.py: each rule at its edges, as codes; its words; and the three places that call it agree."""

from __future__ import annotations

import ast
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, cast, get_args

import pytest
from pydantic import ValidationError

from shishi_cli import i18n, models, plans, rules
from shishi_cli.errors import ConflictError, ShishiError
from shishi_cli.integrity import check_plan
from shishi_cli.plans import IndicatorSpec
from shishi_cli.records import EntryRecord, IndicatorRecord, PlanRecord, new_store
from shishi_cli.rule_messages import refusal, sentence
from shishi_cli.rules import Code

NOW = "2022-07-01T09:00:00"
D = Decimal


def codes(problems: list[rules.Problem]) -> list[Code]:
    return [p.code for p in problems]


def record(**fields: Any) -> IndicatorRecord:
    """An indicator record as the store holds it: every field present."""
    blank: dict[str, Any] = {
        "id": "1.1",
        "name": "指标",
        "kind": "quantity",
        "target": None,
        "unit": "",
        "baseline": None,
        "owners": [],
        "deadline": None,
        "stages": [],
        "counts": None,
        "trajectory": [],
        "at_most": None,
        "at_least": None,
        "stage_schedules": [],
        "changes": [],
    }
    return cast(IndicatorRecord, {**blank, **fields})


# --- an indicator ------------------------------------------------------------------------------


def consistency(
    kind: str = "quantity",
    stages: tuple[str, ...] = (),
    counts: str | None = None,
    target: str | None = None,
    baseline: str | None = None,
) -> list[Code]:
    return codes(
        rules.indicator_problems(
            kind=kind,
            stages=list(stages),
            counts=counts,
            target=None if target is None else D(target),
            baseline=None if baseline is None else D(baseline),
        )
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"kind": "milestone", "stages": ("开工", "建成")}, []),
        ({"kind": "milestone"}, [Code.MILESTONE_WITHOUT_STAGES]),
        ({"kind": "milestone", "stages": ("建成",), "target": "1"}, [Code.MILESTONE_WITH_TARGET]),
        ({"kind": "milestone", "stages": ("建成",), "baseline": "0"}, [Code.MILESTONE_WITH_TARGET]),
        ({"kind": "milestone", "stages": ("建成",), "counts": "建成"}, [Code.MILESTONE_WITH_COUNTS]),
        (
            {"kind": "milestone", "target": "1", "counts": "x"},
            [Code.MILESTONE_WITHOUT_STAGES, Code.MILESTONE_WITH_TARGET, Code.MILESTONE_WITH_COUNTS],
        ),
        ({}, []),  # tracked only: no target, no stages
        ({"stages": ("开工", "完工"), "counts": "完工", "target": "30"}, []),
        ({"counts": "完工"}, [Code.COUNTS_WITHOUT_STAGES]),
        ({"stages": ("开工", "完工")}, [Code.STAGES_WITHOUT_COUNTS]),
        ({"stages": ("开工", "完工"), "counts": "投用"}, [Code.COUNTS_NOT_A_STAGE]),
        ({"baseline": "10"}, [Code.BASELINE_WITHOUT_TARGET]),
        ({"target": "0"}, [Code.TARGET_ZERO]),
        ({"target": "0.0001"}, []),
        ({"target": "0", "baseline": "0"}, [Code.TARGET_EQUALS_BASELINE]),
        ({"target": "10", "baseline": "10.0"}, [Code.TARGET_EQUALS_BASELINE]),
        ({"target": "0", "baseline": "50"}, []),  # down to nothing, from 50
        ({"target": "10", "baseline": "50"}, []),
        (
            {"stages": ("开工",), "counts": "完工", "baseline": "1"},
            [Code.COUNTS_NOT_A_STAGE, Code.BASELINE_WITHOUT_TARGET],
        ),
    ],
)
def test_indicator_consistency(kwargs: dict[str, Any], expected: list[Code]) -> None:
    assert consistency(**kwargs) == expected


def test_kinds() -> None:
    assert rules.kind_problems("milestone") == rules.kind_problems("quantity") == []
    assert codes(rules.kind_problems("Milestone")) == [Code.KIND_UNKNOWN]
    assert get_args(models.Indicator.model_fields["kind"].annotation) == rules.KINDS


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        ([], []),
        (["开工"], []),
        (["开工", "完工"], []),
        (["开工", "开工"], [Code.STAGE_REPEATED]),
        (["开工", "完工", "开工"], [Code.STAGE_REPEATED]),
    ],
)
def test_stages_are_unique(stages: list[str], expected: list[Code]) -> None:
    assert codes(rules.stages_problems(stages)) == expected


@pytest.mark.parametrize(
    ("limits", "others", "expected"),
    [
        ({"at_most": "4.3"}, {}, []),
        ({"at_least": "85"}, {}, []),
        ({"at_least": "2", "at_most": "3"}, {}, []),
        ({"at_least": "3", "at_most": "3"}, {}, []),  # one figure allowed
        ({"at_least": "3.01", "at_most": "3"}, {}, [Code.LIMIT_RANGE_EMPTY]),
        ({"at_most": "4.3"}, {"target": "4"}, [Code.LIMIT_WITH_TARGET]),
        ({"at_most": "4.3"}, {"stages": ("开工", "完工"), "counts": "完工"}, [Code.LIMIT_WITH_STAGES]),
        ({"at_most": "4.3"}, {"trajectory": True}, [Code.LIMIT_WITH_TRAJECTORY]),
        ({"at_most": "4.3"}, {"kind": "milestone", "stages": ("建成",)}, [Code.LIMIT_OF_MILESTONE]),
    ],
)
def test_a_limit_takes_the_place_of_a_target(
    limits: dict[str, str], others: dict[str, Any], expected: list[Code]
) -> None:
    found = rules.indicator_problems(
        kind=others.get("kind", "quantity"),
        stages=list(others.get("stages", ())),
        counts=others.get("counts"),
        target=D(others["target"]) if "target" in others else None,
        baseline=None,
        at_most=D(limits["at_most"]) if "at_most" in limits else None,
        at_least=D(limits["at_least"]) if "at_least" in limits else None,
        trajectory=others.get("trajectory", False),
    )
    assert codes(found) == expected


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], []),
        ([(1, "0"), (12, "100")], []),
        ([(3, "20"), (6, "20")], []),  # a percent may stay
        ([(0, "10")], [Code.TRAJECTORY_POINT_OUT_OF_RANGE]),
        ([(13, "10")], [Code.TRAJECTORY_POINT_OUT_OF_RANGE]),
        ([(6, "-0.01")], [Code.TRAJECTORY_POINT_OUT_OF_RANGE]),
        ([(6, "60"), (12, "120")], []),  # a stretch plan: 120 % of the target by December
        ([(6, "1000.01")], [Code.TRAJECTORY_POINT_OUT_OF_RANGE]),
        ([(6, "20"), (6, "30")], [Code.TRAJECTORY_NOT_RISING]),
        ([(6, "20"), (3, "30")], [Code.TRAJECTORY_NOT_RISING]),
        ([(3, "20"), (6, "19.99")], [Code.TRAJECTORY_NOT_RISING]),
        ([(3, "20"), (13, "10")], [Code.TRAJECTORY_POINT_OUT_OF_RANGE, Code.TRAJECTORY_NOT_RISING]),
    ],
)
def test_trajectory_rises(points: list[tuple[int, str]], expected: list[Code]) -> None:
    assert codes(rules.trajectory_problems([(m, D(p)) for m, p in points])) == expected


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("1.1", []),
        ("就业.1", []),
        ("x" * 32, []),
        ("", [Code.INDICATOR_ID_SHAPE]),
        ("x" * 33, [Code.INDICATOR_ID_SHAPE]),
        ("1 1", [Code.INDICATOR_ID_SHAPE]),
        ("1\t1", [Code.INDICATOR_ID_CONTROL]),
        ("1\u30001", [Code.INDICATOR_ID_CONTROL]),  # an ideographic space
        ("1\u00a01", [Code.INDICATOR_ID_CONTROL]),
        ("1\x00", [Code.INDICATOR_ID_CONTROL]),
        ("1\u202e1", [Code.INDICATOR_ID_CONTROL]),  # a bidi override
        ("2.1", [Code.INDICATOR_ID_TAKEN]),
    ],
)
def test_indicator_ids(ident: str, expected: list[Code]) -> None:
    assert codes(rules.indicator_id_problems(ident, {"2.1", "2.2"})) == expected


@pytest.mark.parametrize(
    ("ident", "project", "expected"),
    [
        ("5.1", 5, []),
        ("5.1a", 5, []),
        ("05.1", 5, []),  # the number 5, as written with a zero
        ("5", 5, []),
        ("area", 5, []),
        ("5a.1", 6, []),  # a first part in letters names no project
        ("99999.1", 99999, []),
        ("6.1", 5, [Code.INDICATOR_ID_OF_ANOTHER_PROJECT]),
        ("100000.1", 99999, [Code.INDICATOR_ID_OF_ANOTHER_PROJECT]),
        ("2.1", 5, [Code.INDICATOR_ID_OF_ANOTHER_PROJECT, Code.INDICATOR_ID_TAKEN]),  # both, as check says
        ("2.1", 2, [Code.INDICATOR_ID_TAKEN]),
        ("6 1", 5, [Code.INDICATOR_ID_SHAPE]),  # an id that is no id names no project either
    ],
)
def test_an_id_beginning_with_a_number_names_its_project(
    ident: str, project: int, expected: list[Code]
) -> None:
    found = rules.indicator_id_problems(ident, {"2.1", "2.2"}, project)
    assert codes(found) == expected
    assert all(p.warning == (p.code is Code.INDICATOR_ID_OF_ANOTHER_PROJECT) for p in found)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, []),
        (999, []),
        (1000, []),  # a province's key projects run to thousands
        (99999, []),
        (0, [Code.PROJECT_NUMBER_OUT_OF_RANGE]),
        (100000, [Code.PROJECT_NUMBER_OUT_OF_RANGE]),
        (3, [Code.PROJECT_NUMBER_TAKEN]),
    ],
)
def test_project_numbers(number: int, expected: list[Code]) -> None:
    assert codes(rules.project_number_problems(number, {2, 3})) == expected


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (None, []),
        (date(2022, 1, 1), []),
        (date(2023, 3, 31), []),
        (date(2021, 12, 31), [Code.DEADLINE_BEFORE_PLAN_YEAR]),
    ],
)
def test_deadline_in_the_plan_year_or_later(deadline: date | None, expected: list[Code]) -> None:
    assert codes(rules.deadline_problems(deadline, 2022)) == expected


@pytest.mark.parametrize(
    ("deadline", "points", "warned"),
    [
        (None, [(11, "99"), (12, "100")], []),
        (None, [(12, "99.99")], [12]),  # due in December when there is no deadline
        (date(2022, 6, 30), [(5, "50"), (6, "50"), (7, "80"), (8, "100")], [6, 7]),
        (date(2023, 3, 31), [(12, "80")], []),  # due in month 15
        (None, [(6, "60"), (12, "120")], []),  # a stretch at the deadline is what is due then
        (date(2022, 10, 31), [(6, "60"), (10, "110"), (12, "120")], [12]),  # a stretch past it is not
        (date(2022, 10, 31), [(10, "100"), (12, "100")], []),  # 100 after the deadline: nothing lost
    ],
)
def test_trajectory_points_at_or_after_the_deadline_are_warnings(
    deadline: date | None, points: list[tuple[int, str]], warned: list[int]
) -> None:
    found = rules.trajectory_deadline_problems([(m, D(p)) for m, p in points], deadline, 2022)
    assert codes(found) == [Code.TRAJECTORY_AT_DEADLINE] * len(warned)
    assert [p.details["month"] for p in found] == warned
    assert all(p.warning for p in found)


def test_a_stretch_point_after_the_deadline_says_why_it_is_ignored() -> None:
    (warning,) = rules.trajectory_deadline_problems([(12, D(120))], date(2022, 10, 31), 2022)
    assert sentence(warning) == (
        "trajectory point 12:120 is after the deadline (month 10), where the plan's expectations end; "
        "it is ignored"
    )


def test_an_indicator_record_gathers_its_rules_in_order() -> None:
    bad = record(
        stages=["开工", "开工"],
        counts="完工",
        trajectory=[{"month": 12, "percent": "50"}, {"month": 11, "percent": "60"}],
        deadline="2021-11-30",
        baseline="5",
    )
    assert codes(rules.indicator_record_problems(bad, 2022)) == [
        Code.STAGE_REPEATED,
        Code.TRAJECTORY_NOT_RISING,
        Code.COUNTS_NOT_A_STAGE,
        Code.BASELINE_WITHOUT_TARGET,
        Code.DEADLINE_BEFORE_PLAN_YEAR,
        Code.TRAJECTORY_AT_DEADLINE,  # due before the year began: every point short of 100 % is late
        Code.TRAJECTORY_AT_DEADLINE,
    ]
    assert rules.indicator_record_problems(record(target="350000"), 2022) == []


# --- entries -----------------------------------------------------------------------------------

MILESTONE = record(id="m", kind="milestone", stages=["开工", "建成"])
STAGED = record(id="s", target="30", stages=["开工", "完工"], counts="完工")
PLAIN = record(id="p", target="100")


@pytest.mark.parametrize(
    ("indicator", "stage", "has_value", "expected"),
    [
        (MILESTONE, "建成", False, []),
        (MILESTONE, "竣工", False, [Code.STAGE_NOT_OF_MILESTONE]),
        (MILESTONE, None, False, [Code.STAGE_NOT_OF_MILESTONE]),
        (MILESTONE, "建成", True, [Code.MILESTONE_ENTRY_WITH_VALUE]),
        (MILESTONE, "竣工", True, [Code.STAGE_NOT_OF_MILESTONE]),  # one problem per entry
        (STAGED, "开工", True, []),
        (STAGED, "投用", True, [Code.STAGE_UNKNOWN]),
        (STAGED, None, True, [Code.STAGE_UNKNOWN]),
        (STAGED, "完工", False, [Code.ENTRY_WITHOUT_VALUE]),
        (PLAIN, None, True, []),
        (PLAIN, "开工", True, [Code.STAGE_WITHOUT_STAGES]),
        (PLAIN, None, False, [Code.ENTRY_WITHOUT_VALUE]),
    ],
)
def test_an_entry_fits_its_indicator(
    indicator: IndicatorRecord, stage: str | None, has_value: bool, expected: list[Code]
) -> None:
    assert codes(rules.entry_problems(indicator, stage, has_value)) == expected


@pytest.mark.parametrize(("month", "expected"), [(0, False), (1, True), (12, True), (13, False)])
def test_months(month: int, expected: bool) -> None:
    assert (rules.month_problems(month) == []) is expected


def test_a_figure_moving_away_from_its_target() -> None:
    down = record(target="10", baseline="50")
    assert rules.goes_down(down) and not rules.goes_down(PLAIN) and not rules.goes_down(record(baseline="5"))
    assert rules.moves_away(D(5), D(4), downward=False) and not rules.moves_away(D(5), D(5), downward=False)
    assert rules.moves_away(D(30), D(31), downward=True) and not rules.moves_away(D(30), D(29), downward=True)
    series = {3: D(40), 4: D(40), 5: D(39), 7: D(41)}
    falls = rules.series_problems("1.1", None, series, downward=False)
    assert [(p.variant, p.details["before"], p.details["after"], p.warning) for p in falls] == [
        ("falls", 4, 5, True)
    ]
    rises = rules.series_problems("1.2", "完工", series, downward=True)
    assert [(p.variant, p.details["before"], p.details["after"]) for p in rises] == [("rises, staged", 5, 7)]


# --- texts and numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "required", "expected"),
    [
        ("标题", 1000, True, []),
        ("x" * 1000, 1000, True, []),
        ("x" * 1001, 1000, True, [Code.TEXT_TOO_LONG]),
        ("", 1000, True, [Code.TEXT_EMPTY]),
        (" \u3000", 1000, True, [Code.TEXT_EMPTY]),
        ("", 20, False, []),
        ("x" * 21, 20, False, [Code.TEXT_TOO_LONG]),
    ],
)
def test_texts(text: str, limit: int, required: bool, expected: list[Code]) -> None:
    assert codes(rules.text_problems(text, "title", limit, required=required)) == expected


def test_thresholds() -> None:
    assert rules.threshold_problems("tolerance", D(1000)) == []
    assert codes(rules.threshold_problems("red_gap", D("1000.01"))) == [Code.THRESHOLD_TOO_LARGE]
    assert rules.threshold_problems("tolerance", D(-1000)) == []  # on track only 1000 points above
    assert codes(rules.threshold_problems("tolerance", D("-1000.01"))) == [Code.THRESHOLD_TOO_LARGE]
    assert codes(rules.threshold_problems("ahead_margin", D("-0.01"))) == [Code.THRESHOLD_NEGATIVE]
    assert codes(rules.threshold_problems("red_gap", D(-1))) == [Code.THRESHOLD_NEGATIVE]


def settings(
    mode: str = "points", tolerance: str = "10", ahead: str = "5", red: str = "30", bands: Any = ()
) -> list[Code]:
    return codes(rules.settings_problems(mode, D(tolerance), D(ahead), D(red), list(bands)))


B = rules.Band


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, []),
        ({"mode": "relative", "tolerance": "0", "red": "50"}, []),  # 三亚
        ({"tolerance": "-5", "ahead": "5.01"}, []),  # on track from expected + 5 to just below + 5.01
        ({"tolerance": "-5", "ahead": "5"}, [Code.THRESHOLDS_OVERLAP]),  # expected + 5 would be ahead
        ({"tolerance": "-5", "ahead": "4.99"}, [Code.THRESHOLDS_OVERLAP]),
        ({"tolerance": "0", "ahead": "0"}, []),
        ({"mode": "ranks"}, [Code.MODE_UNKNOWN]),
        ({"mode": "bands"}, [Code.BANDS_MISSING]),
        ({"mode": "bands", "bands": [(1, D(80), D(60), None)]}, []),  # 长沙
        ({"mode": "bands", "bands": [(1, None, D(60), D(60))]}, []),  # nothing ahead; every lagging one red
        ({"bands": [(7, D(80), D(60), None)]}, [Code.BANDS_NOT_FROM_JANUARY]),
        ({"bands": [(1, D(20), D(10), None), (7, D(80), D(60), None)]}, []),
        ({"bands": [(1, D(20), D(10), None), (1, D(80), D(60), None)]}, [Code.BANDS_MONTHS_NOT_RISING]),
        ({"bands": [(1, None, D(10), None), (13, None, D(60), None)]}, [Code.BANDS_MONTHS_NOT_RISING]),
        ({"bands": [(1, D("1000.01"), D(10), None)]}, [Code.BAND_OUT_OF_RANGE]),
        ({"bands": [(1, D(50), D(60), None)]}, [Code.BANDS_NOT_DESCENDING]),
        ({"bands": [(1, None, D(60), D("60.01"))]}, [Code.BANDS_NOT_DESCENDING]),
    ],
)
def test_rule_modes_and_their_settings(kwargs: dict[str, Any], expected: list[Code]) -> None:
    assert settings(**kwargs) == expected


# --- the words ---------------------------------------------------------------------------------


def every_kind_of_problem() -> list[rules.Problem]:
    """At least one problem of every code and variant the checks produce."""
    found = [
        *rules.kind_problems("x"),
        *rules.indicator_problems(kind="milestone", stages=[], counts="x", target=D(1), baseline=None),
        *rules.indicator_problems(kind="quantity", stages=[], counts="x", target=D(0), baseline=None),
        *rules.indicator_problems(kind="quantity", stages=["a"], counts=None, target=D(1), baseline=D(1)),
        *rules.indicator_problems(kind="quantity", stages=["a"], counts="b", target=None, baseline=D(1)),
        *rules.indicator_problems(
            kind="milestone", stages=["a"], counts=None, target=None, baseline=None, at_most=D(1)
        ),
        *rules.indicator_problems(
            kind="quantity",
            stages=["a"],
            counts="a",
            target=D(1),
            baseline=None,
            at_most=D(1),
            at_least=D(2),
            trajectory=True,
        ),
        *rules.stages_problems(["a", "a"]),
        *rules.trajectory_problems([(13, D(1)), (1, D(0))]),
        *rules.indicator_id_problems(""),
        *rules.indicator_id_problems("\x00"),
        *rules.indicator_id_problems("1.1", {"1.1"}),
        *rules.indicator_id_problems("6.1", (), 5),
        *rules.project_number_problems(1, {1}),
        *rules.project_number_problems(0),
        *rules.deadline_problems(date(2021, 1, 1), 2022),
        *rules.trajectory_deadline_problems([(12, D("0.0000001"))], None, 2022),
        *rules.trajectory_deadline_problems([(12, D(120))], date(2022, 10, 31), 2022),
        *rules.month_problems(13),
        *rules.entry_problems(MILESTONE, "x", False),
        *rules.entry_problems(MILESTONE, "建成", True),
        *rules.entry_problems(STAGED, "x", True),
        *rules.entry_problems(PLAIN, "x", True),
        *rules.entry_problems(PLAIN, None, False),
        *[
            p
            for downward in (False, True)
            for stage in (None, "完工")
            for p in rules.series_problems("1.1", stage, {1: D(5), 2: D(6) if downward else D(4)}, downward)
        ],
        *[
            p
            for subject in ("title", "name", "stage name", "owner")
            for p in rules.text_problems("", subject)
        ],
        *[
            p
            for subject, limit in (("title", 1), ("name", 1), ("stage name", 1), ("owner", 1), ("note", 1))
            for p in rules.text_problems("xx", subject, limit)
        ],
        *rules.unit_problems("x" * 21),
        *[
            p
            for subject in ("title", "name", "stage name", "owner", "note", "unit")
            for p in rules.unsafe_problems("a\u202eb", subject)
        ],
        *rules.owner_problems("市卫生健康委;市红十字会"),
        *rules.department_problems([("甲局", ["甲"]), ("甲局", []), ("乙局", ["甲"])]),
        *[
            p
            for name in ("tolerance", "ahead_margin", "red_gap")
            for p in rules.threshold_problems(name, D(1001))
        ],
        *rules.threshold_problems("ahead_margin", D(-1)),
        *rules.threshold_problems("red_gap", D(-1)),
        *rules.settings_problems("ranks", D(-5), D(4), D(30), []),
        *rules.settings_problems("bands", D(10), D(5), D(30), []),
        *rules.bands_problems([(7, D(80), D(60), None)]),
        *rules.bands_problems([(1, D(80), D(60), None), (1, D(1001), D(60), D(70))]),
        *rules.stage_schedule_problems(
            "quantity",
            ["开工", "完工"],
            "完工",
            [("投用", D(1), False), ("完工", D(1), False), ("开工", None, False), ("开工", D(0), False)],
        ),  # fmt: skip
        *rules.stage_schedule_problems("milestone", ["开工", "建成"], None, [("开工", D(1), False)]),
        *rules.change_problems(
            record(
                target="10",
                changes=[
                    {"at": NOW, "from_month": None, "reason": None, "field": "name", "old": "a", "new": "b"},
                    {"at": NOW, "from_month": 9, "reason": None, "field": "target", "old": "x", "new": None},
                    {"at": NOW, "from_month": 6, "reason": None, "field": "target", "old": "5", "new": "10"},
                ],
            ),
            2022,
        ),
        *rules.text_problems("", "reason"),
        *rules.text_problems("xx", "reason", 1),
        *rules.region_problems([("湘西州", []), ("湘西州", []), ("长沙市", ["湘西州"])]),
        *rules.breakdown_problems(record(), [("长沙市", D(150)), ("长沙市", D(0))]),
        *rules.breakdown_problems(record(target="10", baseline="5"), [("长沙市", D(10))]),
        rules.share_region_unknown("1.1", "长沙"),
        *rules.shares_sum_problems("1.1", D(1500), [("长沙市", D("1500.01"))], D(0)),
        *rules.threshold_problems("share_tolerance", D(1001)),
        *rules.threshold_problems("share_tolerance", D(-1)),
        *rules.entry_region_problems(
            {**STAGED, "regions": [{"region": "长沙市", "target": "1"}]}, "株洲市", None
        ),
        *rules.entry_region_problems(
            {**STAGED, "regions": [{"region": "长沙市", "target": "1"}]}, "长沙市", "开工"
        ),
    ]
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_problem_has_its_words_in_both_languages(lang: str) -> None:
    problems = every_kind_of_problem()
    assert {p.code for p in problems} == set(Code)
    i18n.activate(lang)
    for problem in problems:
        # The plan's year is what a command adds to what the rule knows.
        error = refusal(problem, year=2022)
        for text in (sentence(problem), error.message, error.hint or ""):
            assert "{" not in text and "}" not in text, (problem, text)
        if lang == "zh":
            assert not sentence(problem).isascii(), problem  # translated, not English


def test_a_decimal_is_said_without_an_exponent() -> None:
    (warning,) = rules.trajectory_deadline_problems([(12, D("0.0000001"))], None, 2022)
    assert sentence(warning).startswith("trajectory point 12:0.0000001 is at or after the deadline")


def test_rules_import_only_the_standard_library_records_numbers_and_text() -> None:
    tree = ast.parse((Path(rules.__file__)).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    local = {name for name in imported if name.startswith(".")}
    assert local == {".records", ".numbers", ".text"}  # text.py: which characters text may not hold
    assert all(name.split(".")[0] in sys.stdlib_module_names for name in imported - local), imported


def make_plan() -> PlanRecord:
    plan = plans.init_plan(new_store(), 2022, "测试", NOW)
    plans.add_project(plan, 1, "项目一", [], NOW)
    plans.add_indicator(plan, 1, IndicatorSpec(name="就业", target="100"), NOW, "jobs")
    plans.add_indicator(
        plan, 1, IndicatorSpec(name="道路", target="30", stages=["开工", "完工"]), NOW, "roads"
    )
    plans.add_indicator(
        plan, 1, IndicatorSpec(name="管线", kind="milestone", stages=["开工", "建成"]), NOW, "pipeline"
    )
    plans.add_indicator(plan, 1, IndicatorSpec(name="波纹管", unit="户"), NOW, "tracked")  # no target
    return plan


# (what the user says, the record it would be): each breaks one rule.
BAD_INDICATORS = [
    (IndicatorSpec(kind="milestone"), record(kind="milestone")),
    (
        IndicatorSpec(kind="milestone", stages=["开工", "建成"], target="5"),
        record(kind="milestone", stages=["开工", "建成"], target="5"),
    ),
    (
        IndicatorSpec(stages=["开工", "完工"], counts="投用", target="5"),
        record(stages=["开工", "完工"], counts="投用", target="5"),
    ),
    (IndicatorSpec(counts="完工", target="5"), record(counts="完工", target="5")),
    (IndicatorSpec(baseline="10"), record(baseline="10")),
    (IndicatorSpec(target="0"), record(target="0")),
    (IndicatorSpec(target="10", baseline="10"), record(target="10", baseline="10")),
    (
        IndicatorSpec(stages=["开工", "开工"], target="5"),
        record(stages=["开工", "开工"], counts="开工", target="5"),
    ),
    (
        IndicatorSpec(trajectory=[(6, D(50)), (3, D(20))]),
        record(trajectory=[{"month": 6, "percent": "50"}, {"month": 3, "percent": "20"}]),
    ),
    (
        IndicatorSpec(deadline=date(2021, 12, 31)),
        record(deadline="2021-12-31"),
    ),  # the plan's year: not models
    (IndicatorSpec(target="5", at_most="4.3"), record(target="5", at_most="4.3")),
    (IndicatorSpec(at_most="3", at_least="5"), record(at_most="3", at_least="5")),
    (
        IndicatorSpec(target="30", stages=["开工", "完工"], stage_deadlines={"完工": date(2022, 6, 30)}),
        record(
            target="30",
            stages=["开工", "完工"],
            counts="完工",
            stage_schedules=[{"stage": "完工", "target": "30", "deadline": "2022-06-30", "trajectory": []}],
        ),
    ),  # fmt: skip
    (
        IndicatorSpec(kind="milestone", stages=["开工", "建成"], stage_targets={"开工": "1"}),
        record(
            kind="milestone",
            stages=["开工", "建成"],
            stage_schedules=[{"stage": "开工", "target": "1", "deadline": None, "trajectory": []}],
        ),
    ),  # fmt: skip
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("spec", "bad"), BAD_INDICATORS)
def test_models_plans_and_check_refuse_a_bad_indicator_alike(
    lang: str, spec: IndicatorSpec, bad: IndicatorRecord
) -> None:
    i18n.activate(lang)
    plan = make_plan()
    first = rules.indicator_record_problems(bad, plan["year"])[0]
    expected = refusal(first)
    # A change to the plan: adding it, and editing a tracked-only indicator into it.
    for change in (
        lambda: plans.add_indicator(plan, 1, spec, NOW, "new"),
        lambda: plans.edit_indicator(plan, "tracked", spec, NOW),
    ):
        with pytest.raises(ShishiError) as refused:
            change()
        assert (type(refused.value), str(refused.value)) == (type(expected), str(expected))
    # `check`.
    indicators = plan["projects"][0]["indicators"]
    indicators.append({**bad, "id": "new"})
    findings = [
        f
        for f in check_plan(plan, "plan")
        if f.where == f"plan.projects[0].indicators[{len(indicators) - 1}]"
    ]
    assert findings[0].message == sentence(first)
    # The models, when the rule is the record's own.
    if first.code is not Code.DEADLINE_BEFORE_PLAN_YEAR:
        with pytest.raises(ValidationError) as invalid:
            models.Indicator.model_validate(bad)
        assert f"Value error, {sentence(first)}" in [e["msg"] for e in invalid.value.errors()]


# (indicator, the entry that does not fit it); models see an entry without its indicator.
BAD_ENTRIES: list[tuple[str, EntryRecord]] = [
    ("pipeline", {"indicator": "pipeline", "month": 7, "stage": "竣工"}),
    ("roads", {"indicator": "roads", "month": 7, "stage": "投用", "value": "5"}),
    ("jobs", {"indicator": "jobs", "month": 7, "stage": "开工", "value": "5"}),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("ident", "entry"), BAD_ENTRIES)
def test_add_progress_and_check_refuse_an_entry_that_does_not_fit_alike(
    lang: str, ident: str, entry: EntryRecord
) -> None:
    i18n.activate(lang)
    plan = make_plan()
    _project, indicator = plans.find_indicator(plan, ident)
    (problem,) = rules.entry_problems(indicator, entry.get("stage"), "value" in entry)
    stage = entry.get("stage")
    with pytest.raises(ShishiError) as refused:
        if indicator["kind"] == "milestone":
            plans.add_progress(plan, ident, stage or "", 7, NOW)
        else:
            plans.add_progress(plan, ident, entry.get("value", ""), 7, NOW, stage=stage)
    assert str(refused.value) == str(refusal(problem))
    plan["progress"].append(entry)
    (finding,) = check_plan(plan, "plan")
    assert (finding.where, finding.message) == (
        f"plan.progress[{len(plan['progress']) - 1}]",
        sentence(problem),
    )


def test_an_edit_that_would_leave_an_entry_unfit_is_refused_by_the_same_rule() -> None:
    plan = make_plan()
    plans.add_progress(plan, "roads", "42", 6, NOW, stage="开工")
    plans.add_progress(plan, "pipeline", "开工", 6, NOW)
    edits = [
        ("roads", IndicatorSpec(stages=["完工"])),  # the 开工 entry loses its stage
        ("pipeline", IndicatorSpec(kind="quantity", stages=[], target="1")),  # a stage, and no value
    ]
    for ident, spec in edits:
        before = [dict(e) for e in plan["progress"]]
        with pytest.raises(ConflictError) as refused:
            plans.edit_indicator(plan, ident, spec, NOW)
        assert "that the change would not fit" in str(refused.value)
        assert [dict(e) for e in plan["progress"]] == before
    # What the rule says of the same entries under the indicators as the edits would make them.
    roads, pipeline = plan["progress"]
    assert codes(rules.entry_problems(record(id="roads", stages=["完工"]), roads.get("stage"), True)) == [
        Code.STAGE_UNKNOWN
    ]
    assert codes(rules.entry_problems(record(id="pipeline", target="1"), pipeline.get("stage"), False)) == [
        Code.STAGE_WITHOUT_STAGES
    ]


def kept(field: str, old: object, new: object, from_month: int | None = None) -> dict[str, object]:
    return {"at": NOW, "from_month": from_month, "reason": None, "field": field, "old": old, "new": new}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ([kept("target", "300", "350", 9)], []),
        ([kept("target", "300", "350"), kept("target", "350", "360", 9)], []),  # a correction, then approved
        ([kept("target", "300", "350", 9), kept("target", "350", "320", 7)], [Code.CHANGE_MONTHS_NOT_RISING]),
        ([kept("target", "300", "350", 9), kept("deadline", None, "2022-10-31", 7)], []),  # field by field
        ([kept("target", None, "350", 9)], [Code.CHANGE_WITHOUT_AMOUNT]),
        ([kept("deadline", None, "2022-11-30", 9)], []),  # to and from 31 December is a deadline
        ([kept("target", "300", "350")], []),
        ([kept("target", "abc", "350")], [Code.CHANGE_VALUE_SHAPE]),
        ([kept("deadline", "2022-02-30", None, 3)], [Code.CHANGE_VALUE_SHAPE]),
        ([kept("unit", "个", "项")], [Code.CHANGE_FIELD_UNKNOWN]),
        # Before month 9 the target was 50, which is the baseline: those months cannot be judged.
        ([kept("target", "50", "350", 9)], [Code.TARGET_EQUALS_BASELINE]),
        ([kept("deadline", "2021-10-31", "2022-12-31", 9)], [Code.DEADLINE_BEFORE_PLAN_YEAR]),
    ],
)
def test_kept_changes(changes: list[dict[str, object]], expected: list[Code]) -> None:
    indicator = record(target="350", baseline="50", deadline="2022-12-31", changes=changes)
    assert codes(rules.change_problems(indicator, 2022)) == expected


def test_the_definition_in_force_at_a_month() -> None:
    changes = [
        kept("target", "10", "300"),  # a correction: every month
        kept("target", "300", "350", 9),
        kept("target", "350", "360"),  # corrects what holds from month 9 on
        kept("target", "360", "400", 11),
    ]
    indicator = record(target="400", changes=changes)
    assert [rules.definition_at(indicator, m)["target"] for m in (1, 8, 9, 10, 11, 12)] == [
        "300", "300", "360", "360", "400", "400",
    ]  # fmt: skip
    assert rules.definition_at(indicator, 12) is indicator  # nothing to undo: the record itself
