"""The multi-line editor of the description: pasted text is cleaned of escape sequences and
control characters, and a paste that would take it over its limit is refused with a message,
never cut silently. (A module of its own: the first screen does without the editor.)"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from ...i18n import N_

TOO_LONG_PASTE = N_(
    "The pasted text would make the description {length} characters long; the limit is {limit}. Nothing was pasted."
)


class CleanTextArea(TextArea):
    """A multi-line editor with a character limit that a paste cannot break; long lines wrap,
    and Tab moves on to the next field, as in the rest of the app."""

    def __init__(self, text: str = "", *, limit: int, id: str | None = None) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", id=id)
        self.limit = limit

    async def on_paste(self, event: events.Paste) -> None:
        """Handled here, instead of by TextArea (``prevent_default`` stops its own handler)."""
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
