"""“Was it sent?” in the plain mode: asked after the menu saves or copies a message, with the same
words as the app (:mod:`alma_contact.caselines`): not yet (the default), or yes, then the day
(today by default), the channel (the one used) and, for a letter, whether it was registered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from .. import caselines
from ..registry import channel as channel_named
from ..wording import sentence

if TYPE_CHECKING:
    from ..cases import Case
    from ..render import Message
    from ..store import Store
    from .lines import Lines
    from .session import Session

YES_WORDS = frozenset({"y", "yes", "o", "oui", "j", "ja"})
"""A yes typed instead of the number (any interface language)."""


@dataclass(frozen=True)
class Sent:
    day: date
    channel: str
    registered: bool


class Asked(Protocol):
    """Asks whether a message was sent, and keeps it when it was."""

    def ask(self, message: Message, channel: str, *, registered: bool = False) -> None: ...


def question(
    lines: Lines, today: date, channel: str, channels: tuple[str, ...], registered: bool
) -> Sent | None:
    """Ask: not yet (None), or the day, the channel and, for a letter, registered."""
    t = lines.t
    lines.say(t(caselines.SENT_QUESTION))
    lines.numbered([t(caselines.SENT_NOT_YET), t(caselines.SENT_YES)])
    while True:
        answer = lines.ask().strip()
        if not answer or answer.lower() in YES_WORDS:
            break
        number = lines.number(answer, 2)
        if number is not None:
            answer = "y" if number == 2 else ""
            break
    if answer.lower() not in YES_WORDS:
        return None
    from ..parsing import numeric_date

    while True:
        lines.say(f"{t(caselines.SENT_DAY)} [{numeric_date(today)}]")
        try:
            day = caselines.read_sent_day(lines.ask(), today, lines.lang)
            break
        except caselines.NotRecorded as problem:
            lines.say(sentence(problem.text))
    chosen = channel if channel in channels else channels[0]
    lines.say(f"{t(caselines.SENT_CHANNEL)} [{t(channel_named(chosen).label)}]")
    lines.numbered([t(channel_named(value).label) for value in channels])
    while True:
        answer = lines.ask().strip()
        if not answer:
            break
        number = lines.number(answer, len(channels))
        if number is not None:
            chosen = channels[number - 1]
            break
    if chosen == "letter":
        from ..i18n import N_

        no, yes = t(N_("No")), t(N_("Yes"))
        lines.say(f"{t(caselines.SENT_REGISTERED)} [{yes if registered else no}]")
        lines.numbered([no, yes])
        while True:
            answer = lines.ask().strip()
            if not answer:
                break
            number = lines.number(answer, 2)
            if number is not None:
                registered = number == 2
                break
    return Sent(day, chosen, registered and chosen == "letter")


@dataclass
class SentFirst:
    """The first message of the session's draft: it becomes a request."""

    session: Session
    asked: set[str] = field(default_factory=set)

    def ask(self, message: Message, channel: str, *, registered: bool = False) -> None:
        from ..registry import channel_values

        session = self.session
        kept = session.keeper.keep(numbered=True)
        store = session.keeper.store() if kept is not None else None
        if kept is None or store is None or store.has_case(kept.draft_id) or message.text in self.asked:
            return
        self.asked.add(message.text)
        today = session.today or date.today()
        registered = registered or bool(message.extra.get("registered"))
        sent = question(session.lines, today, channel, channel_values(), registered)
        if sent is None:
            return
        answers = session.answers
        try:
            case = caselines.record_first_sent(
                store,
                kept.draft_id,
                answers.document(),
                answers.base_dir.absolute(),
                channel=sent.channel,
                day=sent.day,
                registered=sent.registered,
                lang=session.ui_lang,
            )
        except caselines.NotRecorded as problem:
            session.lines.say(f"! {sentence(problem.text)}")
            return
        session.lines.say(session.t(caselines.SENT_RECORDED, ref=case.ref))


@dataclass
class SentFollowUp:
    """A reminder or a formal notice of ``case``: kept with it once sent."""

    lines: Lines
    store: Store
    case: Case
    kind: str
    language: str
    today: date
    debited: str | None = None
    """The sum debited so far the message was written with, as typed (None: not given)."""
    debit_failed: bool = False
    """Whether the message says the debit the request was about failed."""
    recorded: bool = False

    def ask(self, message: Message, channel: str, *, registered: bool = False) -> None:
        from ..cases import KIND_LABELS
        from ..followup import FOLLOW_UP_CHANNELS

        if self.recorded:
            return
        registered = registered or bool(message.extra.get("registered"))
        sent = question(self.lines, self.today, channel, tuple(FOLLOW_UP_CHANNELS[self.kind]), registered)
        if sent is None:
            return
        try:
            self.case = caselines.record_follow_up_sent(
                self.store,
                self.case,
                self.kind,
                channel=sent.channel,
                language=self.language,
                day=sent.day,
                registered=sent.registered,
                lang=self.lines.lang,
                debited=self.debited,
                debit_failed=self.debit_failed,
            )
        except caselines.NotRecorded as problem:
            self.lines.say(f"! {sentence(problem.text)}")
            return
        self.recorded = True
        kind = self.lines.t(KIND_LABELS[self.kind])
        self.lines.say(self.lines.t(caselines.FOLLOW_UP_RECORDED, kind=kind, ref=self.case.ref))
