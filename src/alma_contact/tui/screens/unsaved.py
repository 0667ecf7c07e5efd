"""The question asked before answers that are not saved would be lost: quitting, starting a
new request, opening another draft.

Three answers: save the draft first, go on without saving, or stay. Escape stays. No letter
is a shortcut, and the focus starts on "Save the draft": keys that arrive unasked (a paste
that the terminal turned into key presses) cannot throw the answers away.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from ...i18n import N_
from ..app import t
from .dialog import Dialog

Purpose = Literal["quit", "new", "open"]
Choice = Literal["save", "discard", "stay"]

QUESTIONS: dict[Purpose, str] = {
    "quit": N_("Your answers have changed since they were last saved. Save the draft before you quit?"),
    "new": N_(
        "Your answers have changed since they were last saved. Save the draft before you start a new request?"
    ),
    "open": N_(
        "Your answers have changed since they were last saved. Save the draft before you open another one?"
    ),
}
DISCARD: dict[Purpose, str] = {
    "quit": N_("Quit without saving"),
    "new": N_("Start over without saving"),
    "open": N_("Open without saving"),
}


class UnsavedDialog(Dialog[Choice]):
    """Save, go on without saving, or stay; returns ``"save"``, ``"discard"`` or ``"stay"``."""

    BINDINGS = [
        Binding("escape", "stay", show=False),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    def __init__(self, purpose: Purpose) -> None:
        super().__init__()
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unsaved"):
            yield Static(t(self, QUESTIONS[self.purpose]), markup=False)
            with Vertical(classes="choices"):  # one under the other: long labels fit in every language
                yield Button(t(self, N_("Save the draft")), id="save", variant="primary")
                yield Button(t(self, DISCARD[self.purpose]), id="discard", variant="warning")
                yield Button(t(self, N_("Stay")), id="stay")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss("save")

    @on(Button.Pressed, "#discard")
    def _discard(self) -> None:
        self.dismiss("discard")

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self.dismiss("stay")
