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

    A pack named on the command line must load (``CliError`` otherwise); a remembered one that no
    longer loads gives way to the default with a warning."""
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
        try:
            return resolve(settings.pack, context.data_dir), warnings
        except (PackError, PackNotFound) as error:
            warnings.append(
                f"The pack you used last ({settings.pack}) can't be loaded, so the default is shown: {error}"
            )
    try:
        return resolve(None, context.data_dir), warnings
    except (PackError, PackNotFound) as error:
        raise CliError(f"the built-in pack can't be loaded ({error}); please reinstall solecheck") from None


def launch(context: CliContext, routine_id: str | None = None) -> int:
    """Run the app; ``routine_id`` is highlighted on the home screen instead of the pack's default."""
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
        source, choice_warnings = choose_pack(context, settings)
        if not choice_warnings:
            from solecheck.packs.view import PackView

            snapshot.save(PackView.from_pack(source))
        warnings += choice_warnings
    from solecheck.tui.app import build_app

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
