"""The versions kept beside the store: undo and redo over many changes, restore, a damaged store's
way out, changes made outside shishi, rotation, and writes killed between their steps.

Where the point is the file on disk, these run the installed `shishi` as a real process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shishi_cli import store as storage
from shishi_cli.versions import Kept, Version, settled

from .helpers import EXAMPLE, EXAMPLE_V3, Run, copy_store, shishi, whole, year_file

NOW = "2022-07-27T00:00:00"


def folder(store: Path) -> Path:
    return store.with_name(store.name + ".versions")


def index(store: Path) -> dict:
    return json.loads((folder(store) / "index.json").read_text(encoding="utf-8"))


def kept_files(store: Path) -> dict[int, bytes]:
    return {int(f.stem): f.read_bytes() for f in folder(store).glob("[0-9]*.json")}


def kept_year(store: Path, number: int, year: str = "2022") -> bytes:
    """The copy of the file of `year` that kept version `number` names."""
    checksum = json.loads(kept_files(store)[number])["years"][year]["checksum"]
    return (folder(store) / "years" / f"{year}-{checksum[7:23]}.json").read_bytes()


def ok(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    result = shishi(*args, store=store)
    assert result.returncode == 0, (args, result.stderr)
    return result


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example store, as an older shishi left it (no versions kept)."""
    path = tmp_path / "store.json"
    copy_store(EXAMPLE, path)
    return path


# --- the index, without files ------------------------------------------------------------------


def version(number: int, parent: int | None, checksum: str = "") -> Version:
    return Version(number, NOW, "c", f"change {number}", checksum or f"sha256:{number}", 10, parent)


def test_rotation_keeps_the_current_version_and_the_way_back_first() -> None:
    kept = Kept(keep=3)
    for n in range(1, 6):
        kept = kept.added(version(n, kept.current))
    assert [v.number for v in kept.versions] == [3, 4, 5] and kept.current == 5 and kept.next == 6
    # Back at 3 (4 and 5 can be redone), then a new change: the way back to 3 is kept first.
    kept = kept.moved(3, (4, 5)).added(version(6, 3))
    assert [v.number for v in kept.versions] == [3, 5, 6] and kept.redo == ()
    assert [v.number for v in kept.back()] == [3]
    # Fewer to keep: the current one stays, whatever its number.
    kept = kept.moved(3, (6,))
    assert [v.number for v in kept._replace(keep=1).rotated().versions] == [3]
    assert (
        Kept(versions=(version(1, None), version(2, 1), version(5, 2), version(6, 5))).numbers() == "1-2, 5-6"
    )


def test_an_index_one_step_ahead_of_the_store_is_turned_back() -> None:
    kept = Kept().added(version(1, None, "sha256:a")).added(version(2, 1, "sha256:b"))
    ahead = kept._replace(before=(1, ()))
    assert settled(ahead, "sha256:b") == ahead  # the store was replaced: nothing to do
    back = settled(ahead, "sha256:a")  # it was not: the old state, the new version still listed
    assert (back.current, back.redo, [v.number for v in back.versions]) == (1, (), [1, 2])
    assert settled(ahead, "sha256:c") == ahead  # changed outside shishi since: kept as found later


# --- undo, redo, restore -----------------------------------------------------------------------


@pytest.mark.slow
def test_25_changes_undone_and_redone_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    ok("init", "--year", "2022", "--title", "t", store=path)
    ok("add-project", "1", "p", store=path)
    ok("add-indicator", "1", "i", "--target", "1000", store=path)
    first = path.read_bytes()
    for n in range(1, 26):
        ok("add-progress", "1.1", str(n * 10), "--month", str((n - 1) % 12 + 1), store=path)
    last = path.read_bytes()
    undone = ok("undo", "-n", "25", store=path)
    assert path.read_bytes() == first
    assert undone.stdout.splitlines()[0] == "Undid add-progress 1.1 month 1: 250"
    assert undone.stdout.splitlines()[-1] == "Now at version 3; 'shishi redo -n 25' puts them back"
    ok("redo", "-n", "25", store=path)
    assert path.read_bytes() == last
    assert len(kept_files(path)) == 28 and index(path)["current"] == 28


