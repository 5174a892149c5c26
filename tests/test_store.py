"""store.py: the store file's bytes, checksum, validation, atomic write, lock, kept versions and undo."""

from __future__ import annotations

import copy
import errno
import hashlib
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from shishi_cli import files, plans, store
from shishi_cli.errors import ShishiError, StoreError
from shishi_cli.plans import IndicatorSpec
from shishi_cli.records import SCHEMA_VERSION, StoreRecord, new_store

from .helpers import year_file

NOW = "2022-07-27T00:00:00"
FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def build_store() -> StoreRecord:
    """A small store with every shape of indicator, built through the public functions."""
    data = new_store()
    old = plans.init_plan(data, 2021, "2021年市办实事", NOW)
    plans.add_project(old, 1, "旧实事", ["市政府办公厅"], NOW)
    plan = plans.init_plan(data, 2022, "2022年市办实事", NOW)
    plans.add_project(plan, 1, "就业", ["市人社局"], NOW)
    plans.add_project(plan, 2, "城市建设", ["市住房城乡建设局"], NOW)
    plans.add_indicator(plan, 1, IndicatorSpec(name="城镇新增就业", target="35万", unit="人"), NOW, None)
    plans.add_indicator(
        plan,
        2,
        IndicatorSpec(name="打通城市未贯通道路", target="30", unit="条", stages=["开工", "完工"]),
        NOW,
        None,
    )
    plans.add_indicator(
        plan,
        2,
        IndicatorSpec(name="胶州湾海底天然气管线", kind="milestone", stages=["方案设计", "施工", "建成"]),
        NOW,
        None,
    )
    plans.add_indicator(plan, 2, IndicatorSpec(name="节能保暖改造", target="230", unit="万平方米"), NOW, None)
    plans.add_progress(plan, "1.1", "18.04万", 6, NOW, note="上半年")
    plans.add_progress(plan, "2.1", "42", 6, NOW, stage="开工")
    plans.add_progress(plan, "2.1", "10", 6, NOW)
    plans.add_progress(plan, "2.2", "施工", 6, NOW)
    plans.add_progress(plan, "2.3", "154万平方米", 6, NOW)
    return data


def saved(path: Path, data: StoreRecord | None = None) -> StoreRecord:
    data = build_store() if data is None else data
    store.save_store(path, data)
    return data


def without_checksum(data: Any) -> Any:
    return {k: v for k, v in data.items() if k != "checksum"}


def problems(findings: list[Any]) -> list[Any]:
    return [f for f in findings if not f.warning]


def temporaries(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp"))


# --- the file ----------------------------------------------------------------------------------


def test_save_then_read_gives_back_equal_data(store_path: Path) -> None:
    data = saved(store_path)
    expected = copy.deepcopy(data)
    assert store.read_store(store_path) == expected


def test_save_then_read_gives_back_equal_data_ignoring_checksum(store_path: Path) -> None:
    data = saved(store_path)
    assert without_checksum(store.read_store(store_path)) == data


def test_file_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    saved(a)
    saved(b)
    assert a.read_bytes() == b.read_bytes()
    store.save_store(a, store.read_store(a))  # reading and saving again changes nothing
    assert a.read_bytes() == b.read_bytes()


def test_file_is_readable_text(store_path: Path) -> None:
    data = saved(store_path)
    raw = year_file(store_path).read_bytes()
    assert raw.endswith(b"\n")
    assert "城镇新增就业".encode() in raw
    assert "胶州湾海底天然气管线".encode() in raw
    assert b"\\u" not in raw
    lines = raw.decode().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == '"progress": [')
    entry_lines = lines[start + 1 : start + 1 + len(data["plans"]["2022"]["progress"])]
    assert lines[start + 1 + len(entry_lines)].strip() == "],"
    assert [orjson.loads(line.strip().rstrip(",")) for line in entry_lines] == data["plans"]["2022"][
        "progress"
    ]


def test_file_ends_with_checksum_of_everything_above(store_path: Path) -> None:
    saved(store_path)
    raw = year_file(store_path).read_bytes()
    body, last = raw[: raw.rindex(b"\n  ")], raw.splitlines()[-2:]
    match = re.fullmatch(rb'  "checksum": "sha256:([0-9a-f]{64})"', last[0])
    assert match is not None and last[1] == b"}"
    assert match[1] == hashlib.sha256(body + b"\n").hexdigest().encode()
    assert store.checksum_matches(raw)


