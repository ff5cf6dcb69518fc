"""The pack in one of its languages: its languages, the overlay with fallback per text, and translations
carried through cache, archive and install."""

from __future__ import annotations

from pathlib import Path

from solecheck.packs.archive import build_archive, read_archive
from solecheck.packs.cache import PackCache
from solecheck.packs.install import install
from solecheck.packs.loader import load_pack
from solecheck.packs.locations import fingerprint
from solecheck.packs.pack import Pack
from solecheck.packs.translations import (
    in_language,
    matching_language,
    pack_languages,
    pack_texts,
    translated_texts,
    untranslated,
)
from tests.conftest import BUILTIN_PACK
from tests.packs.pack_copies import copy_builtin, edit


def test_languages_list_the_main_language_first(builtin_pack: Pack) -> None:
    assert pack_languages(builtin_pack) == ("en-CA", "es", "fr")


def test_a_language_is_matched_by_tag_then_by_its_primary_language(builtin_pack: Pack) -> None:
    assert [matching_language(builtin_pack, tag) for tag in ("fr", "FR", "fr-CA", "fr_BE", "es-MX", "en", "de")] == [
        "fr", "fr", "fr", "fr", "es", "en-CA", "en-CA",
    ]


def test_the_builtin_translations_are_complete(builtin_pack: Pack) -> None:
    assert untranslated(builtin_pack) == {"es": [], "fr": []}
    assert len(pack_texts(builtin_pack)) == len(translated_texts(builtin_pack.translations["fr"]))


def test_the_pack_in_french_shows_french_texts(builtin_pack: Pack) -> None:
    french = in_language(builtin_pack, "fr-CA")
    assert french.language == "fr" and builtin_pack.language == "en-CA"
    assert french.manifest.name == "Les pieds d'abord"
    assert french.routine("foot-to-spine").title == "Des pieds au dos"
    assert french.exercise("sole-ball-roll").steps[0].startswith("Assoyez-vous")
    assert [o.label for o in french.questions_by_id["floor"].options or []] == [
        "Oui, facilement", "Oui, mais avec effort", "Non",
    ]
    assert french.session.pain_check.ok_message == "Bien. Continuez à un rythme confortable."
    assert french.screening.rules[0].message.startswith("Une blessure")


def test_what_a_person_reads_changes_and_nothing_else(builtin_pack: Pack) -> None:
    spanish = in_language(builtin_pack, "es")
    assert [e.id for e in spanish.exercises] == [e.id for e in builtin_pack.exercises]
    assert [e.dose for e in spanish.exercises] == [e.dose for e in builtin_pack.exercises]
    assert [r.when for r in spanish.screening.rules] == [r.when for r in builtin_pack.screening.rules]
    assert spanish.session.pain_check.limit == builtin_pack.session.pain_check.limit
    assert (spanish.key, spanish.content_digest) == (builtin_pack.key, builtin_pack.content_digest)
    # A screening answered in English still holds when the app speaks Spanish, and the other way round.
    assert spanish.screening_digest == builtin_pack.screening_digest


def test_a_text_left_out_falls_back_to_the_main_language(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "translations/fr.toml", 'title = "Des pieds au dos"\n', "")
    edit(root, "translations/fr.toml", 'no = "Non"\n', "")
    pack = load_pack(root)
    french = in_language(pack, "fr")
    assert french.routine("foot-to-spine").title == "Foot to spine"
    assert french.routine("foot-to-spine").description is not None
    assert french.routine("foot-to-spine").description.startswith("La routine complète")
    assert [o.label for o in french.questions_by_id["floor"].options or []] == [
        "Oui, facilement", "Oui, mais avec effort", "No",
    ]
    assert untranslated(pack)["fr"] == [
        ("screening", "questions", "floor", "options", "no"),
        ("routines", "foot-to-spine", "title"),
    ]


def test_the_main_language_and_unknown_languages_give_the_pack_itself(builtin_pack: Pack) -> None:
    assert in_language(builtin_pack, "en") is builtin_pack
    assert in_language(builtin_pack, "de") is builtin_pack
    french = in_language(builtin_pack, "fr")
    assert in_language(french, "en-CA") is builtin_pack
    assert in_language(builtin_pack, "fr-FR") is french  # built once per language
    assert in_language(french, "es").manifest.name == "Primero los pies"


