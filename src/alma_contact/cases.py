"""Requests that were sent: a case per draft sent, its messages as sent, the answers noted, and
what to do next.

A draft becomes a case when the user says it was sent (the app asks after an export, a copy or
"open in my mail program"; ``alma-contact sent @ID`` on the command line). A case keeps every
message in order, each as it was sent (text, day, channel, language, evidence with sizes and
SHA-256), and the answers the user notes. :func:`next_step` says what the user should do and from
when: wait, write a reminder, a formal notice, close the case after an answer, or turn elsewhere
(:mod:`alma_contact.escalation`).

The delays: a first message is given :data:`REPLY_DAYS` days (or its own deadline when longer)
before a reminder is offered; a reminder or a formal notice, the deadline it gave.

No Textual, no store here: the store (:mod:`alma_contact.store`) reads and writes these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from . import registry
from .i18n import N_

KINDS = registry.MESSAGE_KINDS
"""What a message of a case is: the first request, a reminder, a formal notice."""
STATES = ("open", "answered", "solved", "refused")
"""A case waits for an answer (``open``) or was closed as answered, solved or refused."""
CLOSED_AS = registry.CLOSED_AS

REPLY_DAYS = 10
"""Days without an answer after a first message before a reminder is offered (issue 11; a setting
changes it). Alma's email and form are "usually answered within a few hours" (FACTS.md)."""

NOTE_LIMIT = 5000
"""The longest note of an answer or of a closing, in characters."""
ANSWER_FILE_LIMIT = 20 * 1024 * 1024
"""The largest file kept with an answer (an email or a scanned letter), in bytes."""

KIND_LABELS = {
    "request": N_("first message"),
    "reminder": N_("reminder"),
    "formal_notice": N_("formal notice"),
}
STATE_LABELS = {
    "open": N_("waiting for an answer"),
    "answered": N_("answered"),
    "solved": N_("solved"),
    "refused": N_("refused"),
}

Action = Literal["wait", "reminder", "formal_notice", "escalate", "close", "none"]
ACTIONS: tuple[Action, ...] = ("wait", "reminder", "formal_notice", "escalate", "close", "none")


@dataclass(frozen=True)
class Enclosed:
    """An evidence file as it was sent: its name, description, size and SHA-256, and where it was."""

    name: str
    label: str | None
    size: int
    sha256: str
    path: str

    @property
    def description(self) -> str:
        return self.label or self.name

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "size": self.size,
            "sha256": self.sha256,
            "path": self.path,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Enclosed:
        label = data.get("label")
        return cls(
            name=str(data.get("name", "")),
            label=label if isinstance(label, str) else None,
            size=int(data.get("size", 0)),
            sha256=str(data.get("sha256", "")),
            path=str(data.get("path", "")),
        )


@dataclass(frozen=True)
class SentMessage:
    """A message of a case, as it was sent."""

    number: int
    kind: str
    day: date
    channel: str
    language: str
    subject: str
    text: str
    registered: bool = False
    deadline_days: int = 0
    """The deadline the message gave (0: none)."""
    claims: bool = False
    """Whether it claims an action or a sum (its wording has a next step)."""
    evidence: tuple[Enclosed, ...] = ()
    debited: Decimal | None = None
    """What Alma had debited for the purchase on the day it was sent, as the person said when writing
    a follow-up (None: not given; the first request's is its draft's ``paid_amount``)."""

    @property
    def due(self) -> date | None:
        """The day its deadline ends, counted from the day it was sent; None without a deadline."""
        return self.day + timedelta(days=self.deadline_days) if self.deadline_days else None


