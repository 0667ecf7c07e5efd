"""The preview's exports in the app: the mail program, the .eml file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tui_support import SIZE, go_next, make_app, pick_action, record_notifications, settle

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def email_draft(folder: Path) -> Path:
    draft = folder / "annulation.toml"
    draft.write_text((EXAMPLES / "cancellation-fr.toml").read_text(encoding="utf-8"), encoding="utf-8")
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
    app = make_app("fr", draft_path=email_draft(tmp_path))
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
    app = make_app("fr", draft_path=email_draft(tmp_path))
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        await pick_action(pilot, "open")
        await settle(pilot)
        assert notes[-1][1] == "information"
    assert (bin_dir / "link").read_text(encoding="utf-8").startswith("mailto:support@getalma.eu?")
