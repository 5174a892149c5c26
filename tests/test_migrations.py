"""Older stores: read as they are, written in the current format on the next change."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import orjson
import pytest

from shishi_cli import migrations
from shishi_cli.records import SCHEMA_VERSION

from .helpers import EXAMPLE, ROOT, Run, copy_store, whole

V1 = ROOT / "tests" / "data" / "qingdao-2022-v1.json"  # the example store as shishi 0.1 wrote it
V2 = ROOT / "tests" / "data" / "qingdao-2022-v2.json"  # and as the release after it wrote it
V3 = ROOT / "tests" / "data" / "qingdao-2022-v3.json"  # and the one after that: one file, plans in it


@pytest.mark.parametrize(("old_store", "version"), [(V1, 1), (V2, 2), (V3, 3)])
def test_an_older_store_reports_as_before(run: Run, store_path: Path, old_store: Path, version: int) -> None:
    shutil.copy(old_store, store_path)
    old = json.loads(run("report", "--month", "6", "--format", "json").stdout)
    copy_store(EXAMPLE, store_path)
    new = json.loads(run("report", "--month", "6", "--format", "json").stdout)
    # The example has since been given the bulletin's labels, which a version 1 store cannot hold.
    for row in [*old["indicators"], *new["indicators"]]:
        row["label"] = row["label_agrees"] = None
    assert old == new
    assert whole(old_store)["schema_version"] == version


@pytest.mark.parametrize("old_store", [V1, V2, V3])
def test_reading_an_older_store_does_not_write_it(run: Run, store_path: Path, old_store: Path) -> None:
    shutil.copy(old_store, store_path)
    before = store_path.read_bytes()
    for command in (["list"], ["report", "-m", "6"], ["check"], ["lagging", "-m", "6"]):
        assert run(*command).exit_code in (0, 1)
    assert store_path.read_bytes() == before
    assert not store_path.with_name("store.json.years").exists()


@pytest.mark.parametrize("old_store", [V1, V2, V3])
def test_the_first_change_writes_version_4(run: Run, store_path: Path, old_store: Path) -> None:
    shutil.copy(old_store, store_path)
    assert run("add-progress", "1.1", "19万", "--month", "7").exit_code == 0
    named = json.loads(store_path.read_text(encoding="utf-8"))
    assert list(named) == ["schema_version", "years", "checksum"]  # the plan is in a file of its own
    assert (store_path.parent / "store.json.years" / "2022.json").exists()
    data = whole(store_path)
    assert data["schema_version"] == SCHEMA_VERSION == 4
    assert [plan["settings"] for plan in data["plans"].values()] == [
        {
            "tolerance": "10",
            "ahead_margin": "5",
            "red_gap": "30",
            "count_units": [],
            "mode": "points",
            "bands": [],
        }
    ]
    assert run("check").stdout == f"{store_path}: sound\n"
    assert run("set-thresholds", "--mode", "relative", "--tolerance", "50", "--red-gap", "50").exit_code == 0


def test_a_hand_edited_version_1_store_is_validated_and_migrated(run: Run, store_path: Path) -> None:
    text = V1.read_text(encoding="utf-8").replace('"note":"全市城镇新增就业18.04万人"', '"note":"改过"')
    store_path.write_text(text, encoding="utf-8")  # its checksum no longer matches
    result = run("show", "1.1", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entries"][0]["note"] == "改过"


def test_each_step_brings_a_version_up_by_one() -> None:
    version_1 = {"schema_version": 1, "plans": {"2022": {"settings": {"tolerance": "10"}}}}
    version_2 = {"schema_version": 2, "plans": {"2022": {"settings": {"tolerance": "10", "count_units": []}}}}
    assert migrations.STEPS[1](copy.deepcopy(version_1)) | {"schema_version": 2} == version_2
    assert migrations.STEPS[3](copy.deepcopy(version_2)) == version_2  # the layout only
    assert migrations.migrate(version_1) == {
        "schema_version": 4,
        "plans": {
            "2022": {"settings": {"tolerance": "10", "count_units": [], "mode": "points", "bands": []}}
        },
    }
    assert sorted(migrations.STEPS) == list(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("old_store", [V1, V2])
def test_an_older_indicator_is_a_version_3_one_as_it_is(old_store: Path) -> None:
    # What version 3 gave an indicator (a ceiling, a floor, stage schedules, kept changes) is left
    # out at its default: the projects are the example's, which shishi wrote in version 3.
    data = migrations.migrate(whole(old_store))
    example = whole(EXAMPLE)["plans"]["2022"]
    assert data["plans"]["2022"]["projects"] == example["projects"]
    assert data["plans"]["2022"]["settings"] == example["settings"]
    assert example["settings"] == {
        "tolerance": "10", "ahead_margin": "5", "red_gap": "30", "count_units": [], "mode": "points",
        "bands": [],
    }  # fmt: skip


def test_what_is_not_a_store_of_a_known_version_is_left_to_the_validation() -> None:
    for data in ({"schema_version": "1"}, {"plans": {}}, {"schema_version": 9, "plans": {}}):
        assert migrations.migrate(dict(data)) == data
    broken = {
        "schema_version": 1,
        "plans": {"2022": "not a plan", "2023": {"settings": [], "projects": [1, {"indicators": [None]}]}},
    }
    assert migrations.migrate(broken)["schema_version"] == 4  # the schema then says what is wrong


def test_an_indicator_s_version_3_fields_at_their_default_are_left_out(run: Run, store_path: Path) -> None:
    copy_store(EXAMPLE, store_path)
    data = whole(store_path)
    indicator = data["plans"]["2022"]["projects"][0]["indicators"][0]
    indicator |= {"at_most": None, "at_least": None, "stage_schedules": [], "changes": []}  # as written out
    store_path.write_bytes(orjson.dumps(data))
    assert run("check").exit_code == 0  # sound, changed outside shishi
    assert run("check", "--accept").exit_code == 0
    written = whole(store_path)["plans"]["2022"]["projects"][0]["indicators"][0]
    assert not {"at_most", "at_least", "stage_schedules", "changes"} & set(written)
    assert store_path.read_bytes().replace(b"\n", b"").count(b'"at_most"') == 0


def test_undo_after_the_first_change_puts_the_one_file_back(run: Run, store_path: Path) -> None:
    shutil.copy(V3, store_path)
    assert run("add-progress", "1.1", "19万", "--month", "7").exit_code == 0
    assert run("undo").exit_code == 0
    assert store_path.read_bytes() == V3.read_bytes()  # the store of format 3, byte for byte
    assert not (store_path.parent / "store.json.years").exists()  # no year's file left over
    assert run("redo").exit_code == 0
    assert whole(store_path)["plans"]["2022"]["progress"][-1]["value"] == "190000"
