"""What a message to Alma can be about, as data: request kinds, channels, plans, and the rules between keys.

Everything else is derived from here: the draft model's ``[details]`` tables and
choices, the command line's choices, the app's questions (and any other way of
asking them), the hints that errors give, the draft ``alma-contact new`` writes,
the warnings, and which wording the templates use. Adding a request kind means
adding a :class:`RequestKind` to :data:`REQUESTS`, its phrases in each
language's ``templates/LANG/phrases.j2``, and the catalogues (README,
"Development").

Texts are English msgids, translated where they are shown. This module imports
nothing heavy: the app's first screen reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .i18n import N_

Kind = Literal["text", "choice", "amount", "date", "day", "multiline", "files"]

READ_KINDS = ("amount", "date", "day")
"""The answers read back as understood (``Read as: 2 novembre 2026``) while they are typed."""


@dataclass(frozen=True)
class Choice:
    """One value a key can take: the value written in a draft, its label in the app, and a word
    that glosses the value where it is listed in another language (``refused (refusé)``)."""

    value: str
    label: str
    explanation: str = ""
    term: str = ""
    """A short name of the value, when the value itself is an English word (msgid)."""


@dataclass(frozen=True)
class Detail:
    """One key of a request's ``[details]`` table."""

    name: str
    kind: Literal["choice", "amount", "date", "day", "text"]
    """``date``: a day that has come (not in the future); ``day``: a day to come (from today on)."""
    question: str
    """What the app asks (msgid)."""
    comment: str
    """The comment above the key in the draft ``new`` writes (msgid; ``{choices}`` lists them)."""
    hint: str
    """What would be right, said after an error (msgid; ``{choices}`` lists them)."""
    choices: tuple[Choice, ...] = ()
    default: str | None = None
    help: str = ""
    placeholder: str = ""
    step: str = "request"
    """The app's step that asks it."""
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Asked only when each (key, values) pair holds, beyond the request itself."""
    if_empty: str = ""
    """A warning when the key is left empty (msgid)."""
    limit: int = 0
    """For a ``text`` detail: its length limit, in characters."""

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)


@dataclass(frozen=True)
class RequestKind:
    """A kind of request: its key, how the app offers it, its [details], and its wordings."""

    key: str
    label: str
    explanation: str
    term: str
    details: tuple[Detail, ...] = ()
    prompts: tuple[str, ...] = ()
    """Questions shown beside the description (msgids)."""
    option: str | None = None
    """The [details] key whose value picks the wording (each of its values has its own)."""
    addressee: str = "customer_service"
    """Whom at Alma its letter goes to (``contacts.ADDRESSEES``)."""

    def detail(self, name: str) -> Detail | None:
        for candidate in self.details:
            if candidate.name == name:
                return candidate
        return None

    @property
    def choice(self) -> Choice:
        return Choice(self.key, self.label, self.explanation, term=self.term)

    @property
    def wordings(self) -> tuple[str, ...]:
        """The wordings of this request, as the templates name them (``refund.partial``)."""
        option = self.detail(self.option) if self.option else None
        if option is None:
            return (self.key,)
        return tuple(f"{self.key}.{value}" for value in option.values)


@dataclass(frozen=True)
class Plan:
    """An Alma plan: a split payment, a credit (10 and 12 instalments) or a deferred payment."""

    value: str
    label: str
    instalments: int
    deferred_days: int = 0

    @property
    def choice(self) -> Choice:
        return Choice(self.value, self.label)

    @property
    def deferred(self) -> bool:
        return self.deferred_days > 0

    @property
    def credit(self) -> bool:
        """10 and 12 instalments are a consumer credit (FACTS.md, "Alma's products")."""
        return self.instalments >= 10


@dataclass(frozen=True)
class Rule:
    """A key the draft needs when other keys hold certain values (``needed``), or must leave empty."""

    key: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    error: str
    """The error type (errors.MESSAGES) said at ``key``."""
    needed: bool = True


@dataclass(frozen=True)
class Comparison:
    """Two keys whose values must compare a certain way: a refund no larger than the purchase."""

    key: str
    other: str
    relation: Literal["at_most", "not_before"]
    error: str
    """The error type said at ``key``; its parameters are ``value`` and ``other``."""


LIMITS: Mapping[str, int] = {
    "first_name": 60,
    "last_name": 60,
    "email": 254,
    "phone": 30,
    "street": 100,
    "postal_code": 10,
    "city": 60,
    "order_number": 60,
    "merchant": 100,
    "description": 10_000,
    "description_min": 15,
    "evidence_files": 20,
    "evidence_path": 1024,
    "evidence_label": 120,
    "address_line": 60,
    "address_lines": 7,
    "url": 300,
    "collector": 100,
    "subject": 80,
    "deadline_days": 90,
}
"""Length limits, in characters (files for ``evidence_files``, days for ``deadline_days``); the
README documents them."""

DEADLINE_DAYS = 15
"""The days a claim gives Alma by default, as the consumer organisations' model letters do."""


