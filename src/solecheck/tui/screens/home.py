"""The home screen: the pack in use, its clinic, its education texts and its routines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from solecheck.i18n import N_, _, ngettext
from solecheck.packs.view import PackView, RoutineView
from solecheck.tui.messages import StartRequested
from solecheck.tui.services import AppServices, services_of
from solecheck.tui.text import join, literal
from solecheck.tui.widgets.key_footer import KeyFooter
from solecheck.tui.widgets.picture import PictureView

if TYPE_CHECKING:
    from solecheck.screening.outcome import RoutineChanges

HOME_PICTURE_ROWS = 6
"""The routine's picture under its steps, in lines: inside the scrolling part, so it never takes room from the
routine list or the disclaimer at 80×24 (the picture view keeps this height drawn or not, so the scroll
length is the same before and after the picture is decoded)."""
MORE_BELOW = N_("▼ More below: scroll, or Tab to it and press ↓")
"""Shown under a part of the home screen whose text goes on below what fits."""


class ScrollWithHint(VerticalScroll):
    """A scrolling part of the home screen that shows ``hint`` (a Static) while text is hidden below."""

    def __init__(self, *children: Widget, hint: str, id: str) -> None:
        super().__init__(*children, id=id)
        self._hint_id = hint

    def update_hint(self) -> None:
        if not self.is_attached:
            return
        hint = self.screen.query_one(f"#{self._hint_id}", Static)
        hint.display = self.scroll_y < self.max_scroll_y
        self.can_focus = self.max_scroll_y > 0  # Tab stops here only when there is something to scroll

    def watch_virtual_size(self) -> None:
        self.call_after_refresh(self.update_hint)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.update_hint()

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_hint)


class RoutineList(OptionList):
    """The routines: a single click only picks one (a stray click must not start a session); a double
    click, Enter or ``s`` starts it."""

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # OptionList's own handler selects on every click
        clicked: int | None = event.style.meta.get("option")
        if clicked is None:
            return
        if event.chain >= 2 and clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked


class HomeScreen(Screen[None]):
    """What a person sees first: which pack, which clinic, and the routines on offer.

    Drawn from the app's :class:`~solecheck.packs.view.PackView` alone, so the first frame never waits
    for the pack models; the status lines, which need the pack and the history, follow once both are
    ready. Education and the clinic's details are one key away (``l`` and ``c``)."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#routine-list"
    _changes: RoutineChanges | None = None
    """The routine changes of a holding ``modify`` screening: the routine shown is the one it leaves."""
    HELP_TITLE = N_("the start screen")
    HELP_NOTES = ((N_("up, down"), N_("Pick a routine; its steps show on the right")),
                  (N_("Enter"), N_("Start the highlighted routine (a double click too)")))
    _status_pending = False
    _prescribed: dict[str, str] = {}
    """Per routine id, its prescription and this week's progress, once the history has been read."""

    @property
    def solecheck(self) -> AppServices:
        return services_of(self.app)

    @property
    def view(self) -> PackView:
        return self.solecheck.view

    def compose(self) -> ComposeResult:
        # Built with their content, not filled in on mount: the first frame is then laid out once.
        view = self.view
        yield Static(_title(view), id="home-title")
        # A long disclaimer scrolls in a few lines of its own rather than push the routines off the screen.
        yield ScrollWithHint(Static(literal(view.disclaimer), id="home-disclaimer"), hint="disclaimer-more",
                             id="home-disclaimer-box")
        yield Static(literal(_(MORE_BELOW)), id="disclaimer-more", classes="more-below")
        yield Static(id="home-status")
        yield Static(id="home-screening")
        with Horizontal(id="routines"):
            routines = RoutineList(*_routine_options(view), id="routine-list")
            asked = self.solecheck.initial_routine
            first = view.routine(asked) if asked else None
            routines.highlighted = view.routines.index(first) if first else _default_index(view)
            yield routines
            with Vertical(id="routine-side"):
                yield ScrollWithHint(
                    Static(_routine_text(first or _default_routine(view)), id="routine-text"),
                    PictureView(self.solecheck.picture_mode, rows=HOME_PICTURE_ROWS, id="routine-picture"),
                    hint="routine-more",
                    id="routine-detail",
                )
                yield Static(literal(_(MORE_BELOW)), id="routine-more", classes="more-below")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.schedule_status()

    def on_screen_resume(self) -> None:
        self.schedule_status()

    def schedule_status(self) -> None:
        """Refresh the status lines once the screen has been drawn and the pack has loaded (they read the
        history database)."""
        if not self._status_pending:
            self._status_pending = True
            self.solecheck.after_pack_loads(lambda: self.call_after_refresh(self.refresh_status))

    def refresh_session_status(self) -> None:
        """Say so when a session of the pack was left unfinished (the app was closed during it)."""
        from solecheck.tui.status import unfinished_notice

        notice = unfinished_notice(self.solecheck)
        status = self.query_one("#home-status", Static)
        status.update(notice or "")
        status.display = notice is not None

    def refresh_screening(self) -> None:
        """Show the pack's last screening, its outcome and until when it holds."""
        from solecheck.tui.status import screening_status

        text, check = screening_status(self.solecheck)
        line = self.query_one("#home-screening", Static)
        line.update(text)
        line.set_class(check is not None and check.blocked, "-blocked")
        line.set_class(check is not None and check.needs_screening and not check.blocked, "-needed")
        changes = check.changes if check is not None and check.may_start else None
        self._changes = changes if changes is not None and not changes.is_empty else None
        self.show_routine(self.selected_routine)

    def show_routine(self, routine_id: str) -> None:
        """Show a routine's steps on the right, as a holding screening changes them."""
        routine = self.view.routine(routine_id) or _default_routine(self.view)
        changed: str | None = None
        if self._changes is not None and self.solecheck.pack_loaded:
            from solecheck.packs.view import RoutineView
            from solecheck.session.plan import LEFT_OUT_TODAY, preview_steps

            pack = self.solecheck.pack
            steps = preview_steps(pack, pack.routine(routine.id), self._changes)
            routine = RoutineView(routine.id, routine.title, routine.description, steps)
            left_out = sum(step.detail.endswith(_(LEFT_OUT_TODAY)) for step in steps)
            from solecheck.formats import format_percent

            percent = format_percent(self._changes.dose_factor)
            if left_out and self._changes.dose_factor != 1.0:
                changed = ngettext(
                    "As your screening changed it for now: {left_out} of {total} exercise left out, timed holds at "
                    "{percent}",
                    "As your screening changed it for now: {left_out} of {total} exercises left out, timed holds at "
                    "{percent}",
                    len(steps),
                ).format(left_out=left_out, total=len(steps), percent=percent)
            elif left_out:
                changed = ngettext(
                    "As your screening changed it for now: {left_out} of {total} exercise left out",
                    "As your screening changed it for now: {left_out} of {total} exercises left out",
                    len(steps),
                ).format(left_out=left_out, total=len(steps))
            elif self._changes.dose_factor != 1.0:
                changed = _("As your screening changed it for now: timed holds at {percent}").format(percent=percent)
        self.query_one("#routine-text", Static).update(
            _routine_text(routine, changed=changed, prescribed=self._prescribed.get(routine.id))
        )
        self._show_picture(routine.id)
        detail = self.query_one("#routine-detail", ScrollWithHint)
        detail.scroll_home(animate=False)
        self.call_after_refresh(detail.update_hint)

    def _show_picture(self, routine_id: str) -> None:
        """The first picture of the routine's exercises, under its steps, once the pack has loaded."""
        view = self.query_one("#routine-picture", PictureView)
        app = self.solecheck
        pack = app.pack if app.pack_loaded else None
        root = pack.root if pack is not None else None
        if pack is None or root is None or routine_id not in pack.routines_by_id:
            view.show(None, None)
            return
        pictures = (p for step in pack.routine(routine_id).steps for p in pack.exercise(step.exercise).pictures)
        picture = next(pictures, None)
        view.show(root / picture.file if picture else None, picture.alt if picture else None)

    def refresh_pack(self) -> None:
        """Redraw everything from the app's current pack."""
        view = self.view
        self.query_one("#home-title", Static).update(_title(view))
        self.query_one("#home-disclaimer", Static).update(literal(view.disclaimer))
        options = self.query_one("#routine-list", OptionList)
        options.clear_options()
        options.add_options(_routine_options(view))
        options.highlighted = _default_index(view)
        self.show_routine(view.default_routine)
        self.schedule_status()

    def refresh_status(self) -> None:
        """The screening and unfinished-session lines, from the history store."""
        from solecheck.tui.status import prescribed_progress

        self._status_pending = False
        self._prescribed = prescribed_progress(self.solecheck)
        self.refresh_screening()
        self.refresh_session_status()

    @property
    def selected_routine(self) -> str:
        """The id of the routine highlighted in the list (the pack's default until the person moves)."""
        options = self.query_one("#routine-list", OptionList)
        index = options.highlighted
        option_id = options.get_option_at_index(index).id if index is not None else None
        return option_id if option_id and self.view.routine(option_id) else self.view.default_routine

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "routine-list":
            self.post_message(StartRequested(self.selected_routine))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "routine-list" and event.option.id:
            self.show_routine(event.option.id)


