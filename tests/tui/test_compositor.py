"""The app's compositor repaints fewer widgets, and the terminal receives exactly the same.

For every screen of a journey, many changed areas (each widget's own, each line,
and random ones) are repainted twice: by the app's FocusedCompositor and by
Textual's own compositor in the same state. The text and escape sequences sent
to the terminal must put the same characters, in the same styles, on the same cells.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import ControlType
from rich.style import Style
from textual._compositor import Compositor
from textual.geometry import Region
from textual.widgets import Input
from tui_support import SIZE, make_app, type_text

from alma_contact.answers import Answers
from alma_contact.tui.app import ORDER
from alma_contact.tui.compositor import FocusedCompositor

SEED = 20261126
RANDOM_AREAS = 150


def cells_written(
    compositor: Compositor, areas: list[Region]
) -> dict[tuple[int, int], tuple[str, Style | None]]:
    """What a partial repaint of ``areas`` writes on the terminal: each cell's character and style.

    The update is read as a terminal would: cursor moves, then characters, one
    cell each (two for wide ones). A cursor move followed by nothing writes nothing.
    """
    compositor._dirty_regions = set(areas)
    update = compositor.render_partial_update()
    assert update is not None
    console = Console(width=SIZE[0], height=SIZE[1], file=io.StringIO(), force_terminal=True)
    cells: dict[tuple[int, int], tuple[str, Style | None]] = {}
    x = y = 0
    for segment in update.__rich_console__(console, console.options):
        if segment.control:
            for code in segment.control:
                if code[0] == ControlType.CURSOR_MOVE_TO:
                    x, y = int(code[1]), int(code[2])  # type: ignore[misc]
            continue
        for char in segment.text.replace("\n", ""):
            cells[x, y] = (char, segment.style)
            x += cell_len(char)
    assert cells, areas
    return cells


def areas_to_check(screen: Any, rng: random.Random) -> list[list[Region]]:
    width, height = SIZE
    on_screen = (widget.region.intersection(Region(0, 0, width, height)) for widget in screen.query("*"))
    found = [[region] for region in on_screen if region]
    found += [[Region(0, y, width, 1)] for y in range(height)]
    for _ in range(RANDOM_AREAS):
        x, y = rng.randrange(width), rng.randrange(height)
        found.append([Region(x, y, rng.randint(1, width - x), rng.randint(1, height - y))])
    # Two changes at once, far apart: a field and a line under it (a read-back, an error).
    found += [[Region(1, 7, 76, 3), Region(1, 14, 76, 1)], [Region(0, 0, 80, 1), Region(0, 23, 80, 1)]]
    return found


def assert_same_as_textual(app: Any, rng: random.Random) -> None:
    ours = app.screen._compositor
    assert isinstance(ours, FocusedCompositor), app.screen
    stock = Compositor.__new__(Compositor)
    stock.__dict__.update(ours.__dict__)
    for areas in areas_to_check(app.screen, rng):
        assert cells_written(ours, areas) == cells_written(stock, areas), (app.current, areas)


async def test_every_screen_sends_the_terminal_what_textual_would() -> None:
    rng = random.Random(SEED)
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        app.answers = Answers.from_document(
            {
                "language": "fr",
                "channel": "letter",
                "request": "refund",
                "details": {"refund": "partial", "refund_amount": "60"},
                "customer": {"first_name": "An", "last_name": "Peeters", "email": "pas-une-adresse"},
                "transaction": {"amount": "1.234,5", "date": "31/02/2026"},
                "description": "Le marchand a remboursé la commande.",
            },
            Path.cwd(),
        )
        for step in ORDER:
            app.goto(step)
            await pilot.pause()
            if step == "transaction":
                await type_text(pilot, "6")  # the amount's read-back shown while typing
                app.screen.ready_to_leave()  # every error under its field
                await pilot.pause()
            assert_same_as_textual(app, rng)


async def test_a_key_in_a_field_repaints_only_what_is_around_the_field() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        app.goto("transaction")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        compositor = app.screen._compositor
        asked: list[str] = []
        for widget in compositor.visible_widgets:
            original = widget.render_lines

            def render_lines(crop: Region, widget: Any = widget, original: Any = original) -> Any:
                asked.append(type(widget).__name__)
                return original(crop)

            widget.render_lines = render_lines  # type: ignore[method-assign]
        cells_written(compositor, [field.region])
        # The field hides the question box, the scrolling body and the screen behind it.
        assert asked == ["CleanInput"]
