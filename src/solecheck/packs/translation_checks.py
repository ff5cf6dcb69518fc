"""Checks of a translation file against its pack: its language tag, and that every text it gives has a
text of the same kind in the pack (an id the pack has, a field the item fills, a list of the same length).

Each problem is a :class:`~solecheck.packs.diagnostics.Diagnostic` naming the translation file, the
line and the key, like every other pack problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from solecheck.i18n import N_, _, ngettext
from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.translation_models import LANGUAGE_TAG, PICTURES_ALT, translation_tag
from solecheck.packs.translations import TextKey, TextValue, format_key

Locate = Callable[[str], int | None]
"""The line of a key path (``exercises.plantar-roll.title``) in the translation file."""

_UNKNOWN_ID: dict[TextKey, str] = {
    ("clinic", "locations"): N_("no location in clinic.toml is called {id!r}"),
    ("education",): N_("no education text in education.toml has the id {id!r}"),
    ("exercises",): N_("no exercise in exercises.toml has the id {id!r}"),
    ("routines",): N_("no routine in routines.toml has the id {id!r}"),
    ("screening", "questions"): N_("no question in screening.toml has the id {id!r}"),
    ("screening", "rules"): N_("no rule in screening.toml has the id {id!r}"),
}
"""Tables keyed by the pack's ids (or location names), and what is said of an id the pack lacks."""


def check_language(name: str, main_language: str | None) -> list[Diagnostic]:
    """Problems with the language tag a translation file's name carries (``translations/fr-CA.toml``)."""
    tag = translation_tag(name) or ""
    if not LANGUAGE_TAG.fullmatch(tag):
        message = _("{tag!r} is not a BCP 47 language tag such as fr or fr-CA; name the file after its language")
        return [Diagnostic(name, None, "", message.format(tag=tag))]
    if main_language is not None and tag.casefold() == main_language.casefold():
        message = _(
            "{tag} is the pack's main language (pack.toml: language); its texts belong in the pack files, "
            "so this file is not needed"
        )
        return [Diagnostic(name, None, "", message.format(tag=tag))]
    return []


def check_texts(
    name: str, given: dict[TextKey, TextValue], known: dict[TextKey, TextValue], locate: Locate
) -> list[Diagnostic]:
    """A diagnostic for each text of a translation (``given``) that has no text of its kind in the pack
    (``known``, from :func:`~solecheck.packs.translations.pack_texts`)."""
    found: list[Diagnostic] = []
    reported: set[TextKey] = set()
    for key, value in given.items():
        if key in known:
            original = known[key]
            if isinstance(original, tuple) and isinstance(value, tuple) and len(value) != len(original):
                message = ngettext(
                    "has {count} item but the pack has {original}; translate each item, in the same order",
                    "has {count} items but the pack has {original}; translate each item, in the same order",
                    len(value),
                ).format(count=len(value), original=len(original))
                found.append(Diagnostic(name, locate(format_key(key)), format_key(key), message))
            continue
        depth = _known_depth(key, known)
        culprit = key[: depth + 1]
        if culprit in reported:
            continue
        reported.add(culprit)
        path = format_key(culprit)
        found.append(Diagnostic(name, locate(path), path, _unknown_message(culprit, known)))
    return found


def _known_depth(key: TextKey, known: dict[TextKey, TextValue]) -> int:
    """How many parts of ``key`` lead to texts of the pack."""
    depth = 0
    while depth < len(key) and any(k[: depth + 1] == key[: depth + 1] for k in known):
        depth += 1
    return depth


def _known_items(known: dict[TextKey, TextValue]) -> set[TextKey]:
    """The keys of the pack's items that have texts (``("exercises", "cat-cow")``): every key's parents."""
    return {key[:depth] for key in known for depth in range(1, len(key))}


def _unknown_message(culprit: TextKey, known: dict[TextKey, TextValue]) -> str:
    parent, last = culprit[:-1], culprit[-1]
    siblings = sorted({k[len(parent)] for k in known if k[: len(parent)] == parent and len(k) > len(parent)})
    close = difflib.get_close_matches(last, siblings, n=1, cutoff=0.6)
    if last == PICTURES_ALT and parent in _known_items(known):
        return _("{id!r} has no pictures in the pack, so it has no alt text to translate").format(id=parent[-1])
    if parent in _UNKNOWN_ID:
        message = _(_UNKNOWN_ID[parent]).format(id=last)
    elif parent[-1:] == ("options",):
        message = _("question {question!r} has no option {option!r}").format(question=parent[-2], option=last)
    elif siblings and not close:
        return _("{key!r} has no text to translate in the pack; it has {known}").format(
            key=last, known=", ".join(siblings)
        )
    else:
        message = _("{key!r} has no text to translate in the pack").format(key=last)
    return _("{message}; did you mean {close!r}?").format(message=message, close=close[0]) if close else message
