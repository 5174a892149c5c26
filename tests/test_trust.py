"""Trust: no false all-clear, no output over the store or its kept versions, nothing a user cannot get back.

Where the point is the file on disk, these run the installed `shishi` as a real process.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .helpers import EXAMPLE, Run, shishi

# --- filters never say "nothing" by mistake ----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--month", "9"],
        ["lagging", "--month", "9"],
        ["bulletin", "--month", "9"],
        ["export", "--what", "report", "--month", "9", "-o", "out.csv"],
    ],
)
def test_a_misspelled_owner_is_a_usage_error_everywhere(run: Run, qingdao: Path, command: list[str]) -> None:
    result = run(*command, "--owner", "住建局")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "shishi: error: --owner '住建局': no department of the 2022 plan has that in its name; "
        "did you mean 市住房城乡建设局?\n"
    )


@pytest.mark.parametrize(
    "command", [["report"], ["lagging"], ["bulletin"], ["export", "-o", "x.csv", "--what", "report"]]
)
def test_an_unknown_project_is_a_usage_error_everywhere(run: Run, qingdao: Path, command: list[str]) -> None:
    result = run(*command, "--month", "6", "--project", "99")
    assert (result.exit_code, result.stderr) == (
        2,
        "shishi: error: --project 99: no project 99 in the 2022 plan; projects there: 1-16\n",
    )


def test_a_cron_script_with_a_misspelled_owner_is_told_so(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    shutil.copy(EXAMPLE, store)
    script = tmp_path / "cron.sh"
    script.write_text(
        '#!/bin/sh\nshishi lagging --month 9 --owner 住建局 > /dev/null\necho "exit $?"\n', encoding="utf-8"
    )
    result = shishi("lagging", "--month", "9", "--owner", "住建局", store=store)
    assert result.returncode == 2 and result.stdout == ""
    assert "did you mean 市住房城乡建设局?" in result.stderr


def test_a_filter_that_matches_only_good_news_still_says_so(run: Run, qingdao: Path) -> None:
    result = run("lagging", "--month", "6", "--owner", "医保")
    assert (result.exit_code, result.stdout) == (
        0,
        "Nothing is lagging or overdue as of 2022-06-30 (month 6).\n",
    )


def test_several_owners_add_up(run: Run, qingdao: Path) -> None:
    import json

    one = json.loads(run("report", "-m", "6", "-f", "json", "--owner", "医保").stdout)
    two = json.loads(run("report", "-m", "6", "-f", "json", "--owner", "医保", "--owner", "红十字").stdout)
    ids = {i["id"] for i in one["indicators"]}
    assert ids < {i["id"] for i in two["indicators"]}
    assert any("市红十字会" in i["owners"] for i in two["indicators"])


# --- no output ever lands on the store ---------------------------------------------------------


OUTPUTS = [
    (["report", "--month", "6", "--html"], ".html"),
    (["report", "--month", "6", "--svg"], ".svg"),
    (["bulletin", "--month", "6", "-o"], ".md"),
    (["export", "--what", "progress", "-o"], ".csv"),
]


def _target(how: str, store: Path, suffix: str) -> str:
    """The output path that reaches the store (or its lock, backup or kept versions) in the way `how` says."""
    if how == "symlink":
        link = store.parent.parent / f"link{suffix}"
        link.symlink_to(store)
        return str(link)
    if how == "hard link":
        link = store.parent.parent / f"hard{suffix}"
        os.link(store, link)
        return str(link)
    if how == "backup":  # left by an older shishi, beside versions kept since
        (store.parent / "store.json.bak").write_bytes(b"{}")
    return {
        "itself": str(store),
        "relative": "data/../data/store.json",
        "backup": str(store) + ".bak",
        "lock": str(store) + ".lock",
        "versions folder": str(store) + ".versions",
        "kept version": str(store) + ".versions/000001.json",
        "index of the versions": str(store) + ".versions/index.json",
        "new file in the versions": str(store) + f".versions/new{suffix}",
    }[how]


@pytest.mark.parametrize(
    "how",
    ["itself", "relative", "symlink", "hard link", "backup", "lock", "versions folder", "kept version",
     "index of the versions", "new file in the versions"],
)  # fmt: skip
def test_no_output_path_reaches_the_store(tmp_path: Path, how: str) -> None:
    store = tmp_path / "data" / "store.json"
    store.parent.mkdir()
    shutil.copy(EXAMPLE, store)
    assert shishi("add-progress", "1.1", "19万", "--month", "7", store=store).returncode == 0
    before = {p: p.read_bytes() for p in store.parent.rglob("*") if p.is_file()}
    for command, suffix in OUTPUTS:
        result = shishi(*command, _target(how, store, suffix), store=store, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "is the store itself, or one of its backups, its lock or its versions" in result.stderr
        assert result.stderr.count("\n") == 1
    after = {p: p.read_bytes() for p in store.parent.rglob("*") if p.is_file() and p.name != "store.json.bak"}
    assert after == {p: b for p, b in before.items() if p.name != "store.json.bak"}


def test_an_old_backup_is_no_longer_guarded_once_it_is_gone(tmp_path: Path) -> None:
    from shishi_cli import store as storage

    path = tmp_path / "store.json"
    shutil.copy(EXAMPLE, path)
    (tmp_path / "store.json.bak").write_bytes(EXAMPLE.read_bytes())
    assert storage.backup_path(path) in storage.protected_paths(path)
    assert shishi("add-progress", "1.1", "19万", "--month", "7", store=path).returncode == 0
    assert not (tmp_path / "store.json.bak").exists()  # adopted as version 1
    assert storage.backup_path(path) not in storage.protected_paths(path)
    assert storage.versions_folder(path) in storage.protected_paths(path)
