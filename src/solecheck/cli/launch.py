"""Start the full-screen app from the command line: pick the pack, read settings, report problems plainly.

The CLI wires the frontends: it chooses the pack (:func:`solecheck.packs.choice.choose_pack`), checks
the terminal and hands the app what it needs as values; nothing in :mod:`solecheck.tui` imports the CLI.
A start whose inputs are unchanged since last time draws its first frame from the remembered view of
the pack (:mod:`solecheck.packs.snapshot`) and loads the pack itself in the background; so nothing here
imports the pack models at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from solecheck.cli import terminal
from solecheck.cli.context import CliContext
from solecheck.cli.language import start_language
from solecheck.i18n import _, chosen_language
from solecheck.packs.locations import looks_like_path
from solecheck.packs.snapshot import PendingPack, StartSnapshot
from solecheck.settings import Settings, load_settings

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack


def start_pack(context: CliContext, settings: Settings) -> tuple[Pack, list[str]]:
    """The pack a start uses (:func:`~solecheck.packs.choice.choose_pack`) and the warnings to say.

    When the remembered pack is now a newer version, the warnings say so and whether the screening
    still counts, and the settings remember the new version, so the next start is quiet. Raises
    :class:`~solecheck.errors.UserError` when no pack can be loaded. The run's language is chosen here, from
    the languages the pack has (:func:`solecheck.cli.language.start_language`), and the pack comes with its
    texts in it where it has them (:func:`solecheck.packs.translations.in_active_language`)."""
    from solecheck.packs.choice import choose_pack
    from solecheck.packs.translations import in_active_language, pack_languages

    choice = choose_pack(context.pack_spec, context.data_dir, settings)
    start_language(context.language, settings.language, pack_languages(choice.pack))
    warnings = list(choice.warnings)
    if choice.used_before is not None:
        from solecheck.settings import save_settings

        warnings.append(newer_version_notice(choice.pack, choice.used_before, context.data_dir))
        save_settings(settings.replace(pack_version=choice.pack.version))
    return in_active_language(choice.pack), warnings


def _load_in_background(context: CliContext, settings: Settings) -> tuple[Pack, list[str]]:
    """The pack, chosen on the background thread of a start drawn from its snapshot; Babel is readied on
    the same thread (the home screen's status line shows dates)."""
    choice = start_pack(context, settings)
    from solecheck.formats import warm_up

    warm_up()
    return choice


def newer_version_notice(pack: Pack, used_before: str, data_dir: Path) -> str:
    """A sentence saying ``pack`` is a newer version than ``used_before``, and whether taking it up voided
    the screening: the screening written last for the pack (in the history of ``data_dir``) holds only
    while its screening digest is the pack's (see :func:`solecheck.screening.validity.assess`)."""
    from solecheck.history.store import HistoryError, last_screening_digest  # only now: not on every start

    taken_up = _(
        "A newer version of {name} is installed: now using {version} (you used {before} before)."
    ).format(name=pack.manifest.name, version=pack.version, before=used_before)
    try:
        digest = last_screening_digest(data_dir, pack.id)
    except HistoryError:
        verdict = _("Whether your screening still counts is checked before your next session.")
    else:
        if digest is None:
            verdict = _("You'll answer its safety questions before your first session.")
        elif digest != pack.screening_digest:
            verdict = _(
                "Its safety questions changed, so your screening no longer counts: they'll be asked again "
                "before your next session."
            )
        else:
            verdict = _("Its safety questions are unchanged, so your screening still counts.")
    return f"{taken_up} {verdict}"


def launch(context: CliContext, routine_id: str | None = None) -> int:
    """Run the full-screen app: the pack is chosen (its errors said) first, then the terminal checked
    (:func:`solecheck.cli.terminal.require_full_screen`), then the app drawn; ``routine_id`` is
    highlighted on the home screen instead of the pack's default. Returns the exit code."""
    settings, settings_warning = load_settings()
    extra: tuple[Path, ...] = ()
    if context.pack_spec and looks_like_path(context.pack_spec):
        extra = (Path(context.pack_spec),)
    snapshot = StartSnapshot(context.data_dir, context.pack_spec, settings.pack, extra)
    view = snapshot.load()
    if view is not None:
        start_language(context.language, settings.language, view.languages)
        if chosen_language() != view.shown_in:
            view = None  # drawn in another language than this run's
    warnings = [settings_warning] if settings_warning else []
    source: Pack | PendingPack[tuple[Pack, list[str]]]
    if view is not None:
        source = PendingPack(view, lambda: _load_in_background(context, settings))
    else:
        stamp = snapshot.stamp()
        source, choice_warnings = start_pack(context, settings)
        if not choice_warnings:
            from solecheck.packs.view import PackView

            snapshot.save(PackView.from_pack(source), stamp)
        warnings += choice_warnings
    from solecheck.tui.app import build_app
    from solecheck.tui.long_lived import keep_for_life

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
