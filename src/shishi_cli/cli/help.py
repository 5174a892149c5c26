"""Help pages and click's own messages in the interface language (the one place that patches typer).

Help texts are written in English in the commands' docstrings and options; `speak()` swaps in
their translations, paragraph by paragraph, on the click objects built for this run, before
click formats anything. Click counts one column per character when it wraps a help page;
Chinese takes two (in Chinese help, and in the examples of English help), so a help page is
wrapped by a wrapper that measures what a terminal shows.
"""

from __future__ import annotations

import re
from typing import Any

import typer
from typer.core import TyperCommand

from ..i18n import N_, _, activate, language

# The typer releases whose vendored click this module patches (typer.core._, click's TextWrapper,
# term_len and HelpFormatter.write_heading): 0.26 up to, not including, 0.29. A test fails when
# the installed typer is outside it; at run time an unknown typer keeps its own help layout.
PATCHED_TYPER = ((0, 26), (0, 29))


def typer_is_patched(version: str = typer.__version__) -> bool:
    """Whether `version` of typer is one whose help machinery this module knows."""
    parts = tuple(int(p) for p in re.findall(r"\d+", version)[:2])
    low, high = PATCHED_TYPER
    return low <= parts < high


class Speaking:
    """A help page in the interface language (click's own words too: the usage line, --help's
    help), wrapped by the columns its text takes on a terminal."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        if typer_is_patched():
            _wrap_by_width()
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), _("Usage: "))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class ShishiCommand(Speaking, TyperCommand):
    """A shishi command: its help in the interface language."""


# What click and typer say themselves, marked here so that the catalog carries them.
_CLICK_MESSAGES = (
    N_("Usage: "),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("(dynamic)"),
    N_("Show this message and exit."),
)


def speak(lang: str, group: Any) -> None:
    """Use `lang` from now on, in shishi's messages and in the help texts of `group`'s commands."""
    activate(lang)
    if typer_is_patched():
        typer.core._ = _  # type: ignore[attr-defined] # typer's own words ("Options", "default: …")
    if lang != "en":
        _translate_help(group)
    _short_help(group)


def _short_help(group: Any) -> None:
    """A command's line in the list of commands: its help's first paragraph, whole (click would
    cut it at 45 characters with "...")."""
    for command in getattr(group, "commands", {}).values():
        if command.help and not command.short_help:
            command.short_help = command.help.split("\n\n")[0].replace("\n", " ")


def _translate_help(command: Any) -> None:
    """Help texts paragraph by paragraph; an example block keeps its command lines as they are."""
    if command.help:
        command.help = translate_help(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = translate_help(param.help)
        if hasattr(param.type, "_describe_range"):  # click's "1<=x<=12" in help: "1至12"
            param.type._describe_range = _range_words(param.type)
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub)


def translate_help(text: str) -> str:
    return "\n\n".join(_translate_paragraph(p) for p in text.split("\n\n"))


def _translate_paragraph(paragraph: str) -> str:
    if paragraph.startswith("\b\n"):  # click's mark for a block kept as written
        heading, _sep, rest = paragraph[2:].partition("\n")
        return f"\b\n{_(heading)}\n{rest}" if rest else f"\b\n{_(heading)}"
    return _(paragraph)


def _range_words(kind: Any) -> Any:
    """A number range as people write it, for the help of an option (click writes 1<=x<=12)."""
    low, high = kind.min, kind.max

    def describe() -> str:
        if language() == "en":  # (the click objects may outlive a run in another language)
            return str(type(kind)._describe_range(kind))
        if low is not None and high is not None:
            return _("{low} to {high}").format(low=low, high=high)
        if low is not None:
            return _("{low} or more").format(low=low)
        return _("{high} or less").format(high=high)

    return describe


# A command's argument named by its metavar in click's usage errors ('NUMBER'), said in words too.
_METAVAR_WORDS = {
    "NUMBER": N_("number"), "ID": N_("indicator id"), "INDICATOR": N_("indicator id"),
    "NAME": N_("full name"), "TITLE": N_("title"), "PROJECT": N_("project number"),
    "VALUE": N_("figure"), "LADDER": N_("escalation ladder"), "DEPT": N_("department"),
    "REGION": N_("region"), "PERCENT": N_("percent"), "FILE": N_("file"), "FILE...": N_("file"),
    "TEXT": N_("text"), "INTEGER": N_("whole number"), "add|answer|list": N_("what to do"),
    "[ID|NUMBER]": N_("indicator id or follow-up number"),
}  # fmt: skip


def _metavars_in_words(hint: str) -> str:
    """'NUMBER' as NUMBER（编号）: a metavar is English, and says little to a Chinese reader."""

    def word(found: re.Match[str]) -> str:
        metavar = found[1]
        if metavar not in _METAVAR_WORDS:
            return found[0]
        return _("{metavar} ({word})").format(metavar=metavar, word=_(_METAVAR_WORDS[metavar]))

    return re.sub(r"'([^']+)'", word, hint)


def help_messages(command: Any) -> list[str]:
    """Every help msgid `_translate_help` looks up, for the catalog."""
    found: list[str] = []
    texts = [command.help] + [getattr(p, "help", None) for p in command.params]
    for text in filter(None, texts):
        for paragraph in text.split("\n\n"):
            found.append(paragraph[2:].partition("\n")[0] if paragraph.startswith("\b\n") else paragraph)
    for sub in getattr(command, "commands", {}).values():
        found += help_messages(sub)
    return found


def click_message(error: typer.TyperException) -> str:
    """Click words its own errors in English; the commonest ones are said again in Chinese."""
    english = str(error.format_message())
    if language() == "en":
        return english
    kind = type(error).__name__
    param = getattr(error, "param", None)
    context = getattr(error, "ctx", None)
    hint = _metavars_in_words(param.get_error_hint(context)) if param is not None else ""
    if kind == "NoSuchOption":
        message = _("no such option: {option}").format(option=getattr(error, "option_name", ""))
        possible = sorted(getattr(error, "possibilities", None) or ())
        return message + (
            _(" (did you mean {options}?)").format(options=", ".join(possible)) if possible else ""
        )
    if kind == "MissingParameter" and hint:
        return _("missing {parameter}").format(parameter=hint)
    if kind == "BadParameter" and hint:
        reason = str(getattr(error, "message", ""))
        kind_of = getattr(param, "type", None)
        low, high = getattr(kind_of, "min", None), getattr(kind_of, "max", None)
        if (found := re.fullmatch(r"(.*) is not in the range .*\.", reason)) and low is not None:
            if high is not None:
                reason = _("{value} is not from {low} to {high}").format(value=found[1], low=low, high=high)
            else:
                reason = _("{value} is not {low} or more").format(value=found[1], low=low)
        elif found := re.fullmatch(r"(.*) is not a valid (?:integer|int|int range)\.", reason):
            reason = _("{value} is not a whole number").format(value=found[1])
        elif found := re.fullmatch(r"(.*) is not one of (.*)\.", reason):
            reason = _("{value} is not one of {choices}").format(value=found[1], choices=found[2])
        return _("invalid value for {parameter}: {reason}").format(parameter=hint, reason=reason)
    if found := re.fullmatch(r"Option '(.*)' requires an argument\.", english):
        return _("option {option} needs a value").format(option=found[1])
    if found := re.fullmatch(r"Option '(.*)' does not take a value\.", english):
        return _("option {option} takes no value").format(option=found[1])
    if found := re.fullmatch(r"(.*?)\.? Did you mean (.*)\?", english):  # typer's suggestion
        return found[1] + _(" (did you mean {options}?)").format(options=found[2])
    if found := re.fullmatch(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", english):
        return _("unexpected extra arguments: {arguments}").format(arguments=found[1])
    return english


# --- wrapping by display width -----------------------------------------------------------------


def _columns(text: str) -> int:
    """Columns `text` takes on a terminal, counted character by character: a help page is short,
    and this spares it compiling text.cell_width's pattern, made for tables of thousands."""
    if text.isascii():
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(ch) else 2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _breakable(text: str) -> list[str]:
    """Each wide character on its own (a line may break before any), other runs kept whole."""
    from unicodedata import east_asian_width

    pieces: list[str] = []
    run = ""
    for ch in text:
        if east_asian_width(ch) in "WF":
            if run:
                pieces.append(run)
                run = ""
            pieces.append(ch)
        else:
            run += ch
    return pieces + [run] if run else pieces


