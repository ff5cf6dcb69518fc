"""Translation files are validated like the rest of a pack: each mistake is an error naming the file, the
line and the key. The broken packs are the built-in pack with one edit to one of its translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from solecheck.packs.diagnostics import Diagnostic, format_diagnostic
from solecheck.packs.loader import check_pack
from tests.packs.pack_copies import copy_builtin, edit, line_number

FR = "translations/fr.toml"


def broken(tmp_path: Path, old: str, new: str, file: str = FR) -> tuple[Path, Diagnostic]:
    """The built-in pack with one edit to a translation, and its one error."""
    root = copy_builtin(tmp_path)
    edit(root, file, old, new)
    pack, diagnostics = check_pack(root)
    assert pack is None
    assert len(diagnostics) == 1, [str(d) for d in diagnostics]
    assert diagnostics[0].severity == "error"
    return root, diagnostics[0]


def test_the_builtin_translations_are_valid_and_read() -> None:
    from tests.conftest import BUILTIN_PACK

    pack, diagnostics = check_pack(BUILTIN_PACK)
    assert diagnostics == [] and pack is not None
    assert sorted(pack.translations) == ["es", "fr"]


def test_an_unknown_exercise_id_is_named_with_the_closest_one(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "[exercises.cat-cow]", "[exercises.cat-cows]")
    assert (found.file, found.path) == (FR, "exercises.cat-cows")
    assert found.line == line_number(root, FR, "[exercises.cat-cows]")
    assert found.message == "no exercise in exercises.toml has the id 'cat-cows'; did you mean 'cat-cow'?"
    assert format_diagnostic(found).startswith(f"{FR}:{found.line}: exercises.cat-cows: no exercise")


def test_an_unknown_question_and_an_unknown_option_are_named(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "[screening.questions.surgery]", "[screening.questions.operation]")
    assert (found.path, found.line) == ("screening.questions.operation", line_number(root, FR, "operation]"))
    assert found.message == "no question in screening.toml has the id 'operation'"
    root, found = broken(tmp_path / "2", 'with-effort = "Oui, mais avec effort"', 'effort = "Oui, mais avec effort"')
    assert found.path == "screening.questions.floor.options.effort"
    assert found.line == line_number(root, FR, 'effort = "Oui, mais')
    assert found.message == "question 'floor' has no option 'effort'; did you mean 'with-effort'?"


def test_a_list_where_a_string_belongs(tmp_path: Path) -> None:
    root, found = broken(tmp_path, 'title = "Dos : le chat et la vache"', 'title = ["Dos", "le chat"]')
    assert (found.path, found.line) == ("exercises.cat-cow.title", line_number(root, FR, 'title = ["Dos"'))
    assert found.message.startswith("must be a valid string, not list")


def test_a_string_where_a_list_belongs(tmp_path: Path) -> None:
    root, found = broken(tmp_path, 'cues = ["Expirez en ramenant les genoux."]', 'cues = "Expirez."')
    assert (found.path, found.line) == ("exercises.knees-to-chest.cues", line_number(root, FR, 'cues = "Expirez."'))
    assert found.message.startswith("must be a valid list")


def test_an_unknown_field_suggests_the_known_one(tmp_path: Path) -> None:
    root, found = broken(tmp_path, 'title = "Des pieds au dos"', 'titel = "Des pieds au dos"')
    assert (found.path, found.line) == ("routines.foot-to-spine.titel", line_number(root, FR, "titel ="))
    assert found.message == "unknown key; did you mean 'title'?"


def test_a_text_the_pack_does_not_have(tmp_path: Path) -> None:
    # The calf stretch has no summary in exercises.toml: there is nothing to translate.
    root, found = broken(
        tmp_path, 'title = "Étirement du mollet contre un mur"\n', 'title = "Mollet"\nsummary = "Un résumé."\n'
    )
    assert (found.path, found.line) == ("exercises.calf-wall-stretch.summary", line_number(root, FR, "summary = \"Un"))
    assert "'summary' has no text to translate in the pack" in found.message


def test_a_list_of_another_length(tmp_path: Path) -> None:
    two = 'cautions = ["Arrêtez.", "Encore."]'
    root, found = broken(tmp_path, 'cautions = ["Arrêtez si votre genou vous fait mal."]', two)
    assert (found.path, found.line) == ("exercises.quad-standing-stretch.cautions", line_number(root, FR, two))
    assert found.message == "has 2 items but the pack has 1; translate each item, in the same order"


def test_a_control_character_is_refused_as_in_every_pack_text(tmp_path: Path) -> None:
    root, found = broken(tmp_path, 'title = "Des pieds au dos"', 'title = "Des pieds\\u001b[31m au dos"')
    assert (found.path, found.line) == ("routines.foot-to-spine.title", line_number(root, FR, "Des pieds\\u001b"))
    assert "control character" in found.message


def test_a_toml_syntax_error_is_located(tmp_path: Path) -> None:
    root, found = broken(tmp_path, 'title = "Des pieds au dos"', 'title = "Des pieds au dos')
    assert found.file == FR and found.line == line_number(root, FR, 'title = "Des pieds au dos')
    assert found.message.startswith("TOML syntax error")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("french.toml", "'french' is not a BCP 47 language tag such as fr or fr-CA; name the file after its language"),
        ("en-CA.toml", "en-CA is the pack's main language (pack.toml: language); its texts belong in the pack files"),
    ],
)
def test_the_file_name_must_be_another_language(tmp_path: Path, name: str, message: str) -> None:
    root = copy_builtin(tmp_path)
    (root / "translations" / "es.toml").rename(root / "translations" / name)
    pack, diagnostics = check_pack(root)
    assert pack is None
    (found,) = diagnostics
    assert (found.file, found.line, found.path) == (f"translations/{name}", None, "")
    assert found.message.startswith(message)


def test_two_files_for_one_language_clash(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "translations" / "FR.toml").write_bytes((root / FR).read_bytes())
    pack, diagnostics = check_pack(root)
    assert pack is None
    assert [d.message for d in diagnostics] == ["FR.toml and fr.toml are both translations/FR.toml; keep one of them"]


def test_a_partial_translation_is_valid(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    german = '[routines.sole-only]\ntitle = "Fußsohlen-Pause"\n'
    (root / "translations" / "de.toml").write_text(german, encoding="utf-8")
    pack, diagnostics = check_pack(root)
    assert diagnostics == [] and pack is not None
    assert pack.translations["de"].routines["sole-only"].title == "Fußsohlen-Pause"


# --- the pictures' alt texts (pictures_alt) ---------------------------------------------------------

ROLL_ALT = "Un pied vu de côté, posé sur une balle sous l'avant du pied"
"""The start of the French alt text of the ball-roll picture, the first of sole-ball-roll's two."""


