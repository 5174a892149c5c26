"""Plans of thousands of projects (issue 17): numbers up to 99,999, ids in the order people count
them everywhere, and imports that take each row once, one file or many."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import openpyxl
import pytest

from shishi_cli import tables, transfer
from shishi_cli.records import PlanRecord
from shishi_cli.rules import id_order

from .helpers import EXAMPLE, whole

# Ids a province's list holds, in the order every list must give them (numbers, not text).
IDS = ["1.2", "1.10", "9.1", "10.1", "100.2", "1000.1", "1234.12", "99999.1"]


def stored_plan(path: Path) -> PlanRecord:
    plan: PlanRecord = whole(path)["plans"]["2022"]
    return plan


def plan_sheet(path: Path, rows: list[list[object]]) -> None:
    """A plan sheet as `export --what plan` writes one (its columns, the writer it uses)."""
    tables.write_table(path, transfer.PLAN_COLUMNS, rows)


def indicator_row(project: int, ident: str, name: str, target: object, owner: str) -> list[object]:
    cells: list[object] = [project, f"第{project}件实事", owner, ident, name, target, "个", owner]
    return cells + [""] * (len(transfer.PLAN_COLUMNS) - len(cells))


@pytest.fixture
def empty_plan(run, store_path: Path):
    assert run("init", "--year", "2022", "--title", "省级重点项目").exit_code == 0
    return run


def test_a_plan_of_a_thousand_projects_imports_and_reports(
    empty_plan, store_path: Path, tmp_path: Path
) -> None:
    rows = [
        indicator_row(p, f"{p}.{k}", f"第{p}件第{k}项", 100 * k, f"市第{p % 40}局")
        for p in range(1, 1001)
        for k in range(1, 6)
    ]
    random.Random(17).shuffle(rows)  # a sheet sorted some other way: the plan keeps its order
    sheet = tmp_path / "plan.csv"
    plan_sheet(sheet, rows)
    r = empty_plan("import-plan", str(sheet))
    assert (r.exit_code, r.stdout) == (0, f"Imported from {sheet}: 1000 projects, 5000 indicators\n"), r
    plan = stored_plan(store_path)
    assert [p["number"] for p in plan["projects"]] == list(range(1, 1001))
    assert all([i["id"] for i in p["indicators"]] == [f"{p['number']}.{k}" for k in range(1, 6)]
               for p in plan["projects"])  # fmt: skip
    assert plan["projects"][999]["owners"] == ["市第0局"]
    assert [h["summary"] for h in plan["history"]][-1] == "plan.csv: 1000 projects, 5000 indicators"

    progress = tmp_path / "progress.csv"
    progress.write_text(
        "indicator,month,value\n" + "".join(f"{p}.1,6,{p % 100}\n" for p in range(1, 1001)), encoding="utf-8"
    )
    r = empty_plan("import-progress", str(progress))
    assert (r.exit_code, r.stdout) == (0, f"Imported from {progress}: 1000 entries\n"), r
    report = json.loads(empty_plan("report", "--month", "6", "--format", "json").stdout)
    assert [p["number"] for p in report["projects"]] == list(range(1, 1001))
    assert [i["id"] for i in report["indicators"]] == [
        f"{p}.{k}" for p in range(1, 1001) for k in range(1, 6)
    ]
    assert report["summary"]["indicators"]["no_data"] == 4000
    assert empty_plan("report", "--month", "6", "--project", "1000", "--format", "json").exit_code == 0
    # Importing the sheet again finds every indicator there, each at once.
    r = empty_plan("import-plan", str(sheet))
    assert (r.exit_code, r.stdout) == (0, f"Imported from {sheet}: 5000 already there\n"), r


@pytest.fixture
def numbered(empty_plan, store_path: Path, tmp_path: Path):
    """A plan of the ids of IDS, from an .xlsx sheet that lists them shuffled (as numbers), each
    at 10 of 100 in June: lagging alike, so a list ranked by how far behind keeps the plan's order."""
    rows = [indicator_row(int(i.split(".")[0]), i, f"指标{i}", 100, "市发展改革委") for i in IDS]
    for row in rows:  # ids typed into Excel are numbers (1234.12), but for 1.10 (kept as text)
        row[3] = row[3] if row[3] == "1.10" else float(str(row[3]))
    random.Random(2).shuffle(rows)
    assert [str(row[3]) for row in rows] != IDS
    sheet = tmp_path / "plan.xlsx"
    plan_sheet(sheet, rows)
    r = empty_plan("import-plan", str(sheet))
    assert (r.exit_code, r.stdout) == (0, f"Imported from {sheet}: 7 projects, 8 indicators\n"), r
    progress = tmp_path / "progress.csv"
    progress.write_text(
        "indicator,month,value\n" + "".join(f"{i},6,10\n" for i in reversed(IDS)), encoding="utf-8"
    )
    assert empty_plan("import-progress", str(progress)).exit_code == 0
    return empty_plan


