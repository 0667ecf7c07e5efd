"""The .eml attaches exactly the files the draft was checked with, or nothing."""

from __future__ import annotations

import os
import threading
from io import BytesIO
from pathlib import Path

import pytest

from alma_contact.drafts import load
from alma_contact.export.eml import write_eml
from alma_contact.export.save import CHANGED, AttachmentUnreadable
from alma_contact.render import build

from .conftest import EMAIL, FULL_NAME, DraftFactory


def _write(draft: Path) -> bytes:
    message = build(load(draft))
    out = BytesIO()
    write_eml(message, out, name=FULL_NAME, address=EMAIL)
    return out.getvalue()


def _changed(draft: Path, change: object) -> None:
    message = build(load(draft))
    assert callable(change)
    change()
    with pytest.raises(AttachmentUnreadable) as caught:
        write_eml(message, BytesIO(), name=FULL_NAME, address=EMAIL)
    assert caught.value.message == CHANGED


def test_a_file_that_grew_after_the_check_is_not_sent(draft_file: DraftFactory) -> None:
    draft = draft_file({"preuve.pdf": b"%PDF-1.4 checked"})
    _changed(draft, lambda: (draft.parent / "preuve.pdf").write_bytes(b"%PDF-1.4 checked, then much longer"))


def test_a_file_that_shrank_after_the_check_is_not_sent(draft_file: DraftFactory) -> None:
    draft = draft_file({"preuve.pdf": b"%PDF-1.4 checked"})
    _changed(draft, lambda: (draft.parent / "preuve.pdf").write_bytes(b"%PDF"))


def test_a_file_replaced_by_another_of_the_same_size_is_not_sent(draft_file: DraftFactory) -> None:
    draft = draft_file({"preuve.pdf": b"%PDF-1.4 checked"})
    other = draft.parent / "other.pdf"
    other.write_bytes(b"%PDF-1.4 ANOTHER")

    def swap() -> None:
        os.replace(other, draft.parent / "preuve.pdf")

    _changed(draft, swap)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_file_replaced_by_a_pipe_is_not_waited_on(draft_file: DraftFactory) -> None:
    draft = draft_file({"preuve.pdf": b"%PDF-1.4 checked"})
    message = build(load(draft))
    (draft.parent / "preuve.pdf").unlink()
    os.mkfifo(draft.parent / "preuve.pdf")
    raised: list[BaseException] = []

    def export() -> None:
        try:
            write_eml(message, BytesIO(), name=FULL_NAME, address=EMAIL)
        except BaseException as error:
            raised.append(error)

    worker = threading.Thread(target=export, daemon=True)  # a regression blocks: the join times out
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "opening the pipe blocked"
    assert isinstance(raised[0], AttachmentUnreadable) and raised[0].message == CHANGED


def test_an_unchanged_file_is_sent(draft_file: DraftFactory) -> None:
    draft = draft_file({"preuve.pdf": b"%PDF-1.4 checked"})
    assert b"preuve.pdf" in _write(draft)


def test_a_file_that_changed_leaves_no_output(draft_file: DraftFactory, tmp_path: Path) -> None:
    """The command line: exit 1, the file named, nothing written."""
    from alma_contact.cli import commands, exits

    draft = draft_file({"preuve.pdf": b"%PDF-1.4 checked"})
    message = build(load(draft))
    (draft.parent / "preuve.pdf").write_bytes(b"%PDF-1.4 grown meanwhile")
    target = tmp_path / "out.eml"
    with pytest.raises(exits.Failure) as caught:
        commands._save(
            lambda stream: write_eml(message, stream, name=FULL_NAME, address=EMAIL), str(target), False, "en"
        )
    assert "“preuve.pdf” changed after the draft was checked" in str(caught.value)
    assert caught.value.code == exits.EXIT_IO
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out.eml")]
