"""The line mode shows the pack's texts in the active language (Spanish here) and the history keeps them
as they were shown; the ids, doses and timing are the pack's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from tests.conftest import FakeClock
from tests.languages import speaking
from tests.plain.test_session import PROCEED, only_session, run_plain, store  # noqa: F401 (fixture)


def test_the_line_mode_speaks_the_packs_spanish(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    with speaking("es", tmp_path / "locale", monkeypatch):
        code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, 95.0, "2", 95.0, "1"])
    assert code == 0
    question = "¿Tiene una lesión o un problema en el pie que le duele y que ha aparecido hace poco?"
    assert f"Question 1 of 5: {question}" in lines
    assert any("1) Sí, con facilidad" in line for line in lines), lines
    assert "Step 1 of 2: Rodar la planta del pie sobre una pelota, left side: 90 seconds." in lines
    assert any("No presione el hueso del talón" in line for line in lines)
    assert "Pausa para la planta: completed." in lines
    session = only_session(store)
    assert (session.routine_id, session.routine_title) == ("sole-only", "Pausa para la planta")
    steps = store.steps_of(session.id)
    assert [(s.exercise_id, s.exercise_title) for s in steps] == [
        ("sole-ball-roll", "Rodar la planta del pie sobre una pelota")
    ] * 2


def test_a_language_the_pack_lacks_leaves_its_main_language(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    with speaking("de", tmp_path / "locale", monkeypatch):
        code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, 95.0, "2", 95.0, "1"])
    assert code == 0
    assert "Step 1 of 2: Sole roll on a ball, left side: 90 seconds." in lines
    assert only_session(store).routine_title == "Sole reset"


def test_the_line_mode_describes_the_pictures_in_french(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    # Where a picture can't be drawn the line mode says its alt text: the pack's French one, in the
    # app's French words around it.
    with speaking("fr", tmp_path / "locale", monkeypatch, {"Picture: {alt}": "Image : {alt}"}):
        code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, 95.0, "2", 95.0, "1"])
    assert code == 0
    said = [line for line in lines if line.startswith("Image : ")]
    assert said == [
        "Image : Un pied vu de côté, posé sur une balle sous l'avant du pied ; une flèche montre qu'il roule vers "
        "la voûte et revient ; le talon, entouré de rouge, reste hors de la balle.",
        "Image : La plante du pied vue de dessous : roulez dans la zone verte, de l'avant du pied jusqu'à la "
        "voûte ; l'os du talon, hachuré et barré de rouge, est l'endroit à éviter.",
    ]
    english = [p.alt for p in builtin_pack.exercise("sole-ball-roll").pictures]
    assert not any(alt in line for line in lines for alt in english)