# --- request kinds ------------------------------------------------------------------------

_DAY_EXAMPLE = "5/11/2026"


def _subject(help: str, *when: tuple[str, tuple[str, ...]], needed: bool = False) -> Detail:
    """What a request without a wording of its own asks, in a few words: its subject and its first
    sentence say it (``help``: an example of such a request). ``needed`` for a request, a problem or a
    question that is the person's own (``other``: without it, its message could only point to the
    description); optional elsewhere, with a warning when left empty."""
    return Detail(
        "subject",
        "text",
        N_("Your request in a few words"),
        comment=(
            N_('Needed for "other": what you ask, in a few words; the subject and the first sentence say it.')
            if needed and when
            else N_("Needed: what you ask, in a few words; the subject and the first sentence say it.")
            if needed
            else N_("Optional: what you ask, in a few words; the subject and the first sentence say it.")
        ),
        hint=N_("Write what you ask in a few words, in at most {limit} characters."),
        help=help,
        step="request",
        when=when,
        if_empty=""
        if needed
        else N_(
            "Without it, the subject line and the first sentence can only point to your description: "
            "a few words make your request clear at once."
        ),
        limit=LIMITS["subject"],
    )


def _paid_amount(option: str, *values: str) -> Detail:
    """What Alma has already debited for the purchase, asked where the message claims it back (a sale
    cancelled, a purchase refunded in full: the message then names that sum instead of « the
    instalments already taken ») or weighs it against what is still owed (a purchase cut down, refunded
    in part: the sum overpaid, or still due; render.DERIVED)."""
    return Detail(
        "paid_amount",
        "amount",
        N_("Amount already debited"),
        comment=N_('Optional: what Alma has already debited for this purchase, for example "{example}".'),
        hint=N_("Write the amount already debited, for example {example}."),
        help=N_(
            "The sum of the debits on your bank statement: the message then claims back what is due to you."
        ),
        placeholder="299,94",
        step="transaction",
        when=((option, values),),
    )


def _next_debit(option: str, *values: str) -> Detail:
    """The day of the next debit, as the person's schedule gives it, asked where what is asked must be
    done before it (:data:`BEFORE_THE_DEBIT`): when it falls within the days the message gives, the
    message asks for it two days before that debit (a working day) instead (render._debit_first)."""
    return Detail(
        "next_debit",
        "day",
        N_("Day of the next debit, if you know it"),
        comment=N_('Optional: the day the next instalment will be debited, for example "{example}".'),
        hint=N_("Write the day of the next debit, for example {example}."),
        help=N_("As in your schedule: the message then asks for an answer before that day."),
        placeholder="14/12/2026",
        step="transaction",
        when=((option, values),),
    )