def ids_in(text: str, ids: list[str] = IDS) -> list[str]:
    """`ids` in the order `text` names them first (each as a whole: 9.1 is not in 99999.1)."""
    found = {i: re.search(rf"(?<![\d.]){re.escape(i)}(?![\d.])", text) for i in ids}
    assert all(found.values()), found
    return sorted(ids, key=lambda i: found[i].start())  # type: ignore[union-attr]


def test_ids_come_in_numeric_order_in_every_list(numbered, store_path: Path, tmp_path: Path) -> None:
    run = numbered
    assert sorted(IDS, key=id_order) == IDS
    plan = stored_plan(store_path)
    assert [i["id"] for p in plan["projects"] for i in p["indicators"]] == IDS
    report = json.loads(run("report", "--month", "6", "--format", "json").stdout)
    assert [i["id"] for i in report["indicators"]] == IDS
    assert [p["indicators"] for p in report["projects"]][0] == ["1.2", "1.10"]
    rows = list(csv.DictReader(io.StringIO(run("report", "--month", "6", "--format", "csv").stdout)))
    assert [row["id"] for row in rows] == IDS
    assert ids_in(run("report", "--month", "6").stdout) == IDS  # the table
    lagging = run("lagging", "--month", "6", "--format", "json")
    assert lagging.exit_code == 1
    assert [i["id"] for i in json.loads(lagging.stdout)["indicators"]] == IDS  # (equally far behind)
    assert ids_in(run("lagging", "--month", "6").stdout) == IDS
    assert ids_in(run("list").stdout) == IDS
    assert ids_in(run("show", "1").stdout, ["1.10", "1.2"]) == ["1.2", "1.10"]
    export = tmp_path / "plan-out.csv"
    assert run("export", "--what", "plan", "-o", str(export)).exit_code == 0
    exported = csv.DictReader(io.StringIO(export.read_text(encoding="utf-8-sig")))
    assert [row["indicator"] for row in exported] == IDS
    assert run("forms", "--month", "7", "-o", str(tmp_path / "forms")).exit_code == 0
    [form] = (tmp_path / "forms").glob("*.xlsx")
    book = openpyxl.load_workbook(form)
    assert [str(row[0].value) for row in book.worksheets[0].iter_rows(min_row=4)] == IDS
    book.close()


def test_add_indicator_and_a_new_id_take_their_place(numbered, store_path: Path) -> None:
    run = numbered
    assert run("add-indicator", "1", "第三项", "--target", "5", "--id", "1.3").exit_code == 0
    assert run("edit-indicator", "1.2", "--new-id", "1.11").exit_code == 0
    ids = [i["id"] for i in stored_plan(store_path)["projects"][0]["indicators"]]
    assert ids == ["1.3", "1.10", "1.11"]


