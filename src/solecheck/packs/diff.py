"""What changed between two versions of a pack: ``solecheck pack diff OLD NEW``.

Items (exercises, questions, rules, routines, education texts) are matched by id and pictures by file
name, so a renamed id shows as one removed and one added: that is what it means for history, which is
kept by id. Settings that change how sessions behave (screening validity, pain-check thresholds and
messages, get-ready time) are compared key by key. Translations are matched by language tag, and their
texts by key. The result is a value, rendered as text for a changelog or as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from solecheck.packs.content import sha256
from solecheck.packs.files import find_pack_files
from solecheck.packs.lint import describe_condition
from solecheck.packs.models import Condition, Dose, RoutineStep
from solecheck.packs.pack import Pack
from solecheck.packs.translations import TextValue, format_key, translated_texts

ChangeKind = Literal["added", "removed", "changed"]

SECTIONS: dict[str, str] = {
    "exercises": "Exercises",
    "routines": "Routines",
    "questions": "Screening questions",
    "rules": "Screening rules",
    "education": "Education texts",
    "pictures": "Pictures",
    "screening": "Screening",
    "pain_check": "Pain check",
    "session": "Session",
    "translations": "Translations",
}


@dataclass(frozen=True)
class FieldChange:
    """One key whose value differs: ``old`` and ``new`` are readable renderings."""

    field: str
    old: str
    new: str
    note: str = ""
    """For lists: which entries were added and removed, or that they were reordered."""


@dataclass(frozen=True)
class Change:
    """An item added, removed or changed in one section (``exercises``, ``pain_check``…)."""

    section: str
    kind: ChangeKind
    id: str
    title: str = ""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class PackDiff:
    """Every change from ``old`` to ``new``, in section order."""

    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    screening_changed: bool = False

    @property
    def empty(self) -> bool:
        return not self.changes

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "screening_changed": self.screening_changed,
            "changes": [asdict(change) for change in self.changes],
        }


def _render(value: Any, limit: int = 70) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f'"{text}"'
    if isinstance(value, Dose):
        return value.describe()
    if isinstance(value, RoutineStep):
        return value.exercise + (f" ({_render(value.dose)})" if value.dose else "")
    if isinstance(value, Condition):
        return describe_condition(value)
    if isinstance(value, BaseModel):
        return ", ".join(f"{k} {_render(v)}" for k, v in value.model_dump(exclude_defaults=True).items())
    if isinstance(value, (list, tuple)):
        text = "[" + "; ".join(_render(v, limit) for v in value) + "]"
        return text if len(text) <= limit * 2 else f"{len(value)} entries"
    return str(value)


def _list_note(before: Any, after: Any) -> str:
    if any(len(_render(v, 1000)) > 40 for v in (*before, *after)):
        new = sum(1 for v in after if v not in before)
        was = f" (was {len(before)})" if len(before) != len(after) else ""
        if not new:
            return f"{len(before) - len(after)} removed{was}" if len(after) < len(before) else "reordered"
        return f"{new} of {len(after)} new or reworded{was}"
    added = [_render(v, 50) for v in after if v not in before]
    removed = [_render(v, 50) for v in before if v not in after]
    parts = [f"added {', '.join(added)}"] if added else []
    parts += [f"removed {', '.join(removed)}"] if removed else []
    return "; ".join(parts) or "reordered"


def _field_changes(old: BaseModel, new: BaseModel, skip: tuple[str, ...] = ("id",)) -> tuple[FieldChange, ...]:
    changes = []
    for name in type(old).model_fields:
        if name in skip:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        note = _list_note(before, after) if isinstance(before, (list, tuple)) else ""
        changes.append(FieldChange(name, _render(before), _render(after), note))
    return tuple(changes)


def _title(item: Any) -> str:
    return str(getattr(item, "title", None) or getattr(item, "text", None) or "")


def _items(section: str, old: Any, new: Any) -> list[Change]:
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    found = []
    for item_id, item in after.items():
        if item_id not in before:
            found.append(Change(section, "added", item_id, _title(item)))
    for item_id, item in before.items():
        if item_id not in after:
            found.append(Change(section, "removed", item_id, _title(item)))
        elif item != after[item_id]:
            found.append(
                Change(section, "changed", item_id, _title(after[item_id]), _field_changes(item, after[item_id]))
            )
    return found


def picture_hashes(pack: Pack) -> dict[str, str]:
    """``pictures/NAME.png`` → SHA-256 of each picture in the pack's folder (none for a pack without one)."""
    if pack.root is None:
        return {}
    found = find_pack_files(pack.root).pictures
    hashes = {}
    for name, path in found.items():
        try:
            hashes[name] = sha256(path.read_bytes())
        except OSError:
            hashes[name] = ""
    return hashes


