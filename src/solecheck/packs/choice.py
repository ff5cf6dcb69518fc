"""Which pack a start uses: the one named on the command line, else the remembered one, else the default.

A pack rule, apart from any frontend: the CLI asks it for the full-screen app and the line mode alike.
It reads pack folders and the settings it is given, writes nothing and says nothing itself; what it
found worth saying comes back as warnings, and a remembered pack now in a newer version comes back as
:attr:`PackChoice.used_before`, for the caller to say what that means for the screening.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from solecheck.errors import UserError
from solecheck.i18n import _

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack
    from solecheck.settings import Settings


@dataclass(frozen=True)
class PackChoice:
    """The pack a start uses, and what to tell the person about the choice."""

    pack: Pack
    warnings: tuple[str, ...] = field(default=())
    """Sentences for the person: a remembered pack that no longer loads, so the default is shown."""
    used_before: str | None = None
    """The version of the remembered pack used last, when ``pack`` is another (newer) version of it;
    ``None`` when the version is the same, pinned, or the pack was named on the command line."""


def choose_pack(pack_spec: str | None, data_dir: Path, settings: Settings) -> PackChoice:
    """The pack asked for with ``pack_spec`` (``--pack``: a folder, an id or ``ID@VERSION``), else the
    one remembered in ``settings``, else the default, found on the pack path of ``data_dir``.

    A pack named on the command line must load; ``ID@VERSION`` uses that version. A remembered pack is
    remembered by id: its newest valid version is used unless the person pinned a version on purpose.
    One that no longer loads gives way to the default with a warning.

    Raises :class:`~solecheck.errors.UserError` (one line, exit code 1) when the pack named on the
    command line, or the built-in default, can't be loaded."""
    from solecheck.packs.diagnostics import PackError, format_pack_error
    from solecheck.packs.discovery import PackNotFound, resolve, split_spec
    from solecheck.packs.locations import looks_like_path

    if pack_spec:
        try:
            return PackChoice(resolve(pack_spec, data_dir))
        except PackError as error:
            raise UserError(format_pack_error(error)) from None
        except PackNotFound as error:
            raise UserError(str(error)) from None
    warnings: tuple[str, ...] = ()
    if settings.pack:
        remembered = settings.pack
        if not settings.pack_pinned and not looks_like_path(remembered):
            remembered = split_spec(remembered)[0]  # remembered by id: the newest valid version
        try:
            pack = resolve(remembered, data_dir)
        except (PackError, PackNotFound) as error:
            warnings = (
                _("The pack you used last ({pack}) can't be loaded, so the default is shown: {error}").format(
                    pack=settings.pack, error=error
                ),
            )
        else:
            return PackChoice(pack, used_before=version_used_before(settings, pack))
    try:
        return PackChoice(resolve(None, data_dir), warnings)
    except (PackError, PackNotFound) as error:
        raise UserError(
            _("the built-in pack can't be loaded ({error}); please reinstall solecheck").format(error=error)
        ) from None


def version_used_before(settings: Settings, pack: Pack) -> str | None:
    """The version of the remembered pack used last, when ``pack`` is another version of it, else ``None``.

    Read from ``settings.pack_version``; settings written by an older solecheck, which remembered a plain
    pick as ``ID@VERSION`` without a pin, give it in the spec instead."""
    from solecheck.packs.discovery import split_spec

    last = settings.pack_version or (split_spec(settings.pack or "")[1] if settings.pack_pinned is False else None)
    return last if last and last != pack.version else None
