"""What a valid draft may still lack: warnings and the checklist shown before sending.

An error stops a draft (see :mod:`alma_contact.model`); a warning only says
what would help Alma answer faster. The checklist is the same for the
command line and the terminal app.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import registry
from .errors import Problem, echo
from .i18n import N_, translate
from .languages import LANGUAGES
from .model import Draft, EvidenceFile, Recipient
from .parsing import format_phone, numeric_date, parse_amount, plain_amount
from .registry import REQUESTS, holds

EMAIL_ATTACHMENT_LIMIT = 20 * 1024 * 1024
"""Above this total, mail servers commonly refuse a message."""

SHORT_DESCRIPTION = 80
"""Under this many characters a description rarely says what happened, when, and what is asked."""

USUAL_TYPES = ("image/", "application/pdf", "text/plain", "message/rfc822")
"""Media types (or their prefix) of evidence anyone can open; another type gets a warning."""


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: done or not, its label, what was found, and the key to fix it."""

    ok: bool
    label: str
    detail: str
    key: str


def human_size(size: int) -> str:
    """``1,2 MB``: sizes as people read them (decimal units, comma decimals)."""
    value, unit = float(size), "B"
    for larger in ("kB", "MB", "GB"):
        if value < 1000:
            break
        value, unit = value / 1000, larger
    text = f"{value:.0f}" if unit == "B" else f"{value:.1f}".replace(".", ",")
    return f"{text} {unit}"


def size_warning(total: int, lang: str) -> str | None:
    """Files of ``total`` bytes are too big together for many mail servers: what to do, in ``lang``.

    The draft's warnings (and so the app's evidence step) and the command line's .eml export
    say it with this.
    """
    if total <= EMAIL_ATTACHMENT_LIMIT:
        return None
    return translate(
        lang,
        N_(
            "the files add up to {size}; many mail servers refuse more than {limit}. Send fewer or smaller files."
        ),
        size=human_size(total),
        limit=human_size(EMAIL_ATTACHMENT_LIMIT),
    )


ELSEWHERE = N_(
    "“{path}” is outside the draft's folder and your usual folders (documents, downloads, desktop, "
    "pictures): check that you mean to send this file."
)


def recipient_notes(draft: Draft, lang: str, config: Recipient | None = None) -> list[Problem]:
    """Where the message goes, when that is not Alma's usual address (a shared draft may change it).

    ``config`` is the ``[recipient]`` of the user's config file; the draft's own
    table comes after it. Empty when the message goes to Alma.
    """
    from .contacts import resolve

    addressee = registry.REQUESTS[draft.request].addressee
    alma = resolve(addressee=addressee)
    chosen = resolve(*(r for r in (config, draft.recipient) if r is not None), addressee=addressee)
    channel = registry.channel(draft.channel)
    value, usual = (_where(contacts, channel.recipient) for contacts in (chosen, alma))
    if value.casefold() == usual.casefold():
        return []
    return [
        Problem(
            f"recipient.{channel.recipient}",
            translate(lang, channel.elsewhere, value=echo(value, 400), alma=usual),
        )
    ]


def _where(contacts: object, key: str) -> str:
    """A contact detail as one line: an address's lines joined by commas."""
    value = getattr(contacts, key)
    return ", ".join(value) if isinstance(value, tuple | list) else str(value)


def place_warnings(files: Sequence[EvidenceFile], lang: str) -> list[Problem]:
    """Evidence taken from outside the draft's folder and the user's usual folders."""
    return [
        Problem(f"evidence[{index}]", translate(lang, ELSEWHERE, path=echo(item.path, 200)))
        for index, item in enumerate(files, start=1)
        if not item.usual_place
    ]


def exposure(draft: Draft, lang: str, config: Recipient | None = None) -> list[Problem]:
    """What to check before anything is sent: an unusual recipient, files from unusual places.

    The command line says it before every export; ``check``, the app's
    checklist and its preview show it too.
    """
    return [*recipient_notes(draft, lang, config), *place_warnings(draft.evidence, lang)]


