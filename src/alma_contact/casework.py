"""What the app, the plain mode and the command line do with a case: record a message as sent, write
the next one, note an answer, close it. They share these functions; the store keeps the result.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .cases import Case, Enclosed, SentMessage
from .i18n import N_

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
        deadline_days=int(
            message.extra.get("deadline_days", deadline_days if message.extra.get("claims") else 0)
        ),
        claims=bool(message.extra.get("claims")),
        evidence=enclosed(message),
        debited=debited if isinstance(debited := message.extra.get("debited"), Decimal) else None,
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
    """The draft of ``case`` as its first message was sent, validated again (with ``overrides``) for
    ``today``: without the days to come that have passed since (:func:`follow_up_document`)."""
    from .drafts import validate

    return validate(follow_up_document({**case.document, **(overrides or {})}, today), case.base_dir, today)


def follow_up_document(document: Mapping[str, Any], today: date | None = None) -> dict[str, Any]:
    """A draft's document as a follow-up writes it ``today``: a day to come that it gives (a debit's,
    the day a debit was asked to move to) and that has passed since is left out; the follow-up then
    speaks of the next debit."""
    from pydantic_core import PydanticCustomError

    from . import registry
    from .parsing import parse_coming_day

    details = document.get("details")
    if not isinstance(details, Mapping):
        return dict(document)
    kept = dict(details)
    for key, value in details.items():
        if registry.kind_of_key(f"details.{key}") != "day":
            continue
        try:
            parse_coming_day(value, today)
        except (PydanticCustomError, ValueError):
            del kept[key]
    return {**document, "details": kept}


def earlier_messages(case: Case) -> tuple[Any, ...]:
    """The case's messages as a follow-up cites them (:class:`alma_contact.followup.Earlier`)."""
    from .followup import Earlier

    return tuple(
        Earlier(m.kind, m.day, m.channel, m.subject, m.registered, m.language, m.text) for m in case.messages
    )


def follow_up_channel(case: Case, kind: str, channel: str | None = None) -> str:
    """The channel of a follow-up: the one asked for, else a formal notice by letter, a reminder by
    the channel of the last message."""
    if channel:
        return channel
    return "letter" if kind == "formal_notice" else case.last.channel


