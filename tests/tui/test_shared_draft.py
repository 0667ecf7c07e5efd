"""A draft received from someone else: the app says where the message would go."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList, Static
from tui_support import SIZE, go_next, make_app, pick_action, save_as

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _shared_draft(tmp_path: Path) -> Path:
    text = (EXAMPLES / "refused-payment-nl.toml").read_text(encoding="utf-8")
    draft = tmp_path / "gedeeld.toml"
    draft.write_text(
        text.replace('channel = "letter"', 'channel = "email"')
        + '\n[recipient]\nemail = "collect@attacker.example"\n',
        encoding="utf-8",
    )
    return draft


async def test_the_checklist_and_the_preview_show_a_recipient_that_is_not_alma(tmp_path: Path) -> None:
    app = make_app("en", draft_path=_shared_draft(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current == "review"
        checklist = app.screen.query_one("#checklist", OptionList)
        lines = [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]
        flagged = [line for line in lines if "collect@attacker.example" in line]
        assert flagged and "not to Alma's usual address" in flagged[0]
        await go_next(pilot, "preview")
        note = str(app.screen.query_one("#recipient-note", Static).render())
        assert note.startswith("This email goes to collect@attacker.example")


async def test_the_preview_says_nothing_for_alma(tmp_path: Path) -> None:
    draft = tmp_path / "alma.toml"
    text = (EXAMPLES / "refused-payment-nl.toml").read_text(encoding="utf-8")
    draft.write_text(text.replace('channel = "letter"', 'channel = "email"'), encoding="utf-8")
    app = make_app("en", draft_path=draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        assert str(app.screen.query_one("#recipient-note", Static).render()) == ""


async def test_saving_an_eml_whose_evidence_changed_says_so_and_writes_nothing(tmp_path: Path) -> None:
    source = EXAMPLES / "refund-partial-fr.toml"
    folder = tmp_path / "draft"
    shutil.copytree(EXAMPLES / "evidence", folder / "evidence")
    draft = folder / source.name
    draft.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app("en", draft_path=draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        evidence = sorted((folder / "evidence").iterdir())[0]
        evidence.write_bytes(evidence.read_bytes() + b"grown after the check")
        await pick_action(pilot, "save:eml")
        target = tmp_path / "message.eml"
        await save_as(pilot, target)
        said = str(app.screen.query_one("#save-error", Static).render())
        assert f"“{evidence.name}” changed after the draft was checked" in said
    assert not target.exists()
