"""The questions asked to build a draft, their explanations and their order, as data.

The terminal app reads these to build its screens, and any other way of asking
(a line-by-line mode for screen readers, say) can ask the same questions in
the same order without copying them. Texts are English msgids, translated
where they are shown. This module imports nothing heavy: the app's first
screen must appear quickly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .i18n import N_

Kind = Literal["text", "choice", "amount", "date", "multiline", "files"]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    explanation: str = ""


@dataclass(frozen=True)
class Question:
    """One answer to give: the draft key it fills, how it is asked, and when."""

    key: str
    label: str
    kind: Kind = "text"
    help: str = ""
    placeholder: str = ""
    choices: tuple[Choice, ...] = ()
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Asked only when every (key, values) pair holds, e.g. (("request", ("refund",)),)."""

    def applies(self, answers: dict[str, str]) -> bool:
        return all(answers.get(key, "") in values for key, values in self.when)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str = ""
    questions: tuple[Question, ...] = field(default_factory=tuple)


REQUEST_CHOICES = (
    Choice(
        "payment_issue",
        N_("A payment problem"),
        N_("A refused payment, a failed debit, a double or wrong charge."),
    ),
    Choice(
        "cancellation",
        N_("Cancel or change a payment"),
        N_("The order was cancelled, or the payment must change."),
    ),
    Choice("refund", N_("A refund"), N_("A full or partial refund that has not arrived.")),
    Choice(
        "installments",
        N_("Instalments"),
        N_("Your schedule, a missing instalment, a date, paying off early."),
    ),
    Choice("other", N_("Something else"), N_("Any other question about a payment with Alma.")),
)

STEPS: tuple[Step, ...] = (
    Step(
        "request",
        N_("Your request"),
        N_("What is your message about, and how will you send it?"),
        (
            Question("request", N_("What is it about?"), "choice", choices=REQUEST_CHOICES),
            Question(
                "details.issue",
                N_("What went wrong?"),
                "choice",
                choices=(
                    Choice("refused", N_("The payment was refused")),
                    Choice("failed_debit", N_("An instalment could not be debited")),
                    Choice("charged_twice", N_("I was charged twice")),
                    Choice("wrong_amount", N_("The amount charged is wrong")),
                    Choice("other", N_("Another payment problem")),
                ),
                when=(("request", ("payment_issue",)),),
            ),
            Question(
                "details.action",
                N_("What should happen to the payment?"),
                "choice",
                choices=(
                    Choice("cancel", N_("Cancel it")),
                    Choice("modify", N_("Change it")),
                ),
                when=(("request", ("cancellation",)),),
            ),
            Question(
                "details.merchant_cancelled_on",
                N_("If the merchant has cancelled the order: on which day?"),
                "date",
                placeholder="5/11/2026",
                when=(("request", ("cancellation",)),),
            ),
            Question(
                "details.refund",
                N_("Which refund?"),
                "choice",
                help=N_(
                    "Alma says that only the merchant can refund an order; once the merchant has done so, "
                    "Alma returns the instalments paid and cancels the others."
                ),
                choices=(
                    Choice("full", N_("A full refund")),
                    Choice("partial", N_("A partial refund")),
                ),
                when=(("request", ("refund",)),),
            ),
            Question(
                "details.merchant_refunded_on",
                N_("Has the merchant already refunded or cancelled? On which day?"),
                "date",
                help=N_("Leave empty if the merchant has not done so yet."),
                placeholder="5/11/2026",
                when=(("request", ("refund",)),),
            ),
            Question(
                "details.question",
                N_("What is your question?"),
                "choice",
                choices=(
                    Choice("schedule", N_("Understand my payment schedule")),
                    Choice("missing_payment", N_("An instalment seems missing or wrong")),
                    Choice("change_date", N_("Change the date of an instalment")),
                    Choice("early_repayment", N_("Pay off early")),
                    Choice("other", N_("Another question")),
                ),
                when=(("request", ("installments",)),),
            ),
            Question(
                "channel",
                N_("How will you send it?"),
                "choice",
                choices=(
                    Choice("email", N_("Email"), N_("The fastest, and it can carry your documents.")),
                    Choice("form", N_("Online form"), N_("Linked to your Alma account.")),
                    Choice("letter", N_("Letter by post"), N_("Formal, or when nothing else was answered.")),
                ),
            ),
            Question(
                "language",
                N_("Language of the message"),
                "choice",
                choices=(
                    Choice("fr", N_("French"), N_("Alma answers fastest in French.")),
                    Choice("nl", N_("Dutch"), N_("You may ask for an answer in Dutch.")),
                ),
            ),
        ),
    ),
    Step(
        "you",
        N_("About you"),
        N_("Alma finds your account by the email address and phone number used for the purchase."),
        (
            Question("customer.first_name", N_("First name")),
            Question("customer.last_name", N_("Last name")),
            Question(
                "customer.email",
                N_("Email used for the purchase"),
                placeholder="an.peeters@example.be",
            ),
            Question("customer.phone", N_("Phone used for the purchase"), placeholder="0470 12 34 56"),
            Question("customer.street", N_("Street and number"), when=(("channel", ("letter",)),)),
            Question(
                "customer.postal_code",
                N_("Postcode"),
                placeholder="1000",
                when=(("channel", ("letter",)),),
            ),
            Question("customer.city", N_("Town"), when=(("channel", ("letter",)),)),
            Question(
                "customer.country",
                N_("Country (two letters)"),
                placeholder="BE",
                when=(("channel", ("letter",)),),
            ),
        ),
    ),
    Step(
        "transaction",
        N_("The payment"),
        N_("Copy the facts from your confirmation email or bank statement."),
        (
            Question(
                "transaction.amount",
                N_("Amount in euros"),
                "amount",
                placeholder="149,99",
                help=N_("As on your statement: 1.234,56 or 1 234,56 or 149,99."),
            ),
            Question(
                "transaction.date",
                N_("Date of the purchase"),
                "date",
                placeholder="2/11/2026",
                help=N_("Day first: 2/11/2026 is the second of November."),
            ),
            Question("transaction.order_number", N_("Order or invoice number")),
            Question("transaction.merchant", N_("Shop or website")),
            Question(
                "transaction.plan",
                N_("Payment plan"),
                "choice",
                choices=(
                    Choice("", N_("I don't know")),
                    Choice("2x", N_("In 2 instalments")),
                    Choice("3x", N_("In 3 instalments")),
                    Choice("4x", N_("In 4 instalments")),
                    Choice("10x", N_("In 10 instalments")),
                    Choice("12x", N_("In 12 instalments")),
                    Choice("d15", N_("Pay later, after 15 days")),
                    Choice("d30", N_("Pay later, after 30 days")),
                ),
            ),
            Question(
                "details.refund_amount",
                N_("Amount you expect back"),
                "amount",
                placeholder="49,99",
                when=(("request", ("refund",)), ("details.refund", ("partial",))),
            ),
        ),
    ),
    Step(
        "description",
        N_("What happened"),
        N_("In your own words: what happened, when, and what you ask Alma to do."),
        (Question("description", N_("Description"), "multiline"),),
    ),
    Step(
        "evidence",
        N_("Your evidence"),
        N_("A confirmation email, a screenshot or a bank statement supports your request."),
        (Question("evidence", N_("Files"), "files"),),
    ),
)

