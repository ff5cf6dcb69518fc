"""Checks of a translation file against its pack: its language tag, and that every text it gives has a
text of the same kind in the pack (an id the pack has, a field the item fills, a list of the same length).

Each problem is a :class:`~solecheck.packs.diagnostics.Diagnostic` naming the translation file, the
line and the key, like every other pack problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.translation_models import LANGUAGE_TAG, translation_tag
from solecheck.packs.translations import TextKey, TextValue, format_key

Locate = Callable[[str], int | None]
"""The line of a key path (``exercises.plantar-roll.title``) in the translation file."""

_KINDS: dict[TextKey, tuple[str, str]] = {
    ("clinic", "locations"): ("location", "clinic.toml"),
    ("education",): ("education text", "education.toml"),
    ("exercises",): ("exercise", "exercises.toml"),
    ("routines",): ("routine", "routines.toml"),
    ("screening", "questions"): ("question", "screening.toml"),
    ("screening", "rules"): ("rule", "screening.toml"),
}
"""Tables keyed by the pack's ids (or location names): what an entry is, and the file it comes from."""


def check_language(name: str, main_language: str | None) -> list[Diagnostic]:
    """Problems with the language tag a translation file's name carries (``translations/fr-CA.toml``)."""
    tag = translation_tag(name) or ""
    if not LANGUAGE_TAG.fullmatch(tag):
        message = f"{tag!r} is not a BCP 47 language tag such as fr or fr-CA; name the file after its language"
        return [Diagnostic(name, None, "", message)]
    if main_language is not None and tag.casefold() == main_language.casefold():
        message = (
            f"{tag} is the pack's main language (pack.toml: language); its texts belong in the pack files, "
            "so this file is not needed"
        )
        return [Diagnostic(name, None, "", message)]
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
                message = (
                    f"has {len(value)} items but the pack has {len(original)}; translate each item, in the "
                    "same order"
                )
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


def _unknown_message(culprit: TextKey, known: dict[TextKey, TextValue]) -> str:
    parent, last = culprit[:-1], culprit[-1]
    siblings = sorted({k[len(parent)] for k in known if k[: len(parent)] == parent and len(k) > len(parent)})
    close = difflib.get_close_matches(last, siblings, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    if parent in _KINDS:
        kind, file = _KINDS[parent]
        return f"no {kind} in {file} has the id {last!r}{hint}"
    if parent[-1:] == ("options",):
        return f"question {parent[-2]!r} has no option {last!r}{hint}"
    if len(parent) >= 1 and siblings and last not in siblings and not close:
        return f"{last!r} has no text to translate in the pack; it has {', '.join(siblings)}"
    return f"{last!r} has no text to translate in the pack{hint}"
