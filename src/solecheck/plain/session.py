"""The plain line mode: the whole product as lines of text, for screen readers and scripts.

``solecheck session --plain`` runs the same safety gate (:class:`~solecheck.session.start.StartGate`),
screening engine, session engine and recorder as the app; this module only asks and shows. It runs them
writing plain numbered lines to standard output and reading answers typed on standard input, with
no cursor movement and no colours. Input is read with a timeout (``select`` on the file descriptor),
so a timed step can announce the time left at intervals and still end early when Enter is pressed,
whether the input is a terminal or a pipe. End of input stops the session cleanly as interrupted.

The runner takes its clock, its line reader and its writer as parameters, so tests drive it with a
fake clock and a script.

Faults: with ``handle_signals`` (the CLI sets it) SIGTERM and SIGHUP (the terminal closed) end a
running session as ``interrupted`` with the reason from
:data:`~solecheck.session.resume.SIGNAL_REASONS`, saved before anything else happens, so it is
offered for resume at the next start. A signal is acted on only while the runner waits for input,
never half-way through an engine event or a write. A history write that fails (disk full, folder
read-only) is said once, the session carries on in memory and is saved as soon as writing works again;
at the end the runner asks to retry until it is saved or the person gives up. Output to a closed
terminal is dropped silently.
"""

from __future__ import annotations

import os
import select
import signal
import sys
from collections.abc import Callable
from datetime import tzinfo
from typing import TextIO

from solecheck.contact import CareContact, contact_lines
from solecheck.history.records import utcnow
from solecheck.history.store import HistoryStore
from solecheck.i18n import N_, _, ngettext
from solecheck.packs.models import Clinic, Question, Routine, region_name
from solecheck.packs.pack import Pack
from solecheck.packs.translations import in_active_language
from solecheck.screening.engine import describe_changes, evaluate, severity_label, visible_questions
from solecheck.screening.outcome import ScreeningOutcome
from solecheck.session.clock import Clock
from solecheck.session.engine import IllegalEvent, SessionEngine
from solecheck.session.plan import PlannedStep
from solecheck.session.recorder import Now, SessionRecorder
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

ReadLine = Callable[[float | None], str | None]
"""Returns the next line typed (without its newline), ``None`` when ``timeout`` seconds pass first
(``None`` waits as long as it takes), and raises ``EOFError`` at the end of the input."""

ANNOUNCE_EVERY_S = 30
"""A timed step says how long is left every this many seconds, and once more at 10 seconds."""

HELP = N_(
    "Commands: Enter = start now, or done (ends the step, or the rest, early); p = pause or resume; "
    "n = skip this step; b = back one step; + = 15 seconds more; s = stop the session; "
    "0 to 10 = rate your pain now; note TEXT = add a note to this step; h = this help."
)


HANDLED_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Interrupted(Exception):
    """A handled signal arrived (SIGTERM, or SIGHUP when the terminal closed)."""

    def __init__(self, signal_name: str) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name


class StdinLines:
    """Lines from a file descriptor, waiting at most a given time for each (POSIX ``select``).

    Reads the descriptor directly rather than through Python's buffered stream, so ``select`` never
    misses a line already read ahead."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.fd = (stream or sys.stdin).fileno()
        self._buffer = b""
        self._ended = False

    def __call__(self, timeout: float | None) -> str | None:
        while b"\n" not in self._buffer:
            if self._ended:
                if self._buffer:
                    line, self._buffer = self._buffer, b""
                    return line.decode("utf-8", "replace").rstrip("\r")
                raise EOFError
            ready, _writable, _failed = select.select([self.fd], [], [], None if timeout is None else max(0.0, timeout))
            if not ready:
                return None
            chunk = os.read(self.fd, 4096)
            if chunk:
                self._buffer += chunk
            else:
                self._ended = True
        line, _newline, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8", "replace").rstrip("\r")


def clinic_lines(clinic: Clinic, contact: CareContact | None = None) -> list[str]:
    """The clinic's name, locations and contact details as plain lines (only what the pack gives), then
    the person's own care contact, or a plain sentence when nobody can be reached."""
    lines = [_("Your clinic: {clinic}").format(clinic=clinic.name)]
    for location in clinic.locations:
        details = [
            f"{_(label)} {value}"
            for label, value in (
                (N_("address:"), location.address),
                (N_("phone:"), location.phone),
                (N_("email:"), location.email),
                (N_("book online:"), location.booking_url),
                (N_("hours:"), location.hours),
            )
            if value
        ]
        lines.append(f"  {location.name}" + (": " + "; ".join(details) if details else ""))
    if clinic.booking_note:
        lines.append(clinic.booking_note)
    lines.append(clinic.contact_note)
    return lines + contact_lines(contact, clinic)