def test_any_one_byte_change_breaks_the_checksum(store_path: Path) -> None:
    saved(store_path)
    raw = year_file(store_path).read_bytes()
    for at in range(len(raw)):
        changed = raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :]
        assert not store.checksum_matches(changed), at
    assert not store.checksum_matches(raw[:-1])
    assert not store.checksum_matches(raw + b"\n")


def test_written_store_passes_full_validation(store_path: Path) -> None:
    data = saved(store_path)
    validated, findings = store.validate(store_path, store_path.read_bytes())
    assert findings == []
    assert validated == data


def test_store_at_the_input_limits_still_validates(store_path: Path) -> None:
    """What plans accept, store writes, and a later full validation must accept it too."""
    data = new_store()
    plan = plans.init_plan(data, 2022, "2022年市办实事", NOW)
    plans.add_project(plan, 1, "实" * 1000, [], NOW)  # 1000 characters: the limit
    plans.edit_project(plan, 1, NOW, "事" * 1000, None)
    store.save_store(store_path, data)
    validated, findings = store.validate(store_path, store_path.read_bytes())
    assert problems(findings) == []
    assert validated == data


# --- hand edits --------------------------------------------------------------------------------


def test_valid_hand_edit_is_read(store_path: Path) -> None:
    saved(store_path)
    raw = year_file(store_path).read_bytes().replace("就业".encode(), "稳就业".encode(), 1)
    year_file(store_path).write_bytes(raw)
    assert not store.checksum_matches(raw)
    data = store.read_store(store_path)
    assert data["plans"]["2022"]["projects"][0]["title"] == "稳就业"
    expected = build_store()
    expected["plans"]["2022"]["projects"][0]["title"] = "稳就业"
    assert data == expected


def test_hand_edit_number_written_as_json_number_is_read(store_path: Path) -> None:
    saved(store_path)
    raw = year_file(store_path).read_bytes().replace(b'"target": "350000"', b'"target": 350000')
    year_file(store_path).write_bytes(raw)
    assert store.read_store(store_path)["plans"]["2022"]["projects"][0]["indicators"][0]["target"] == "350000"


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        (
            b'{"indicator":"1.1","month":6',
            b'{"indicator":"1.1","month":13',
            "plans.2022.progress[0].month",
            "12",
        ),
        (b'"id": "2.2"', b'"id": "2.1"', "plans.2022.projects[1].indicators[1]", "appears twice"),
        (
            b'{"indicator":"1.1","month":6',
            b'{"indicator":"9.9","month":6',
            "plans.2022.progress[0]",
            "9.9",
        ),
        (b'"number": 2', b'"number": 1', "plans.2022.projects[1]", "appears twice"),
        (b'"year": 2022', b'"year": "2022"', "plans.2022.year", "integer"),
    ],
)
def test_invalid_hand_edit_names_file_and_field(
    store_path: Path, old: bytes, new: bytes, where: str, words: str
) -> None:
    saved(store_path)
    raw = year_file(store_path).read_bytes()
    assert raw.count(old) == 1
    year_file(store_path).write_bytes(raw.replace(old, new))
    before = year_file(store_path).read_bytes()
    with pytest.raises(StoreError) as caught:
        store.read_store(store_path)
    message = str(caught.value)
    assert message.startswith(f"{year_file(store_path)}: {where}"), message
    assert words in message
    assert year_file(store_path).read_bytes() == before  # never repaired by overwriting


# --- validate() --------------------------------------------------------------------------------


def _data() -> dict[str, Any]:
    return orjson.loads(store.serialize(build_store()))  # type: ignore[no-any-return]


def _dump(data: dict[str, Any]) -> bytes:
    return orjson.dumps(data)


def _set_value(value: Any) -> bytes:
    data = _data()
    data["plans"]["2022"]["progress"][0]["value"] = value
    return _dump(data)


