"""``alma-contact drafts …`` and ``@NUMBER``, through real processes, each with a store of its own."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from cli_support import Run, assert_clean_failure


def _import(run: Run, path: Path) -> str:
    result = run("drafts", "import", str(path))
    assert result.code == 0, result
    ref = result.err.strip().rsplit(" ", 1)[-1].rstrip(".")
    assert ref.startswith("@"), result.err
    return ref


def test_an_empty_store_lists_nothing(run: Run, tmp_path: Path) -> None:
    result = run("drafts", "list")
    assert result.code == 0 and result.out == ""
    assert str(tmp_path / "data") in result.err
    assert run("drafts", "list", "--format", "json").json() == []


def test_import_list_show(run: Run, draft: Path, tmp_path: Path) -> None:
    ref = _import(run, draft)
    assert ref == "@1"
    listed = run("drafts", "list", "--format", "json").json()
    assert [
        {k: row[k] for k in ("id", "name", "request", "amount", "channel", "language")} for row in listed
    ] == [
        {
            "id": 1,
            "name": "An Peeters",
            "request": "refund",
            "amount": "1.234,56",
            "channel": "email",
            "language": "fr",
        }
    ]
    text = run("drafts", "list", lang="fr_BE.UTF-8").out
    assert text.startswith("@1  ") and "An Peeters" in text and "Un remboursement" in text
    shown = run("drafts", "show", "1")
    assert shown.code == 0 and str(draft) in shown.out
    assert tomllib.loads(shown.out)["customer"]["last_name"] == "Peeters"  # the comments aside, a draft file
    data = tmp_path / "data"
    assert stat.S_IMODE(os.stat(data / "drafts.sqlite3").st_mode) == 0o600


def test_export_then_import_gives_the_same_draft(run: Run, draft: Path, tmp_path: Path) -> None:
    _import(run, draft)
    (tmp_path / "elsewhere").mkdir()
    exported = tmp_path / "elsewhere" / "moved.toml"
    assert run("drafts", "export", "@1", "-o", str(exported)).code == 0
    again = tmp_path / "elsewhere" / "again.toml"
    assert run("drafts", "export", "@1", "-o", str(again)).code == 0
    original = tomllib.loads(draft.read_text(encoding="utf-8"))
    moved = tomllib.loads(exported.read_text(encoding="utf-8"))
    # The evidence path is written to name the same file from the new folder.
    assert (exported.parent / moved.pop("evidence")[0]).resolve() == (tmp_path / "confirmation.pdf").resolve()
    original.pop("evidence")
    assert moved == original
    assert _import(run, exported) == "@2"
    first, second = (run("render", ref, "--format", "json").json() for ref in ("@1", "@2"))
    assert first["body"] == second["body"] and first["attachments"] == second["attachments"]
    refused = run("drafts", "export", "@1", "-o", str(exported))
    assert_clean_failure(refused, 1)


def test_render_and_check_take_a_stored_draft(run: Run, draft: Path) -> None:
    _import(run, draft)
    from_file = run("render", str(draft), "--channel", "form", "--lang", "nl")
    from_store = run("render", "@1", "--channel", "form", "--lang", "nl")
    assert from_store.code == 0 and from_store.out == from_file.out
    assert run("check", "@1").code == 0


def test_a_changed_or_missing_evidence_file_is_said(run: Run, draft: Path, tmp_path: Path) -> None:
    _import(run, draft)
    evidence = tmp_path / "confirmation.pdf"
    evidence.write_bytes(b"%PDF-1.4\nsomething else entirely")
    result = run("drafts", "export", "@1")
    assert result.code == 0 and "confirmation.pdf" in result.err and "changed" in result.err
    evidence.unlink()
    result = run("drafts", "show", "@1")
    assert "confirmation.pdf" in result.err and "no longer" in result.err


@pytest.mark.parametrize(("ref", "code"), [("@7", 2), ("@x", 2), ("7", 2)])
def test_no_such_draft(run: Run, ref: str, code: int) -> None:
    command = ("render", ref) if ref.startswith("@") else ("drafts", "show", ref)
    assert_clean_failure(run(*command), code)


def test_delete_asks_and_without_a_terminal_deletes_nothing(run: Run, draft: Path) -> None:
    _import(run, draft)
    refused = run("drafts", "delete", "@1")
    assert_clean_failure(refused, 2)
    assert "--yes" in refused.err
    assert len(run("drafts", "list", "--format", "json").json()) == 1
    assert run("drafts", "delete", "1", "--yes").code == 0
    assert run("drafts", "list", "--format", "json").json() == []


def test_delete_all(run: Run, draft: Path) -> None:
    for _ in range(3):
        _import(run, draft)
    assert_clean_failure(run("drafts", "delete", "--all"), 2)
    assert_clean_failure(run("drafts", "delete", "@1", "--all", "--yes"), 2)
    assert_clean_failure(run("drafts", "delete"), 2)
    done = run("drafts", "delete", "--all", "--yes")
    assert done.code == 0 and "3" in done.err
    assert run("drafts", "list", "--format", "json").json() == []


def test_data_dir_option_and_variable(run: Run, draft: Path, tmp_path: Path) -> None:
    other = tmp_path / "other store"
    assert run("--data-dir", str(other), "drafts", "import", str(draft)).code == 0
    assert run("drafts", "list", "--data-dir", str(other), "--format", "json").json()[0]["id"] == 1
    assert run("drafts", "list", "--format", "json").json() == []
    assert (other / "drafts.sqlite3").is_file()


@pytest.mark.parametrize(
    "content",
    [b"not a database at all\n" * 20, b"SQLite format 3\x00" + b"\x00" * 80],
    ids=["text", "truncated"],
)
def test_a_damaged_store_is_said_and_kept(run: Run, tmp_path: Path, draft: Path, content: bytes) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "drafts.sqlite3").write_bytes(content)
    for command in (("drafts", "list"), ("drafts", "import", str(draft)), ("render", "@1")):
        result = run(*command)
        assert_clean_failure(result, 1)
        assert "--data-dir" in result.err and "drafts.sqlite3" in result.err
    assert (data / "drafts.sqlite3").read_bytes() == content
    french = run("drafts", "list", lang="fr_BE.UTF-8")
    assert_clean_failure(french, 1)
    assert "--data-dir" in french.err
