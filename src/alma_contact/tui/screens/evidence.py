"""The evidence step: add files by typing or pasting a path (a file dragged onto most
terminals pastes its path) or with a file picker; list name, size and type; remove.

Each file is checked by the draft model when it is added (it must exist and be a
regular file); sizes over the email limit and unusual types get a warning.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from pydantic_core import PydanticCustomError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Label, Static

from ...checks import file_warnings, human_size
from ...errors import MESSAGES
from ...i18n import N_
from ...model import EvidenceFile
from ..problems import sentence
from ..widgets.inputs import CleanInput
from .base import StepScreen


def typed_path(text: str) -> str:
    """A path as typed, pasted or dropped: quotes, ``\\ `` escapes and ``file://`` links undone."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if text.startswith("file://"):
        return unquote(urlparse(text).path)
    return text.replace("\\ ", " ")


class EvidenceScreen(StepScreen):
    """Files that support the request."""

    STEP_ID = "evidence"
    KEYS = (*StepScreen.KEYS, Binding("delete", "remove", N_("Remove file")))

    def compose_body(self) -> ComposeResult:
        yield Static(
            self.t(N_("A confirmation email, a screenshot or a bank statement supports your request.")),
            classes="intro",
            markup=False,
        )
        yield Label(self.t(N_("Path of a file (you can drag the file here):")), classes="label", markup=False)
        with Horizontal(classes="row"):
            yield CleanInput(
                placeholder=self.t(N_("for example {example}"), example="~/Downloads/confirmation.pdf"),
                id="path",
            )
            yield Button(self.t(N_("Add")), id="add")
            yield Button(self.t(N_("Browse…")), id="browse")
        yield Static("", classes="error", id="evidence-error", markup=False)
        table: DataTable[str | Text] = DataTable(id="files", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="evidence-warnings", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#files", DataTable)
        table.add_columns(self.t(N_("File")), self.t(N_("Size")), self.t(N_("Type")))
        self._refresh()
        self.query_one("#path", CleanInput).focus()

    @property
    def _paths(self) -> list[str]:
        return list(self.app.answers.get("evidence"))

    def _refresh(self) -> None:
        table = self.query_one("#files", DataTable)
        table.clear()
        warnings: list[str] = []
        found: list[EvidenceFile] = []
        base = self.app.answers.base_dir
        for written in self._paths:
            try:
                item = EvidenceFile.find(written, base)
            except PydanticCustomError as error:  # a file moved or removed since it was added
                table.add_row(Text(Path(written).name), "–", "–", key=written)
                warnings.append(self.t(MESSAGES[error.type], **(error.context or {})))
                continue
            found.append(item)
            # A file name is shown as it is: a string cell would be read as markup.
            table.add_row(Text(item.name), human_size(item.size), Text(item.media_type), key=written)
        warnings += file_warnings(found, self.app.ui_lang, for_email=True)
        if not self._paths:
            warnings.append(self.t(N_("No file yet. You can go on without one, but evidence helps.")))
        self.query_one("#evidence-warnings", Static).update("\n".join(f"! {sentence(w)}" for w in warnings))

    def add(self, text: str) -> bool:
        """Add a file if the model accepts it; otherwise say why under the field."""
        error_line = self.query_one("#evidence-error", Static)
        written = typed_path(text)
        if not written:
            return False
        base = self.app.answers.base_dir
        try:
            item = EvidenceFile.find(written, base)
        except PydanticCustomError as error:
            error_line.update(self.t(MESSAGES[error.type], **(error.context or {})))
            return False
        if item.location in {_location(p, base) for p in self._paths}:
            error_line.update(self.t(MESSAGES["evidence_duplicate"], path=written))
            return False
        error_line.update("")
        self.app.answers.set("evidence", [*self._paths, str(item.location)])
        self._refresh()
        return True

    @on(Button.Pressed, "#add")
    @on(CleanInput.Submitted, "#path")
    def _add(self) -> None:
        field = self.query_one("#path", CleanInput)
        if self.add(field.value):
            field.value = ""

    @on(Button.Pressed, "#browse")
    def _browse(self) -> None:
        from .picker import FilePicker

        def picked(path: Path | None) -> None:
            if path is not None:
                self.add(str(path))

        self.app.push_screen(FilePicker(), callback=picked)

    def action_remove(self) -> None:
        table = self.query_one("#files", DataTable)
        if not self._paths or table.row_count == 0:
            return
        row = table.cursor_row
        paths = self._paths
        if 0 <= row < len(paths):
            del paths[row]
            self.app.answers.set("evidence", paths)
            self._refresh()


def _location(written: str, base: Path) -> Path | None:
    try:
        return EvidenceFile.locate(written, base)
    except RuntimeError:  # "~someone" with no such user: not the same file as any other
        return None
