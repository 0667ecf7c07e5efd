"""What a screen shows in a window smaller than the app is made for (80 × 24).

The screen's own content is hidden, not taken away: when the window grows
again, the screen comes back as it was, the focus where it was.
"""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ...i18n import N_, translate

MIN_SIZE = Size(80, 24)
"""The smallest window the app is laid out for (README)."""
TOO_SMALL = N_(
    "This window is {width}×{height}; alma-contact needs at least {min_width} columns and "
    "{min_height} lines. Make the window larger, or the text smaller: your answers stay as they are."
)


class TooSmall(Static):
    """The message that fills a screen while the window is too small."""

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 100%;
        height: 100%;
        padding: 1 2;
        content-align: center middle;
        text-align: center;
    }
    """


class FittedScreen(Screen[None]):
    """A screen that says so, instead of drawing itself badly, in a window that is too small."""

    _focused_before: Widget | None = None

    def on_mount(self) -> None:
        self.call_after_refresh(self._fit, self.app.size)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size)

    def on_screen_resume(self) -> None:
        self._fit(self.app.size)

    def _fit(self, size: Size) -> None:
        small = size.width < MIN_SIZE.width or size.height < MIN_SIZE.height
        try:
            notice = self.query_one(TooSmall)
        except NoMatches:
            if not small:
                return
            notice = TooSmall(markup=False)
            self.mount(notice)
        lang = getattr(self.app, "ui_lang", "en")  # this screen may serve another app
        notice.update(
            translate(
                lang if isinstance(lang, str) else "en",
                TOO_SMALL,
                width=size.width,
                height=size.height,
                min_width=MIN_SIZE.width,
                min_height=MIN_SIZE.height,
            )
        )
        if small and not self.has_class("-too-small"):
            # Keys typed meanwhile must not reach a field the person cannot see.
            self._focused_before = self.focused
            self.set_focus(None)
        self.set_class(small, "-too-small")
        if not small and self._focused_before is not None:
            before, self._focused_before = self._focused_before, None
            if before.is_attached and self.focused is None:
                self.set_focus(before)
