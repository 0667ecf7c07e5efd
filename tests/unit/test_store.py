"""The draft store: permissions, saving and reading, another copy's save, migrations, damaged files,
two writers at once, evidence fingerprints."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from alma_contact import store as store_module
from alma_contact.store import (
    BUSY_TIMEOUT_MS,
    CANNOT_OPEN,
    DAMAGED,
    FILE_NAME,
    KEPT_VERSIONS,
    MIGRATIONS,
    NEWER,
    NO_DRAFT,
    NOT_OURS,
    VERSION,
    Store,
    StoreError,
    parse_ref,
)

DOCUMENT: dict[str, Any] = {
    "language": "fr",
    "channel": "letter",
    "request": "refund",
    "description": "Le commerçant a confirmé le remboursement.",
    "evidence": [],
    "customer": {"first_name": "Élise", "last_name": "Lefèvre", "email": "elise@example.be"},
    "transaction": {"amount": "449,90", "date": "14/9/2026"},
    "details": {"refund": "full"},
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data" / "alma-contact"


def test_the_store_is_private(folder: Path) -> None:
    with Store.open(folder) as store:
        store.save(DOCUMENT, folder)
        made = [folder / name for name in os.listdir(folder)]
        assert {p.name for p in made} >= {FILE_NAME, f"{FILE_NAME}-wal", f"{FILE_NAME}-shm"}
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
        for path in made:  # the database and the journal files SQLite makes beside it
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_a_folder_the_user_chose_keeps_its_mode(tmp_path: Path) -> None:
    chosen = tmp_path / "mine"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    with Store.open(chosen) as store:
        store.save(DOCUMENT, chosen)
    assert stat.S_IMODE(os.stat(chosen).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(chosen / FILE_NAME).st_mode) == 0o600


def test_wal_and_busy_timeout(folder: Path) -> None:
    with Store.open(folder):
        pass
    db = sqlite3.connect(folder / FILE_NAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    db.close()
    with Store.open(folder) as store:
        assert store._db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS


def test_a_draft_reads_back_as_saved_and_lists_newest_first(folder: Path, tmp_path: Path) -> None:
    with Store.open(folder) as store:
        first = store.save(DOCUMENT, tmp_path)
        second = store.save({**DOCUMENT, "request": "other"}, tmp_path, source=tmp_path / "d.toml")
        got = store.get(first.id)
        assert got.document == DOCUMENT
        assert got.base_dir == tmp_path and got.source is None and got.revision == 1
        assert store.get(second.id).source == tmp_path / "d.toml"
        listed = store.listed()
        assert [d.id for d in listed] == [second.id, first.id]
        assert (listed[1].name, listed[1].request, listed[1].amount) == ("Élise Lefèvre", "refund", "449,90")
        assert (listed[1].channel, listed[1].language, listed[1].ref) == ("letter", "fr", f"@{first.id}")
        again = store.save({**DOCUMENT, "channel": "email"}, tmp_path, draft_id=first.id, revision=1)
        assert (again.id, again.revision, again.replaced_other) == (first.id, 2, False)
        assert [d.id for d in store.listed()] == [first.id, second.id]


def test_the_later_save_wins_and_the_version_it_replaced_is_kept(folder: Path, tmp_path: Path) -> None:
    """Two copies opened revision 1; the first saves, then the second: the second's wins, the first's is kept."""
    with Store.open(folder) as store:
        made = store.save(DOCUMENT, tmp_path)
        mine = store.save({**DOCUMENT, "description": "mine"}, tmp_path, draft_id=made.id, revision=1)
        theirs = store.save({**DOCUMENT, "description": "theirs"}, tmp_path, draft_id=made.id, revision=1)
        assert not mine.replaced_other and theirs.replaced_other
        assert store.get(made.id).document["description"] == "theirs"
        [(revision, _, kept)] = store.versions(made.id)
        assert revision == mine.revision and kept["description"] == "mine"
        # The same answers saved again from elsewhere replace nothing worth keeping.
        same = store.save({**DOCUMENT, "description": "theirs"}, tmp_path, draft_id=made.id, revision=1)
        assert not same.replaced_other
        for n in range(KEPT_VERSIONS + 5):
            store.save({**DOCUMENT, "description": f"v{n}"}, tmp_path, draft_id=made.id, revision=1)
        assert len(store.versions(made.id)) == KEPT_VERSIONS


def test_a_draft_deleted_elsewhere_is_saved_again_under_its_number(folder: Path, tmp_path: Path) -> None:
    with Store.open(folder) as store:
        made = store.save(DOCUMENT, tmp_path)
        assert store.delete(made.id) and not store.delete(made.id)
        assert store.revision(made.id) is None
        again = store.save(DOCUMENT, tmp_path, draft_id=made.id, revision=3)
        assert again.id == made.id and store.get(made.id).document == DOCUMENT


def test_no_such_draft(folder: Path) -> None:
    with Store.open(folder) as store, pytest.raises(StoreError) as raised:
        store.get(42)
    assert raised.value.message == NO_DRAFT and "@42" in raised.value.text("en")


def test_delete_all(folder: Path, tmp_path: Path) -> None:
    with Store.open(folder) as store:
        for _ in range(3):
            store.save(DOCUMENT, tmp_path)
        assert store.delete_all() == 3 and store.listed() == []


@pytest.mark.parametrize(("ref", "number"), [("@3", 3), ("@0012", 12), ("draft.toml", None), ("./@3", None)])
def test_parse_ref(ref: str, number: int | None) -> None:
    assert parse_ref(ref) == number


@pytest.mark.parametrize("ref", ["@", "@x", "@-1", "@1.5", "@٣", "@" + "9" * 30])
def test_a_wrong_ref_says_how_to_write_one(ref: str) -> None:
    with pytest.raises(StoreError) as raised:
        parse_ref(ref)
    assert "@3" in raised.value.text("en")


# --- migrations ---------------------------------------------------------------------------------


def _first_version_store(path: Path, documents: list[dict[str, Any]]) -> None:
    """A database exactly as the first version of the store made it, with drafts in it."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    for number, document in enumerate(documents, start=1):
        db.execute(
            "INSERT INTO drafts (id, created, changed, revision, document, base_dir) VALUES (?, ?, ?, 2, ?, ?)",
            (
                number,
                f"2026-11-0{number}T10:00:00+00:00",
                f"2026-11-0{number}T11:00:00+00:00",
                json.dumps(document),
                "/tmp",
            ),
        )
    db.close()


