"""The installed `shishi` as a real process: exit codes, streams, concurrent writers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .helpers import EXAMPLE, SCRIPT, SHISHI, copy_store, shishi, whole


def test_report_json_from_the_installed_command() -> None:
    r = shishi("--store", str(EXAMPLE), "report", "--month", "6", "--format", "json")
    assert (r.returncode, r.stderr) == (0, "")
    rows = {i["id"]: i for i in json.loads(r.stdout)["indicators"]}
    assert (rows["1.1"]["value"], rows["1.1"]["percent"], rows["1.1"]["status"]) == (
        180400,
        51.54,
        "on_track",
    )


def test_lagging_in_a_script_exits_1_and_lists_aed() -> None:
    r = shishi("--store", str(EXAMPLE), "lagging", "--month", "6")
    assert r.returncode == 1
    assert "12.3" in r.stdout and "lagging (red)" in r.stdout
    assert "\x1b[" not in r.stdout  # not a terminal: no colour


def test_errors_are_one_line_with_the_documented_status(tmp_path: Path) -> None:
    missing = shishi("report", store=tmp_path / "none.json")
    assert missing.returncode == 3
    assert missing.stderr.count("\n") == 1 and missing.stderr.startswith("shishi: error: no store at ")
    usage = shishi("--store", str(EXAMPLE), "report", "--month", "13")
    assert usage.returncode == 2 and usage.stderr.count("\n") == 1 and "Traceback" not in usage.stderr


def test_python_dash_m_runs_the_same_cli() -> None:
    r = subprocess.run([sys.executable, "-m", "shishi_cli", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("shishi ")


def test_debug_env_shows_a_traceback(tmp_path: Path) -> None:
    r = shishi("report", store=tmp_path / "none.json", env={"SHISHI_DEBUG": "1"})
    assert r.returncode == 3 and "Traceback" in r.stderr


def test_the_default_store_lives_in_the_user_data_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SHISHI_STORE"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["HOME"] = str(tmp_path)
    r = subprocess.run(
        [*SHISHI, "init", "--year", "2022", "--title", "t"], capture_output=True, text=True, env=env
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "data" / "shishi" / "store.json").exists()


@pytest.mark.slow
def test_concurrent_writers_lose_no_update(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    assert shishi("init", "--year", "2022", "--title", "t", store=store).returncode == 0
    assert shishi("add-project", "1", "p", store=store).returncode == 0
    for n in range(1, 5):
        assert shishi("add-indicator", "1", f"i{n}", "--target", "100", store=store).returncode == 0

    def writer(n: int) -> list[int]:
        codes = []
        for month in range(1, 7):
            codes.append(
                shishi(
                    "add-progress", f"1.{n}", str(month * 10), "--month", str(month), store=store
                ).returncode
            )
        return codes

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(writer, range(1, 5)))
    assert all(code == 0 for codes in results for code in codes)
    data = whole(store)
    entries = data["plans"]["2022"]["progress"]
    assert sorted((e["indicator"], e["month"]) for e in entries) == sorted(
        (f"1.{n}", m) for n in range(1, 5) for m in range(1, 7)
    )
    assert shishi("check", store=store).returncode == 0


@pytest.mark.skipif(not Path("/bin/bash").exists(), reason="needs bash")
@pytest.mark.slow
def test_example_store_is_rebuilt_identically_by_its_script(tmp_path: Path) -> None:
    script = EXAMPLE.parent / "build-qingdao-2022.sh"
    copy = tmp_path / "examples"
    copy.mkdir()
    (copy / script.name).write_bytes(script.read_bytes())
    env = {**os.environ, "SHISHI": SHISHI[0]} if SCRIPT.exists() else None
    if env is None:
        pytest.skip("the console script is not installed")
    r = subprocess.run(
        ["bash", str(copy / script.name)], capture_output=True, text=True, env=env, timeout=300
    )
    assert r.returncode == 0, r.stderr
    assert (copy / "qingdao-2022.json").read_bytes() == EXAMPLE.read_bytes()
    year = Path("qingdao-2022.json.years") / "2022.json"
    assert (copy / year).read_bytes() == (EXAMPLE.parent / year).read_bytes()
    assert sorted(p.name for p in copy.iterdir()) == [
        "build-qingdao-2022.sh",
        "qingdao-2022.json",
        year.parts[0],
    ]


def test_the_monthly_cron_example(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    copy_store(EXAMPLE, store)
    reports = tmp_path / "reports"
    script = EXAMPLE.parent / "monthly-check.sh"
    env = {**os.environ, "SHISHI": SHISHI[0], "SHISHI_STORE": str(store), "SHISHI_REPORTS": str(reports)}
    env["SHISHI_NOTIFY"] = f"cat > '{tmp_path / 'mail.txt'}'"
    if not SCRIPT.exists():
        pytest.skip("the console script is not installed")
    r = subprocess.run(["bash", str(script), "6", "2022"], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in reports.iterdir()) == [
        "2022-6-check.txt", "2022-6-lagging.txt", "2022-6-report.json", "2022-6-report.md",
    ]  # fmt: skip
    assert json.loads((reports / "2022-6-report.json").read_text(encoding="utf-8"))["month"] == 6
    mail = (tmp_path / "mail.txt").read_text(encoding="utf-8")
    assert mail.startswith("2022年6月: 以下指标需要关注") and "12.3" in mail
    # A year with no plan: the failure is reported with its reason, and no empty report is left.
    r = subprocess.run(["bash", str(script), "6", "2021"], capture_output=True, text=True, env=env)
    assert r.returncode == 2
    assert "no plan for 2021 in the store" in (tmp_path / "mail.txt").read_text(encoding="utf-8")
    assert not any(p.name.startswith("2021-6-report") for p in reports.iterdir())


def test_a_chinese_locale_gets_chinese_and_lang_en_overrides_it() -> None:
    zh_env = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LANGUAGE": "", "SHISHI_LANG": ""}
    zh = shishi("--store", str(EXAMPLE), "report", "--month", "6", env=zh_env)
    assert (zh.returncode, zh.stderr) == (0, "")
    assert "编号  指标" in zh.stdout and "正常推进（绿灯）" in zh.stdout
    assert "指标：已完成10项" in zh.stdout
    en = shishi("--lang", "en", "--store", str(EXAMPLE), "report", "--month", "6", env=zh_env)
    assert "ID    Indicator" in en.stdout and "on track (green)" in en.stdout
    assert "正常推进" not in en.stdout
    helped = shishi("lagging", "--help", env=zh_env)
    assert helped.stdout.startswith("用法：shishi lagging [OPTIONS]")
    assert "显示此帮助信息并退出。" in helped.stdout
    wrong = shishi("--store", str(EXAMPLE), "show", "99", env=zh_env)
    assert wrong.returncode == 3
    assert wrong.stderr.startswith("shishi: 错误：")


def test_output_that_cannot_be_written_is_one_line_not_a_bug() -> None:
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [*SHISHI, "--store", str(EXAMPLE), "report", "--month", "6"], stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=60,
        )  # fmt: skip
    assert r.returncode == 3
    assert r.stderr == "shishi: error: cannot write the output: No space left on device\n"
