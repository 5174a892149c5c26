"""Names with short names (departments, regions): the ones a mistyped name is nearest, as a
hint lists them. Names are compared as rules.name_key compares them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from shishi_cli import rules
from shishi_cli.i18n import _, pgettext
from shishi_cli.records import DepartmentRecord, RegionRecord
from shishi_cli.rule_messages import raise_refusal
from shishi_cli.rules import name_key

_NEAR = 0.5  # a ratio of difflib's at which a spelling is near enough to list first
_SHOWN = 5  # names a hint gives before it says how many more there are


def named(declared: Iterable[DepartmentRecord | RegionRecord], text: str) -> str | None:
    """The declared name (of records with a `name` and `aliases`) `text` gives, by the full name
    or else a short name; None: none. A full name goes before any short name (check flags a
    short name that is another's name)."""
    key = name_key(text)
    if not key:
        return None
    records = list(declared)
    for record in records:
        if name_key(record["name"]) == key:
            return record["name"]
    for record in records:
        if any(name_key(a) == key for a in record["aliases"]):
            return record["name"]
    return None


def clean(texts: list[str], subject: str = "owner") -> list[str]:
    """Names as given, stripped, each a name a department (or a region: `subject` "region") may
    have, once each."""
    cleaned: list[str] = []
    for text in texts:
        text = text.strip()
        raise_refusal(rules.owner_problems(text, subject))
        if name_key(text) not in {name_key(c) for c in cleaned}:
            cleaned.append(text)
    return cleaned


def closest(names: Sequence[str], short: Mapping[str, Sequence[str]], text: str) -> tuple[str, bool]:
    """`names` as a hint lists them ("市住房城乡建设局 (住建局), 市交通运输局 and 15 more"), closest to
    `text` first when any is near it (one whose name or short name holds the text is), else in
    the plan's order; and whether any was near."""
    import difflib  # only a mistake needs it

    key = name_key(text)

    def score(name: str) -> float:
        spellings = [name_key(s) for s in (name, *short.get(name, ()))]
        if key and any(key in s for s in spellings):
            return 1.0
        return max(difflib.SequenceMatcher(None, key, s).ratio() for s in spellings)

    scores = {n: score(n) for n in names}
    near = any(value >= _NEAR for value in scores.values())
    ranked = sorted(names, key=lambda n: -scores[n]) if near else list(names)  # (stable at a tie)
    shown = [  # (short names are Chinese names: 、 between them in either language)
        _("{name} ({short_names})").format(name=n, short_names="、".join(short[n])) if short.get(n) else n
        for n in ranked
    ]
    listed = shown if len(shown) <= _SHOWN + 1 else shown[:_SHOWN]
    separator = pgettext("list of names", ", ")
    if separator == "、" and any("、" in n for n in names):  # (各区、县（市）人民政府 is one name)
        separator = "；"
    more = _(" and {count} more").format(count=len(shown) - len(listed)) if len(shown) > len(listed) else ""
    return separator.join(listed) + more, near