def test_undo_twice_brings_back_a_removed_project_with_its_figures(example: Path) -> None:
    before = whole(example)["plans"]["2022"]
    project = next(p for p in before["projects"] if p["number"] == 11)
    ids = {i["id"] for i in project["indicators"]}
    figures = [e for e in before["progress"] if e["indicator"] in ids]
    assert len(ids) == 3 and figures
    original = example.read_bytes()
    ok("remove-project", "11", "--force", store=example)
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    first = ok("undo", store=example)
    second = ok("undo", store=example)
    assert first.stdout.startswith("Undid add-progress 1.1 month 7: 190000\n")
    assert second.stdout.startswith("Undid remove-project: removed project 11 ")
    assert example.read_bytes() == original  # the example as it was found, kept before the first change
    after = whole(example)["plans"]["2022"]
    assert next(p for p in after["projects"] if p["number"] == 11) == project
    assert [e for e in after["progress"] if e["indicator"] in ids] == figures


def test_restore_puts_a_version_back_as_a_new_one(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "store.json"
    run("init", "--year", "2022", "--title", "t")
    run("add-project", "1", "p")
    one, two = kept_files(path)[1], path.read_bytes()
    r = run("restore", "1")
    assert (r.exit_code, r.stdout) == (
        0,
        "Put back version 1 (2022-07-27 00:00, init) as version 3; 'shishi undo' takes it back\n",
    )
    assert path.read_bytes() == one and kept_files(path)[3] == one
    assert index(path)["versions"][-1]["summary"] == "restore: put back version 1 of 2022-07-27 00:00"
    assert run("undo").stdout.startswith("Undid restore: put back version 1")
    assert path.read_bytes() == two
    r = run("restore", "2")
    assert (r.exit_code, r.stdout, path.read_bytes()) == (
        0,
        "the store is version 2 already; nothing changed\n",
        two,
    )
    r = run("restore", "9")
    assert (r.exit_code, r.stderr) == (
        2,
        "shishi: error: no version 9; the kept versions are 1-3 ('shishi versions' lists them)\n",
    )
    assert run("restore", "0").exit_code == 2 and run("restore", "x").exit_code == 2
    assert path.read_bytes() == two


# --- a damaged store ---------------------------------------------------------------------------


def test_a_damaged_store_says_how_to_get_the_newest_sound_version_back(example: Path) -> None:
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    sound = example.read_bytes()
    damaged = sound.replace(b",", b"", 1)  # one comma deleted by hand
    example.write_bytes(damaged)
    way_out = (
        f"the newest sound version is 2 (2022-07-27 00:00, add-progress): shishi --store {example} restore 2"
    )
    for command in (["report"], ["add-progress", "1.1", "20万", "--month", "8"]):
        result = shishi(*command, store=example)
        assert result.returncode == 3
        assert result.stderr.startswith(f"shishi: error: {example}: line ")
        assert result.stderr.endswith(f"; the file was not changed; {way_out}\n")
    check = shishi("check", store=example)
    assert check.returncode == 1
    assert check.stdout.splitlines()[-2:] == [way_out, f"{example}: 1 problem(s), 0 warning(s)"]
    body = json.loads(shishi("check", "--format", "json", store=example).stdout)
    assert body["restore"] == {
        "version": 2,
        "at": "2022-07-27T00:00:00",
        "command": "add-progress",
        "run": f"shishi --store {example} restore 2",
    }
    restored = ok("restore", "2", store=example)
    assert restored.stdout.startswith("Put back version 2 ")
    assert example.read_bytes() == sound
    kept = index(example)["versions"]
    assert (kept[2]["command"], kept[2]["sound"]) == ("(outside shishi)", False)
    assert kept[2]["summary"].startswith("changed outside shishi; it does not validate: line ")
    assert kept_files(example)[3] == damaged  # the damaged file itself is kept
    refused = shishi("restore", "3", store=example)
    assert refused.returncode == 3 and "version 3 does not validate" in refused.stderr
    assert example.read_bytes() == sound


def test_a_missing_store_names_the_version_to_restore(example: Path) -> None:
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    sound = example.read_bytes()
    example.unlink()
    result = shishi("report", store=example)
    assert result.returncode == 3
    assert result.stderr == (
        f"shishi: error: no store file at {example}, but {example}.years holds the files of its plans; "
        "the newest sound version is 2 (2022-07-27 00:00, add-progress): "
        f"shishi --store {example} restore 2\n"
    )
    ok("restore", "2", store=example)
    assert example.read_bytes() == sound


# --- changes made outside shishi ---------------------------------------------------------------


def test_a_hand_edit_is_noted_once_checked_and_accepted(example: Path) -> None:
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    edited = year_file(example).read_bytes().replace(b'"value":"190000"', b'"value":"190500"')
    edited = edited.replace(
        '"title": "青岛市2022年市办实事"'.encode(), '"title": "青岛市2022年市办实事（修订）"'.encode()
    )
    year_file(example).write_bytes(edited)
    note = (
        f"shishi: note: {example} was changed outside shishi since shishi last wrote it; 'shishi check' "
        "shows what changed, 'shishi check --accept' records it\n"
    )
    report = shishi("report", "--month", "7", "--format", "json", store=example)
    assert (report.returncode, report.stderr) == (0, note)  # said once
    assert json.loads(report.stdout)["title"] == "青岛市2022年市办实事（修订）"
    check = shishi("check", store=example)
    assert check.returncode == 0
    assert check.stdout.splitlines() == [
        "warning: the file was changed outside shishi since version 2 (2022-07-27 00:00, add-progress): "
        "2 differences; 'shishi check --accept' records them",
        "  the 2022 plan: title 青岛市2022年市办实事 -> 青岛市2022年市办实事（修订）",
        "  1.1 month 7: value 190000 -> 190500",
        f"{example}: sound, 1 warning(s)",
    ]
    body = json.loads(shishi("check", "--format", "json", store=example).stdout)
    assert list(body) == [
        "store", "ok", "problems", "warnings", "changed_outside", "compared_with", "differences", "restore",
    ]  # fmt: skip
    assert (body["changed_outside"], body["compared_with"]) == (True, 2)
    assert body["differences"][1] == {
        "year": "2022", "kind": "entry", "change": "changed", "project": None, "indicator": "1.1",
        "month": 7, "stage": None, "name": None, "field": "value", "old": "190000", "new": "190500",
        "indicators": None, "entries": None, "message": "1.1 month 7: value 190000 -> 190500",
    }  # fmt: skip
    accepted = ok("check", "--accept", store=example)
    assert accepted.stdout == (
        "Recorded the change made outside shishi as version 4: the 2022 plan: title 青岛市2022年市办实事 "
        "-> 青岛市2022年市办实事（修订）; 1.1 month 7: value 190000 -> 190500\n"
    )
    kept = index(example)["versions"]
    assert [(v["number"], v["command"]) for v in kept] == [
        (1, "(as found)"), (2, "add-progress"), (3, "(outside shishi)"), (4, "check --accept"),
    ]  # fmt: skip
    assert kept_year(example, 3) == edited  # the file as it was edited, then as recorded
    assert storage.checksum_matches(example.read_bytes())
    history = whole(example)["plans"]["2022"]["history"]
    assert history[-1] == {
        "at": "2022-07-27T00:00:00",
        "command": "outside shishi",
        "summary": "the 2022 plan: title 青岛市2022年市办实事 -> 青岛市2022年市办实事（修订）; "
        "1.1 month 7: value 190000 -> 190500",
    }
    quiet = shishi("report", "--month", "7", store=example)
    assert quiet.stderr == ""  # recorded: nothing more to say
    assert shishi("check", "--accept", store=example).stdout == (
        f"nothing to accept: {example} is as shishi last wrote it\n"
    )


def test_the_next_change_records_a_hand_edit_before_its_own(example: Path) -> None:
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    year_file(example).write_bytes(
        year_file(example).read_bytes().replace(b'"value":"190000"', b'"value":"190500"')
    )
    result = ok("add-progress", "1.2", "3.9万", "--month", "7", store=example)
    assert result.stderr == (
        f"shishi: note: {example} had been changed outside shishi since shishi last wrote it; that change "
        "is kept as version 3 and recorded in the history\n"
    )
    kept = index(example)["versions"]
    assert [(v["command"], v["summary"]) for v in kept[2:]] == [
        ("(outside shishi)", "changed outside shishi: 1.1 month 7: value 190000 -> 190500"),
        ("add-progress", "add-progress 1.2 month 7: 39000"),
    ]
    history = whole(example)["plans"]["2022"]["history"]
    assert history[-1]["summary"] == "1.1 month 7: value 190000 -> 190500"
    undone = ok("undo", store=example)
    assert undone.stdout.startswith("Undid add-progress 1.2 month 7: 39000\n")
    assert kept_year(example, 3) == year_file(example).read_bytes()  # back to the hand edit as it was


def test_a_key_given_twice_stops_every_command_and_is_never_written_over(example: Path) -> None:
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    # A second "progress" list, pasted in by hand: a parser would keep it and drop the first.
    raw = year_file(example).read_bytes()
    edited = raw.replace(b',\n      "history": ', b',\n      "progress": [],\n      "history": ', 1)
    year_file(example).write_bytes(edited)
    first = edited[: edited.index(b'"progress": [')].count(b"\n") + 1
    line = edited[: edited.index(b'"progress": [],')].count(b"\n") + 1
    problem = f'plans.2022, line {line}: the key "progress" appears twice (also on line {first}); keep one'
    refused = (
        f"shishi: error: {year_file(example)}: {problem}; the file was not changed; shishi --store "
        f"{example} restore 2 puts back the file the store names (the damaged one is kept as a "
        "version), or correct it by hand ('shishi check' lists its problems)\n"
    )
    for args in (
        ["report", "--month", "7"],
        ["add-progress", "1.1", "20万", "--month", "8"],
        ["check", "--accept"],
    ):
        result = shishi(*args, store=example)
        assert (result.returncode, result.stdout, result.stderr) == (3, "", refused), args
        assert year_file(example).read_bytes() == edited
    check = shishi("check", store=example)
    assert (check.returncode, check.stderr) == (1, "")
    assert check.stdout.splitlines() == [
        f"problem: {problem}",
        f"the newest sound version is 2 (2022-07-27 00:00, add-progress): shishi --store {example} restore 2",
        f"{example}: 1 problem(s), 0 warning(s)",
    ]
    ok("restore", "2", store=example)
    assert whole(example)["plans"]["2022"]["progress"]  # back, whole
    assert kept_year(example, 3) == edited  # the edited file kept as it was found


def test_differences_say_what_was_added_removed_and_changed() -> None:
    from shishi_cli import compare

    old = storage.read_store(EXAMPLE)
    new = json.loads(json.dumps(old))
    plan = new["plans"]["2022"]
    plan["projects"] = [p for p in plan["projects"] if p["number"] != 16]
    plan["projects"][0]["indicators"][0]["target"] = "360000"
    plan["progress"] = [e for e in plan["progress"] if e["indicator"] != "3.1" or e.get("stage") != "开工"]
    plan["progress"].append({"indicator": "1.1", "month": 7, "value": "200000", "note": "7月"})
    plan["progress"][0]["note"] = "改"
    found = compare.differences(old, new)
    from shishi_cli.render.versions import difference_text

    assert [difference_text(d) for d in found] == [
        "project 16 '建设青岛市智慧审批服务平台(一期),整合企业登记、工程建设等6个领域"
        "不少于100项线上线下审批服务资源;深化“一码通城…' removed (4 indicators, 4 progress entries)",
        "indicator 1.1: target 350000 -> 360000",
        "1.1 month 6: note 全市城镇新增就业18.04万人 -> 改",
        "1.1 month 7: 200000 added",
        "3.1 month 6 (开工): 42 removed",
    ]


# --- how many are kept -------------------------------------------------------------------------


def test_rotation_keeps_exactly_n(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "store.json"
    run("init", "--year", "2022", "--title", "t")
    r = run("versions", "--keep", "3")
    assert (r.exit_code, r.stdout) == (0, "Keeping the last 3 versions\n")
    for n in range(1, 6):
        run("add-project", str(n), f"p{n}")
    assert sorted(kept_files(path)) == [4, 5, 6] and index(path)["keep"] == 3
    assert kept_files(path)[6] == path.read_bytes()
    run("undo", "-n", "2")
    r = run("versions", "--keep", "2")
    assert r.stdout == "Keeping the last 2 versions; dropped version 6\n"  # not the current one
    assert sorted(kept_files(path)) == [4, 5] and index(path)["current"] == 4
    assert run("versions", "--keep", "0").exit_code == 2


def test_versions_lists_newest_first(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "store.json"
    assert run("versions").exit_code == 3  # no store, nothing kept
    run("init", "--year", "2022", "--title", "t")
    run("add-project", "1", "p")
    run("undo")
    r = run("versions")
    assert r.stdout.splitlines() == [
        f"Versions of {path} (keeping the last 30)",
        "#  When              Command      Change                             Size  State",
        "2  2022-07-27 00:00  add-project  add-project: added project 1 'p'  934 B  redo 1",
        "1  2022-07-27 00:00  init         init: created the 2022 plan 't'   715 B  current",
    ]
    body = json.loads(run("versions", "--format", "json").stdout)
    assert (body["current"], body["redo"], body["changed"], body["keep"]) == (1, [2], False, 30)
    assert body["versions"][0] == {
        "number": 2, "at": "2022-07-27T00:00:00", "command": "add-project",
        "summary": "add-project: added project 1 'p'", "size": 934,
        "checksum": index(path)["versions"][1]["checksum"], "current": False, "redo": 1, "sound": True,
        "file": str(folder(path) / "000002.json"),
    }  # fmt: skip


def test_the_backup_of_an_older_shishi_becomes_the_first_version(example: Path) -> None:
    backup = example.with_name("store.json.bak")
    older = EXAMPLE_V3.read_bytes().replace("青岛市2022年市办实事".encode(), "旧".encode(), 1)
    backup.write_bytes(older)  # not sound by its checksum, yet valid
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    assert not backup.exists()
    kept = index(example)["versions"]
    assert [(v["number"], v["command"], v["parent"], v["sound"]) for v in kept] == [
        (1, "(backup)", None, True), (2, "(as found)", 1, True), (3, "add-progress", 2, True),
    ]  # fmt: skip
    assert kept_files(example)[1] == older and kept_files(example)[2] == EXAMPLE.read_bytes()
    ok("undo", "-n", "2", store=example)
    assert example.read_bytes() == older


# --- a write killed between its steps ----------------------------------------------------------

# Runs shishi with one step of a write made to kill the process right after it (or before it).
KILLER = """
import os, signal, sys
from shishi_cli import store, versions
where, when = sys.argv[1], sys.argv[2]
owner = store if where in ("write_atomic", "_put_years") else versions
real = getattr(owner, where)
def step(*args, **kwargs):
    if when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(owner, where, step)
sys.argv = ["shishi", *sys.argv[3:]]
from shishi_cli.cli import main
main()
"""


def killed(store: Path, where: str, when: str, *args: str) -> None:
    env = {**os.environ, "SHISHI_STORE": str(store)}
    code = [sys.executable, "-c", KILLER, where, when, *args]
    result = subprocess.run(code, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == -9, result.stderr


ADD = ["add-progress", "1.1", "20万", "--month", "8"]
STEPS = [
    ("keep_file", "before"),
    ("keep_file", "after"),
    ("write_index", "after"),
    ("_put_years", "after"),  # the year's file replaced, the store file not yet
    ("write_atomic", "after"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "where", "when"),
    [(ADD, *step) for step in STEPS]
    + [(["restore", "1"], *step) for step in STEPS]
    + [(["undo"], *step) for step in STEPS[2:]],  # undo keeps no new file: it moves to a kept one
)
def test_a_write_killed_between_its_steps_loses_nothing(
    example: Path, command: list[str], where: str, when: str
) -> None:
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)  # versions 1 (as found) and 2
    acknowledged = example.read_bytes()
    figures = storage.read_store(example)["plans"]["2022"]["progress"]
    killed(example, where, when, *command)
    now = example.read_bytes()
    replaced = where == "write_atomic"
    assert now != acknowledged if replaced else now == acknowledged  # old or new, never half
    assert storage.checksum_matches(now)
    if not replaced:  # every year read as it was, whatever the killed command wrote beside it
        assert storage.read_store(example)["plans"]["2022"]["progress"] == figures
    # The next write finds its way: the store as it is now is the current version, and nothing
    # the killed command left behind stays unaccounted for.
    listed = json.loads(ok("versions", "--format", "json", store=example).stdout)
    assert listed["changed"] is False
    current = next(v for v in listed["versions"] if v["current"])
    assert Path(current["file"]).read_bytes() == now
    ok("add-progress", "1.3", "1万", "--month", "8", store=example)
    assert sorted(kept_files(example)) == [v["number"] for v in index(example)["versions"]]
    assert not [p for p in folder(example).iterdir() if p.name.endswith(".tmp")]
    ok("undo", store=example)
    assert example.read_bytes() == now
    if not replaced:
        assert storage.read_store(example)["plans"]["2022"]["progress"] == figures


@pytest.mark.slow
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_first_write_killed_while_it_keeps_its_files_leaves_a_store_that_works(
    example: Path, when: str
) -> None:
    # The first write keeps the store as found and the new one before it writes the index: killed
    # in between, the folder holds numbered files, which no index may be without.
    acknowledged = example.read_bytes()
    killed(example, "keep_file", when, *ADD)
    assert example.read_bytes() == acknowledged
    ok("versions", store=example)  # not "the kept versions have lost their index"
    ok(*ADD, store=example)
    assert sorted(kept_files(example)) == [v["number"] for v in index(example)["versions"]] == [1, 2]
    ok("undo", store=example)
    assert example.read_bytes() == acknowledged


def test_differences_are_said_in_chinese_and_recorded_in_english(run: Run, qingdao: Path) -> None:
    run("add-progress", "1.1", "19万", "--month", "7")
    year_file(qingdao).write_bytes(
        year_file(qingdao).read_bytes().replace(b'"value":"190000"', b'"value":"190500"')
    )
    r = run("--lang", "zh", "check")
    assert r.stdout.splitlines()[1:] == [
        "  1.1 7月：数值由 190000 改为 190500",
        f"{qingdao}：检查通过，1个警告",
    ]
    r = run("--lang", "zh", "check", "--accept")
    assert r.stdout == "已将在 shishi 之外所作的改动记录为第 4 版：1.1 7月：数值由 190000 改为 190500\n"
    history = whole(qingdao)["plans"]["2022"]["history"]
    assert history[-1]["summary"] == "1.1 month 7: value 190000 -> 190500"
    assert (
        index(qingdao)["versions"][-2]["summary"]
        == "changed outside shishi: 1.1 month 7: value 190000 -> 190500"
    )


# --- found in review: nothing is lost at the edges ---------------------------------------------


def test_keeping_two_still_keeps_a_hand_edit_and_a_damaged_file(example: Path, run: Run) -> None:
    assert run("--store", str(example), "versions", "--keep", "1").exit_code == 2  # undo needs two
    ok("versions", "--keep", "2", store=example)
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    edited = year_file(example).read_bytes().replace(b'"19' + b'0000"', b'"195000"', 1)
    year_file(example).write_bytes(edited)  # changed outside shishi
    ok("add-progress", "1.1", "20万", "--month", "8", store=example)
    assert edited in [kept_year(example, n) for n in kept_files(example)]  # kept, as the note says
    example.write_bytes(example.read_bytes()[:-30])  # damaged
    damaged = example.read_bytes()
    restored = ok("restore", str(min(kept_files(example))), store=example)
    assert damaged in kept_files(example).values()
    assert restored.stdout.endswith("the damaged file it replaced is kept as version 5\n")  # two kept


def test_undo_goes_back_past_a_damaged_file_that_restore_replaced(example: Path) -> None:
    ok("add-progress", "1.1", "19万", "--month", "7", store=example)
    good = example.read_bytes()
    example.write_bytes(good[:-30])  # damaged
    restored = ok("restore", "1", store=example)
    assert "('shishi undo' goes back past it)" in restored.stdout
    undone = ok("undo", store=example)
    assert example.read_bytes() == good and undone.stdout.count("Undid ") == 2


def test_kept_versions_that_lost_their_index_are_not_written_over(example: Path) -> None:
    for n in range(7, 10):
        ok("add-progress", "1.1", f"{n * 2}万", "--month", str(n), store=example)
    before = kept_files(example)
    (folder(example) / "index.json").unlink()
    refused = shishi("add-progress", "1.1", "30万", "--month", "10", store=example)
    assert refused.returncode == 3
    assert "have lost their index (index.json); move the folder" in refused.stderr
    assert kept_files(example) == before


def test_a_store_of_a_newer_shishi_is_refused_even_with_its_checksum(tmp_path: Path) -> None:
    from shishi_cli.records import SCHEMA_VERSION, new_store

    path = tmp_path / "store.json"
    newer = new_store()
    newer["schema_version"] = SCHEMA_VERSION + 1
    path.write_bytes(storage.serialize(newer))
    assert storage.checksum_matches(path.read_bytes())
    before = path.read_bytes()
    for args in (["list"], ["init", "--year", "2022", "--title", "t"]):
        result = shishi(*args, store=path)
        assert result.returncode == 3 and "upgrade shishi" in result.stderr
    assert path.read_bytes() == before


def test_a_change_that_changes_nothing_leaves_an_older_store_as_it_is(tmp_path: Path) -> None:
    from .helpers import ROOT

    path = tmp_path / "store.json"
    shutil.copy(ROOT / "tests" / "data" / "qingdao-2022-v1.json", path)
    before = path.read_bytes()
    said = ok("set-thresholds", "--tolerance", "10", store=path)
    assert said.stdout == "Thresholds unchanged: the plan has those values already\n"
    assert path.read_bytes() == before and not folder(path).exists()


def test_the_version_a_damaged_store_points_to_is_named_in_the_reader_s_language(
    run: Run, store_path: Path
) -> None:
    """The version to restore was a change made outside shishi: said so in Chinese too."""
    assert run("init", "--year", "2022", "--title", "二二").exit_code == 0
    year_file = store_path.parent / f"{store_path.name}.years" / "2022.json"
    year_file.write_bytes(year_file.read_bytes().replace("二二".encode(), "二二改".encode()))
    assert run("add-project", "1", "就业").exit_code == 0  # keeps the hand edit as version 2 first
    assert run("undo").exit_code == 0  # back at version 2
    store_path.write_text("garbage", encoding="utf-8")
    zh = run("--lang", "zh", "list")
    assert zh.exit_code == 3
    assert "最近的完好版本是第 2 版（" in zh.stderr and "，（shishi 之外的修改））：" in zh.stderr
    assert "(outside shishi)" in run("list").stderr