REQUESTS: Mapping[str, RequestKind] = {
    kind.key: kind
    for kind in (
        RequestKind(
            "payment_issue",
            N_("A payment problem"),
            N_("A refused payment, a failed debit, a double or wrong charge."),
            term=N_("payment issue"),
            option="issue",
            details=(
                Detail(
                    "issue",
                    "choice",
                    N_("What went wrong?"),
                    comment=N_("What went wrong: {choices}."),
                    hint=N_("Write {choices}."),
                    default="other",
                    choices=(
                        Choice("refused", N_("The payment was refused"), term=N_("refused")),
                        Choice(
                            "failed_debit", N_("An instalment could not be debited"), term=N_("failed debit")
                        ),
                        Choice("charged_twice", N_("I was charged twice"), term=N_("charged twice")),
                        Choice("wrong_amount", N_("The amount charged is wrong"), term=N_("wrong amount")),
                        Choice("other", N_("Another payment problem"), term=N_("other")),
                    ),
                ),
                Detail(
                    "debited_amount",
                    "amount",
                    N_("Amount debited"),
                    comment=N_(
                        'Optional: the amount taken (twice, or instead of the expected one), for example "{example}".'
                    ),
                    hint=N_("Write the amount that was debited, for example {example}."),
                    help=N_("As on your bank statement: the message then claims the exact sum."),
                    placeholder="149,97",
                    step="transaction",
                    when=(("details.issue", ("charged_twice", "wrong_amount")),),
                ),
                Detail(
                    "debit_date",
                    "date",
                    N_("Day of the debit"),
                    comment=N_(
                        'Optional: the day of the debit taken twice, of the wrong amount or that failed, for example "{example}".'
                    ),
                    hint=N_("Write the day of the debit, for example {example}."),
                    help=N_("As on your bank statement or in Alma's email: the message names that debit."),
                    placeholder=_DAY_EXAMPLE,
                    step="transaction",
                    when=(("details.issue", ("charged_twice", "wrong_amount", "failed_debit")),),
                ),
                _next_debit("details.issue", "failed_debit"),
                Detail(
                    "expected_amount",
                    "amount",
                    N_("Amount you expected"),
                    comment=N_('Optional: the amount the schedule announced, for example "{example}".'),
                    hint=N_("Write the amount the schedule announced, for example {example}."),
                    help=N_("The message then claims the difference back."),
                    placeholder="149,97",
                    step="transaction",
                    when=(("details.issue", ("wrong_amount",)),),
                ),
                _subject(
                    N_(
                        "For example: instalment paid but shown as pending. The subject and the first sentence say it."
                    ),
                    ("details.issue", ("other",)),
                    needed=True,
                ),
            ),
            prompts=(
                N_("When did you try to pay, and what did the screen or email say?"),
                N_("Was money taken from your account anyway?"),
                N_("What do you ask: a new attempt, a correction, money back?"),
            ),
        ),
        RequestKind(
            "cancellation",
            N_("Cancel or change a payment"),
            N_("The order was cancelled, or the payment must change."),
            term=N_("cancellation"),
            option="action",
            details=(
                Detail(
                    "action",
                    "choice",
                    N_("What should happen to the payment?"),
                    comment=N_("What should happen to the payment: {choices}."),
                    hint=N_("Write {choices}."),
                    default="cancel",
                    choices=(
                        Choice("cancel", N_("Cancel it"), term=N_("cancel")),
                        Choice("modify", N_("Change it"), term=N_("modify")),
                    ),
                ),
                Detail(
                    "merchant_cancelled_on",
                    "date",
                    N_("If the merchant has cancelled the order: on which day?"),
                    comment=N_(
                        'Optional: the day the merchant cancelled the order, for example "{example}".'
                    ),
                    hint=N_("Write the day the merchant cancelled the order, for example {example}."),
                    placeholder=_DAY_EXAMPLE,
                ),
                _paid_amount("details.action", "cancel", "modify"),
                Detail(
                    "new_amount",
                    "amount",
                    N_("New amount of the purchase"),
                    comment=N_(
                        'Optional: what the purchase costs after the change, for example "{example}".'
                    ),
                    hint=N_("Write the new amount of the purchase, for example {example}."),
                    help=N_("As the merchant confirmed it: the message then asks the plan on that sum."),
                    placeholder="439,93",
                    step="transaction",
                    when=(("details.action", ("modify",)),),
                ),
                _next_debit("details.action", "cancel", "modify"),
            ),
            prompts=(
                N_("When was the order cancelled, and by whom?"),
                N_("Which instalments have been taken since?"),
                N_("What do you ask: stop the instalments, change the plan?"),
            ),
        ),
        RequestKind(
            "refund",
            N_("A refund"),
            N_("A full or partial refund that has not arrived."),
            term=N_("refund"),
            option="refund",
            details=(
                Detail(
                    "refund",
                    "choice",
                    N_("Which refund?"),
                    comment=N_("Which refund: {choices}."),
                    hint=N_("Write {choices}."),
                    default="full",
                    help=N_(
                        "Alma says that only the merchant can refund an order; once the merchant has done so, "
                        "Alma returns the instalments paid and cancels the others."
                    ),
                    choices=(
                        Choice("full", N_("A full refund"), term=N_("full")),
                        Choice("partial", N_("A partial refund"), term=N_("partial")),
                    ),
                ),
                Detail(
                    "refund_amount",
                    "amount",
                    N_("Amount you expect back"),
                    comment=N_('For a partial refund: the amount you expect back, for example "{example}".'),
                    hint=N_("Write the amount you expect back, for example {example}."),
                    placeholder="49,99",
                    step="transaction",
                    when=(("details.refund", ("partial",)),),
                ),
                Detail(
                    "merchant_refunded_on",
                    "date",
                    N_("Has the merchant already refunded or cancelled? On which day?"),
                    comment=N_(
                        'Optional: the day the merchant refunded or cancelled, for example "{example}".'
                    ),
                    hint=N_("Write the day the merchant made the refund, for example {example}."),
                    help=N_("Leave empty if the merchant has not done so yet."),
                    placeholder=_DAY_EXAMPLE,
                    if_empty=N_(
                        "Alma says refunds are made by the merchant: if you have not asked the merchant yet, "
                        "do so first."
                    ),
                ),
                _paid_amount("details.refund", "full", "partial"),
                _next_debit("details.refund", "full", "partial"),
            ),
            prompts=(
                N_("What did the merchant refund or promise, and when?"),
                N_("Which instalments were still taken afterwards?"),
                N_("What do you ask: stop the remaining instalments, return those paid?"),
            ),
        ),
        RequestKind(
            "installments",
            N_("Instalments"),
            N_("Your schedule, a missing instalment, a date, a new card, paying off early."),
            term=N_("installments"),
            option="question",
            details=(
                Detail(
                    "question",
                    "choice",
                    N_("What is your question?"),
                    comment=N_("Your question: {choices}."),
                    hint=N_("Write {choices}."),
                    default="other",
                    choices=(
                        Choice("schedule", N_("Understand my payment schedule"), term=N_("schedule")),
                        Choice(
                            "missing_payment",
                            N_("An instalment seems missing or wrong"),
                            term=N_("missing payment"),
                        ),
                        Choice("change_date", N_("Change the date of an instalment"), term=N_("change date")),
                        Choice(
                            "change_card",
                            N_("My card expired, was lost or replaced"),
                            term=N_("change card"),
                        ),
                        Choice("early_repayment", N_("Pay off early"), term=N_("early repayment")),
                        Choice("other", N_("Another question"), term=N_("other")),
                    ),
                ),
                _subject(
                    N_(
                        "For example: the card the last instalment is taken from. The subject and the first sentence say it."
                    ),
                    ("details.question", ("other",)),
                    needed=True,
                ),
                Detail(
                    "debit_date",
                    "date",
                    N_("Day the debit was due"),
                    comment=N_('Optional: the day the missing debit was due, for example "{example}".'),
                    hint=N_("Write the day the debit was due, for example {example}."),
                    help=N_("As in your schedule: the message names that debit."),
                    placeholder=_DAY_EXAMPLE,
                    step="transaction",
                    when=(("details.question", ("missing_payment",)),),
                ),
                _next_debit(
                    "details.question",
                    "missing_payment",
                    "change_card",
                    "change_date",
                    "early_repayment",
                    "other",
                ),
                Detail(
                    "wanted_date",
                    "day",
                    N_("Day you would like the debit moved to"),
                    comment=N_(
                        'Optional: the day you ask the debit to be moved to, for example "{example}".'
                    ),
                    hint=N_("Write the day you would like the debit moved to, for example {example}."),
                    help=N_("For example a few days after your pay arrives: the message asks for that day."),
                    placeholder="26/12/2026",
                    step="transaction",
                    when=(("details.question", ("change_date",)),),
                ),
            ),
            prompts=(
                N_("Which instalment is it about, and on what date?"),
                N_("What do you see on your statement or in your Alma account?"),
                N_("What would you like Alma to do?"),
            ),
        ),
        RequestKind(
            "fees",
            N_("Late fees or debt collection"),
            N_("Fees you contest, a reminder, a collection agency, a payment plan."),
            term=N_("fees"),
            option="action",
            details=(
                Detail(
                    "action",
                    "choice",
                    N_("What do you ask?"),
                    comment=N_("What you ask: {choices}."),
                    hint=N_("Write {choices}."),
                    default="contest",
                    choices=(
                        Choice("contest", N_("Cancel fees I contest"), term=N_("contest")),
                        Choice("payment_plan", N_("A plan to pay what I owe"), term=N_("payment plan")),
                    ),
                ),
                Detail(
                    "fee_amount",
                    "amount",
                    N_("Amount of the fees"),
                    comment=N_('Optional: the fees charged, for example "{example}".'),
                    hint=N_("Write the amount of the fees, for example {example}."),
                    help=N_("As in the reminder or on your statement."),
                    placeholder="15,00",
                    step="transaction",
                ),
                Detail(
                    "collector",
                    "text",
                    N_("Collection agency, if any"),
                    comment=N_("Optional: the name of the collection agency that wrote to you."),
                    hint=N_("Write the agency's name as in its letter, in at most {limit} characters."),
                    step="transaction",
                    limit=LIMITS["collector"],
                ),
                Detail(
                    "debit_date",
                    "date",
                    N_("Day of the payment you missed"),
                    comment=N_(
                        'Optional: the day the payment you could not make was due, for example "{example}".'
                    ),
                    hint=N_("Write the day the payment was due, for example {example}."),
                    help=N_("As in your schedule or the reminder: the message names that payment."),
                    placeholder=_DAY_EXAMPLE,
                    step="transaction",
                    when=(("details.action", ("payment_plan",)),),
                ),
                Detail(
                    "monthly_amount",
                    "amount",
                    N_("What you can pay each month"),
                    comment=N_('Optional: the sum you offer to pay each month, for example "{example}".'),
                    hint=N_("Write the sum you can pay each month, for example {example}."),
                    help=N_("The message then offers that sum each month."),
                    placeholder="50,00",
                    step="transaction",
                    when=(("details.action", ("payment_plan",)),),
                ),
                Detail(
                    "first_payment",
                    "day",
                    N_("Day of your first payment"),
                    comment=N_(
                        'Optional: the day you offer to make the first payment, for example "{example}".'
                    ),
                    hint=N_("Write the day of your first payment, for example {example}."),
                    help=N_("The message then offers to start paying on that day."),
                    placeholder="5/1/2027",
                    step="transaction",
                    when=(("details.action", ("payment_plan",)),),
                ),
            ),
            prompts=(
                N_("Which reminder or letter did you get, from whom and on what date?"),
                N_("Why are the fees not due, or what can you pay each month?"),
                N_("Have you already paid part of the amount?"),
            ),
        ),
        RequestKind(
            "unrecognised",
            N_("A payment I do not recognise"),
            N_("A debit, a reminder or an Alma account you know nothing about."),
            term=N_("unrecognised"),
            prompts=(
                N_("What did you see: a debit, an email, a reminder? On what date?"),
                N_("Could someone have used your card or your details?"),
                N_("Have you told your bank or blocked your card?"),
            ),
        ),
        RequestKind(
            "personal_data",
            N_("My personal data"),
            N_("See, correct or erase what Alma holds on you; object; a decision made by a machine."),
            term=N_("personal data"),
            option="right",
            addressee="data_controller",
            details=(
                Detail(
                    "right",
                    "choice",
                    N_("What do you ask?"),
                    comment=N_("What you ask: {choices}."),
                    hint=N_("Write {choices}."),
                    default="access",
                    choices=(
                        Choice("access", N_("A copy of my data"), term=N_("access")),
                        Choice("rectification", N_("Correct my data"), term=N_("rectification")),
                        Choice("erasure", N_("Erase my data"), term=N_("erasure")),
                        Choice("objection", N_("Stop using my data"), term=N_("objection")),
                        Choice(
                            "automated_decision",
                            N_("A person to review an automatic decision"),
                            term=N_("automated decision"),
                        ),
                    ),
                ),
                # GDPR art. 21(2)-(3): an objection to direct marketing stops it outright; to another use,
                # only where the controller shows no compelling legitimate grounds (art. 21(1)).
                Detail(
                    "purpose",
                    "choice",
                    N_("Which use of your data do you object to?"),
                    comment=N_("Optional, for an objection: the use you object to, {choices}."),
                    hint=N_("Write {choices}, or leave it empty if you do not know."),
                    choices=(
                        Choice(
                            "marketing", N_("Advertising and direct marketing"), term=N_("direct marketing")
                        ),
                        Choice("other", N_("Another use"), term=N_("another use")),
                    ),
                    help=N_(
                        "Advertising must stop as soon as you object; another use only where Alma cannot show"
                        " compelling legitimate grounds. Not sure: leave it empty."
                    ),
                    when=(("details.right", ("objection",)),),
                ),
            ),
            prompts=(
                N_("Which data, or which decision, is it about?"),
                N_("For a correction: what is wrong, and what is right?"),
                N_("Which email address or phone number does Alma know you by?"),
            ),
        ),
        RequestKind(
            "other",
            N_("Something else"),
            N_("Any other question about a payment with Alma."),
            term=N_("other"),
            details=(
                _subject(
                    N_(
                        "For example: change of the email address of my account. The subject and the first sentence say it."
                    ),
                    needed=True,
                ),
            ),
            prompts=(
                N_("What happened, and when?"),
                N_("What have you already tried?"),
                N_("What do you ask Alma to do?"),
            ),
        ),
    )
}
"""Every request kind, in the order the app offers them."""

