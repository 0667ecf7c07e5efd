"""The evidence step: add files by typing or pasting a path (a file dragged onto most
terminals pastes its path) or with a file picker; list name, description, size and
type; describe each file; remove.

Each file is checked by the draft model when it is added (it must exist and be a
regular file); sizes over the email limit and unusual types get a warning. A new
file gets a description suggested from its name and type, in the message's
language (:func:`alma_contact.evidence.suggested_label`), and the focus goes to it:
the field under the list edits the description of the file chosen in the list.
Focus order: path, Add, Browse, the list, the description.
"""

from __future__ import annotations

from pathlib import Path

from pydantic_core import PydanticCustomError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import Button, DataTable, Label, Static

from ... import languages
from ...answers import Entry, entry, entry_label, entry_path
from ...checks import file_warnings, human_size
from ...errors import MESSAGES
from ...evidence import typed_path
from ...i18n import N_
from ...model import EvidenceFile, evidence_label
from ..problems import sentence
from ..widgets.inputs import CleanInput
from .base import StepScreen

COLUMNS = (N_("File"), N_("Description"), N_("Size"), N_("Type"))
"""The list's columns."""
SIZE_WIDTH, TYPE_WIDTH = 8, 15
"""The widths of the size and type columns (``999,9 kB``, ``application/pdf``)."""

DESCRIBE = N_("Description of “{name}”:")
DESCRIBE_HELP = N_(
    "Suggested from the file's name: say what it is, in the message's language. "
    "A letter lists its enclosures by their description."
)


