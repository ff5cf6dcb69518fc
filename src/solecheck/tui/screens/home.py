"""The home screen: the pack in use, its clinic, its education texts and its routines."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from solecheck.packs.models import REGION_LABELS, Routine
from solecheck.packs.pack import Pack
from solecheck.tui.text import join, literal
from solecheck.tui.widgets.clinic_card import ClinicCard

if TYPE_CHECKING:
    from solecheck.tui.app import SolecheckApp


class HomeScreen(Screen[None]):
    """What a person sees first: which pack, which clinic, and the routines on offer."""

    CSS_PATH = "home.tcss"
    _status_pending = False

    @property
    def solecheck(self) -> SolecheckApp:
        return cast("SolecheckApp", self.app)

    @property
    def pack(self) -> Pack:
        return self.solecheck.pack

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        yield Static(id="home-disclaimer")
        yield Static(id="home-status")
        yield Static(id="home-screening")
        with TabbedContent(id="home-tabs"):
            with TabPane("Routines", id="tab-routines"), Horizontal(id="routines"):
                yield OptionList(id="routine-list")
                with VerticalScroll(id="routine-detail"):
                    yield Static(id="routine-text")
            with TabPane("Why the foot first", id="tab-learn"), VerticalScroll(id="education"):
                yield Static(id="pack-summary", classes="education-text")
                yield Vertical(id="education-texts")
            with TabPane("Clinic", id="tab-clinic"), VerticalScroll(id="clinic"):
                yield ClinicCard(self.pack.clinic, id="clinic-card")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_pack()
        self.query_one("#routine-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.schedule_status()

    def schedule_status(self) -> None:
        """Refresh the status lines once the screen has been drawn (they read the history database)."""
        if not self._status_pending:
            self._status_pending = True
            self.call_after_refresh(self.refresh_status)

    def refresh_session_status(self) -> None:
        """Say so when a session of the pack was left unfinished (the app was closed during it)."""
        from solecheck.tui.screens.session import unfinished_notice

        notice = unfinished_notice(self.solecheck)
        status = self.query_one("#home-status", Static)
        status.update(notice or "")
        status.display = notice is not None

    def refresh_screening(self) -> None:
        """Show the pack's last screening, its outcome and until when it holds."""
        from solecheck.tui.screens.wizard import screening_status

        text, clearance = screening_status(self.solecheck)
        line = self.query_one("#home-screening", Static)
        line.update(text)
        line.set_class(clearance is not None and clearance.blocked, "-blocked")
        line.set_class(clearance is not None and clearance.needs_screening and not clearance.blocked, "-needed")

    def refresh_pack(self) -> None:
        """Redraw everything from the app's current pack."""
        pack = self.pack
        manifest = pack.manifest
        self.query_one("#home-title", Static).update(
            join(
                literal(manifest.name, "bold"),
                literal(f"  v{manifest.version}", "dim"),
                "  ·  ",
                literal(pack.clinic.name),
            )
        )
        self.query_one("#home-disclaimer", Static).update(literal(manifest.disclaimer))
        self.query_one("#pack-summary", Static).update(literal(manifest.summary, "italic"))
        options = self.query_one("#routine-list", OptionList)
        options.clear_options()
        options.add_options(Option(literal(routine.title), id=routine.id) for routine in pack.routines)
        default = pack.default_routine.id
        options.highlighted = next(i for i, r in enumerate(pack.routines) if r.id == default)
        self._show_routine(pack.default_routine)
        texts = self.query_one("#education-texts", Vertical)
        texts.remove_children()
        texts.mount_all(
            Static(join(literal(t.title, "bold"), "\n", literal(t.body)), classes="education-text")
            for t in pack.education
        )
        if not pack.education:
            texts.mount(Static("This pack has no education texts.", classes="education-text"))
        self.query_one("#clinic-card", ClinicCard).clinic = pack.clinic
        self.schedule_status()

    def refresh_status(self) -> None:
        """The screening and unfinished-session lines, from the history store."""
        self._status_pending = False
        self.refresh_screening()
        self.refresh_session_status()

    @property
    def selected_routine(self) -> Routine:
        """The routine highlighted in the list (the pack's default until the person moves)."""
        options = self.query_one("#routine-list", OptionList)
        index = options.highlighted
        if index is None:
            return self.pack.default_routine
        option_id = options.get_option_at_index(index).id
        return self.pack.routines_by_id.get(option_id or "", self.pack.default_routine)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "routine-list":
            self.solecheck.action_start_session()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "routine-list" and event.option.id:
            routine = self.pack.routines_by_id.get(event.option.id)
            if routine:
                self._show_routine(routine)

    def _show_routine(self, routine: Routine) -> None:
        pack = self.pack
        parts: list[Content | str] = [literal(routine.title, "bold")]
        if routine.description:
            parts += ["\n", literal(routine.description)]
        parts.append("\n")
        for number, step in enumerate(routine.steps, start=1):
            exercise = pack.exercises_by_id[step.exercise]
            dose = step.dose.apply(exercise.dose) if step.dose else exercise.dose
            parts += [
                "\n",
                literal(f"{number:>2}. "),
                literal(exercise.title, "bold"),
                literal(f"\n    {REGION_LABELS[exercise.region]} · {dose.describe(exercise.sides)}", "dim"),
            ]
            if exercise.equipment:
                parts.append(literal(f"\n    Needs: {', '.join(exercise.equipment)}", "dim"))
        self.query_one("#routine-text", Static).update(join(*parts))
