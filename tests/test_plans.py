"""A store of many years: `shishi plans` lists them, `init --like` starts a year with the rules,
departments and regions of another, `remove-plan` takes out one made by mistake."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import Run, shishi, whole


def _second_year(run: Run) -> None:
    assert run("init", "--year", "2023", "--title", "青岛市2023年市办实事").exit_code == 0
    assert (
        run("add-project", "1", "稳就业", "--owner", "市人力资源社会保障局", "--year", "2023").exit_code == 0
    )
    assert (
        run(
            "add-indicator", "1", "城镇新增就业", "--target", "36万", "--unit", "人", "--year", "2023"
        ).exit_code
        == 0
    )
    assert run("add-progress", "1.1", "3.2万", "--month", "2", "--year", "2023").exit_code == 0


def test_plans_lists_every_year_latest_first_with_its_counts(run: Run, qingdao: Path) -> None:
    _second_year(run)
    body = json.loads(run("plans", "--format", "json").stdout)
    assert body == {
        "plans": [
            {"year": 2023, "title": "青岛市2023年市办实事", "projects": 1, "indicators": 1, "entries": 1,
             "latest_month": 2},
            {"year": 2022, "title": "青岛市2022年市办实事", "projects": 16, "indicators": 50, "entries": 56,
             "latest_month": 6},
        ]
    }  # fmt: skip
    table = run("plans")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[1].split()[:2] == ["2023", "青岛市2023年市办实事"]
    assert lines[2].split() == ["2022", "青岛市2022年市办实事", "16", "50", "56", "month", "6"]


def test_a_plan_without_figures_has_no_latest_month(run: Run, qingdao: Path) -> None:
    assert run("init", "--year", "2023", "--title", "新年度").exit_code == 0
    body = json.loads(run("plans", "--format", "json").stdout)
    assert body["plans"][0] == {
        "year": 2023, "title": "新年度", "projects": 0, "indicators": 0, "entries": 0, "latest_month": None,
    }  # fmt: skip
    assert "—" in run("plans").stdout.splitlines()[1]


def test_plans_in_chinese(run: Run, qingdao: Path) -> None:
    result = run("--lang", "zh", "plans")
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()[:2]
    assert header.split() == ["年度", "标题", "项目数", "指标数", "进展记录数", "最近填报月份"]
    assert row.split()[-1] == "6月"


def test_an_empty_store_has_no_plans(run: Run, store_path: Path) -> None:
    from shishi_cli import store

    store.save_store(store_path, {"schema_version": store.SCHEMA_VERSION, "plans": {}})  # type: ignore[typeddict-item]
    assert json.loads(run("plans", "--format", "json").stdout) == {"plans": []}
    result = run("plans")
    assert result.exit_code == 0
    assert "shishi init" in result.stdout


def test_init_like_starts_with_the_rules_departments_and_regions_only(run: Run, qingdao: Path) -> None:
    assert run("set-thresholds", "--tolerance", "8", "--red-gap", "25").exit_code == 0
    assert run("count-units", "--add", "眼").exit_code == 0
    assert run("set-escalation", "提醒:yellow>=2, 督办:red>=1").exit_code == 0
    assert run("add-region", "市南区", "--alias", "市南").exit_code == 0
    result = run("init", "--year", "2023", "--title", "青岛市2023年市办实事", "--like", "2022")
    assert result.exit_code == 0, result
    assert "2022" in result.stdout
    data = whole(qingdao)
    old, new = data["plans"]["2022"], data["plans"]["2023"]
    assert new["settings"] == old["settings"]
    assert new["settings"]["tolerance"] == "8"
    assert new["settings"]["count_units"] == ["眼"]
    assert [step["step"] for step in new["settings"]["escalation"]] == ["提醒", "督办"]
    assert new["departments"] == old["departments"]
    assert new["regions"] == [{"name": "市南区", "aliases": ["市南"]}]
    assert new["projects"] == [] and new["progress"] == []
    assert [h["command"] for h in new["history"]] == ["init"]
    # the copy is the new year's own: changing it leaves the model as it was
    assert run("set-thresholds", "--tolerance", "12", "--year", "2023").exit_code == 0
    assert whole(qingdao)["plans"]["2022"]["settings"]["tolerance"] == "8"
    # a short name declared in 2022 is taken in 2023 too
    assert run("add-project", "1", "老旧小区改造", "--owner", "住建局", "--year", "2023").exit_code == 0
    assert whole(qingdao)["plans"]["2023"]["projects"][0]["owners"] == ["市住房城乡建设局"]


def test_init_without_like_starts_with_the_defaults(run: Run, qingdao: Path) -> None:
    assert run("set-thresholds", "--tolerance", "8").exit_code == 0
    assert run("init", "--year", "2023", "--title", "x").exit_code == 0
    new = whole(qingdao)["plans"]["2023"]
    assert new["settings"]["tolerance"] == "10"
    assert "departments" not in new and "regions" not in new


def test_init_like_a_year_the_store_does_not_have_is_a_usage_error(run: Run, qingdao: Path) -> None:
    before = qingdao.read_bytes()
    result = run("init", "--year", "2023", "--title", "x", "--like", "2019")
    assert result.exit_code == 2
    assert "--like 2019" in result.stderr and "2022" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert qingdao.read_bytes() == before


def test_plans_through_the_installed_command(qingdao: Path) -> None:
    done = shishi("--lang", "en", "plans", "--format", "json", store=qingdao)
    assert done.returncode == 0, done.stderr
    assert [p["year"] for p in json.loads(done.stdout)["plans"]] == [2022]


# --- remove-plan -------------------------------------------------------------------------------


def test_a_plan_made_by_mistake_is_removed_and_undo_puts_it_back(run: Run, qingdao: Path) -> None:
    """`init --year 2032` by mistake: every command would default to the empty 2032 plan."""
    assert run("init", "--year", "2032", "--title", "打错的年份").exit_code == 0
    assert run("list").stdout.startswith("打错的年份 (2032)\n")
    done = run("remove-plan", "--year", "2032")
    assert (done.exit_code, done.stdout, done.stderr) == (
        0, "Removed the 2032 plan '打错的年份'; shishi undo puts it back\n", ""
    )  # fmt: skip
    assert sorted(whole(qingdao)["plans"]) == ["2022"]
    assert not (qingdao.parent / f"{qingdao.name}.years" / "2032.json").exists()
    assert run("list").stdout.startswith("青岛市2022年市办实事 (2022)\n")
    assert "removed the 2032 plan" in run("versions").stdout
    assert run("undo").exit_code == 0
    assert sorted(whole(qingdao)["plans"]) == ["2022", "2032"]


def test_a_plan_with_projects_or_figures_is_removed_only_with_force(run: Run, qingdao: Path) -> None:
    before = whole(qingdao)
    refused = run("remove-plan", "--year", "2022")
    assert (refused.exit_code, refused.stdout) == (3, "")
    assert refused.stderr == (
        "shishi: error: the 2022 plan holds 16 projects and 56 figures; add --force to remove it with "
        "them; shishi undo puts it back\n"
    )
    zh = run("--lang", "zh", "remove-plan", "--year", "2022")
    assert zh.stderr.startswith("shishi: 错误：2022年度计划含有16件实事项目和56条进展数据；")
    assert whole(qingdao) == before
    _second_year(run)
    forced = run("remove-plan", "--year", "2022", "--force")
    assert (forced.exit_code, forced.stdout) == (0, "Removed the 2022 plan; shishi undo puts it back\n")
    assert sorted(whole(qingdao)["plans"]) == ["2023"]


def test_removing_a_year_the_store_does_not_have_is_a_usage_error(run: Run, qingdao: Path) -> None:
    before = qingdao.read_bytes()
    result = run("remove-plan", "--year", "2019")
    assert (result.exit_code, result.stderr) == (
        2, "shishi: error: --year 2019: no plan for 2019 in the store; plans there: 2022\n"
    )  # fmt: skip
    assert qingdao.read_bytes() == before
    assert run("remove-plan").exit_code == 2  # the year is never taken to be the latest


def test_a_year_whose_file_is_damaged_is_not_removed_even_with_force(
    run: Run, qingdao: Path, tmp_path: Path
) -> None:
    """What the damaged file holds could be mended: removing it would lose it."""
    assert run("init", "--year", "2023", "--title", "新年度").exit_code == 0
    damaged = qingdao.parent / f"{qingdao.name}.years" / "2022.json"
    damaged.write_bytes(damaged.read_bytes()[:100])
    result = run("remove-plan", "--year", "2022", "--force")
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"shishi: error: cannot change the 2022 plan: its file is damaged: {damaged}"
    )
    assert len(damaged.read_bytes()) == 100
