"""The end-of-session summary's last sentence: what the session's pain brings before the next one, from the
pack's after-pain policy (``session/summary.py``, shared by the app and the line mode)."""

from __future__ import annotations

import pytest

from solecheck.packs.models import AfterPainStop
from solecheck.session.summary import build_report, what_next


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (AfterPainStop(), "before your next session you'll answer the safety questions again, including today's pain."),
        (AfterPainStop(require="wait", wait_hours=48),
         "no session for 48 hours from now; after that, the usual safety questions apply."),
        (AfterPainStop(require="clinic"), "contact the clinic, a physiotherapist or your doctor before your next "
         "session; then you'll answer the safety questions again."),
    ],
    ids=["screening", "wait", "clinic"],
)
def test_pain_above_the_limit_says_the_packs_rule(policy: AfterPainStop, expected: str) -> None:
    assert what_next(8, 4, 5, policy) == f"Your pain went above the limit (8 out of 10; the limit is 5): {expected}"


def test_the_caution_band_says_the_soreness_question_and_below_it_nothing() -> None:
    assert what_next(5, 4, 5, AfterPainStop()) == (
        "Your pain reached the caution band: next time you'll be asked whether any soreness settled by the "
        "next morning."
    )
    assert what_next(4, 4, 5, AfterPainStop()) == what_next(5, 4, 5, AfterPainStop())
    assert what_next(3, 4, 5, AfterPainStop()) is None
    assert what_next(None, 4, 5, AfterPainStop()) is None


def test_the_report_ends_with_it_whatever_the_status() -> None:
    for status in ("completed", "stopped_user", "stopped_pain"):
        report = build_report(routine_title="Foot to spine", status=status, steps_planned=14, recorded=(),
                              elapsed_s=120.0, max_pain=9, pain_bands=(4, 5), after_pain=AfterPainStop())
        assert report.lines()[-1].startswith("Your pain went above the limit (9 out of 10; the limit is 5)")
    without = build_report(routine_title="Foot to spine", status="completed", steps_planned=14, recorded=(),
                           elapsed_s=120.0, max_pain=9)
    assert without.next_time is None