TOLD_BY_THE_USER = frozenset(
    {
        "other",
        "installments.other",
        "payment_issue.other",
        "personal_data.rectification",
        "personal_data.objection",
        "fees.payment_plan",
    }
)
"""The wordings whose request is in the person's own words (what to correct, what they can pay, a
question of their own): a reminder repeats their account, which it otherwise leaves to the first
message."""

IN_OWN_WORDS = frozenset({"other", "installments.other", "payment_issue.other"})
"""The wordings whose request, problem or question is the person's account itself: their first sentence
announces it (« the following question, about the payment of … : ») and the account follows at once,
before the facts; the subject line carries the person's few words (``subject``)."""

ANSWER_ASKED = frozenset(
    {
        "fees.payment_plan",
        "installments.change_card",
        "installments.change_date",
        "installments.early_repayment",
        "installments.missing_payment",
        "installments.other",
        "payment_issue.failed_debit",
        "other",
    }
)
"""The wordings that ask Alma for something without claiming it (no next step), where time counts: a
payment plan, a new card registered, a debit moved, the balance paid before the next debit, a missing
or failed debit settled before fees, a request or a question of the person's own (about instalments:
before the next debit). Their first message asks for an answer within the
draft's days, without a threat; a pure question (a schedule) does not."""

OVERTAKEN = frozenset(
    {
        "installments.change_card",
        "installments.change_date",
        "installments.early_repayment",
        "installments.other",
    }
)
"""The wordings that time overtakes once every instalment has fallen due: no debit is left to move, to
take from the new card or to pay early, and a question about the instalments to come may be moot.
Their reminder then says what was asked and that the last instalment has fallen due (its claim or its
ask in the ``ended`` case), not that it asks again."""

