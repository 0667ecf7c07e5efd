"""One-line text fields that never let terminal escape sequences in (the editor is in editor.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input


class CleanInput(Input):
    """A one-line field; what is pasted loses escape sequences and line breaks.

    Typing lays out nothing: the field's size never depends on its text (one
    line, the width its container gives). Textual's Input gives its virtual size
    the width of the text at every change, and a widget's virtual size is a
    reactive that lays out the whole screen when it changes; on a step with many
    questions that cost several times the typing itself. The field sets its
    virtual size to the new width before the text changes (``validate_value``,
    with ``set_reactive``, which refreshes nothing), so that Input's own
    assignment changes nothing; the width is the one ``content_width`` gives.

    With ``read_back``, the field also shows, at the right end of its line, how
    the text was read (an amount or a date as the message will write it). It is
    worked out as the text changes, in the same step as the text, and drawn with
    it: the screen around does not move and nothing else is repainted.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"clean-input--read-back"}
    DEFAULT_CSS = """
    CleanInput > .clean-input--read-back {
        color: $text-success;
    }
    """

    read_back = ""
    """What the field shows after the text ("" when there is nothing to show)."""
    read_back_style: Style | None = None
    """The read-back's style, kept until the field's styles change (Textual works it out again
    at every repaint otherwise, which costs a good part of drawing the line)."""

    def __init__(
        self,
        value: str | None = None,
        *,
        placeholder: str = "",
        read_back: Callable[[str], str] | None = None,
        select_on_focus: bool = True,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        self.reader = read_back  # first: Input's constructor sets the value, which reads it back
        super().__init__(value, placeholder, select_on_focus=select_on_focus, name=name, id=id)

    @property
    def content_width(self) -> int:
        return self.text_width(self.value)

    def text_width(self, value: str) -> int:
        """The width of the field's content for ``value``: the text and a cell for the cursor
        after it, or the placeholder."""
        if self.placeholder and not value:
            return cell_len(self.placeholder)
        return cell_len(value) + 1

    def validate_value(self, value: str) -> str:
        self.set_reactive(Widget.virtual_size, Size(self.text_width(value), 1))
        return value

    def watch_value(self, value: str) -> None:
        if self.reader is not None:
            self.read_back = self.reader(value) if value.strip() else ""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if y != 0 or not self.read_back:
            return strip
        tail = f" {self.read_back} "
        width = strip.cell_length
        start = width - cell_len(tail)
        scroll_x, _ = self.scroll_offset
        typed = cell_len(self.value) + 1 - scroll_x if self.value else cell_len(self.placeholder)
        if start <= typed + 1:
            return strip  # no room beside the text: the text comes first
        # The field's own style is already on the blank end of the line (reading it again
        # from the widget costs more than drawing the whole line).
        *_, blank = strip
        if self.read_back_style is None:
            self.read_back_style = self.get_component_rich_style("clean-input--read-back")
        style = (blank.style or Style()) + self.read_back_style
        return Strip.join([strip.crop(0, start), Strip([Segment(tail, style)], cell_len(tail))])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.read_back_style = None

    async def on_paste(self, event: events.Paste) -> None:
        """Handled here, instead of by Input (``prevent_default`` stops its own handler)."""
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
