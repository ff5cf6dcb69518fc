"""Checking a pack's picture files: PNG or JPEG, decodable, and small enough to show.

A picture is read in three steps with Pillow, each refusing what the next must not meet: the header
alone gives the type and the size in pixels (a decompression bomb is refused here, before a pixel is
inflated), ``verify()`` walks the file's structure, and a full load decodes every pixel (a truncated
file fails here). Pillow is imported inside the functions, so loading a cached pack never pays for it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from solecheck.i18n import _
from solecheck.packs.checks import Locate, PackParts
from solecheck.packs.content import sha256
from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.files import MAX_PICTURE_FILES, PICTURE_FOLDER, PackFiles

MAX_PICTURE_BYTES = 1024 * 1024
"""The largest picture file a pack may hold: 1 MiB (a diagram needs a few KB)."""
MAX_PICTURE_PIXELS = 4_000_000
"""The most pixels (width × height) a picture may have: 2000 × 2000."""
MAX_PICTURES_TOTAL_BYTES = 8 * 1024 * 1024
"""The most bytes all pictures of a pack may take together, so an archive stays within its limits."""
PICTURE_FORMATS: dict[str, tuple[str, ...]] = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg")}
"""The picture types a pack may hold and the file name endings each goes by."""


class PictureProblem(ValueError):
    """A picture file that can't be part of a pack; the message says why, for the author."""


@dataclass(frozen=True)
class PictureInfo:
    """What a checked picture is: its type (``PNG`` or ``JPEG``) and its size in pixels."""

    kind: str
    width: int
    height: int