NOT_A_CUSTOMER = frozenset({"unrecognised"})
"""The requests of someone who may have no account with Alma (a payment in their name they did not
make): the message gives the details to search by, not « my account »."""

DEBIT_FAILED = frozenset({"installments.change_card", "installments.change_date"})
"""The wordings time overtook whose reminder may say that the debit in question failed (the old card's,
the one the person asked to move), where the person says so (``FollowUp.debit_failed``): it then claims
what that failure calls for instead of asking whether it happened (the ``debit_failed`` case)."""

BEFORE_THE_DEBIT = frozenset(
    {
        "cancellation",
        "refund",
        "installments.change_card",
        "installments.change_date",
        "installments.early_repayment",
        "installments.missing_payment",
        "installments.other",
        "payment_issue.failed_debit",
    }
)
"""The wordings that must be acted on before the next debit: a debit stopped, cut down, taken from
another card or moved, the balance paid instead of it, a question about the instalments (the card or
the account they are taken from), a debit missing or failed (settled before the next one is taken,
or taken with it, and before fees run). For a payment later, whose one debit's day is known, a deadline that would end
after that debit asks for the day before it instead."""

ONE_MONTH_ANSWER = frozenset({"personal_data", "payment_issue.refused"})
"""The requests (a request, or ``request.option``) that rely on the GDPR: Alma has one month to answer
(art. 12(3), FACTS.md), so no reminder is offered before that month has passed."""

