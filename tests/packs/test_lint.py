"""``lint``: advice beyond validity, each warning located at the line it is about."""

from __future__ import annotations

from pathlib import Path

from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.lint import lint_folder, lint_pack
from solecheck.packs.scaffold import StarterValues, write_starter_pack
from tests.conftest import BUILTIN_PACK
from tests.packs.pack_copies import append, copy_builtin, drop_translations, edit, line_text

CONTACT = "there is no way to contact the clinic"


def lint(root: Path) -> list[Diagnostic]:
    pack, diagnostics = lint_folder(root)
    assert pack is not None, diagnostics
    assert all(d.severity == "warning" for d in diagnostics)
    return diagnostics


def about(diagnostics: list[Diagnostic], words: str) -> list[Diagnostic]:
    return [d for d in diagnostics if words in d.message]


def test_builtin_pack_lints_clean_but_for_the_contact_it_never_published(builtin_pack) -> None:  # type: ignore[no-untyped-def]
    diagnostics = lint(BUILTIN_PACK)
    assert len(diagnostics) == 1, diagnostics
    (contact,) = diagnostics
    assert CONTACT in contact.message
    assert (contact.file, contact.path) == ("clinic.toml", "locations[0]")
    assert line_text(BUILTIN_PACK, contact) == "[[locations]]"
    assert lint_pack(builtin_pack) == diagnostics


def test_starter_pack_only_asks_for_contact_details(tmp_path: Path) -> None:
    write_starter_pack(tmp_path / "new", StarterValues())
    assert [CONTACT in d.message for d in lint(tmp_path / "new")] == [True]


