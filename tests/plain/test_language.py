"""The line mode in French and Spanish: it speaks the language, takes yes and no in it (and y/n always),
and says which answers it takes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from solecheck.i18n import use_language
from solecheck.packs.pack import Pack
from solecheck.screening.answer_words import typed_yes_no
from tests.conftest import FakeClock
from tests.plain.test_session import run_plain


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(data_dir) as opened:
        yield opened


@pytest.mark.parametrize(
    ("language", "yes", "no", "neither"),
    [
        ("en", ["y", "Yes", " YES "], ["n", "no", "No"], ["oui", "si", "o"]),
        ("fr", ["o", "oui", "OUI", "y", "yes"], ["n", "non", "no", "Non"], ["si", "s", "nein"]),
        ("es", ["s", "sí", "si", "SÍ", "y", "yes"], ["n", "no", "NO"], ["oui", "o", "non"]),
    ],
)
def test_yes_and_no_are_taken_in_the_language_and_always_in_english(
    language: str, yes: list[str], no: list[str], neither: list[str]
) -> None:
    use_language(language)
    assert [typed_yes_no(word) for word in yes] == [True] * len(yes)
    assert [typed_yes_no(word) for word in no] == [False] * len(no)
    assert [typed_yes_no(word) for word in neither] == [None] * len(neither)


FRENCH_PROCEED = ["non", "n", "NON", "no", "1", "oui"]
SPANISH_PROCEED = ["no", "n", "NO", "no", "1", "sí"]


@pytest.mark.parametrize(
    ("language", "answers", "expected"),
    [
        ("fr", FRENCH_PROCEED, [
            "Question 1 sur 5 : Avez-vous une blessure ou un problème au pied, douloureux et apparu récemment ?",
            "Réponse (o/n)",
            "Résultat : Vous pouvez y aller.",
            "Enregistrer ce questionnaire ? (o/n)",
            "Questionnaire enregistré.",
            "Étape 1 sur 2 : Rouler la plante du pied sur une balle, côté gauche : 90 secondes.",
            "Résumé :",
        ]),
        ("es", SPANISH_PROCEED, [
            "Pregunta 1 de 5: ¿Tiene una lesión o un problema en el pie que le duele y que ha aparecido hace poco?",
            "Respuesta (s/n)",
            "Resultado: Puede seguir adelante.",
            "¿Guardar este cuestionario? (s/n)",
            "Cuestionario guardado.",
            "Paso 1 de 2: Rodar la planta del pie sobre una pelota, lado izquierdo: 90 segundos.",
            "Resumen:",
        ]),
    ],
)
def test_a_whole_session_in_french_and_in_spanish(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock, language: str, answers: list[str],
    expected: list[str],
) -> None:
    use_language(language)
    code, lines, reader = run_plain(builtin_pack, store, clock, [*answers, 95.0, "2", 95.0, "1"])
    assert code == 0 and reader.script == []
    for line in expected:
        assert line in lines
    assert store.screenings()[0].outcome == "proceed"


@pytest.mark.parametrize(
    ("language", "asked_again"),
    [("fr", "Tapez o pour oui ou n pour non (y et n marchent aussi)."),
     ("es", "Escriba s para sí o n para no (y también vale).")],
)
def test_an_answer_it_does_not_take_is_asked_again_saying_which_it_takes(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock, language: str, asked_again: str
) -> None:
    use_language(language)
    _code, lines, _reader = run_plain(builtin_pack, store, clock, ["peut-être", "quizás"])
    assert lines.count(asked_again) == 2


def test_the_pain_limit_names_the_region_in_the_language(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    use_language("es")
    _code, lines, _reader = run_plain(builtin_pack, store, clock, [*SPANISH_PROCEED, 10.0, "9", "r"])
    assert any("saltar lo que queda de esta zona (Planta del pie)" in line for line in lines)
    assert not any("foot_sole" in line for line in lines)


