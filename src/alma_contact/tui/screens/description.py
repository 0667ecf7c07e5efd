"""The description step: a multi-line editor, prompts suited to the request, a character count.

Ctrl+E opens the text in the user's own editor ($VISUAL or $EDITOR, else the first of
sensible-editor, editor, nano and vi that is installed): the app steps aside while the editor
runs and takes the text back afterwards. Whatever the editor does (missing, not startable,
failing, deleting the file), the app takes the terminal back and keeps the text it had.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.widgets import Static, TextArea

from ...i18n import N_
from ...model import LIMITS
from ...parsing import clean_paste
from ...steps import STATED, prompts, step
from ..problems import said
from ..widgets.editor import CleanTextArea
from .base import StepScreen

COUNT = N_("{count} / {limit} characters")
EDIT_OUTSIDE = N_("Edit in my editor")

FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vi")
"""Looked for in this order when neither VISUAL nor EDITOR is set."""
BAD_QUOTES = N_(
    "The editor could not start: {variable} holds “{command}”, whose quotes do not pair up. "
    "Set {variable} to your editor's command, for example: export {variable}=nano"
)
NOT_FOUND = N_(
    "The editor could not start: “{command}”, named by {variable}, was not found. "
    "Set {variable} to an editor that is installed, for example: export {variable}=nano"
)
NO_EDITOR = N_(
    "The editor could not start: VISUAL and EDITOR are not set, and none of sensible-editor, editor, "
    "nano or vi is installed. Install an editor and set EDITOR to it, for example: export EDITOR=nano"
)
NOT_STARTED = N_(
    "The editor “{command}” could not start ({reason}). "
    "Set {variable} to another editor, for example: export {variable}=nano"
)
NO_INTERPRETER = N_("the program, or the interpreter its first line names, is missing")
NO_PERMISSION = N_("permission denied")
STOPPED = N_("The editor “{command}” stopped with exit status {code}; the description was kept as it was.")
NO_FILE = N_("The editor “{command}” left no text to take back; the description was kept as it was.")


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _shown(text: str, limit: int = 100) -> str:
    """A value from the environment as a message quotes it: escaped, and cut in the middle when
    long (the end of a path names the program)."""
    from ...errors import escaped

    text = escaped(text)
    if len(text) <= limit:
        return text
    head = limit // 3
    return text[:head] + "…" + text[len(text) - (limit - head - 1) :]


@dataclass
class EditorProblem:
    """Why the editor could not be used; ``message`` is an interface msgid."""

    message: str
    params: dict[str, object] = field(default_factory=dict)


def editor_command(environ: Mapping[str, str]) -> tuple[list[str], str] | EditorProblem:
    """The editor to run and the variable that named it (EDITOR for a fallback), or why none can run.

    VISUAL wins over EDITOR; a variable that is set but wrong is reported, not skipped, so
    the user learns what to fix. The fallback is looked for, never assumed.
    """
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError:
            return EditorProblem(BAD_QUOTES, {"variable": variable, "command": _shown(value)})
        if not words:
            continue
        program = shutil.which(words[0], path=environ.get("PATH"))
        if program is None:
            return EditorProblem(NOT_FOUND, {"variable": variable, "command": _shown(words[0])})
        return [program, *words[1:]], variable
    for name in FALLBACK_EDITORS:
        program = shutil.which(name, path=environ.get("PATH"))
        if program is not None:
            return [program], "EDITOR"
    return EditorProblem(NO_EDITOR)


@contextmanager
def _interrupts_go_to_the_editor() -> Iterator[None]:
    """While the editor runs, Ctrl+C is the editor's (vi leaves insert mode with it): the app
    must not stop and leave the terminal suspended. A handler that does nothing, unlike an
    ignored signal, is reset for the editor when it starts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda number, frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_editor(command: list[str], path: Path, variable: str) -> int | EditorProblem:
    """Run the editor on ``path``; its exit status, or why it did not start. Never raises: it
    runs while the app is suspended, and an exception there would leave the terminal as it is."""
    shown = _shown(shlex.join(command))
    try:
        with _interrupts_go_to_the_editor():
            return subprocess.run([*command, str(path)], check=False).returncode
    except OSError as error:
        return EditorProblem(NOT_STARTED, {"command": shown, "reason": error, "variable": variable})
    except Exception as error:  # whatever it is, the terminal must come back
        return EditorProblem(NOT_STARTED, {"command": shown, "reason": str(error), "variable": variable})