def test_project_numbers_run_to_99999_and_no_further(empty_plan, store_path: Path, tmp_path: Path) -> None:
    run = empty_plan
    assert run("add-project", "99999", "最后一件").exit_code == 0
    r = run("add-project", "100000", "太多")
    assert (r.exit_code, r.stdout) == (2, ""), r
    assert r.stderr.count("\n") == 1 and "100000" in r.stderr and "1<=x<=99999" in r.stderr, r.stderr
    r = run("report", "--project", "100000")
    assert r.exit_code == 2 and "1<=x<=99999" in r.stderr, r
    sheet = tmp_path / "plan.csv"
    plan_sheet(sheet, [indicator_row(100000, "100000.1", "太多", 5, "市局")])
    r = run("import-plan", str(sheet))
    assert r.exit_code == 3, r
    assert r.stderr.splitlines()[0] == (
        f"shishi: error: {sheet}: row 2: project number 100000 is out of range; use 1 to 99999"
    )
    assert [p["number"] for p in stored_plan(store_path)["projects"]] == [99999]
    r = run("--lang", "zh", "add-project", "0", "零")
    assert r.exit_code == 2 and "1 到 99999" in r.stderr, r


def test_a_missing_project_is_named_with_the_ranges_there(empty_plan, tmp_path: Path) -> None:
    sheet = tmp_path / "plan.csv"
    plan_sheet(sheet, [indicator_row(p, f"{p}.1", "指标", 5, "市局") for p in [*range(1, 3001), 5000]])
    assert empty_plan("import-plan", str(sheet)).exit_code == 0
    r = empty_plan("edit-project", "4000", "--title", "x")
    assert r.stderr == ("shishi: error: no project 4000 in the 2022 plan; projects there: 1-3000, 5000\n"), r


# --- many files in one run: the plan indexed once gives what indexing it again would -----------


def random_rows(plan: PlanRecord, rng: random.Random, count: int) -> list[tables.Row]:
    """Rows an office may send: new figures and corrections, exported entries (with their time,
    some edited), 本月完成 increases (0 with a new note: the figure in force, reworded), labels."""
    indicators = [i for p in plan["projects"] for i in p["indicators"] if i["kind"] != "milestone"]
    rows = []
    for n in range(count):
        cells: dict[str, str] = {}
        if rng.random() < 0.3 and plan["progress"]:
            entry = rng.choice(plan["progress"])
            cells = {
                "indicator": entry["indicator"], "month": str(entry["month"]),
                "value": entry.get("value") or entry.get("stage") or "",
                "stage": entry.get("stage", "") if entry.get("value") else "", "note": entry.get("note", ""),
                "at": entry.get("at", ""), "label": rng.choice([entry.get("label", ""), "进展顺利"]),
            }  # fmt: skip
        else:
            indicator = rng.choice(indicators)
            cells = {
                "indicator": indicator["id"],
                "month": str(rng.randint(1, 12)),
                "note": rng.choice(["", "说明"]),
            }
            if rng.random() < 0.3:
                cells["delta"] = rng.choice(["0", "3"])
            else:
                cells["value"] = str(rng.randint(0, 400))
            if indicator["stages"]:
                cells["stage"] = rng.choice(indicator["stages"])
            cells["label"] = rng.choice(["", "", "进度滞后"])
        rows.append(tables.Row(n + 2, cells))
    return rows


def outcome_facts(outcome: transfer.Outcome) -> tuple[object, ...]:
    return (
        outcome.problems, outcome.entries, outcome.corrections, outcome.skipped, outcome.repeated,
        outcome.above_later, outcome.fractions, [(row, entry) for row, entry, _ in outcome.taken],
        outcome.plan["progress"] if not outcome.problems else None,
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(6))
def test_files_imported_one_after_another_against_one_index(seed: int) -> None:
    plan: PlanRecord = whole(EXAMPLE)["plans"]["2022"]
    rng = random.Random(seed)
    files = [random_rows(plan, rng, rng.randint(5, 40)) for _ in range(4)]
    now = "2022-08-01T00:00:00"
    again, chained = plan, plan  # each file against the plan indexed anew / against one index
    figures = transfer.Figures(plan)
    for n, rows in enumerate(files):
        fresh = transfer.import_progress(again, rows, now, file=f"{n}.csv")
        kept = transfer.import_progress(chained, rows, now, file=f"{n}.csv", figures=figures)
        assert outcome_facts(kept) == outcome_facts(fresh)
        if not fresh.problems:
            again = fresh.plan
            figures.accept(kept)
            chained = kept.plan
    assert chained["progress"] == again["progress"]
    assert plan == whole(EXAMPLE)["plans"]["2022"]  # (the plan itself untouched)
