"""The words the app and the plain mode share about requests that were sent: the "Was it sent?"
question, a case as a list shows it, and its next step in a sentence with the day it falls on.

One place for them, so that the app and the plain mode say the same thing with the same msgids.
No Textual here, and nothing heavy: the app's start screen reads :func:`needing_action`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .formats import interface_day
from .i18n import N_, translate

if TYPE_CHECKING:
    from pathlib import Path

    from .cases import Case, NextStep
    from .store import Store

SENT_QUESTION = N_("Was it sent, or will it be sent today?")
SENT_DAY = N_("Sent on")
SENT_CHANNEL = N_("Sent by")
SENT_REGISTERED = N_("As a registered letter")
SENT_YES = N_("Yes, keep it among my requests")
SENT_NOT_YET = N_("Not yet")
SENT_RECORDED = N_(
    "Kept among your requests as {ref}: “My requests” on the first screen shows what to do next, and when."
)
FOLLOW_UP_RECORDED = N_("Kept with your request {ref} ({kind}).")
CANNOT_RECORD = N_("It could not be kept among your requests: {problem}")
SENT_DAY_WRONG = N_("The day it was sent: {problem}")
CHANNEL_NEEDS = N_("Sent by {channel}: {problem}")
DEBITED = N_("Debited so far")
DEBITED_HELP = N_(
    "What Alma has debited for this purchase by today, from your bank statement (empty: the message"
    " claims from what you gave before)."
)
DEBITED_NEEDED_HELP = N_(
    "What Alma has debited for this purchase by today, from your bank statement: a formal notice claims"
    " an exact sum from it."
)
DEBITED_NEEDED_REMINDER_HELP = N_(
    "What Alma has debited for this purchase by today, from your bank statement: the reminder claims an"
    " exact sum from it."
)


def debited_help(kind: str, needed: bool) -> str:
    """What the sum debited is asked for, before a follow-up of ``kind`` (``needed``: it cannot be left
    empty, :func:`alma_contact.casework.needs_debited`)."""
    if not needed:
        return DEBITED_HELP
    return DEBITED_NEEDED_HELP if kind == "formal_notice" else DEBITED_NEEDED_REMINDER_HELP


DEBITED_WRONG = N_("Debited so far: {problem}")
DEBIT_FAILED = N_("The debit my request was about failed")
DEBIT_FAILED_HELP = N_(
    "Every instalment has fallen due: say whether the debit your request was about failed, as your bank"
    " statement or Alma's email shows; the reminder then says so and claims what it calls for, instead of"
    " asking it."
)
DEBIT_FAILED_QUESTION = N_(
    "Did the debit your request was about fail? (y: yes; Enter: no, or you do not know)"
)
DEBITED_BEFORE = N_("{amount} on {day}: type the sum debited by today")
DEBITED_ON = N_("{amount} on {day}")
FOR_EXAMPLE = N_("for example {example}")

MY_REQUESTS = N_("My requests")
MY_REQUESTS_HELP = N_("The requests you sent, and what to do next")
NO_REQUESTS = N_(
    "No request sent yet. Once a message is saved, copied or opened in your mail program, say it was sent "
    "and it is listed here."
)
ACTION_TODAY = N_("One of your requests needs something from you today: see “My requests”.")
ACTION_TODAY_MANY = N_("{count} of your requests need something from you today: see “My requests”.")

WAIT_THEN = {
    "reminder": N_("Reminder due on {day}"),
    "formal_notice": N_("Formal notice due on {day}"),
    "escalate": N_("Waiting for an answer until {day}"),
}
READY = {
    "reminder": N_("No answer since {day}: write a reminder"),
    "formal_notice": N_("No answer since {day}: write a formal notice"),
    "escalate": N_("No answer since {day}: where to turn"),
}
REFUSED = N_("Refused: where to turn")
ANSWERED = N_("Answer noted: close it")
CLOSED = N_("Closed: nothing more to do")
FIRST_SENT = N_("sent on {day}")

FOLLOW_UPS = ("reminder", "formal_notice")

# My requests: an answer noted, a request closed.
ANSWER_TITLE = N_("Note an answer to {ref}")
ANSWER_DAY = N_("Received on")
ANSWER_DAY_WRONG = N_("The day it was received: {problem}")
ANSWER_NOTE = N_("What it says:")
ANSWER_FILE = N_("The answer's file, if you kept it (optional):")
ANSWER_FILE_EXAMPLE = N_("path of the email or of a scanned letter")
NOTE_NEEDED = N_("Write what the answer says, or give the path of its file.")
NOTE_TOO_LONG = N_("The note has {count} characters; write at most {limit}.")
NOT_A_FILE = N_("“{path}” is not a file: give the path of the answer's email or letter, or leave it empty.")
FILE_TOO_BIG = N_("“{path}” has {size}; a file kept with an answer can have at most {limit}.")
UNREADABLE = N_("“{path}” cannot be read: {reason}.")
ANSWER_NOTED = N_("The answer is noted in {ref}.")
SAVE_NOTE = N_("Note it")
CANCEL = N_("Cancel")

CLOSE_TITLE = N_("Close {ref}")
CLOSE_AS = {
    "answered": N_("Answered: Alma replied"),
    "solved": N_("Solved: what I asked for was done"),
    "refused": N_("Refused: Alma said no"),
}
CLOSE_NOTE = N_("A note (optional):")
CLOSE_BUTTON = N_("Close the request")
CLOSED_AS = N_("Request {ref} closed ({state}).")

WHERE_TO_TURN = N_("Where to turn")

SENT_BY = {
    "email": N_("by email"),
    "letter": N_("by letter"),
    "form": N_("through the online form"),
    "registered": N_("by registered letter"),
}
"""How a message went, in running text."""


def sent_by(channel: str, registered: bool, lang: str) -> str:
    """``by email``, ``by registered letter``, in the interface language."""
    from .errors import escaped

    key = "registered" if registered and channel == "letter" else channel
    return translate(lang, SENT_BY[key]) if key in SENT_BY else escaped(channel[:20])


def step_words(case: Case, step: NextStep, lang: str) -> str:
    """The next step of ``case`` in a sentence of the interface language, with its day."""
    if step.action == "none":
        return translate(lang, CLOSED)
    if step.action == "close":
        return translate(lang, ANSWERED)
    if step.action == "escalate" and step.after == "refused":
        return translate(lang, REFUSED)
    if step.action == "wait":
        then = step.then or "escalate"
        assert step.due is not None
        return translate(lang, WAIT_THEN[then], day=interface_day(step.due, lang))
    return translate(lang, READY[step.action], day=interface_day(case.last.day, lang))


def follow_up_kind(step: NextStep) -> str | None:
    """The message the user can write now: the one the step asks for, or the one that comes
    after the wait (a reminder can go early); None when no follow-up fits."""
    if step.action in FOLLOW_UPS:
        return step.action
    if step.action == "wait" and step.then in FOLLOW_UPS:
        return step.then
    return None


def shows_escalation(case: Case, step: NextStep) -> bool:
    """Where to turn: for a refused case, or one whose last deadline has passed."""
    return case.state == "refused" or (step.action == "escalate" and step.ready)


@dataclass(frozen=True)
class CaseLine:
    """A case as a list shows it, in the interface language."""

    case: Case
    step: NextStep
    ref: str
    request: str
    amount: str
    sent: str
    state: str
    next_step: str

    def line(self) -> str:
        parts = [p for p in (self.ref, self.request, self.amount, self.sent, self.state) if p]
        return " · ".join(parts)


def reply_days() -> int:
    """Days a first message waits for an answer: the config file's ``reply_days``, as the command
    line reads it."""
    from .settings import current

    return current().reply_days


def case_line(case: Case, today: date, lang: str, waiting: int | None = None) -> CaseLine:
    """``case`` as My requests lists it, with its next step on ``today`` (a first message waits
    ``waiting`` days for an answer: :func:`reply_days` by default)."""
    from .cases import STATE_LABELS, next_step
    from .errors import escaped
    from .registry import REQUESTS
    from .store import summary

    step = next_step(case, today, waiting or reply_days())
    kind = REQUESTS.get(case.request)
    return CaseLine(
        case=case,
        step=step,
        ref=case.ref,
        request=translate(lang, kind.label) if kind else escaped(case.request),
        amount=shown_amount(summary(case.document)["amount"], case, lang),
        sent=translate(lang, FIRST_SENT, day=interface_day(case.first.day, lang)),
        state=translate(lang, STATE_LABELS.get(case.state, case.state)),
        next_step=step_words(case, step, lang),
    )


def shown_amount(typed: str, case: Case, lang: str) -> str:
    """The amount as the interface language writes it (``89,97 €``); as typed when it cannot be read."""
    from pydantic_core import PydanticCustomError

    from .errors import escaped
    from .formats import format_amount
    from .languages import LANGUAGES
    from .parsing import parse_amount

    try:
        amount = parse_amount(typed)
    except (PydanticCustomError, ValueError):
        return escaped(typed)
    return format_amount(amount, lang if lang in LANGUAGES else case.first.language)


def debited_known(case: Case, lang: str) -> dict[str, str] | None:
    """The sum debited a follow-up of ``case`` claims from when none is given, and its day, as the
    interface writes them (``amount``, ``day``: :func:`alma_contact.casework.debited_so_far`); None
    when none was given."""
    from .casework import debited_so_far
    from .formats import interface_amount

    known = debited_so_far(case)
    if known is None:
        return None
    return {"amount": interface_amount(known[0], lang), "day": interface_day(known[1], lang)}


def needing_action(cases: list[Case], today: date) -> list[Case]:
    """The cases whose next step is due today: a reminder, a formal notice, closing, escalating."""
    from .cases import next_step

    waiting = reply_days()
    return [c for c in cases if (s := next_step(c, today, waiting)).ready and s.action != "none"]


def action_today(count: int, lang: str) -> str:
    """The start screen's line when requests need the user today ("" when none does)."""
    if not count:
        return ""
    return translate(lang, ACTION_TODAY if count == 1 else ACTION_TODAY_MANY, count=count)