def test_the_builtin_translations_give_every_alt_text() -> None:
    from tests.conftest import BUILTIN_PACK

    pack, _ = check_pack(BUILTIN_PACK)
    assert pack is not None
    for tag in ("fr", "es"):
        texts = pack.translations[tag]
        assert texts.exercises["sole-ball-roll"].pictures_alt is not None
        assert len(texts.exercises["sole-ball-roll"].pictures_alt) == 2
        assert texts.education["four-layers"].pictures_alt is not None
        assert len(texts.education["four-layers"].pictures_alt) == 1


def test_alt_texts_of_another_count_than_the_pictures(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    text = (root / FR).read_text(encoding="utf-8")
    (line,) = [line for line in text.splitlines() if ROLL_ALT in line]
    root, found = broken(tmp_path / "2", line + "\n", "")
    assert (found.file, found.path) == (FR, "exercises.sole-ball-roll.pictures_alt")
    assert found.line == line_number(root, FR, "pictures_alt", occurrence=2)
    assert found.message == "has 1 item but the pack has 2; translate each item, in the same order"


def test_alt_texts_for_an_item_without_pictures(tmp_path: Path) -> None:
    # The calf stretch names no picture in exercises.toml: there is no alt text to translate.
    old = 'title = "Étirement du mollet contre un mur"\n'
    root, found = broken(tmp_path, old, old + 'pictures_alt = ["Un mollet étiré."]\n')
    assert (found.path, found.line) == (
        "exercises.calf-wall-stretch.pictures_alt",
        line_number(root, FR, 'pictures_alt = ["Un mollet'),
    )
    assert found.message == "'calf-wall-stretch' has no pictures in the pack, so it has no alt text to translate"


def test_one_alt_text_where_a_list_belongs(tmp_path: Path) -> None:
    # Even for an education text with one picture, pictures_alt is a list like the pack's pictures.
    text = (copy_builtin(tmp_path / "read") / FR).read_text(encoding="utf-8")
    start = text.index("pictures_alt = [")
    block = text[start : text.index("]\n", start) + 2]
    root, found = broken(tmp_path, block, 'pictures_alt = "La plante du pied."\n')
    assert (found.path, found.line) == ("education.four-layers.pictures_alt", line_number(root, FR, "pictures_alt"))
    assert found.message.startswith("must be a valid list")


def test_alt_texts_as_the_packs_picture_tables_are_refused_with_where(tmp_path: Path) -> None:
    # Written as in education.toml, { file = …, alt = … }: an alt text is a line of text, not a table.
    text = (copy_builtin(tmp_path / "read") / FR).read_text(encoding="utf-8")
    (line, *_) = [line for line in text.splitlines() if "La plante du pied vue de dessous" in line]
    table = "  { file = \"pictures/sole-areas.png\", alt = " + line.strip().rstrip(",") + " },"
    root, found = broken(tmp_path, line, table)
    assert (found.path, found.line) == ("education.four-layers.pictures_alt[0]", line_number(root, FR, "{ file ="))
    assert found.message.startswith("must be a valid string")


def test_an_alt_text_is_cleaned_and_limited_as_the_packs_own(tmp_path: Path) -> None:
    root, found = broken(tmp_path, ROLL_ALT, "Un pied\\u202e vu de côté")
    assert (found.path, found.line) == ("exercises.sole-ball-roll.pictures_alt[0]", line_number(root, FR, "\\u202e"))
    assert found.message.startswith("contains a control character (U+202E)")
    root, found = broken(tmp_path / "long", ROLL_ALT, "Un pied " + "très " * 80)
    assert found.path == "exercises.sole-ball-roll.pictures_alt[0]"
    assert found.message == "must have at most 300 characters"
