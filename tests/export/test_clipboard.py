"""The clipboard: fake clipboard programs on PATH stand in for the real ones."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from alma_contact.export import clipboard

from .conftest import DESCRIPTION, DraftFactory, Runner, cli_env


def _tool(folder: Path, name: str, body: str) -> Path:
    """A shell script named like a clipboard program; it keeps what it reads in ``name``.txt."""
    folder.mkdir(exist_ok=True)
    record = folder / f"{name}.txt"
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body.format(record=record)}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return record


KEEPS = 'cat > "{record}"'
FAILS = 'cat > /dev/null; echo "Error: Can\'t open display: :99" >&2; exit 1'


def _env(bin_dir: Path, **extra: str) -> dict[str, str]:
    """Only the fake tools, and the folders of cat and sleep; no display unless given."""
    env = {"PATH": os.pathsep.join([str(bin_dir), "/usr/bin", "/bin"])}
    env.update(extra)
    return env


def test_first_working_tool_wins(tmp_path: Path) -> None:
    wl = _tool(tmp_path, "wl-copy", KEEPS)
    xclip = _tool(tmp_path, "xclip", KEEPS)
    result = clipboard.copy(
        "Łukasz € « x »\nligne 2", _env(tmp_path, WAYLAND_DISPLAY="wayland-0", DISPLAY=":0")
    )
    assert result.ok and result.tool == "wl-copy"
    assert wl.read_text(encoding="utf-8") == "Łukasz € « x »\nligne 2"
    assert not xclip.exists()


def test_tools_without_their_display_are_skipped(tmp_path: Path) -> None:
    wl = _tool(tmp_path, "wl-copy", KEEPS)
    xclip = _tool(tmp_path, "xclip", KEEPS)
    result = clipboard.copy("texte", _env(tmp_path))
    assert not result.ok
    assert result.attempts == ()  # nothing was even tried: no display
    assert not wl.exists() and not xclip.exists()


def test_a_failing_tool_falls_through_to_the_next(tmp_path: Path) -> None:
    _tool(tmp_path, "xclip", FAILS)
    xsel = _tool(tmp_path, "xsel", KEEPS)
    result = clipboard.copy("texte", _env(tmp_path, DISPLAY=":99"))
    assert result.tool == "xsel"
    assert [(a.tool, a.text("en")) for a in result.attempts] == [
        ("xclip", "it said: Error: Can't open display: :99")
    ]
    assert xsel.read_text(encoding="utf-8") == "texte"


def test_clip_exe_gets_utf16_and_crlf(tmp_path: Path) -> None:
    record = _tool(tmp_path, "clip.exe", KEEPS)
    assert clipboard.copy("Őrs €\nfin", _env(tmp_path)).tool == "clip.exe"
    data = record.read_bytes()
    assert data.decode("utf-16") == "Őrs €\r\nfin"
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")  # a byte order mark, so Windows reads Unicode


def test_pbcopy_runs_in_a_utf8_locale(tmp_path: Path) -> None:
    record = _tool(tmp_path, "pbcopy", 'cat > "{record}"; echo "$LC_CTYPE" > "{record}.locale"')
    assert clipboard.copy("é", _env(tmp_path, LANG="C")).tool == "pbcopy"
    assert record.read_text(encoding="utf-8") == "é"
    assert Path(f"{record}.locale").read_text().strip() == "UTF-8"


def test_a_hanging_tool_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipboard, "TIMEOUT", 0.5)
    _tool(tmp_path, "xclip", "exec sleep 30")
    xsel = _tool(tmp_path, "xsel", KEEPS)
    started = time.monotonic()
    result = clipboard.copy("texte", _env(tmp_path, DISPLAY=":0"))
    assert time.monotonic() - started < 5
    assert result.tool == "xsel"
    assert result.attempts[0].text("en") == "no answer after 0.5 s"
    assert xsel.exists()


def test_a_tool_that_stays_in_the_background_does_not_block(tmp_path: Path) -> None:
    """xclip and wl-copy leave a process holding the clipboard, with our output handles open."""
    record = _tool(tmp_path, "xclip", 'cat > "{record}"; (sleep 8 &) ; exit 0')
    started = time.monotonic()
    result = clipboard.copy("texte", _env(tmp_path, DISPLAY=":0"))
    assert time.monotonic() - started < 5
    assert result.tool == "xclip"
    assert record.read_text(encoding="utf-8") == "texte"


# --- alma-contact copy ----------------------------------------------------------------------


@pytest.mark.parametrize("part", ["subject", "body", "all"])
def test_copy_command(
    draft_file: DraftFactory, run: Runner, rendered_json, tmp_path: Path, part: str
) -> None:
    bin_dir = tmp_path / "bin"
    record = _tool(bin_dir, "xsel", KEEPS)
    draft = draft_file()
    expected = rendered_json(draft)
    env = cli_env(tmp_path, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", DISPLAY=":0")
    result = run("copy", draft, "--part", part, env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert "xsel" in result.stdout.decode()
    copied = record.read_text(encoding="utf-8")
    assert copied == {"subject": expected["subject"], "body": expected["body"], "all": expected["text"]}[part]
    if part != "subject":
        assert DESCRIPTION in copied


def test_copy_command_letter_and_form(
    draft_file: DraftFactory, run: Runner, rendered_json, tmp_path: Path
) -> None:
    bin_dir = tmp_path / "bin"
    record = _tool(bin_dir, "xsel", KEEPS)
    env = cli_env(tmp_path, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", DISPLAY=":0")
    for channel in ("letter", "form"):
        draft = draft_file(channel=channel)
        assert run("copy", draft, env=env).returncode == 0
        assert record.read_text(encoding="utf-8") == rendered_json(draft)["text"]


def test_copy_command_without_any_tool(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    draft = draft_file()
    started = time.monotonic()
    result = run("copy", draft, env=cli_env(tmp_path, PATH=str(empty)))
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    said = result.stderr.decode()
    assert "no clipboard tool was found" in said
    assert f"alma-contact render {draft} -o message.txt" in said


def test_copy_command_when_every_tool_fails(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    _tool(bin_dir, "xclip", FAILS)
    _tool(bin_dir, "xsel", "cat > /dev/null; exit 4")
    env = cli_env(tmp_path, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", DISPLAY=":99")
    result = run("copy", draft_file(), env=env)
    assert result.returncode == 1
    said = result.stderr.decode()
    assert "xclip: it said: Error: Can't open display: :99" in said
    assert "xsel: exit status 4" in said
    assert "-o message.txt" in said