def test_any_contact_detail_is_enough(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    append(root, "clinic.toml", 'booking_url = "https://clinic.example/book"\n')
    assert lint(root) == []


def test_exercise_no_routine_uses(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    append(
        root,
        "exercises.toml",
        '\n[[exercises]]\nid = "toe-spread"\ntitle = "Toe spread"\nregion = "foot_sole"\n'
        'steps = ["Spread your toes."]\ncautions = ["Leave the heel alone."]\ndose = { reps = 5 }\n',
    )
    (found,) = about(lint(root), "no routine uses")
    assert found.path == "exercises[7].id"
    assert line_text(root, found) == 'id = "toe-spread"'


def test_question_nothing_reads(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "screening.toml",
        "[[rules]]",
        '[[questions]]\nid = "shoes"\nkind = "yes_no"\ntext = "Shoes on?"\n\n[[rules]]',
    )
    (found,) = about(lint(root), "no rule or show_if reads")
    assert found.path == "questions[6].id" and "'shoes'" in found.message
    assert line_text(root, found) == 'id = "shoes"'


def test_contradictory_conditions_on_one_question(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "screening.toml", '{ question = "pain-level", at_most = 5 }', '{ question = "pain-level", at_most = 2 }')
    (found,) = about(lint(root), "can never fire")
    assert found.path == "rules[4].when"
    assert "'gentler-with-pain'" in found.message
    assert "pain-level at_least 3; pain-level at_most 2" in found.message
    assert line_text(root, found).startswith("when = ")


def test_condition_on_a_question_whose_show_if_contradicts_it(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "screening.toml",
        'when = [{ question = "pain-level", at_least = 6 }]',
        'when = [{ question = "pain-level", at_least = 6 }, { question = "pain-today", equals = false }]',
    )
    (found,) = about(lint(root), "can never fire")
    assert "'stop-high-pain'" in found.message
    assert "pain-today equals false" in found.message
    assert "'pain-level' is asked only when pain-today equals true" in found.message


def test_any_rule_fires_when_one_condition_can(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "screening.toml",
        'when = [{ question = "pain-level", at_least = 6 }]',
        'match = "any"\n'
        'when = [{ question = "pain-level", at_least = 6 }, { question = "pain-today", equals = false }]',
    )
    assert about(lint(root), "can never fire") == []


def test_question_that_can_never_be_asked(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "screening.toml",
        'show_if = [{ question = "pain-today", equals = true }]',
        'show_if = [{ question = "pain-today", equals = true }, { question = "pain-today", equals = false }]',
    )
    diagnostics = lint(root)
    (never_asked,) = about(diagnostics, "can never be asked")
    assert never_asked.path == "questions[4].show_if"
    # and so every rule reading it can never fire
    assert len(about(diagnostics, "can never fire")) == 2


def test_routine_out_of_order_and_not_starting_at_the_foot(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "routines.toml",
        '  { exercise = "sole-ball-roll" },\n  { exercise = "calf-wall-stretch" },',
        '  { exercise = "calf-wall-stretch" },\n  { exercise = "sole-ball-roll" },',
    )
    diagnostics = lint(root)
    (start,) = about(diagnostics, "starts with 'calf-wall-stretch'")
    assert start.path == "routines[0].steps[0].exercise"
    (order,) = about(diagnostics, "comes after")
    assert order.path == "routines[0].steps[1].exercise"


def test_sole_exercise_without_heel_caution(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    drop_translations(root)
    edit(
        root,
        "exercises.toml",
        '  "Stay off the heel bone: pressing hard there can irritate where the plantar fascia attaches.",\n',
        "",
    )
    (found,) = about(lint(root), "no caution mentions the heel")
    assert found.path == "exercises[0].cautions"
    assert line_text(root, found) == "cautions = ["


def test_heel_caution_in_another_language(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "pack.toml", 'language = "en-CA"', 'language = "fr-CA"')
    assert about(lint(root), "heel") != []
    edit(root, "exercises.toml", "Stay off the heel bone", "Évitez le talon")
    assert about(lint(root), "heel") == []


def test_very_long_text(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    long_step = "Press gently " * 15
    edit(
        root,
        "exercises.toml",
        '"Pause on tender spots and let the muscles soften before moving on."',
        f'"{long_step.strip()}"',
    )
    (found,) = about(lint(root), "characters long")
    assert found.path == "exercises[0].steps[2]"
    assert "keep it under 160" in found.message


def test_invalid_pack_gives_errors_and_no_advice(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }")
    pack, diagnostics = lint_folder(root)
    assert pack is None
    assert [d.severity for d in diagnostics] == ["error"]


def test_a_disclaimer_longer_than_the_home_screen_shows_is_flagged(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    paragraphs = "\n\n".join(
        ["A paragraph of advice that runs a little past one line of the home screen, so it wraps."] * 5
    )
    edit(
        root,
        "pack.toml",
        "contact the clinic before you start.",
        "contact the clinic before you start.\n\n" + paragraphs,
    )
    (found,) = about(lint(root), "on an 80×24 screen the disclaimer takes")
    assert (found.file, found.path) == ("pack.toml", "disclaimer")
    assert line_text(root, found).startswith("disclaimer = ")
    assert "takes 18 rows of 75 characters (blank lines count); the home screen shows 6 and the rest only" in (
        found.message
    )
    assert "keep it to 6 rows" in found.message
    assert len(found.message) < 300 and "characters long" not in " ".join(d.message for d in lint(root))


def test_a_disclaimer_of_six_rows_is_shown_whole(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "pack.toml",
        "contact the clinic before you start.",
        "contact the clinic before you start.\n" + "Row.\n" * 3,
    )
    assert about(lint(root), "80×24") == []
    edit(root, "pack.toml", "Row.\n", "Row.\nRow.\n")
    assert about(lint(root), "80×24") != []


def test_a_choice_with_more_options_than_number_keys(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    more = "".join(f'  {{ id = "extra-{n}", label = "Extra {n}" }},\n' for n in range(7))
    edit(root, "screening.toml", '  { id = "no", label = "No" },\n', '  { id = "no", label = "No" },\n' + more)
    (found,) = about(lint(root), "number keys")
    assert (found.file, found.path) == ("screening.toml", "questions[5].options")
    assert found.message == (
        "'floor' has 10 options but only the first 9 can be picked with the number keys 1–9; keep it to 9 or "
        "split the question"
    )
    edit(root, "screening.toml", more.splitlines(keepends=True)[-1], "")
    assert about(lint(root), "number keys") == []


def test_lint_lists_what_each_translation_leaves_untranslated(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "translations/fr.toml", 'title = "Des pieds au dos"\n', "")
    edit(root, "translations/es.toml", 'no = "No"\n', "")
    edit(root, "translations/es.toml", 'cues = ["Suelte el aire mientras acerca las rodillas."]\n', "")
    found = [d for d in lint(root) if d.file.startswith("translations/")]
    assert {d.message for d in found} == {"not translated yet; shown in the main language (en-CA)"}
    assert [(d.file, d.path) for d in found] == [
        ("translations/es.toml", "exercises.knees-to-chest.cues"),
        ("translations/es.toml", "screening.questions.floor.options.no"),
        ("translations/fr.toml", "routines.foot-to-spine.title"),
    ]
    # Each is located at the table it belongs in, where the translator adds it.
    assert [line_text(root, d) for d in found] == [
        "[exercises.knees-to-chest]", "[screening.questions.floor.options]", "[routines.foot-to-spine]",
    ]


def test_lint_lists_an_untranslated_alt_text(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    text = (root / "translations/es.toml").read_text(encoding="utf-8")
    start = text.index("pictures_alt = [", text.index("[education.four-layers]"))
    edit(root, "translations/es.toml", text[start : text.index("]\n", start) + 2], "")
    (found,) = [d for d in lint(root) if d.file.startswith("translations/")]
    assert (found.file, found.path) == ("translations/es.toml", "education.four-layers.pictures_alt")
    assert found.message == "not translated yet; shown in the main language (en-CA)"
    assert line_text(root, found) == "[education.four-layers]"


def test_a_complete_translation_has_nothing_to_list() -> None:
    assert [d for d in lint(BUILTIN_PACK) if d.file.startswith("translations/")] == []