def channel_of_action(action: str, channel: str) -> str:
    """The channel a saved or copied message goes by: a PDF is a letter, an .eml or the mail
    program an email; a copy or a text file, the message's own channel."""
    if action in ("pdf", "registered"):
        return "letter"
    if action in ("eml", "open"):
        return "email"
    return channel


class NotRecorded(Exception):
    """The message could not be recorded as sent: ``text`` says why, in the interface language."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def read_sent_day(text: str, today: date, lang: str, about: str = SENT_DAY_WRONG) -> date:
    """The day typed in answer to "Sent on" (empty: ``today``); :class:`NotRecorded` says what is
    wrong with it and what would be right (``about``: which day, a msgid with ``{problem}``)."""
    from pydantic_core import PydanticCustomError

    from .errors import escaped
    from .parsing import parse_date

    if not text.strip():
        return today
    try:
        return parse_date(text, today)
    except PydanticCustomError as error:
        params = {k: escaped(str(v)) for k, v in (error.context or {}).items()}
        problem = translate(lang, error.message_template, **params)
        raise NotRecorded(translate(lang, about, problem=problem)) from None


def record_first_sent(
    store: Store,
    draft_id: int,
    document: Mapping[str, Any],
    base_dir: Path,
    *,
    channel: str,
    day: date,
    registered: bool,
    lang: str,
) -> Case:
    """The draft ``draft_id`` (``document``) was sent by ``channel`` on ``day``: it becomes a case.
    :class:`NotRecorded` when the draft does not fit the channel (a letter without an address) or
    the store refuses."""
    from .casework import record_first
    from .contacts import user_recipient
    from .drafts import DraftInvalid, validate
    from .registry import channel as channel_named
    from .store import StoreError

    sent_document = {**document, "channel": channel}
    try:
        draft = validate(dict(sent_document), base_dir, day)
    except DraftInvalid as error:
        problem = " ".join(p.message for p in error.problems(lang)[:1])
        label = translate(lang, channel_named(channel).label)
        raise NotRecorded(translate(lang, CHANNEL_NEEDS, channel=label, problem=problem)) from None
    config, _ = user_recipient(lang)
    try:
        return record_first(
            store, draft_id, draft, sent_document, base_dir, day=day, registered=registered, config=config
        )
    except StoreError as error:
        raise NotRecorded(translate(lang, CANNOT_RECORD, problem=error.text(lang))) from None


def record_follow_up_sent(
    store: Store,
    case: Case,
    kind: str,
    *,
    channel: str,
    language: str,
    day: date,
    registered: bool,
    lang: str,
    debited: str | None = None,
    debit_failed: bool = False,
) -> Case:
    """The reminder or formal notice of ``case`` was sent by ``channel`` on ``day``: written again
    for that day and channel (with the sum ``debited`` by then it gave, if any, and whether it said the
    debit asked about failed), and kept with the case."""
    from .casework import next_message, record_follow_up
    from .contacts import user_recipient
    from .drafts import DraftInvalid
    from .store import StoreError

    config, _ = user_recipient(lang)
    try:
        message, draft = next_message(
            case,
            kind,
            today=day,
            channel=channel,
            language=language,
            registered=registered,
            config=config,
            store=store,
            debited=debited,
            debit_failed=debit_failed,
        )
        return record_follow_up(store, case, message, draft, day)
    except DraftInvalid as error:
        problem = " ".join(p.message for p in error.problems(lang)[:1])
        raise NotRecorded(translate(lang, CANNOT_RECORD, problem=problem)) from None
    except StoreError as error:
        raise NotRecorded(translate(lang, CANNOT_RECORD, problem=error.text(lang))) from None