FALLBACK_REQUEST = "other"
"""The request whose prompts are shown while no request is chosen yet."""


# --- how it is sent, and the plan -----------------------------------------------------


@dataclass(frozen=True)
class Channel(Choice):
    """A way of sending: where the message goes (a ``[recipient]`` key), and what to say when a
    draft or the config sends it elsewhere than to Alma (msgid with ``{value}`` and ``{alma}``)."""

    recipient: str = ""
    elsewhere: str = ""


CHANNELS: tuple[Channel, ...] = (
    Channel(
        "email",
        N_("Email"),
        N_("The fastest, and it can carry your documents."),
        term=N_("fastest, carries your files"),
        recipient="email",
        elsewhere=N_(
            "this email goes to {value}, not to Alma's usual address ({alma}): "
            "check that it is where you mean to write."
        ),
    ),
    Channel(
        "form",
        N_("Online form"),
        N_("Linked to your Alma account."),
        term=N_("Alma's online form"),
        recipient="form_url",
        elsewhere=N_(
            "this text is for the form at {value}, not Alma's usual form ({alma}): "
            "check that it is where you mean to write."
        ),
    ),
    Channel(
        "letter",
        N_("Letter by post"),
        N_("Formal, or when nothing else was answered."),
        term=N_("by post"),
        recipient="address",
        elsewhere=N_(
            "this letter goes to {value}, not to Alma's usual address ({alma}): "
            "check that it is where you mean to write."
        ),
    ),
)
"""The ways of sending, in the order the app offers them."""