def next_message(
    case: Case,
    kind: str,
    *,
    today: date,
    channel: str | None = None,
    language: str | None = None,
    deadline_days: int | None = None,
    registered: bool | None = None,
    config: Recipient | None = None,
    customer: Mapping[str, Any] | None = None,
    store: Store | None = None,
    debited: str | Decimal | None = None,
    debit_failed: bool = False,
) -> tuple[Message, Draft]:
    """The reminder or the formal notice of ``case``, written for ``today`` from the draft as first
    sent: by ``channel`` (:func:`follow_up_channel`), in ``language`` (the first message's by
    default), with ``deadline_days`` (the first message's for a reminder, the formal notice's own
    default for it). A formal notice by letter is registered unless ``registered`` is False.

    ``debited``: what Alma has debited for the purchase by ``today`` (as typed, or a sum), where the
    request claims back or weighs that sum (:func:`asks_debited`): checked as the draft's
    ``paid_amount`` (``DraftInvalid`` names it), and kept in ``message.extra["debited"]`` for
    :func:`record_follow_up`. Without it, the sum the latest follow-up gave (:func:`debited_before`),
    else the draft's own, from the first message's day.

    ``customer``: the person's details as the draft holds them now (an address added since, for a
    letter), instead of those of the first message; read from ``store`` when it is given instead.

    A formal notice of such a request, and a reminder once every instalment has fallen due, need
    ``debited`` (:func:`needs_debited`): without it, ``DraftInvalid`` names the sum
    (:data:`DEBITED_KEY`, :data:`DEBITED_NEEDED`, :data:`DEBITED_NEEDED_ENDED`).

    ``debit_failed``: the person says the debit the request was about failed, for a reminder that
    asks whether it did (:func:`asks_debit_failed`); the reminder then says so.

    Raises ValueError for a follow-up that does not fit (a formal notice of a question, a channel
    the kind has not): the callers check first (:func:`alma_contact.followup.FOLLOW_UP_CHANNELS`).
    """
    from .drafts import DraftInvalid
    from .followup import FORMAL_NOTICE_DAYS, FollowUp
    from .render import build

    chosen = follow_up_channel(case, kind, channel)
    overrides: dict[str, object] = {"channel": chosen, "language": language or case.first.language}
    if customer is None and store is not None:
        customer = current_customer(store, case)
    if customer:
        overrides["customer"] = dict(customer)
    if deadline_days is not None:
        overrides["deadline_days"] = deadline_days
    elif kind == "formal_notice":
        overrides["deadline_days"] = FORMAL_NOTICE_DAYS
    given = (debited, today) if debited is not None else debited_before(case)
    if given is not None:
        sum_given = given[0] if isinstance(given[0], str) else format(given[0], "f")
        details = case.document.get("details")
        overrides["details"] = {**(details if isinstance(details, Mapping) else {}), "paid_amount": sum_given}
    draft = case_draft(case, today, overrides)
    needed = needs_debited(case, kind, today, draft) if debited is None else None
    if needed is not None:  # after what the draft lacks, if anything
        raise DraftInvalid(message=needed, key=DEBITED_KEY)
    letter = chosen == "letter"
    as_registered = letter and (registered if registered is not None else kind == "formal_notice")
    follow_up = FollowUp(
        kind,
        earlier_messages(case),
        debited_on=given[1] if given else None,
        debited_first=_first_debited(case) if given else None,
        debit_failed=debit_failed,
    )
    message = build(draft, today=today, config=config, registered=as_registered, follow_up=follow_up)
    if debited is not None:
        message.extra["debited"] = getattr(draft.details, "paid_amount", None)
    return message, draft


def _first_debited(case: Case) -> Decimal | None:
    """The sum debited the draft gave when the request was first sent (None: none, or unreadable)."""
    from pydantic_core import PydanticCustomError

    from .parsing import parse_amount

    details = case.document.get("details")
    given = details.get("paid_amount") if isinstance(details, Mapping) else None
    if given is None:
        return None
    try:
        return parse_amount(given)
    except (PydanticCustomError, ValueError):
        return None


DEBITED_KEY = "details.paid_amount"
"""The key a sum debited given with a follow-up is checked as: its problems are said as the sum's."""
DEBITED_NEEDED = N_(
    "needed for a formal notice: type what Alma has debited for this purchase by today, as your bank"
    " statement shows it; the notice claims an exact sum from it."
)
DEBITED_NEEDED_ENDED = N_(
    "needed once every instalment has fallen due: type what Alma has debited for this purchase by today,"
    " as your bank statement shows it; the reminder claims an exact sum from it."
)
DEBITED_NEEDED_SINCE = N_(
    "needed, as an instalment has fallen due since you last gave the sum debited: type what Alma has"
    " debited for this purchase by today, as your bank statement shows it; the reminder claims an exact sum"
    " from it."
)


def needs_debited(case: Case, kind: str, today: date, draft: Draft | None = None) -> str | None:
    """Why the follow-up ``kind`` of ``case``, written ``today``, needs the sum debited by its day (what
    is said when it is missing), or None; ``draft``: the case's draft as a reminder is written from it
    (:func:`reminder_draft`), read again when not given. A formal notice of a request that claims from it
    (:func:`asks_debited`) claims an exact sum. So does a reminder once every instalment of the plan has
    fallen due (:func:`alma_contact.render.instalments_over`), unless a follow-up sent since gave that
    sum, and a reminder after a debit day since the sum given last (:func:`debited_so_far`): it would
    otherwise claim « that sum and every sum debited since »."""
    from .render import debit_days_between, instalments_over, last_instalment

    if not asks_debited(case):
        return None
    if kind == "formal_notice":
        return DEBITED_NEEDED
    draft = draft or reminder_draft(case, kind, today)
    if kind != "reminder" or draft is None:
        return None
    given = debited_before(case)
    if instalments_over(draft, today) and (given is None or given[1] <= last_instalment(draft)):
        return DEBITED_NEEDED_ENDED
    known = debited_so_far(case)
    if known is not None and debit_days_between(draft, known[1], today):
        return DEBITED_NEEDED_SINCE
    return None


