"""What the app, the plain mode and the command line do with a case: record a message as sent, write
the next one, note an answer, close it. They share these functions; the store keeps the result.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .cases import Case, Enclosed, SentMessage

if TYPE_CHECKING:
    from pathlib import Path

    from .model import Draft, Recipient
    from .render import Message
    from .store import Store


def enclosed(message: Message) -> tuple[Enclosed, ...]:
    """The message's attachments as sent: name, description, size and SHA-256 (read now)."""
    from .store import fingerprint

    found = []
    for attachment in message.attachments:
        taken = fingerprint(str(attachment.path))
        found.append(
            Enclosed(
                name=attachment.name,
                label=attachment.label,
                size=taken.size if taken else attachment.size,
                sha256=taken.sha256 if taken else "",
                path=str(attachment.path),
            )
        )
    return tuple(found)


def sent_message(message: Message, kind: str, day: date, deadline_days: int) -> SentMessage:
    """A rendered message as the case records it (its number is given by the store)."""
    return SentMessage(
        number=0,
        kind=kind,
        day=day,
        channel=message.channel,
        language=message.language,
        subject=message.subject,
        text=message.text,
        registered=bool(message.extra.get("registered")),
        deadline_days=deadline_days if message.extra.get("claims") else 0,
        claims=bool(message.extra.get("claims")),
        evidence=enclosed(message),
    )


def record_first(
    store: Store,
    draft_id: int,
    draft: Draft,
    document: Mapping[str, Any],
    base_dir: Path,
    *,
    day: date,
    registered: bool = False,
    config: Recipient | None = None,
) -> Case:
    """The draft ``draft_id`` was sent on ``day`` (by ``draft.channel``): it becomes a case, with
    the message written as it was for that day."""
    from .render import build

    message = build(draft, today=day, config=config, registered=registered and draft.channel == "letter")
    recorded = sent_message(message, "request", day, draft.deadline_days)
    return store.add_message(draft_id, recorded, document=dict(document), base_dir=base_dir)


def case_draft(case: Case, today: date | None = None, overrides: Mapping[str, object] | None = None) -> Draft:
    """The draft of ``case`` as its first message was sent, validated again (with ``overrides``)."""
    from .drafts import validate

    return validate({**case.document, **(overrides or {})}, case.base_dir, today)
