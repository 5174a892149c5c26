"""Keep the Chinese message catalog in step with the code (needs Babel: pip install -e '.[dev]').

    python scripts/catalog.py update    # add the code's new messages to the .po, drop the gone ones
    python scripts/catalog.py compile   # .po -> .mo, the file the package ships and gettext reads
    python scripts/catalog.py check     # exit 1 listing what is untranslated, stale or mismatched
    python scripts/catalog.py translate FILE.json   # fill in translations: {"msgid": "译文", ...}
                                        # (a plural's value is a list; "context\x04msgid" for pgettext)

Messages are what the code passes to `_()`, `N_()` and `ngettext()` (and to `said()` and
`said_plural()`, which keep a message to say later), and every paragraph of the commands' help
texts (what `cli.translate_help` looks up).
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "shishi_cli"
PO = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "shishi.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{([A-Za-z_]*(?:![rs])?)(?::[^{}]*)?\}")  # the name and conversion, not the format

Message = tuple[str | tuple[str, str], str | None]  # (msgid or (singular, plural), context)


def code_messages() -> dict[Message, list[str]]:
    """(msgid or (singular, plural), context) -> where it is used."""
    found: dict[Message, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            key: Message | None = None
            if node.func.id in ("_", "N_", "said") and len(texts) == 1:
                key = (texts[0], None)
            elif node.func.id in ("ngettext", "said_plural") and len(texts) == 2:
                key = ((texts[0], texts[1]), None)
            elif node.func.id in ("pgettext", "NP_") and len(texts) == 2:
                key = (texts[1], texts[0])
            if key is not None:
                found.setdefault(key, []).append(f"{where}:{node.lineno}")
    sys.path.insert(0, str(ROOT / "src"))
    import typer.main

    from shishi_cli import cli
    from shishi_cli.cli import help as cli_help

    for text in cli_help.help_messages(typer.main.get_command(cli.app)):
        found.setdefault((text, None), []).append("--help")
    return found


def read_catalog() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="zh_Hans_CN", domain="shishi")


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    messages = code_messages()
    old = read_catalog() if PO.exists() else Catalog(locale="zh_Hans_CN", domain="shishi")
    new = Catalog(
        locale="zh_Hans_CN",
        domain="shishi",
        project="shishi",
        version="1",
        msgid_bugs_address="the shishi issue tracker",
        last_translator="shishi developers",
        language_team="shishi developers",
        header_comment="# Chinese (Simplified) messages of shishi. Update: python scripts/catalog.py update",
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        fuzzy=False,
    )
    for (msgid, context), places in sorted(messages.items(), key=lambda item: item[1][0]):
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        before = old.get(key, context=context)
        string: str | tuple[str, ...] = before.string if before is not None else ""
        if isinstance(msgid, tuple) and not isinstance(string, tuple):
            string = (string,)
        files = sorted({p.rsplit(":", 1)[0] for p in places})
        new.add(msgid, string, locations=[(f, None) for f in files], context=context)
    out = io.BytesIO()
    write_po(out, new, width=100, omit_header=False, no_location=False, include_lineno=False)
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(out.getvalue())


def problems() -> list[str]:
    found: list[str] = []
    messages = code_messages()
    catalog = read_catalog()
    for (msgid, context), places in messages.items():
        entry = catalog.get(msgid[0] if isinstance(msgid, tuple) else msgid, context=context)
        strings = entry.string if entry is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or not all(strings):
            found.append(f"{places[0]}: not translated: {msgid!r}")
            continue
        if entry.fuzzy:
            found.append(f"{places[0]}: marked fuzzy: {msgid!r}")
        wanted = set(PLACEHOLDER.findall(msgid if isinstance(msgid, str) else msgid[1]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                found.append(f"{places[0]}: placeholders differ: {msgid!r} -> {string!r}")
    known = {(m.id, m.context) for m in catalog if m.id}
    for stale in known - set(messages):
        found.append(f"{PO.name}: no longer in the code: {stale[0]!r}")
    if not MO.exists() or MO.read_bytes() != compiled(catalog):
        found.append(f"{MO.name} is out of date: run python scripts/catalog.py compile")
    return found


def translate(path: Path) -> None:
    """Set the translations a JSON file gives, then update and compile."""
    import json

    given = json.loads(path.read_text(encoding="utf-8"))
    update()
    catalog = read_catalog()
    for key, string in given.items():
        context, _sep, msgid = key.rpartition("\x04")
        entry = catalog.get(msgid, context=context or None)
        if entry is None:
            raise SystemExit(f"not a message of the code: {key!r}")
        entry.string = tuple(string) if isinstance(string, list) else string
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, no_location=False, include_lineno=False)
    PO.write_bytes(out.getvalue())
    MO.write_bytes(compiled(read_catalog()))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "translate" and len(argv) == 2:
        translate(Path(argv[1]))
    elif command == "update":
        update()
    elif command == "compile":
        MO.write_bytes(compiled(read_catalog()))
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
