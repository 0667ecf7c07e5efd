"""Compiled templates kept between runs: used when possible, never a reason to fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from alma_contact import render


@pytest.fixture
def fresh_environment() -> Iterator[None]:
    render.environment.cache_clear()
    yield
    render.environment.cache_clear()


def _compile_message() -> str:
    """Load the French wording and render a layout with it: the compiled code must work."""
    env = render.environment()
    env.get_template("fr/message.j2")
    return env.from_string("{{ 6 * 7 }}").render() + env.get_template("fr/message.j2").name


def test_templates_are_kept_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    monkeypatch.setenv("ALMA_CONTACT_CACHE", str(tmp_path / "cache"))
    first = _compile_message()
    kept = sorted((tmp_path / "cache").glob("__jinja2_*.cache"))
    assert kept, "the compiled template was not kept"
    stamps = [p.stat().st_mtime_ns for p in kept]
    render.environment.cache_clear()
    assert _compile_message() == first
    assert [p.stat().st_mtime_ns for p in kept] == stamps  # read back, not written again


def test_a_damaged_cache_file_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    monkeypatch.setenv("ALMA_CONTACT_CACHE", str(tmp_path))
    first = _compile_message()
    for kept in tmp_path.glob("__jinja2_*.cache"):
        kept.write_bytes(b"not a compiled template")
    render.environment.cache_clear()
    assert _compile_message() == first


def test_a_cache_folder_that_cannot_be_made_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ALMA_CONTACT_CACHE", str(blocker / "cache"))
    assert render.environment().bytecode_cache is None
    assert _compile_message()


def test_a_cache_that_cannot_be_written_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    monkeypatch.setenv("ALMA_CONTACT_CACHE", str(tmp_path))

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", refuse)
    assert _compile_message()
    assert not list(tmp_path.glob("__jinja2_*.cache"))


def test_an_empty_setting_turns_the_cache_off(
    monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    monkeypatch.setenv("ALMA_CONTACT_CACHE", "")
    assert render.environment().bytecode_cache is None
