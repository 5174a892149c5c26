"""Store format 4: each year's plan in a file of its own; a year costs the same in a store of ten."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from shishi_cli import store as storage
from shishi_cli.records import default_settings, new_store

from .helpers import Run, copy_store, whole, year_file

YEARS = ("2020", "2021", "2022")


def plan_of(year: int) -> dict:
    return {
        "year": year,
        "title": f"{year}年市办实事",
        "settings": default_settings(),
        "projects": [
            {
                "number": 1,
                "title": "就业",
                "owners": ["市人社局"],
                "indicators": [
                    {
                        "id": "1.1", "name": "城镇新增就业", "kind": "quantity", "target": "350000",
                        "unit": "人", "baseline": None, "owners": [], "deadline": None, "stages": [],
                        "counts": None, "trajectory": [],
                    }
                ],
            }
        ],
        "progress": [
            {"indicator": "1.1", "month": 6, "value": str(year * 100), "at": f"{year}-07-01T00:00:00"}
        ],
        "history": [],
    }  # fmt: skip


@pytest.fixture
def three_years(store_path: Path) -> Path:
    data = new_store()
    for year in YEARS:
        data["plans"][year] = plan_of(int(year))  # type: ignore[assignment]
    storage.save_store(store_path, data)
    return store_path


def stamp(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_ino, found.st_size, found.st_mtime_ns


def test_each_year_is_a_file_the_store_file_names(three_years: Path) -> None:
    named = json.loads(three_years.read_text(encoding="utf-8"))
    assert list(named) == ["schema_version", "years", "checksum"]
    assert sorted(named["years"]) == list(YEARS)
    for year in YEARS:
        own = year_file(three_years, year)
        assert own.parent.name == "store.json.years"
        assert named["years"][year]["size"] == own.stat().st_size
        assert list(json.loads(own.read_text(encoding="utf-8"))["plans"]) == [year]  # a store of one year
    assert whole(three_years)["plans"]["2021"]["progress"][0]["value"] == "202100"


def test_a_report_of_one_year_does_not_read_the_others(run: Run, three_years: Path) -> None:
    other = year_file(three_years, "2020")
    before = stamp(other)
    raw = other.read_bytes()
    other.write_bytes(raw.replace(b'"value":"202000"', b'"value":"XXXXXX"'))  # damaged, same size
    os.utime(other, ns=(before[2], before[2]))  # and the same time of change, as if untouched
    result = run("report", "--month", "6", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["year"] == 2022  # 2020's file was never read
    damaged = run("report", "--year", "2020", "--month", "6")
    assert damaged.exit_code == 3 and str(other) in damaged.stderr  # read when asked for: refused


def test_a_change_writes_only_its_year_and_the_store_file(run: Run, three_years: Path) -> None:
    others = {year: stamp(year_file(three_years, year)) for year in ("2020", "2021")}
    assert run("add-progress", "1.1", "25万", "--month", "7").exit_code == 0
    assert {year: stamp(year_file(three_years, year)) for year in others} == others
    assert whole(three_years)["plans"]["2022"]["progress"][-1]["value"] == "250000"
    assert run("check").stdout == f"{three_years}: sound\n"


def test_undo_goes_back_across_years(run: Run, three_years: Path) -> None:
    before = whole(three_years)
    assert run("add-progress", "1.1", "1万", "--month", "7", "--year", "2020").exit_code == 0
    assert run("add-progress", "1.1", "2万", "--month", "7", "--year", "2022").exit_code == 0
    assert run("undo", "-n", "2").exit_code == 0
    assert whole(three_years) == before
    assert run("redo", "-n", "2").exit_code == 0
    after = whole(three_years)["plans"]
    assert [after[y]["progress"][-1]["value"] for y in ("2020", "2022")] == ["10000", "20000"]


def test_a_change_in_a_store_of_several_years_names_its_plan(run: Run, three_years: Path) -> None:
    assert run("add-progress", "1.1", "1万", "--month", "7", "--year", "2020").exit_code == 0
    assert run("add-progress", "1.1", "2万", "--month", "7", "--year", "2022").exit_code == 0
    summaries = [v["summary"] for v in json.loads(run("versions", "--format", "json").stdout)["versions"]]
    assert summaries[:2] == [
        "2022 plan: add-progress 1.1 month 7: 20000",
        "2020 plan: add-progress 1.1 month 7: 10000",
    ]
    undone = run("--lang", "zh", "undo")
    assert "已撤销：2022年计划：add-progress 1.1 7月：20000" in undone.stdout


def test_a_change_in_a_store_of_one_year_names_no_plan(run: Run, qingdao: Path) -> None:
    assert run("add-progress", "1.1", "19万", "--month", "7").exit_code == 0
    summary = json.loads(run("versions", "--format", "json").stdout)["versions"][0]["summary"]
    assert summary == "add-progress 1.1 month 7: 190000"


def test_a_missing_year_file_is_read_from_its_kept_copy_and_written_again(
    run: Run, three_years: Path
) -> None:
    assert run("add-progress", "1.1", "30万", "--month", "7", "--year", "2021").exit_code == 0
    gone = year_file(three_years, "2021")
    kept = gone.read_bytes()
    gone.unlink()
    report = run("report", "--year", "2021", "--month", "7", "--format", "json")
    assert report.exit_code == 0 and json.loads(report.stdout)["indicators"][0]["value"] == 300000
    # the reader says where its figures came from (on stderr: the JSON stays clean)
    assert "2021 plan" in report.stderr and "its kept copy was read, and the next change" in report.stderr
    assert (
        "to go back to an earlier version on purpose: shishi versions, then shishi restore N" in report.stderr
    )
    assert "kept copy" not in run("report", "--year", "2022", "--month", "6").stderr  # another year: silent
    check = run("check")
    assert check.exit_code == 0
    assert "years.2021: its file" in check.stdout and "read from its kept copy" in check.stdout
    zh = run("--lang", "zh", "report", "--year", "2021", "--month", "7")
    assert "已改读其保留副本" in zh.stderr
    change = run("add-progress", "1.1", "25万", "--month", "7")  # a change of 2022
    assert change.exit_code == 0
    assert "the 2021 plan" in change.stderr and "written again" in change.stderr
    assert gone.read_bytes() == kept  # 2021's file is back, as the store file names it
    assert run("report", "--year", "2021", "--month", "7").stderr == ""
    gone.unlink()  # and a change of that very year says so too
    change = run("add-progress", "1.1", "31万", "--month", "7", "--year", "2021")
    assert change.exit_code == 0 and "the 2021 plan" in change.stderr and "written again" in change.stderr
    assert json.loads(gone.read_text(encoding="utf-8"))["plans"]["2021"]["progress"][-1]["value"] == "310000"
    assert run("check").stdout == f"{three_years}: sound\n"


def test_a_store_file_alone_says_which_file_is_missing(run: Run, three_years: Path, tmp_path: Path) -> None:
    alone = tmp_path / "copy.json"
    alone.write_bytes(three_years.read_bytes())  # copied without its folder
    result = run("--store", str(alone), "report", "--month", "6")
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"shishi: error: {alone} names the files of its plans in {tmp_path / 'copy.json.years'}, "
        "which is not there; a store is its file and that folder: copy or move them together (cp -r "
    )


def test_init_never_writes_over_the_years_of_a_store_whose_file_is_missing(
    run: Run, three_years: Path
) -> None:
    three_years.unlink()
    before = year_file(three_years, "2022").read_bytes()
    for args in (["init", "--year", "2022", "--title", "新的"], ["report", "--month", "6"]):
        result = run(*args)
        assert result.exit_code == 3
        assert result.stderr.startswith(
            f"shishi: error: no store file at {three_years}, "
            f"but {three_years}.years holds the files of its plans"
        )
    assert year_file(three_years, "2022").read_bytes() == before and not three_years.exists()


@pytest.mark.parametrize("inside", ["store.json.years/2022.json", "store.json.versions/000001.json"])
def test_a_file_of_the_store_is_not_a_store(run: Run, three_years: Path, inside: str) -> None:
    assert run("add-progress", "1.1", "25万", "--month", "7").exit_code == 0  # versions kept
    other = three_years.parent / inside
    before = other.read_bytes()
    result = run("--store", str(other), "add-progress", "1.1", "26万", "--month", "8")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"shishi: error: {other} is one of the files of the store {three_years}, not a store; "
        f"use --store {three_years} (and --year YEAR for a plan of another year)\n"
    )
    assert other.read_bytes() == before


def test_a_year_s_file_from_another_copy_of_the_store_is_a_change_made_outside(
    run: Run, three_years: Path, tmp_path: Path
) -> None:
    assert run("add-progress", "1.1", "21万", "--month", "7", "--year", "2020").exit_code == 0  # kept
    colleague = tmp_path / "colleague" / "store.json"
    colleague.parent.mkdir()
    copy_store(three_years, colleague)
    assert run("--store", str(colleague), "add-progress", "1.1", "25万", "--month", "7").exit_code == 0
    year_file(three_years).write_bytes(year_file(colleague).read_bytes())  # written by shishi, not named
    check = run("check")
    assert check.exit_code == 0 and "1.1 month 7: 250000 added" in check.stdout
    assert run("add-progress", "1.1", "26万", "--month", "8").exit_code == 0
    values = [e["value"] for e in whole(three_years)["plans"]["2022"]["progress"]]
    assert values == ["202200", "250000", "260000"]  # the colleague's figure is kept, not written over


def test_check_reads_every_year_s_file_even_one_of_the_same_size_and_time(
    run: Run, three_years: Path
) -> None:
    assert run("add-progress", "1.1", "25万", "--month", "7").exit_code == 0  # a version kept
    own = year_file(three_years, "2020")
    was = own.stat()
    own.write_bytes(own.read_bytes().replace(b'"value":"202000"', b'"value":"202100"'))  # same size
    os.utime(own, ns=(was.st_atime_ns, was.st_mtime_ns))
    check = run("check")
    assert check.exit_code == 0 and "1.1 month 6: value 202000 -> 202100" in check.stdout


def test_a_store_written_by_hand_with_its_plans_in_it_is_read_and_moved_out(
    run: Run, store_path: Path
) -> None:
    store_path.write_text(
        json.dumps({"schema_version": 4, "plans": {"2022": plan_of(2022)}}, ensure_ascii=False),
        encoding="utf-8",
    )
    report = run("report", "--month", "6", "--format", "json")
    assert report.exit_code == 0 and json.loads(report.stdout)["indicators"][0]["value"] == 202200
    assert run("add-progress", "1.1", "20万", "--month", "7").exit_code == 0
    assert list(json.loads(store_path.read_text(encoding="utf-8"))["years"]) == ["2022"]
    assert run("undo").exit_code == 0
    assert "plans" in json.loads(store_path.read_text(encoding="utf-8"))  # the hand-written file, as it was


def test_the_schema_describes_the_store_file_and_each_year_s_file(run: Run, three_years: Path) -> None:
    from shishi_cli.models import Store

    schema = json.loads(run("schema").stdout)
    assert {"years", "plans"} <= set(schema["properties"])
    Store.model_validate(json.loads(three_years.read_text(encoding="utf-8")))
    for year in YEARS:
        Store.model_validate(json.loads(year_file(three_years, year).read_text(encoding="utf-8")))


def test_a_store_copied_without_its_times_is_read_whole_once(run: Run, three_years: Path) -> None:
    seen = three_years.with_name("store.json.years") / ".seen.json"
    for year in YEARS:  # as `cp -r` leaves them: new times of change
        os.utime(year_file(three_years, year), ns=(1, 10**18))
    before = json.loads(seen.read_text(encoding="utf-8"))
    assert run("report", "--month", "6", "--format", "json").exit_code == 0
    after = json.loads(seen.read_text(encoding="utf-8"))
    assert after != before and {key: entry[1] for key, entry in after.items()} == dict.fromkeys(YEARS, 10**18)
    assert run("report", "--year", "2020", "--month", "6").exit_code == 0  # each year still read whole


# --- a damaged year's file stops only what needs that year --------------------------------------


def _cut_short(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _not_json(raw: bytes) -> bytes:
    return raw.replace(b'"title"', b'"title', 1)


def _breaks_the_schema(raw: bytes) -> bytes:  # the checksum no longer matches, and month 13 is refused
    return raw.replace(b'"month":6', b'"month":13', 1)


DAMAGE = [_cut_short, _not_json, _breaks_the_schema]


def damage(path: Path, how: Callable[[bytes], bytes]) -> bytes:
    """Damage the file of 2021 by hand; its bytes after."""
    own = year_file(path, "2021")
    raw = how(own.read_bytes())
    own.write_bytes(raw)
    return raw


def files_of(path: Path) -> dict[str, bytes]:
    """The store file, each year's file and the index of the kept versions, as bytes."""
    found = {
        "store": path.read_bytes(),
        "index": (path.with_name("store.json.versions") / "index.json").read_bytes(),
    }
    return found | {year: year_file(path, year).read_bytes() for year in YEARS}


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_year_stops_only_what_needs_that_year(
    run: Run, three_years: Path, how: Callable[[bytes], bytes]
) -> None:
    assert run("add-progress", "1.1", "21万", "--month", "7", "--year", "2021").exit_code == 0
    sound = year_file(three_years, "2021").read_bytes()
    damaged = damage(three_years, how)
    own = year_file(three_years, "2021")
    # another year's report: made, and told once on stderr which file is damaged and how to mend it
    report = run("report", "--year", "2022", "--month", "6", "--format", "json")
    assert report.exit_code == 0 and json.loads(report.stdout)["year"] == 2022
    assert report.stderr.startswith(f"shishi: note: {own}: ") and report.stderr.count("\n") == 1
    assert "the 2021 plan is left aside" in report.stderr
    assert f"shishi --store {three_years} restore 2 puts back the file the store names" in report.stderr
    # a change of another year: made, the damaged file left byte for byte
    change = run("add-progress", "1.1", "25万", "--month", "8", "--year", "2022")
    assert change.exit_code == 0 and change.stderr.startswith(f"shishi: note: {own}: ")
    assert own.read_bytes() == damaged
    assert whole_but(three_years, "2021")["2022"]["progress"][-1]["value"] == "250000"
    again = run("report", "--month", "8", "--format", "json")  # still noticed after the write
    assert again.exit_code == 0 and again.stderr.startswith(f"shishi: note: {own}: ")
    # what needs 2021, or every year: refused, naming the file (check lists its problems)
    for args in (["report", "--year", "2021"], ["versions"], ["check", "--accept"]):
        refused = run(*args)
        assert refused.exit_code == 3 and refused.stderr.startswith(f"shishi: error: {own}: "), args
    # plans lists the years it can read, and names the damaged one (exit 3: the store needs mending)
    listed = run("plans", "--format", "json")
    assert listed.exit_code == 3 and listed.stderr.startswith(f"shishi: note: {own}: ")
    assert [p["year"] for p in json.loads(listed.stdout)["plans"]] == [2022, 2020]
    check = run("check")
    assert check.exit_code == 1 and check.stdout.startswith("problem: ")
    assert own.read_bytes() == damaged
    # the version the store is at has 2021 as it was: restoring it puts back that one file
    restored = run("restore", "3")
    assert restored.exit_code == 0 and "the damaged file it replaced is kept as version 4" in restored.stdout
    assert own.read_bytes() == sound
    assert whole(three_years)["plans"]["2022"]["progress"][-1]["value"] == "250000"
    assert (run("check").exit_code, run("report", "--year", "2021").stderr) == (0, "")


