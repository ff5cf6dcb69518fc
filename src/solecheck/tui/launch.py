"""Start the app from the command line: pick the pack, read settings, report problems plainly."""

from __future__ import annotations

from pathlib import Path

from solecheck.cli.context import CliContext, CliError
from solecheck.packs.diagnostics import PackError, format_pack_error
from solecheck.packs.discovery import PackNotFound, looks_like_path, resolve
from solecheck.packs.pack import Pack
from solecheck.settings import Settings, load_settings


def choose_pack(context: CliContext, settings: Settings) -> tuple[Pack, list[str]]:
    """The pack asked for on the command line, else the remembered one, else the default.

    A pack named on the command line must load (``CliError`` otherwise); a remembered one that no
    longer loads gives way to the default with a warning."""
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


def launch(context: CliContext) -> int:
    settings, settings_warning = load_settings()
    pack, warnings = choose_pack(context, settings)
    if settings_warning:
        warnings.insert(0, settings_warning)
    extra: tuple[Path, ...] = ()
    if context.pack_spec and looks_like_path(context.pack_spec):
        extra = (Path(context.pack_spec),)
    from solecheck.tui.app import build_app

    app = build_app(pack, context.data_dir, settings=settings, startup_warnings=tuple(warnings), extra_pack_paths=extra)
    app.run()
    if app.exit_messages:
        import sys

        print(*app.exit_messages, sep="\n", file=sys.stderr)
        return 1
    return app.return_code or 0
