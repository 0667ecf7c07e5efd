"""Compiled templates kept between runs: used when possible, never a reason to fail."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from alma_contact import languages, render


@pytest.fixture
def fresh_environment() -> Iterator[None]:
    render.environment.cache_clear()
    yield
    render.environment.cache_clear()


PHRASES = f"{languages.DEFAULT}/{render.PHRASES}"


def _compile_message() -> str:
    """Load the first language's phrases and call one: the compiled code must work."""
    env = render.environment()
    env.get_template(PHRASES)
    phrases = env.get_template(PHRASES).module
    return env.from_string("{{ 6 * 7 }}").render() + str(phrases.heading()) + env.get_template(PHRASES).name


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


def test_another_version_compiles_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    """The phrases' syntax rules are code: another version's compiled phrases are never reused."""
    monkeypatch.setenv("ALMA_CONTACT_CACHE", str(tmp_path))
    first = _compile_message()
    kept = {p.name for p in tmp_path.glob("__jinja2_*.cache")}
    for changed in ("version", "syntax"):
        if changed == "version":
            monkeypatch.setattr(render, "__version__", "0.0.0-other")
        else:
            monkeypatch.setattr(render.PhrasesSyntax, "version", render.PhrasesSyntax.version + 1)
        render.environment.cache_clear()
        assert _compile_message() == first
        now = {p.name for p in tmp_path.glob("__jinja2_*.cache")}
        assert now > kept, f"the compiled phrases of before were reused after a change of {changed}"
        kept = now


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

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert _compile_message()
    assert not list(tmp_path.glob("__jinja2_*.cache"))


def test_an_empty_setting_turns_the_cache_off(
    monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    monkeypatch.setenv("ALMA_CONTACT_CACHE", "")
    assert render.environment().bytecode_cache is None


# --- a cache someone else could have written is never loaded -----------------------------------


class _Poison:
    """Unpickled, it leaves a file behind: proof that code from the cache ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


def _poison(folder: Path, names: list[str], marker: Path) -> None:
    """Cache files under the names Jinja looks for, holding a pickle that runs code."""
    from jinja2.bccache import bc_magic

    for name in names:
        (folder / name).write_bytes(bc_magic + pickle.dumps(_Poison(marker), protocol=2))


def _cache_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    clean = tmp_path / "clean"
    monkeypatch.setenv("ALMA_CONTACT_CACHE", str(clean))
    _compile_message()
    render.environment.cache_clear()
    names = sorted(p.name for p in clean.glob("__jinja2_*.cache"))
    assert names
    return names


def _render_with_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("ALMA_CONTACT_CACHE", str(folder))
    render.environment.cache_clear()
    return _compile_message()


def test_the_poison_would_run_from_a_folder_of_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    """The check of the checks: a poisoned file in the user's own cache does run (the user wrote it)."""
    names = _cache_names(tmp_path, monkeypatch)
    folder = tmp_path / "ours"
    folder.mkdir(mode=0o700)
    marker = tmp_path / "ran"
    _poison(folder, names, marker)
    _render_with_cache(folder, monkeypatch)
    assert marker.exists()


@pytest.mark.parametrize("how", ["another user", "group-writable", "writable by all", "a link"])
def test_a_folder_others_could_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None, how: str
) -> None:
    names = _cache_names(tmp_path, monkeypatch)
    expected = _render_with_cache(tmp_path / "clean", monkeypatch)
    folder = tmp_path / "prepared"
    folder.mkdir(mode=0o700)
    marker = tmp_path / "ran"
    _poison(folder, names, marker)
    used = folder
    if how == "another user":
        if os.geteuid() != 0:
            pytest.skip("giving a folder to another user needs root")
        os.chown(folder, 65534, 65534)
    elif how == "group-writable":
        folder.chmod(0o770)
    elif how == "writable by all":
        folder.chmod(0o1777)
    else:
        used = tmp_path / "link"
        used.symlink_to(folder)
    before = sorted(p.name for p in folder.iterdir())
    assert _render_with_cache(used, monkeypatch) == expected
    assert not marker.exists(), "code from the cache ran"
    assert sorted(p.name for p in folder.iterdir()) == before  # and nothing written there either


@pytest.mark.parametrize("how", ["another user", "group-writable", "a link"])
def test_a_file_others_could_write_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None, how: str
) -> None:
    names = _cache_names(tmp_path, monkeypatch)
    expected = _render_with_cache(tmp_path / "clean", monkeypatch)
    folder = tmp_path / "ours"
    folder.mkdir(mode=0o700)
    marker = tmp_path / "ran"
    if how == "a link":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        _poison(elsewhere, names, marker)
        for name in names:
            (folder / name).symlink_to(elsewhere / name)
    else:
        _poison(folder, names, marker)
        for name in names:
            if how == "another user":
                if os.geteuid() != 0:
                    pytest.skip("giving a file to another user needs root")
                os.chown(folder / name, 65534, 65534)
            else:
                (folder / name).chmod(0o620)
    assert _render_with_cache(folder, monkeypatch) == expected
    assert not marker.exists(), "code from the cache ran"


def test_a_new_cache_folder_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_environment: None
) -> None:
    old = os.umask(0)
    try:
        _render_with_cache(tmp_path / "new" / "cache", monkeypatch)
    finally:
        os.umask(old)
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700
    kept = list((tmp_path / "new" / "cache").glob("__jinja2_*.cache"))
    assert kept and all(p.stat().st_mode & 0o777 == 0o600 for p in kept)
