"""Ctrl+E with every kind of editor: missing, unreadable, not startable, failing, destructive.

The app's suspension is replaced by a context manager that records whether the terminal was
taken back (a headless run cannot hand the terminal over); the editors really run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_support import SIZE, make_app, plain, record_notifications

from alma_contact.tui.screens.description import FALLBACK_EDITORS, EditorProblem, editor_command

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Suspension:
    """Stands in for ``App.suspend``: counts how often the app stepped aside and came back."""

    def __init__(self) -> None:
        self.entered = 0
        self.resumed = 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self.entered += 1
        yield  # like Textual's own: an exception from the block would skip the resume below
        self.resumed += 1


def script(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    path.chmod(0o755)
    return path


def appends(folder: Path, name: str = "my-editor", code: int = 0) -> Path:
    """An editor that adds a sentence to the file, then exits with ``code``."""
    return script(
        folder,
        name,
        f"#!{sys.executable}\n"
        "import sys\n"
        "from pathlib import Path\n"
        "path = Path(sys.argv[-1])\n"
        "path.write_text(path.read_text(encoding='utf-8') + ' Écrit dans mon éditeur.\\n', encoding='utf-8')\n"
        f"sys.exit({code})\n",
    )


async def edit_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, lang: str = "fr"
) -> tuple[str, str, list[tuple[str, str]], Suspension]:
    """Open a draft, go to its description, press Ctrl+E: the text before and after, the notes."""
    draft = tmp_path / "annulation.toml"
    draft.write_text((EXAMPLES / "cancellation-fr.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(lang, draft_path=draft)
    notes = record_notifications(app)
    suspension = Suspension()
    monkeypatch.setattr(app, "suspend", suspension)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.goto("description")
        await pilot.pause()
        area = app.screen.query_one("#description", TextArea)
        before = area.text
        assert before and app.focused is area
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.return_code is None, "the app stopped"
        assert app.current == "description"
        after = area.text
        assert app.answers.get("description") == after
    assert suspension.entered == suspension.resumed, "the terminal was not taken back"
    return before, after, notes, suspension


def only_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(folder))


async def test_no_editor_set_and_none_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    only_path(monkeypatch, tmp_path / "empty")
    before, after, notes, suspension = await edit_outside(tmp_path, monkeypatch)
    assert suspension.entered == 0
    message, severity = notes[-1]
    assert severity == "error"
    assert "VISUAL et EDITOR ne sont pas définies" in plain(message)
    assert "export EDITOR=nano" in message
    assert after == before


async def test_an_editor_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    before, after, notes, suspension = await edit_outside(tmp_path, monkeypatch, lang="nl")
    assert suspension.entered == 0
    message, severity = notes[-1]
    assert severity == "error"
    assert "“/nonexistent/editor”" in message and "niet gevonden" in message
    assert "export EDITOR=nano" in message
    assert after == before


async def test_a_command_whose_quotes_do_not_pair_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "vim 'x")
    monkeypatch.setenv("EDITOR", "nano")
    _, _, notes, suspension = await edit_outside(tmp_path, monkeypatch, lang="en")
    assert suspension.entered == 0
    message, severity = notes[-1]
    assert severity == "error"
    assert message.startswith("The editor could not start: VISUAL holds “vim 'x”")
    assert "export VISUAL=nano" in message


async def test_an_editor_that_cannot_be_started_gives_the_terminal_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = script(tmp_path / "bin", "broken-editor", "#!/nonexistent/interpreter\n")
    monkeypatch.setenv("EDITOR", str(broken))
    before, after, notes, suspension = await edit_outside(tmp_path, monkeypatch, lang="en")
    assert suspension.entered == suspension.resumed == 1
    assert after == before
    message, severity = notes[-1]
    assert severity == "error"
    assert message.startswith("The editor “") and "/broken-editor” could not start (" in message
    assert "(the program, or the interpreter its first line names, is missing)" in message
    assert "export EDITOR=nano" in message


async def test_rm_as_the_editor_keeps_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "rm")
    before, after, notes, suspension = await edit_outside(tmp_path, monkeypatch, lang="en")
    assert suspension.resumed == 1
    message, severity = notes[-1]
    assert severity == "error"
    assert message.endswith("left no text to take back; the description was kept as it was.")
    assert after == before


async def test_an_editor_that_fails_keeps_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", str(appends(tmp_path / "bin", code=3)))
    before, after, notes, suspension = await edit_outside(tmp_path, monkeypatch)
    assert suspension.resumed == 1
    message, severity = notes[-1]
    assert severity == "error"
    assert "code de sortie 3" in message
    assert after == before


async def test_a_working_editor_gives_its_text_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", f"{appends(tmp_path / 'bin')} --wait")
    before, after, notes, suspension = await edit_outside(tmp_path, monkeypatch)
    assert suspension.resumed == 1
    assert after == before + " Écrit dans mon éditeur."
    assert not [note for note in notes if note[1] == "error"]


async def test_the_fallback_editor_is_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    appends(folder, "nano")
    script(folder, "vi", "#!/bin/sh\nexit 9\n")
    only_path(monkeypatch, folder)
    before, after, notes, _ = await edit_outside(tmp_path, monkeypatch)
    assert after == before + " Écrit dans mon éditeur.", notes


def test_a_long_or_odd_command_is_quoted_escaped_and_cut() -> None:
    problem = editor_command({"PATH": "/nonexistent", "EDITOR": "/opt/" + "x" * 200 + "/ed\x1b[2Jit"})
    assert isinstance(problem, EditorProblem)
    shown = str(problem.params["command"])
    assert "\x1b" not in shown and "\\x1b[2Jit" in shown
    assert len(shown) == 100 and shown.startswith("/opt/x") and "…" in shown


def test_the_fallback_order(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    for name in FALLBACK_EDITORS:
        script(folder, name, "#!/bin/sh\n")
    for name in FALLBACK_EDITORS:
        assert editor_command({"PATH": str(folder)}) == ([str(folder / name)], "EDITOR")
        (folder / name).unlink()
    assert isinstance(editor_command({"PATH": str(folder)}), EditorProblem)
    assert isinstance(editor_command({"PATH": str(folder), "EDITOR": "  "}), EditorProblem)
    script(folder, "vi", "#!/bin/sh\n")
    assert editor_command({"PATH": str(folder), "VISUAL": "", "EDITOR": "vi -n"}) == (
        [str(folder / "vi"), "-n"],
        "EDITOR",
    )
