"""The interface language: English, or Chinese from the gettext catalog in `locale/`.

Messages are written in English in the code and marked with `_()` (translated when called) or
`N_()` (only marked; translated where shown). `activate()` loads the catalog once per run;
English needs no catalog, so a script's run never reads one. JSON, CSV and status values are
the scripting contract and never pass through here.

This module is the bottom of the house: it imports nothing of shishi's, and says what went
wrong with plain exceptions that the CLI's error boundary words.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

DOMAIN = "shishi"
LOCALE_DIR = Path(__file__).with_name("locale")


class _Catalog(Protocol):
    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...
    def pgettext(self, context: str, message: str) -> str: ...


class UnknownLanguage(ValueError):
    """A language shishi does not speak, named by `where` (--lang or SHISHI_LANG)."""

    def __init__(self, where: str, value: str) -> None:
        super().__init__(f"{where} {value!r} is not a language shishi speaks")
        self.where = where
        self.value = value


class MissingCatalog(LookupError):
    """The message catalog of a language is not installed."""

    def __init__(self, lang: str, folder: Path) -> None:
        super().__init__(f"the {lang} message catalog is missing from {folder}")
        self.lang = lang
        self.folder = folder


_catalog: _Catalog | None = None
_language = "en"


def _(message: str) -> str:
    """`message` in the interface language."""
    return message if _catalog is None else _catalog.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark `message` for the catalog; it is translated with `_()` where it is shown."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark `message` for the catalog in `context`; it is translated with `pgettext()` where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the interface language."""
    if _catalog is None:
        return singular if n == 1 else plural
    return _catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` as used in `context` (", " between names is "、" in Chinese, elsewhere "，")."""
    return message if _catalog is None else _catalog.pgettext(context, message)


@contextlib.contextmanager
def english() -> Iterator[None]:
    """English for a while, whatever the interface speaks: for what the store records."""
    global _catalog, _language
    saved = _catalog, _language
    _catalog, _language = None, "en"
    try:
        yield
    finally:
        _catalog, _language = saved


def language() -> str:
    """The active language: "en" or "zh"."""
    return _language


def normalise(text: str) -> str | None:
    """ "zh", "zh_CN.UTF-8", "zh-Hans", "中文" -> "zh"; "en", "en_US", "C" -> "en"; else None."""
    tag = text.strip().replace("-", "_").split(".")[0].split("@")[0].lower()
    if tag in ("中文", "chinese") or tag == "zh" or tag.startswith("zh_"):
        return "zh"
    if tag in ("en", "english", "c", "posix") or tag.startswith("en_"):
        return "en"
    return None


def from_locale(environ: Mapping[str, str]) -> str:
    """The language the locale asks for, as gettext reads it: LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            # LANGUAGE may list several ("zh_CN:en"); the first one shishi speaks wins.
            for part in value.split(":") if name == "LANGUAGE" else (value,):
                found = normalise(part)
                if found:
                    return found
            if name != "LANGUAGE":
                return "en"
    return "en"


def activate(lang: str) -> None:
    """Speak `lang` ("en" or "zh") from now on in this process."""
    global _catalog, _language
    if lang == "en":
        _catalog, _language = None, "en"
        return
    import gettext

    try:
        _catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
    except OSError:
        raise MissingCatalog(lang, LOCALE_DIR) from None
    _language = lang


def choose(flag: str | None, environ: Mapping[str, str]) -> str:
    """The language of this run: --lang, else SHISHI_LANG, else the locale."""
    for given, where in ((flag, "--lang"), (environ.get("SHISHI_LANG"), "SHISHI_LANG")):
        if given is not None and (given.strip() or where == "--lang"):
            found = normalise(given)
            if found is None:
                raise UnknownLanguage(where, given)
            return found
    return from_locale(environ)