def test_the_cache_keeps_the_translations(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    pack = load_pack(root)
    cache = PackCache(tmp_path / "cache")
    cache.put(root, fingerprint(root), pack, [])
    cached = cache.get(root, "path", fingerprint(root))
    assert cached is not None and cached[0].translations == pack.translations
    assert in_language(cached[0], "fr").exercise("cat-cow").title == "Dos : le chat et la vache"


def test_a_changed_translation_changes_the_fingerprint_and_the_digest(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    before = (fingerprint(root), load_pack(root).content_digest)
    edit(root, "translations/es.toml", "Pausa para la planta", "Pausa de la planta")
    after = (fingerprint(root), load_pack(root).content_digest)
    assert before[0] != after[0] and before[1] != after[1]


def test_archive_and_install_carry_the_translations(tmp_path: Path) -> None:
    archive, pack = build_archive(BUILTIN_PACK, tmp_path)
    contents = read_archive(archive)
    assert {"translations/fr.toml", "translations/es.toml"} <= set(contents.files)
    assert contents.digest == pack.content_digest
    installed = install(archive, tmp_path / "packs")
    again = load_pack(installed.path)
    assert again.translations == pack.translations and again.content_digest == pack.content_digest
    copied = (installed.path / "translations" / "fr.toml").read_bytes()
    assert copied == (BUILTIN_PACK / "translations" / "fr.toml").read_bytes()


def test_the_pictures_alt_texts_are_shown_in_the_language_and_the_files_stay(builtin_pack: Pack) -> None:
    french = in_language(builtin_pack, "fr")
    roll, sole = french.exercise("sole-ball-roll").pictures
    assert roll.alt.startswith("Un pied vu de côté, posé sur une balle")
    assert sole.alt.startswith("La plante du pied vue de dessous")
    (education,) = next(t for t in french.education if t.id == "four-layers").pictures
    assert education.alt == sole.alt
    spanish = in_language(builtin_pack, "es")
    assert spanish.exercise("sole-ball-roll").pictures[0].alt.startswith("Un pie visto de lado")
    # Only the words change: the same picture files, in the same order, in every language.
    for shown in (french, spanish):
        for exercise, original in zip(shown.exercises, builtin_pack.exercises, strict=True):
            assert [p.file for p in exercise.pictures] == [p.file for p in original.pictures]
    assert builtin_pack.exercise("sole-ball-roll").pictures[0].alt.startswith("A foot from the side")


def test_alt_texts_left_out_fall_back_to_the_main_language(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    text = (root / "translations/fr.toml").read_text(encoding="utf-8")
    start = text.index("pictures_alt = [", text.index("[exercises.sole-ball-roll]"))
    edit(root, "translations/fr.toml", text[start : text.index("]\n", start) + 2], "")
    pack = load_pack(root)
    french = in_language(pack, "fr")
    assert [p.alt for p in french.exercise("sole-ball-roll").pictures] == [
        p.alt for p in pack.exercise("sole-ball-roll").pictures
    ]
    assert french.exercise("sole-ball-roll").title == "Rouler la plante du pied sur une balle"
    assert next(t for t in french.education if t.id == "four-layers").pictures[0].alt.startswith("La plante")
    assert untranslated(pack)["fr"] == [("exercises", "sole-ball-roll", "pictures_alt")]


def test_alt_texts_are_texts_of_the_pack_picture_for_picture(builtin_pack: Pack) -> None:
    texts = pack_texts(builtin_pack)
    assert texts[("exercises", "sole-ball-roll", "pictures_alt")] == tuple(
        p.alt for p in builtin_pack.exercise("sole-ball-roll").pictures
    )
    assert ("exercises", "calf-wall-stretch", "pictures_alt") not in texts  # no pictures, nothing to translate
    assert len(translated_texts(builtin_pack.translations["es"])[("education", "four-layers", "pictures_alt")]) == 1
