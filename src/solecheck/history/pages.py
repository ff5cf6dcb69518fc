"""The history list read a page at a time: what to read next, and whether a page that arrives still counts.

The history pane reads sessions in worker threads, ``page_size`` at a time as the person scrolls, and
starts over when the filter changes; a page read for an older filter may arrive after that. A
:class:`SessionPages` keeps that bookkeeping without a screen: each start over is a new *generation*,
:meth:`SessionPages.next_page` says which page to read (none while one is being read or the list is
exhausted), :meth:`SessionPages.is_current` drops answers of an older generation, and
:meth:`SessionPages.changed` says whether the list must be read again after sessions were recorded
meanwhile. :func:`read_page` and :func:`read_first_page` read through the store.

Dates in a :class:`HistoryFilter` are local days, each session's own (the UTC offset it was recorded
with, ``utc_offset`` for older records without one; see :class:`~solecheck.history.local_time.LocalDays`).
No UI: the screen asks and shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from solecheck.history.local_time import LocalDays
from solecheck.history.records import SessionSummary
from solecheck.history.store import HistoryStore

PAGE = 100
"""Sessions read at a time."""


@dataclass(frozen=True)
class HistoryFilter:
    """What the person narrowed the list to; ``None`` means any. ``since`` and ``until`` are local days,
    both inclusive."""

    routine_id: str | None = None
    pack_id: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def active(self) -> bool:
        return any(value is not None for value in (self.routine_id, self.pack_id, self.since, self.until))

    def days(self, utc_offset: timedelta) -> LocalDays | None:
        """The filter's dates as local days, each session on its own (``utc_offset`` for records without
        an offset); ``None`` without dates."""
        if self.since is None and self.until is None:
            return None
        return LocalDays(self.since, self.until, utc_offset)


@dataclass(frozen=True)
class PageRequest:
    """One page to read: ``limit`` sessions after the first ``offset`` matching ``filter``, newest first,
    for the list's ``generation``."""

    generation: int
    filter: HistoryFilter
    offset: int
    limit: int
    utc_offset: timedelta


def read_page(store: HistoryStore, request: PageRequest) -> list[SessionSummary]:
    """The sessions of ``request``. Raises ``HistoryError`` when the history can't be read."""
    current = request.filter
    return store.session_summaries(
        request.limit,
        request.offset,
        routine_id=current.routine_id,
        pack_id=current.pack_id,
        days=current.days(request.utc_offset),
    )


def read_first_page(
    store: HistoryStore, current: HistoryFilter, limit: int, utc_offset: timedelta
) -> tuple[list[SessionSummary], int]:
    """The first page of sessions matching ``current`` and how many match in all: what
    :meth:`SessionPages.changed` compares. Raises ``HistoryError`` when the history can't be read."""
    days = current.days(utc_offset)
    page = store.session_summaries(limit, 0, routine_id=current.routine_id, pack_id=current.pack_id, days=days)
    total = store.count_sessions(routine_id=current.routine_id, pack_id=current.pack_id, days=days)
    return page, total


def machine_utc_offset(now: datetime | None = None) -> timedelta:
    """The UTC offset of the machine's time zone at ``now`` (aware; the wall clock when ``None``): the
    offset for records without one when none is injected."""
    moment = now.astimezone() if now is not None else datetime.now().astimezone()
    return moment.utcoffset() or timedelta(0)


class SessionPages:
    """The paging of one history list: its filter, the pages read so far, and what they showed.

    ``loaded`` sessions have been added; ``exhausted`` once a page came back short; ``first_page`` and
    ``total`` are what the list started with (for :meth:`changed`); ``trends_day`` is the day the
    trends were worked out for."""

    def __init__(self, page_size: int = PAGE) -> None:
        if page_size < 1:
            raise ValueError(f"a page holds at least one session, not {page_size}")
        self.page_size = page_size
        self.filter = HistoryFilter()
        self.generation = 0
        self.loaded = 0
        self.exhausted = False
        self.loading = False
        self.first_page: list[SessionSummary] | None = None
        self.total: int | None = None
        self.trends_day: date | None = None

    def start_over(self, new_filter: HistoryFilter | None = None) -> int:
        """Forget every page (and take ``new_filter`` when given): answers to earlier requests no longer
        count. Returns the new generation."""
        if new_filter is not None:
            self.filter = new_filter
        self.generation += 1
        self.loaded = 0
        self.exhausted = False
        self.loading = False
        self.first_page = None
        self.total = None
        return self.generation

    def next_page(self, utc_offset: timedelta) -> PageRequest | None:
        """The next page to read, now marked as being read; ``None`` while a page is being read or when
        every matching session is loaded."""
        if self.loading or self.exhausted:
            return None
        self.loading = True
        return PageRequest(self.generation, self.filter, self.loaded, self.page_size, utc_offset)

    def is_current(self, generation: int) -> bool:
        """Whether an answer for ``generation`` still belongs to the list (no start over since)."""
        return generation == self.generation

    def page_arrived(self, page: list[SessionSummary]) -> bool:
        """``page``, the answer to :meth:`next_page`, is being added to the list; ``True`` when it is the
        list's first (what :meth:`changed` compares with)."""
        first = self.loaded == 0
        if first:
            self.first_page = page
        return first

    def page_added(self, page: list[SessionSummary]) -> None:
        """``page`` is in the list: the next request follows it; a short page means there is no more."""
        self.loaded += len(page)
        self.loading = False
        self.exhausted = len(page) < self.page_size

    def read_failed(self) -> None:
        """The page could not be read: the next :meth:`next_page` asks for it again."""
        self.loading = False

    def trends_shown(self, total: int, today: date) -> None:
        """The trends, worked out for ``today``, counted ``total`` matching sessions."""
        self.total, self.trends_day = total, today

    def changed(self, first_page: list[SessionSummary], total: int) -> bool:
        """Whether the list must be read again: its first page, or the number of matching sessions,
        is not what it was when the list was read."""
        if self.first_page is None:
            return False
        return first_page != self.first_page or (self.total is not None and total != self.total)

    def trends_out_of_date(self, today: date) -> bool:
        """Whether the trends shown were worked out for another day than ``today``."""
        return self.trends_day is not None and self.trends_day != today