def whole_but(path: Path, year: str) -> dict[str, dict]:
    """The plans of the store but that of `year`, read from their own files."""
    return {
        y: json.loads(year_file(path, y).read_text(encoding="utf-8"))["plans"][y] for y in YEARS if y != year
    }


def test_a_new_year_is_made_beside_a_damaged_one_and_not_from_it(run: Run, three_years: Path) -> None:
    damaged = damage(three_years, _not_json)
    like = run("init", "--year", "2023", "--title", "2023年市办实事", "--like", "2021")
    assert like.exit_code == 3 and str(year_file(three_years, "2021")) in like.stderr
    made = run("init", "--year", "2023", "--title", "2023年市办实事", "--like", "2022")
    assert made.exit_code == 0 and "the 2021 plan is left aside" in made.stderr
    assert year_file(three_years, "2021").read_bytes() == damaged
    assert sorted(json.loads(three_years.read_text(encoding="utf-8"))["years"]) == [*YEARS, "2023"]


def test_undo_leaves_a_damaged_year_as_it_is_and_refuses_to_go_past_a_change_of_it(
    run: Run, three_years: Path
) -> None:
    assert run("add-progress", "1.1", "21万", "--month", "7", "--year", "2021").exit_code == 0
    assert run("add-progress", "1.1", "22万", "--month", "7", "--year", "2022").exit_code == 0
    assert run("add-progress", "1.1", "23万", "--month", "8", "--year", "2022").exit_code == 0
    damaged = damage(three_years, _breaks_the_schema)
    undone = run("undo")  # a change of 2022 alone: undone, 2021's file left as it is
    assert undone.exit_code == 0 and "Now at version 3" in undone.stdout
    assert "the 2021 plan is left aside" in undone.stderr
    assert year_file(three_years, "2021").read_bytes() == damaged
    assert [e["month"] for e in whole_but(three_years, "2021")["2022"]["progress"]] == [6, 7]
    before = files_of(three_years)
    refused = run("undo", "-n", "2")  # back past the change of 2021: it would write over the file
    assert refused.exit_code == 3 and refused.stdout == ""
    assert refused.stderr.startswith(
        "shishi: error: cannot undo: version 1 has another 2021 plan, and its file is damaged: "
        f"{year_file(three_years, '2021')}: "
    )
    assert "nothing was changed; mend that file first: " in refused.stderr
    assert files_of(three_years) == before  # nothing half put back, no version kept
    assert run("redo").exit_code == 0 and year_file(three_years, "2021").read_bytes() == damaged


