"""The command palette's own entries, in the interface language.

Textual's :meth:`App.get_system_commands` and its palette speak English; these
give the same commands, with the same actions, through the app's catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import CommandPalette

from ..i18n import N_, translate

if TYPE_CHECKING:
    from textual.screen import Screen

    from .app import AlmaContactApp

SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")


def _t(app: AlmaContactApp, message: str) -> str:
    return translate(app.ui_lang, message)


def system_commands(app: AlmaContactApp, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Textual's system commands (theme, quit, keys, maximize, screenshot), translated.

    Quit calls the app's ``action_quit``, whatever the app makes of it.
    """
    yield SystemCommand(
        _t(app, N_("Theme")), _t(app, N_("Change the colours of the app")), lambda: themes(app)
    )
    yield SystemCommand(_t(app, N_("Quit")), _t(app, N_("Close alma-contact")), app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand(
            _t(app, N_("Keys")), _t(app, N_("Hide the panel of keys")), app.action_hide_help_panel
        )
    else:
        yield SystemCommand(
            _t(app, N_("Keys")),
            _t(app, N_("Show the keys you can use here, and help on the field you are in")),
            app.action_show_help_panel,
        )
    if screen.maximized is not None:
        yield SystemCommand(
            _t(app, N_("Minimize")),
            _t(app, N_("Give the enlarged part its usual size")),
            screen.action_minimize,
        )
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(
            _t(app, N_("Maximize")),
            _t(app, N_("Enlarge the part you are in to the whole window")),
            screen.action_maximize,
        )
    yield SystemCommand(
        _t(app, N_("Screenshot")),
        _t(app, N_("Save a picture of the screen as an SVG file")),
        lambda: app.set_timer(0.1, app.deliver_screenshot),
    )


def open_palette(app: AlmaContactApp) -> None:
    """The command palette, its search field prompting in the interface language."""
    if app.use_command_palette and not isinstance(app.screen, CommandPalette):
        app.push_screen(CommandPalette(id="--command-palette", placeholder=_t(app, SEARCH_COMMANDS)))


def themes(app: AlmaContactApp) -> None:
    """The palette of colour themes, its search field prompting in the interface language."""
    from textual.theme import ThemeProvider

    app.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_t(app, SEARCH_THEMES)))
