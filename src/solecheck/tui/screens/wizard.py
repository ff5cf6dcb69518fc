"""The screening wizard: the pack's safety questions one page at a time, then the outcome to confirm.

Keyboard first: ``y``/``n`` answer a yes/no question, arrows and Enter (or digits 1–9) pick a choice,
digits 0–9 and ``t`` (for 10) rate a scale, ``b``/Backspace goes back to change an answer, Escape
leaves with nothing recorded. Buttons and lists answer the mouse too.

The last page lists every answer and the outcome with its reasons (the clinic for a ``stop``, the
changes to the routine for a ``modify``). Nothing is saved until Enter confirms it there; the screen
then dismisses with the :class:`ScreeningOutcome` (``None`` when the person left). Opened before a
session, the safety gate (:mod:`solecheck.session.start`) records it; opened on its own (``w``), the
screen records it with the same core function.
"""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from solecheck.i18n import N_, _
from solecheck.packs.models import AnswerValue, Question, Routine
from solecheck.packs.pack import Pack
from solecheck.screening.answer_words import yes_key
from solecheck.screening.engine import (
    SCALE_MAX,
    IncompleteScreening,
    describe_changes,
    evaluate,
    severity_label,
    skipped_exercises,
    visible_questions,
)
from solecheck.screening.outcome import ScreeningOutcome
from solecheck.tui.glyphs import mark
from solecheck.tui.services import AppServices, services_of
from solecheck.tui.text import join, literal
from solecheck.tui.widgets.clinic_card import ClinicCard
from solecheck.tui.widgets.key_footer import KeyFooter

SUMMARY = -1
"""The page number of the summary page."""


def mouse_button(label: Content, button_id: str, *, selected: bool = False, classes: str = "") -> Button:
    """A button for the mouse: the keyboard answers through the screen's keys, so it takes no focus."""
    button = Button(label, id=button_id, variant="primary" if selected else "default", classes=classes)
    button.can_focus = False
    return button


def fits(question: Question, value: AnswerValue) -> bool:
    """Whether ``value`` is an answer of the kind ``question`` asks for."""
    if question.kind == "yes_no":
        return isinstance(value, bool)
    if question.kind == "choice":
        return isinstance(value, str) and any(option.id == value for option in question.options or [])
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= SCALE_MAX


OUTCOME_CLASSES = {"proceed": "outcome-proceed", "modify": "outcome-modify", "stop": "outcome-stop"}


def answer_label(question: Question, value: AnswerValue) -> str:
    """An answer as the person gave it: ``Yes``, the option's label, ``4 of 10``."""
    if question.kind == "yes_no":
        return _("Yes") if value is True else _("No")
    if question.kind == "choice":
        labels = {option.id: option.label for option in question.options or ()}
        return labels.get(str(value)) or _("An answer this question no longer offers")
    return _("{score} of {most}").format(score=value, most=SCALE_MAX)


def outcome_notice(outcome: ScreeningOutcome) -> str:
    """A one-line notification of a saved screening's outcome."""
    if outcome.kind == "stop":
        return _("Not today: contact the clinic. A session can't start until a new screening says otherwise.")
    if outcome.kind == "modify":
        return _("Go ahead with changes: the routine is adjusted as shown.")
    return _("OK to go ahead.")


