"""“Was it sent?”: asked after the preview saves, copies or opens a message. Yes keeps it among the
user's requests (the caller's ``record`` does it); Not yet, or Escape, closes the dialog.

The day (today by default, day first as everywhere in the app), the channel (the one the message
went by) and, for a letter, whether it was registered. A day or a channel that does not fit is
said under the dialog's fields, and nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, Select, Static

from ... import caselines
from ...parsing import numeric_date
from ...registry import channel as channel_named
from ..app import t
from ..problems import sentence
from ..widgets.inputs import CleanInput
from ..widgets.questions import TickBox
from .dialog import Dialog


@dataclass(frozen=True)
class Sent:
    """What the user said: sent on ``day``, by ``channel``, registered or not."""

    day: date
    channel: str
    registered: bool


Record = Callable[[Sent], str]
"""Keeps the message as sent and says where (a sentence); raises caselines.NotRecorded."""


class SentDialog(Dialog[str | None]):
    """Asks whether the message was sent; returns what ``record`` said, or None (not yet)."""

    BINDINGS = [Binding("escape", "not_yet", show=False)]

    def __init__(
        self,
        *,
        today: date,
        channel: str,
        channels: Sequence[str],
        registered: bool,
        record: Record,
    ) -> None:
        super().__init__()
        self.today = today
        self.channel = channel if channel in channels else channels[0]
        self.channels = tuple(channels)
        self.registered = registered
        self.record = record

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="sent"):
            yield Label(t(self, caselines.SENT_QUESTION), classes="label", markup=False)
            with Horizontal(classes="row"):
                yield Static(t(self, caselines.SENT_DAY), classes="field-label", markup=False)
                yield CleanInput(numeric_date(self.today), id="sent-day", select_on_focus=False)
            with Horizontal(classes="row"):
                yield Static(t(self, caselines.SENT_CHANNEL), classes="field-label", markup=False)
                yield Select(
                    [(t(self, channel_named(value).label), value) for value in self.channels],
                    value=self.channel,
                    allow_blank=False,
                    id="sent-channel",
                )
            yield TickBox(t(self, caselines.SENT_REGISTERED), self.registered, id="sent-registered")
            yield Static("", classes="error", id="sent-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t(self, caselines.SENT_NOT_YET), id="not-yet")
                yield Button(t(self, caselines.SENT_YES), id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#sent-registered").display = self.channel == "letter"
        self.query_one("#yes", Button).focus()

    @on(Select.Changed, "#sent-channel")
    def _channel(self, event: Select.Changed) -> None:
        self.query_one("#sent-registered").display = event.value == "letter"

    @on(Button.Pressed, "#not-yet")
    def action_not_yet(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#yes")
    @on(CleanInput.Submitted, "#sent-day")
    def _yes(self) -> None:
        lang = self.app.ui_lang
        error = self.query_one("#sent-error", Static)
        chosen = self.query_one("#sent-channel", Select).value
        channel = chosen if isinstance(chosen, str) else self.channel
        registered = channel == "letter" and self.query_one("#sent-registered", Checkbox).value
        try:
            day = caselines.read_sent_day(self.query_one("#sent-day", CleanInput).value, self.today, lang)
            said = self.record(Sent(day, channel, registered))
        except caselines.NotRecorded as problem:
            error.update(sentence(problem.text))
            return
        self.dismiss(said)
