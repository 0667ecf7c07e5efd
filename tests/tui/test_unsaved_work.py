"""Answers are never thrown away unasked. When the draft store cannot be used (here: its folder
is a file), Ctrl+Q, the palette's Quit, New request and opening another draft ask first when the
answers changed since they were last saved or opened. (With a store they are kept there instead:
test_kept_drafts.py.)"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from tui_support import SIZE, choose, make_app, plain, screen_text, settle, type_text

from alma_contact.tui.app import AlmaContactApp


@pytest.fixture(autouse=True)
def no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that cannot be opened: a file stands where its folder should be."""
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("", encoding="utf-8")
    monkeypatch.setenv("ALMA_CONTACT_DATA_DIR", str(in_the_way))


async def start_a_refund(pilot: Any) -> None:
    """New request, then one answer given: the draft now differs from a fresh one."""
    app: AlmaContactApp = pilot.app
    await pilot.press("enter")  # the focus starts on "New request"
    await pilot.pause()
    assert app.current == "request"
    await choose(pilot, "request", "refund")


def asking(app: AlmaContactApp) -> bool:
    return type(app.screen).__name__ == "UnsavedDialog"


async def test_a_fresh_app_quits_at_once_on_ctrl_q() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # a new request, nothing typed yet: nothing to lose
        await pilot.pause()
        assert app.current == "request"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not asking(app)
        assert app.return_code == 0


async def test_ctrl_q_asks_and_escape_stays_with_every_answer() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert asking(app), "Ctrl+Q quit with unsaved answers"
        text = plain(screen_text(app))
        assert "Enregistrer le brouillon" in text
        assert "Quitter sans enregistrer" in text
        assert "Rester" in text
        assert "avant de quitter ?" in text
        # A second Ctrl+Q (or one more in a paste) does not stack questions, nor quit.
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert len(app.screen_stack) == 3 and app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        assert not asking(app) and app.return_code is None
        assert app.current == "request" and app.answers.get("request") == "refund"


async def test_quit_without_saving_is_chosen_with_the_keyboard() -> None:
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert asking(app)
        assert "Afsluiten zonder opslaan" in plain(screen_text(app))
        assert app.focused is not None and app.focused.id == "save"
        await pilot.press("down")
        assert app.focused.id == "discard"
        await pilot.press("enter")
        await pilot.pause()
        assert app.return_code == 0


async def test_save_then_quit_writes_the_draft_before_quitting(isolated: Path) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")  # "Save the draft" has the focus
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveDialog"
        await pilot.press("escape")  # cancelling the save stays in the app
        await pilot.pause()
        assert app.return_code is None and app.current == "request"

        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the proposed name
        await settle(pilot)
        assert app.return_code == 0
    saved = isolated / "alma-draft.toml"
    assert tomllib.loads(saved.read_text(encoding="utf-8"))["request"] == "refund"


async def test_after_ctrl_s_quitting_does_not_ask_until_an_answer_changes(isolated: Path) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert (isolated / "alma-draft.toml").is_file()
        assert not app.unsaved
        saved_refund = app.answers.get("details.refund")
        await choose(pilot, "details.refund", "partial")
        assert app.unsaved
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert asking(app)
        await pilot.press("escape")
        await pilot.pause()
        app.answers.set("details.refund", saved_refund)  # back to what was saved
        assert not app.unsaved
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_an_opened_draft_quits_at_once_until_it_is_changed(tmp_path: Path) -> None:
    draft = tmp_path / "refus.toml"
    examples = Path(__file__).resolve().parents[2] / "examples"
    draft.write_text((examples / "refused-payment-nl.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app("fr", draft_path=draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current == "review" and not app.unsaved
        app.answers.set("customer.first_name", "Piet")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert asking(app)


async def test_the_palettes_quit_asks_too() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        commands = [c for c in app.get_system_commands(app.screen) if c.callback == app.action_quit]
        assert len(commands) == 1
        app.call_later(commands[0].callback)  # what the palette does with the chosen command
        await pilot.pause()
        assert asking(app)
        assert app.return_code is None


async def test_new_request_from_the_start_screen_asks_before_starting_over() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("escape")  # one Escape too many: back on the start screen
        await pilot.pause()
        assert app.current == "start"
        await pilot.press("enter")
        await pilot.pause()
        assert asking(app)
        text = plain(screen_text(app))
        assert "avant de commencer une nouvelle demande ?" in text
        assert "Recommencer sans enregistrer" in text
        await pilot.click("#stay")
        await pilot.pause()
        assert app.current == "start" and app.answers.get("request") == "refund"

        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
        assert app.current == "request" and app.answers.get("request") != "refund"
        assert not app.unsaved


async def test_opening_another_draft_asks_first(tmp_path: Path) -> None:
    draft = tmp_path / "refus.toml"
    examples = Path(__file__).resolve().parents[2] / "examples"
    draft.write_text((examples / "refused-payment-nl.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, str(draft))
        await pilot.press("enter")
        await pilot.pause()
        assert asking(app)
        assert "avant d’en ouvrir un autre ?" in plain(screen_text(app))
        await pilot.click("#discard")
        await pilot.pause()
        assert app.current == "review" and app.answers.get("customer.last_name") == "Janssens"
