"""Shared fixtures: every test runs against its own store in tmp_path, never the user's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shishi_cli import i18n
from shishi_cli.cli import app_for

from .helpers import EXAMPLE, Result, copy_store


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point SHISHI_STORE into tmp_path, fix the width, and pin time stamps."""
    store = tmp_path / "store.json"
    monkeypatch.setenv("SHISHI_STORE", str(store))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1658880000")  # 2022-07-27T00:00:00
    monkeypatch.delenv("SHISHI_DEBUG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # English unless a test asks for Chinese, whatever the machine's locale.
    for name in ("SHISHI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.activate("en")
    return store


@pytest.fixture
def store_path(isolated: Path) -> Path:
    return isolated


@pytest.fixture
def run() -> Callable[..., Result]:
    """run("report", "--month", "6") -> Result, through Typer's CliRunner and the slim app the
    console script builds (only the command named)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        result = runner.invoke(app_for(list(args)), list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def qingdao(store_path: Path) -> Path:
    """The reference example store, copied to the test's store path."""
    copy_store(EXAMPLE, store_path)
    return store_path


@pytest.fixture
def plan(run: Callable[..., Result]) -> Callable[..., Result]:
    """A fresh 2022 plan with one project; returns `run` for more commands."""
    assert run("init", "--year", "2022", "--title", "2022年市办实事").exit_code == 0
    assert run("add-project", "1", "就业", "--owner", "市人社局").exit_code == 0
    return run
