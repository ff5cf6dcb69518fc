"""``diff``: what changed between two versions of a pack, for a clinic's changelog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solecheck.packs.diff import diff_packs, format_diff
from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from tests.packs.pack_copies import append, copy_builtin, edit


@pytest.fixture
def new_version(tmp_path: Path) -> Pack:
    """Version 1.2.0 of the built-in pack: one exercise renamed and re-dosed, one dropped, one added,
    a routine re-ordered, a rule tightened, a question added, screening validity and the pain limit changed."""
    root = copy_builtin(tmp_path)
    for translation in ("translations/fr.toml", "translations/es.toml"):  # cat-cow goes: so do its translations
        text = (root / translation).read_text(encoding="utf-8")
        start, end = text.index("[exercises.cat-cow]"), text.index("[screening]")
        (root / translation).write_text(text[:start] + text[end:], encoding="utf-8")
    edit(root, "pack.toml", 'version = "1.1.0"', 'version = "1.2.0"')
    edit(root, "exercises.toml", 'title = "Sole roll on a ball"', 'title = "Sole roll"')
    edit(root, "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 90 }")
    text = (root / "exercises.toml").read_text(encoding="utf-8")
    (root / "exercises.toml").write_text(text[: text.index('[[exercises]]\nid = "cat-cow"')], encoding="utf-8")
    append(
        root,
        "exercises.toml",
        '[[exercises]]\nid = "toe-spread"\ntitle = "Toe spreading"\nregion = "foot_sole"\n'
        'steps = ["Spread the toes."]\ncautions = ["Keep off the heel."]\ndose = { reps = 10 }\n',
    )
    edit(root, "routines.toml", '  { exercise = "cat-cow" },\n', "")
    edit(
        root,
        "routines.toml",
        '  { exercise = "sole-ball-roll" },\n  { exercise = "calf',
        '  { exercise = "sole-ball-roll" },\n  { exercise = "toe-spread" },\n  { exercise = "calf',
    )
    edit(root, "screening.toml", "valid_for_days = 7", "valid_for_days = 14")
    edit(root, "screening.toml", "at_least = 6", "at_least = 7")
    edit(
        root,
        "screening.toml",
        "[[rules]]",
        '[[questions]]\nid = "shoes"\nkind = "yes_no"\ntext = "Shoes on?"\n\n[[rules]]',
    )
    edit(root, "session.toml", "limit = 5", "limit = 6")
    return load_pack(root)


def test_no_changes(builtin_pack: Pack) -> None:
    diff = diff_packs(builtin_pack, builtin_pack)
    assert diff.empty and not diff.screening_changed
    assert "No changes" in format_diff(diff)


def test_every_kind_of_change_is_listed(builtin_pack: Pack, new_version: Pack) -> None:
    diff = diff_packs(builtin_pack, new_version)
    found = {(c.section, c.kind, c.id) for c in diff.changes}
    assert found == {
        ("exercises", "added", "toe-spread"),
        ("exercises", "removed", "cat-cow"),
        ("exercises", "changed", "sole-ball-roll"),
        ("routines", "changed", "foot-to-spine"),
        ("questions", "added", "shoes"),
        ("rules", "changed", "stop-high-pain"),
        ("screening", "changed", "valid_for_days"),
        ("pain_check", "changed", "limit"),
        ("translations", "changed", "es"),  # cat-cow's texts went with it
        ("translations", "changed", "fr"),
    }
    assert diff.screening_changed
    sole = next(c for c in diff.changes if c.id == "sole-ball-roll")
    assert {(f.field, f.old, f.new) for f in sole.fields} == {
        ("title", '"Sole roll on a ball"', '"Sole roll"'),
        ("dose", "60 s", "90 s"),
    }


def test_readable_text(builtin_pack: Pack, new_version: Pack) -> None:
    text = format_diff(diff_packs(builtin_pack, new_version))
    assert text.splitlines()[0] == "thrive-now.foot-first@1.1.0 → thrive-now.foot-first@1.2.0"
    for line in [
        "Exercises",
        "  + toe-spread (Toe spreading)",
        "  - cat-cow (Spine: cat and cow)",
        "  ~ sole-ball-roll (Sole roll)",
        '      title: "Sole roll on a ball" → "Sole roll"',
        "      dose: 60 s → 90 s",
        "      steps: added toe-spread; removed cat-cow",
        "      when: added pain-level at_least 7; removed pain-level at_least 6",
        "  + shoes (Shoes on?)",
        "  ~ valid_for_days: 7 → 14",
        "  ~ limit: 5 → 6",
        "The screening changed: screenings taken under the old version no longer count.",
    ]:
        assert line in text.splitlines(), line


def test_json(builtin_pack: Pack, new_version: Pack) -> None:
    document = json.loads(json.dumps(diff_packs(builtin_pack, new_version).to_json()))
    assert document["old"] == "thrive-now.foot-first@1.1.0" and document["new"] == "thrive-now.foot-first@1.2.0"
    limit = next(c for c in document["changes"] if c["section"] == "pain_check")
    assert limit["fields"] == [{"field": "limit", "old": "5", "new": "6", "note": ""}]


def test_reworded_lists_are_summarised(builtin_pack: Pack, tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "exercises.toml", "Hold, breathing slowly.", "Hold and breathe slowly.")
    (change,) = diff_packs(builtin_pack, load_pack(root)).changes
    (steps,) = change.fields
    assert steps.note == "1 of 4 new or reworded"


def test_translations_are_compared_by_language_and_by_text(tmp_path: Path) -> None:
    old = load_pack(copy_builtin(tmp_path, "old"))
    root = copy_builtin(tmp_path, "new")
    edit(root, "translations/fr.toml", 'title = "Des pieds au dos"', 'title = "Du pied au dos"')
    (root / "translations" / "es.toml").unlink()
    (root / "translations" / "de.toml").write_text('[routines.sole-only]\ntitle = "Fußsohlen-Pause"\n', "utf-8")
    diff = diff_packs(old, load_pack(root))
    found = [c for c in diff.changes if c.section == "translations"]
    assert [(c.kind, c.id) for c in found] == [("added", "de"), ("removed", "es"), ("changed", "fr")]
    assert [(f.field, f.old, f.new) for f in found[2].fields] == [
        ("routines.foot-to-spine.title", '"Des pieds au dos"', '"Du pied au dos"')
    ]
    assert not diff.screening_changed
    assert "Translations\n  + de\n  - es\n  ~ fr\n      routines.foot-to-spine.title:" in format_diff(diff)


def test_a_reworded_alt_text_in_a_translation_is_named(tmp_path: Path) -> None:
    old = load_pack(copy_builtin(tmp_path, "old"))
    root = copy_builtin(tmp_path, "new")
    edit(root, "translations/fr.toml", "une flèche montre qu'il roule", "une flèche le montre rouler")
    (change,) = diff_packs(old, load_pack(root)).changes
    assert (change.section, change.kind, change.id) == ("translations", "changed", "fr")
    (field,) = change.fields
    assert field.field == "exercises.sole-ball-roll.pictures_alt"
    assert (field.old, field.new, field.note) == ("2 entries", "2 entries", "1 of 2 new or reworded")
