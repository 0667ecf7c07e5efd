"""Saving a file from the app: a dialog with the path, confirmation before replacing a file,
and a message that says where the file went. Every file goes through the shared safe save.

The file is made and written in a thread: the screen stays responsive while a large .eml
streams its attachments, a bar shows how far it got, and Escape stops it (nothing is left).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeAlias, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, ProgressBar, Static

from ...i18n import N_
from ..app import t
from ..problems import sentence
from ..widgets.inputs import CleanInput
from .dialog import Dialog

if TYPE_CHECKING:
    from textual.timer import Timer

    from ...export.save import Writer

Content: TypeAlias = "bytes | Writer"
"""A file's content: its bytes, or a writer that writes them to a stream."""
Producer: TypeAlias = Callable[[], Content]
"""Makes the file's content when the user saves."""

PROGRESS_FROM = 4 * 1024 * 1024
"""Files expected to be larger than this show a progress bar while they are written."""
PROGRESS_EVERY = 0.2
"""Seconds between two updates of the bar."""


class SaveStopped(Exception):
    """The user stopped a save under way."""


class _Counted:
    """A stream that counts the bytes written through it and stops the writer when asked (the
    safe save then removes its temporary file). The screen reads ``count`` on a timer: the
    writing thread never waits for the screen."""

    def __init__(self, out: BinaryIO, stop: threading.Event) -> None:
        self.out, self.stop = out, stop
        self.count = 0

    def write(self, data: bytes) -> int:
        if self.stop.is_set():
            raise SaveStopped
        written = self.out.write(data)
        self.count += len(data)
        return written


class Confirm(Dialog[bool]):
    """A yes/no question; Escape answers no."""

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


class SaveDialog(Dialog[Path | None]):
    """Asks where to save; returns the path written, or None."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, what: str, default: Path, producer: Producer | None = None, *, expected_size: int = 0
    ) -> None:
        super().__init__()
        self.what = what
        self.default = default
        self.producer = producer
        self.expected_size = expected_size
        """About how many bytes the file will have (a bar is shown for large files)."""
        self.stop = threading.Event()
        self.writing = False
        self.counted: _Counted | None = None
        self.ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        titles = {
            "draft": N_("Save the draft"),
            "eml": N_("Save as an email file (.eml) with your files attached"),
            "pdf": N_("Save the letter as PDF, to print"),
            "txt": N_("Save the message as text"),
            "case": N_("Save the case file as PDF: every message and answer, for ECC Belgium or a mediator"),
        }
        with Vertical(classes="dialog"):
            yield Label(t(self, titles[self.what]), classes="label", markup=False)
            yield Static(t(self, N_("File name (the folder must exist):")), markup=False)
            yield CleanInput(str(self.default), id="save-path", select_on_focus=False)
            yield Static("", classes="error", id="save-error", markup=False)
            yield ProgressBar(total=max(self.expected_size, 1), show_eta=False, id="save-progress")
            yield Static("", id="save-status", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t(self, N_("Cancel")), id="cancel")
                yield Button(t(self, N_("Save")), id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#save-progress").display = False
        self.query_one("#save-status").display = False
        field = self.query_one("#save-path", CleanInput)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.writing:  # stops the writer; the dialog closes once its temporary file is gone
            self.stop.set()
            return
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    @on(CleanInput.Submitted, "#save-path")
    def _save(self) -> None:
        self.ask_and_save()

    @work(group="ask-and-save")  # not exclusive: a second Enter must not cancel a save under way
    async def ask_and_save(self) -> None:
        if self.writing:
            return
        text = self.query_one("#save-path", CleanInput).value.strip().strip("'\"")
        if not text:
            return
        from ...export.save import SaveError, expanded

        try:
            path = expanded(text)  # "~nosuchuser/x" is said, not raised in the worker
        except SaveError as error:
            self.query_one("#save-error", Static).update(sentence(t(self, error.message, **error.params)))
            return
        force = False
        if path.is_file():  # a pipe or a device is refused by the save itself, never "replaced"
            # The question on a line of its own: a long path never leaves "?" alone on the last line.
            question = t(self, N_("“{path}” already exists.\nReplace it?"), path=str(path))
            force = await self.app.push_screen_wait(
                Confirm(question, t(self, N_("Replace")), t(self, N_("Keep it")))
            )
            if not force:
                return
        self._writing(True)
        worker = self.run_worker(
            lambda: self.write(path, force), thread=True, group="write", exit_on_error=False
        )
        written, problem = await worker.wait()
        self._writing(False)
        if self.stop.is_set():
            self.app.notify(
                t(self, N_("Saving stopped: nothing was written.")), severity="warning", timeout=8
            )
            self.dismiss(None)
        elif written is not None:
            self.app.notify(t(self, N_("Saved: {path}"), path=str(written.absolute())), timeout=8)
            self.dismiss(written)
        else:
            self.query_one("#save-error", Static).update(problem)

    def _writing(self, writing: bool) -> None:
        """While a file is written: the path and Save are locked, Cancel stops, large files show a bar."""
        self.writing = writing
        self.query_one("#save-path", CleanInput).disabled = writing
        self.query_one("#save", Button).disabled = writing
        large = writing and self.expected_size > PROGRESS_FROM
        self.query_one("#save-progress").display = large
        self.query_one("#save-status").display = large
        if writing:
            self.query_one("#save-error", Static).update("")
            self.query_one("#cancel", Button).focus()
            self._progress()
            self.ticker = self.set_interval(PROGRESS_EVERY, self._progress)
        elif self.ticker is not None:
            self.ticker.stop()

    def _progress(self) -> None:
        from ...checks import human_size

        count = self.counted.count if self.counted else 0
        self.query_one("#save-progress", ProgressBar).update(progress=min(count, self.expected_size))
        self.query_one("#save-status", Static).update(
            t(
                self,
                N_("Writing: {written} of about {total}. Escape stops it."),
                written=human_size(count),
                total=human_size(self.expected_size),
            )
        )

    def write(self, path: Path, force: bool) -> tuple[Path | None, str]:
        """Make the content and save it (in a thread); the path written, or why not."""
        from ...export.save import AttachmentUnreadable, SaveError, save

        try:
            data = self.producer() if self.producer else self.app.answers.to_toml(path).encode("utf-8")
            return save(self._counted(data), path, force=force), ""
        except SaveStopped:
            return None, ""
        except SaveError as error:
            return None, sentence(t(self, error.message, **error.params))
        except AttachmentUnreadable as error:
            from ...errors import escaped

            name = escaped(error.name)[:120]
            return None, sentence(t(self, error.message, name=name, reason=error.reason))
        except Exception as error:  # an evidence file vanished, the PDF engine failed…
            return None, t(self, N_("Nothing was saved: {reason}"), reason=str(error))

    def _counted(self, data: Content) -> Writer:
        """The content as a writer whose progress reaches the bar and which Escape can stop."""

        def write(stream: BinaryIO) -> None:
            self.counted = _Counted(stream, self.stop)
            counted = cast(BinaryIO, self.counted)
            if callable(data):
                data(counted)
            else:
                counted.write(data)

        return write

    def on_unmount(self) -> None:
        """The app quits while a file is written: the writer stops and leaves nothing behind."""
        self.stop.set()
