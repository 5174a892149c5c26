"""Older stores: read as they are, written in the current format on the next change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import orjson

from shishi_cli import migrations
from shishi_cli.records import SCHEMA_VERSION

from .helpers import EXAMPLE, ROOT, Run

V1 = ROOT / "tests" / "data" / "qingdao-2022-v1.json"  # the example store as shishi 0.1 wrote it


def test_a_version_1_store_reports_as_before(run: Run, store_path: Path) -> None:
    shutil.copy(V1, store_path)
    old = json.loads(run("report", "--month", "6", "--format", "json").stdout)
    shutil.copy(EXAMPLE, store_path)
    new = json.loads(run("report", "--month", "6", "--format", "json").stdout)
    assert old == new
    assert json.loads(V1.read_text(encoding="utf-8"))["schema_version"] == 1


def test_reading_a_version_1_store_does_not_write_it(run: Run, store_path: Path) -> None:
    shutil.copy(V1, store_path)
    before = store_path.read_bytes()
    for command in (["list"], ["report", "-m", "6"], ["check"], ["lagging", "-m", "6"]):
        assert run(*command).exit_code in (0, 1)
    assert store_path.read_bytes() == before


def test_the_first_change_writes_version_2(run: Run, store_path: Path) -> None:
    shutil.copy(V1, store_path)
    assert run("add-progress", "1.1", "19万", "--month", "7").exit_code == 0
    data = orjson.loads(store_path.read_bytes())
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert all(plan["settings"]["count_units"] == [] for plan in data["plans"].values())
    assert run("check").stdout == f"{store_path}: sound\n"


def test_a_hand_edited_version_1_store_is_validated_and_migrated(run: Run, store_path: Path) -> None:
    text = V1.read_text(encoding="utf-8").replace('"note":"全市城镇新增就业18.04万人"', '"note":"改过"')
    store_path.write_text(text, encoding="utf-8")  # its checksum no longer matches
    result = run("show", "1.1", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entries"][0]["note"] == "改过"


def test_each_step_brings_a_version_up_by_one() -> None:
    data = {"schema_version": 1, "plans": {"2022": {"settings": {"tolerance": "10"}}}}
    assert migrations.migrate(data) == {
        "schema_version": 2,
        "plans": {
            "2022": {"settings": {"tolerance": "10", "count_units": [], "mode": "points", "bands": []}}
        },
    }
    assert sorted(migrations.STEPS) == list(range(1, SCHEMA_VERSION))


def test_version_2_gives_every_indicator_its_new_fields_with_their_defaults(store_path: Path) -> None:
    data = migrations.migrate(orjson.loads(V1.read_bytes()))
    indicators = [i for p in data["plans"]["2022"]["projects"] for i in p["indicators"]]
    assert len(indicators) == 50
    assert all((i["at_most"], i["at_least"]) == (None, None) for i in indicators)
    example = orjson.loads(EXAMPLE.read_bytes())["plans"]["2022"]["projects"]
    assert data["plans"]["2022"]["projects"] == example  # as shishi writes a new store


def test_what_is_not_a_store_of_a_known_version_is_left_to_the_validation() -> None:
    for data in ({"schema_version": "1"}, {"plans": {}}, {"schema_version": 9, "plans": {}}):
        assert migrations.migrate(dict(data)) == data
    broken = {
        "schema_version": 1,
        "plans": {"2022": "not a plan", "2023": {"settings": [], "projects": [1, {"indicators": [None]}]}},
    }
    assert migrations.migrate(broken)["schema_version"] == 2  # the schema then says what is wrong