class WizardScreen(Screen["ScreeningOutcome | None"]):
    """Asks ``pack``'s screening questions and records the outcome the person confirms.

    ``routine`` is the routine a ``modify`` outcome is explained against (the pack's default if
    ``None``)."""

    CSS_PATH = "wizard.tcss"
    AUTO_FOCUS = None
    HELP_TITLE = N_("the screening")
    HELP_NOTES = (("1–9", N_("Pick an answer by its number")),)

    BINDINGS = [
        Binding("y", "answer_yes", N_("Yes")),
        Binding("n", "answer_no", N_("No")),
        # On a choice or a scale, y and n say how to answer instead of doing nothing.
        Binding("y,n", "not_yes_no", show=False),
        *(Binding(str(digit), f"digit({digit})", show=False) for digit in range(10)),
        Binding("t", "digit(10)", "10"),
        Binding("enter", "confirm", N_("Confirm and save")),
        Binding("enter", "next", N_("Next")),
        Binding("b,backspace", "back", N_("Back")),
        Binding("escape", "leave", N_("Leave")),
        # The person's own yes key where it is not y: o (oui) in French, s (sí) in Spanish. Anywhere else the
        # key keeps its usual meaning (check_action lets it through).
        Binding("o", "language_yes('o')", show=False),
        Binding("s", "language_yes('s')", show=False),
        # Neither a second screening nor a session may start from inside this one.
        Binding("w,s", "nothing", show=False),
    ]

    def __init__(
        self,
        pack: Pack,
        routine: Routine | None = None,
        *,
        record: bool = True,
        only: frozenset[str] | None = None,
        kept: dict[str, AnswerValue] | None = None,
    ) -> None:
        """``only``: ask just these questions (the safety gate's questions about today), with ``kept``
        as the other answers; the outcome weighs them all."""
        super().__init__()
        self.pack = pack
        self.record = record
        """Save the confirmed screening here (opened on its own, ``w``); without it the screen only
        returns the outcome and the safety gate that opened it records it."""
        self.only = only
        self.routine = routine or pack.default_routine
        self.answers: dict[str, AnswerValue] = dict(kept or {})
        self.page = 0
        """Index into the visible questions, or :data:`SUMMARY`."""
        self.outcome: ScreeningOutcome | None = None
        """The outcome shown on the summary page, or ``None`` on a question page."""
        if not self.shown_questions:  # every question is conditional and none applies
            self._turn_to(SUMMARY)

    # --- what is on screen ----------------------------------------------------------------------------

    @property
    def shown_questions(self) -> list[Question]:
        """The questions shown for the answers so far (conditional ones come and go)."""
        shown = visible_questions(self.pack.screening, self.answers)
        return shown if self.only is None else [q for q in shown if q.id in self.only]

    @property
    def question(self) -> Question | None:
        """The question on screen, or ``None`` on the summary page."""
        if self.page == SUMMARY:
            return None
        return self.shown_questions[self.page]

    def compose(self) -> ComposeResult:
        yield Static(
            join(literal(_("Safety screening"), "bold"), "  ·  ", literal(self.pack.manifest.name)), id="wizard-title"
        )
        yield Static(self._progress(), id="wizard-progress")
        yield VerticalScroll(*self._page_widgets(), id="wizard-page")
        yield Static(self._keys(), id="wizard-keys")
        yield KeyFooter()

    def _page_widgets(self) -> list[Widget]:
        question = self.question
        return self._summary_widgets() if question is None else self._question_widgets(question)

    def _progress(self) -> Content:
        if self.page == SUMMARY:
            return literal(_("Check your answers"))
        shown = self.shown_questions
        # A question whose condition can't be decided yet may still come: counted from the start, so the
        # total never grows as answers arrive ("4 of 5" then "5 of 6").
        possible = [
            question for question in self.pack.screening.questions
            if question in shown or any(condition.question not in self.answers for condition in question.show_if)
        ]
        if self.only is not None:  # only the questions asked again (today's answers lapsed) count
            possible = [question for question in possible if question.id in self.only]
        total = len(possible)
        number = self.page + 1
        if total > len(shown):
            counted = _("Question {number} of up to {count}").format(number=number, count=total)
        else:
            counted = _("Question {number} of {count}").format(number=number, count=total)
        return join(
            literal(counted + "  "),
            literal(mark("●") * number, "bold"),
            literal(mark("○") * (total - number), "dim"),
        )

    def _keys(self) -> Content:
        question = self.question
        if question is None:
            return literal(_("Enter confirm and save · b back to change an answer · Esc leave without saving"), "dim")
        if question.kind == "yes_no":
            keys = [_("y yes · n no")]
        elif question.kind == "choice":
            count = len(question.options or ())
            if count <= 9:
                keys = [_("↑↓ and Enter, or 1–{count}, to choose").format(count=count)]
            elif count == 10:
                keys = [_("↑↓ and Enter, or 1–9 and 0 for the 10th, to choose")]
            else:
                keys = [_("↑↓ and Enter, or 1–9 and 0 for the 10th (↑↓ for the rest), to choose")]
        else:
            keys = [_("0–9 for a score · t for 10")]
        if question.id in self.answers:
            keys.append(_("Enter keeps your answer"))
        if self.page > 0:
            keys.append(_("b back"))
        keys.append(_("Esc leave without saving"))
        return literal(" · ".join(keys), "dim")

    def _question_widgets(self, question: Question) -> list[Widget]:
        widgets: list[Widget] = []
        intro = self.pack.screening.intro
        if self.page == 0 and intro:
            widgets.append(Static(literal(intro), id="wizard-intro"))
        widgets.append(Static(literal(question.text, "bold"), id="question-text"))
        if question.help:
            widgets.append(Static(literal(question.help), id="question-help"))
        given = self.answers.get(question.id)
        if question.kind == "yes_no":
            buttons = [
                mouse_button(literal(f"{label} ({key})"), "answer-y" if value else "answer-n", selected=given is value)
                for value, label, key in ((True, _("Yes"), yes_key()), (False, _("No"), "n"))
            ]
            widgets.append(Horizontal(*buttons, id="answer-buttons"))
        elif question.kind == "choice":
            options = question.options or []
            choices = OptionList(
                *(
                    Option(literal(f"{number % 10}. {option.label}" if number <= 10 else f"   {option.label}"),
                           id=option.id)
                    for number, option in enumerate(options, start=1)
                ),
                id="answer-choices",
            )
            ids = [option.id for option in options]
            choices.highlighted = ids.index(given) if isinstance(given, str) and given in ids else 0
            widgets.append(choices)
        else:
            scores = [
                mouse_button(
                    literal(str(score)),
                    f"score-{score}",
                    selected=given == score and not isinstance(given, bool),
                    classes="score",
                )
                for score in range(SCALE_MAX + 1)
            ]
            widgets.append(Horizontal(*scores, id="answer-scale"))
            low, high = question.scale_low_label, question.scale_high_label
            if low or high:
                labels = join(literal(f"0 = {low}" if low else ""), "    ", literal(f"10 = {high}" if high else ""))
                widgets.append(Static(labels, id="scale-labels"))
        if given is not None:
            widgets.append(
                Static(
                    join(literal(_("Your answer:") + " ", "dim"), literal(answer_label(question, given), "bold")),
                    id="answer-given",
                )
            )
        return widgets

    def _summary_widgets(self) -> list[Widget]:
        outcome = self.outcome
        assert outcome is not None
        by_id = self.pack.questions_by_id
        answers = [
            join(literal(by_id[qid].text), "  ", literal(answer_label(by_id[qid], value), "bold"))
            for qid, value in outcome.answers.items()
        ]
        reasons = [join(literal("• "), literal(rule.message)) for rule in outcome.fired] or [
            literal(_("None of your answers needs a change to the routine."))
        ]
        widgets: list[Widget] = [
            Static(literal(_("Your answers"), "bold"), classes="summary-heading"),
            Static(Content("\n").join(answers), id="summary-answers"),
            Static(
                join(literal(_("Outcome:") + " ", "bold"), literal(severity_label(outcome.kind), "bold")),
                id="summary-outcome",
                classes=OUTCOME_CLASSES[outcome.kind],
            ),
            Static(Content("\n").join(reasons), id="summary-reasons"),
        ]
        if outcome.kind == "stop":
            stop = literal(_("The session can't start until a new screening says otherwise."), "bold")
            widgets += [
                Static(stop, id="summary-stop"),
                ClinicCard(
                    self.pack.clinic, with_note=False, contact=services_of(self.app).settings.contact,
                    id="summary-clinic",
                ),
            ]
        elif outcome.kind == "modify":
            widgets.append(Static(self._changes(outcome), id="summary-changes"))
        widgets += [
            Static(literal(_("Nothing is saved until you confirm."), "dim"), id="summary-note"),
            Horizontal(
                mouse_button(literal(_("Confirm and save (Enter)")), "confirm", selected=True),
                mouse_button(literal(_("Back (b)")), "back"),
                id="summary-buttons",
            ),
        ]
        return widgets

    def _changes(self, outcome: ScreeningOutcome) -> Content:
        routine = self.routine
        lines = describe_changes(self.pack, routine, outcome.changes)
        body: list[Content] = [literal(_("What changes in {routine}").format(routine=routine.title), "bold")]
        if lines:
            body += [join(literal("• "), literal(line)) for line in lines]
        else:
            body.append(literal(_("Nothing in this routine is affected.")))
        if len(skipped_exercises(self.pack, routine, outcome.changes)) == len({s.exercise for s in routine.steps}):
            body.append(literal(_("Every exercise of this routine is left out: choose another routine."), "bold"))
        return Content("\n").join(body)

    def _turn_to(self, page: int) -> None:
        """Set the page (and the outcome, on the summary page). A summary with a shown question left
        unanswered turns to that question instead: nothing is ever guessed."""
        self.outcome = None
        if page == SUMMARY:
            try:
                self.outcome = evaluate(self.pack.screening, self.answers)
            except IncompleteScreening as missing:
                page = next(i for i, q in enumerate(self.shown_questions) if q.id == missing.missing[0])
        self.page = page

    async def _show(self, page: int) -> None:
        self._turn_to(page)
        self.query_one("#wizard-progress", Static).update(self._progress())
        self.query_one("#wizard-keys", Static).update(self._keys())
        container = self.query_one("#wizard-page", VerticalScroll)
        async with container.batch():
            await container.remove_children()
            await container.mount_all(self._page_widgets())
        container.scroll_home(animate=False)
        self._focus_page()
        self.refresh_bindings()

    def on_mount(self) -> None:
        self._focus_page()

    def _focus_page(self) -> None:
        question = self.question
        # Keys typed fast can turn the page again while this page's widgets are still being
        # swapped in: focus the choices only when they are there.
        choices = self.query("#answer-choices").results(OptionList)
        if question is not None and question.kind == "choice" and (choice_list := next(choices, None)):
            choice_list.focus()
        else:
            self.query_one("#wizard-page", VerticalScroll).focus()

    # --- answering ------------------------------------------------------------------------------------

    async def _answer(self, value: AnswerValue) -> None:
        question = self.question
        if question is None or not fits(question, value):
            return  # an event from a page that has already been turned (keys typed fast)
        self.answers[question.id] = value
        await self._advance_from(question)

    async def _advance_from(self, question: Question) -> None:
        visible = self.shown_questions
        position = next(i for i, q in enumerate(visible) if q.id == question.id)
        await self._show(position + 1 if position + 1 < len(visible) else SUMMARY)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        question = self.question
        if action in ("answer_yes", "answer_no"):
            return question is not None and question.kind == "yes_no"
        if action == "language_yes":
            return question is not None and question.kind == "yes_no" and parameters == (yes_key(),)
        if action == "not_yes_no":
            return question is not None and question.kind != "yes_no"
        if action == "digit":
            if question is None or not parameters:
                return False
            digit = cast(int, parameters[0])
            if question.kind == "scale":
                return True
            return question.kind == "choice" and 1 <= (digit or 10) <= min(10, len(question.options or ()))
        if action == "confirm":
            return question is None
        if action == "next":
            return question is not None and question.id in self.answers
        if action == "back":
            return True if self.page != 0 else None
        return True

    async def action_answer_yes(self) -> None:
        await self._answer(True)

    async def action_language_yes(self, _key: str) -> None:
        await self._answer(True)

    async def action_answer_no(self) -> None:
        await self._answer(False)

    async def action_digit(self, digit: int) -> None:
        question = self.question
        if question is None:
            return
        if question.kind == "scale":
            await self._answer(digit)
        elif question.kind == "choice":
            options = question.options or []
            number = digit or 10  # 0 picks the 10th option
            if 1 <= number <= len(options):
                await self._answer(options[number - 1].id)

    async def action_next(self) -> None:
        question = self.question
        if question is not None and question.id in self.answers:
            await self._advance_from(question)

    async def action_back(self) -> None:
        if self.page == SUMMARY:
            await self._show(len(self.shown_questions) - 1)
        elif self.page > 0:
            await self._show(self.page - 1)

    def action_not_yes_no(self) -> None:
        question = self.question
        if question is None:
            return
        if question.kind == "choice":
            said = _("This question isn't yes or no: pick one of the answers with ↑↓ and Enter, or its number.")
        else:
            said = _("This question isn't yes or no: give a score from 0 to 10 with a digit (t for 10).")
        self.notify(said, severity="warning", timeout=5, markup=False)

    def action_nothing(self) -> None:
        """Swallow keys the app would otherwise act on over the wizard."""

    def action_leave(self) -> None:
        self.dismiss(None)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "answer-y":
            await self._answer(True)
        elif button_id == "answer-n":
            await self._answer(False)
        elif button_id.startswith("score-"):
            await self._answer(int(button_id.removeprefix("score-")))
        elif button_id == "confirm":
            self.action_confirm()
        elif button_id == "back":
            await self.action_back()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            await self._answer(event.option.id)

    # --- saving ---------------------------------------------------------------------------------------

    def action_confirm(self) -> None:
        """Leave with the outcome on the summary page; saved first when the wizard records (see
        ``record``), by the same core function the safety gate uses, stamped with the app's wall clock."""
        outcome = self.outcome
        if outcome is None:
            return
        if not self.record:
            self.dismiss(outcome)
            return
        from solecheck.history.store import HistoryError
        from solecheck.screening.record import record_outcome

        app = self.app
        services: AppServices = services_of(app)
        store = services.open_store()
        if store is None:
            return
        try:
            saved = record_outcome(store, self.pack, outcome, services.now, zone=services.zone)
        except HistoryError as error:
            app.notify(str(error), title=_("Screening not saved"), severity="error", timeout=15, markup=False)
            return
        app.notify(
            outcome_notice(outcome),
            title=_("Screening saved"),
            severity="error" if outcome.kind == "stop" else "information",
            timeout=8,
            markup=False,
        )
        self.dismiss(saved)