def asks_debit_failed(case: Case, kind: str, today: date, draft: Draft | None = None) -> bool:
    """Whether the follow-up ``kind`` of ``case``, written ``today``, asks whether the debit the request
    was about failed: a reminder of a change of card or of date (:data:`registry.DEBIT_FAILED`) once
    every instalment has fallen due; the person may say it did (``next_message(debit_failed=True)``).
    ``draft``: as for :func:`needs_debited`."""
    from . import registry
    from .render import instalments_over, wording_of

    draft = draft or reminder_draft(case, kind, today)
    return (
        kind == "reminder"
        and draft is not None
        and wording_of(draft) in registry.DEBIT_FAILED
        and instalments_over(draft, today)
    )


def reminder_draft(case: Case, kind: str, today: date) -> Draft | None:
    """The draft a reminder of ``case`` is written from ``today``; None for another follow-up, or for a
    draft that no longer validates (writing the follow-up says why)."""
    from .drafts import DraftInvalid

    if kind != "reminder":
        return None
    try:
        return case_draft(case, today)
    except DraftInvalid:
        return None


def asks_debited(case: Case) -> bool:
    """Whether the request of ``case`` claims back, or weighs against what is owed, the sum Alma has
    debited (its draft asks ``paid_amount``): a follow-up may then give that sum as it is now."""
    from . import registry
    from .wording import default_answer

    request = str(case.document.get("request", ""))
    kind = registry.REQUESTS.get(request)
    detail = kind.detail("paid_amount") if kind else None
    if detail is None:
        return False
    # The options as the draft gives them (or their defaults), read without validating it again: a draft
    # that no longer validates is said when the follow-up is written.
    details = case.document.get("details")
    given = details if isinstance(details, Mapping) else {}
    chosen = {key: given.get(key.partition(".")[2], default_answer(key, request)) for key, _ in detail.when}
    return registry.holds(detail.when, chosen)


def debited_before(case: Case) -> tuple[Decimal, date] | None:
    """The sum debited that the latest follow-up gave, and the day it was sent; None when none gave one."""
    for message in reversed(case.messages):
        if message.debited is not None:
            return message.debited, message.day
    return None


def debited_so_far(case: Case) -> tuple[Decimal, date] | None:
    """The sum debited a follow-up of ``case`` claims from when none is given, and its day: the latest
    follow-up's (:func:`debited_before`), else the draft's ``paid_amount`` on the first message's day;
    None when neither gave one (or it cannot be read)."""
    known = debited_before(case)
    if known is not None:
        return known
    paid = _first_debited(case)
    return (paid, case.first.day) if paid is not None else None


def current_customer(store: Store, case: Case) -> Mapping[str, Any] | None:
    """The ``[customer]`` of the draft a case was sent from, as it is now (None once deleted)."""
    from .store import StoreError

    try:
        customer = store.get(case.id).document.get("customer")
    except StoreError:
        return None
    return customer if isinstance(customer, Mapping) else None


def record_follow_up(store: Store, case: Case, message: Message, draft: Draft, day: date) -> Case:
    """A reminder or a formal notice (``message``, written by :func:`next_message`) was sent on ``day``,
    with the sum debited it gave, if any."""
    kind = str(message.extra.get("follow_up", "reminder"))
    return store.add_message(case.id, sent_message(message, kind, day, draft.deadline_days))
