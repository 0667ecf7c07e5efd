"""The preview's exports in the app: the mail program, the .eml file."""

from __future__ import annotations

import asyncio
import email
import email.policy
import sys
import tracemalloc
from email.message import EmailMessage
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, ProgressBar, Static
from tui_support import SIZE, go_next, make_app, pick_action, plain, record_notifications, settle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def email_draft(folder: Path) -> Path:
    draft = folder / "annulation.toml"
    draft.write_text((EXAMPLES / "cancellation-fr.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return draft


def question_draft(folder: Path) -> Path:
    """A question by email, short enough for a mail link (a claim, with its rights, deadline and
    next step, is often longer than mail programs take in a link)."""
    draft = folder / "question.toml"
    text = (EXAMPLES / "installments-form-fr.toml").read_text(encoding="utf-8")
    text = text.replace('channel = "form"', 'channel = "email"').replace('"missing_payment"', '"schedule"')
    draft.write_text(text, encoding="utf-8")
    return draft


def opener(folder: Path, code: int) -> Path:
    """A stand-in for xdg-open (and open) that records the link and exits with ``code``."""
    folder.mkdir(exist_ok=True)
    for name in ("xdg-open", "open"):
        script = folder / name
        script.write_text(f'#!/bin/sh\nprintf %s "$1" > "{folder}/link"\nexit {code}\n', encoding="utf-8")
        script.chmod(0o755)
    return folder


@pytest.mark.parametrize("case", ["missing", "fails"])
async def test_open_in_the_mail_program_says_why_it_could_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    bin_dir = opener(tmp_path / "bin", 4) if case == "fails" else tmp_path / "empty"
    bin_dir.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(bin_dir))
    app = make_app("fr", draft_path=question_draft(tmp_path))
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        await pick_action(pilot, "open")
        await settle(pilot)
        assert app.return_code is None and app.current == "preview"
        text, severity = notes[-1]
        assert severity == "error"
        tool = "open" if sys.platform == "darwin" else "xdg-open"
        reason = (
            f"{tool} est introuvable"
            if case == "missing"
            else f"{tool} s’est arrêté avec le code de sortie 4"
        )
        assert text.startswith(f"Aucun logiciel de messagerie n’a pu être ouvert ({reason})."), text


async def test_open_in_the_mail_program_hands_it_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = opener(tmp_path / "bin", 0)
    monkeypatch.setenv("PATH", str(bin_dir))
    app = make_app("fr", draft_path=question_draft(tmp_path))
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        await pick_action(pilot, "open")
        await settle(pilot)
        assert notes[-1][1] == "information"
    assert (bin_dir / "link").read_text(encoding="utf-8").startswith("mailto:support@almapay.com?")


BIG = 64 * 1024 * 1024
"""Large enough to show the progress and the mail servers' limit; held whole it would show in memory."""


async def test_a_large_eml_is_streamed_in_the_background_with_its_progress_shown(tmp_path: Path) -> None:
    """The .eml is written as the command line writes it: the evidence streamed, never whole in
    memory, in a thread, while the screen keeps drawing the progress."""
    evidence = tmp_path / "releve-bancaire.pdf"
    with evidence.open("wb") as sparse:
        sparse.truncate(BIG)
    draft = email_draft(tmp_path)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace('request = "cancellation"\n', f'request = "cancellation"\nevidence = ["{evidence}"]\n')
    )
    target = tmp_path / "message.eml"
    app = make_app("fr", draft_path=draft)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        await pick_action(pilot, "save:eml")
        assert notes[-1][1] == "warning" and "67,1 MB" in notes[-1][0]  # the size mail servers refuse
        dialog = app.screen
        assert type(dialog).__name__ == "SaveDialog"
        dialog.query_one("#save-path", Input).value = str(target)

        tracemalloc.start()
        try:
            await pilot.press("enter")
            seen: list[tuple[float, str]] = []
            while app.screen is dialog:  # the screen answers while the file is written
                bar = dialog.query_one("#save-progress", ProgressBar)
                status = plain(str(dialog.query_one("#save-status", Static).render()))
                if bar.display:
                    seen.append((bar.percentage or 0.0, status))
                await asyncio.sleep(0.05)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        await settle(pilot)
        assert peak < 32 * 1024 * 1024, f"the app held {peak / 1e6:.0f} MB while saving"
        assert any(0 < percentage < 1 for percentage, _ in seen), seen
        assert any(status.startswith("Écriture : ") and "sur environ 91,8 MB" in status for _, status in seen)
        assert notes[-1][1] == "information" and str(target) in notes[-1][0]

    with target.open("rb") as saved:
        parsed = email.message_from_binary_file(saved, policy=email.policy.default, _class=EmailMessage)
    (attachment,) = parsed.iter_attachments()
    assert attachment.get_filename() == "releve-bancaire.pdf"
    content = attachment.get_content()
    assert len(content) == BIG and not content.strip(b"\0")


async def test_escape_stops_a_large_save_and_leaves_nothing(tmp_path: Path) -> None:
    evidence = tmp_path / "releve-bancaire.pdf"
    with evidence.open("wb") as sparse:
        sparse.truncate(8 * 1024**3)  # sparse: costs nothing, and takes far longer to write than to stop
    draft = email_draft(tmp_path)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace('request = "cancellation"\n', f'request = "cancellation"\nevidence = ["{evidence}"]\n')
    )
    out = tmp_path / "out"
    out.mkdir()
    app = make_app("en", draft_path=draft)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        await pick_action(pilot, "save:eml")
        dialog = app.screen
        dialog.query_one("#save-path", Input).value = str(out / "message.eml")
        await pilot.press("enter")
        while dialog.is_attached and not dialog.query_one("#save-progress").display:
            await asyncio.sleep(0.01)
        assert dialog.writing
        await pilot.press("escape")
        await settle(pilot)
        assert not dialog.is_attached and app.current == "preview"
        assert notes[-1] == ("Saving stopped: nothing was written.", "warning")
    assert list(out.iterdir()) == []


async def test_a_claim_by_letter_offers_the_registered_letter_first(tmp_path: Path) -> None:
    """A letter that claims (a deadline and a next step) is best sent by registered post: the preview
    offers that PDF first, and it carries the mention."""
    import subprocess

    letter = tmp_path / "lettre.toml"
    text = (EXAMPLES / "cancellation-fr.toml").read_text(encoding="utf-8")
    letter.write_text(text.replace('channel = "email"', 'channel = "letter"'), encoding="utf-8")
    target = tmp_path / "recommandee.pdf"
    app = make_app("fr", draft_path=letter)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        actions = app.screen.query_one("#actions", OptionList)
        ids = [actions.get_option_at_index(i).id for i in range(actions.option_count)]
        assert ids.index("save:registered") == ids.index("save:pdf") - 1, ids
        await pick_action(pilot, "save:registered")
        dialog = app.screen
        assert type(dialog).__name__ == "SaveDialog"
        dialog.query_one("#save-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    printed = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Lettre recommandée" in printed


def test_only_a_claim_is_marked_as_one() -> None:
    from datetime import date as day

    from alma_contact.drafts import load
    from alma_contact.render import build

    claim = load(EXAMPLES / "cancellation-fr.toml", today=day(2026, 11, 26))
    question = load(EXAMPLES / "installments-form-fr.toml", today=day(2026, 11, 26))
    assert build(claim, today=day(2026, 11, 26)).extra["claims"] is True
    assert build(question, today=day(2026, 11, 26)).extra["claims"] is False
