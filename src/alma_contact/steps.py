"""The questions asked to build a draft, their explanations and their order, as data.

The terminal app reads these to build its screens, and any other way of asking
(a line-by-line mode for screen readers, say) can ask the same questions in
the same order without copying them. The choices, the questions of each
request's [details] and when they are asked come from the registry. Texts are English msgids, translated
where they are shown. This module imports nothing heavy: the app's first
screen must appear quickly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from . import languages, registry
from .i18n import N_
from .registry import Choice, Kind

__all__ = [
    "JOURNEY",
    "JOURNEY_TITLES",
    "STEPS",
    "STEP_IDS",
    "Choice",
    "Question",
    "Step",
    "prompts",
    "question_for",
    "step",
    "step_of",
]


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
    id: str = ""
    """Its own name, when another question asks the same key (two requests' ``details.action``)."""

    def applies(self, answers: Mapping[str, str]) -> bool:
        return registry.holds(self.when, answers)

    @property
    def ident(self) -> str:
        return self.id or self.key


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str = ""
    questions: tuple[Question, ...] = field(default_factory=tuple)


def _details_asked(step_id: str) -> tuple[Question, ...]:
    """The [details] questions of every request that this step asks, in the registry's order."""
    shared = {key for key, details in registry.detail_keys().items() if len(details) > 1}
    return tuple(
        Question(
            f"details.{detail.name}",
            detail.question,
            detail.kind,
            help=detail.help,
            placeholder=detail.placeholder,
            choices=detail.choices,
            when=registry.asked_when(kind, detail),
            id=f"{kind.key}.details.{detail.name}" if f"details.{detail.name}" in shared else "",
        )
        for kind in registry.REQUESTS.values()
        for detail in kind.details
        if detail.step == step_id
    )


_FOR_A_LETTER = registry.rule_conditions(registry.LETTER_ADDRESS_KEYS[0])
"""The address is asked when it is needed: for a letter."""

STEPS: tuple[Step, ...] = (
    Step(
        "request",
        N_("Your request"),
        N_("What is your message about, and how will you send it?"),
        (
            Question("request", N_("What is it about?"), "choice", choices=registry.request_choices()),
            *_details_asked("request"),
            Question("channel", N_("How will you send it?"), "choice", choices=registry.CHANNELS),
            Question("language", N_("Language of the message"), "choice", choices=languages.choices()),
            Question(
                "deadline_days",
                N_("Days Alma has to act on your claim"),
                placeholder=str(registry.DEADLINE_DAYS),
                help=N_(
                    "The message gives Alma this many days to act, then says what you will do next "
                    "(the number shown if left empty; 0: no deadline)."
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
            Question("customer.street", N_("Street and number"), when=_FOR_A_LETTER),
            Question("customer.postal_code", N_("Postcode"), placeholder="1000", when=_FOR_A_LETTER),
            Question("customer.city", N_("Town"), when=_FOR_A_LETTER),
            Question("customer.country", N_("Country (two letters)"), placeholder="BE", when=_FOR_A_LETTER),
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
                choices=(Choice("", N_("I don't know")), *registry.plan_choices()),
            ),
            *_details_asked("transaction"),
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
JOURNEY = (*STEP_IDS, "review", "preview")
"""Every stage after the first screen: the steps, the checklist, the message."""
JOURNEY_TITLES = {
    **{step.id: step.title for step in STEPS},
    "review": N_("Check"),
    "preview": N_("Preview and send"),
}


STATED = N_("Your message already says, from your answers (no need to write it again):")
"""Above what the message says of its own (``Answers.stated``), where the person writes their account."""


def prompts(request: object) -> tuple[str, ...]:
    """The prompts for a request, or those of the fallback while none is chosen."""
    kind = registry.REQUESTS.get(request) if isinstance(request, str) else None
    return (kind or registry.REQUESTS[registry.FALLBACK_REQUEST]).prompts


def question_for(key: str, answers: Mapping[str, str] | None = None) -> Question | None:
    """The question that asks for a key (``evidence[2]`` is asked by "Files"): of the questions
    that ask it, the one that applies to ``answers`` (each request asks its own ``details.action``)."""
    base = key.split("[", 1)[0]
    asking = [question for candidate in STEPS for question in candidate.questions if question.key == base]
    if answers is not None:
        for question in asking:
            if question.applies(answers):
                return question
    return asking[0] if asking else None


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
