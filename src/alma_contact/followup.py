"""The messages that follow a request left unanswered: a reminder, then a formal notice.

A follow-up is written by :func:`alma_contact.render.build` from the draft as the first request
was sent (its facts, its wording, its claim), given the messages sent before. This module holds
what a follow-up is and the checks every caller shares; it imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import registry

FOLLOW_UPS = registry.FOLLOW_UPS
"""The kinds of follow-up, in the order they are sent."""

FORMAL_NOTICE_DAYS = 8
"""The default final deadline of a formal notice, in days from its receipt (issue 11)."""

FOLLOW_UP_CHANNELS: Mapping[str, tuple[str, ...]] = registry.FOLLOW_UP_CHANNELS
"""The channels each follow-up may be sent by, the one offered first first (the registry's data)."""

EARLIER_KINDS = registry.MESSAGE_KINDS
"""What an earlier message was: the first request, or a follow-up."""

EARLIER_CHANNELS = registry.channel_values()


@dataclass(frozen=True)
class Earlier:
    """A message sent before, as the case recorded it."""

    kind: str
    """``request`` | ``reminder`` | ``formal_notice``."""
    day: date
    channel: str
    """``email`` | ``letter`` | ``form``."""
    subject: str
    """Its subject as sent."""
    registered: bool = False
    language: str = ""
    """The language it was written in (empty: not known)."""
    text: str = ""
    """Its text as sent (empty: not kept): a follow-up by letter encloses a copy of it."""


@dataclass(frozen=True)
class FollowUp:
    """The follow-up to write, and every message sent before it."""

    kind: str
    """``reminder`` | ``formal_notice``."""
    earlier: tuple[Earlier, ...]
    """Every message sent before, in date order, the first request first."""
    debited_on: date | None = None
    """The day the draft's sum already debited (``paid_amount``) was true on, when the person gave it
    again after the first message (for this follow-up, or an earlier one); None: the first message's."""
    debited_first: Decimal | None = None
    """The sum debited the first message gave (its draft's ``paid_amount``), beside one given since:
    what was debited after the request is the difference."""
    debit_failed: bool = False
    """The person says the debit the request was about failed (:data:`registry.DEBIT_FAILED`, once every
    instalment has fallen due): the reminder says so instead of asking it."""


def check(follow_up: FollowUp, channel: str) -> None:
    """Raise ``ValueError``, naming what is wrong and what would be right, for a follow-up that
    cannot be written: an unknown kind, a channel it is not sent by, earlier messages that do not
    start with the request or are not in date order, a subject on several lines."""
    if follow_up.kind not in FOLLOW_UPS:
        raise ValueError(f"follow-up kind {follow_up.kind!r}: expected one of {', '.join(FOLLOW_UPS)}")
    allowed = FOLLOW_UP_CHANNELS[follow_up.kind]
    if channel not in allowed:
        raise ValueError(
            f"a {follow_up.kind.replace('_', ' ')} is not sent by {channel!r}: expected {' or '.join(allowed)}"
        )
    earlier = follow_up.earlier
    if not earlier or earlier[0].kind != "request":
        raise ValueError("earlier messages: the first one must be the request a follow-up follows")
    for number, item in enumerate(earlier, start=1):
        if item.kind not in EARLIER_KINDS:
            raise ValueError(f"earlier message {number}: kind {item.kind!r}, expected one of {EARLIER_KINDS}")
        if item.channel not in EARLIER_CHANNELS:
            raise ValueError(
                f"earlier message {number}: channel {item.channel!r}, expected one of {EARLIER_CHANNELS}"
            )
        if not item.subject.strip() or any(ord(char) < 32 or ord(char) == 127 for char in item.subject):
            raise ValueError(f"earlier message {number}: its subject must be one line of text")
    days = [item.day for item in earlier]
    if days != sorted(days):
        raise ValueError("earlier messages: expected in date order, the first request first")
    if any(item.kind == "request" for item in earlier[1:]):
        raise ValueError("earlier messages: only the first one is the request; the others are follow-ups")
