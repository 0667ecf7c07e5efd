"""Saving a file from the app: a dialog with the path, confirmation before replacing a file,
and a message that says where the file went. Every file goes through the shared safe save.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...i18n import N_
from ..app import t
from ..problems import sentence
from ..widgets.inputs import CleanInput

Producer = Callable[[], Any]
"""Makes the file's content when the user saves: bytes, or a writer that takes a stream."""


class Confirm(ModalScreen[bool]):
    """A yes/no question; Escape answers no."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = [Binding("escape", "no", show=False)]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class SaveDialog(ModalScreen[Path | None]):
    """Asks where to save; returns the path written, or None."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, what: str, default: Path, producer: Producer | None = None) -> None:
        super().__init__()
        self.what = what
        self.default = default
        self.producer = producer

    def compose(self) -> ComposeResult:
        titles = {
            "draft": N_("Save the draft"),
            "eml": N_("Save as an email file (.eml) with your files attached"),
            "pdf": N_("Save the letter as PDF, to print"),
            "txt": N_("Save the message as text"),
        }
        with Vertical(classes="dialog"):
            yield Label(t(self, titles[self.what]), classes="label", markup=False)
            yield Static(t(self, N_("File name (the folder must exist):")), markup=False)
            yield CleanInput(str(self.default), id="save-path", select_on_focus=False)
            yield Static("", classes="error", id="save-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t(self, N_("Cancel")), id="cancel")
                yield Button(t(self, N_("Save")), id="save", variant="primary")

    def on_mount(self) -> None:
        field = self.query_one("#save-path", CleanInput)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    @on(CleanInput.Submitted, "#save-path")
    def _save(self) -> None:
        self.ask_and_save()

    @work
    async def ask_and_save(self) -> None:
        text = self.query_one("#save-path", CleanInput).value.strip().strip("'\"")
        if not text:
            return
        path = Path(text).expanduser()
        force = False
        if path.exists() and not path.is_dir():
            # The question on a line of its own: a long path never leaves "?" alone on the last line.
            question = t(self, N_("“{path}” already exists.\nReplace it?"), path=str(path))
            force = await self.app.push_screen_wait(
                Confirm(question, t(self, N_("Replace")), t(self, N_("Keep it")))
            )
            if not force:
                return
        written = self.write(path, force)
        if written is not None:
            self.app.notify(t(self, N_("Saved: {path}"), path=str(written.absolute())), timeout=8)
            self.dismiss(written)

    def write(self, path: Path, force: bool) -> Path | None:
        from ...export.save import SaveError, save

        error_line = self.query_one("#save-error", Static)
        try:
            data = self.producer() if self.producer else self.app.answers.to_toml().encode("utf-8")  # type: ignore[attr-defined]
            return save(data, path, force=force)
        except SaveError as error:
            error_line.update(sentence(t(self, error.message, **error.params)))
        except Exception as error:  # an evidence file vanished, the PDF engine failed…
            error_line.update(t(self, N_("Nothing was saved: {reason}"), reason=str(error)))
        return None
