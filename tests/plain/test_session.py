"""The plain line mode driven in-process by a script, on a fake clock and a real history file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from solecheck.contact import NOBODY_TO_REACH_LINE_MODE
from solecheck.history.records import SessionRecord, StepRecord, utcnow
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.plain.session import PlainSession, StdinLines, clinic_lines, step_heading
from solecheck.session.plan import build_plan
from solecheck.session.recorder import Now
from tests.conftest import FakeClock

PROCEED = ["n", "n", "n", "n", "1", "y"]
"""Screening answers with nothing to report, then 'save'."""


class ScriptedLines:
    """Lines typed by a script. A number in the script is that many seconds of silence: a wait
    with a timeout moves the fake clock by up to the timeout and times out."""

    def __init__(self, script: list[str | float], clock: FakeClock) -> None:
        self.script = list(script)
        self.clock = clock

    def __call__(self, timeout: float | None) -> str | None:
        while self.script:
            item = self.script[0]
            if isinstance(item, str):
                self.script.pop(0)
                return item
            if timeout is None:
                self.clock.advance(item)
                self.script.pop(0)
                continue
            waited = min(timeout, item)
            self.clock.advance(waited)
            if waited >= item:
                self.script.pop(0)
            else:
                self.script[0] = item - waited
            return None
        raise EOFError


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(data_dir) as opened:
        yield opened


def run_plain(
    pack: Pack,
    store: HistoryStore,
    clock: FakeClock,
    script: list[str | float],
    routine: str = "sole-only",
    now: Now = utcnow,
) -> tuple[int, list[str], ScriptedLines]:
    lines: list[str] = []
    reader = ScriptedLines(script, clock)
    runner = PlainSession(
        pack, store, pack.routine(routine), clock=clock, read_line=reader, write=lines.append, now=now
    )
    return runner.run(), lines, reader


def only_session(store: HistoryStore) -> SessionRecord:
    [summary] = store.session_summaries()
    session = store.get_session(summary.id)
    assert session is not None
    return session


def test_sole_only_runs_from_screening_to_summary_with_exact_times(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, reader = run_plain(builtin_pack, store, clock, [*PROCEED, 95.0, "2", 95.0, "1"])
    assert code == 0 and reader.script == []
    assert "Question 1 of 5: Do you have a painful foot injury or foot condition that came on recently?" in lines
    assert "Step 1 of 2: Sole roll on a ball, left side: 90 seconds." in lines
    assert any("Stay off the heel bone" in line for line in lines)
    assert "Go: 90 seconds. Press Enter if you finish early." in lines
    left = lines.index("Step 1 of 2: Sole roll on a ball, left side: 90 seconds.")
    right = lines.index("Step 2 of 2: Sole roll on a ball, right side: 90 seconds.")
    assert [line for line in lines[left:right] if line.endswith("seconds left.")] == [
        "60 seconds left.", "30 seconds left.", "10 seconds left."
    ]
    assert lines[-6:] == [
        "Sole reset: completed.",
        "Steps done: 2 of 2.",
        "Time: 3 min of exercise, 3 min 10 s in all.",
        "Highest pain: 2 out of 10.",
        "This week: 1 of 3 prescribed sessions done (on Tuesday, Thursday, and Saturday).",
        "This is your first recorded session of this routine.",
    ]
    session = only_session(store)
    assert session.status == "completed" and session.screening_id is not None
    steps = store.steps_of(session.id)
    assert [(s.side, s.actual_s, s.pain) for s in steps] == [("left", 90, 2), ("right", 90, 1)]


def test_enter_ends_a_timed_step_early_with_the_actual_time(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, "", 42.5, "", "0", "", "", "0"])
    assert code == 0
    steps = store.steps_of(only_session(store).id)
    assert [s.actual_s for s in steps] == [42.5, 0]
    assert "60 seconds left." in lines


def test_commands_pause_extend_skip_back_note_and_help(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    script: list[str | float] = [
        *PROCEED, "", 10.0, "p", 500.0, "p", "+", "note tender arch", "h", "zzz", 95.0, "3",
        "", "b", "", "n", "", "", "5",
    ]
    code, lines, reader = run_plain(builtin_pack, store, clock, script)
    assert code == 0 and reader.script == []
    assert "Paused. Type p or press Enter to carry on." in lines
    assert "15 seconds more: 95 seconds left." in lines
    assert "Note added." in lines and any(line.startswith("Commands: Enter") for line in lines)
    assert "Not understood: “zzz”. Type h for the commands." in lines
    assert "Going back one step." in lines and "Skipped." in lines
    steps = store.steps_of(only_session(store).id)
    # left done (90 + 15 s, paused time excluded), left redone after going back and skipped, right done
    assert [(s.position, s.status, s.actual_s, s.pain, s.note) for s in steps] == [
        (0, "done", 105, 3, "tender arch"),
        (0, "skipped", 0, None, None),
        (1, "done", 0, 5, None),
    ]


def test_illegal_commands_are_refused_with_a_reason(builtin_pack: Pack, store: HistoryStore, clock: FakeClock) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, "b", "", "", "0", "", "", "0"])
    assert code == 0
    assert "Not now: This is the first step: there is none before it to go back to." in lines


def test_pain_above_the_limit_shows_the_clinic_and_stops_for_pain(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, "", "", "eleven", "7", "x", "s"])
    assert code == 0
    assert "Please type a whole number from 0 to 10 (or s to stop)." in lines
    assert builtin_pack.session.pain_check.limit_message in lines
    assert "Your clinic: Thrive Now Physiotherapy" in lines
    assert "Please type s or r." in lines
    session = only_session(store)
    assert session.status == "stopped_pain"
    assert [s.pain for s in store.steps_of(session.id)] == [7]
    assert "Sole reset: stopped for pain." in lines


def test_skip_region_after_pain_moves_to_the_next_region(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    script: list[str | float] = [*PROCEED, "", "", "8", "r", "s", "calf hurts too"]
    code, lines, _ = run_plain(builtin_pack, store, clock, script, routine="foot-to-spine")
    assert code == 0
    assert "Skipped 1 more step for this area (Sole of the foot)." in lines
    assert "Step 3 of 14: Calf stretch at a wall, left side, set 1 of 2: 30 seconds." in lines
    session = only_session(store)
    assert (session.status, session.stop_reason) == ("stopped_user", "calf hurts too")
    assert [(s.position, s.status) for s in store.steps_of(session.id)] == [(0, "done"), (1, "skipped")]


def test_end_of_input_mid_session_saves_it_as_interrupted(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, "", "", "1", "", 20.0])
    assert code == 0
    assert "Input ended: the session is saved as interrupted; everything done so far is kept." in lines
    session = only_session(store)
    assert session.status == "interrupted"
    # The right foot was 20 s under way: kept as skipped with its time.
    assert [(s.status, s.actual_s) for s in store.steps_of(session.id)] == [("done", 0), ("skipped", 20)]


def test_a_stop_mid_step_keeps_its_pain_and_is_not_compared_with_itself(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, "", 12.0, "3", "s", "had enough"])
    assert code == 0
    assert "Highest pain: 3 out of 10." in lines and "Steps done: 0 of 2 (1 skipped)." in lines
    assert lines[-1] == "This is your first recorded session of this routine."


def test_end_of_input_during_the_screening_records_nothing(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, ["n", "maybe"])
    assert code == 1
    assert "Please type y for yes or n for no." in lines
    assert store.latest_screening(builtin_pack.id) is None and store.session_summaries() == []


def test_stop_outcome_gives_the_reason_and_clinic_and_no_session(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, ["y", "n", "n", "n", "9", "1", "y"])
    assert code == 0
    assert "Outcome: Not today: contact the clinic." in lines
    assert any("recent, painful foot injury" in line for line in lines)
    assert "Your clinic: Thrive Now Physiotherapy" in lines
    assert "No session today. Your safety check says not to do this routine now:" in lines
    assert store.session_summaries() == []
    # The next start refuses until the person says something changed.
    code, lines, _ = run_plain(builtin_pack, store, clock, ["n"])
    assert code == 0 and "No session today. Your safety check says not to do this routine now:" in lines
    assert store.session_summaries() == []


def test_the_stop_page_tells_the_line_mode_command_to_add_a_contact_not_the_apps_keys(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, ["y", "n", "n", "n", "9", "1", "y"])
    assert code == 0 and "No session today. Your safety check says not to do this routine now:" in lines
    assert NOBODY_TO_REACH_LINE_MODE in lines
    assert "`solecheck contact set --name NAME --phone PHONE`" in NOBODY_TO_REACH_LINE_MODE
    assert not any("c, then e" in line for line in lines)


def test_modify_outcome_shortens_the_steps(builtin_pack: Pack, store: HistoryStore, clock: FakeClock) -> None:
    script: list[str | float] = ["n", "n", "n", "y", "4", "1", "y", "", 100.0, "0", "", 100.0, "0"]
    code, lines, _ = run_plain(builtin_pack, store, clock, script)
    assert code == 0
    assert "Outcome: Go ahead with changes." in lines
    assert "Step 1 of 2: Sole roll on a ball, left side: 45 seconds." in lines
    assert [s.actual_s for s in store.steps_of(only_session(store).id)] == [45, 45]


def test_a_valid_screening_is_not_asked_again(builtin_pack: Pack, store: HistoryStore, clock: FakeClock) -> None:
    run_plain(builtin_pack, store, clock, [*PROCEED, "", "", "0", "", "", "0"])
    code, lines, _ = run_plain(builtin_pack, store, clock, ["", "", "0", "", "", "0"])
    assert code == 0 and not any(line.startswith("Question") for line in lines)
    assert any(line.startswith("Last screening") and "Holds until" in line for line in lines)
    assert lines[-1].startswith("Last time: 2 of 2 steps")


def test_declining_to_save_the_screening_starts_nothing(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    code, lines, _ = run_plain(builtin_pack, store, clock, ["n", "n", "n", "n", "7", "1", "n"])
    assert code == 0 and "That is not one of the numbers listed." in lines
    assert "Nothing was saved, and no session starts without a screening." in lines
    assert store.latest_screening(builtin_pack.id) is None


def _killed_session(builtin_pack: Pack, store: HistoryStore, pain: int = 2) -> SessionRecord:
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    session = SessionRecord(builtin_pack.id, "1.0.0", "sole-only", "Sole reset", 2, plan_json=plan.to_json())
    store.start_session(session)
    store.record_step(
        StepRecord(session.id, 0, "sole-ball-roll", "Sole roll on a ball", "foot_sole", "done", "left",
                   planned_s=90, actual_s=90.0, pain=pain)
    )
    return session


def test_an_unfinished_session_is_resumed_at_the_first_unrecorded_step(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    session = _killed_session(builtin_pack, store)
    code, lines, _ = run_plain(builtin_pack, store, clock, ["?", "r", "", "", "3"])
    assert code == 0
    assert lines[2] == (
        "An unfinished session of Sole reset: 1 of 2 steps done; it would continue with "
        "Sole roll on a ball (right side)."
    )
    assert "Please type r, e or q." in lines and "Resuming Sole reset." in lines
    assert "Step 2 of 2: Sole roll on a ball, right side: 90 seconds." in lines
    assert not any(line.startswith("Question") for line in lines)
    stored = store.get_session(session.id)
    assert stored is not None and stored.status == "completed"
    assert [(s.side, s.pain) for s in store.steps_of(session.id)] == [("left", 2), ("right", 3)]
    assert "Steps done: 2 of 2." in lines and "Highest pain: 3 out of 10." in lines


def test_an_unfinished_session_can_be_ended_then_a_new_one_starts(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    session = _killed_session(builtin_pack, store, pain=5)
    script: list[str | float] = ["e", "n", *PROCEED, "", "", "0", "", "", "0"]
    code, lines, _ = run_plain(builtin_pack, store, clock, script, now=lambda: utcnow() + timedelta(days=1))
    assert code == 0 and "The unfinished session is saved as interrupted; everything done in it is kept." in lines
    # It reached the caution band, so the soreness question comes next; "no" brings the advice.
    assert builtin_pack.session.pain_check.soreness_question + " (y/n)" in lines
    assert builtin_pack.session.pain_check.soreness_advice in lines
    ended = store.get_session(session.id)
    assert ended is not None and ended.status == "interrupted" and ended.soreness_settled is False
    assert len(store.session_summaries()) == 2


def test_clinic_lines_show_only_what_the_pack_gives(builtin_pack: Pack) -> None:
    lines = clinic_lines(builtin_pack.clinic)
    assert lines[0] == "Your clinic: Thrive Now Physiotherapy"
    assert lines[1] == "  Cobble Hill"
    assert not any("phone:" in line or "email:" in line for line in lines)  # the pack gives neither
    assert lines[-1] == NOBODY_TO_REACH_LINE_MODE


def test_step_heading_names_side_set_and_amount(builtin_pack: Pack) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("foot-to-spine"))
    assert step_heading(plan.steps[4], 4, 14) == (
        "Step 5 of 14: Calf stretch at a wall, left side, set 2 of 2: 30 seconds."
    )
    assert step_heading(plan.steps[-1], 13, 14) == "Step 14 of 14: Spine: cat and cow: 8 repetitions."


def test_stdin_lines_reads_lines_with_a_timeout_from_a_pipe() -> None:
    import os

    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "r") as reader_stream:
        lines = StdinLines(reader_stream)
        assert lines(0.01) is None
        os.write(write_end, b"first\nsec")
        assert lines(1.0) == "first"
        assert lines(0.01) is None
        os.write(write_end, b"ond\r\nlast")
        os.close(write_end)
        assert lines(1.0) == "second"
        assert lines(1.0) == "last"
        with pytest.raises(EOFError):
            lines(1.0)


def test_pain_above_the_limit_then_the_area_skipped_and_finished_gates_the_next_start(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    # Pain 8 on the sole, the rest of the sole work skipped, every step after it skipped: completed.
    script: list[str | float] = [*PROCEED, "", "", "8", "r", *["n"] * 40]
    code, lines, _ = run_plain(builtin_pack, store, clock, script, routine="foot-to-spine")
    assert code == 0 and "Foot to spine: completed." in lines
    assert "Highest pain: 8 out of 10." in lines
    assert ("Your pain went above the limit (8 out of 10; the limit is 5): before your next session you'll answer "
            "the safety questions again, including today's pain.") in lines
    assert not any("caution band" in line for line in lines)
    # The next start asks the safety questions first, and says why.
    code, lines, _ = run_plain(builtin_pack, store, clock, [], routine="foot-to-spine")
    assert code == 1  # the input ended at the first question
    assert any("recorded pain 8 out of 10, above the limit of 5. Answer the safety questions again" in line
               for line in lines)
    assert any(line.startswith("Question 1 of") for line in lines)


def test_input_ending_at_the_pain_pause_then_the_next_start_asks_the_questions(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    _, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, "", "", "8"], routine="foot-to-spine")
    assert "Input ended: the session is saved as interrupted; everything done so far is kept." in lines
    session = only_session(store)
    assert session.status == "interrupted" and [s.pain for s in store.steps_of(session.id)] == [8]
    _, lines, _ = run_plain(builtin_pack, store, clock, PROCEED, routine="foot-to-spine")
    assert not any("Type r to resume it" in line for line in lines)
    assert any("recorded pain 8 out of 10, above the limit of 5" in line for line in lines)
    assert "Screening saved." in lines
    assert store.count_all()["screenings"] == 2


def test_the_line_mode_says_each_picture_by_its_alt_text_once(
    builtin_pack: Pack, store: HistoryStore, clock: FakeClock
) -> None:
    _, lines, _ = run_plain(builtin_pack, store, clock, [*PROCEED, 95.0, "2", 95.0, "1"])
    alts = [f"Picture: {p.alt}" for p in builtin_pack.exercise("sole-ball-roll").pictures]
    assert [line for line in lines if line.startswith("Picture: ")] == alts
    assert "heel" in alts[0] and "heel bone" in alts[1]
    assert lines.index(alts[0]) < lines.index("Go: 90 seconds. Press Enter if you finish early.")