PLANS: Mapping[str, Plan] = {
    plan.value: plan
    for plan in (
        Plan("2x", N_("In 2 instalments"), 2),
        Plan("3x", N_("In 3 instalments"), 3),
        Plan("4x", N_("In 4 instalments"), 4),
        Plan("10x", N_("In 10 instalments"), 10),
        Plan("12x", N_("In 12 instalments"), 12),
        Plan("d15", N_("Pay later, after 15 days"), 1, deferred_days=15),
        Plan("d30", N_("Pay later, after 30 days"), 1, deferred_days=30),
    )
}
"""Alma's plans (FACTS.md): the draft writes the key (``3x``, ``d30``)."""


# --- rules between keys ------------------------------------------------------------------

LETTER_ADDRESS_KEYS = ("customer.street", "customer.postal_code", "customer.city")
"""What a letter needs: the sender's address."""

RULES: tuple[Rule, ...] = (
    *(Rule(key, (("channel", ("letter",)),), "letter_address") for key in LETTER_ADDRESS_KEYS),
    Rule(
        "details.refund_amount",
        (("request", ("refund",)), ("details.refund", ("partial",))),
        "refund_amount_needed",
    ),
    Rule(
        "details.refund_amount",
        (("request", ("refund",)), ("details.refund", ("full",))),
        "refund_amount_full",
        needed=False,
    ),
    # A request of the person's own (or a problem, a question of its own) is its subject: without it,
    # the message could only point to the description (« the request described below »).
    Rule("details.subject", (("request", ("other",)),), "subject_needed"),
    Rule(
        "details.subject", (("request", ("payment_issue",)), ("details.issue", ("other",))), "subject_needed"
    ),
    Rule(
        "details.subject",
        (("request", ("installments",)), ("details.question", ("other",))),
        "subject_needed",
    ),
)
"""Keys that other answers make necessary, or rule out; the model checks them all at once."""

COMPARISONS: tuple[Comparison, ...] = (
    Comparison("details.refund_amount", "transaction.amount", "at_most", "over_transaction_amount"),
    Comparison("details.paid_amount", "transaction.amount", "at_most", "over_transaction_amount"),
    Comparison("details.new_amount", "transaction.amount", "at_most", "over_transaction_amount"),
    Comparison("details.monthly_amount", "transaction.amount", "at_most", "over_transaction_amount"),
    Comparison("details.merchant_refunded_on", "transaction.date", "not_before", "date_before_transaction"),
    Comparison("details.merchant_cancelled_on", "transaction.date", "not_before", "date_before_transaction"),
    Comparison("details.debit_date", "transaction.date", "not_before", "date_before_transaction"),
)
"""Values that must agree with another key's: the model checks them, the app shows them at both keys."""

