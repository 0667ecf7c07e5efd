"""A step made of questions (request, you, transaction): fields built from the step's data.

Answers are written into the app's draft as they are typed; a field's error
appears when the field is left, from the one draft model, and is checked again
at every change while it is shown (it goes as soon as the answer is right).
Next is refused, with the focus on the first error, while a question of this
step is wrong, including the rules across questions (a refund larger than the
purchase).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Input, RadioSet, Select

from ...answers import Answers, is_optional
from ...errors import Problem
from ...i18n import N_
from ...languages import DEFAULT
from ...registry import COMPARISONS, READ_KINDS
from ...steps import Question, step
from ...wording import default_answer as _model_default
from ...wording import read_back as _read_back
from ..problems import said
from ..widgets.questions import READ_AS, Box, ChoiceBox, QuestionBox, dom_id
from .base import StepScreen

FIX_FIRST = N_("Some answers need a change: see the messages under the fields.")
COMPARED_WITH = {comparison.key: comparison.other for comparison in COMPARISONS}
"""The model's rules across keys whose error is at a key of another step: on the step of the
key it is compared with, the error is shown under that key (the day of the purchase, typed
after the merchant's day, is checked when its own step is left)."""


class FormScreen(StepScreen):
    """Shows the questions of one step that apply to the answers given so far."""

    DEFAULT_CSS: ClassVar[str] = ""

    focus_key: str | None = None
    """The question to show first, with its error (the checklist's "go to" sets it)."""

    def __init__(self) -> None:
        super().__init__()
        self._invalid: set[str] = set()
        """The questions whose error is shown (checked again at every change)."""

    @property
    def answers(self) -> Answers:
        return self.app.answers

    def compose_body(self) -> ComposeResult:
        lang = self.app.ui_lang
        the_step = step(self.step_id)
        if the_step.intro:
            from textual.widgets import Static

            yield Static(self.t(the_step.intro), classes="intro", markup=False)
        flat = self.answers.flat()
        for question in the_step.questions:
            value = self._initial(question)
            box: QuestionBox | ChoiceBox
            if question.kind == "choice":
                box = ChoiceBox(question, value, lang)
            else:
                box = QuestionBox(question, value, lang, is_optional(question.key), self.reader_for(question))
            box.display = question.applies(flat)
            yield box

    def _initial(self, question: Question) -> str:
        value = self.answers.get(question.key)
        if value or question.kind != "choice":
            return str(value)
        default = _model_default(question.key, self.answers.get("request"))
        if default:
            self.answers.set(question.key, default)
        return default

    def on_mount(self) -> None:
        super().on_mount()
        if any(question.kind in READ_KINDS for question in step(self.step_id).questions):
            # Babel reads its Belgian data at the first amount or date (some 50 ms): once the
            # step is drawn, not at the first key typed.
            language = self.answers.get("language") or DEFAULT
            self.call_after_refresh(_read_back, "amount", "1,00", language, self.app.today)
            self.call_after_refresh(_read_back, "date", "1/1/2026", language, self.app.today)
        wanted = self._box(self.focus_key) if self.focus_key else None
        if wanted is not None and wanted.display:
            self._show_errors([wanted.question.key])
            wanted.focus_field()
            self.call_after_refresh(wanted.scroll_visible)
            return
        for box in self.query(Box):
            if box.display:
                box.focus_field()
                break

    # --- answers as they are given -----------------------------------------------

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.answers.set(event.input.name, event.value)
            self._recheck(event.input.name)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        if event.input.name:
            self._show_errors([event.input.name])

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    @on(RadioSet.Changed)
    def _picked(self, event: RadioSet.Changed) -> None:
        name = event.radio_set.name
        box = self._box(name or "")
        if name and isinstance(box, ChoiceBox):
            self.answers.set(name, box.value_of(event.index))
            box.explain(event.index)
            self._update_visibility()
            self._show_errors([name])

    @on(Select.Changed)
    def _selected(self, event: Select.Changed) -> None:
        if event.select.name and event.value is not Select.NULL:
            self.answers.set(event.select.name, str(event.value))
            self._update_visibility()
            self._show_errors([event.select.name])

    def _update_visibility(self) -> None:
        flat = self.answers.flat()
        for box in self.query(Box):
            question = box.question
            shown = question.applies(flat)
            given = self.answers.get(question.key)
            offered = not given or any(choice.value == given for choice in question.choices)
            if shown and not box.display and question.kind == "choice" and (not given or not offered):
                default = _model_default(question.key, self.answers.get("request"))
                if default:
                    self.answers.set(question.key, default)
                    box.value = default  # the box shows the answer it is composed with
                    box.refresh(recompose=True)
            box.display = shown

    def reader_for(self, question: Question) -> Callable[[str], str] | None:
        """What the field of an amount or a date shows after the text: ``Read as: 1 234,56 €``,
        ``Read as: 2 novembre 2026`` (in the message's language), or nothing yet."""
        if question.kind not in READ_KINDS:
            return None
        kind = question.kind

        def read(text: str) -> str:
            language = self.answers.get("language") or DEFAULT
            value = _read_back(kind, text.strip(), language, self.app.today)
            return self.t(READ_AS, value=value) if value else ""

        return read

    # --- errors ----------------------------------------------------------------------

    def _box(self, key: str) -> Box | None:
        """The box of a question; looked up by id, since typing asks for it at every key."""
        try:
            box = self.query_one(f"#{dom_id(key)}")
        except NoMatches:  # a key several questions ask (each request its own): the one shown
            asking = [box for box in self.query(Box) if box.question.key == key]
            return next((box for box in asking if box.display), asking[0] if asking else None)
        return box if isinstance(box, Box) else None

    def _visible_keys(self) -> list[str]:
        return [box.question.key for box in self.query(Box) if box.display]

    def _recheck(self, key: str) -> None:
        """While fields show errors, each change checks them again: a message follows the
        answer, and goes as soon as it is right, also when the change was in another field
        (a larger purchase amount makes the refund right). Nothing new is shown while typing."""
        if self._invalid:
            self._show_errors(sorted(self._invalid))

    def _show_errors(self, keys: list[str]) -> list[str]:
        """Show the model's errors for these keys; return the keys in error."""
        lang = self.app.ui_lang
        problems = self.answers.problems(lang, self.app.today)
        wrong = []
        for key in keys:
            box = self._box(key)
            problem = problems.get(key) or self._compared_problem(key, problems)
            if box is not None:
                box.show_error(said(problem, lang, self.answers.flat()) if problem else "")
                if problem:
                    self._invalid.add(key)
                else:
                    self._invalid.discard(key)
            if problem:
                wrong.append(key)
        return wrong

    def _compared_problem(self, key: str, problems: dict[str, Problem]) -> Problem | None:
        """An error of another step's question that this key contradicts, if any."""
        for other, compared in COMPARED_WITH.items():
            if compared == key and other in problems and self._box(other) is None:
                return problems[other]
        return None

    def ready_to_leave(self) -> bool:
        wrong = self._show_errors(self._visible_keys())
        if not wrong:
            return True
        box = self._box(wrong[0])
        if box is not None:
            box.focus_field()
            box.scroll_visible()
        self.notify(self.t(FIX_FIRST), severity="warning")
        return False