def test_redo_refuses_to_put_back_a_change_of_a_damaged_year(run: Run, three_years: Path) -> None:
    assert run("add-progress", "1.1", "21万", "--month", "7", "--year", "2021").exit_code == 0
    assert run("undo").exit_code == 0
    damage(three_years, _cut_short)
    before = files_of(three_years)
    refused = run("redo")
    assert refused.exit_code == 3 and "cannot redo: version 2 has another 2021 plan" in refused.stderr
    assert files_of(three_years) == before


def test_the_note_of_a_damaged_year_is_in_chinese(run: Run, three_years: Path) -> None:
    damage(three_years, _not_json)
    report = run("--lang", "zh", "report", "--year", "2022", "--month", "6")
    assert report.exit_code == 0 and "2021年计划暂予搁置" in report.stderr


def test_the_installed_shishi_changes_another_year_beside_a_damaged_one(three_years: Path) -> None:
    from .helpers import shishi

    damaged = damage(three_years, _cut_short)
    result = shishi("add-progress", "1.1", "25万", "--month", "7", "--year", "2022", store=three_years)
    assert result.returncode == 0 and result.stdout.startswith("Recorded 1.1 month 7")
    assert result.stderr.startswith(f"shishi: note: {year_file(three_years, '2021')}: ")
    assert result.stderr.count("\n") == 1
    assert year_file(three_years, "2021").read_bytes() == damaged
    refused = shishi("report", "--year", "2021", store=three_years)
    assert refused.returncode == 3 and str(year_file(three_years, "2021")) in refused.stderr


