"""Untrusted spreadsheets stay bounded: a hostile workbook, a million rows, thousands of bad ones."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .helpers import EXAMPLE, SHISHI, Run, copy_store


def _styled_workbook(path: Path, data_rows: list[list[object]], styled_rows: int) -> None:
    """An .xlsx whose sheet holds `data_rows` and then style-only rows down to `styled_rows`, as
    a formatted column makes it: a few MB zipped, a million rows of XML unzipped."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in data_rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    head, _sep, tail = xml.partition("</sheetData>")
    empty = "".join(
        f'<row r="{n}" s="0" customFormat="1"><c r="A{n}" s="0"/><c r="B{n}" s="0"/></row>'
        for n in range(len(data_rows) + 1, styled_rows + 1)
    )
    dimension = f'<dimension ref="A1:XFD{styled_rows}"/>'
    head = head.replace('<dimension ref="A1:C3"/>', dimension)
    parts["xl/worksheets/sheet1.xml"] = (head + empty + "</sheetData>" + tail).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _measured(args: list[str], store: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """The installed shishi run in a fresh process that reports its child's CPU seconds and peak
    memory (KiB): bounds, not a race against a wall clock."""
    code = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stdout.write(f'{r.returncode}\\n{u.ru_utime + u.ru_stime}\\n{u.ru_maxrss}\\n' + r.stderr)\n"
    )
    env = {**os.environ, "SHISHI_STORE": str(store)}
    done = subprocess.run(
        [sys.executable, "-c", code, *SHISHI, *args], capture_output=True, text=True, env=env, timeout=600
    )
    status, seconds, peak, *rest = done.stdout.split("\n", 3)
    return subprocess.CompletedProcess(args, int(status), "", "".join(rest)), float(seconds), int(peak)


@pytest.mark.slow
def test_a_workbook_styled_down_to_the_last_row_is_read_in_bounds(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    copy_store(EXAMPLE, store)
    path = tmp_path / "styled.xlsx"
    _styled_workbook(path, [["指标", "月份", "累计值"], ["1.1", 7, 190000]], 1_048_576)
    assert path.stat().st_size < 10_000_000  # under the 50 MB a file may be
    result, seconds, peak = _measured(["import-progress", str(path), "--dry-run"], store)
    assert result.returncode == 0, result.stderr
    assert seconds < 10 and peak < 300 * 1024, (seconds, peak)


@pytest.mark.slow
def test_a_million_filled_rows_stop_at_the_limit_in_bounds(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    copy_store(EXAMPLE, store)
    rows = tmp_path / "rows.csv"
    with rows.open("w", encoding="utf-8") as out:
        out.write("indicator,month,value\n")
        out.writelines(f"9.{n},7,{n}\n" for n in range(1_000_000))
    result, seconds, peak = _measured(["import-progress", str(rows), "--dry-run"], store)
    assert result.returncode == 3
    assert result.stderr.startswith(f"shishi: error: {rows} has more than 200000 rows;")
    assert result.stderr.count("\n") == 1
    assert peak < 300 * 1024, peak


def test_many_bad_rows_are_named_fifty_at_a_time(run: Run, qingdao: Path, tmp_path: Path) -> None:
    rows = tmp_path / "bad.csv"
    rows.write_text("indicator,month,value\n" + "".join(f"X{n},7,1\n" for n in range(5000)), encoding="utf-8")
    result = run("import-progress", str(rows))
    lines = result.stderr.splitlines()
    assert result.exit_code == 3 and len(lines) == 51
    assert lines[0] == f"shishi: error: {rows}: row 2: no indicator 'X0' in the 2022 plan; " + (
        "'shishi list' shows the indicator ids"
    )
    assert lines[-1] == f"shishi: error: {rows}: 5000 bad rows, the first 50 shown; nothing was imported"


def test_the_limits_are_settings(
    run: Run, qingdao: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("indicator,month,value\n1.1,7,19万\n1.2,7,4万\n", encoding="utf-8")
    monkeypatch.setenv("SHISHI_IMPORT_ROWS", "2")
    refused = run("import-progress", str(rows))
    assert (refused.exit_code, refused.stderr) == (
        3,
        f"shishi: error: {rows} has more than 2 rows; an import reads 2 rows at most; "
        "split it, or raise the limit with SHISHI_IMPORT_ROWS (e.g. SHISHI_IMPORT_ROWS=500000)\n",
    )
    monkeypatch.setenv("SHISHI_IMPORT_ROWS", "3")
    assert run("import-progress", str(rows)).exit_code == 0
    monkeypatch.setenv("SHISHI_IMPORT_MB", "lots")
    bad = run("import-progress", str(rows))
    assert (bad.exit_code, bad.stderr) == (
        2,
        "shishi: error: SHISHI_IMPORT_MB='lots' is not a whole number above 0; e.g. SHISHI_IMPORT_MB=200\n",
    )


def test_a_file_too_large_is_refused_before_it_is_read(
    run: Run, qingdao: Path, tmp_path: Path, monkeypatch
) -> None:
    rows = tmp_path / "big.csv"
    rows.write_bytes(b"indicator,month,value\n" + b"1.1,7,1\n" * 200_000)  # 1.6 MB
    monkeypatch.setenv("SHISHI_IMPORT_MB", "1")
    refused = run("import-progress", str(rows))
    assert refused.exit_code == 3
    assert refused.stderr.startswith(
        f"shishi: error: {rows} is 1.5 MB; an import reads files of 1 MB at most;"
    )