STEP_IDS = tuple(step.id for step in STEPS)

PROMPTS: dict[str, tuple[str, ...]] = {
    "payment_issue": (
        N_("When did you try to pay, and what did the screen or email say?"),
        N_("Was money taken from your account anyway?"),
        N_("What do you ask: a new attempt, a correction, money back?"),
    ),
    "cancellation": (
        N_("When was the order cancelled, and by whom?"),
        N_("Which instalments have been taken since?"),
        N_("What do you ask: stop the instalments, change the plan?"),
    ),
    "refund": (
        N_("What did the merchant refund or promise, and when?"),
        N_("Which instalments were still taken afterwards?"),
        N_("What do you ask: stop the remaining instalments, return those paid?"),
    ),
    "installments": (
        N_("Which instalment is it about, and on what date?"),
        N_("What do you see on your statement or in your Alma account?"),
        N_("What would you like Alma to do?"),
    ),
    "other": (
        N_("What happened, and when?"),
        N_("What have you already tried?"),
        N_("What do you ask Alma to do?"),
    ),
}
"""Questions shown beside the description, by request kind."""


def step(step_id: str) -> Step:
    for candidate in STEPS:
        if candidate.id == step_id:
            return candidate
    raise KeyError(step_id)


def step_of(key: str) -> str:
    """The step that asks for a key (``evidence[2]`` is asked by the evidence step)."""
    base = key.split("[", 1)[0]
    for candidate in STEPS:
        if any(question.key == base for question in candidate.questions):
            return candidate.id
    table = base.split(".", 1)[0]
    return {"customer": "you", "transaction": "transaction", "details": "request"}.get(table, "request")
