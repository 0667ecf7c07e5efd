"""The one-line field's read-back, drawn after the text on the field's own line."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, Label
from tui_support import screen_text, type_text

from alma_contact.tui.widgets.inputs import CleanInput


class OneField(App[None]):
    CSS = "CleanInput { width: 40; }"

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        yield CleanInput(self.value, read_back=lambda text: f"= {text.upper()}")


async def test_the_read_back_follows_the_text_when_there_is_room() -> None:
    app = OneField("abc")
    async with app.run_test(size=(60, 5)) as pilot:
        field = app.query_one(CleanInput)
        assert field.read_back == "= ABC"
        assert screen_text(app).splitlines()[1].split() == ["▊", "abc", "=", "ABC", "▎"]
        await pilot.press("end", "d")
        assert field.read_back == "= ABCD"
        assert "= ABCD" in screen_text(app)
        await pilot.press("ctrl+u")
        assert field.read_back == ""


async def test_the_text_comes_first_when_both_do_not_fit() -> None:
    app = OneField("a" * 20)
    async with app.run_test(size=(60, 5)) as pilot:
        field = app.query_one(CleanInput)
        assert field.read_back == "= " + "A" * 20
        line = screen_text(app).splitlines()[1]
        assert "a" * 20 in line and "=" not in line
        await pilot.press("ctrl+u", *"short")
        assert "short" in screen_text(app) and "= SHORT" in screen_text(app)


class Fields(App[None]):
    """A field among other widgets, as on a step; ``bare`` puts Textual's own Input there."""

    CSS = "Input { width: 40; }"

    def __init__(self, bare: bool = False) -> None:
        super().__init__()
        self.bare = bare

    def compose(self) -> ComposeResult:
        yield Label("Amount")
        yield Input() if self.bare else CleanInput(read_back=lambda text: f"= {text}")
        yield Label("", id="below")


async def layouts_while_typing(app: Fields, text: str) -> int:
    """How many times the screen is laid out while ``text`` is typed into the field."""
    async with app.run_test(size=(60, 8)) as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(app.screen, layouts.append)
        for char in text:
            await pilot.press(char)
        assert app.query_one(Input).value == text
        return len(layouts)


async def test_typing_lays_out_nothing() -> None:
    text = "1234,56"
    assert await layouts_while_typing(Fields(bare=True), text) >= len(text)  # the count sees layouts
    assert await layouts_while_typing(Fields(), text) == 0


async def test_a_text_longer_than_the_field_scrolls_to_the_cursor() -> None:
    app = OneField("")
    async with app.run_test(size=(60, 5)) as pilot:
        field = app.query_one(CleanInput)
        field.focus()
        text = "first" + "-" * 50 + "last"
        await type_text(pilot, text)
        assert field.value == text
        assert field.scroll_offset.x > 0
        line = screen_text(app).splitlines()[1]
        assert "---last" in line and "first" not in line
        await pilot.press("home")
        assert field.scroll_offset.x == 0
        line = screen_text(app).splitlines()[1]
        assert "first---" in line and "last" not in line


async def test_the_read_back_takes_the_colours_of_a_new_theme() -> None:
    app = OneField("abc")
    async with app.run_test(size=(60, 5)) as pilot:
        field = app.query_one(CleanInput)
        app.theme = "textual-dark"
        await pilot.pause()
        screen_text(app)
        dark = field.read_back_style
        assert dark is not None and dark == field.get_component_rich_style("clean-input--read-back")
        app.theme = "textual-light"
        await pilot.pause()
        screen_text(app)
        light = field.read_back_style
        assert light == field.get_component_rich_style("clean-input--read-back")
        assert light is not None and light.color != dark.color


async def test_the_read_back_style_follows_the_focus() -> None:
    app = Fields()
    async with app.run_test(size=(60, 8)) as pilot:
        field = app.query_one(CleanInput)
        field.value = "12"
        for focused in (True, False, True):
            field.focus() if focused else field.blur()
            await pilot.pause()
            screen_text(app)
            assert field.has_focus is focused
            assert field.read_back_style == field.get_component_rich_style("clean-input--read-back")
