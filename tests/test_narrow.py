"""Tables on narrow terminals: a figure or a status is never cut, nor folded inside a number;
text gives way first, then the optional columns (named under the table), and a terminal too
narrow for the id, a figure and the status gets each row as a record."""

from __future__ import annotations

from .helpers import Run


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def test_the_report_by_region_of_a_labelled_indicator_has_a_cell_for_each_column(qingdao, run: Run) -> None:
    """A region's row under an indicator, in a report whose table has a label column: one cell
    a column, in a pipe as on a terminal (it had one too few, and the plain table failed)."""
    ok(run, "add-region", "市南区")
    ok(run, "edit-indicator", "1.2", "--region-target", "市南区=37000")
    ok(run, "add-progress", "1.2", "20000", "--month", "6", "--region", "市南区")
    lines = ok(run, "report", "--month", "6", "--by-region").splitlines()
    region = next(line for line in lines if line.lstrip().startswith("市南区"))
    assert region.split() == [
        "市南区",
        "37,000",
        "个",
        "20,000",
        "#####.....",
        "54.05",
        "50",
        "+4.05",
        "on",
        "track",
        "(green)",
        "6",
    ]
