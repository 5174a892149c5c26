"""Reference pages from the code: the command reference (docs/commands.md) from the commands' own
--help, in English, and the JSON contract's field lists (docs/json-contract.md).

The pages run this through cog (`cog -r docs/commands.md docs/json-contract.md`);
tests/test_docs.py checks that they are what this gives (`cog --check`), so they never drift.
"""

from __future__ import annotations


def reference() -> str:
    """Every command's --help, in the order `shishi --help` lists them, 100 columns wide."""
    from typer.testing import CliRunner

    from shishi_cli.cli import app, command_name

    runner = CliRunner()
    parts = ["## shishi\n", "```", _help(runner, app, ["--help"]), "```\n"]
    for info in app.registered_commands:
        name = command_name(info)
        parts += [f"## shishi {name}\n", "```", _help(runner, app, [name, "--help"]), "```\n"]
    return "\n".join(parts)


def _help(runner: object, app: object, args: list[str]) -> str:
    result = runner.invoke(app, ["--lang", "en", *args], terminal_width=100)  # type: ignore[attr-defined]
    return str(result.stdout).rstrip()


# Which command prints each object, for the contract page: (title, fields' name in contract.py).
CONTRACT = (
    ("`report --format json` (and `lagging`, `export --what report` as JSON)", "REPORT_FIELDS"),
    ("its `summary`", "SUMMARY_FIELDS"),
    ("each of its `projects`", "PROJECT_FIELDS"),
    ("each of its `indicators` (and each row of `--format csv`)", "INDICATOR_FIELDS"),
    ("each of its `warnings`", "WARNING_FIELDS"),
    ("each step of its `ladder` (lowest first)", "LADDER_STEP_FIELDS"),
    ("each condition of a step's `when`", "LADDER_CONDITION_FIELDS"),
    ("`show PROJECT --format json`", "SHOW_PROJECT_FIELDS"),
    ("`show ID --format json`", "SHOW_INDICATOR_FIELDS"),
    ("each of its `entries`", "ENTRY_FIELDS"),
    ("an entry's `source` (`null`: not imported)", "SOURCE_FIELDS"),
    ("each of its `months` (and each row of `show ID --format csv`)", "MONTH_FIELDS"),
    ("each of its `follow_ups` (and of `follow-up list`'s, after its `number`)", "FOLLOW_UP_FIELDS"),
    ("`follow-up list --format json`", "FOLLOW_UPS_FIELDS"),
    ("each point of a `trajectory`", "TRAJECTORY_FIELDS"),
    ("`list --format json`", "LIST_FIELDS"),
    ("its `settings`", "SETTINGS_FIELDS"),
    ("each of its `projects`", "LIST_PROJECT_FIELDS"),
    ("each of their `indicators`", "LIST_INDICATOR_FIELDS"),
    ("each of its `departments` (and each of `departments --format json`)", "DEPARTMENT_FIELDS"),
    ("`plans --format json`", "PLANS_FIELDS"),
    ("each of its `plans` (the latest year first)", "PLAN_SUMMARY_FIELDS"),
    ("`missing --format json`", "MISSING_FIELDS"),
    ("each of its `departments`", "MISSING_DEPARTMENT_FIELDS"),
    (
        "each of their `indicators` (and, after `department`, each row of `--format csv`)",
        "MISSING_INDICATOR_FIELDS",
    ),
    ("`owners --format json`", "OWNERS_FIELDS"),
    ("each of its `departments` (`statuses` counts them as `summary` does)", "OWNER_FIELDS"),
    ("each row of `owners --format csv`", "OWNER_CSV_FIELDS"),
    ("`check --format json`", "CHECK_FIELDS"),
    ("each of its `problems` and `warnings`", "FINDING_FIELDS"),
    ("each of its `differences` (a change made outside shishi)", "DIFFERENCE_FIELDS"),
    ("its `restore` (a damaged store)", "RESTORE_FIELDS"),
    ("`versions --format json`", "VERSIONS_FIELDS"),
    ("each of its `versions`", "VERSION_FIELDS"),
)


def contract() -> str:
    """Every JSON object shishi prints, with its fields in order."""
    from shishi_cli.render import contract as fields

    lines = ["| object | fields, in order |", "|---|---|"]
    for title, name in CONTRACT:
        lines.append(f"| {title} | " + ", ".join(f"`{f}`" for f in getattr(fields, name)) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(reference())
