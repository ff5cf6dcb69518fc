"""The history filter bar: routine, pack and a date range; posts ``FiltersChanged`` as they change."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from solecheck.i18n import _
from solecheck.tui.messages import FiltersChanged
from solecheck.tui.text import plain
from solecheck.tui.widgets.line_input import LineInput

DAY_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y")
"""The date forms a filter accepts: ISO, year first with slashes, and day first (``29/11/2026``,
``29.11.2026``, ``29-11-2026``, ``29 Nov 2026``). Day first, as the clinic's patients write dates; the
filter line under the bar shows the day understood, so ``11/12/2026`` can be checked."""


def parse_day(text: str) -> date | None:
    """A day in one of :data:`DAY_FORMATS` as a date, blank as ``None``; ``ValueError`` for anything else."""
    text = " ".join(text.split())
    if not text:
        return None
    for form in DAY_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(_("“{text}” is not a date: write it like 29/11/2026 or 2026-11-29").format(text=text))


class DateInput(LineInput):
    """A date field that leaves ``x`` to the history screen ("clear the filters"): no date has an x in it."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character != "x" and super().check_consume_key(key, character)


class HistoryFilters(Horizontal):
    """Choose a routine, a pack and a date range. A date being typed that is not (yet) a date in one of
    :data:`DAY_FORMATS` is marked ``-invalid``, titled "not a date", and leaves the last valid filter in
    force."""

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
        yield Select[str](self._routine_options(self._routines), prompt=_("Any routine"), id="filter-routine")
        yield Select[str](self._pack_options(self._packs), prompt=_("Any pack"), id="filter-pack")
        yield DateInput(placeholder=_("From 29/11/2026"), id="filter-since", max_length=17)
        yield DateInput(placeholder=_("To 29/11/2026"), id="filter-until", max_length=17)

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
                field.border_title = None

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
                field.border_title = _("not a date")
                return
            field.remove_class("-invalid")
            field.border_title = None
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
