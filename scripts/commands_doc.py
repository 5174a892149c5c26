"""The command reference (docs/commands.md) from the commands' own --help, in English.

docs/commands.md runs this through cog (`cog -r docs/commands.md`); tests/test_docs.py checks that
the file is what this gives (`cog --check`), so the reference never drifts from the code.
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


if __name__ == "__main__":
    print(reference())