def warnings(draft: Draft, lang: str, config: Recipient | None = None) -> list[Problem]:
    """Recommended information that is missing, and risks worth knowing, in ``lang``.

    The risks come first: where the message goes, and files from unusual places.
    """
    found: list[Problem] = exposure(draft, lang, config)

    def say(key: str, message: str, **params: object) -> None:
        found.append(Problem(key, translate(lang, message, **params)))

    if not draft.transaction.order_number:
        say(
            "transaction.order_number",
            N_("no order or invoice number: Alma finds the purchase faster with it."),
        )
    if not draft.transaction.merchant:
        say("transaction.merchant", N_("no merchant named: say in which shop or website you bought."))
    if not draft.customer.phone:
        say(
            "customer.phone",
            N_("no phone number: Alma also finds your account by the number used for the purchase."),
        )
    if not draft.evidence:
        say(
            "evidence",
            N_("no evidence: a confirmation email, a screenshot or a bank statement supports your request."),
        )
    if len(draft.description) < SHORT_DESCRIPTION:
        say("description", N_("is short: say what happened, when, and what you ask Alma to do."))
    for text in file_warnings(draft.evidence, lang, for_email=draft.channel == "email"):
        found.append(Problem("evidence", text))
    if draft.channel == "form" and draft.evidence:
        say(
            "evidence",
            N_(
                "the online form is for text: send your files by email, or add them on the form if it offers to."
            ),
        )
    if draft.channel == "letter" and draft.evidence:
        say("evidence", N_("print the files listed as enclosures and put them in the envelope."))
        found += undescribed(draft.evidence, lang)
    language = LANGUAGES[draft.language]
    if language.warning:
        say("language", language.warning)
    kind = REQUESTS[draft.request]
    chosen = {
        f"details.{d.name}": getattr(draft.details, d.name, None) for d in kind.details if d.kind == "choice"
    }
    for detail in kind.details:  # a detail asked (its conditions hold) and left empty
        if (
            detail.if_empty
            and getattr(draft.details, detail.name, None) is None
            and holds(detail.when, chosen)
        ):
            say(f"details.{detail.name}", detail.if_empty)
    fields = dict(draft.details) if draft.details is not None else {}
    sums = {draft.transaction.amount, *(v for v in fields.values() if isinstance(v, Decimal))}
    named = sums_named(draft.description, lang, sums)
    if named:
        # A sum the account names but no field gives: the message can claim only what a field gives.
        for detail in kind.details:
            empty = fields.get(detail.name) is None
            if detail.kind == "amount" and empty and holds(detail.when, chosen):
                say(f"details.{detail.name}", ACCOUNT_SUMS, sums=named)
    return found


_SUM = re.compile(
    r"(?:€\s?)?(?<![\d.,])\d{1,3}(?:[.\u00a0\u202f ]\d{3})*(?:,\d{1,2})?(?![\d,])(?:\s?(?:€|EUR|euros?))?",
    re.IGNORECASE,
)


def sums_named(text: str, lang: str, given: Collection[Decimal] = ()) -> str:
    """The sums in euros a person's own text names (« 359,60 € », « € 75 »), as Belgians write them
    (each on one line), listed in ``lang`` (« 599,88 € et 439,93 € »); "" for none. A number without
    the euro sign or word is a day, a count or a reference, not a sum; a sum ``given`` in a field
    already is left out."""
    from babel.lists import format_list

    found: list[str] = []
    for match in _SUM.finditer(text):
        written = match.group()
        if "€" not in written and "eur" not in written.lower():
            continue
        try:
            value = parse_amount(written, suggest=False)
        except ValueError:
            continue
        amount = plain_amount(value).replace(" ", "\u00a0")
        if value not in given and amount not in found:
            found.append(amount)
    return format_list(found, locale=lang) if found else ""


ACCOUNT_SUMS = N_(
    "is empty, while your account names {sums}: give the sum here, and the message states it exactly."
)


UNDESCRIBED = N_(
    "“{name}” has no description: describe each enclosure, a letter lists them by what they are "
    "(for example “Order confirmation of 14 October 2026”)."
)


def undescribed(files: Sequence[EvidenceFile], lang: str) -> list[Problem]:
    """The enclosures of a letter that have no description (their label), each at its own key."""
    return [
        Problem(f"evidence[{index}].label", translate(lang, UNDESCRIBED, name=echo(item.name, 200)))
        for index, item in enumerate(files, start=1)
        if not item.label
    ]


def file_warnings(files: Sequence[EvidenceFile], lang: str, *, for_email: bool) -> list[str]:
    """Evidence files too big together for an email, of an unusual type, or empty.

    The draft's warnings and the app's evidence step say the same things with this.
    """
    found: list[str] = []
    too_big = size_warning(sum(item.size for item in files), lang) if for_email else None
    if too_big is not None:
        found.append(too_big)
    for item in files:
        if not item.media_type.startswith(USUAL_TYPES):
            found.append(
                translate(
                    lang,
                    N_("“{name}” is of an unusual type ({type}); Alma may not be able to open it."),
                    name=item.name,
                    type=item.media_type,
                )
            )
        if item.size == 0:
            found.append(translate(lang, N_("“{name}” is empty."), name=item.name))
    return found


def checklist(draft: Draft, lang: str) -> list[CheckItem]:
    """The five things Alma needs, each marked done or missing, with the key that fixes it."""
    tx = draft.transaction
    customer = draft.customer
    contact = ", ".join(
        p for p in (customer.email, format_phone(customer.phone) if customer.phone else "") if p
    )
    files = ", ".join(f"{item.name} ({human_size(item.size)})" for item in draft.evidence)
    none = translate(lang, N_("none"))
    return [
        CheckItem(
            True,
            translate(lang, N_("Amount and date")),
            f"{plain_amount(tx.amount)}, {numeric_date(tx.date)}",
            "transaction.amount",
        ),
        CheckItem(
            bool(tx.order_number),
            translate(lang, N_("Order or invoice number")),
            tx.order_number or none,
            "transaction.order_number",
        ),
        CheckItem(
            len(draft.description) >= SHORT_DESCRIPTION,
            translate(lang, N_("Clear description")),
            translate(lang, N_("{count} characters"), count=len(draft.description)),
            "description",
        ),
        CheckItem(bool(draft.evidence), translate(lang, N_("Evidence")), files or none, "evidence"),
        CheckItem(
            bool(customer.phone),
            translate(lang, N_("Contact details used for the purchase")),
            contact,
            "customer.phone",
        ),
    ]
