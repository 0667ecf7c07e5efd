"""The answers kept in the draft store as they are typed: saved within a second and when a screen
is left, offered again on the first screen, resumed by number, never silently replaced by another
window's save; quitting and starting anew keep them without asking."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.widgets import OptionList
from tui_support import SIZE, choose, fill, make_app, plain, record_notifications, screen_text, settle

from alma_contact.store import Store
from alma_contact.tui.app import AlmaContactApp


def store() -> Store:
    return Store.open(Path(os.environ["ALMA_CONTACT_DATA_DIR"]))


def kept() -> list[dict[str, Any]]:
    """Every draft of the store, the last changed first."""
    with store() as drafts:
        return [drafts.get(listed.id).document for listed in drafts.listed()]


async def start_a_refund(pilot: Any) -> None:
    await pilot.press("enter")  # the focus starts on "New request"
    await pilot.pause()
    await choose(pilot, "request", "refund")


DOCUMENT: dict[str, Any] = {
    "language": "fr",
    "channel": "email",
    "request": "refund",
    "description": "Le commerçant a confirmé le remboursement le 3 octobre.",
    "evidence": [],
    "customer": {"first_name": "Élise", "last_name": "Lefèvre", "country": "BE"},
    "transaction": {"amount": "449,90", "date": "14/9/2026"},
    "details": {"refund": "full"},
}


async def test_a_fresh_app_keeps_nothing() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause(1.3)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert kept() == []


async def test_the_answers_are_kept_within_a_second_and_when_a_screen_is_left() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.pause(1.3)  # the keeper looks every second
        [document] = kept()
        assert document["request"] == "refund"
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "customer.first_name", "Annelies")
        await pilot.pause(1.3)
        assert kept()[0]["customer"]["first_name"] == "Annelies"
        await fill(pilot, "customer.last_name", "Peeters", leave=False)
        await pilot.press("escape")  # the screen is left: kept at once, with no wait
        await pilot.pause()
        assert kept()[0]["customer"]["last_name"] == "Peeters"
        assert len(kept()) == 1, "one draft, saved again"


async def test_quitting_keeps_the_answers_without_asking() -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ != "UnsavedDialog"
    assert app.return_code == 0
    assert kept()[0]["request"] == "refund"


async def test_a_new_request_keeps_the_last_one_and_says_its_number() -> None:
    app = make_app("en")
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.current == "start"
        await pilot.press("enter")  # New request
        await pilot.pause()
        assert app.current == "request" and app.answers.get("request") == ""
        assert any("@1" in message for message, _ in shown), shown
        await choose(pilot, "request", "fees")
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert [d["request"] for d in kept()] == ["fees", "refund"]


async def test_the_first_screen_offers_the_drafts_and_one_is_resumed() -> None:
    with store() as drafts:
        older = drafts.save(DOCUMENT, Path.cwd())
        drafts.save({**DOCUMENT, "request": "other", "customer": {"first_name": "Sofie"}}, Path.cwd())
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        offered = app.screen.query_one("#drafts", OptionList)
        lines = [plain(str(offered.get_option_at_index(i).prompt)) for i in range(offered.option_count)]
        assert len(lines) == 2
        assert lines[0].startswith("Sofie · Autre chose")
        assert lines[1].startswith("Élise Lefèvre · Un remboursement · 449,90")
        offered.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.current == "review"
        assert app.answers.get("customer.last_name") == "Lefèvre"
        assert not app.unsaved
        app.answers.set("customer.first_name", "Elise")
        await pilot.pause(1.3)
    with store() as drafts:
        again = drafts.get(older.id)
    assert again.revision == 2 and again.document["customer"]["first_name"] == "Elise"
    assert len(kept()) == 2


async def test_a_draft_of_the_store_is_opened_by_its_number() -> None:
    with store() as drafts:
        saved = drafts.save(DOCUMENT, Path.cwd())
    app = make_app("nl", draft_ref=saved.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.current == "review" and app.answers.get("transaction.amount") == "449,90"


async def test_another_windows_save_is_said_and_neither_version_is_lost() -> None:
    with store() as drafts:
        saved = drafts.save(DOCUMENT, Path.cwd())
    app = make_app("en", draft_ref=saved.id)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        with store() as elsewhere:  # another window saves the same draft
            elsewhere.save(
                {**DOCUMENT, "description": "from the other window"}, Path.cwd(), draft_id=saved.id
            )
        await pilot.pause(1.3)
        assert any("another window" in message for message, _ in shown), shown
        app.answers.set("description", "from this window")
        await pilot.pause(1.3)
        assert sum("another window" in message for message, _ in shown) == 2, shown
    with store() as drafts:
        assert drafts.get(saved.id).document["description"] == "from this window"
        assert [doc["description"] for _, _, doc in drafts.versions(saved.id)] == ["from the other window"]


async def test_a_draft_file_opened_is_kept_once_changed(tmp_path: Path) -> None:
    draft = tmp_path / "refus.toml"
    examples = Path(__file__).resolve().parents[2] / "examples"
    draft.write_text((examples / "refused-payment-nl.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app("fr", draft_path=draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(1.3)
        assert kept() == [], "opening is no change"
        app.answers.set("customer.first_name", "Piet")
        await pilot.pause(1.3)
    with store() as drafts:
        [listed] = drafts.listed()
        stored = drafts.get(listed.id)
    assert stored.source == draft and stored.document["customer"]["first_name"] == "Piet"


async def test_a_changed_evidence_file_is_said_on_resume(tmp_path: Path) -> None:
    evidence = tmp_path / "preuve.pdf"
    evidence.write_bytes(b"%PDF-1.4 first")
    with store() as drafts:
        saved = drafts.save({**DOCUMENT, "evidence": [str(evidence)]}, tmp_path)
    evidence.write_bytes(b"%PDF-1.4 replaced by another file")
    app = make_app("en", draft_ref=saved.id)
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.current == "review"
    assert any("preuve.pdf" in message and "changed" in message for message, _ in shown), shown


async def test_a_store_that_cannot_be_used_is_said_and_the_app_goes_on(
    tmp_path: Path, monkeypatch: Any
) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("mine", encoding="utf-8")
    monkeypatch.setenv("ALMA_CONTACT_DATA_DIR", str(in_the_way))
    app: AlmaContactApp = make_app("en")
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await start_a_refund(pilot)
        await pilot.pause(1.3)
        assert [severity for message, severity in shown if "cannot be kept" in message] == ["warning"]
        assert "Ctrl+S" in next(message for message, _ in shown if "cannot be kept" in message)
        await pilot.pause(1.3)
        assert sum("cannot be kept" in message for message, _ in shown) == 1, "said once"
        assert "Ctrl+S" in plain(screen_text(app)) or app.current == "request"
    assert in_the_way.read_text(encoding="utf-8") == "mine"
