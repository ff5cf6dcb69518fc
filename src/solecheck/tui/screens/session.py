"""The guided-session screen, and how a session starts from the app.

:func:`begin_session` drives the core's safety gate (:class:`~solecheck.session.start.StartGate`),
which decides the checks before a session and their order; this screen only asks each step (a
dialog, or the wizard for a screening) and shows the refusal with its reasons and the clinic. Then it
opens :class:`SessionScreen` on the session the gate began.

The screen drives a :class:`~solecheck.session.engine.SessionEngine`: an interval ticks the engine
(every transition happens at its exact deadline on ``app.clock``), each finished step is written to
the history as soon as the engine emits it, and the screen redraws when the state changes. The big
countdown reads the same clock on its own interval.

When a write fails (disk full, folder read-only) the session carries on: the recorder keeps the
unsaved writes in memory and the screen tries again on every tick, saying once what failed and once
when it is saved; a session closed while still unsaved is handed to the app, which keeps trying.
:meth:`SessionScreen.interrupt` (the app calls it on SIGTERM or SIGHUP) saves the session as
interrupted, resumable next time.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, Literal, ParamSpec, TypeVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, ProgressBar, Static

from solecheck.contact import nobody_to_reach
from solecheck.history.store import HistoryError, HistoryStore
from solecheck.i18n import N_, _, ngettext
from solecheck.packs.models import Routine, region_name
from solecheck.packs.pack import Pack
from solecheck.screening.outcome import ScreeningOutcome
from solecheck.session.engine import IllegalEvent, SessionEngine
from solecheck.session.plan import PlannedStep
from solecheck.session.recorder import SessionRecorder
from solecheck.session.resume import SIGNAL_REASONS
from solecheck.session.start import (
    Answer,
    AskScreening,
    AskSoreness,
    Begin,
    NoSession,
    OfferResume,
    Refuse,
    StartGate,
    Step,
    Tell,
)
from solecheck.session.summary import report_for
from solecheck.tui.messages import PainRated
from solecheck.tui.screens.session_dialogs import Choice, ChoiceDialog, NoteDialog, StopDialog
from solecheck.tui.services import AppServices, services_of
from solecheck.tui.text import join, literal
from solecheck.tui.widgets.clinic_card import ClinicCard
from solecheck.tui.widgets.countdown import Countdown
from solecheck.tui.widgets.pain_scale import PainScale
from solecheck.tui.widgets.picture import PictureView

P = ParamSpec("P")
T = TypeVar("T")


class Refused(Enum):
    """What :meth:`SessionScreen._event` returns when the engine refused the event."""

    REFUSED = "refused"


REFUSED = Refused.REFUSED
TICK_S = 0.1
"""How often the screen asks the engine to apply due transitions (display only: times come from the clock)."""

KEY_HINTS: dict[str, str] = {
    "get_ready": N_("Enter start now · space pause · n skip · b back · + 15 s · a note · Esc stop · q quit · ? help"),
    "running": N_("space pause · Enter done · n skip · b back · + 15 s · 0–9 pain (t = 10) · a note · Esc stop · "
                  "q quit · ? help"),
    "paused": N_("space carry on · n skip · b back · + 15 s · 0–9 pain (t = 10) · Esc stop · q quit · ? help"),
    "resting": N_("Enter end rest · space pause · n skip rest · b back · + 15 s · Esc stop · q quit · ? help"),
    "pain_check": N_("0–9 rate your pain (t = 10) · a note · Esc stop · q quit · ? help"),
    "pain_limit": N_("Esc stop the session · n skip the rest of this area · c clinic · q quit"),
    "done": N_("Enter or Esc back to the start screen · q quit"),
    "stopped": N_("Enter or Esc back to the start screen · q quit"),
}
"""The keys of each state, in words, on the line under the step (the footer has room for a few only)."""
REST_ENTER_GUARD_S = 1.0
"""How long after Enter ended a set a second Enter is taken as a double press, not "end the rest"."""
PICTURE_ROWS = 8
"""The height of the step's picture, in lines: beside the countdown, never above it, so it can't push the
dose and the timer off an 80×24 screen."""
SAID_S = 8.0
"""How long a line on the session's status line (pain feedback, time's up, 15 s more) stays, in clock seconds."""


def side_label(step: PlannedStep) -> str:
    """``Left foot · set 1 of 2``: the side (a foot for sole work) and the set."""
    parts: list[str] = []
    sole = step.region == "foot_sole"
    if step.side == "left":
        parts.append(_("Left foot") if sole else _("Left side"))
    elif step.side == "right":
        parts.append(_("Right foot") if sole else _("Right side"))
    if step.set_count > 1:
        parts.append(_("set {number} of {count}").format(number=step.set_index, count=step.set_count))
    return " · ".join(parts)


def step_name(step: PlannedStep) -> str:
    """``Sole roll on a ball, right side``; ``Calf stretch at a wall, left side, set 2 of 2`` when the dose
    has more than one set."""
    if step.side == "left":
        name = _("{exercise}, left side").format(exercise=step.title)
    elif step.side == "right":
        name = _("{exercise}, right side").format(exercise=step.title)
    else:
        name = step.title
    if step.set_count > 1:
        return _("{step}, set {number} of {count}").format(step=name, number=step.set_index, count=step.set_count)
    return name


class SessionScreen(Screen[None]):
    """One guided session: the current step with its instructions and cautions, a big countdown, a
    progress bar over the routine, what comes next, pain checks, and the summary at the end."""

    CSS_PATH = "session.tcss"
    AUTO_FOCUS = None
    HELP_TITLE = N_("the session")
    HELP_NOTES = (("0–9, t", N_("Rate your pain from 0 (none) to 10 (t); during a step or when asked")),)
    BINDINGS = [
        Binding("space", "toggle_pause", N_("Pause"), tooltip=N_("Pause the countdown, or carry on")),
        Binding("enter", "done", N_("Done"), tooltip=N_("Start now, end the step or the rest")),
        Binding("n", "skip", N_("Skip"), tooltip=N_("Skip this step (at the pain limit: the rest of this area)")),
        Binding("b", "back", N_("Back"), tooltip=N_("Go back to the previous step and do it again")),
        Binding("plus", "extend", N_("+15 s"), tooltip=N_("15 seconds more on the countdown")),
        Binding("a", "note", N_("Note"), tooltip=N_("A note on this step")),
        Binding("escape", "stop", N_("Stop"), tooltip=N_("Stop the session (asks why); after the summary: back")),
        Binding("q", "leave", N_("Quit"), tooltip=N_("Leave solecheck (asks first; the session can be resumed)")),
        *(Binding(str(digit), f"pain({digit})", show=False) for digit in range(10)),
        Binding("t", "pain(10)", show=False),
        # s is Start on the start screen: here it only says how to stop.
        Binding("s", "stop_key_moved", show=False),
        # The pack and the screening can't change under a running session.
        Binding("p,w", "nothing", show=False),
    ]

    def __init__(self, pack: Pack, engine: SessionEngine, recorder: SessionRecorder, store: HistoryStore) -> None:
        super().__init__()
        self.pack = pack
        self.engine = engine
        self.recorder = recorder
        self.store = store
        self._shown: tuple[object, ...] | None = None
        self._summary: Content | None = None
        self._paused_for_dialog = False
        self._record_error: str | None = None
        self._rest_guard_until: float | None = None
        self._said: tuple[Content, int, float] | None = None
        """What the status line says, the plan position and the clock reading when it was said."""

    @property
    def solecheck(self) -> AppServices:
        return services_of(self.app)

    # --- layout -----------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        plan = self.engine.plan
        yield Static(id="session-header")
        yield ProgressBar(total=len(plan.steps), show_eta=False, id="session-progress")
        with ContentSwitcher(initial="step-view", id="session-views"):
            with Horizontal(id="step-view"):
                with Vertical(id="step-left"):
                    yield Static(id="step-title")
                    yield Static(id="step-side")
                    yield Static(id="step-phase")
                    yield Countdown(id="countdown")
                    yield Static(id="step-said")
                    yield Static(id="step-next")
                    yield Static(id="step-cautions")
                with VerticalScroll(id="step-right"):
                    yield PictureView(self.solecheck.picture_mode, rows=PICTURE_ROWS, id="step-picture")
                    yield Static(id="step-text")
            with Vertical(id="pain-view"):
                yield Static(id="pain-said")
                yield Static(id="pain-question")
                yield PainScale(plan.caution_from, plan.pain_limit, id="pain-scale")
                yield Static(id="pain-hint")
            with VerticalScroll(id="limit-view"):
                yield Static(id="limit-message")
                yield ClinicCard(self.pack.clinic, contact=self.solecheck.settings.contact, id="limit-clinic")
                yield Static(id="limit-choices")
            with VerticalScroll(id="summary-view"):
                yield Static(id="summary-text")
        yield Static(id="session-keys")

    def on_mount(self) -> None:
        self.query_one("#step-cautions", Static).border_title = _("Take care")
        if self.engine.state == "ready":
            self.engine.start()
        self.set_interval(TICK_S, self.tick)
        self._after_event()

    # --- the engine -------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Apply the transitions that are due on the clock, ring the bell when a timed step ends."""
        engine = self.engine
        before = (engine.state, engine.index)
        engine.update()
        if before[0] == "running" and (engine.state, engine.index) != before:
            if self.solecheck.settings.bell:
                self.app.bell()
            self._times_up()
        self._after_event()
        self.query_one("#countdown", Countdown).read_clock()

    def _times_up(self) -> None:
        """Say at once, where the eye is, that the timed step ended and what comes now."""
        engine = self.engine
        if engine.state == "pain_check":
            said = _("Time's up: rate your pain.")
        elif engine.finished:
            said = _("Time's up: that was the last step.")
        elif engine.state == "resting" and engine.current:
            said = _("Time's up: rest, then {step}.").format(step=step_name(engine.current))
        elif engine.state == "resting":
            said = _("Time's up: rest, then the next step.")
        elif engine.current is not None:
            said = _("Time's up: next: {step}.").format(step=step_name(engine.current))
        else:
            said = _("Time's up: on to the next step.")
        self.say(said, "times-up")
        self.query_one("#countdown", Countdown).flash()

    def _event(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | Refused:
        """Send one event to the engine (``call`` is one of its methods, so mypy checks the arguments),
        then do the after-event work; a refused event is explained, never silently dropped."""
        try:
            result = call(*args, **kwargs)
        except IllegalEvent as refused:
            self.notify(_("Not now: {why}").format(why=refused.patient_words), severity="warning", timeout=4,
                        markup=False)
            return REFUSED
        self._after_event()
        return result

    def _after_event(self) -> None:
        self._record()
        engine = self.engine
        if engine.finished and not self.recorder.finished:
            self.recorder.finish_from(engine)  # a failed write stays queued: _record retries it
            self._summary = self._build_summary()
        self._forget_stale_said()
        # The deadline and the time held by a pause change with + (15 s more) without a change of state.
        held = engine.remaining() if engine.state == "paused" else None
        shown = (engine.state, engine.index, len(engine.results), engine.paused_from, engine.deadline, held,
                 self._said)
        if shown != self._shown:
            self._shown = shown
            self._redraw()

    def _record(self) -> None:
        """Say how saving goes: the engine hands each step to the recorder as it ends; this retries
        whatever an earlier failure left queued and tells the person once when a write fails."""
        recorder = self.recorder
        if recorder.pending:
            recorder.save()
        error = recorder.error
        if error is not None:
            if str(error) == self._record_error:
                return  # said once; the save is retried on every tick
            self._record_error = str(error)
            self.notify(
                f"{error}. {recorder.keeping_note()}",
                title=_("Step not saved yet"),
                severity="error",
                timeout=15,
                markup=False,
            )
        else:
            if self._record_error is not None:
                self.notify(_("The history can be written again: everything so far is saved."), title=_("Saved"),
                            timeout=6, markup=False)
            self._record_error = None

    def interrupt(self, signal_name: str) -> None:
        """End the session now as ``interrupted`` by ``signal_name`` (SIGTERM, SIGHUP) and save it: it is
        offered for resume at the next start."""
        engine = self.engine
        if not engine.finished:
            engine.update()
        if not engine.finished:
            # Resumable: a step with only time spent is done again on resume, not recorded as skipped.
            engine.stop(SIGNAL_REASONS.get(signal_name, f"stopped by {signal_name}"), status="interrupted",
                        keep_time_under_way=False)
        self.recorder.finish_from(engine)

    def on_unmount(self) -> None:
        if self.recorder.pending:
            self.solecheck.keep_saving(self.recorder)

    # --- drawing ----------------------------------------------------------------------------------------

    def _redraw(self) -> None:
        engine = self.engine
        state = engine.state
        plan = engine.plan
        total = len(plan.steps)
        step = engine.current
        position = min(engine.index + 1, total)
        header: list[Content | str] = [literal(plan.routine_title, "bold")]
        if state == "pain_limit":
            header += ["  ·  ", literal(_("Paused: pain above the limit"), "bold")]
        elif not engine.finished:
            header += ["  ·  ", literal(_("Step {number} of {count}").format(number=position, count=total))]
            if step is not None:
                header += ["  ·  ", literal(region_name(step.region))]
        self.query_one("#session-header", Static).update(join(*header))
        done = total if state == "done" else engine.index
        self.query_one("#session-progress", ProgressBar).update(progress=done)
        hint = KEY_HINTS.get(state)
        self.query_one("#session-keys", Static).update(literal(_(hint) if hint else ""))
        self._draw_said()
        switcher = self.query_one("#session-views", ContentSwitcher)
        if state == "pain_check":
            switcher.current = "pain-view"
            self._draw_pain_check(step)
        elif state == "pain_limit":
            switcher.current = "limit-view"
            self._draw_limit()
        elif engine.finished:
            switcher.current = "summary-view"
            self.query_one("#summary-text", Static).update(self._summary or literal(""))
        else:
            switcher.current = "step-view"
            if step is not None:
                self._draw_step(step)

    def _draw_step(self, step: PlannedStep) -> None:
        engine = self.engine
        state = engine.effective_state
        exercise = self.pack.exercises_by_id.get(step.exercise_id)
        self.query_one("#step-title", Static).update(literal(step.title, "bold"))
        self.query_one("#step-side", Static).update(literal(side_label(step)))
        countdown = self.query_one("#countdown", Countdown)
        if engine.state == "paused":
            phase = _("Paused: press space to carry on")
            countdown.hold(engine.remaining())
        elif state == "get_ready":
            phase = _("Get ready")
        elif state == "resting":
            phase = _("Rest, then this set")
        elif step.timed:
            length = round(engine.countdown_length() or step.duration_s or 0)
            if step.hold_s:
                phase = ngettext("Go: {seconds} second, hold {hold} s", "Go: {seconds} seconds, hold {hold} s",
                                 length).format(seconds=length, hold=step.hold_s)
            else:
                phase = ngettext("Go: {seconds} second", "Go: {seconds} seconds", length).format(seconds=length)
        elif step.hold_s:
            phase = ngettext("Do {reps} repetition, then press Enter (hold it {hold} s)",
                             "Do {reps} repetitions, then press Enter (hold each {hold} s)",
                             step.reps or 0).format(reps=step.reps, hold=step.hold_s)
        else:
            phase = ngettext("Do {reps} repetition, then press Enter", "Do {reps} repetitions, then press Enter",
                             step.reps or 0).format(reps=step.reps)
        if engine.state != "paused":
            deadline = engine.deadline
            if deadline is not None:
                countdown.run_until(deadline)
            else:
                countdown.hold(None)
        countdown.display = step.timed or engine.state in ("get_ready", "resting")
        self.query_one("#step-phase", Static).update(literal(phase, "bold"))
        upcoming = engine.next_step
        end_text = _("Next: the end of the routine")
        next_text = _("Next: {step}").format(step=step_name(upcoming)) if upcoming else end_text
        if state == "resting":
            # The set rested for is the title above; Next is what follows it.
            after = engine.index + 1
            steps = engine.plan.steps
            next_text = _("Next: {step}").format(step=step_name(steps[after])) if after < len(steps) else end_text
        self.query_one("#step-next", Static).update(literal(next_text, "italic"))
        cautions = self.query_one("#step-cautions", Static)
        if exercise is not None and exercise.cautions:
            cautions.display = True
            cautions.update(literal("\n".join(f"! {caution}" for caution in exercise.cautions)))
        else:
            cautions.display = False
        self.query_one("#step-text", Static).update(self._instructions(step))
        picture = exercise.pictures[0] if exercise is not None and exercise.pictures else None
        root = self.pack.root
        self.query_one("#step-picture", PictureView).show(
            root / picture.file if picture is not None and root is not None else None,
            picture.alt if picture is not None else None,
        )

    def say(self, text: str, kind: Literal["ok", "caution", "times-up", "info"] = "info") -> None:
        """Show ``text`` on the status line of the step view (under the countdown, above the cautions)
        and of the pain check: toasts would cover the "Take care" box. It stays :data:`SAID_S` seconds
        on the clock, and never past the step after the one it was said on."""
        style = {"ok": "bold $success", "caution": "bold $warning", "times-up": "bold reverse $accent"}.get(kind, "")
        self._said = (literal(text, style), self.engine.index, self.engine.clock())
        self._after_event()

    def _forget_stale_said(self) -> None:
        said = self._said
        if said is not None and (self.engine.index > said[1] + 1 or self.engine.clock() - said[2] >= SAID_S):
            self._said = None

    def _draw_said(self) -> None:
        said = self._said
        for selector in ("#step-said", "#pain-said"):
            line = self.query_one(selector, Static)
            line.update(said[0] if said else "")
            line.display = said is not None

    def _instructions(self, step: PlannedStep) -> Content:
        exercise = self.pack.exercises_by_id.get(step.exercise_id)
        if exercise is None:
            return literal(step.title)
        parts: list[Content | str] = []
        if exercise.summary:
            parts += [literal(exercise.summary, "italic"), "\n"]
        if exercise.equipment:
            parts += [literal(_("You need:"), "bold"), " ", literal(", ".join(exercise.equipment)), "\n"]
        parts += ["\n", literal(_("How to do it"), "bold")]
        gap = "\n\n" if self.solecheck.settings.spacious else "\n"  # the "larger spacing" setting
        for number, text in enumerate(exercise.steps, start=1):
            parts += [gap, literal(f"{number}. "), literal(text)]
        if exercise.cues:
            parts += ["\n\n", literal(_("Tips"), "bold")]
            for cue in exercise.cues:
                parts += [gap, literal(f"• {cue}")]
        return join(*parts)

    def _draw_pain_check(self, step: PlannedStep | None) -> None:
        plan = self.engine.plan
        if step:
            question = _("Pain check after {step}: how much pain do you feel now, from 0 to 10?").format(
                step=step_name(step)
            )
        else:
            question = _("Pain check: how much pain do you feel now, from 0 to 10?")
        self.query_one("#pain-question", Static).update(literal(question, "bold"))
        self.query_one("#pain-hint", Static).update(
            literal(
                _("Press a digit, or t for 10. From {caution} to {limit}: go gently. Above {limit} the session "
                  "pauses.").format(caution=plan.caution_from, limit=plan.pain_limit)
            )
        )

    def _draw_limit(self) -> None:
        # The pain limit's advice and the clinic's details fill the screen's width: no toast over them.
        self.app.clear_notifications()
        check = self.pack.session.pain_check
        region = region_name(self.engine.limit_region or "")
        self.query_one("#limit-message", Static).update(literal(check.limit_message, "bold"))
        self.query_one("#limit-choices", Static).update(
            join(
                literal(_("Esc"), "bold reverse"),
                literal("  " + _("Stop the session here (recorded as stopped for pain)") + "\n"),
                literal("n", "bold reverse"),
                literal("    " + _("Skip what is left for this area ({region}) and carry on").format(region=region)),
            )
        )

    def _build_summary(self) -> Content:
        engine = self.engine
        routine = self.pack.routines_by_id.get(engine.plan.routine_id)
        app = self.solecheck
        report = report_for(
            engine, self.recorder, self.store, self.pack.session.after_pain_stop,
            schedule=routine.schedule if routine is not None else None, now=app.now(), zone=app.zone,
        )
        lines = report.lines()
        if report.next_time:
            lines.pop()  # said apart, below
        parts: list[Content | str] = [literal(_("Session summary"), "bold"), "\n\n", literal(lines[0], "bold")]
        for line in lines[1:]:
            parts += ["\n", literal(line)]
        if report.next_time:
            parts += ["\n\n", literal(report.next_time, "italic")]
        return join(*parts)

    # --- actions ----------------------------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        self._event(self.engine.resume if self.engine.state == "paused" else self.engine.pause)

    def action_done(self) -> None:
        engine = self.engine
        engine.update()
        state = engine.state
        if engine.finished:
            self.action_close()
        elif state == "paused":
            self._event(engine.resume)
        elif state == "resting":
            if self._rest_guard_until is not None and engine.clock() < self._rest_guard_until:
                self.say(_("Resting before the next set: press Enter again to end the rest."))
                self._rest_guard_until = None
                return
            self._event(engine.skip)
        elif self._event(engine.finish_step) is not REFUSED and engine.state == "resting":
            self._rest_guard_until = engine.clock() + REST_ENTER_GUARD_S

    def action_skip(self) -> None:
        if self.engine.state == "pain_limit":
            self._event(self.engine.skip_region)
        else:
            self._event(self.engine.skip)

    def action_back(self) -> None:
        self._event(self.engine.back)

    def action_extend(self) -> None:
        if self._event(self.engine.extend) is not REFUSED:
            self.say(_("15 seconds more."))

    def action_stop_key_moved(self) -> None:
        self.notify(_("To stop the session, press Esc."), timeout=4, markup=False)

    def action_nothing(self) -> None:
        self.notify(_("Not during a session: stop it first (Esc)."), severity="warning", timeout=3, markup=False)

    def action_pain(self, score: int) -> None:
        self.rate_pain(score)

    def on_pain_rated(self, message: PainRated) -> None:
        message.stop()
        self.rate_pain(message.score)

    def rate_pain(self, score: int) -> None:
        index = self.engine.index
        band = self._event(self.engine.record_pain, score)
        check = self.pack.session.pain_check
        if band in ("ok", "caution"):
            message = check.ok_message if band == "ok" else check.caution_message
            # Said about the step rated, on the screen's own line: a toast would cover the cautions.
            said = _("Pain {score}: {message}").format(score=score, message=message)
            self._said = (literal(said, "bold $success" if band == "ok" else "bold $warning"),
                          index, self.engine.clock())
            self._after_event()

    def action_stop(self) -> None:
        engine = self.engine
        if engine.finished:
            self.dismiss(None)
            return
        if engine.state == "pain_limit":
            self._event(engine.stop, _("pain above the limit"))
            return
        self.app.push_screen(StopDialog(), self._stop_answered)

    def _stop_answered(self, reason: str | None) -> None:
        if reason is not None:
            self._event(self.engine.stop, reason or None)

    def on_screen_suspend(self) -> None:
        """A dialog or panel opened over the session (stop, note, clinic, help, settings, the palette):
        the countdown stands until it closes, so no time is lost reading or typing."""
        engine = self.engine
        engine.update()
        self._paused_for_dialog = False
        if engine.state in ("get_ready", "running", "resting"):
            try:
                engine.pause()
                self._paused_for_dialog = True
            except IllegalEvent:
                pass  # the countdown ran out this very instant: nothing to pause
        self._after_event()

    def on_screen_resume(self) -> None:
        if self._paused_for_dialog and self.engine.state == "paused":
            self._event(self.engine.resume)
        self._paused_for_dialog = False

    def action_leave(self) -> None:
        """``q``: leave the app. After the summary at once; during a session only once the person
        confirms, and the session is then saved as interrupted, offered for resume at the next start."""
        if self.engine.finished:
            self.app.exit()
            return
        self.app.push_screen(
            ChoiceDialog(
                _("Leave solecheck?"),
                _("The session is saved as unfinished: the next time you start, you can resume it."),
                [Choice("y", _("Leave"), "leave"), Choice("n", _("Keep going"), "stay")],
                id="leave-dialog",
            ),
            self._leave_answered,
        )

    def _leave_answered(self, answer: str | None) -> None:
        if answer == "leave":
            self.interrupt("SIGTERM")  # recorded as "solecheck was asked to quit": resumable
            self.app.exit()

    def action_note(self) -> None:
        if self.engine.finished:
            return
        self.app.push_screen(NoteDialog(), self._note_written)

    def _note_written(self, text: str | None) -> None:
        if text and self._event(self.engine.add_note, text) is not REFUSED:
            self.say(_("Note added to this step."))

    def action_close(self) -> None:
        if self.engine.finished:
            self.dismiss(None)


# --- starting a session from the app ----------------------------------------------------------------------


def begin_session(app: App[Any], routine: Routine) -> None:
    """Start a session of ``routine`` after the checks (see the module docstring), in a worker."""

    # A callable, not a coroutine object: a start cancelled before it ran leaves nothing un-awaited.
    async def start() -> None:
        await _begin(app, routine)

    # Textual types a callable worker as returning Coroutine[None, None, T]; an async def is exactly that.
    app.run_worker(start, group="session-start", exclusive=True)  # type: ignore[arg-type]


async def _begin(app: App[Any], routine: Routine) -> None:
    """Drive the core's safety gate: ask each of its steps in a dialog or the wizard, then open the
    session it begins (or say why none starts)."""
    services = services_of(app)
    store = services.open_store()
    if store is None:
        return
    pack = services.pack
    try:
        gate = StartGate(store, pack, routine, clock=services.clock, now=services.now, zone=services.zone)
        while not gate.finished:
            answer = await _ask(app, pack, routine, gate.step)
            gate.answer(answer)
    except HistoryError as error:
        app.notify(str(error), title=_("History unavailable"), severity="error", timeout=15, markup=False)
        return
    end = gate.step
    if isinstance(end, NoSession):
        if end.message:
            app.notify(end.message, severity="warning", timeout=10, markup=False)
        return
    assert isinstance(end, Begin)
    if end.outcome is not None and end.clearance_note is None:
        from solecheck.tui.screens.wizard import outcome_notice

        app.notify(outcome_notice(end.outcome), title=_("Screening saved"), timeout=8, markup=False)
    await app.push_screen(SessionScreen(pack, end.engine, end.recorder, store))


async def _ask(app: App[Any], pack: Pack, routine: Routine, step: Step) -> Answer:
    """One step of the gate, asked in a dialog (or the wizard); returns the answer to it."""
    if isinstance(step, Tell):
        if step.topic == "resume":
            app.notify(step.text, timeout=8, markup=False)
        else:
            await app.push_screen_wait(
                ChoiceDialog(step.title, step.text, [Choice("enter", _("OK"), "ok")], id=f"{step.topic}-advice")
            )
        return None
    if isinstance(step, OfferResume):
        choice = await app.push_screen_wait(
            ChoiceDialog(
                _("Unfinished session"),
                step.offer.describe() + "\n\n" + _("The app was closed during it. Everything done so far is kept."),
                [Choice("r", _("Resume it"), "resume"), Choice("e", _("End it and start afresh"), "end")],
                id="resume-dialog",
            )
        )
        return choice if choice in ("resume", "end") else None
    if isinstance(step, AskSoreness):
        answer = await app.push_screen_wait(
            ChoiceDialog(
                _("Before you start"),
                f"{step.text}\n\n{step.follow_up.question}",
                [Choice("y", _("Yes, it settled"), "yes"), Choice("n", _("No, it didn't"), "no")],
                id="soreness-dialog",
            )
        )
        return {"yes": True, "no": False}.get(answer or "")
    if isinstance(step, Refuse):
        body = _("Your safety check says not to do this routine now:") + "\n" + "\n".join(
            f"• {reason}" for reason in step.reasons
        )
        services = services_of(app)
        while True:
            choices = [Choice("enter", _("Close"), "close")]
            if step.may_screen_again:
                choices.append(Choice("w", _("Answer the safety questions again"), "again"))
            if nobody_to_reach(step.clinic, services.settings.contact):
                choices.append(Choice("a", _("Add your own contact"), "add"))
            answer = await app.push_screen_wait(
                ChoiceDialog(_("No session today"), f"{body}\n\n{step.advice}", choices, clinic=step.clinic,
                             contact=services.settings.contact, id="refusal-dialog")
            )
            if answer != "add":
                return "again" if answer == "again" and step.may_screen_again else None
            await services.edit_contact_and_wait()
    if isinstance(step, AskScreening):
        from solecheck.tui.screens.wizard import WizardScreen

        if step.only is not None or step.hold is not None:
            app.notify(step.reason, title=_("Before you start"), timeout=10, markup=False)
        outcome: ScreeningOutcome | None = await app.push_screen_wait(
            WizardScreen(pack, routine, record=False, only=step.only, kept=step.kept)
        )
        return outcome
    raise AssertionError(f"the gate ended at {step!r}")  # pragma: no cover - the loop stops first
