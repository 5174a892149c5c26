"""Commands that move between the kept versions of the store: undo, redo, versions, restore."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import store
from .app import Format, command_group, damage_note, found_summary, lock_timeout, now, options, out, say

group = command_group()

Count = Annotated[
    int,
    typer.Option("--count", "-n", min=1, metavar="K", help="How many changes (default 1)."),
]


@group.command()
def undo(ctx: typer.Context, count: Count = 1) -> None:
    """Walk back the last change (or the last K), and say what was undone.

    A change made outside shishi since the last one is kept as a version first, and is the
    first thing undone. A year's file that is damaged is left as it is: going back to a version
    with another plan of that year is refused until the file is mended (see restore).

    \b
    Examples:
      shishi undo
      shishi undo -n 3
    """
    from ..render.versions import moved_lines

    path = options(ctx).store_path
    with store.session(path, at=now(), timeout=lock_timeout(), thorough=True) as held:
        moved = held.undo(count, found_summary(held))
    say(ctx, moved_lines(moved, forward=False))
    damage_note(ctx, held.damaged)  # left as it is


@group.command()
def redo(ctx: typer.Context, count: Count = 1) -> None:
    """Walk forward again over changes undone (the next, or the next K), until a new change is made.

    \b
    Examples:
      shishi redo
      shishi redo -n 3
    """
    from ..render.versions import moved_lines

    path = options(ctx).store_path
    with store.session(path, at=now(), timeout=lock_timeout(), thorough=True) as held:
        moved = held.redo(count, found_summary(held))
    say(ctx, moved_lines(moved, forward=True))
    damage_note(ctx, held.damaged)  # left as it is


@group.command()
def versions(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
    keep: Annotated[
        int | None,
        typer.Option(
            "--keep",
            min=2,
            max=1000,
            metavar="N",
            help="Keep the last N versions from now on (default 30); older ones are deleted.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List the kept versions of the store, newest first: the current one, those redo leads to.

    Every change shishi makes is kept as a numbered version in the folder STORE.versions beside
    the store: a copy of the store file, and of each year's file it names.

    \b
    Examples:
      shishi versions
      shishi versions --format json
      shishi versions --keep 60
    """
    from ..render.versions import kept_text, render_versions

    path = options(ctx).store_path
    kept_here = store.versions_folder(path).exists()
    if not kept_here and not path.exists():
        store.read_bytes(path)  # no store, and nothing kept: say so
    if keep is not None:
        with store.session(
            path, at=now(), timeout=lock_timeout(), missing_ok=kept_here, thorough=True
        ) as held:
            dropped = held.set_keep(keep)
        say(ctx, kept_text(keep, dropped))
        return
    look = store.look(path)
    render_versions(look, fmt.value, out(ctx))
    if look.live is None or look.outside:  # missing or changed outside shishi: is it sound?
        store.read_store(path)  # a missing or damaged store or year: the error names how to mend it


@group.command()
def restore(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(metavar="VERSION", help="A version's number ('shishi versions').")],
) -> None:
    """Put back a kept version as a new version (itself undoable).

    Works when the store is damaged or missing: a damaged file is kept as a version first.
    A version that does not validate is never put back.

    \b
    Example:
      shishi restore 12
    """
    from ..render.versions import restored_text

    path = options(ctx).store_path
    kept_here = store.versions_folder(path).exists()
    if not kept_here and not path.exists():
        store.read_bytes(path)  # no store, and nothing kept: say so
    with store.session(path, at=now(), timeout=lock_timeout(), missing_ok=kept_here, thorough=True) as held:
        made, chosen = held.restore(number, found_summary(held))
        back = held.kept.back()  # what undo would walk: the file replaced first
    say(ctx, restored_text(made, chosen, back))
