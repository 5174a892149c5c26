"""The house holds together: imports point one way, no private names cross modules, and the
typer release whose help machinery cli/help.py patches is the one installed."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT, copy_store

PACKAGE = ROOT / "src" / "shishi_cli"


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the contracts of pyproject.toml, on the package found in `package_parent`."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    command = [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command as c; c()",
    ]
    return subprocess.run(
        [*command, "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=package_parent,
        timeout=120,
    )


def test_imports_point_down_the_layers() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_fail_when_an_import_points_up(tmp_path: Path) -> None:
    copy = tmp_path / "shishi_cli"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    (copy / "i18n.py").write_text((copy / "i18n.py").read_text() + "\nfrom . import progress\n")
    (copy / "cli" / "plan.py").write_text((copy / "cli" / "plan.py").read_text() + "\nfrom . import report\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "shishi_cli.i18n -> shishi_cli.progress" in result.stdout
    assert "shishi_cli.cli.plan -> shishi_cli.cli.report" in result.stdout


def _imports_of(path: Path) -> list[tuple[str, str, int]]:
    """(module named, name imported, line) of every `from shishi_cli-module import name`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("shishi_cli")):
            found += [(node.module or ".", alias.name, node.lineno) for alias in node.names]
    return found


def test_no_module_imports_a_private_name_of_another() -> None:
    private = [
        f"{path.relative_to(ROOT)}:{line}: {name} from {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for module, name, line in _imports_of(path)
        if name.startswith("_") and name != "_" and not name.endswith("__")  # `_`: gettext's
    ]
    assert private == []


def test_tests_import_helpers_not_fixtures_or_other_tests() -> None:
    wrong = [
        f"{path.name}:{line}: from {module}"
        for path in sorted((ROOT / "tests").glob("*.py"))
        for module, _name, line in _imports_of(path)
        if module in ("conftest", ".") or module.startswith("test_")
    ]
    assert wrong == []


def test_help_patches_the_installed_typer() -> None:
    import typer

    from shishi_cli.cli.help import PATCHED_TYPER, typer_is_patched

    assert typer_is_patched(), (
        f"typer {typer.__version__} is installed; cli/help.py patches {PATCHED_TYPER}: check what it "
        "patches (typer.core._, click's TextWrapper, term_len, write_heading) and widen the range"
    )
    assert not typer_is_patched("0.29.0") and not typer_is_patched("0.25.1") and typer_is_patched("0.28.3")


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["report", "--month", "6", "--format", "json"], 0),
        (["lagging", "--month", "6"], 1),
        (["add-progress", "1.1", "19万", "--month", "7"], 0),
        (["--help"], 0),
    ],
)
def test_start_up_of_a_scripted_command_imports_no_heavy_library(
    args: list[str], status: int, tmp_path: Path
) -> None:
    """What a cron job runs loads neither rich, pydantic nor openpyxl when the store was written
    by shishi and the output is JSON or a pipe."""
    code = (
        "import sys\n"
        "from shishi_cli.cli import app_for\n"
        f"args = {args!r}\n"
        "try:\n    app_for(args)(args)\nexcept SystemExit as done:\n    code = done.code\n"
        "heavy = sorted(m for m in ('rich', 'pydantic', 'openpyxl') if m in sys.modules)\n"
        "print('exit', code, 'heavy:', ','.join(heavy))\n"
    )
    store = tmp_path / "store.json"
    copy_store(ROOT / "examples" / "qingdao-2022.json", store)
    env = {**os.environ, "SHISHI_STORE": str(store)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.splitlines()[-1] == f"exit {status} heavy: ", result.stdout + result.stderr
