"""The description step: a multi-line editor, prompts suited to the request, a character count.

Ctrl+E opens the text in the user's own editor ($VISUAL or $EDITOR): the app
steps aside while the editor runs and takes the text back afterwards.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.widgets import Static, TextArea

from ...i18n import N_
from ...model import LIMITS
from ...parsing import clean_paste
from ...steps import PROMPTS, step
from ..problems import said
from ..widgets.editor import CleanTextArea
from .base import StepScreen

COUNT = N_("{count} / {limit} characters")
EDIT_OUTSIDE = N_("Edit in my editor")


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


class DescriptionScreen(StepScreen):
    """What happened, in the user's words."""

    STEP_ID = "description"
    focus_key: str | None = None
    """Set by the checklist's "go to": the description's error is shown at once."""

    def __init__(self) -> None:
        super().__init__()
        # A priority key: the editor is always focused here, and its own Ctrl+E (end of line)
        # would take the key first. Shown on the editor's border: the footer has no room left.
        self._bindings.bind("ctrl+e", "edit_outside", self.t(EDIT_OUTSIDE), show=False, priority=True)

    def compose_body(self) -> ComposeResult:
        question = step("description").questions[0]
        yield Static(self.t(step("description").intro), classes="intro", markup=False)
        request = self.app.answers.get("request")  # type: ignore[attr-defined]
        prompts = PROMPTS.get(request, PROMPTS["other"])
        yield Static("\n".join(f"• {self.t(p)}" for p in prompts), id="prompts", markup=False)
        editor = CleanTextArea(
            str(self.app.answers.get("description")),  # type: ignore[attr-defined]
            limit=LIMITS["description"],
            id="description",
            soft_wrap=True,
            tab_behavior="focus",
        )
        editor.cursor_blink = self.app.blink  # type: ignore[attr-defined]
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
        self.app.answers.set("description", event.text_area.text)  # type: ignore[attr-defined]
        self._count()
        if str(self.query_one("#description-error", Static).content):
            self._show_error()  # a shown error follows the text, and goes once it is right

    def _count(self) -> None:
        length = len(str(self.app.answers.get("description")).strip())  # type: ignore[attr-defined]
        limit = LIMITS["description"]
        counter = self.query_one("#counter", Static)
        # One line high (app.tcss): updated at every key without a new layout of the screen.
        counter.update(self.t(COUNT, count=_grouped(length), limit=_grouped(limit)), layout=False)
        counter.set_class(length > limit, "-over")

    def _show_error(self) -> bool:
        """Show the description's error, if any; True when there is one."""
        problems = self.app.answers.problems(self.app.ui_lang, self.app.today)  # type: ignore[attr-defined]
        problem = problems.get("description")
        shown = said(problem, self.app.ui_lang) if problem else ""  # type: ignore[attr-defined]
        self.query_one("#description-error", Static).update(shown)
        return problem is not None

    def ready_to_leave(self) -> bool:
        if self._show_error():
            self.query_one("#description", TextArea).focus()
            return False
        return True

    def action_edit_outside(self) -> None:
        """Edit the description in $VISUAL or $EDITOR, then take the text back."""
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "nano"
        area = self.query_one("#description", CleanTextArea)
        with tempfile.TemporaryDirectory(prefix="alma-contact-") as folder:
            path = Path(folder) / "description.txt"
            path.touch(mode=0o600)
            path.write_text(area.text, encoding="utf-8")
            try:
                with self.app.suspend():
                    subprocess.run([*shlex.split(command), str(path)], check=False)
            except (OSError, ValueError) as error:
                self.notify(
                    self.t(
                        N_("Could not start the editor “{command}”: {reason}"),
                        command=command,
                        reason=str(error),
                    ),
                    severity="error",
                )
                return
            except SuspendNotSupported:  # e.g. in a web terminal
                self.notify(self.t(N_("This terminal cannot hand over to another editor.")), severity="error")
                return
            text = clean_paste(path.read_text(encoding="utf-8", errors="replace"), multiline=True)
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
        self.app.answers.set("description", area.text)  # type: ignore[attr-defined]
        self._count()
