"""The dialogs of My requests: note an answer, close a request, where to turn."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, RadioButton, RadioSet, Static, TextArea

from ... import caselines
from ...caselines import (
    ANSWER_DAY,
    ANSWER_DAY_WRONG,
    ANSWER_FILE,
    ANSWER_FILE_EXAMPLE,
    ANSWER_NOTE,
    ANSWER_NOTED,
    ANSWER_TITLE,
    CANCEL,
    CLOSE_AS,
    CLOSE_BUTTON,
    CLOSE_NOTE,
    CLOSE_TITLE,
    CLOSED_AS,
    FILE_TOO_BIG,
    NOT_A_FILE,
    NOTE_NEEDED,
    NOTE_TOO_LONG,
    SAVE_NOTE,
    UNREADABLE,
    WHERE_TO_TURN,
)
from ...i18n import N_
from ...parsing import numeric_date
from ..app import t
from ..problems import sentence
from ..widgets.inputs import CleanInput
from .dialog import Dialog

if TYPE_CHECKING:
    from ...cases import Case
    from ...store import Store

CLOSE = N_("Close")


class AnswerDialog(Dialog[str | None]):
    """The day an answer came, what it says and its file; kept with the case."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, store: Store, case: Case, today: date) -> None:
        super().__init__()
        self.store, self.case, self.today = store, case, today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="answer"):
            yield Label(t(self, ANSWER_TITLE, ref=self.case.ref), classes="label", markup=False)
            with Horizontal(classes="row"):
                yield Static(t(self, ANSWER_DAY), classes="field-label", markup=False)
                yield CleanInput(numeric_date(self.today), id="answer-day", select_on_focus=False)
            yield Static(t(self, ANSWER_NOTE), markup=False)
            yield TextArea("", id="answer-note", soft_wrap=True)
            yield Static(t(self, ANSWER_FILE), markup=False)
            yield CleanInput("", placeholder=t(self, ANSWER_FILE_EXAMPLE), id="answer-file")
            yield Static("", classes="error", id="answer-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t(self, CANCEL), id="cancel")
                yield Button(t(self, SAVE_NOTE), id="note", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#answer-error").display = False
        self.query_one("#answer-note", TextArea).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _problem(self, text: str) -> None:
        error = self.query_one("#answer-error", Static)
        error.update(sentence(text))
        error.display = True

    @on(Button.Pressed, "#note")
    def _note(self) -> None:
        from ...cases import ANSWER_FILE_LIMIT, NOTE_LIMIT
        from ...checks import human_size
        from ...errors import escaped
        from ...store import StoreError

        lang = self.app.ui_lang
        try:
            day = caselines.read_sent_day(
                self.query_one("#answer-day", CleanInput).value, self.today, lang, ANSWER_DAY_WRONG
            )
        except caselines.NotRecorded as problem:
            self._problem(problem.text)
            return
        note = self.query_one("#answer-note", TextArea).text.strip()
        if len(note) > NOTE_LIMIT:
            self._problem(t(self, NOTE_TOO_LONG, count=len(note), limit=NOTE_LIMIT))
            return
        typed = self.query_one("#answer-file", CleanInput).value.strip().strip("'\"")
        name: str | None = None
        data: bytes | None = None
        if typed:
            path = Path(typed).expanduser()
            shown = escaped(typed)[:200]
            if not path.is_file():
                self._problem(t(self, NOT_A_FILE, path=shown))
                return
            size = path.stat().st_size
            if size > ANSWER_FILE_LIMIT:
                self._problem(
                    t(
                        self,
                        FILE_TOO_BIG,
                        path=shown,
                        size=human_size(size),
                        limit=human_size(ANSWER_FILE_LIMIT),
                    )
                )
                return
            try:
                data = path.read_bytes()
            except OSError as error:
                self._problem(t(self, UNREADABLE, path=shown, reason=escaped(error.strerror or str(error))))
                return
            name = path.name
        if not note and data is None:
            self._problem(t(self, NOTE_NEEDED))
            return
        try:
            self.store.add_answer(self.case.id, day, note, name, data)
        except StoreError as error:
            self._problem(error.text(lang))
            return
        self.dismiss(t(self, ANSWER_NOTED, ref=self.case.ref))


class CloseDialog(Dialog[str | None]):
    """Close a request as answered, solved or refused, with a note; returns the state chosen."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, store: Store, case: Case, today: date) -> None:
        super().__init__()
        self.store, self.case, self.today = store, case, today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="close-case"):
            yield Label(t(self, CLOSE_TITLE, ref=self.case.ref), classes="label", markup=False)
            with RadioSet(id="close-as"):
                for index, label in enumerate(CLOSE_AS.values()):
                    yield RadioButton(t(self, label), value=index == 0)
            yield Static(t(self, CLOSE_NOTE), markup=False)
            yield CleanInput("", id="close-note")
            yield Static("", classes="error", id="close-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t(self, CANCEL), id="cancel")
                yield Button(t(self, CLOSE_BUTTON), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close-as", RadioSet).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    @on(CleanInput.Submitted, "#close-note")
    def _close(self) -> None:
        from ...cases import NOTE_LIMIT, STATE_LABELS
        from ...store import StoreError

        index = max(self.query_one("#close-as", RadioSet).pressed_index, 0)
        state = list(CLOSE_AS)[index]
        note = self.query_one("#close-note", CleanInput).value.strip()
        error = self.query_one("#close-error", Static)
        if len(note) > NOTE_LIMIT:
            error.update(sentence(t(self, NOTE_TOO_LONG, count=len(note), limit=NOTE_LIMIT)))
            return
        try:
            self.store.close_case(self.case.id, state, self.today, note)
        except StoreError as problem:
            error.update(sentence(problem.text(self.app.ui_lang)))
            return
        self.app.notify(t(self, CLOSED_AS, ref=self.case.ref, state=t(self, STATE_LABELS[state])))
        self.dismiss(state)


class EscalationDialog(Dialog[None]):
    """Where to turn when Alma refuses or does not answer: facts, with their sources."""

    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self, request: str | None = None) -> None:
        super().__init__()
        self.request = request

    def compose(self) -> ComposeResult:
        from ...escalation import escalation_text

        with Vertical(classes="dialog", id="escalation"):
            with VerticalScroll(id="escalation-text"):
                yield Label(t(self, WHERE_TO_TURN), classes="label", markup=False)
                yield Static(escalation_text(self.app.ui_lang, self.request), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t(self, CLOSE), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