def _bad_cases() -> list[tuple[str, bytes, str, str]]:
    good = store.serialize(build_store())
    cases: list[tuple[str, bytes, str, str]] = []

    def case(name: str, raw: bytes, where: str, words: str) -> None:
        cases.append((name, raw, where, words))

    case(
        "truncated",
        good[: len(good) // 2],
        "line",
        "not valid JSON (it ends too early: the file may be cut short)",
    )
    case("empty", b"", "line", "not valid JSON (the file is empty)")
    case("not json", b"hello, world\n", "line", "not valid JSON (a character JSON does not expect there)")
    case(
        "trailing comma",
        b'{"schema_version": 4,}',
        "line",
        "not valid JSON (a comma before a closing bracket)",
    )
    case("invalid utf-8", good.replace("就业".encode(), b"\xff\xfe", 1), "line", "not valid UTF-8 text")
    case("a list", b"[1, 2]", "top level", "JSON object")
    data = _data()
    data["plans"]["2022"]["projects"][0]["number"] = "1"
    case("wrong type", _dump(data), "plans.2022.projects[0].number", "integer")
    data = _data()
    data["plans"]["2022"]["progress"] = {"a": 1}
    case("wrong container", _dump(data), "plans.2022.progress", "list")
    data = _data()
    del data["schema_version"]
    case("no schema_version", _dump(data), "schema_version", "required")
    data = _data()
    data["schema_version"] = SCHEMA_VERSION + 1
    case("newer schema", _dump(data), "schema_version", "upgrade shishi")
    data = _data()
    data["schema_version"] = "1"
    case("schema_version as text", _dump(data), "schema_version", "1")
    data = _data()
    data["plans"]["2022"]["colour"] = "red"
    case("extra field", _dump(data), "plans.2022.colour", "Extra")
    data = _data()
    data["plans"]["2022"]["progress"][0]["colour"] = "red"
    case("extra field in entry", _dump(data), "plans.2022.progress[0].colour", "Extra")
    case("NaN text", _set_value("NaN"), "plans.2022.progress[0].value", "finite")
    case("Infinity text", _set_value("Infinity"), "plans.2022.progress[0].value", "finite")
    case("1e400 text", _set_value("1e400"), "plans.2022.progress[0].value", "10^15")
    case("sNaN text", _set_value("sNaN"), "plans.2022.progress[0].value", "finite")
    case("NaN literal", good.replace(b'"value":"180400"', b'"value":NaN'), "line", "not valid JSON")
    case(
        "Infinity literal",
        good.replace(b'"value":"180400"', b'"value":Infinity'),
        "line",
        "not valid JSON",
    )
    case(
        "1e400 literal",
        good.replace(b'"value":"180400"', b'"value":1e400'),
        "line",
        "not valid JSON",
    )
    case("negative", _set_value("-1"), "plans.2022.progress[0].value", "greater than or equal to 0")
    case(
        "negative number",
        _set_value(-1),
        "plans.2022.progress[0].value",
        "greater than or equal to 0",
    )
    case(
        "too many digits",
        _set_value("0.1234567890123456"),
        "plans.2022.progress[0].value",
        "significant",
    )
    data = _data()
    data["plans"]["2022"]["title"] = "长" * 10_000_000
    case("10 MB title", _dump(data), "plans.2022.title", "at most 1000")
    data = _data()
    data["plans"]["2022"]["projects"][1]["number"] = 1
    case("duplicate project number", _dump(data), "plans.2022.projects[1]", "appears twice")
    data = _data()
    data["plans"]["2022"]["projects"][1]["indicators"][1]["id"] = "1.1"
    case(
        "duplicate indicator id",
        _dump(data),
        "plans.2022.projects[1].indicators[1]",
        "appears twice",
    )
    data = _data()
    data["plans"]["2023"] = data["plans"].pop("2022")
    case("plan under another year", _dump(data), "plans.2023", "2022")
    data = _data()
    data["plans"]["2022"]["progress"][0]["month"] = 13
    case("month 13", _dump(data), "plans.2022.progress[0].month", "12")
    data = _data()
    data["plans"]["2022"]["progress"][0]["month"] = 6.0
    case("month as float", _dump(data), "plans.2022.progress[0].month", "integer")
    data = _data()
    data["plans"]["2022"]["progress"][3]["stage"] = "完工"
    case("milestone stage unknown", _dump(data), "plans.2022.progress[3]", "not a stage")
    return cases


@pytest.mark.parametrize(
    ("raw", "where", "words"),
    [pytest.param(raw, where, words, id=name) for name, raw, where, words in _bad_cases()],
)
def test_validate_reports_problems_and_never_raises(
    tmp_path: Path, raw: bytes, where: str, words: str
) -> None:
    path = tmp_path / "bad.json"
    validated, findings = store.validate(path, raw)
    found = problems(findings)
    assert found, findings
    assert found[0].where.startswith(where), found
    assert any(words in f.message for f in found), found
    assert all(len(str(f)) < 1000 for f in findings)  # a 10 MB value is not echoed
    path.write_bytes(raw)
    with pytest.raises(StoreError) as caught:
        store.read_store(path)
    assert str(path) in str(caught.value)


def test_falling_figure_is_a_warning_not_a_problem(store_path: Path) -> None:
    data = build_store()
    plan = data["plans"]["2022"]
    plans.add_progress(plan, "1.1", "20万", 7, NOW)
    plans.add_progress(plan, "1.1", "19万", 8, NOW)
    store.save_store(store_path, data)
    validated, findings = store.validate(store_path, store_path.read_bytes())
    assert validated == data
    assert len(findings) == 1
    assert findings[0].warning
    assert "falls from month 7 to month 8" in findings[0].message
    raw = year_file(store_path).read_bytes().replace("上半年".encode(), "上半年!".encode())
    year_file(store_path).write_bytes(raw)
    assert store.read_store(store_path)["plans"]["2022"]["progress"][0]["note"] == "上半年!"


# --- atomic write ------------------------------------------------------------------------------


def _prepared(path: Path) -> bytes:
    saved(path)
    data = build_store()
    plans.add_progress(data["plans"]["2022"], "1.1", "20万", 7, NOW)
    store.save_store(path, data)
    return path.read_bytes()


def _fail(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _check_unchanged(path: Path, before: bytes, names: list[str]) -> None:
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == names
    assert temporaries(path.parent) == []
    assert store.checksum_matches(path.read_bytes())


def test_write_failing_half_way_keeps_old_file(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _prepared(store_path)
    names = sorted(os.listdir(store_path.parent))
    real_fdopen = os.fdopen
    real_mkstemp = tempfile.mkstemp
    made: list[str] = []

    class HalfWriter:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, content: bytes) -> int:
            self.handle.write(content[: len(content) // 2])
            self.handle.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        return fd, name

    monkeypatch.setattr(files.os, "fdopen", lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k)))
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(StoreError) as caught:
        store.save_store(store_path, new_store())
    assert "No space left on device" in str(caught.value)
    assert str(store_path) in str(caught.value)
    assert len(made) == 1 and Path(made[0]).parent == store_path.parent
    assert not Path(made[0]).exists()
    _check_unchanged(store_path, before, names)


def test_fsync_failing_keeps_old_file(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _prepared(store_path)
    names = sorted(os.listdir(store_path.parent))
    monkeypatch.setattr(files.os, "fsync", _fail)
    with pytest.raises(StoreError, match="No space left"):
        store.save_store(store_path, new_store())
    monkeypatch.undo()
    _check_unchanged(store_path, before, names)


def test_final_rename_failing_keeps_old_file(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _prepared(store_path)
    names = sorted(os.listdir(store_path.parent))
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == store_path:
            _fail()
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(StoreError):
        store.save_store(store_path, new_store())
    monkeypatch.undo()
    _check_unchanged(store_path, before, names)


def test_every_rename_failing_leaves_no_temporary(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.replace failing on every call: the backup's staging link must not be left behind."""
    before = _prepared(store_path)
    names = sorted(os.listdir(store_path.parent))
    monkeypatch.setattr(files.os, "replace", _fail)
    with pytest.raises(StoreError):
        store.save_store(store_path, new_store())
    monkeypatch.undo()
    _check_unchanged(store_path, before, names)


def test_writer_raising_inside_editing_leaves_file_untouched(store_path: Path) -> None:
    saved(store_path)
    before = year_file(store_path).read_bytes()

    class Oops(Exception):
        pass

    with pytest.raises(Oops):
        with store.editing(store_path, at=NOW) as data:
            data["plans"]["2022"]["title"] = "changed"
            raise Oops
    assert year_file(store_path).read_bytes() == before
    assert not store.versions_folder(store_path).exists()
    assert temporaries(store_path.parent) == []


def test_unencodable_text_is_refused_and_file_untouched(store_path: Path) -> None:
    """A title from undecodable argv (a lone surrogate) gives a ShishiError, not a crash."""
    saved(store_path)
    before = year_file(store_path).read_bytes()
    with pytest.raises(ShishiError):
        with store.editing(store_path, at=NOW) as data:
            plans.edit_project(data["plans"]["2022"], 1, NOW, "就业\udcff", None)
    assert year_file(store_path).read_bytes() == before


def kept(path: Path) -> list[bytes]:
    """The kept versions' bytes, oldest first."""
    files = sorted(store.versions_folder(path).glob("*.json"))
    return [f.read_bytes() for f in files if f.name != "index.json"]


def test_every_write_is_kept_as_a_version(store_path: Path) -> None:
    saved(store_path)  # written without keeping a version, as an older shishi would have
    first = store_path.read_bytes()
    with store.editing(store_path, at=NOW) as data:
        data["plans"]["2022"]["title"] = "新标题"
    assert store.versions_folder(store_path) == store_path.with_name("store.json.versions")
    assert kept(store_path) == [first, store_path.read_bytes()]  # the store as found, then the change
    assert store.read_store(store_path)["plans"]["2022"]["title"] == "新标题"
    index = orjson.loads((store.versions_folder(store_path) / "index.json").read_bytes())
    assert [(v["number"], v["command"], v["parent"]) for v in index["versions"]] == [
        (1, "(as found)", None),
        (2, "edit", 1),
    ]
    assert (index["current"], index["redo"], index["keep"]) == (2, [], 30)


def test_editing_with_create_makes_a_new_store(store_path: Path) -> None:
    with store.editing(store_path, at=NOW, create=True) as data:
        plans.init_plan(data, 2022, "2022年市办实事", NOW)
    assert without_checksum(store.read_store(store_path))["plans"]["2022"]["title"] == "2022年市办实事"
    assert kept(store_path) == [store_path.read_bytes()]


def test_missing_store_is_a_store_error(store_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        store.read_store(store_path)
    with pytest.raises(StoreError):
        with store.editing(store_path, at=NOW):
            pass
    assert not store_path.exists()


def test_symlinked_store_is_written_through(tmp_path: Path) -> None:
    target_dir = tmp_path / "real"
    target_dir.mkdir()
    target = target_dir / "data.json"
    link = tmp_path / "link.json"
    saved(target)
    old = target.read_bytes()
    link.symlink_to(target)
    with store.editing(link, at=NOW) as data:
        data["plans"]["2022"]["title"] = "经链接修改"
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert store.read_store(target)["plans"]["2022"]["title"] == "经链接修改"
    assert store.versions_folder(link) == target_dir / "data.json.versions"  # beside the real file
    assert kept(target) == [old, target.read_bytes()]
    assert temporaries(tmp_path) == [] and temporaries(target_dir) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "store.json"
    saved(path)
    before = path.read_bytes()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError):
            store.save_store(path, new_store())
        with pytest.raises(StoreError):
            with store.editing(path, at=NOW, timeout=0.5) as data:
                data["plans"]["2022"]["title"] = "x"
    finally:
        folder.chmod(0o700)
    assert path.read_bytes() == before
    assert temporaries(folder) == []


def test_unwritable_folder_simulated(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved(store_path)
    before = year_file(store_path).read_bytes()

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(StoreError, match="Permission denied"):
        with store.editing(store_path, at=NOW) as data:
            data["plans"]["2022"]["title"] = "x"
    monkeypatch.undo()
    assert year_file(store_path).read_bytes() == before
    assert not store.versions_folder(store_path).exists()


# --- lock --------------------------------------------------------------------------------------


def test_lock_held_in_a_thread(store_path: Path) -> None:
    saved(store_path)
    before = year_file(store_path).read_bytes()
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.locked(store_path):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(StoreError) as caught:
            with store.editing(store_path, at=NOW, timeout=0.2) as data:
                data["plans"]["2022"]["title"] = "x"
        assert "locked" in str(caught.value)
        assert year_file(store_path).read_bytes() == before
    finally:
        release.set()
        thread.join(10)
    with store.editing(store_path, at=NOW, timeout=0.2) as data:
        data["plans"]["2022"]["title"] = "解锁后"
    assert store.read_store(store_path)["plans"]["2022"]["title"] == "解锁后"


def test_lock_held_by_another_process(store_path: Path) -> None:
    saved(store_path)
    code = (
        "import sys; from pathlib import Path; from shishi_cli.store import locked\n"
        "with locked(Path(sys.argv[1])):\n"
        "    print('held', flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    waited: list[str] = []

    def write() -> None:
        with store.editing(store_path, at=NOW, timeout=10) as data:
            data["plans"]["2022"]["title"] = "线程里等到的"
        waited.append("done")

    thread = threading.Thread(target=write)
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(store_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "held\n"
        alarm = signal.getsignal(signal.SIGALRM)
        with pytest.raises(StoreError, match="is locked by another shishi command"):
            with store.editing(store_path, at=NOW, timeout=0.2):
                pass
        # The wait ended by an alarm, which is put back as it was.
        assert signal.getsignal(signal.SIGALRM) is alarm
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        # A writer in another thread cannot set an alarm: it looks every few milliseconds.
        thread.start()
        thread.join(0.3)
        assert waited == []  # still waiting
    finally:
        child.communicate("\n", timeout=10)
        if thread.is_alive():
            thread.join(10)
    assert waited == ["done"]
    assert store.read_store(store_path)["plans"]["2022"]["title"] == "线程里等到的"
    assert child.returncode == 0
    with store.editing(store_path, at=NOW, timeout=0.2) as data:
        data["plans"]["2022"]["title"] = "解锁后"
    assert store.read_store(store_path)["plans"]["2022"]["title"] == "解锁后"


# --- undo --------------------------------------------------------------------------------------


def test_undo_restores_then_redo_puts_back(store_path: Path) -> None:
    saved(store_path)
    first = store_path.read_bytes()
    with store.editing(store_path, at=NOW) as data:
        data["plans"]["2022"]["title"] = "第二版"
    second = store_path.read_bytes()
    with store.editing(store_path, at=NOW) as data:
        data["plans"]["2022"]["title"] = "第三版"
    third = store_path.read_bytes()

    with store.session(store_path, at=NOW) as held:
        moved = held.undo(2)
    assert [v.number for v in moved.passed] == [3, 2] and moved.now.number == 1
    assert store_path.read_bytes() == first
    with store.session(store_path, at=NOW) as held:
        assert held.redo(1).now.number == 2
    assert store_path.read_bytes() == second
    with store.session(store_path, at=NOW) as held:
        held.redo(1)
    assert store_path.read_bytes() == third
    with store.session(store_path, at=NOW) as held, pytest.raises(StoreError, match="nothing to redo"):
        held.redo(1)


def test_undo_with_nothing_kept_before(store_path: Path) -> None:
    saved(store_path)
    before = store_path.read_bytes()
    with store.session(store_path, at=NOW) as held, pytest.raises(StoreError, match="nothing to undo"):
        held.undo(1)
    assert store_path.read_bytes() == before
    assert not store.versions_folder(store_path).exists()


# --- properties --------------------------------------------------------------------------------

_TRICKY = st.sampled_from(
    [
        '},{"indicator":',
        '"},{"indicator":"1.1","month":1}',
        '},{"at":',
        '"\n  "checksum": "sha256:',
        "[bold]x[/]",
        "😀🇨🇳",
        "\x00\x1b[31m\r\n\t",
        "\\",
        '"',
        "\u2028\u2029",
        "城镇新增就业",
    ]
)
_TEXT = st.one_of(
    _TRICKY,
    st.text(min_size=1, max_size=40),
    st.lists(_TRICKY, min_size=1, max_size=4).map("".join),
)
_ID = st.one_of(
    st.sampled_from(['"},{"indicator":"', '},{"indicator":', "1.1", "[x]"]),
    st.text(
        alphabet=st.characters(exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"]),
        min_size=1,
        max_size=32,
    ),
).filter(lambda s: s.isprintable() and not any(c.isspace() for c in s))


@FAST
@given(plan_title=_TEXT, project_title=_TEXT, name=_TEXT, note=_TEXT, indicator_id=_ID)
@example(
    plan_title='},{"indicator":',
    project_title="[bold]x[/]",
    name="😀",
    note='},{"indicator":',
    indicator_id="1.1",
)
def test_any_text_round_trips(
    store_path: Path, plan_title: str, project_title: str, name: str, note: str, indicator_id: str
) -> None:
    if not (plan_title.strip() and project_title.strip() and name.strip()):
        return  # blank names are refused by plans
    lead = indicator_id.partition(".")[0]
    number = int(lead) if lead.isdecimal() else 1  # an id that begins with a number is its project's
    assume(1 <= number <= 99_999)
    data = new_store()
    plan = plans.init_plan(data, 2022, "标题", NOW)
    plans.add_project(plan, number, "项目", [], NOW)
    plans.add_indicator(plan, number, IndicatorSpec(name="指标", target="10", unit="个"), NOW, indicator_id)
    plans.add_progress(plan, indicator_id, "3", 5, NOW, note="备注")
    plans.add_progress(plan, indicator_id, "4", 6, NOW, note="备注")
    # Any text, as an older shishi took it: shishi now refuses control characters where text
    # comes in, but a store holding them is written and read back byte for byte.
    plan["title"], plan["projects"][0]["title"] = plan_title, project_title
    plan["projects"][0]["indicators"][0]["name"] = name
    for entry in plan["progress"]:
        entry["note"] = note
    store.save_store(store_path, data)
    raw = year_file(store_path).read_bytes()
    assert store.checksum_matches(raw)
    assert without_checksum(store.read_store(store_path)) == data
    validated, findings = store.validate(store_path, raw)
    assert all(f.mendable for f in findings)  # `check` names them; the store stays readable
    assert validated == data


def _mutate(raw: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    at = rng.randrange(len(raw))
    if kind == 0:
        return raw[:at] + bytes([raw[at] ^ (1 << rng.randrange(8))]) + raw[at + 1 :]
    if kind == 1:
        return raw[:at] + raw[at + rng.randrange(1, 8) :]
    if kind == 2:
        return raw[:at] + bytes([rng.randrange(256)]) + raw[at:]
    if kind == 3:
        return raw[:at]
    if kind == 4:
        token = rng.choice([b'"', b"-", b"1e400", b"NaN", b"null", b"{}", b"[]", b",", b"9" * 30, b'"x":1,'])
        return raw[:at] + token + raw[at:]
    # swap a value-looking token for another
    return re.sub(rb"\d+", lambda m: rng.choice([b"0", b"-1", b"13", b"1e400", b"2.5", b'"6"']), raw, count=1)


def test_fuzzed_bytes_validate_never_raises(tmp_path: Path) -> None:
    path = tmp_path / "fuzz.json"
    good = store.serialize(build_store())
    rng = random.Random(20220727)
    for n in range(300):
        raw = good
        for _ in range(rng.randrange(1, 4)):
            raw = _mutate(raw, rng) or b"{"
        validated, findings = store.validate(path, raw)  # must not raise
        assert validated is not None or problems(findings), (n, raw)
        path.write_bytes(raw)
        try:
            store.read_store(path)
        except StoreError as error:
            assert str(path) in str(error)


_JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=10),
        st.sampled_from(["NaN", "-0", "1e400", "1e-400", "sNaN", "2022", "开工", "2022-13-01"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*at, i))
    return found


_GOOD = orjson.loads(store.serialize(build_store()))
_ALL_PATHS = _paths(_GOOD)[1:]


@FAST
@given(st.sampled_from(_ALL_PATHS), _JSON)
def test_any_value_anywhere_gives_findings_not_exceptions(
    tmp_path: Path, where: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(_GOOD)
    node = data
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    raw = orjson.dumps(data)
    validated, findings = store.validate(tmp_path / "s.json", raw)
    assert validated is not None or problems(findings)
    path = tmp_path / "s.json"
    path.write_bytes(raw)
    try:
        store.read_store(path)
    except StoreError:
        pass


# --- keys given twice --------------------------------------------------------------------------


def test_duplicate_keys_are_found_with_their_place_and_lines() -> None:
    from shishi_cli.duplicates import DuplicateKey, duplicate_keys

    raw = (
        b'{\n "a": 1,\n "plans": {"2023": {\n  "progress": [],\n  "x": {"b": 1, "b": [2], "b": {}},\n'
        b'  "progress": [{"k\\"": 1, "k\\"": "\\"k\\""}, {"k": 1}]\n }},\n "a": 2\n}\n'
    )
    assert duplicate_keys(raw) == [
        DuplicateKey("plans.2023.x", "b", [5, 5, 5]),  # in the order of the file, at the repeat
        DuplicateKey("plans.2023", "progress", [4, 6]),
        DuplicateKey("plans.2023.progress[0]", 'k"', [6, 6]),
        DuplicateKey("", "a", [2, 8]),
    ]
    assert duplicate_keys(store.serialize(build_store())) == []
    assert duplicate_keys(b'{"a": [{"b": 1}, {"b": 2}], "c": {"b": 3}}') == []  # one each, in each object


def test_a_second_progress_list_is_a_problem_that_names_the_key_and_line(store_path: Path) -> None:
    raw = store.serialize(build_store())
    plan_at = raw.index(b'"2022": {')
    edited = raw[:plan_at] + raw[plan_at:].replace(
        b',\n      "history": ', b',\n      "progress": [],\n      "history": ', 1
    )
    line = edited.count(b"\n", 0, edited.index(b'"progress": [],', plan_at)) + 1
    first = edited.count(b"\n", 0, edited.index(b'"progress": [', plan_at)) + 1
    year_file(store_path).write_bytes(edited)
    data, findings = store.validate(store_path, edited)
    assert data is not None and data["plans"]["2022"]["progress"] == []  # what a parser keeps
    assert [str(f) for f in problems(findings)] == [
        f'plans.2022, line {line}: the key "progress" appears twice (also on line {first}); keep one'
    ]
    with pytest.raises(StoreError) as caught:
        store.read_store(store_path)
    assert str(caught.value).startswith(
        f'{store_path}: plans.2022, line {line}: the key "progress" appears twice'
    )
    with pytest.raises(StoreError):
        with store.editing(store_path, at=NOW):
            pass
    assert year_file(store_path).read_bytes() == edited  # never written over


def test_one_character_edits_are_refused_or_noticed(tmp_path: Path) -> None:
    """Of random one-character edits of a store, those that still parse and validate carry a
    checksum that no longer matches (every command says the store was changed outside shishi),
    and any that changes a figure is among the differences `check` lists."""
    from shishi_cli import compare

    path = tmp_path / "store.json"
    good = store.serialize(build_store())
    base = store.parse_store(path, good)
    rng = random.Random(12)
    valid = changed = 0
    for _ in range(400):
        at = rng.randrange(len(good))
        raw = good[:at] + bytes([rng.choice(b'0123456789",:{}[] aekx')]) + good[at + 1 :]
        if raw == good:
            continue
        data, findings = store.validate(path, raw)
        if data is None or problems(findings):
            continue  # refused: every command stops and names the place
        valid += 1
        assert not store.checksum_matches(raw)
        if data["plans"] != base["plans"] and [p["progress"] for p in data["plans"].values()] != [
            p["progress"] for p in base["plans"].values()
        ]:
            changed += 1
            assert compare.differences(base, data), raw
    assert valid > 20 and changed >= 3, (valid, changed)


def test_a_file_that_is_not_json_is_said_in_words_to_mend_it_by(run, qingdao: Path) -> None:
    """Not orjson's English: what is wrong, where, in the reader's language."""
    damaged = year_file(qingdao)
    damaged.write_bytes(damaged.read_bytes()[:5000])
    zh = run("--lang", "zh", "check")
    assert zh.exit_code == 1
    assert "不是有效的 JSON（数据提前结束，文件可能不完整）" in zh.stdout + zh.stderr
    assert "unexpected end of data" not in zh.stdout + zh.stderr
    en = run("check")
    assert "not valid JSON (it ends too early: the file may be cut short)" in en.stdout + en.stderr
