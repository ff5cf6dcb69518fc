"""The history filter bar: routine, pack and a date range; posts ``FiltersChanged`` as they change."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from solecheck.tui.messages import FiltersChanged
from solecheck.tui.text import plain
from solecheck.tui.widgets.line_input import LineInput


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` as a date, blank as ``None``; ``ValueError`` for anything else."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


class HistoryFilters(Horizontal):
    """Choose a routine, a pack and a date range. A date being typed that is not (yet) a valid
    ``YYYY-MM-DD`` is marked ``-invalid`` and leaves the last valid filter in force."""

    DEFAULT_CSS = """
    HistoryFilters {
        height: auto;
    }
    HistoryFilters > Select {
        width: 1fr;
        margin-right: 1;
    }
    HistoryFilters > Input {
        width: 20;
        margin-right: 1;
    }
    HistoryFilters > Input.-invalid {
        border: tall $error;
    }
    """

    def __init__(self, routines: list[tuple[str, str]], packs: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._routines = routines
        self._packs = packs

    def compose(self) -> ComposeResult:
        yield Select[str](self._routine_options(self._routines), prompt="Any routine", id="filter-routine")
        yield Select[str](self._pack_options(self._packs), prompt="Any pack", id="filter-pack")
        yield LineInput(placeholder="From YYYY-MM-DD", id="filter-since", max_length=10)
        yield LineInput(placeholder="To YYYY-MM-DD", id="filter-until", max_length=10)

    @staticmethod
    def _routine_options(routines: list[tuple[str, str]]) -> list[tuple[Text, str]]:
        return [(plain(title), routine_id) for routine_id, title in routines]  # Text: never markup

    @staticmethod
    def _pack_options(packs: list[str]) -> list[tuple[Text, str]]:
        return [(plain(pack), pack) for pack in packs]

    @property
    def fields_built(self) -> bool:
        """Whether the fields are in place: not yet while the bar is being mounted, nor ever if its screen
        was taken down meanwhile."""
        return bool(self.query("#filter-routine"))

    def set_choices(self, routines: list[tuple[str, str]], packs: list[str]) -> None:
        """Offer these routines (``(id, title)``) and packs; fields not built yet are built with them."""
        self._routines, self._packs = routines, packs
        if self.fields_built:
            with self.prevent(Select.Changed):
                self.query_one("#filter-routine", Select).set_options(self._routine_options(routines))
                self.query_one("#filter-pack", Select).set_options(self._pack_options(packs))

    def clear(self) -> None:
        """Back to any routine, any pack, any date (without posting ``FiltersChanged``)."""
        if not self.query("#filter-routine"):  # not composed yet: its fields will start clear
            return
        with self.prevent(Select.Changed, Input.Changed):
            self.query_one("#filter-routine", Select).clear()
            self.query_one("#filter-pack", Select).clear()
            for input_id in ("#filter-since", "#filter-until"):
                field = self.query_one(input_id, Input)
                field.value = ""
                field.remove_class("-invalid")

    @on(Select.Changed)
    @on(Input.Changed)
    def _changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        days: list[date | None] = []
        for input_id in ("#filter-since", "#filter-until"):
            field = self.query_one(input_id, Input)
            try:
                days.append(parse_day(field.value))
            except ValueError:
                field.add_class("-invalid")
                return
            field.remove_class("-invalid")
        routine = self.query_one("#filter-routine", Select).value
        pack = self.query_one("#filter-pack", Select).value
        self.post_message(
            FiltersChanged(
                routine if isinstance(routine, str) else None,
                pack if isinstance(pack, str) else None,
                days[0],
                days[1],
            )
        )
