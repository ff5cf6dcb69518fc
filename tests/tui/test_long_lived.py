"""The cycle collector kept out of a person's way, only when asked for: what lives as long as the app is frozen,
and full passes wait for input to pause."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.long_lived import IdleCollector
from solecheck.tui.screens.history import HistoryScreen


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test process collects as usual


async def test_the_home_screen_and_the_kept_history_pane_are_frozen(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir, gc_freeze=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        after_home = gc.get_freeze_count()
        assert after_home > 0
        await pilot.press("h")
        for _ in range(100):
            if isinstance(app.screen, HistoryScreen) and gc.get_freeze_count() > after_home:
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, HistoryScreen) and app.screen.kept_for_life
        assert gc.get_freeze_count() > after_home


async def test_nothing_is_frozen_unless_asked(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HistoryScreen) and not app.screen.kept_for_life
    assert gc.get_freeze_count() == 0


class FakeCollector:
    """What ``IdleCollector`` reads and runs: the collector's counts, and full passes (which zero them)."""

    def __init__(self) -> None:
        self.owed = 0
        self.passes = 0

    def get_count(self) -> tuple[int, int, int]:
        return (0, 0, self.owed)

    def collect(self) -> None:
        self.passes += 1
        self.owed = 0


Installed = tuple[IdleCollector, FakeCollector, list[float]]


@pytest.fixture
def installed() -> Iterator[Installed]:
    if not IdleCollector.needed():
        pytest.skip("this Python's collector is incremental: nothing to move")
    now = [100.0]
    fake = FakeCollector()
    collector = IdleCollector(lambda: now[0], get_count=fake.get_count, collect=fake.collect)
    before = gc.get_threshold()
    collector.install()
    try:
        yield collector, fake, now
    finally:
        collector.uninstall()
        assert gc.get_threshold() == before


def test_python_runs_no_full_pass_by_itself_while_installed(
    installed: tuple[IdleCollector, FakeCollector, list[float]],
) -> None:
    young, middle, full = gc.get_threshold()
    assert full >= 10**9 and (young, middle) != (0, 0)


def test_a_due_pass_waits_for_input_to_pause(installed: Installed) -> None:
    collector, fake, now = installed
    fake.owed = 9
    now[0] += 5
    assert not collector.tick()  # idle, but not due yet (Python's own default: 10)
    fake.owed = 10
    collector.input_seen()
    for _ in range(3):  # due, but keys keep coming
        now[0] += 0.3
        assert not collector.tick()
        collector.input_seen()
    now[0] += 0.99
    assert not collector.tick()
    now[0] += 0.01
    assert collector.tick() and fake.passes == 1 and fake.owed == 0
    assert (collector.idle_passes, collector.forced_passes) == (1, 0)
    assert not collector.tick()  # nothing owed now


def test_a_pass_owed_too_long_runs_even_while_keys_come(
    installed: tuple[IdleCollector, FakeCollector, list[float]],
) -> None:
    collector, fake, _ = installed
    fake.owed = 99
    collector.input_seen()
    assert not collector.tick()
    fake.owed = 100
    assert collector.tick() and (collector.idle_passes, collector.forced_passes) == (0, 1)


def test_nothing_runs_and_nothing_changes_unless_installed() -> None:
    fake = FakeCollector()
    fake.owed = 1_000
    collector = IdleCollector(lambda: 1e9, get_count=fake.get_count, collect=fake.collect)
    before = gc.get_threshold()
    assert not collector.tick() and fake.passes == 0
    collector.uninstall()
    assert gc.get_threshold() == before


async def test_the_app_moves_full_passes_to_idle_moments_only_when_asked(builtin_pack: Pack, data_dir: Path) -> None:
    before = gc.get_threshold()
    plain = build_app(builtin_pack, data_dir)
    async with plain.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert plain.collector is None and gc.get_threshold() == before
    now = [0.0]
    app = build_app(builtin_pack, data_dir, clock=lambda: now[0], gc_freeze=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.collector is not None
        assert app.collector.installed == IdleCollector.needed()
        now[0] = 50.0
        await pilot.press("down")  # a key: input is not idle any more
        assert now[0] - app.collector._last_input == 0
    assert gc.get_threshold() == before  # given back when the app closes
