"""What every screen of the app shares: translated key bindings, header, footer, Back and Next.

Key bindings use function keys, Escape and Ctrl+letter only, so that they work
the same on AZERTY, Belgian and QWERTY keyboards.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static

from ...i18n import N_
from ..app import ORDER, t
from ..widgets.too_small import FittedScreen

Key = tuple[str, str, str]

GLOBAL_KEYS: tuple[Key, ...] = (
    ("f1", "app.help", N_("Help")),
    ("f2", "app.switch_language", N_("Language")),
    ("ctrl+s", "app.save_draft", N_("Save")),
    ("ctrl+q", "app.quit", N_("Quit")),
    ("ctrl+p", "app.command_palette", N_("Commands")),
)

HIDDEN_ACTIONS = frozenset({"app.quit", "app.command_palette"})
"""Keys left out of the footer to keep it on one line at 80 columns (F1 help lists them); the
footer shows the palette's key at its right end, with this description."""
PRIORITY_ACTIONS = frozenset({"next", "app.command_palette"})
"""Keys acted on as soon as the app reads them, before the keys typed after them reach a field:
what is typed after Ctrl+N never lands in the step being left. (Escape stays with the focused
widget first: it closes an open list before it goes back a step.)"""

STEP_TITLES = {
    "start": N_("Welcome"),
    "request": N_("Your request"),
    "you": N_("About you"),
    "transaction": N_("The payment"),
    "description": N_("What happened"),
    "evidence": N_("Your evidence"),
    "review": N_("Check"),
    "preview": N_("Preview and send"),
}


class BaseScreen(FittedScreen):
    """A screen whose key descriptions are in the interface language (and that says when the
    window is too small for it)."""

    KEYS: ClassVar[tuple[Key, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        for key, action, description in (*self.KEYS, *GLOBAL_KEYS):
            shown = action not in HIDDEN_ACTIONS
            priority = action in PRIORITY_ACTIONS
            self._bindings.bind(key, action, t(self.app, description), show=shown, priority=priority)

    def t(self, message: str, **params: object) -> str:
        return t(self.app, message, **params)


class StepScreen(BaseScreen):
    """A step of the journey: progress line, content, Back and Next."""

    CSS_PATH = Path(__file__).with_name("steps.tcss")  # absolute: Textual would look beside the main script

    STEP_ID: ClassVar[str] = ""
    KEYS: ClassVar[tuple[Key, ...]] = (
        ("escape", "back", N_("Back")),
        ("ctrl+n", "next", N_("Next")),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        number = ORDER.index(self.step_id)
        yield Static(
            self.t(
                N_("Step {number} of {total}: {title}"),
                number=number,
                total=len(ORDER) - 1,
                title=self.t(STEP_TITLES[self.step_id]),
            ),
            id="progress",
            markup=False,
        )
        with VerticalScroll(id="body"):
            yield from self.compose_body()
        with Horizontal(id="nav"):
            yield Button(self.t(N_("Back")), id="back")
            yield Button(self.t(N_("Next")), id="next", variant="primary")
        yield Footer(compact=True)

    @property
    def step_id(self) -> str:
        return self.STEP_ID

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = self.t(STEP_TITLES[self.step_id])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            event.stop()
            self.action_next()
        elif event.button.id == "back":
            event.stop()
            self.action_back()

    def ready_to_leave(self) -> bool:
        """Check this step's answers; show errors and refuse when something is wrong."""
        return True

    def action_next(self) -> None:
        if self.ready_to_leave():
            self.app.next_step()  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.previous_step()  # type: ignore[attr-defined]