class DescriptionScreen(StepScreen):
    """What happened, in the user's words."""

    STEP_ID = "description"
    KEYS = (
        *StepScreen.KEYS,
        # A priority key: the editor is always focused here, and its own Ctrl+E (end of line)
        # would take the key first. Shown on the editor's border: the footer has no room left.
        Binding("ctrl+e", "edit_outside", EDIT_OUTSIDE, show=False, priority=True),
    )
    focus_key: str | None = None
    """Set by the checklist's "go to": the description's error is shown at once."""

    def compose_body(self) -> ComposeResult:
        question = step("description").questions[0]
        yield Static(self.t(step("description").intro), classes="intro", markup=False)
        request = self.app.answers.get("request")
        asked = prompts(request)
        yield Static("\n".join(f"• {self.t(p)}" for p in asked), id="prompts", markup=False)
        stated = self.app.answers.stated(self.app.today)
        if stated:  # in the message's language, as it will be sent
            yield Static("\n".join((self.t(STATED), *stated)), id="stated", markup=False)
        editor = CleanTextArea(
            str(self.app.answers.get("description")),
            limit=LIMITS["description"],
            id="description",
        )
        editor.cursor_blink = self.app.blink
        editor.border_title = self.t(question.label)
        editor.border_subtitle = f"Ctrl+E – {self.t(EDIT_OUTSIDE)}"
        yield editor
        yield Static("", id="counter", markup=False)
        yield Static("", classes="error", id="description-error", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self._count()
        self.query_one("#description", TextArea).focus()
        if self.focus_key:
            self._show_error()

    @on(TextArea.Changed, "#description")
    def _changed(self, event: TextArea.Changed) -> None:
        self.app.answers.set("description", event.text_area.text)
        self._count()
        if str(self.query_one("#description-error", Static).content):
            self._show_error()  # a shown error follows the text, and goes once it is right

    def _count(self) -> None:
        length = len(str(self.app.answers.get("description")).strip())
        limit = LIMITS["description"]
        counter = self.query_one("#counter", Static)
        # One line high (app.tcss): updated at every key without a new layout of the screen.
        counter.update(self.t(COUNT, count=_grouped(length), limit=_grouped(limit)), layout=False)
        counter.set_class(length > limit, "-over")

    def _show_error(self) -> bool:
        """Show the description's error, if any; True when there is one."""
        problems = self.app.answers.problems(self.app.ui_lang, self.app.today)
        problem = problems.get("description")
        shown = said(problem, self.app.ui_lang, self.app.answers.flat()) if problem else ""
        self.query_one("#description-error", Static).update(shown)
        return problem is not None

    def ready_to_leave(self) -> bool:
        if self._show_error():
            self.query_one("#description", TextArea).focus()
            return False
        return True

    def action_edit_outside(self) -> None:
        """Edit the description in the user's editor, then take the text back."""
        found = editor_command(os.environ)
        if isinstance(found, EditorProblem):
            self._editor_problem(found)
            return
        command, variable = found
        shown = _shown(shlex.join(command))
        area = self.query_one("#description", CleanTextArea)
        with tempfile.TemporaryDirectory(prefix="alma-contact-") as folder:
            path = Path(folder) / "description.txt"
            path.touch(mode=0o600)
            path.write_text(area.text, encoding="utf-8")
            try:
                with self.app.suspend():
                    outcome = run_editor(command, path, variable)
            except SuspendNotSupported:  # e.g. in a web terminal
                self.notify(self.t(N_("This terminal cannot hand over to another editor.")), severity="error")
                return
            if isinstance(outcome, EditorProblem):
                self._editor_problem(outcome)
                return
            if outcome != 0:
                self._editor_problem(EditorProblem(STOPPED, {"command": shown, "code": outcome}))
                return
            try:
                raw = path.read_text(encoding="utf-8", errors="replace")
            except OSError:  # deleted, replaced by a folder…
                self._editor_problem(EditorProblem(NO_FILE, {"command": shown}))
                return
        text = clean_paste(raw, multiline=True)
        if len(text.strip()) > area.limit:
            self.notify(
                self.t(
                    N_(
                        "The text is {length} characters long; the limit is {limit}. It was not taken; shorten it and try again."
                    ),
                    length=_grouped(len(text.strip())),
                    limit=_grouped(area.limit),
                ),
                severity="error",
                timeout=10,
            )
            return
        area.load_text(text.rstrip("\n"))
        self.app.answers.set("description", area.text)
        self._count()

    def _editor_problem(self, problem: EditorProblem) -> None:
        params = dict(problem.params)
        reason = params.get("reason")
        if isinstance(reason, OSError):  # the system's words, in the interface language when we know them
            if isinstance(reason, FileNotFoundError):
                params["reason"] = self.t(NO_INTERPRETER)
            elif isinstance(reason, PermissionError):
                params["reason"] = self.t(NO_PERMISSION)
            else:
                params["reason"] = reason.strerror or str(reason)
        self.notify(self.t(problem.message, **params), severity="error", timeout=15)
