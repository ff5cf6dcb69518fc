"""docs/pack-format.md stays true: its example pack validates cleanly and every key is documented."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from pydantic import BaseModel

from solecheck.packs.loader import check_pack
from solecheck.packs.models import PACK_FILES, REGION_ORDER
from solecheck.packs.translation_models import TranslationFile
from solecheck.packs.translations import in_language
from tests.conftest import REPO

DOC = REPO / "docs" / "pack-format.md"


def example_files() -> dict[str, str]:
    """The doc's example: each ```toml block whose first line is ``# <file>.toml``."""
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    files = {}
    for block in blocks:
        first = block.splitlines()[0]
        match = re.match(r"# ((?:translations/)?[\w-]+\.toml)\b", first)
        if match:
            files[match.group(1)] = block
    return files


def models_in(model: type[BaseModel]) -> list[type[BaseModel]]:
    found = [model]
    for info in model.model_fields.values():
        for arg in _flatten(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in found:
                found += models_in(arg)
    return found


def _flatten(annotation: object) -> list[object]:
    args = typing.get_args(annotation)
    return [annotation] if not args else [a for arg in args for a in _flatten(arg)]


def test_example_covers_every_file() -> None:
    assert set(example_files()) == set(PACK_FILES) | {"translations/fr.toml"}


def test_example_pack_is_valid_without_warnings(tmp_path: Path) -> None:
    from PIL import Image

    for name, text in example_files().items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "pictures").mkdir()
    for picture in set(re.findall(r'"(pictures/[a-z0-9_-]+\.png)"', "".join(example_files().values()))):
        Image.new("L", (40, 30), 200).save(tmp_path / picture)
    pack, diagnostics = check_pack(tmp_path)
    assert [str(d) for d in diagnostics] == []
    assert pack is not None
    assert pack.key == "example-clinic.lower-limb@1.2.0"
    assert in_language(pack, "fr-CA").exercise("sole-roll").title == "Rouler la plante du pied"


def test_the_translation_example_uses_every_key() -> None:
    text = example_files()["translations/fr.toml"]
    for model in models_in(TranslationFile):
        for name in model.model_fields:
            assert re.search(rf"\b{name}\b", text), f"the translation example never uses {model.__name__}.{name}"


def test_example_uses_every_key() -> None:
    text = "\n".join(example_files().values())
    for model in {m for root in PACK_FILES.values() for m in models_in(root)}:
        for name in model.model_fields:
            assert re.search(rf"\b{name}\b", text), f"the example never uses {model.__name__}.{name}"


def test_reference_documents_every_key_and_region() -> None:
    text = DOC.read_text(encoding="utf-8")
    for model in {m for root in PACK_FILES.values() for m in models_in(root)}:
        for name in model.model_fields:
            assert f"`{name}`" in text or f".{name}`" in text, f"{model.__name__}.{name} is not documented"
    for region in REGION_ORDER:
        assert f"`{region}`" in text
