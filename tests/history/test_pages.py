"""The history list's paging and local days, without a screen: SessionPages and a real SQLite store."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from solecheck.history.local_time import LocalDays
from solecheck.history.pages import (
    HistoryFilter,
    SessionPages,
    machine_utc_offset,
    read_first_page,
    read_page,
)
from solecheck.history.records import SessionSummary
from solecheck.history.store import HistoryStore
from tests.history.records_factory import T0, session


def _page(*routine_titles: str) -> list[SessionSummary]:
    """Summaries as the store gives them (without a store: the paging only counts and compares them)."""
    return [SessionSummary(**vars(session(routine_title=title))) for title in routine_titles]


def _seed(store: HistoryStore, count: int, **changes: object) -> list[str]:
    records = [session(started_at=T0 + timedelta(hours=hour), **changes) for hour in range(count)]
    for record in records:
        store.start_session(record)
    return [record.id for record in records]


def test_a_filter_without_dates_has_no_days_and_one_with_dates_has_local_days() -> None:
    assert not HistoryFilter().active and HistoryFilter().days(timedelta(hours=2)) is None
    dated = HistoryFilter(since=date(2026, 3, 2))
    assert dated.active
    assert dated.days(timedelta(hours=2)) == LocalDays(date(2026, 3, 2), None, timedelta(hours=2))
    assert HistoryFilter(routine_id="morning").active


def test_pages_are_asked_for_one_at_a_time_and_end_with_a_short_page() -> None:
    pages = SessionPages(page_size=2)
    first = pages.next_page(timedelta(0))
    assert first is not None and (first.offset, first.limit, first.generation) == (0, 2, 0)
    assert pages.next_page(timedelta(0)) is None  # one page is being read
    first_page = _page("a", "b")
    assert pages.page_arrived(first_page)
    pages.page_added(first_page)
    second = pages.next_page(timedelta(0))
    assert second is not None and second.offset == 2
    assert not pages.page_arrived(_page("c"))
    pages.page_added(_page("c"))
    assert pages.exhausted and pages.loaded == 3 and pages.next_page(timedelta(0)) is None
    assert pages.first_page == first_page


def test_a_failed_read_is_asked_for_again() -> None:
    pages = SessionPages(page_size=5)
    assert pages.next_page(timedelta(0)) is not None
    pages.read_failed()
    again = pages.next_page(timedelta(0))
    assert again is not None and again.offset == 0


def test_starting_over_drops_answers_to_earlier_requests() -> None:
    pages = SessionPages(page_size=5)
    old = pages.next_page(timedelta(0))
    assert old is not None
    generation = pages.start_over(HistoryFilter(pack_id="clinic.feet"))
    assert generation == old.generation + 1
    assert not pages.is_current(old.generation) and pages.is_current(generation)
    fresh = pages.next_page(timedelta(hours=1))
    assert fresh is not None and fresh.filter == HistoryFilter(pack_id="clinic.feet")
    assert (fresh.offset, fresh.utc_offset) == (0, timedelta(hours=1))


def test_the_list_is_read_again_only_when_its_first_page_or_count_changed() -> None:
    pages = SessionPages(page_size=5)
    assert not pages.changed([], 0)  # nothing read yet: nothing to compare
    pages.next_page(timedelta(0))
    listed = _page("a")
    pages.page_arrived(listed)
    pages.page_added(listed)
    pages.trends_shown(total=1, today=date(2026, 3, 2))
    assert not pages.changed(list(listed), 1)
    assert pages.changed([*_page("b"), *listed], 2)
    assert pages.changed(listed, 7)
    assert not pages.trends_out_of_date(date(2026, 3, 2)) and pages.trends_out_of_date(date(2026, 3, 3))


def test_a_page_holds_at_least_one_session() -> None:
    with pytest.raises(ValueError, match="at least one"):
        SessionPages(page_size=0)


def test_read_page_follows_the_request_through_the_store(store: HistoryStore) -> None:
    ids = _seed(store, 5)
    _seed(store, 2, routine_id="evening")
    pages = SessionPages(page_size=2)
    pages.start_over(HistoryFilter(routine_id="morning"))
    read: list[str] = []
    while (request := pages.next_page(timedelta(0))) is not None:
        page = read_page(store, request)
        pages.page_arrived(page)
        pages.page_added(page)
        read += [summary.id for summary in page]
    assert read == ids[::-1]  # newest first, the evening sessions left out, in three pages
    first, total = read_first_page(store, pages.filter, 2, timedelta(0))
    assert [s.id for s in first] == ids[:-3:-1] and total == 5


def test_a_date_filter_takes_each_sessions_own_local_day(store: HistoryStore) -> None:
    # 23:30 UTC on 1 March, recorded at UTC+1: the person's 2 March.
    late = session(started_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC), utc_offset_min=60)
    store.start_session(late)
    on_the_second = HistoryFilter(since=date(2026, 3, 2), until=date(2026, 3, 2))
    pages = SessionPages()
    pages.start_over(on_the_second)
    request = pages.next_page(timedelta(0))
    assert request is not None
    assert [s.id for s in read_page(store, request)] == [late.id]
    assert read_first_page(store, HistoryFilter(until=date(2026, 3, 1)), 10, timedelta(0)) == ([], 0)


def test_the_machine_offset_is_the_zones_at_the_moment_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")  # Central Europe, as a rule: no zone files needed
    time.tzset()
    try:
        assert machine_utc_offset(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == timedelta(hours=2)
        assert machine_utc_offset(datetime(2026, 1, 15, 12, 0, tzinfo=timezone(timedelta(hours=-5)))) == timedelta(
            hours=1
        )
    finally:
        monkeypatch.undo()
        time.tzset()
