"""My requests: every request sent, its state and its next step in words; on the one selected,
write the next message, export the case file, note an answer, close it, or see where to turn.

Pushed over the screen it was opened from; Escape goes back to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ... import caselines
from ...formats import interface_day
from ...i18n import N_
from .base import BaseScreen, in_language

if TYPE_CHECKING:
    from ...cases import Case
    from ...store import Store

MESSAGE_LINE = N_("{day}: {kind}, {channel}")
ANSWER_LINE = N_("{day}: answer noted: {note}")
CLOSE_LINE = N_("{day}: closed ({state}): {note}")
NEXT_LINE = N_("Next: {step}")
CASE_FILE = "case"
NOTE_SHOWN = 120
"""The characters of a note the list shows; the case file has it whole."""


class CasesScreen(BaseScreen):
    """The user's requests, the last opened first."""

    CSS_PATH = Path(__file__).with_name("cases.tcss")
    KEYS: ClassVar[tuple[Binding, ...]] = (
        Binding("escape", "back", N_("Back"), show=False),  # out of the footer: F1 help says it
        Binding("f3", "write", N_("Write")),
        Binding("f4", "export", N_("Case PDF")),
        Binding("f5", "answer", N_("Answer")),
        Binding("f6", "close_case", N_("Close")),
        Binding("f7", "escalation", N_("Escalate")),
    )
    UNSHOWN = frozenset({"ctrl+s", "f2"})

    def __init__(self, selected: int | None = None) -> None:
        super().__init__()
        self.selected = selected
        self.lines: list[caselines.CaseLine] = []

    # --- what is shown ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(self.t(caselines.MY_REQUESTS), classes="title", markup=False)
            yield Static(self.t(caselines.NO_REQUESTS), id="no-cases", markup=False)
            yield OptionList(id="cases")
            yield Static("", id="case-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.t(caselines.MY_REQUESTS)
        self.refill()

    def on_screen_resume(self) -> None:
        self.refill()

    def again(self) -> CasesScreen:
        return in_language(CasesScreen, self.app.ui_lang)(self.selected)

    @property
    def today(self) -> date:
        return self.app.day()

    def refill(self) -> None:
        """Read the cases again from the store and show them, the selected one kept."""
        lang = self.app.ui_lang
        self.lines = [caselines.case_line(case, self.today, lang) for case in self.app.cases()]
        cases = self.query_one("#cases", OptionList)
        cases.clear_options()
        for line in self.lines:
            text = f"{line.line()}\n  → {line.next_step}"
            cases.add_option(Option(Content(text), id=f"case-{line.case.id}"))
        self.query_one("#no-cases").display = not self.lines
        cases.display = bool(self.lines)
        if self.lines:
            ids = [line.case.id for line in self.lines]
            cases.highlighted = ids.index(self.selected) if self.selected in ids else 0
            cases.focus()
        self._detail()

    def current(self) -> caselines.CaseLine | None:
        for line in self.lines:
            if line.case.id == self.selected:
                return line
        return None

    @on(OptionList.OptionHighlighted, "#cases")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.selected = int(str(event.option.id).removeprefix("case-"))
        self._detail()

    @on(OptionList.OptionSelected, "#cases")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.selected = int(str(event.option.id).removeprefix("case-"))
        self.action_write()

    def _detail(self) -> None:
        """What was sent and received in the selected case, in date order, and what comes next."""
        from ...cases import KIND_LABELS, STATE_LABELS
        from ...errors import escaped

        detail = self.query_one("#case-detail", Static)
        line = self.current()
        self.refresh_bindings()
        if line is None:
            detail.update("")
            return
        case, lang = line.case, self.app.ui_lang
        dated: list[tuple[date, str]] = []
        for message in case.messages:
            text = self.t(
                MESSAGE_LINE,
                day=interface_day(message.day, lang),
                kind=self.t(KIND_LABELS.get(message.kind, message.kind)),
                channel=caselines.sent_by(message.channel, message.registered, lang),
            )
            dated.append((message.day, text))
        for answer in case.answers:
            note = escaped(" ".join(answer.note.split()))[:NOTE_SHOWN] or (answer.file_name or "")
            dated.append((answer.day, self.t(ANSWER_LINE, day=interface_day(answer.day, lang), note=note)))
        if case.closed is not None and not case.is_open:
            note = escaped(" ".join(case.close_note.split()))[:NOTE_SHOWN]
            state = self.t(STATE_LABELS.get(case.state, case.state))
            text = self.t(CLOSE_LINE, day=interface_day(case.closed, lang), state=state, note=note)
            dated.append((case.closed, text.rstrip(": ")))
        dated.sort(key=lambda item: item[0])
        lines = [text for _, text in dated]
        lines.append(self.t(NEXT_LINE, step=line.next_step))
        detail.update("\n".join(lines))

    # --- keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        line = self.current()
        if action in ("write", "export", "answer", "close_case", "escalation") and line is None:
            return False
        if line is None:
            return True
        if action == "write":
            return line.case.is_open and caselines.follow_up_kind(line.step) is not None
        if action == "close_case":
            return line.case.is_open
        if action == "escalation":
            return caselines.shows_escalation(line.case, line.step)
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def _store(self) -> Store | None:
        return self.app.keeper.store()

    def action_write(self) -> None:
        """The next message of the selected case, on the usual preview (a screen of its own)."""
        from .follow_up import FollowUpPreview

        line = self.current()
        if line is None or not line.case.is_open:
            return
        kind = caselines.follow_up_kind(line.step)
        if kind is None:
            return
        screen = in_language(FollowUpPreview, self.app.ui_lang)(line.case, kind)
        self.app.push_screen(screen)

    def action_export(self) -> None:
        """The case file as a PDF, saved as every file of the app (never over a file without asking)."""
        from .save import SaveDialog

        line = self.current()
        if line is None:
            return
        case, today, lang = line.case, self.today, self.app.ui_lang
        store = self._store()

        def produce() -> bytes:
            from ...casefile import case_pdf

            return case_pdf(case, case_language(case, lang), today=today)

        default = Path.cwd() / f"alma-case-{case.id}-{today.isoformat()}.pdf"
        if store is not None:
            self.app.push_screen(SaveDialog(CASE_FILE, default, produce))

    def action_answer(self) -> None:
        from .case_dialogs import AnswerDialog

        line = self.current()
        store = self._store()
        if line is None or store is None:
            return
        self.app.push_screen(AnswerDialog(store, line.case, self.today), callback=self._said)

    def action_close_case(self) -> None:
        from .case_dialogs import CloseDialog

        line = self.current()
        store = self._store()
        if line is None or store is None:
            return

        def closed(state: str | None) -> None:
            self.refill()
            if state == "refused":
                self.action_escalation()

        self.app.push_screen(CloseDialog(store, line.case, self.today), callback=closed)

    def action_escalation(self) -> None:
        from ...escalation import request_key
        from .case_dialogs import EscalationDialog

        line = self.current()
        request = request_key(line.case.document) if line is not None else None
        self.app.push_screen(EscalationDialog(request))

    def _said(self, said: str | None) -> None:
        self.refill()
        if said:
            self.notify(said)


def case_language(case: Case, ui_lang: str) -> str:
    """The case file's language: the interface's when messages can be written in it, else the
    language the request was sent in."""
    from ...languages import LANGUAGES

    return ui_lang if ui_lang in LANGUAGES else case.first.language
