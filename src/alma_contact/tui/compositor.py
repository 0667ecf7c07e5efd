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
region within their clip) meets the changed area and is not hidden there by a
widget in front of it (the field itself hides the question box, the scrolling
body and the screen behind it), and from each only the lines of that area
(whole lines: the cuts between widgets on a line stay as Textual makes them).
The widgets and lines left out cannot show on any cell of the changed area, so
what reaches the terminal is the same (a test compares the two, cell for cell).
Every full repaint goes through Textual's own code.
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
        top, bottom = crop.y, crop.bottom
        in_front: list[Region] = []
        # Front to back: of two widgets on the same cell, Textual shows the one met first.
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            x, y, width, height = visible
            if not (width and height and crop.overlaps(visible)):
                continue
            changed = crop.intersection(visible)
            if any(front.contains_region(changed) for front in in_front):
                continue  # every cell of it that changed is covered by a widget in front
            in_front.append(visible)
            # The lines of the changed area only: the compositor places the lines it is given
            # from the top of region ∩ clip, which the narrowed clip makes the first line asked.
            first, last = max(y, top), min(y + height, bottom)
            band = Region(x, first, width, last - first)
            yield (
                region,
                band,
                widget.render_lines(Region(x - region.x, first - region.y, width, last - first)),
            )
