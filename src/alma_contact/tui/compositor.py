"""Repaint only what a change can show through.

When part of the screen changes (a key typed into a field), Textual's
compositor (8.2) redraws the part of the screen that changed, and for that
asks for the lines of every widget whose *clip* (the area of its scrolling
container, or the whole screen) meets the changed area. On a step of the app
the clip of every question is the whole scrolling body, and the clip of the
header and footer is the screen: each key pressed had every visible widget of
the screen re-assemble all its lines, fifteen on the payment step where a bare
field needs two.

:class:`FocusedCompositor` asks only the widgets whose *visible* part (their
region within their clip) meets the changed area. The widgets left out cannot
show on any cell of it, so what reaches the terminal is the same (a test
compares the two, cell for cell). Every full repaint goes through Textual's own
code unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class FocusedCompositor(Compositor):
    """Textual's compositor, with partial repaints limited to the widgets seen in the changed area."""

    def _get_renders(self, crop: Region | None = None) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            x, y, width, height = region.intersection(clip)
            if width and height and overlaps(Region(x, y, width, height)):
                yield region, clip, widget.render_lines(Region(x - region.x, y - region.y, width, height))