def test_a_change_made_outside_to_another_year_is_kept_beside_a_damaged_year(
    run: Run, three_years: Path
) -> None:
    assert run("add-progress", "1.1", "21万", "--month", "7").exit_code == 0  # a version kept
    own = year_file(three_years)
    own.write_bytes(own.read_bytes().replace(b'"value":"210000"', b'"value":"211000"'))  # sound, by hand
    damaged = damage(three_years, _not_json)
    change = run("add-progress", "1.1", "22万", "--month", "8")
    assert change.exit_code == 0, change.stderr
    assert "that change is kept as version 3 and recorded in the history" in change.stderr
    assert "the 2021 plan is left aside" in change.stderr
    assert year_file(three_years, "2021").read_bytes() == damaged
    progress = whole_but(three_years, "2021")["2022"]["progress"]
    assert [e["value"] for e in progress] == ["202200", "211000", "220000"]


def test_no_write_replaces_a_damaged_year_s_file_that_was_not_read(run: Run, three_years: Path) -> None:
    from shishi_cli.errors import StoreError

    damaged = damage(three_years, _cut_short)
    before = three_years.read_bytes()
    with storage.session(three_years, at="2022-08-01T00:00:00") as held:
        data = held.load()
        data["plans"]["2021"] = plan_of(2021) | {"title": "另一份计划"}  # put in its place, unread
        with pytest.raises(StoreError, match="cannot change the 2021 plan: its file is damaged"):
            held.write(held.encode(data), command="test", summary=None)
    assert (year_file(three_years, "2021").read_bytes(), three_years.read_bytes()) == (damaged, before)
