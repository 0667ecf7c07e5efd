"""Every test of the terminal app runs in a world of its own.

No user config, no real home folder, a scratch working folder, no editor and
no colour switch from the machine: what a test sees does not depend on who
runs it, where, or when (the app gets a fixed "today").
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working folder (returned), an empty home, no user config file and a store of its own."""
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("ALMA_CONTACT_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("ALMA_CONTACT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("NO_COLOR", "VISUAL", "EDITOR", "TEXTUAL_ANIMATIONS", "TEXTUAL_THEME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(work)
    return work
