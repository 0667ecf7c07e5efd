"""A file picker: browse the folders with the keyboard or the mouse, Enter picks a file."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Label

from ...i18n import N_
from ..app import t
from .dialog import Dialog


class FilePicker(Dialog[Path | None]):
    """Returns the chosen file, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                t(self, N_("Choose a file (Enter to pick it, Escape to cancel)")),
                classes="label",
                markup=False,
            )
            yield DirectoryTree(self.start, id="picker")
            with Horizontal(classes="buttons"):
                yield Button(t(self, N_("Cancel")), id="cancel")

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(Path(event.path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
