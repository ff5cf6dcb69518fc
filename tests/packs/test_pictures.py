"""Pictures in packs: each checked with Pillow, refused with a located error, carried by archives and installs."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from solecheck.packs.archive import build, read_archive
from solecheck.packs.content import content_digest, pack_files, sha256
from solecheck.packs.diff import diff_packs
from solecheck.packs.install import InstallError, install
from solecheck.packs.loader import check_pack
from solecheck.packs.pictures import MAX_PICTURE_BYTES, PictureProblem, check_picture
from tests.packs.pack_copies import copy_builtin, edit, line_number

NAMED = 'pictures = [{ file = "pictures/sole.png", alt = "The sole of a foot, heel bone marked." }]\n'


def png(size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 90)).save(out, "PNG")
    return out.getvalue()


def jpeg(size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 90)).save(out, "JPEG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels with a tiny compressed body: a bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\0" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def pack_with_picture(tmp_path: Path, data: bytes | None, line: str = NAMED, name: str = "sole.png") -> Path:
    root = copy_builtin(tmp_path)
    if data is not None:
        (root / "pictures" / name).write_bytes(data)
    edit(
        root,
        "exercises.toml",
        "dose = { duration_s = 30, sets = 2, rest_s = 10 }\n",
        "dose = { duration_s = 30, sets = 2, rest_s = 10 }\n" + line,
    )
    return root


def errors(root: Path) -> list[str]:
    pack, diagnostics = check_pack(root)
    found = [str(d) for d in diagnostics if d.severity == "error"]
    assert (pack is None) == bool(found)
    return found


def test_a_good_png_and_jpeg_pass(tmp_path: Path) -> None:
    assert check_picture("pictures/a.png", png()).kind == "PNG"
    assert check_picture("pictures/a.jpg", jpeg()).kind == "JPEG"
    root = pack_with_picture(tmp_path, png())
    assert errors(root) == []
    pack, _ = check_pack(root)
    assert pack is not None
    assert pack.exercise("calf-wall-stretch").pictures[0].alt == "The sole of a foot, heel bone marked."


def test_a_truncated_picture_is_refused_where_it_is_named(tmp_path: Path) -> None:
    data = png((300, 200))
    root = pack_with_picture(tmp_path, data[: len(data) // 2])
    line = line_number(root, "exercises.toml", "pictures/sole.png")
    (found,) = errors(root)
    assert found.startswith(
        f"exercises.toml:{line}: exercises[1].pictures[0].file: 'pictures/sole.png' can't be decoded: it is "
        "truncated or damaged"
    )


def test_a_picture_huge_in_pixels_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = png_claiming(3000, 3000)
    assert len(bomb) < 2000
    with pytest.raises(PictureProblem, match=r"is 3,000 × 3,000 pixels \(9,000,000\)"):
        check_picture("pictures/sole.png", bomb)
    with pytest.raises(PictureProblem, match="claims far too many pixels"):
        check_picture("pictures/sole.png", png_claiming(100_000, 100_000))  # past Pillow's own bomb limit
    root = pack_with_picture(tmp_path, bomb)
    assert "a picture has at most 4,000,000 pixels" in errors(root)[0]


def test_a_picture_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    root = pack_with_picture(tmp_path, png() + b"\0" * MAX_PICTURE_BYTES)
    assert "a picture is at most 1,048,576" in errors(root)[0]


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, "GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (gif(), "not a PNG or JPEG picture"),
        (b"%PDF-1.4 not a picture", "not a PNG or JPEG picture"),
        (b"", "the file is empty"),
        (jpeg(), "is a JPEG picture but its name ends otherwise; rename it to end in .jpg or .jpeg"),
    ],
    ids=["gif", "pdf", "empty", "jpeg-named-png"],
)
def test_the_wrong_type_is_refused(tmp_path: Path, data: bytes, message: str) -> None:
    root = pack_with_picture(tmp_path, data)
    (found,) = errors(root)
    assert message in found


def test_a_picture_without_alt_text_is_refused(tmp_path: Path) -> None:
    root = pack_with_picture(tmp_path, png(), 'pictures = [{ file = "pictures/sole.png" }]\n')
    line = line_number(root, "exercises.toml", "pictures/sole.png")
    assert errors(root) == [f"exercises.toml:{line}: exercises[1].pictures[0].alt: is required but missing"]
    empty = pack_with_picture(tmp_path / "b", png(), 'pictures = [{ file = "pictures/sole.png", alt = " " }]\n')
    assert errors(empty) == [f"exercises.toml:{line}: exercises[1].pictures[0].alt: must not be empty"]


def test_a_missing_picture_is_refused(tmp_path: Path) -> None:
    root = pack_with_picture(tmp_path, None)
    line = line_number(root, "exercises.toml", "pictures/sole.png")
    assert errors(root) == [
        f"exercises.toml:{line}: exercises[1].pictures[0].file: 'pictures/sole.png' is not in the pack folder; "
        "add it there or correct the path"
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../sole.png", "must not climb out of the pack folder with '..'"),
        ("pictures/../../sole.png", "must not climb out of the pack folder with '..'"),
        ("/etc/sole.png", "must be a path inside the pack folder, not an absolute path"),
        ("C:/sole.png", "must be a path inside the pack folder, not an absolute path"),
        ("sole.png", "pictures live in the pack's pictures/ folder"),
        ("pictures/Sole.png", "named in lower-case letters"),
        ("pictures/sole.gif", "is not a picture file: use a PNG (.png) or JPEG (.jpg, .jpeg)"),
    ],
)
def test_paths_stay_inside_the_pack_folder(tmp_path: Path, path: str, message: str) -> None:
    root = pack_with_picture(tmp_path, png(), f'pictures = [{{ file = "{path}", alt = "A foot." }}]\n')
    (found,) = errors(root)
    line = line_number(root, "exercises.toml", path)
    assert found.startswith(f"exercises.toml:{line}: exercises[1].pictures[0].file: ")
    assert message in found


def test_a_link_leading_outside_the_pack_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    root = pack_with_picture(tmp_path, None)
    os.symlink(outside, root / "pictures" / "sole.png")
    (found,) = errors(root)
    assert "'pictures/sole.png' is a link leading outside the pack folder" in found
    assert "pictures/sole.png" not in pack_files(root)


def test_unnamed_and_stray_files_are_warnings(tmp_path: Path) -> None:
    root = pack_with_picture(tmp_path, png())
    (root / "pictures" / "spare.png").write_bytes(png())
    (root / "pictures" / "notes.txt").write_text("draft", encoding="utf-8")
    pack, diagnostics = check_pack(root)
    assert pack is not None
    assert [str(d) for d in diagnostics if d.file == "pictures"] == [
        "pictures: pictures/spare.png: warning: not named by any exercise or education text; it is still part "
        "of the pack",
        "pictures: pictures/notes.txt: warning: not a pack picture, ignored: a pack picture is a .png, .jpg or "
        ".jpeg file in pictures/, named in lower-case letters, digits, '-' and '_'",
    ]
    assert "pictures/spare.png" in pack_files(root) and "pictures/notes.txt" not in pack_files(root)


def test_an_education_text_may_show_pictures(tmp_path: Path) -> None:
    root = pack_with_picture(tmp_path, png(), "")
    edit(
        root,
        "education.toml",
        '[[texts]]\nid = "nerves"\n',
        '[[texts]]\nid = "nerves"\npictures = [{ file = "pictures/nothing.png", alt = "None." }]\n',
    )
    line = line_number(root, "education.toml", "pictures/nothing.png")
    assert errors(root) == [
        f"education.toml:{line}: texts[1].pictures[0].file: 'pictures/nothing.png' is not in the pack folder; "
        "add it there or correct the path"
    ]


def test_the_content_digest_covers_the_pictures(tmp_path: Path) -> None:
    root = pack_with_picture(tmp_path, png())
    pack, _ = check_pack(root)
    assert pack is not None and pack.content_digest == content_digest(pack_files(root))
    (root / "pictures" / "sole.png").write_bytes(png((61, 40)))
    again, _ = check_pack(root)
    assert again is not None and again.content_digest != pack.content_digest


def test_an_archive_carries_the_pictures_with_their_hashes_and_installs_them(tmp_path: Path) -> None:
    root = pack_with_picture(tmp_path, png())
    built = build(root, tmp_path / "out.solepack")
    contents = read_archive(built.path)
    assert contents.files["pictures/sole.png"] == png()
    assert contents.digest == built.pack.content_digest
    result = install(built.path, tmp_path / "installed", elsewhere=[])
    assert (result.path / "pictures" / "sole.png").read_bytes() == png()
    assert result.pack.content_digest == built.pack.content_digest
    assert install(built.path, tmp_path / "installed", elsewhere=[]).status == "unchanged"


def test_an_archive_with_a_broken_picture_is_refused_on_install(tmp_path: Path) -> None:
    import json
    import zipfile

    root = pack_with_picture(tmp_path, png())
    built = build(root, tmp_path / "out.solepack")
    forged = tmp_path / "forged.solepack"
    with zipfile.ZipFile(built.path) as source, zipfile.ZipFile(forged, "w") as target:
        manifest = json.loads(source.read("solepack.json"))
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "pictures/sole.png":
                data = data[:40]
                manifest["files"][info.filename]["sha256"] = sha256(data)
            if info.filename != "solepack.json":
                target.writestr(info.filename, data)
        target.writestr("solepack.json", json.dumps(manifest))
    with pytest.raises(InstallError, match="is not a valid pack") as raised:
        install(forged, tmp_path / "installed", elsewhere=[])
    assert [d.path for d in raised.value.diagnostics if d.severity == "error"] == ["exercises[1].pictures[0].file"]
    assert not (tmp_path / "installed").exists() or not any((tmp_path / "installed").iterdir())


def test_pack_diff_names_changed_pictures(tmp_path: Path) -> None:
    old_root = pack_with_picture(tmp_path / "old", png())
    new_root = pack_with_picture(tmp_path / "new", png((80, 40)))
    (new_root / "pictures" / "added.png").write_bytes(png())
    edit(new_root, "pack.toml", 'version = "', 'version = "9')
    old, _ = check_pack(old_root)
    new, _ = check_pack(new_root)
    assert old is not None and new is not None
    changes = [(c.kind, c.id) for c in diff_packs(old, new).changes if c.section == "pictures"]
    assert changes == [("added", "pictures/added.png"), ("changed", "pictures/sole.png")]
    # The command compares archives too, reading their pictures before its scratch folder goes.
    old_archive = build(old_root, tmp_path / "old.solepack").path
    new_archive = build(new_root, tmp_path / "new.solepack").path
    shown = subprocess.run(
        [sys.executable, "-m", "solecheck", "pack", "diff", str(old_archive), str(new_archive)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Pictures\n  + pictures/added.png\n  ~ pictures/sole.png" in shown.stdout


def test_a_cached_pack_keeps_its_pictures_and_a_redrawn_picture_is_validated_again(tmp_path: Path) -> None:
    from solecheck.packs.cache import PackCache
    from solecheck.packs.locations import fingerprint

    root = pack_with_picture(tmp_path, png())
    pack, diagnostics = check_pack(root)
    assert pack is not None
    cache = PackCache(tmp_path / "cache")
    key = fingerprint(root)
    cache.put(root, key, pack, diagnostics)
    hit = cache.get(root, "path", key)
    assert hit is not None and hit[0].exercises == pack.exercises and hit[0].education == pack.education
    (root / "pictures" / "sole.png").write_bytes(png((300, 200))[:100])  # redrawn, and broken
    assert fingerprint(root) != key and cache.get(root, "path", fingerprint(root)) is None
    assert "can't be decoded: it is truncated or damaged" in errors(root)[0]


def test_an_archive_entry_that_is_not_a_pack_picture_is_refused(tmp_path: Path) -> None:
    from solecheck.packs.archive import ArchiveError
    from tests.packs.crafted_archives import builtin_files, craft

    for name in ("pictures/sole.gif", "pictures/Sole.png", "pictures/sub/sole.png", "images/sole.png"):
        files = builtin_files() | {name: png()}
        archive = craft(tmp_path / "bad.solepack", files)
        with pytest.raises(ArchiveError, match=r"is not a pack file; known files: .* and pictures named"):
            read_archive(archive)
