"""The first screen: start a new request, go on with a draft of the store or open a draft file,
and pick the interface language."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from ...i18n import N_, UI_LANGUAGES
from ..app import LANGUAGE_NAMES
from ..widgets.inputs import CleanInput
from ..widgets.questions import AnswerButton
from .base import BaseScreen

if TYPE_CHECKING:
    from ...store import Listed

SHOWN_DRAFTS = 8
"""The drafts the first screen offers to go on with; the command line lists them all."""

WELCOME = N_(
    "This program helps you write to Alma's customer service about a payment: "
    "a refused payment, a cancellation, a refund, your instalments. It asks for the facts Alma needs, "
    "checks them, and writes an email, a letter or the text for Alma's online form, in French, Dutch or German."
)


class StartScreen(BaseScreen):
    """New request, open a draft, interface language."""

    AUTO_FOCUS = "#new"
    """Focused as the screen appears: focusing it later, on mount, styles the screen twice."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(self.t(N_("Write to Alma's customer service")), classes="title", markup=False)
            yield Static(self.t(WELCOME), classes="intro", markup=False)
            yield Button(self.t(N_("New request")), id="new", variant="primary")
            yield from self._requests()
            drafts = self.app.keeper.listed()
            if drafts:
                yield Label(
                    self.t(N_("Or go on with a draft you started (the last changed first):")),
                    classes="label",
                    markup=False,
                )
                yield OptionList(
                    *(Option(Content(self._line(d)), id=f"draft-{d.id}") for d in drafts[:SHOWN_DRAFTS]),
                    id="drafts",
                )
                if len(drafts) > SHOWN_DRAFTS:
                    more = N_("{count} more: alma-contact drafts list shows them all.")
                    yield Static(self.t(more, count=len(drafts) - SHOWN_DRAFTS), markup=False)
            yield Label(self.t(N_("Or open a draft file you saved before:")), classes="label", markup=False)
            with Horizontal(classes="row"):
                yield CleanInput(
                    placeholder=self.t(N_("path of the draft, for example alma-draft.toml")), id="path"
                )
                yield Button(self.t(N_("Open")), id="open")
            yield Label(self.t(N_("Language of this program")), classes="label", markup=False)
            with RadioSet(id="ui-lang"):
                for code in UI_LANGUAGES:
                    yield AnswerButton(LANGUAGE_NAMES[code], value=code == self.app.ui_lang)
        yield Footer(compact=True)

    def _requests(self) -> ComposeResult:
        """My requests, when one was sent; and a line when one needs something today."""
        cases = self.app.cases()
        if not cases:
            return
        from ...caselines import MY_REQUESTS, action_today, needing_action

        due = action_today(len(needing_action(cases, self.app.day())), self.app.ui_lang)
        if due:
            yield Static(due, id="due", classes="warning", markup=False)
        yield Button(f"{self.t(MY_REQUESTS)} ({len(cases)})", id="my-requests")

    @on(Button.Pressed, "#my-requests")
    def _my_requests(self) -> None:
        self.app.action_my_requests()

    def _line(self, draft: Listed) -> str:
        """A draft as the list shows it: who, what about, the amount, when it was last changed."""
        from ...errors import escaped
        from ...registry import REQUESTS

        kind = REQUESTS.get(draft.request)
        parts = (
            escaped(draft.name) if draft.name else self.t(N_("(no name yet)")),
            self.t(kind.label) if kind else self.t(N_("(no request chosen yet)")),
            escaped(draft.amount) if draft.amount else self.t(N_("(no amount yet)")),
            draft.when,
        )
        return " · ".join(parts)

    @on(OptionList.OptionSelected, "#drafts")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        draft_id = int(str(event.option.id).removeprefix("draft-"))
        self.app.unless_unsaved("open", lambda: self.app.resume(draft_id))

    def on_mount(self) -> None:
        self.sub_title = self.t(N_("Welcome"))

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.app.action_new_request()

    @on(Button.Pressed, "#open")
    @on(CleanInput.Submitted, "#path")
    def _open(self) -> None:
        text = self.query_one("#path", CleanInput).value.strip().strip("'\"")
        if not text:
            self.notify(self.t(N_("Type the path of a draft file first.")), severity="warning")
            return
        try:
            path = Path(text).expanduser()
        except RuntimeError:  # "~nosuchuser/…": opening it says there is no such file
            path = Path(text)
        self.app.unless_unsaved("open", lambda: self.app.open_draft(path))

    @on(RadioSet.Changed, "#ui-lang")
    def _language(self, event: RadioSet.Changed) -> None:
        self.app.set_language(UI_LANGUAGES[event.index])