FOLLOW_UPS = ("reminder", "formal_notice")
"""The messages that follow a request left unanswered, in the order they are sent."""
MESSAGE_KINDS = ("request", "reminder", "formal_notice")
"""What a message of a sent request is: the first request, or a follow-up."""
CLOSED_AS = ("answered", "solved", "refused")
"""How a sent request ends: answered, solved, or refused."""

FOLLOW_UP_CHANNELS: Mapping[str, tuple[str, ...]] = {
    "reminder": ("email", "letter", "form"),
    "formal_notice": ("letter", "email"),
}
"""The channels each follow-up of a sent request may take (``followup.py``), the one offered first
first: a reminder goes wherever the request went; a formal notice is a letter (registered) or an
email, never the online form, whose text the writer does not keep as proof of what was sent."""


# --- reading the registry ---------------------------------------------------------------


def request(key: str) -> RequestKind:
    return REQUESTS[key]


def channel_values() -> tuple[str, ...]:
    return tuple(choice.value for choice in CHANNELS)


def channel(value: str) -> Channel:
    for candidate in CHANNELS:
        if candidate.value == value:
            return candidate
    raise KeyError(value)


def request_choices() -> tuple[Choice, ...]:
    return tuple(kind.choice for kind in REQUESTS.values())


def plan_choices() -> tuple[Choice, ...]:
    return tuple(plan.choice for plan in PLANS.values())


def kind_of_key(key: str) -> str:
    """How the value of a key is read for the rules between keys: ``amount``, ``date``, or as it is
    (a choice is compared as text, a needed key only needs to be given)."""
    known = {"transaction.amount": "amount", "transaction.date": "date"}
    details = detail_keys().get(key)
    return known.get(key) or (details[0].kind if details else "text")


def holds(conditions: tuple[tuple[str, tuple[str, ...]], ...], answers: Mapping[str, object]) -> bool:
    """Whether every (key, values) condition holds for these answers (text, as typed or validated)."""
    return all(_choice_text(answers.get(key)) in values for key, values in conditions)


def _choice_text(value: object) -> str:
    return value.strip().lower() if isinstance(value, str) else ""


def detail_keys() -> dict[str, tuple[Detail, ...]]:
    """Each ``details.NAME`` key with the details of every request that has it."""
    found: dict[str, list[Detail]] = {}
    for kind in REQUESTS.values():
        for detail in kind.details:
            found.setdefault(f"details.{detail.name}", []).append(detail)
    return {key: tuple(details) for key, details in found.items()}


def detail_of(key: str, request: str | None = None) -> Detail | None:
    """The detail a ``details.NAME`` key names: ``request``'s own, or else the first request's
    that has it (two requests may share a name, each with its own choices)."""
    found = detail_keys().get(key, ())
    kind = REQUESTS.get(request) if request else None
    own = kind.detail(key.partition(".")[2]) if kind and key.startswith("details.") else None
    return own or (found[0] if found else None)


def asked_when(kind: RequestKind, detail: Detail) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """When the app asks a detail: its request is chosen, and its own conditions hold."""
    return (("request", (kind.key,)), *detail.when)


def needed_keys() -> frozenset[str]:
    """The keys some answers make necessary: the app does not call them optional."""
    return frozenset(rule.key for rule in RULES if rule.needed)


def rule_conditions(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The conditions under which ``key`` is needed (the first rule that needs it)."""
    for rule in RULES:
        if rule.key == key and rule.needed:
            return rule.when
    return ()


def listed(choices: tuple[Choice, ...], lang: str, *, quoted: bool = False) -> str:
    """The values of ``choices`` as a sentence lists them, in ``lang``: ``full (complet) ou partial
    (partiel)``. A value is glossed by its term where the term, in ``lang``, is not the value's own
    words (``failed_debit`` needs no gloss in English); ``quoted`` writes the values as TOML does."""
    from .i18n import translate

    items = []
    for choice in choices:
        value = f'"{choice.value}"' if quoted else choice.value
        term = translate(lang, choice.term) if choice.term else ""
        items.append(f"{value} ({term})" if term and term != choice.value.replace("_", " ") else value)
    if len(items) < 2:
        return "".join(items)
    return translate(lang, N_("{items} or {last}"), items=", ".join(items[:-1]), last=items[-1])
