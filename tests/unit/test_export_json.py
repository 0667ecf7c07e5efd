"""The JSON export: every part of the message, its attachments and the warnings, user text as data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from alma_contact.drafts import validate
from alma_contact.errors import Problem
from alma_contact.export.json import message_document, message_json
from alma_contact.render import Message, build

TODAY = date(2026, 11, 26)
TRICKY = 'Un « test » {{ 7 * 7 }} {% if x %}\\ "quoted" é\u202f€\nsecond line'
"""Text that would be markup to a template engine and escapes to JSON: it must come back as written."""


@pytest.fixture
def message(tmp_path: Path, draft_data: dict[str, Any]) -> Message:
    (tmp_path / "preuve é.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 91)
    draft_data["evidence"] = ["preuve é.pdf"]
    draft_data["description"] = TRICKY
    return build(validate(draft_data, tmp_path, TODAY), today=TODAY)


def test_every_part_of_the_message(message: Message) -> None:
    document = json.loads(message_json(message))
    assert document == message_document(message)
    assert (document["channel"], document["language"], document["to"]) == (
        message.channel,
        message.language,
        message.to,
    )
    for key, value in (("subject", message.subject), ("body", message.body), ("text", message.text)):
        assert document[key] == value
    assert document["recipient"] == list(message.recipient)
    assert document["sender"] == list(message.sender)
    assert document["place_date"] == message.place_date
    assert document["fields"] == message.form_fields
    assert document["form_url"] == message.form_url
    assert document["warnings"] == []


def test_the_attachments(message: Message) -> None:
    (attachment,) = message.attachments
    assert json.loads(message_json(message))["attachments"] == [
        {
            "name": "preuve é.pdf",
            "label": None,
            "size": 100,
            "type": attachment.media_type,
            "path": str(attachment.path),
        }
    ]


def test_each_attachment_has_its_label(tmp_path: Path, draft_data: dict[str, Any]) -> None:
    """The description given in the draft, as written: user text, never markup."""
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "b.png").write_bytes(b"\x89PNG")
    label = 'Preuve du remboursement de 60,00 € {{ 7 * 7 }} "cité"'
    draft_data["evidence"] = ["a.pdf", {"path": "b.png", "label": label}]
    message = build(validate(draft_data, tmp_path, TODAY), today=TODAY)
    attachments = json.loads(message_json(message))["attachments"]
    assert [(a["name"], a["label"]) for a in attachments] == [("a.pdf", None), ("b.png", label)]


def test_warnings_keep_their_order(message: Message) -> None:
    warnings = [Problem("b.key", "second"), Problem("", "first, about the file"), Problem("a", "third")]
    listed = json.loads(message_json(message, warnings))["warnings"]
    assert listed == [{"key": p.key, "message": p.message} for p in warnings]


def test_user_text_comes_back_as_written(message: Message) -> None:
    data = message_json(message)
    assert TRICKY in json.loads(data)["body"]
    assert "preuve é.pdf".encode() in data  # UTF-8 as such, no \\u escapes
    assert b"\\u00e9" not in data


def test_an_indented_document_ending_with_a_new_line(message: Message) -> None:
    text = message_json(message).decode("utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.splitlines()[1].startswith('  "channel"')