class EvidenceScreen(StepScreen):
    """Files that support the request, each with its description."""

    STEP_ID = "evidence"
    KEYS = (*StepScreen.KEYS, Binding("delete", "remove", N_("Remove file")))

    chosen = -1
    """The row whose description the field below the list edits (-1: none)."""

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
        with Vertical(id="describe"):
            yield Label("", classes="label", id="label-question", markup=False)
            yield Static(self.t(DESCRIBE_HELP), classes="help", markup=False)
            yield CleanInput(select_on_focus=False, id="label")
            yield Static("", classes="error", id="label-error", markup=False)
        yield Static("", id="evidence-warnings", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self._refresh()
        self.query_one("#path", CleanInput).focus()

    @property
    def _entries(self) -> list[Entry]:
        return list(self.app.answers.get("evidence"))

    @property
    def _paths(self) -> list[str]:
        return [entry_path(item) for item in self._entries]

    @property
    def _language(self) -> str:
        """The message's language (the descriptions are written in it)."""
        chosen = self.app.answers.get("language")
        return chosen if chosen in languages.LANGUAGES else languages.DEFAULT

    def _refresh(self, row: int | None = None) -> None:
        """List the files again, the cursor on ``row`` (else where it was)."""
        table = self.query_one("#files", DataTable)
        keep = table.cursor_row if row is None else row
        table.clear(columns=True)
        headers = [self.t(label) for label in COLUMNS]
        widths = _widths(
            self.app.size.width,
            max([len(headers[0]), *(len(Path(p).name) for p in self._paths)]),
            max([len(headers[1]), *(len(entry_label(item)) for item in self._entries)]),
        )
        for header, width in zip(headers, widths, strict=True):
            table.add_column(header, width=width)
        warnings: list[str] = []
        found: list[EvidenceFile] = []
        base = self.app.answers.base_dir
        for index, item in enumerate(self._entries):
            written, label = entry_path(item), entry_label(item)
            # A file name and a description are shown as they are: a string cell would be read as markup.
            try:
                file = EvidenceFile.find(written, base)
            except PydanticCustomError as error:  # a file moved or removed since it was added
                table.add_row(Text(Path(written).name), Text(label), "–", "–", key=str(index))
                warnings.append(self.t(MESSAGES[error.type], **(error.context or {})))
                continue
            found.append(file)
            table.add_row(
                Text(file.name), Text(label), human_size(file.size), Text(file.media_type), key=str(index)
            )
        warnings += file_warnings(found, self.app.ui_lang, for_email=True)
        if not self._entries:
            warnings.append(self.t(N_("No file yet. You can go on without one, but evidence helps.")))
        self.query_one("#evidence-warnings", Static).update("\n".join(f"! {sentence(w)}" for w in warnings))
        if table.row_count:
            table.move_cursor(row=max(0, min(keep, table.row_count - 1)), animate=False)
        self._choose(table.cursor_row if table.row_count else -1)

    def _choose(self, row: int) -> None:
        """Let the description field edit the file of ``row`` (none when -1)."""
        entries = self._entries
        if not 0 <= row < len(entries):
            row = -1
        self.chosen = row
        self.query_one("#describe", Vertical).display = row >= 0
        if row < 0:
            return
        name = Path(entry_path(entries[row])).name
        self.query_one("#label-question", Label).update(self.t(DESCRIBE, name=name))
        field = self.query_one("#label", CleanInput)
        field.placeholder = self.t(N_("for example {example}"), example=self._suggestion(name))
        label = entry_label(entries[row])
        if field.value != label:
            with field.prevent(CleanInput.Changed):
                field.value = label
            field.cursor_position = len(label)  # to add to the suggestion, as to replace it
        self._check_label(label)

    def _suggestion(self, name: str) -> str:
        """The description suggested for a file of this name, in the message's language."""
        import mimetypes

        from ...evidence import suggested_label

        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return suggested_label(name, media_type, self._language)

    def _check_label(self, text: str) -> bool:
        """Say under the field what is wrong with a description; whether it is right."""
        line = self.query_one("#label-error", Static)
        try:
            evidence_label(text)
        except PydanticCustomError as error:
            line.update(
                self.t(
                    N_("The description {problem}"),
                    problem=self.t(MESSAGES[error.type], **(error.context or {})),
                )
            )
            return False
        line.update("")
        return True

    @on(events.Resize)
    def _resized(self) -> None:
        """The list's columns share the new width (the screen's own fitting runs as well)."""
        self._refresh()

    @on(DataTable.RowHighlighted, "#files")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._choose(event.cursor_row)

    @on(CleanInput.Changed, "#label")
    def _describe(self, event: CleanInput.Changed) -> None:
        """The description typed is kept in the draft at once, as typed (the model checks it)."""
        entries = self._entries
        row = self.chosen
        if not 0 <= row < len(entries):
            return
        entries[row] = _with_label(entries[row], event.value)
        self.app.answers.set("evidence", entries)
        self._check_label(event.value)
        table = self.query_one("#files", DataTable)
        if row < table.row_count:
            table.update_cell_at(Coordinate(row, 1), Text(event.value))

    @on(CleanInput.Submitted, "#label")
    def _described(self) -> None:
        self.query_one("#path", CleanInput).focus()

    def ready_to_leave(self) -> bool:
        """Every description must be one the draft accepts (one line, within the limit)."""
        for row, item in enumerate(self._entries):
            try:
                evidence_label(entry_label(item))
            except PydanticCustomError:
                table = self.query_one("#files", DataTable)
                table.move_cursor(row=row, animate=False)
                self._choose(row)
                self.query_one("#label", CleanInput).focus()
                return False
        return True

    def add(self, text: str) -> bool:
        """Add a file if the model accepts it, with a suggested description; otherwise say why
        under the field."""
        from ...evidence import suggested_label

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
        label = suggested_label(item.name, item.media_type, self._language)
        entries = [*self._entries, entry(str(item.location), label)]
        self.app.answers.set("evidence", entries)
        self._refresh(row=len(entries) - 1)
        self.query_one("#label", CleanInput).focus()
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
        entries = self._entries
        if not entries or table.row_count == 0:
            return
        row = table.cursor_row
        if 0 <= row < len(entries):
            del entries[row]
            self.app.answers.set("evidence", entries)
            self._refresh(row=row)


def _widths(screen: int, name: int, label: int) -> tuple[int, int, int, int]:
    """Column widths that fit the screen's width: the name and the description share what the
    size and type leave, each as long as it needs when both fit (a cut one is shown whole
    in the field below the list)."""
    rest = max(screen - 4, 60) - 2 * len(COLUMNS) - SIZE_WIDTH - TYPE_WIDTH
    if name + label <= rest:
        return name, rest - name, SIZE_WIDTH, TYPE_WIDTH
    name = max(rest - label, min(name, rest // 2))
    return name, rest - name, SIZE_WIDTH, TYPE_WIDTH


def _with_label(item: Entry, label: str) -> Entry:
    """An evidence answer with another description (any other key of its table kept)."""
    if isinstance(item, dict):
        changed = {**item, "label": label}
        if label.strip() or set(changed) != {"path", "label"}:
            return changed
        return entry_path(item)  # no description left: a plain path, as a draft writes it
    return entry(item, label)


def _location(written: str, base: Path) -> Path | None:
    try:
        return EvidenceFile.locate(written, base)
    except RuntimeError:  # "~someone" with no such user: not the same file as any other
        return None
