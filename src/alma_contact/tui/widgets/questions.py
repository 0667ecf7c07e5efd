"""One box per question of a step: its label, help, field, read-back and error.

Each box is built from a :class:`alma_contact.steps.Question`; the words come
from the question (translated), the rules from the draft model.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Label, RadioButton, RadioSet, Select, Static
from textual.widgets.select import NULL, NoSelection

from ...i18n import N_, translate
from ...steps import Question
from ...wording import EXAMPLE, OPTIONAL, READ_AS
from .inputs import CleanInput

__all__ = ["EXAMPLE", "OPTIONAL", "READ_AS", "Box", "ChoiceBox", "QuestionBox", "dom_id"]


def dom_id(key: str) -> str:
    """``transaction.amount`` -> ``q-transaction-amount``."""
    return "q-" + key.replace(".", "-").replace("_", "-")


def _show(line: Static, text: str) -> None:
    """A message line takes room only when it says something."""
    shown = bool(text)
    if line.display == shown and str(line.content) == text:
        return
    line.update(text)
    line.display = shown


class Box(Vertical):
    """One question of a step: its label, help, answer and error line."""

    DEFAULT_CLASSES = "question"

    def __init__(self, question: Question, value: str, lang: str) -> None:
        super().__init__(id=dom_id(question.ident))
        self.question = question
        self.value = value
        self.lang = lang

    def show_error(self, message: str) -> None:
        _show(self.query_one(".error", Static), message)
        self.set_class(bool(message), "-invalid")

    def focus_field(self) -> None:
        """Put the focus on the answer."""


class QuestionBox(Box):
    """A labelled one-line field, with a read-back for amounts and dates and an error line.

    The read-back is shown inside the field, after the text (see :class:`CleanInput`).
    """

    def __init__(
        self,
        question: Question,
        value: str,
        lang: str,
        optional: bool,
        read_back: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(question, value, lang)
        self.optional = optional
        self.read_back = read_back

    def compose(self) -> ComposeResult:
        q = self.question
        label = translate(self.lang, q.label)
        if self.optional:
            label = f"{label} {translate(self.lang, OPTIONAL)}"
        yield Label(label, classes="label", markup=False)
        if q.help:
            yield Static(translate(self.lang, q.help), classes="help", markup=False)
        placeholder = translate(self.lang, EXAMPLE, example=q.placeholder) if q.placeholder else ""
        yield CleanInput(
            self.value,
            placeholder=placeholder,
            name=q.key,
            select_on_focus=False,
            read_back=self.read_back,
        )
        yield Static("", classes="error", markup=False)

    @property
    def input(self) -> CleanInput:
        return self.query_one(CleanInput)

    def focus_field(self) -> None:
        self.input.focus()


class AnswerButton(RadioButton):
    """A radio button that shows by its shape, not only by its colour, whether it is chosen:
    ● chosen, ○ not (in monochrome and for colour-blind people too)."""

    CHOSEN = "●"
    NOT_CHOSEN = "○"

    def __init__(self, label: str, value: bool = False) -> None:
        super().__init__(label, value)
        self.BUTTON_INNER = self.CHOSEN if value else self.NOT_CHOSEN

    def watch_value(self) -> None:
        super().watch_value()
        self.BUTTON_INNER = self.CHOSEN if self.value else self.NOT_CHOSEN
        self.refresh()


class TickBox(Checkbox):
    """A checkbox that shows by its shape, not only by its colour, whether it is ticked: ✓ ticked,
    empty not (in monochrome and for colour-blind people too)."""

    TICKED = "✓"
    NOT_TICKED = " "

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = self.TICKED if value else self.NOT_TICKED

    def watch_value(self) -> None:
        super().watch_value()
        self.BUTTON_INNER = self.TICKED if self.value else self.NOT_TICKED
        self.refresh()


class AnswerSet(RadioSet):
    """Radio buttons whose keyboard cursor starts on the answer already given.

    Textual's RadioSet starts it on the first button: after Back, Enter or
    Space would silently change the answer.
    """

    def on_mount(self) -> None:
        # Runs before RadioSet's own mount handler, which puts the cursor on the first button.
        self.call_after_refresh(self._cursor_on_answer)

    def _cursor_on_answer(self) -> None:
        for _ in range(max(self.pressed_index, 0)):
            self.action_next_button()


MOST_BUTTONS = 8
"""A question with more choices is a list that opens: radio buttons show every choice at once."""


class ChoiceBox(Box):
    """A question answered by picking one choice: radio buttons, or a list for long ones."""

    def _text(self, label: str, explanation: str) -> str:
        text = translate(self.lang, label)
        return f"{text} – {translate(self.lang, explanation)}" if explanation else text

    def compose(self) -> ComposeResult:
        q = self.question
        yield Label(translate(self.lang, q.label), classes="label", markup=False)
        if q.help:
            yield Static(translate(self.lang, q.help), classes="help", markup=False)
        if len(q.choices) > MOST_BUTTONS:
            options = [(self._text(c.label, c.explanation), c.value) for c in q.choices]
            value: str | NoSelection = self.value if any(c.value == self.value for c in q.choices) else NULL
            # Nothing is chosen for the person: without an answer yet, the list starts blank.
            yield Select(
                options,
                value=value,
                allow_blank=value is NULL,
                prompt=translate(self.lang, N_("Choose…")),
                name=q.key,
            )
        else:
            with AnswerSet(name=q.key):
                for choice in q.choices:
                    yield AnswerButton(translate(self.lang, choice.label), value=choice.value == self.value)
            if any(choice.explanation for choice in q.choices):
                explanation = Static(self._explanation(self.value), classes="help explanation", markup=False)
                explanation.display = bool(self._explanation(self.value))
                yield explanation
        yield Static("", classes="error", markup=False)

    def _explanation(self, value: str) -> str:
        """The chosen answer's explanation (radio labels stay short enough for 80 columns)."""
        for choice in self.question.choices:
            if choice.value == value and choice.explanation:
                return translate(self.lang, choice.explanation)
        return ""

    def explain(self, index: int) -> None:
        for widget in self.query(".explanation").results(Static):
            _show(widget, self._explanation(self.value_of(index)))

    def value_of(self, index: int) -> str:
        return self.question.choices[index].value

    def focus_field(self) -> None:
        for widget in self.query("RadioSet, Select"):
            widget.focus()
            return