@dataclass(frozen=True)
class Answer:
    """An answer the user noted: when it came, what it said, and the file they kept (if any)."""

    number: int
    day: date
    note: str
    file_name: str | None = None
    file_size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Case:
    """A request that was sent, with everything sent and received since."""

    id: int
    opened: date
    state: str
    document: dict[str, Any]
    """The draft as the first message was sent."""
    base_dir: Path
    messages: tuple[SentMessage, ...]
    answers: tuple[Answer, ...] = ()
    closed: date | None = None
    close_note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"@{self.id}"

    @property
    def first(self) -> SentMessage:
        return self.messages[0]

    @property
    def last(self) -> SentMessage:
        return self.messages[-1]

    @property
    def claims(self) -> bool:
        """Whether the request claims an action or a sum: a formal notice can follow it."""
        return self.first.claims

    @property
    def request(self) -> str:
        value = self.document.get("request")
        return value if isinstance(value, str) else ""

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    def sent(self, kind: str) -> tuple[SentMessage, ...]:
        return tuple(m for m in self.messages if m.kind == kind)

    def answered_since_last(self) -> Answer | None:
        """The last answer noted on or after the day of the last message, if any."""
        after = [a for a in self.answers if a.day >= self.last.day]
        return after[-1] if after else None


@dataclass(frozen=True)
class NextStep:
    """What to do next in a case, and from which day (``due``); ``ready`` once that day has come."""

    action: Action
    due: date | None
    ready: bool
    after: str = ""
    """What the step follows: the kind of the last message (or ``answer``, ``refused``)."""
    then: Action | None = None
    """While waiting: what comes on ``due`` if no answer has come."""


ONE_MONTH = 31
"""A month, in days, at its longest: the GDPR's time to answer (art. 12(3), FACTS.md)."""


def wording_key(document: dict[str, Any]) -> str:
    """``payment_issue.refused``, ``personal_data.access``, ``other``: the request and its option."""
    from .registry import REQUESTS

    request = document.get("request")
    kind = REQUESTS.get(request) if isinstance(request, str) else None
    if kind is None:
        return ""
    details = document.get("details")
    option = details.get(kind.option) if kind.option and isinstance(details, dict) else None
    return f"{kind.key}.{option}" if isinstance(option, str) else kind.key


def legal_days(case: Case) -> int:
    """The time the law gives Alma to answer the request, in days (0: none said): a month for a request
    that relies on the GDPR (:data:`alma_contact.registry.ONE_MONTH_ANSWER`)."""
    from .registry import ONE_MONTH_ANSWER

    key = wording_key(case.document)
    return ONE_MONTH if key in ONE_MONTH_ANSWER or key.partition(".")[0] in ONE_MONTH_ANSWER else 0


def waiting_days(message: SentMessage, reply_days: int = REPLY_DAYS, legal: int = 0) -> int:
    """How long to wait for an answer to ``message``: a first message, :data:`REPLY_DAYS`, its own
    deadline or the time the law gives (``legal``), the longest; a reminder or a formal notice, its
    deadline (else :data:`REPLY_DAYS`)."""
    if message.kind == "request":
        return max(reply_days, message.deadline_days, legal)
    return message.deadline_days or reply_days


def follow_up_after(case: Case) -> Action:
    """The message that follows the last one when no answer comes: a reminder after the first
    message, a formal notice after a reminder (only for a request that claims: a question is not
    put on notice), then the escalation."""
    kinds = {m.kind for m in case.messages}
    if "formal_notice" in kinds:
        return "escalate"
    if "reminder" in kinds:
        return "formal_notice" if case.claims else "escalate"
    return "reminder"


def next_step(case: Case, today: date, reply_days: int = REPLY_DAYS) -> NextStep:
    """What the user of ``case`` should do, ``today``."""
    if case.state in ("answered", "solved"):
        return NextStep("none", None, False, case.state)
    if case.state == "refused":
        return NextStep("escalate", case.closed, True, "refused")
    answer = case.answered_since_last()
    if answer is not None:
        return NextStep("close", answer.day, True, "answer")
    due = case.last.day + timedelta(days=waiting_days(case.last, reply_days, legal_days(case)))
    action = follow_up_after(case)
    if today < due:
        return NextStep("wait", due, False, case.last.kind, then=action)
    return NextStep(action, due, True, case.last.kind)
