"""The message catalogs: every language has every message of the code, with the same placeholders and
all its plural forms, and the committed .mo files are what their .po files compile to."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from tests.conftest import REPO

LOCALE = REPO / "src" / "solecheck" / "locale"
LANGUAGES = ("fr", "es")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs_script", REPO / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def _fields(text: str) -> set[str]:
    return {name for _text, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def _ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_has_every_message_with_its_placeholders_and_plural_forms(language: str) -> None:
    template = _read(LOCALE / "solecheck.pot")
    catalog = _read(LOCALE / language / "LC_MESSAGES" / "solecheck.po")
    assert catalog.num_plurals >= 2 and not catalog.fuzzy
    problems: list[str] = []
    for wanted in template:
        if not wanted.id:
            continue
        found = catalog.get(wanted.id, context=wanted.context)
        if found is None or not all(_strings(found)):
            problems.append(f"untranslated: {_ids(wanted)[0]!r}")
            continue
        if found.fuzzy:
            problems.append(f"fuzzy: {_ids(wanted)[0]!r}")
        if isinstance(wanted.id, tuple) and len(_strings(found)) != catalog.num_plurals:
            problems.append(f"plural forms missing: {wanted.id[0]!r}")
        # A singular may leave its count out ("the first step"), as English does; nothing may be added, and
        # the plural forms together, or the one message, use every placeholder of the English.
        expected = set().union(*(_fields(text) for text in _ids(wanted)))
        used = [_fields(translated) for translated in _strings(found)]
        if any(fields - expected for fields in used) or set().union(*used) != expected:
            problems.append(f"placeholders {[sorted(f) for f in used]} != {sorted(expected)}: {_strings(found)!r}")
        if not isinstance(wanted.id, tuple) and used[0] != expected:
            problems.append(f"placeholders {sorted(used[0])} != {sorted(expected)}: {found.string!r}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_keep_no_message_the_code_no_longer_has(language: str) -> None:
    template = {message.id for message in _read(LOCALE / "solecheck.pot") if message.id}
    catalog = _read(LOCALE / language / "LC_MESSAGES" / "solecheck.po")
    assert [m.id for m in catalog if m.id and m.id not in template] == []


def test_the_template_the_po_files_and_the_compiled_mo_files_are_up_to_date_with_the_code() -> None:
    """What `python scripts/catalogs.py check` says: run extract, update and compile when this fails."""
    assert _script().problems() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mo_file_out_of_date_with_its_po_is_caught(language: str, tmp_path: Path) -> None:
    script = _script()
    po = LOCALE / language / "LC_MESSAGES" / "solecheck.po"
    changed = tmp_path / "solecheck.po"
    changed.write_text(re.sub(r'msgstr "Pause"', 'msgstr "Pause !"', po.read_text(encoding="utf-8"), count=1),
                       encoding="utf-8")
    if changed.read_text(encoding="utf-8") == po.read_text(encoding="utf-8"):
        changed.write_text(po.read_text(encoding="utf-8").replace('msgstr "Pausa"', 'msgstr "Pausa!"', 1),
                           encoding="utf-8")
    assert script.compiled(changed) != (po.with_suffix(".mo")).read_bytes()
    assert script.compiled(po) == po.with_suffix(".mo").read_bytes()
