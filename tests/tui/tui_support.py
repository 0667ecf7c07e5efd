"""Helpers for driving the app the way a person does: keys, clicks, reading the screen.

Each helper checks where the focus is before it types, so a test also proves
that Tab leads from one question to the next in the order of the steps.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioSet, Select, Static

from alma_contact.steps import STEPS, Question
from alma_contact.tui.app import AlmaContactApp
from alma_contact.tui.widgets.inputs import CleanInput
from alma_contact.tui.widgets.questions import dom_id

TODAY = date(2026, 11, 26)
"""The day every test of the app runs on."""

SIZE = (80, 24)
"""The smallest terminal the app is made for."""


def make_app(
    lang: str = "fr", draft_path: Path | None = None, draft_ref: int | None = None
) -> AlmaContactApp:
    """The app as tests see it: a fixed day, and no cursor blinking anywhere."""
    return AlmaContactApp(ui_lang=lang, draft_path=draft_path, draft_ref=draft_ref, today=TODAY, blink=False)


def record_notifications(app: AlmaContactApp) -> list[tuple[str, str]]:
    """Every notification the app shows from now on, as (message, severity)."""
    shown: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append((str(message), str(kwargs.get("severity", "information"))))
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return shown


def plain(text: str) -> str:
    """Text with the no-break spaces of French number formats as ordinary spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def screen_text(app: AlmaContactApp) -> str:
    """What the terminal shows right now, as plain text lines."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, force_terminal=True, legacy_windows=False
    )
    # The compositor holds exactly what was last drawn, dialogs and notifications included.
    console.print(app.screen._compositor.render_update(full=True))
    return plain(console.export_text())


def shown(widget: Static) -> str:
    """The text a Static or Label shows ("" when it is hidden)."""
    return plain(str(widget.render())) if widget.display else ""


def question(key: str) -> Question:
    for step in STEPS:
        for candidate in step.questions:
            if candidate.key == key:
                return candidate
    raise KeyError(key)


def field(app: AlmaContactApp, key: str) -> Input:
    """The text field of a question on the current screen."""
    for widget in app.screen.query(Input):
        if widget.name == key:
            return widget
    raise LookupError(f"no field {key} on {app.current}")


def error_line(app: AlmaContactApp, key: str) -> Static:
    """The line under a question where its error appears."""
    return app.screen.query_one(f"#{dom_id(key)}").query_one(".error", Static)


def readback(app: AlmaContactApp, key: str) -> str:
    """How an amount or a date was read, as its field shows it after the text."""
    widget = field(app, key)
    assert isinstance(widget, CleanInput)
    return plain(widget.read_back)


def assert_focus(app: AlmaContactApp, key: str) -> None:
    focused = app.focused
    assert focused is not None and getattr(focused, "name", None) == key, (
        f"the focus is on {focused!r}, not on the question {key} ({app.current} screen)"
    )


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key, as fast as a person who types without looking.

    Each character goes through the app's own key handling (bindings, then the
    focused widget), exactly like ``pilot.press``; only the wait after every key
    is left out (``pilot.press`` waits about 50 ms per key, which makes long
    texts slow), and the app settles once at the end.
    """
    app = pilot.app
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()


async def fill(pilot: Pilot[Any], key: str, text: str, *, leave: bool = True) -> None:
    """Type into the focused field, which must be the question ``key``; then Tab out of it."""
    app: AlmaContactApp = pilot.app  # type: ignore[assignment]
    assert_focus(app, key)
    await type_text(pilot, text)
    if leave:
        await pilot.press("tab")


async def choose(pilot: Pilot[Any], key: str, value: str) -> None:
    """Pick an answer of the focused choice with the arrow keys and Enter; then Tab on."""
    app: AlmaContactApp = pilot.app  # type: ignore[assignment]
    assert_focus(app, key)
    index = [choice.value for choice in question(key).choices].index(value)
    widget = app.focused
    if isinstance(widget, RadioSet):
        start = max(widget.pressed_index, 0)
        moves = ["down"] * (index - start) if index >= start else ["up"] * (start - index)
        await pilot.press(*moves, "enter")
    else:
        assert isinstance(widget, Select)
        values = [choice.value for choice in question(key).choices]
        start = values.index(widget.value) if widget.value in values else 0
        await pilot.press("enter")  # opens the list on the current answer
        moves = ["down"] * (index - start) if index >= start else ["up"] * (start - index)
        await pilot.press(*moves, "enter")
    await pilot.pause()
    assert app.answers.get(key) == value
    await pilot.press("tab")


async def go_next(pilot: Pilot[Any], expect: str, *, click: bool = False) -> None:
    """Ctrl+N (or a click on Next); the app must then show the step ``expect``."""
    if click:
        await pilot.click("#next")
    else:
        await pilot.press("ctrl+n")
    await pilot.pause()
    app: AlmaContactApp = pilot.app  # type: ignore[assignment]
    assert app.current == expect, f"still on {app.current}, expected {expect}"


async def go_back(pilot: Pilot[Any], expect: str) -> None:
    await pilot.press("escape")
    await pilot.pause()
    app: AlmaContactApp = pilot.app  # type: ignore[assignment]
    assert app.current == expect, f"on {app.current}, expected {expect}"


async def pick_action(pilot: Pilot[Any], option_id: str) -> None:
    """Move to an action of the preview's list with the arrow keys and press Enter."""
    actions = pilot.app.screen.query_one("#actions", OptionList)
    assert pilot.app.focused is actions
    index = actions.get_option_index(option_id)
    if actions.highlighted is None:
        await pilot.press("home")
        start = 0
    else:
        start = actions.highlighted
    moves = ["down"] * (index - start) if index >= start else ["up"] * (start - index)
    await pilot.press(*moves, "enter")
    await pilot.pause()


async def save_as(pilot: Pilot[Any], path: Path) -> None:
    """In the open save dialog: clear the proposed name, type ``path`` and click Save."""
    field_ = pilot.app.screen.query_one("#save-path", Input)
    assert pilot.app.focused is field_
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, str(path))
    await pilot.click("#save")
    await settle(pilot)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app's background work (saving, copying) is done and drawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def not_yet(pilot: Pilot[Any], channel: str) -> None:
    """“Was it sent?” is asked, with ``channel`` proposed: answer Not yet (Escape)."""
    app = pilot.app
    assert type(app.screen).__name__ == "SentDialog", type(app.screen).__name__
    assert app.screen.query_one("#sent-channel", Select).value == channel
    await pilot.press("escape")
    await pilot.pause()