def check_picture(name: str, data: bytes) -> PictureInfo:
    """Check the bytes of the picture file ``name`` (``pictures/sole.png``).

    Raises :class:`PictureProblem` when the file is larger than :data:`MAX_PICTURE_BYTES`, is not a PNG or
    JPEG, is a different type than its name says, has more than :data:`MAX_PICTURE_PIXELS` pixels, or can't
    be decoded to the last pixel (truncated or damaged)."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_PICTURE_BYTES:
        raise _too_large(name, len(data))
    if not data:
        raise PictureProblem(_("'{name}': the file is empty; a picture is a PNG or JPEG file").format(name=name))
    try:
        with Image.open(io.BytesIO(data), formats=list(PICTURE_FORMATS)) as image:
            kind = str(image.format)
            width, height = image.size
            _check_size(name, width, height)
            image.verify()
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            image.load()
    except UnidentifiedImageError:
        message = _("'{name}' is not a PNG or JPEG picture (the file's content is of another type, or damaged)")
        raise PictureProblem(message.format(name=name)) from None
    except Image.DecompressionBombError:
        message = _("'{name}' claims far too many pixels; a picture has at most {limit:,} pixels")
        raise PictureProblem(message.format(name=name, limit=MAX_PICTURE_PIXELS)) from None
    except PictureProblem:
        raise
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        message = _("'{name}' can't be decoded: it is truncated or damaged ({error})")
        raise PictureProblem(message.format(name=name, error=error)) from None
    if not name.casefold().endswith(PICTURE_FORMATS[kind]):
        message = _("'{name}' is a {kind} picture but its name ends otherwise; rename it to end in {endings}")
        raise PictureProblem(message.format(name=name, kind=kind, endings=" or ".join(PICTURE_FORMATS[kind])))
    return PictureInfo(kind, width, height)


def _check_size(name: str, width: int, height: int) -> None:
    if width * height > MAX_PICTURE_PIXELS:
        message = _(
            "'{name}' is {width:,} × {height:,} pixels ({pixels:,}); a picture has at most {limit:,} pixels "
            "(e.g. 2000 × 2000)"
        )
        raise PictureProblem(
            message.format(name=name, width=width, height=height, pixels=width * height, limit=MAX_PICTURE_PIXELS)
        )


def _too_large(name: str, size: int) -> PictureProblem:
    message = _("'{name}': the file is {size:,} bytes; a picture is at most {limit:,}")
    return PictureProblem(message.format(name=name, size=size, limit=MAX_PICTURE_BYTES))


def _references(parts: PackParts) -> Iterator[tuple[str, str, str]]:
    """``(pack file, key path, picture path)`` for every picture an exercise or education text names."""
    for index, exercise in parts.indexed("exercises", parts.exercises):
        for position, picture in enumerate(exercise.pictures):
            yield "exercises.toml", f"exercises[{index}].pictures[{position}].file", picture.file
    for index, text in parts.indexed("texts", parts.education):
        for position, picture in enumerate(text.pictures):
            yield "education.toml", f"texts[{index}].pictures[{position}].file", picture.file


def check_pack_pictures(
    files: PackFiles, parts: PackParts, locate: Locate, hashes: dict[str, str], *, complete: bool = True
) -> list[Diagnostic]:
    """Every problem with the pictures of a pack: each picture file is checked (:func:`check_picture`),
    each reference must name one, and its SHA-256 is recorded in ``hashes`` for the content digest.

    A problem with a named picture is reported where it is named (file, line, key); a problem with a
    picture nothing names, on the picture itself. ``complete`` is false when some exercise or text could
    not be read: then a picture seemingly named by none is not warned about, since an unreadable one
    may name it."""
    found = _folder_limits(files)
    problems = _check_files(files, hashes)
    strays = {f"{PICTURE_FOLDER}/{path.name}": path for path in files.stray_pictures}
    named: set[str] = set()
    for file, key, picture in _references(parts):
        named.add(picture)
        message = _reference_problem(picture, problems, files, strays)
        if message is not None:
            found.append(Diagnostic(file, locate(file, key), key, message))
    for name in files.pictures:
        if name in named:
            continue
        if name in problems:
            found.append(Diagnostic(PICTURE_FOLDER, None, name, problems[name]))
        elif complete:
            found.append(
                Diagnostic(
                    PICTURE_FOLDER,
                    None,
                    name,
                    _("not named by any exercise or education text; it is still part of the pack"),
                    "warning",
                )
            )
    for name, path in strays.items():
        if name in named:
            continue
        if path.is_symlink():
            why = _("a link leading outside the pack folder, ignored: put the picture itself in pictures/")
        else:
            why = _(
                "not a pack picture, ignored: a pack picture is a .png, .jpg or .jpeg file in pictures/, named in "
                "lower-case letters, digits, '-' and '_'"
            )
        found.append(Diagnostic(PICTURE_FOLDER, None, name, why, "warning"))
    return found


def _folder_limits(files: PackFiles) -> list[Diagnostic]:
    """The limits on the pictures folder as a whole: how many pictures, and their bytes together."""
    found: list[Diagnostic] = []
    if len(files.pictures) > MAX_PICTURE_FILES:
        message = _("holds {count} pictures; a pack holds at most {limit}").format(
            count=len(files.pictures), limit=MAX_PICTURE_FILES
        )
        found.append(Diagnostic(PICTURE_FOLDER, None, "", message))
    total = sum(_size(path) for path in files.pictures.values())
    if total > MAX_PICTURES_TOTAL_BYTES:
        message = _("the pictures take {total:,} bytes together; a pack's pictures take at most {limit:,}").format(
            total=total, limit=MAX_PICTURES_TOTAL_BYTES
        )
        found.append(Diagnostic(PICTURE_FOLDER, None, "", message))
    return found


def _check_files(files: PackFiles, hashes: dict[str, str]) -> dict[str, str]:
    """Each picture file checked (:func:`check_picture`), its SHA-256 recorded in ``hashes``: the problem of
    each picture that has one, by name."""
    problems: dict[str, str] = {}
    for name, path in files.pictures.items():
        try:
            size = path.stat().st_size
            if size > MAX_PICTURE_BYTES:
                raise _too_large(name, size)
            data = path.read_bytes()
            hashes[name] = sha256(data)
            check_picture(name, data)
        except PictureProblem as problem:
            problems[name] = str(problem)
        except OSError as error:
            problems[name] = _("'{name}' can't be read: {error}").format(name=name, error=error.strerror or error)
    return problems


def _reference_problem(
    picture: str, problems: Mapping[str, str], files: PackFiles, strays: Mapping[str, Path]
) -> str | None:
    """What is wrong with a picture an exercise or text names, or ``None`` when it is a good pack picture."""
    if picture in problems:
        return problems[picture]
    if picture in files.pictures:
        return None
    if picture in strays and strays[picture].is_symlink():
        return _("'{name}' is a link leading outside the pack folder; put the picture itself in {folder}/").format(
            name=picture, folder=PICTURE_FOLDER
        )
    if picture in strays:
        return _("'{name}' is not a file").format(name=picture)
    return _("'{name}' is not in the pack folder; add it there or correct the path").format(name=picture)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
