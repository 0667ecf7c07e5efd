"""What every screen of the app shares: key bindings in the interface language, header, footer,
Back and Next.

Key bindings use function keys, Escape and Ctrl+letter only, so that they work
the same on AZERTY, Belgian and QWERTY keyboards.

Textual reads a screen's key bindings, with the descriptions that the footer and
the key panel show, from the screen's class (``BINDINGS``). A screen writes its keys
once, described in English (``KEYS``: the descriptions are the catalogue's msgids);
:func:`in_language` makes, once for each screen and interface language, the
subclass whose ``BINDINGS`` describe them in that language. The app builds every
screen of the journey that way (``AlmaContactApp.make_screen``); F2 builds the
current one again in the next language.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar, TypeVar, cast

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static

from ...i18n import N_, translate
from ...steps import STEPS
from ..app import ORDER, AlmaContactApp, t
from ..widgets.too_small import FittedScreen

GLOBAL_KEYS: tuple[Binding, ...] = (
    Binding("f1", "app.help", N_("Help")),
    Binding("f2", "app.switch_language", N_("Language")),
    Binding("ctrl+s", "app.save_draft", N_("Save")),
    # Out of the footer, to keep it on one line at 80 columns (F1 help lists it).
    Binding("ctrl+q", "app.quit", N_("Quit"), show=False),
    # The footer shows the palette's key at its right end, with this description. A priority
    # key (see StepScreen.KEYS): the keys typed after it go to the palette's search field.
    Binding("ctrl+p", "app.command_palette", N_("Commands"), show=False, priority=True),
)
"""The keys of every screen, after its own."""

STEP_TITLES = {
    "start": N_("Welcome"),
    **{step.id: step.title for step in STEPS},
    "review": N_("Check"),
    "preview": N_("Preview and send"),
}
"""The title of each screen of the journey: the app's own, and the steps' (steps.py)."""


class BaseScreen(FittedScreen):
    """A screen of the app whose keys are described in the interface language (made by
    :func:`in_language`), and that says when the window is too small for it."""

    KEYS: ClassVar[tuple[Binding, ...]] = ()
    """The screen's own keys, described in English; the global keys follow them."""
    UNSHOWN: ClassVar[frozenset[str]] = frozenset()
    """Global keys that work here but that the footer leaves out (to keep it on one line)."""

    app = getters.app(AlmaContactApp)
    """The app, with its own attributes known to the type checker (checked when read)."""

    def t(self, message: str, **params: object) -> str:
        return t(self.app, message, **params)

    def again(self) -> BaseScreen | None:
        """This screen made again in the interface language, for a screen pushed over the journey
        (My requests); None for a step of the journey, which the app makes again itself."""
        return None


ScreenT = TypeVar("ScreenT", bound=BaseScreen)
_MADE: dict[tuple[type[BaseScreen], str], type[BaseScreen]] = {}


def in_language(screen: type[ScreenT], lang: str) -> type[ScreenT]:
    """``screen`` with its keys and the global keys described in ``lang``: a subclass of it,
    of the same name, made the first time it is asked for."""
    made = _MADE.get((screen, lang))
    if made is None:
        bindings = [
            replace(key, description=translate(lang, key.description)) for key in (*screen.KEYS, *GLOBAL_KEYS)
        ]
        bindings = [replace(key, show=False) if key.key in screen.UNSHOWN else key for key in bindings]
        namespace = {"BINDINGS": bindings, "__module__": screen.__module__, "__doc__": screen.__doc__}
        made = _MADE[screen, lang] = type(screen.__name__, (screen,), namespace)
        made.__qualname__ = screen.__qualname__
    return cast("type[ScreenT]", made)


class StepScreen(BaseScreen):
    """A step of the journey: progress line, content, Back and Next."""

    CSS_PATH = Path(__file__).with_name("steps.tcss")  # absolute: Textual would look beside the main script

    STEP_ID: ClassVar[str] = ""
    KEYS: ClassVar[tuple[Binding, ...]] = (
        # Escape stays with the focused widget first: it closes an open list before it goes back.
        Binding("escape", "back", N_("Back")),
        # A priority key: acted on as soon as the app reads it, before the keys typed after it
        # reach a field, so that what is typed after Ctrl+N never lands in the step being left.
        Binding("ctrl+n", "next", N_("Next"), priority=True),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.progress_text(), id="progress", markup=False)
        with VerticalScroll(id="body"):
            yield from self.compose_body()
        with Horizontal(id="nav"):
            yield Button(self.t(N_("Back")), id="back")
            yield Button(self.t(N_("Next")), id="next", variant="primary")
        yield Footer(compact=True)

    @property
    def step_id(self) -> str:
        return self.STEP_ID

    def progress_text(self) -> str:
        """The line above the step: where it is in the journey."""
        return self.t(
            N_("Step {number} of {total}: {title}"),
            number=ORDER.index(self.step_id),
            total=len(ORDER) - 1,
            title=self.t(STEP_TITLES[self.step_id]),
        )

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
            self.app.next_step()

    def action_back(self) -> None:
        self.app.previous_step()