def test_a_store_of_the_first_version_is_brought_up_to_date(folder: Path) -> None:
    documents = [DOCUMENT, {**DOCUMENT, "customer": {"first_name": "Sofie"}, "transaction": {}}, {}]
    _first_version_store(folder / FILE_NAME, documents)
    with Store.open(folder) as store:
        listed = store.listed()
        assert [d.id for d in listed] == [3, 2, 1]
        assert [(d.name, d.amount) for d in listed] == [("", ""), ("Sofie", ""), ("Élise Lefèvre", "449,90")]
        assert store.get(1).document == DOCUMENT and store.get(1).revision == 2
        assert store.save(DOCUMENT, folder, draft_id=1, revision=2).revision == 3
        indexes = {row[0] for row in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "drafts_by_change" in indexes
    db = sqlite3.connect(folder / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    db.close()


def test_a_case_kept_before_follow_ups_gave_the_sum_debited_reads_without_it(folder: Path) -> None:
    """A store of version 3 (cases, no sum debited with a message): brought up to date, its messages
    read with none, and a follow-up recorded since keeps the sum it gave."""
    from datetime import date
    from decimal import Decimal

    from alma_contact.cases import SentMessage

    path = folder / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:3]:
        step(db)
    db.execute("PRAGMA user_version = 3")
    db.execute("INSERT INTO cases (id, opened, document, base_dir) VALUES (1, '2026-11-26', '{}', '/tmp')")
    db.execute(
        "INSERT INTO case_messages VALUES (1, 1, 'request', '2026-11-26', 'email', 'fr', 'Objet', 'Texte', 0, 15, 1, '[]')"
    )
    db.close()
    with Store.open(folder) as store:
        assert store.case(1).first.debited is None
        reminder = SentMessage(
            0, "reminder", date(2026, 12, 11), "email", "fr", "Rappel", "T", debited=Decimal("823.04")
        )
        case = store.add_message(1, reminder)
    assert [m.debited for m in case.messages] == [None, Decimal("823.04")]


def test_a_store_of_a_newer_version_is_left_alone(folder: Path) -> None:
    with Store.open(folder):
        pass
    db = sqlite3.connect(folder / FILE_NAME)
    db.execute(f"PRAGMA user_version = {VERSION + 1}")
    db.close()
    before = (folder / FILE_NAME).read_bytes()
    with pytest.raises(StoreError) as raised:
        Store.open(folder)
    assert raised.value.params["reason"] == NEWER
    assert str(VERSION + 1) in raised.value.text("en")
    assert (folder / FILE_NAME).read_bytes() == before


# --- files that are not a store -----------------------------------------------------------------


def _broken(folder: Path, content: bytes) -> Path:
    folder.mkdir(parents=True)
    path = folder / FILE_NAME
    path.write_bytes(content)
    return path


def _assert_left_alone(folder: Path, path: Path, content: bytes, reason: str) -> None:
    with pytest.raises(StoreError) as raised:
        Store.open(folder)
    assert raised.value.message == CANNOT_OPEN and raised.value.params["reason"] == reason
    text = raised.value.text("fr")
    assert str(path) in text and "--data-dir" in text
    assert path.read_bytes() == content, "the user's file must not change"
    assert sorted(os.listdir(folder)) == [FILE_NAME]


def test_a_file_that_is_not_sqlite(folder: Path) -> None:
    content = b"these are my notes, not a database\n" * 10
    path = _broken(folder, content)
    _assert_left_alone(folder, path, content, DAMAGED)


def test_a_truncated_store(folder: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    with Store.open(whole) as store:
        for n in range(200):
            store.save({**DOCUMENT, "description": f"draft {n} " * 50}, tmp_path)
    db = sqlite3.connect(whole / FILE_NAME)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = (whole / FILE_NAME).read_bytes()
    content = data[: len(data) // 3 + 100]
    path = _broken(folder, content)
    with pytest.raises(StoreError) as raised, Store.open(folder) as store:
        store.listed()
        for listed in store.listed():
            store.get(listed.id)
    assert raised.value.params["reason"] == DAMAGED
    assert path.read_bytes() == content


def test_a_database_of_another_program(folder: Path) -> None:
    folder.mkdir(parents=True)
    path = folder / FILE_NAME
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE photos (name TEXT)")
    db.commit()
    db.close()
    content = path.read_bytes()
    _assert_left_alone(folder, path, content, NOT_OURS)


def test_a_folder_in_the_way(folder: Path) -> None:
    (folder / FILE_NAME).mkdir(parents=True)
    with pytest.raises(StoreError) as raised:
        Store.open(folder)
    assert raised.value.message == CANNOT_OPEN


# --- two writers --------------------------------------------------------------------------------


def _writer(folder: str, tag: str, count: int) -> None:
    with Store.open(Path(folder)) as store:
        mine = store.save({**DOCUMENT, "description": tag}, Path(folder))
        shared = 1
        for n in range(count):
            store.save({**DOCUMENT, "description": f"{tag} {n}"}, Path(folder))
            store.save(
                {**DOCUMENT, "description": f"{tag} shared {n}"}, Path(folder), draft_id=shared, revision=1
            )
            store.save({**DOCUMENT, "description": f"{tag} mine {n}"}, Path(folder), draft_id=mine.id)


def test_two_processes_writing_at_once_never_corrupt_the_store(folder: Path) -> None:
    count = 40
    with Store.open(folder) as store:
        store.save(DOCUMENT, folder)  # @1: both write it
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(str(folder), tag, count)) for tag in ("A", "B", "C")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
        assert writer.exitcode == 0
    db = sqlite3.connect(folder / FILE_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with Store.open(folder) as store:
        listed = store.listed()
        assert len(listed) == 1 + 3 * (count + 1)
        descriptions = [store.get(d.id).document["description"] for d in listed]
        for tag in "ABC":
            assert f"{tag} mine {count - 1}" in descriptions
            assert all(f"{tag} {n}" in descriptions for n in range(count))
        assert store.get(1).revision == 1 + 3 * count
        assert store.versions(1), "the shared draft's replaced versions are kept"


# --- evidence -----------------------------------------------------------------------------------


def test_evidence_is_fingerprinted_when_attached_and_checked_later(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF first")
    (tmp_path / "b.png").write_bytes(b"png")
    (tmp_path / "c.txt").write_bytes(b"text")
    document = {
        **DOCUMENT,
        "evidence": ["a.pdf", {"path": "b.png", "label": "Preuve"}, str(tmp_path / "c.txt")],
    }
    with Store.open(folder) as store:
        saved = store.save(document, tmp_path)
        prints = {Path(p.path).name: p for p in store.fingerprints(saved.id)}
        assert set(prints) == {"a.pdf", "b.png", "c.txt"}
        assert prints["a.pdf"].size == 10 and len(prints["a.pdf"].sha256) == 64
        assert all(Path(p.path).is_absolute() for p in prints.values())
        assert store.changed_evidence(saved.id) == []
        (tmp_path / "a.pdf").write_bytes(b"%PDF other")  # same size, other content
        os.utime(tmp_path / "a.pdf", ns=(1, 1))
        (tmp_path / "b.png").unlink()
        os.utime(tmp_path / "c.txt", ns=(2, 2))  # touched, same content: not changed
        changed = {Path(c.path).name: c.gone for c in store.changed_evidence(saved.id)}
        assert changed == {"a.pdf": False, "b.png": True}
        # Saved again, a file already known keeps its first fingerprint; one removed is forgotten.
        store.save({**document, "evidence": ["a.pdf"]}, tmp_path, draft_id=saved.id, revision=1)
        assert [Path(p.path).name for p in store.fingerprints(saved.id)] == ["a.pdf"]
        assert store.fingerprints(saved.id)[0].sha256 == prints["a.pdf"].sha256


def test_a_missing_evidence_file_has_no_fingerprint(folder: Path, tmp_path: Path) -> None:
    with Store.open(folder) as store:
        saved = store.save({**DOCUMENT, "evidence": ["nowhere.pdf", "", 42]}, tmp_path)
        assert store.fingerprints(saved.id) == []


def test_the_store_module_needs_no_textual() -> None:
    import subprocess
    import sys

    code = "import sys, alma_contact.store; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
    assert len(store_module.MIGRATIONS) == store_module.VERSION
