"""The one-line field's read-back, drawn after the text on the field's own line."""

from __future__ import annotations

from textual.app import App, ComposeResult
from tui_support import screen_text

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
