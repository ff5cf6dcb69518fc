"""Settings: remembered between runs, and a broken file is never fatal."""

from __future__ import annotations

from pathlib import Path

from solecheck.settings import Settings, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert save_settings(Settings(theme="nord", pack="x.y@1.0.0", bell=True), path) is None
    loaded, warning = load_settings(path)
    assert warning is None
    assert loaded == Settings(theme="nord", pack="x.y@1.0.0", bell=True)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == (Settings(), None)


def test_broken_file_is_set_aside_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("theme = [unclosed\n")
    settings, warning = load_settings(path)
    assert settings == Settings()
    assert warning is not None and str(path) in warning and "settings.toml.broken" in warning
    assert (tmp_path / "settings.toml.broken").exists()


def test_wrong_types_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('bell = "loud"\n')
    settings, warning = load_settings(path)
    assert settings.bell is False and warning


def test_unwritable_location_warns_instead_of_failing(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    warning = save_settings(Settings(), blocker / "settings.toml")
    assert warning is not None and "could not be saved" in warning


def test_unknown_keys_are_ignored_and_overlong_values_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "nord"\nfuture_option = 3\n')
    assert load_settings(path) == (Settings(theme="nord"), None)
    path.write_text(f'theme = "{"x" * 101}"\n')
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None and "at most 100 characters" in warning
