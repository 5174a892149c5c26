"""Regions (区市, 市州) as names of the plan, targets broken down among them (任务分解), their
figures, the report by region and the regional league table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .helpers import Run


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def stored(path: Path) -> dict[str, Any]:
    plan: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["plans"]["2021"]
    return plan


@pytest.fixture
def hunan(run: Run) -> Run:
    ok(run, "init", "--year", "2021", "--title", "湖南省2021年重点民生实事")
    return run


def test_regions_are_declared_with_short_names_renamed_and_removed(hunan: Run, store_path: Path) -> None:
    before = store_path.read_bytes()
    assert b"regions" not in before  # a plan without regions is written as before
    assert ok(hunan, "add-region", "湘西土家族苗族自治州", "--alias", " 湘西州 ") == (
        "Declared the region 湘西土家族苗族自治州\n"
    )
    ok(hunan, "add-region", "长沙市")
    assert stored(store_path)["regions"] == [
        {"name": "湘西土家族苗族自治州", "aliases": ["湘西州"]},
        {"name": "长沙市", "aliases": []},
    ]
    again = hunan("add-region", "湘西州")
    assert (again.exit_code, again.stdout, again.stderr) == (
        3, "", "shishi: error: the region '湘西土家族苗族自治州' is declared already; "
        "change it with 'shishi edit-region'\n",
    )  # fmt: skip
    taken = hunan("add-region", "湘西自治州", "--alias", "湘西州")
    assert (taken.exit_code, taken.stderr) == (
        3, "shishi: error: the short name '湘西州' of the region '湘西自治州' already names "
        "'湘西土家族苗族自治州'; give 湘西自治州 another short name, or edit 湘西土家族苗族自治州's\n",
    )  # fmt: skip
    unknown = hunan("edit-region", "湘西", "--alias", "湘西")
    assert (unknown.exit_code, unknown.stdout, unknown.stderr) == (
        2, "", "shishi: error: '湘西': no region of the 2021 plan is called that; regions there, closest "
        "first: 湘西土家族苗族自治州 (湘西州), 长沙市\n",
    )  # fmt: skip
    assert ok(hunan, "regions") == (
        "Regions of the 2021 plan\n"
        "Region                Short names  Shares of\n"
        "湘西土家族苗族自治州  湘西州\n"
        "长沙市\n"
    )
    assert json.loads(ok(hunan, "regions", "-f", "json"))[0] == {
        "name": "湘西土家族苗族自治州", "aliases": ["湘西州"], "shares": []
    }  # fmt: skip
    assert ok(hunan, "edit-region", "湘西州", "--name", "湘西州", "--no-aliases") == (
        "Changed the region 湘西州: name '湘西土家族苗族自治州' -> '湘西州'; aliases 湘西州 -> none\n"
    )
    assert ok(hunan, "remove-region", "长沙市") == "Removed the region 长沙市\n"
    assert stored(store_path)["regions"] == [{"name": "湘西州", "aliases": []}]
    ok(hunan, "remove-region", "湘西州")
    assert "regions" not in stored(store_path)


def test_the_share_tolerance_is_a_setting_left_out_at_0(hunan: Run, store_path: Path) -> None:
    assert ok(hunan, "share-tolerance", "0.01") == "Changed the 2021 plan: share_tolerance 0 -> 0.01\n"
    assert stored(store_path)["settings"]["share_tolerance"] == "0.01"
    bad = hunan("share-tolerance", "1001")
    assert (bad.exit_code, bad.stderr) == (
        2, "shishi: error: a share tolerance of 1001 percent is too large; 1000 at most\n"
    )  # fmt: skip
    ok(hunan, "share-tolerance", "0")
    assert "share_tolerance" not in stored(store_path)["settings"]