def _title(view: PackView) -> Content:
    return join(literal(view.name, "bold"), literal(f"  v{view.version}", "dim"), "  ·  ", literal(view.clinic_name))


def _routine_options(view: PackView) -> list[Option]:
    return [Option(literal(routine.title), id=routine.id) for routine in view.routines]


def _default_routine(view: PackView) -> RoutineView:
    return view.routine(view.default_routine) or view.routines[0]


def _default_index(view: PackView) -> int:
    return view.routines.index(_default_routine(view))


def _routine_text(routine: RoutineView, *, changed: str | None = None, prescribed: str | None = None) -> Content:
    """A routine's title, description and steps, each step with its body region, dose and equipment;
    ``changed`` says under the title how a screening changed it, ``prescribed`` how often it is prescribed
    and this week's progress."""
    parts: list[Content | str] = [literal(routine.title, "bold")]
    if prescribed:
        parts += ["\n", literal(prescribed, "$accent")]
    if changed:
        parts += ["\n", literal(changed, "bold $warning")]
    if routine.description:
        parts += ["\n", literal(routine.description)]
    parts.append("\n")
    for number, step in enumerate(routine.steps, start=1):
        parts += ["\n", literal(f"{number:>2}. "), literal(step.title, "bold")]
        parts.append(literal(f"\n    {step.detail}", "dim"))
        if step.equipment:
            parts.append(literal("\n    " + _("Needs: {equipment}").format(equipment=", ".join(step.equipment)),
                                 "dim"))
    return join(*parts)
