"""The printable handout, made by the real CLI and read back with pypdf: titles, doses, cautions, contacts, pages."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from solecheck.contact import CareContact
from solecheck.i18n import use_language
from solecheck.packs.pack import Pack
from solecheck.printout.handout import dose_words, handout_pdf, pain_rule_lines
from solecheck.printout.saving import PrintoutError, free_path, write_printout
from tests.packs.pack_copies import copy_builtin, edit


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def pages_text(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_cli_writes_one_sheet_per_routine_with_steps_doses_cautions_and_contacts(tmp_path: Path) -> None:
    setting = run("contact", "set", "--name", "Dr Ada Lovelace", "--phone", "+1 555 0100", cwd=tmp_path)
    assert setting.returncode == 0, setting.stderr
    made = run("handout", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    target = tmp_path / "thrive-now.foot-first-handout.pdf"
    assert made.stdout.strip() == f"Wrote the handout of 2 routines to {target}"
    data = target.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == "Exercise handout: Foot First"
    pages = pages_text(data)
    assert len(pages) == 3  # Foot to spine runs on to a second page; Sole reset takes one
    full, sole = " ".join(pages[:2]), pages[2]
    assert full.startswith("Foot to spine Foot First · Thrive Now Physiotherapy")
    assert sole.startswith("Sole reset Foot First · Thrive Now Physiotherapy")
    titles = ["Sole roll on a ball", "Calf stretch at a wall", "Back of thigh stretch, seated", "Spine: cat and cow"]
    assert all(title in full for title in titles)
    positions = [full.index(title) for title in titles]
    assert positions == sorted(positions), "steps in the routine's order"
    assert "1. Sole roll on a ball 60 seconds · each side, left then right" in full
    assert "30 seconds · 2 sets · each side, left then right · 10 seconds rest between sets" in full
    assert "8 repetitions" in full
    assert "1. Sole roll on a ball 90 seconds · each side, left then right" in sole  # the routine's own dose
    assert "Caution: Stay off the heel bone: pressing hard there can irritate" in sole
    assert "Above 5: stop." in sole and "From 4 to 5: some discomfort is acceptable" in sole
    assert "Thrive Now Physiotherapy If you are not sure whether this routine is right for you" in sole
    assert "Your own physiotherapist or doctor: Name: Dr Ada Lovelace Phone: +1 555 0100" in sole
    assert "This routine is general guidance and may not suit everyone." in sole
    assert "Content pack thrive-now.foot-first, version 1.1.0" in sole
    assert "The sole from below: roll in the green area" in sole  # the picture's alt text as its caption
    images = [image for page in reader.pages[:1] for image in page.images]
    assert len(images) == 2 and all(image.image is not None and image.image.width > 100 for image in images)


def test_the_handout_in_french_captions_the_pictures_with_the_packs_french_alt_text(tmp_path: Path) -> None:
    made = run("handout", "--lang", "fr", "--routine", "sole-only", "-o", "fr.pdf", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    (sole,) = pages_text((tmp_path / "fr.pdf").read_bytes())
    assert "Rouler la plante du pied sur une balle" in sole
    assert "Un pied vu de côté, posé sur une balle sous l'avant du pied" in sole
    assert "La plante du pied vue de dessous : roulez dans la zone verte" in sole
    assert "The sole from below" not in sole and "A foot from the side" not in sole


def test_one_routine_and_never_replacing_a_file_unasked(tmp_path: Path) -> None:
    first = run("handout", "--routine", "sole-only", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run("handout", "--routine", "sole-only", cwd=tmp_path)
    assert again.stdout.strip().endswith("thrive-now.foot-first-handout-sole-only-2.pdf")
    assert len(pages_text((tmp_path / "thrive-now.foot-first-handout-sole-only.pdf").read_bytes())) == 1
    named = tmp_path / "mine.pdf"
    named.write_bytes(b"my own file")
    refused = run("handout", "-o", str(named), cwd=tmp_path)
    assert refused.returncode == 1 and named.read_bytes() == b"my own file"
    assert refused.stderr.strip() == (
        f"solecheck: error: {named} already exists; nothing was written: choose another name, or add --replace to "
        "replace it"
    )
    replaced = run("handout", "-o", str(named), "--replace", cwd=tmp_path)
    assert replaced.stdout.strip() == f"Replaced {named} with the handout of 2 routines"
    assert named.read_bytes().startswith(b"%PDF")
    folder = tmp_path / "out"
    folder.mkdir()
    into = run("handout", "-o", str(folder), cwd=tmp_path)
    assert (folder / "thrive-now.foot-first-handout.pdf").is_file(), into.stderr
    unknown = run("handout", "--routine", "nope", cwd=tmp_path)
    assert unknown.returncode == 1 and "has no routine 'nope'" in unknown.stderr and "Traceback" not in unknown.stderr
    wrong = run("handout", "-o", str(tmp_path / "x.txt"), cwd=tmp_path)
    assert wrong.returncode == 1 and "name a file ending in .pdf" in wrong.stderr


def test_pack_text_is_data_not_markup(tmp_path: Path) -> None:
    from solecheck.packs.loader import load_pack

    root = copy_builtin(tmp_path)
    edit(root, "exercises.toml", 'title = "Sole roll on a ball"', 'title = "**Sole** <b>roll</b> [on] a ball"')
    pack = load_pack(root)
    text = " ".join(pages_text(handout_pdf(pack, [pack.routine("sole-only")], None, "en-CA")))
    assert "1. **Sole** <b>roll</b> [on] a ball" in text


def test_dose_words_and_the_pain_rule_follow_the_pack(builtin_pack: Pack) -> None:
    use_language("en")
    exercise = builtin_pack.exercise("calf-wall-stretch")
    assert dose_words(exercise.dose, "right") == "30 seconds · 2 sets · right side only · 10 seconds rest between sets"
    lines = pain_rule_lines(builtin_pack)
    limit = builtin_pack.session.pain_check.limit
    assert any(line.startswith(f"Above {limit}: stop.") for line in lines)


def test_a_printout_never_replaces_a_file_unasked(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    assert write_printout(b"%PDF-1", target) is False
    with pytest.raises(PrintoutError, match="already exists; nothing was written"):
        write_printout(b"%PDF-2", target)
    assert target.read_bytes() == b"%PDF-1"
    assert free_path(target) == tmp_path / "a-2.pdf"
    assert write_printout(b"%PDF-3", target, replace=True) is True and target.read_bytes() == b"%PDF-3"
    with pytest.raises(PrintoutError, match="can't write in"):
        write_printout(b"%PDF", tmp_path / "missing" / "a.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]  # no temporary file left


def test_the_handout_shows_the_persons_contact_only_when_there_is_one(builtin_pack: Pack) -> None:
    without = " ".join(pages_text(handout_pdf(builtin_pack, [builtin_pack.routine("sole-only")], None, "en-CA")))
    assert "Your own physiotherapist or doctor" not in without
    contact = CareContact(name="Sam", email="sam@example.org", note="Tuesdays")
    text = " ".join(pages_text(handout_pdf(builtin_pack, [builtin_pack.routine("sole-only")], contact, "en-CA")))
    assert "Name: Sam Email: sam@example.org Note: Tuesdays" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_handout_renders_with_its_pictures_in_colour(tmp_path: Path, builtin_pack: Pack) -> None:
    """Rendered by poppler as a printer would: the first sheet shows the diagrams' red heel mark and green area."""
    from PIL import Image

    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(handout_pdf(builtin_pack, [builtin_pack.routine("sole-only")], None, "en-CA"))
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    (page,) = sorted(tmp_path.glob("page*.png"))
    with Image.open(page) as image:
        pixels = list(image.convert("RGB").get_flattened_data())
        assert image.width < image.height  # portrait A4
    red = sum(1 for r, g, b in pixels if r > 150 and g < 80 and b < 80)
    green = sum(1 for r, g, b in pixels if g > 100 and r < 90 and b < 110)
    dark = sum(1 for r, g, b in pixels if r + g + b < 200)
    assert red > 20 and green > 20 and dark > 500  # the heel mark, the rolling area, the words
