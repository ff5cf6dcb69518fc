"""What the home screen shows of a pack, as plain data that needs no pack models to build or read.

A :class:`PackView` is made from a loaded :class:`~solecheck.packs.pack.Pack` and can be kept as JSON, so
a later start can draw its first frame from it while the pack itself is still loading (see
:mod:`solecheck.packs.snapshot`). It holds only what the home screen displays.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from solecheck.i18n import chosen_language

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack


@dataclass(frozen=True)
class StepView:
    """One routine step as the home screen lists it."""

    title: str
    detail: str
    """The body region and the dose, e.g. ``Sole of the foot · 60 s each side``."""
    equipment: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoutineView:
    """A routine as the home screen lists it."""

    id: str
    title: str
    description: str | None
    steps: tuple[StepView, ...]


@dataclass(frozen=True)
class PackView:
    """The part of a pack the home screen shows."""

    id: str
    version: str
    name: str
    clinic_name: str
    disclaimer: str
    summary: str
    routines: tuple[RoutineView, ...]
    default_routine: str
    """The id of the routine offered first."""
    root: str | None = None
    """The pack's folder, to tell which copy of a pack this is."""
    languages: tuple[str, ...] = ("en",)
    """The languages the pack has its texts in, its main language first (:func:`pack_languages`)."""
    shown_in: str = "en"
    """The language chosen when this view was made (its pack texts, and the app's words in its region names
    and doses): a start in another language does not draw from it."""

    @property
    def key(self) -> str:
        """``ID@VERSION``."""
        return f"{self.id}@{self.version}"

    def routine(self, routine_id: str) -> RoutineView | None:
        return next((r for r in self.routines if r.id == routine_id), None)

    @classmethod
    def from_pack(cls, pack: Pack) -> PackView:
        from solecheck.packs.models import region_name

        def steps(routine_id: str) -> tuple[StepView, ...]:
            found = []
            for step in pack.routine(routine_id).steps:
                exercise = pack.exercise(step.exercise)
                dose = step.dose.apply(exercise.dose) if step.dose else exercise.dose
                detail = f"{region_name(exercise.region)} · {dose.describe(exercise.sides)}"
                found.append(StepView(exercise.title, detail, tuple(exercise.equipment)))
            return tuple(found)

        return cls(
            id=pack.id,
            version=pack.version,
            name=pack.manifest.name,
            clinic_name=pack.clinic.name,
            disclaimer=pack.manifest.disclaimer,
            summary=pack.manifest.summary,
            routines=tuple(RoutineView(r.id, r.title, r.description, steps(r.id)) for r in pack.routines),
            default_routine=pack.default_routine.id,
            root=str(pack.root) if pack.root is not None else None,
            languages=pack_languages(pack),
            shown_in=chosen_language(),
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> PackView:
        """Read back :meth:`to_json`; anything malformed raises ``ValueError``."""
        record = _record(data, "pack")
        routines = tuple(_routine(r) for r in _items(record, "routines"))
        view = cls(
            id=_text(record, "id"),
            version=_text(record, "version"),
            name=_text(record, "name"),
            clinic_name=_text(record, "clinic_name"),
            disclaimer=_text(record, "disclaimer"),
            summary=_text(record, "summary"),
            routines=routines,
            default_routine=_text(record, "default_routine"),
            root=_optional_text(record, "root"),
            languages=tuple(_texts(record, "languages")) or ("en",),
            shown_in=_text(record, "shown_in"),
        )
        if not routines or view.routine(view.default_routine) is None:
            raise ValueError("the default routine is not among the routines")
        return view


def pack_languages(pack: Pack) -> tuple[str, ...]:
    """The languages ``pack`` has its texts in, its main language first: what
    :func:`solecheck.i18n.choose_language` matches the person's locale against (see
    :func:`solecheck.packs.translations.pack_languages`)."""
    from solecheck.packs.translations import pack_languages as languages

    return languages(pack)


def _routine(data: Any) -> RoutineView:
    record = _record(data, "routine")
    steps = []
    for item in _items(record, "steps"):
        step = _record(item, "step")
        steps.append(StepView(_text(step, "title"), _text(step, "detail"), tuple(_texts(step, "equipment"))))
    return RoutineView(_text(record, "id"), _text(record, "title"), _optional_text(record, "description"), tuple(steps))


def _record(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError(f"a {what} is not a JSON object")
    return data


def _items(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    if not isinstance(value, list):
        raise ValueError(f"{key} is not a list")
    return value


def _texts(record: dict[str, Any], key: str) -> list[str]:
    values = _items(record, key)
    if not all(isinstance(v, str) for v in values):
        raise ValueError(f"{key} holds something other than text")
    return values


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key} is not text")
    return value


def _optional_text(record: dict[str, Any], key: str) -> str | None:
    return None if record.get(key) is None else _text(record, key)