# Chinese punctuation that may not begin a line (避头): it stays at the end of the line before.
_NO_LINE_START = frozenset("，。、；：！？）】》」』”’…")
# and that may not end one (避尾): it goes down with what follows it.
_NO_LINE_END = frozenset("（【《「『“‘")


def _wrap_by_width() -> None:
    """Give click's help formatter a wrapper and a measure that count a Chinese character as two
    columns (once per process; they measure ASCII text exactly as click's own do)."""
    from typer._click import _compat, _textwrap, formatting

    if getattr(formatting, "_shishi_wraps_by_width", False):
        return

    class CellWrapper(_textwrap.TextWrapper):
        def _split(self, text: str) -> list[str]:
            chunks: list[str] = []
            for chunk in super()._split(text):
                chunks.extend([chunk] if chunk.isascii() else _breakable(chunk))
            return chunks

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:
            if all(chunk.isascii() for chunk in chunks):  # English: exactly as click wraps it
                return list(super()._wrap_chunks(chunks))
            lines: list[str] = []
            chunks.reverse()
            while chunks:
                indent = self.subsequent_indent if lines else self.initial_indent
                width = self.width - _columns(indent)
                if lines and not chunks[-1].strip():
                    chunks.pop()  # no space at the start of a line
                    continue
                line: list[str] = []
                used = 0
                while chunks and used + _columns(chunks[-1]) <= width:
                    used += _columns(chunks[-1])
                    line.append(chunks.pop())
                if chunks and chunks[-1] in _NO_LINE_START and len(line) > 1:
                    chunks.append(line.pop())  # the character before it goes down with it
                if chunks and len(line) > 1 and line[-1] in _NO_LINE_END:
                    chunks.append(line.pop())  # an opening bracket goes down to what it opens
                if not line and chunks:  # one word longer than the line: cut it
                    word = chunks.pop()
                    cut = 1
                    while cut < len(word) and _columns(word[: cut + 1]) <= width:
                        cut += 1
                    line.append(word[:cut])
                    chunks.append(word[cut:])
                while line and not line[-1].strip():
                    line.pop()
                if line:
                    lines.append(indent + "".join(line))
            return lines

    def write_heading(self: Any, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}{_(':')}\n")

    # Patched where click looks them up at call time (typer's copy of click, pinned <0.29).
    setattr(_textwrap, "TextWrapper", CellWrapper)  # noqa: B010
    setattr(formatting, "term_len", lambda text: _columns(_compat.strip_ansi(text)))  # noqa: B010
    setattr(formatting.HelpFormatter, "write_heading", write_heading)  # noqa: B010
    setattr(formatting, "_shishi_wraps_by_width", True)  # noqa: B010