def step_heading(step: PlannedStep, position: int, total: int) -> str:
    """``Step 3 of 14: Calf stretch at a wall, left side, set 1 of 2: 30 seconds.``"""
    parts = [step.title]
    if step.side == "left":
        parts.append(_("left side"))
    elif step.side == "right":
        parts.append(_("right side"))
    if step.set_count > 1:
        parts.append(_("set {number} of {count}").format(number=step.set_index, count=step.set_count))
    if step.timed:
        amount = ngettext("{seconds} second", "{seconds} seconds", step.duration_s or 0).format(
            seconds=step.duration_s)
    else:
        amount = ngettext("{reps} repetition", "{reps} repetitions", step.reps or 0).format(reps=step.reps)
    if step.hold_s:
        amount = ngettext("{amount}, hold each {seconds} second", "{amount}, hold each {seconds} seconds",
                          step.hold_s).format(amount=amount, seconds=step.hold_s)
    return _("Step {number} of {count}: {step}: {amount}.").format(
        number=position + 1, count=total, step=", ".join(parts), amount=amount)


class PlainSession:
    """One run of the line mode: resume offer, soreness question, screening, session, summary."""

    def __init__(
        self,
        pack: Pack,
        store: HistoryStore,
        routine: Routine,
        *,
        clock: Clock,
        read_line: ReadLine,
        write: Callable[[str], None],
        now: Now = utcnow,
        zone: tzinfo | None = None,
        contact: CareContact | None = None,
        bell: bool = False,
        handle_signals: bool = False,
    ) -> None:
        # The pack's texts in the active language where it has them; the routine as that pack has it.
        self.pack = in_active_language(pack)
        self.store = store
        self.routine = self.pack.routines_by_id.get(routine.id, routine)
        self.clock = clock
        self.read_line = read_line
        self.write = write
        self.now = now
        self.zone = zone
        self.contact = contact
        self.bell = bell
        self.handle_signals = handle_signals
        self._marks: list[float] = []
        self._shown_exercises: set[str] = set()
        self._signal: str | None = None
        self._waiting = False
        self._output_lost = False
        self._save_warned = False

    # --- output and input -----------------------------------------------------------------------------

    def say(self, *lines: str) -> None:
        """Write lines; once the output is gone (the terminal closed) they are dropped."""
        for line in lines:
            for part in line.splitlines() or [""]:
                if self._output_lost:
                    return
                try:
                    self.write(part)
                except OSError:
                    self._output_lost = True

    def _read(self, timeout: float | None) -> str | None:
        """``read_line``, the one place a handled signal interrupts the run (``Interrupted``)."""
        if self._signal is not None:
            raise Interrupted(self._signal)
        self._waiting = True
        try:
            return self.read_line(timeout)
        finally:
            self._waiting = False

    def _on_signal(self, signum: int, _frame: object) -> None:
        if self._signal is not None:
            return  # already stopping
        self._signal = signal.Signals(signum).name
        if self._waiting:
            raise Interrupted(self._signal)

    def ask(self, prompt: str) -> str:
        """Say ``prompt`` and wait for a line (``EOFError`` at the end of the input)."""
        self.say(prompt)
        while True:
            line = self._read(None)
            if line is not None:
                return line.strip()

    def ask_yes_no(self, prompt: str) -> bool:
        """Ask ``prompt`` until the answer is a yes or a no in the person's language (or y/n, always)."""
        from solecheck.screening.answer_words import typed_yes_no

        while True:
            answered = typed_yes_no(self.ask(_("{question} (y/n)").format(question=prompt)))
            if answered is not None:
                return answered
            self.say(_("Please type y for yes or n for no."))

    # --- the whole run ---------------------------------------------------------------------------------

    def run(self) -> int:
        """Run to the end; returns the exit code: 0, or 1 when the input ended (or a signal came)
        before anything could start, or the session could not be saved."""
        if not self.handle_signals:
            return self._run()
        previous = {number: signal.signal(number, self._on_signal) for number in HANDLED_SIGNALS}
        try:
            return self._run()
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    def _run(self) -> int:
        manifest = self.pack.manifest
        self.say(_("solecheck: {pack} {version}, from {clinic}.").format(
            pack=manifest.name, version=manifest.version, clinic=self.pack.clinic.name), manifest.disclaimer)
        try:
            gate = StartGate(
                self.store, self.pack, self.routine, clock=self.clock, now=self.now, zone=self.zone
            )
            while not gate.finished:
                gate.answer(self._ask_step(gate.step))
        except EOFError:
            self.say(_("Input ended before the session started: nothing more was recorded."))
            return 1
        except Interrupted as interrupted:
            self.say(_("Stopped by {signal} before the session started: nothing more was recorded.").format(
                signal=interrupted.signal_name))
            return 1
        end = gate.step
        if isinstance(end, NoSession):
            if end.message:
                self.say(end.message)
            return 0
        assert isinstance(end, Begin)
        if end.resumed:
            self.say(_("Resuming {routine}.").format(routine=end.recorder.session.routine_title))
        else:
            if end.clearance_note:  # started under a screening that still holds: say it and its changes
                self.say(end.clearance_note)
                if end.outcome is not None:
                    self._say_changes(end.outcome)
            plan = end.engine.plan
            self.say(ngettext("Starting {routine}: {count} step. Type h for the commands.",
                              "Starting {routine}: {count} steps. Type h for the commands.",
                              len(plan)).format(routine=plan.routine_title, count=len(plan)))
        return self._drive(end.engine, end.recorder)

    # --- before the session: the gate's steps, asked as lines ---------------------------------------------

    def _ask_step(self, step: Step) -> Answer:
        """Show one step of the gate and return the person's answer to it."""
        if isinstance(step, Tell):
            self.say(step.text)
            return None
        if isinstance(step, OfferResume):
            self.say(step.offer.describe())
            while True:
                answer = self.ask(
                    _("Type r to resume it, e to end it here (the steps done are kept), or q to leave it for now.")
                ).lower()
                if answer in ("r", "resume"):
                    return "resume"
                if answer in ("e", "end"):
                    return "end"
                if answer in ("q", "quit"):
                    return None
                self.say(_("Please type r, e or q."))
        if isinstance(step, AskSoreness):
            self.say(step.text)
            return self.ask_yes_no(step.follow_up.question)
        if isinstance(step, Refuse):
            self.say(_("No session today. Your safety check says not to do this routine now:"))
            self.say(*(f"- {reason}" for reason in step.reasons))
            self.say(step.advice)
            self.say(*clinic_lines(self.pack.clinic, self.contact))
            if step.may_screen_again and self.ask_yes_no(
                _("Has something changed, and do you want to answer the safety questions again?")
            ):
                return "again"
            return None
        if isinstance(step, AskScreening):
            self.say(step.reason)
            return self._screen(step)
        raise AssertionError(f"the gate ended at {step!r}")  # pragma: no cover - the loop stops first

    def _screen(self, step: AskScreening) -> ScreeningOutcome | None:
        """Ask the screening questions the gate asks for, one per line; the outcome once the person
        confirms it (the gate records it), ``None`` when they don't."""
        screening = self.pack.screening
        if screening.intro and step.only is None:
            self.say(screening.intro)
        answers: dict[str, bool | int | str] = dict(step.kept)
        index = 0
        while True:
            shown = [q for q in visible_questions(screening, answers) if step.asks(q.id)]
            if index >= len(shown):
                break
            question = shown[index]
            answers[question.id] = self._ask_question(question, index, len(shown))
            index += 1
        answers = {q.id: answers[q.id] for q in visible_questions(screening, answers)}
        outcome = evaluate(screening, answers)
        self.say(_("Outcome: {outcome}.").format(outcome=severity_label(outcome.kind)))
        self.say(*(f"- {rule.message}" for rule in outcome.fired))
        self._say_changes(outcome)
        if not self.ask_yes_no(_("Save this screening?")):
            return None
        self.say(_("Screening saved."))
        return outcome

    def _say_changes(self, outcome: ScreeningOutcome) -> None:
        if outcome.kind != "modify":
            return
        changes = describe_changes(self.pack, self.routine, outcome.changes)
        if changes:
            self.say(_("Changes to {routine}:").format(routine=self.routine.title), *(f"- {line}" for line in changes))

    def _ask_question(self, question: Question, index: int, total: int) -> bool | int | str:
        self.say(_("Question {number} of {count}: {question}").format(number=index + 1, count=total,
                                                                      question=question.text))
        if question.help:
            self.say(question.help)
        if question.kind == "yes_no":
            return self.ask_yes_no(_("Answer"))
        if question.kind == "choice":
            options = question.options or []
            self.say(*(f"  {number}) {option.label}" for number, option in enumerate(options, start=1)))
            while True:
                answer = self.ask(_("Type a number from 1 to {most}.").format(most=len(options)))
                if answer.isdigit() and 1 <= int(answer) <= len(options):
                    return options[int(answer) - 1].id
                self.say(_("That is not one of the numbers listed."))
        low = f", 0 = {question.scale_low_label}" if question.scale_low_label else ""
        high = f", 10 = {question.scale_high_label}" if question.scale_high_label else ""
        while True:
            answer = self.ask(_("Type a whole number from 0 to 10{labels}.").format(labels=low + high))
            if answer.isdigit() and 0 <= int(answer) <= 10:
                return int(answer)
            self.say(_("Please type a whole number from 0 to 10."))

    # --- the session ------------------------------------------------------------------------------------

    def _drive(self, engine: SessionEngine, recorder: SessionRecorder) -> int:  # noqa: C901 (one loop, three endings)
        """Run the session to its end and save it; returns the exit code (1 if it could not be saved)."""
        seen: tuple[object, ...] | None = None
        self._report_saving(recorder)
        try:
            engine.start()
            while not engine.finished:
                if recorder.pending:
                    recorder.save()
                self._report_saving(recorder)
                before = (engine.state, engine.index)
                engine.update()
                if self.bell and before[0] == "running" and (engine.state, engine.index) != before:
                    self.write("\a")
                key = (engine.state, engine.index, len(engine.results))
                if key != seen:
                    seen = key
                    self._announce(engine)
                if engine.state == "pain_check":
                    self._pain_check(engine)
                elif engine.state == "pain_limit":
                    self._pain_limit(engine)
                else:
                    self._wait_for_command(engine)
        except EOFError:
            if not engine.finished:
                engine.stop(_("input ended"), status="interrupted")
            if recorder.finish_from(engine):
                self.say(_("Input ended: the session is saved as interrupted; everything done so far is kept."))
            else:  # what is kept is said once saving is given up (_save_at_end)
                self.say(_("Input ended: the session ends as interrupted, but it is not saved yet."))
        except Interrupted as interrupted:
            if not engine.finished:
                engine.stop(SIGNAL_REASONS[interrupted.signal_name], status="interrupted")
            if recorder.finish_from(engine):
                self.say(
                    _("Stopped by {signal}: the session is saved as interrupted, everything done so far is kept, and "
                      "it is offered for resume next time.").format(signal=interrupted.signal_name)
                )
            else:
                self.say(
                    _("Stopped by {signal}: the session ends as interrupted, but it is not saved yet.").format(
                        signal=interrupted.signal_name)
                )
        recorder.finish_from(engine)
        saved = self._save_at_end(recorder)
        self._summary(engine, recorder)
        return 0 if saved else 1

    def _report_saving(self, recorder: SessionRecorder) -> None:
        """Say once when writing to the history starts failing, and again when it works again."""
        if recorder.error is not None and not self._save_warned:
            self._save_warned = True
            self.say(
                _("Could not write to the history: {error}. Your session carries on.").format(error=recorder.error)
                + " " + recorder.keeping_note()
            )
        elif recorder.error is None and self._save_warned and not recorder.pending:
            self._save_warned = False
            self.say(_("The history can be written again: everything so far is saved."))

    def _save_at_end(self, recorder: SessionRecorder) -> bool:
        """Save what is left; while it fails, ask to try again (Enter) or give up (q, or the input ends)."""
        if recorder.save():
            self._report_saving(recorder)
            return True
        if self._signal is not None:
            self.say(_("Your session could not be saved: {error}.").format(error=recorder.error) + " "
                     + recorder.letting_go_note())
            return False
        while True:
            self.say(
                _("Your session is not saved yet: {error}. Free some space or fix the folder, then press Enter to "
                  "try again; type q to quit without saving the rest.").format(error=recorder.error)
            )
            try:
                answer = self._read(None)
            except (EOFError, Interrupted):
                answer = "q"
            if answer is not None and answer.strip().lower() == "q":
                if recorder.save():
                    break
                self.say(_("Not saved: {error}.").format(error=recorder.error) + " " + recorder.letting_go_note())
                if recorder.claim is not None:  # given up: the next start may replay its journal at once
                    recorder.claim.release()
                return False
            if recorder.save():
                break
        self._report_saving(recorder)
        return True

    def _announce(self, engine: SessionEngine) -> None:
        state = engine.state
        step = engine.current
        total = len(engine.plan.steps)
        self._marks = []
        if state == "get_ready" and step is not None:
            self._describe_step(step, engine.index, total)
            left = round(engine.remaining() or 0)
            self.say(ngettext("Get ready: starting in {seconds} second. Press Enter to start now.",
                              "Get ready: starting in {seconds} seconds. Press Enter to start now.",
                              left).format(seconds=left))
        elif state == "running" and step is not None:
            if engine.plan.get_ready_s == 0 or not step.timed:
                self._describe_step(step, engine.index, total)
            if step.timed:
                left = round(engine.remaining() or 0)
                self.say(ngettext("Go: {seconds} second. Press Enter if you finish early.",
                                  "Go: {seconds} seconds. Press Enter if you finish early.", left).format(seconds=left))
                self._set_marks(engine)
            else:
                self.say(ngettext("Go: {reps} repetition. Press Enter when you are done.",
                                  "Go: {reps} repetitions. Press Enter when you are done.",
                                  step.reps or 0).format(reps=step.reps))
        elif state == "resting" and step is not None:
            left = round(engine.remaining() or 0)
            self.say(ngettext("Rest {seconds} second. Next: {step}. Press Enter to end the rest.",
                              "Rest {seconds} seconds. Next: {step}. Press Enter to end the rest.",
                              left).format(seconds=left, step=step.title))
        elif state == "paused":
            self.say(_("Paused. Type p or press Enter to carry on."))

    def _describe_step(self, step: PlannedStep, position: int, total: int) -> None:
        self.say(step_heading(step, position, total))
        exercise = self.pack.exercises_by_id.get(step.exercise_id)
        if exercise is None:
            return
        if exercise.id not in self._shown_exercises:
            self._shown_exercises.add(exercise.id)
            if exercise.equipment:
                self.say(_("You need: {equipment}.").format(equipment=", ".join(exercise.equipment)))
            self.say(*(f"  {n}. {text}" for n, text in enumerate(exercise.steps, start=1)))
            # A picture can't be seen here: its alt text stands for it.
            self.say(*(_("Picture: {alt}").format(alt=picture.alt) for picture in exercise.pictures))
            self.say(*(_("Tip: {tip}").format(tip=cue) for cue in exercise.cues))
        self.say(*(_("Caution: {caution}").format(caution=caution) for caution in exercise.cautions))

    def _set_marks(self, engine: SessionEngine) -> None:
        remaining = engine.remaining() or 0.0
        marks = {float(m) for m in range(ANNOUNCE_EVERY_S, int(remaining), ANNOUNCE_EVERY_S)}
        if remaining > 15:
            marks.add(10.0)
        self._marks = sorted((m for m in marks if m < remaining - 0.5), reverse=True)

    def _wait_for_command(self, engine: SessionEngine) -> None:
        remaining = engine.remaining()
        timeout: float | None = None
        if remaining is not None and engine.state != "paused":
            timeout = remaining - self._marks[0] if self._marks else remaining
        line = self._read(None if timeout is None else max(0.0, timeout))
        if line is None:
            engine.update()
            left = engine.remaining()
            if engine.state == "running" and left is not None and self._marks and left <= self._marks[0] + 0.01:
                self._marks.pop(0)
                self.say(ngettext("{seconds} second left.", "{seconds} seconds left.", round(left)).format(
                    seconds=round(left)))
            return
        self._command(engine, line.strip())

    def _command(self, engine: SessionEngine, line: str) -> None:  # noqa: C901 (a table of typed commands)
        lowered = line.lower()
        try:
            if lowered == "":
                if engine.state == "paused":
                    engine.resume()
                elif engine.state == "resting":
                    engine.skip()
                else:
                    engine.finish_step()
            elif lowered == "p":
                if engine.state == "paused":
                    engine.resume()
                else:
                    engine.pause()
            elif lowered == "n":
                engine.skip()
                self.say(_("Skipped."))
            elif lowered == "b":
                engine.back()
                self.say(_("Going back one step."))
            elif lowered == "+":
                engine.extend()
                left = round(engine.remaining() or 0)
                self.say(ngettext("15 seconds more: {seconds} second left.", "15 seconds more: {seconds} seconds left.",
                                  left).format(seconds=left))
                if engine.state == "running":
                    self._set_marks(engine)
            elif lowered == "s":
                reason = self.ask(_("Why are you stopping? Type a reason, or just press Enter."))
                engine.stop(reason or None)
            elif lowered.isdigit():
                self._rate(engine, int(lowered))
            elif lowered.startswith("note"):
                engine.add_note(line[4:].strip())
                self.say(_("Note added."))
            elif lowered in ("h", "?", "help"):
                self.say(_(HELP))
            else:
                self.say(_("Not understood: “{typed}”. Type h for the commands.").format(typed=line))
        except IllegalEvent as refused:
            self.say(_("Not now: {why}").format(why=refused.patient_words))
        except ValueError as error:
            self.say(_("Not understood: {error}.").format(error=error))

    def _rate(self, engine: SessionEngine, score: int) -> None:
        band = engine.record_pain(score)
        check = self.pack.session.pain_check
        if band == "ok":
            self.say(check.ok_message)
        elif band == "caution":
            self.say(check.caution_message)

    def _pain_check(self, engine: SessionEngine) -> None:
        step = engine.current
        if step is None:
            question = _("Pain check: how much pain do you feel now, from 0 (none) to 10 (worst)?")
        else:
            if step.side == "left":
                name = _("{exercise}, left side").format(exercise=step.title)
            elif step.side == "right":
                name = _("{exercise}, right side").format(exercise=step.title)
            else:
                name = step.title
            question = _("Pain check ({step}): how much pain do you feel now, from 0 (none) to 10 (worst)?").format(
                step=name)
        while engine.state == "pain_check":
            answer = self.ask(question)
            if answer.isdigit() and 0 <= int(answer) <= 10:
                self._rate(engine, int(answer))
            elif answer.lower() == "s":
                engine.stop(self.ask(_("Why are you stopping? Type a reason, or just press Enter.")) or None)
            elif answer.lower().startswith("note") and answer[4:].strip():
                engine.add_note(answer[4:].strip())
                self.say(_("Note added."))
            else:
                self.say(_("Please type a whole number from 0 to 10 (or s to stop)."))

    def _pain_limit(self, engine: SessionEngine) -> None:
        check = self.pack.session.pain_check
        region = region_name(engine.limit_region or "")
        self.say(check.limit_message, *clinic_lines(self.pack.clinic, self.contact))
        while engine.state == "pain_limit":
            answer = self.ask(
                _("Type s to stop the session here, or r to skip what is left for this area ({region}) and carry "
                  "on.").format(region=region)
            ).lower()
            if answer == "s":
                engine.stop(_("pain above the limit"))
            elif answer == "r":
                skipped = engine.skip_region()
                self.say(ngettext("Skipped {count} more step for this area ({region}).",
                                  "Skipped {count} more steps for this area ({region}).",
                                  skipped).format(count=skipped, region=region))
            else:
                self.say(_("Please type s or r."))

    def _summary(self, engine: SessionEngine, recorder: SessionRecorder) -> None:
        routine = self.pack.routines_by_id.get(engine.plan.routine_id)
        report = report_for(
            engine, recorder, self.store, self.pack.session.after_pain_stop,
            schedule=routine.schedule if routine is not None else None, now=self.now(), zone=self.zone,
        )
        self.say(_("Summary:"), *report.lines())
