"""Text fields that never let terminal escape sequences in.

Pasted text is cleaned of escape sequences and control characters; a paste
that would take the description over its limit is refused with a message,
never cut silently.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, TextArea

from ...i18n import N_

TOO_LONG_PASTE = N_(
    "The pasted text would make the description {length} characters long; the limit is {limit}. Nothing was pasted."
)


class CleanInput(Input):
    """A one-line field; what is pasted loses escape sequences and line breaks.

    Its size never depends on its text (one line, the width its container
    gives), so a change of the text's scrollable width only needs a repaint:
    without this, every key pressed would lay out the whole screen again, which
    on a step with many questions costs several times the typing itself.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)

    async def _on_paste(self, event: events.Paste) -> None:
        from ...parsing import clean_paste  # on first paste: the start screen does without it

        event.stop()
        event.prevent_default()
        text = clean_paste(event.text, multiline=False).strip()
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)


class CleanTextArea(TextArea):
    """A multi-line editor with a character limit that a paste cannot break."""

    def __init__(self, text: str = "", *, limit: int, **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self.limit = limit

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if self.read_only:
            return
        from ...parsing import clean_paste

        text = clean_paste(event.text, multiline=True)
        start, end = self.selection
        selected = len(self.get_text_range(*sorted((start, end))))
        length = len(self.text) - selected + len(text)
        if length > self.limit:
            from ..app import t

            self.notify(
                t(
                    self.app,
                    TOO_LONG_PASTE,
                    length=f"{length:,}".replace(",", " "),
                    limit=f"{self.limit:,}".replace(",", " "),
                ),
                severity="error",
                timeout=8,
            )
            return
        result = self.replace(text, start, end)
        self.move_cursor(result.end_location)
