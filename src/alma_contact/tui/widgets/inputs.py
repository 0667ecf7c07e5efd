"""One-line text fields that never let terminal escape sequences in (the editor is in editor.py)."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


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
