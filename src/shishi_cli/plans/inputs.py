"""Texts and owners a user typed for a plan, project or indicator, checked before they are taken."""

from __future__ import annotations

from shishi_cli.errors import InputError
from shishi_cli.i18n import N_, _

# What a required text may be, with its sentences: (empty, hint for empty, too long).
_TEXT_MESSAGES = {
    "title": (
        N_("the title is empty"),
        N_("give a title"),
        N_("the title is {length} characters long"),
    ),
    "name": (
        N_("the name is empty"),
        N_("give a name"),
        N_("the name is {length} characters long"),
    ),
    "stage name": (
        N_("the stage name is empty"),
        N_("give a stage name"),
        N_("the stage name is {length} characters long"),
    ),
}


def require_text(text: str, what: str) -> None:
    """`what` is a key of _TEXT_MESSAGES: title, name or stage name."""
    empty, give, too_long = _TEXT_MESSAGES[what]
    if not text.strip():
        raise InputError(_(empty), hint=_(give))
    if len(text) > 1000:
        raise InputError(_(too_long).format(length=len(text)), hint=_("1000 at most"))


def clean_owners(owners: list[str]) -> list[str]:
    cleaned: list[str] = []
    for owner in owners:
        owner = owner.strip()
        if not owner:
            raise InputError(_("an --owner is empty"), hint=_("name the department"))
        if len(owner) > 200:
            raise InputError(_("an --owner is longer than 200 characters"), hint=_("name the department"))
        if owner not in cleaned:
            cleaned.append(owner)
    return cleaned
