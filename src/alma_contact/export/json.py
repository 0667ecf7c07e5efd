"""The message as JSON for other programs: every part of it, its attachments and the warnings.

Each attachment has its file name and its ``label``, the description the draft gives it
(``null`` when it has none).

The document is UTF-8 (no ``\\u`` escapes, so that it reads as the message
does), indented, and ends with a new line. User text is only ever a string
value in it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..errors import Problem
    from ..render import Message


def message_document(message: Message, warnings: Sequence[Problem] = ()) -> dict[str, Any]:
    """The message as plain values: what :func:`message_json` writes."""
    return {
        "channel": message.channel,
        "language": message.language,
        "to": message.to,
        "subject": message.subject,
        "body": message.body,
        "text": message.text,
        "recipient": list(message.recipient),
        "sender": list(message.sender),
        "place_date": message.place_date,
        "fields": message.form_fields,
        "form_url": message.form_url,
        "attachments": [
            {"name": a.name, "label": a.label, "size": a.size, "type": a.media_type, "path": str(a.path)}
            for a in message.attachments
        ],
        "warnings": [{"key": p.key, "message": p.message} for p in warnings],
    }


def message_json(message: Message, warnings: Sequence[Problem] = ()) -> bytes:
    """The JSON document of ``message``, with ``warnings`` (in the order given) under ``warnings``."""
    document = message_document(message, warnings)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