def _pictures(old: Pack, new: Pack) -> list[Change]:
    """Picture files added, removed or changed in content (by name; a renamed picture is one of each)."""
    before, after = picture_hashes(old), picture_hashes(new)
    found = [Change("pictures", "added", name) for name in sorted(set(after) - set(before))]
    found += [Change("pictures", "removed", name) for name in sorted(set(before) - set(after))]
    found += [
        Change("pictures", "changed", name) for name in sorted(set(before) & set(after)) if before[name] != after[name]
    ]
    return found


def _settings(section: str, old: BaseModel, new: BaseModel, skip: tuple[str, ...]) -> list[Change]:
    return [Change(section, "changed", fc.field, "", (fc,)) for fc in _field_changes(old, new, skip)]


def _translations(old: Pack, new: Pack) -> list[Change]:
    """Languages added and removed, and the texts changed in each language both versions have."""
    found = []
    for tag in sorted(set(old.translations) | set(new.translations)):
        if tag not in old.translations:
            found.append(Change("translations", "added", tag))
        elif tag not in new.translations:
            found.append(Change("translations", "removed", tag))
        else:
            before = translated_texts(old.translations[tag])
            after = translated_texts(new.translations[tag])
            fields = tuple(
                FieldChange(format_key(key), _render(was), _render(now), _text_note(was, now))
                for key in dict.fromkeys([*before, *after])
                if (was := before.get(key)) != (now := after.get(key))
            )
            if fields:
                found.append(Change("translations", "changed", tag, "", fields))
    return found


def _text_note(before: TextValue | None, after: TextValue | None) -> str:
    """For a translated list (steps, alt texts) both versions give: which items are new or reworded."""
    return _list_note(before, after) if isinstance(before, tuple) and isinstance(after, tuple) else ""


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    """The changes from ``old`` to ``new``."""
    changes: list[Change] = []
    changes += _items("exercises", old.exercises, new.exercises)
    changes += _items("routines", old.routines, new.routines)
    changes += _items("questions", old.screening.questions, new.screening.questions)
    changes += _items("rules", old.screening.rules, new.screening.rules)
    changes += _items("education", old.education, new.education)
    changes += _pictures(old, new)
    changes += _settings("screening", old.screening, new.screening, ("questions", "rules"))
    changes += _settings("pain_check", old.session.pain_check, new.session.pain_check, ())
    changes += _settings("session", old.session, new.session, ("pain_check",))
    changes += _translations(old, new)
    return PackDiff(old.key, new.key, changes, old.screening_digest != new.screening_digest)


_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def format_diff(diff: PackDiff) -> str:
    """The diff as readable text, grouped by section: ``+`` added, ``-`` removed, ``~`` changed."""
    lines = [f"{diff.old} → {diff.new}"]
    if diff.empty:
        lines.append("No changes to exercises, routines, screening or the pain check.")
        return "\n".join(lines)
    for section, heading in SECTIONS.items():
        in_section = [c for c in diff.changes if c.section == section]
        if not in_section:
            continue
        lines += ["", heading]
        for change in in_section:
            if change.fields and not change.title and len(change.fields) == 1 and change.fields[0].field == change.id:
                only = change.fields[0]
                lines.append(f"  ~ {change.id}: {only.old} → {only.new}")
                continue
            title = f" ({change.title})" if change.title else ""
            lines.append(f"  {_MARKS[change.kind]} {change.id}{title}")
            lines += [f"      {fc.field}: {fc.note or f'{fc.old} → {fc.new}'}" for fc in change.fields]
    if diff.screening_changed:
        lines += ["", "The screening changed: screenings taken under the old version no longer count."]
    return "\n".join(lines)
