"""The rule that picks the one language a person is shown (solecheck.i18n.choose_language)."""

from solecheck.i18n import choose_language, preferred_languages


def test_requested_language_wins_over_the_locale() -> None:
    assert choose_language("es", {"LANG": "fr_FR.UTF-8"}, ["en", "fr"]) == "es"


def test_locale_language_the_pack_has_is_taken() -> None:
    assert choose_language(None, {"LANG": "fr_CA.UTF-8"}, ["en", "fr-CA"]) == "fr-CA"


def test_region_falls_back_to_the_language() -> None:
    assert choose_language(None, {"LC_ALL": "fr_FR.UTF-8"}, ["en", "fr-CA"]) == "fr-CA"


def test_language_list_is_read_in_order() -> None:
    assert choose_language(None, {"LANGUAGE": "de:es", "LANG": "fr_FR"}, ["en", "fr", "es"]) == "es"


def test_locale_the_pack_lacks_gives_the_pack_main_language() -> None:
    assert choose_language(None, {"LANG": "de_DE.UTF-8"}, ["fr-CA", "en"]) == "fr-CA"


def test_c_locale_means_no_preference() -> None:
    assert preferred_languages(None, {"LANG": "C.UTF-8"}) == []
    assert choose_language(None, {"LANG": "POSIX"}, ["en"]) == "en"


def test_lc_all_outranks_lang() -> None:
    assert preferred_languages(None, {"LC_ALL": "es_ES.UTF-8", "LANG": "fr_FR.UTF-8"}) == ["es-ES"]


def test_the_empty_message_stays_empty_in_every_language() -> None:
    """gettext gives a catalog's header for ""; an empty help text must not show it (found by a tester)."""
    from solecheck.i18n import _, pgettext, use_language

    try:
        for language in ("fr", "es"):
            assert use_language(language) == language
            assert _("") == "" and pgettext("help", "") == ""
            assert _("Start") != "Start"
    finally:
        use_language(None)
