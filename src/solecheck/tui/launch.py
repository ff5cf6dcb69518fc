"""Start the app from the command line: pick the pack, read settings, report problems plainly.

A start whose inputs are unchanged since last time draws its first frame from the remembered view of
the pack (:mod:`solecheck.packs.snapshot`) and loads the pack itself in the background; so nothing here
imports the pack models at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from solecheck.cli.context import CliContext, CliError
from solecheck.packs.locations import looks_like_path
from solecheck.packs.snapshot import PendingPack, StartSnapshot
from solecheck.settings import Settings, load_settings
from solecheck.tui.long_lived import keep_for_life

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack


def choose_pack(context: CliContext, settings: Settings) -> tuple[Pack, list[str]]:
    """The pack asked for on the command line, else the remembered one, else the default.

    A pack named on the command line must load (``CliError`` otherwise); ``--pack ID@VERSION`` uses that
    version. A remembered pack is remembered by id: its newest valid version is used (and the person told
    when that is newer than last time) unless they pinned a version on purpose. One that no longer loads
    gives way to the default with a warning."""
    from solecheck.packs.diagnostics import PackError, format_pack_error
    from solecheck.packs.discovery import PackNotFound, resolve

    warnings: list[str] = []
    if context.pack_spec:
        try:
            return resolve(context.pack_spec, context.data_dir), warnings
        except PackError as error:
            raise CliError(format_pack_error(error)) from None
        except PackNotFound as error:
            raise CliError(str(error)) from None
    if settings.pack:
        from solecheck.packs.discovery import split_spec
        from solecheck.packs.locations import looks_like_path

        remembered = settings.pack
        if not settings.pack_pinned and not looks_like_path(remembered):
            remembered = split_spec(remembered)[0]  # remembered by id: the newest valid version
        try:
            pack = resolve(remembered, context.data_dir)
        except (PackError, PackNotFound) as error:
            warnings.append(
                f"The pack you used last ({settings.pack}) can't be loaded, so the default is shown: {error}"
            )
        else:
            notice = newer_version_notice(settings, pack, context.data_dir)
            if notice:
                warnings.append(notice)
                from solecheck.settings import save_settings

                save_settings(settings.replace(pack_version=pack.version))
            return pack, warnings
    try:
        return resolve(None, context.data_dir), warnings
    except (PackError, PackNotFound) as error:
        raise CliError(f"the built-in pack can't be loaded ({error}); please reinstall solecheck") from None


def newer_version_notice(settings: Settings, pack: Pack, data_dir: Path) -> str | None:
    """A sentence when ``pack`` is a newer version of the remembered pack than the one used last, saying
    whether taking it up voided the screening: the screening written last for the pack (in the history
    of ``data_dir``) holds only while its screening digest is the pack's (see
    :func:`solecheck.screening.validity.assess`)."""
    from solecheck.packs.discovery import split_spec

    last = settings.pack_version or (split_spec(settings.pack or "")[1] if settings.pack_pinned is False else None)
    if not last or last == pack.version:
        return None
    from solecheck.history.store import HistoryError, last_screening_digest  # only now: not on every start
    taken_up = (
        f"A newer version of {pack.manifest.name} is installed: now using {pack.version} (you used {last} before)."
    )
    try:
        digest = last_screening_digest(data_dir, pack.id)
    except HistoryError:
        return f"{taken_up} Whether your screening still counts is checked before your next session."
    if digest is None:
        return f"{taken_up} You'll answer its safety questions before your first session."
    if digest != pack.screening_digest:
        return (
            f"{taken_up} Its safety questions changed, so your screening no longer counts: they'll be asked "
            "again before your next session."
        )
    return f"{taken_up} Its safety questions are unchanged, so your screening still counts."


def launch(context: CliContext, routine_id: str | None = None) -> int:
    """Run the full-screen app: the pack is chosen (its errors said) first, then the terminal checked
    (:func:`solecheck.cli.terminal.require_full_screen`), then the app drawn; ``routine_id`` is
    highlighted on the home screen instead of the pack's default."""
    settings, settings_warning = load_settings()
    extra: tuple[Path, ...] = ()
    if context.pack_spec and looks_like_path(context.pack_spec):
        extra = (Path(context.pack_spec),)
    snapshot = StartSnapshot(context.data_dir, context.pack_spec, settings.pack, extra)
    view = snapshot.load()
    warnings = [settings_warning] if settings_warning else []
    source: Pack | PendingPack[tuple[Pack, list[str]]]
    if view is not None:
        source = PendingPack(view, lambda: choose_pack(context, settings))
    else:
        stamp = snapshot.stamp()
        source, choice_warnings = choose_pack(context, settings)
        if not choice_warnings:
            from solecheck.packs.view import PackView

            snapshot.save(PackView.from_pack(source), stamp)
        warnings += choice_warnings
    from solecheck.cli import terminal
    from solecheck.tui.app import build_app

    terminal.require_full_screen()
    app = build_app(
        source,
        context.data_dir,
        settings=settings,
        startup_warnings=tuple(warnings),
        extra_pack_paths=extra,
        gc_freeze=True,
        initial_routine=routine_id,
    )
    # Everything made so far (modules, classes, the pack's view) lives as long as the process: move it out
    # of the cycle collector's way, so its collections while the first screen is built stay short.
    keep_for_life()
    app.run()
    if app.exit_messages:
        import sys

        print(*app.exit_messages, sep="\n", file=sys.stderr)
        return 1
    return app.return_code or 0
