"""The home screen's view of a pack: made from the pack, kept as JSON, read back strictly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from solecheck.packs.pack import Pack
from solecheck.packs.view import PackView


def test_view_holds_what_the_home_screen_shows(builtin_pack: Pack) -> None:
    view = PackView.from_pack(builtin_pack)
    assert (view.id, view.version, view.name) == ("thrive-now.foot-first", "1.1.0", "Foot First")
    assert view.clinic_name == builtin_pack.clinic.name and view.disclaimer == builtin_pack.manifest.disclaimer
    assert [r.id for r in view.routines] == [r.id for r in builtin_pack.routines]
    assert view.default_routine == builtin_pack.default_routine.id
    sole_only = view.routine("sole-only")
    assert sole_only is not None
    assert sole_only.steps[0].title == "Sole roll on a ball"
    assert sole_only.steps[0].detail == "Sole of the foot · 90 s each side"  # the routine's own dose, not the default
    assert sole_only.steps[0].equipment == ("Golf ball or lacrosse ball",)


def test_view_round_trips_through_json(builtin_pack: Pack) -> None:
    view = PackView.from_pack(builtin_pack)
    assert PackView.from_json(json.loads(json.dumps(view.to_json()))) == view


def _broken(builtin_pack: Pack, change: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(PackView.from_pack(builtin_pack).to_json()))
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("name"),
        lambda d: d.update(version=1),
        lambda d: d.update(routines={}),
        lambda d: d.update(routines=[]),
        lambda d: d.update(default_routine="no-such-routine"),
        lambda d: d["routines"][0].update(steps=[["not", "a", "step"]]),
        lambda d: d["routines"][0]["steps"][0].update(equipment=[3]),
    ],
    ids=[
        "missing key", "number for text", "routines not a list", "no routines", "unknown default", "bad step",
        "bad equipment",
    ],
)
def test_a_malformed_view_is_refused(builtin_pack: Pack, change: Any) -> None:
    with pytest.raises(ValueError):
        PackView.from_json(_broken(builtin_pack, change))


def test_a_view_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValueError):
        PackView.from_json(["not", "a", "view"])
