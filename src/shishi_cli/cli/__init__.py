"""The `shishi` command line: the app composed of its command groups, and the console script.

Each command group is a module with its own Typer (`group`); `app` takes in their commands.
Imports point one way: this module imports the groups, the groups import `app`'s helpers
(cli/app.py), and no group imports another.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import NoReturn

import typer

from ..errors import EXIT_DATA
from . import departments, plan, progress, regions, report, transfer, versions
from .app import hold_until_exit, new_app
from .boundary import parse_command_line
from .help import ShishiCommand

GROUPS = (
    plan.group,
    departments.group,
    regions.group,
    progress.group,
    report.group,
    transfer.group,
    versions.group,
)


def _compose(groups: tuple[typer.Typer, ...], only: str | None = None) -> typer.Typer:
    """The app with the commands of `groups` (only the one named `only`, if given)."""
    app = new_app()
    for group in groups:
        for info in group.registered_commands:
            info.cls = ShishiCommand
            if only is None or command_name(info) == only:
                app.registered_commands.append(info)
    return app


def command_name(info: typer.models.CommandInfo) -> str:
    """A command's name as users type it: given, or its function's name with dashes."""
    return info.name or (info.callback.__name__ if info.callback else "").replace("_", "-")


app = _compose(GROUPS)


def app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command `argv` names (all of them for help or a mistake).

    Typer builds every registered command's parameters on every run, about 3 ms each;
    a script calling `shishi add-progress` needs one.
    """
    name = parse_command_line(argv).command
    if name is None or not any(command_name(info) == name for info in app.registered_commands):
        return app
    return _compose(GROUPS, only=name)


def main() -> NoReturn:
    """Console-script entry point."""
    # One short run over a store of up to a few hundred thousand objects that all live until
    # the end: the cyclic collector would only walk them again and again (about 5 % of a
    # report). Reference counting still frees everything that is dropped.
    gc.disable()
    hold_until_exit()
    try:
        app_for(sys.argv[1:])()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    # Everything is written and closed by now (the store with fsync, under a released lock):
    # leave without freeing a report's hundreds of thousands of objects one by one (the store
    # read and the reports made are held until here: app.kept).
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
        except OSError as error:  # the last of the output could not be written (a full disk)
            with contextlib.suppress(OSError):
                sys.stderr.write(f"shishi: error: cannot write the output: {error.strerror or error}\n")
                sys.stderr.flush()
            code = code or EXIT_DATA
    os._exit(code)
