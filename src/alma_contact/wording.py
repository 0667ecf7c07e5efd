"""How a question and a problem of the draft are worded for a person: the problem as a sentence
about the question asked, an answer read back as it will be written.

The model's messages are written to follow a key (``transaction.amount: is
missing.``), which suits a draft file; where a question is asked (the terminal
app's screens, the plain mode's lines) the question's label is the subject, and
a choice lists the answers shown, not the codes of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from .i18n import N_, translate
from .steps import Question, question_for

if TYPE_CHECKING:
    from .errors import Problem

OPTIONAL = N_("(optional)")
EXAMPLE = N_("for example {example}")
READ_AS = N_("Read as: {value}")

LINE = N_("{label}: {detail}")
"""A label and what is said about it (French puts a space before the colon)."""
CHOOSE = N_("Choose one answer to “{question}”: {choices}.")
LAST_CHOICE = N_("{choices} or {last}")
"""The end of a list of answers: ``A, B or C``."""


def question_of(key: str, answers: Mapping[str, str] | None = None) -> Question | None:
    """The question that asks for a key (``evidence[2]`` is asked by "Files"), for these answers."""
    return question_for(key, answers)


def choices_text(question: Question, lang: str) -> str:
    """The answers of a choice as the screen shows them: ``A refund, Instalments or Something else``."""
    labels = [translate(lang, choice.label) for choice in question.choices]
    if len(labels) < 2:
        return "".join(labels)
    return translate(lang, LAST_CHOICE, choices=", ".join(labels[:-1]), last=labels[-1])


def said(problem: Problem, lang: str, answers: Mapping[str, str] | None = None) -> str:
    """An error as one sentence that names the question, says what is wrong and what would
    be right; a choice's error lists the answers shown."""
    question = question_of(problem.key, answers)
    if question is not None and question.kind == "choice":
        label = translate(lang, question.label)
        return translate(lang, CHOOSE, question=label, choices=choices_text(question, lang))
    return about(problem, lang, answers)


def about(problem: Problem, lang: str, answers: Mapping[str, str] | None = None) -> str:
    """A problem (an error or a warning) after the label of its question.

    A key that no question of the app asks for (a key only a draft file can
    hold) keeps its key: it is the word the file uses.
    """
    question = question_of(problem.key, answers)
    if question is None:
        return str(problem)
    label = translate(lang, question.label)
    if label.endswith("?"):
        return f"{label} {problem.message}"
    return translate(lang, LINE, label=label, detail=problem.message)


def sentence(text: str) -> str:
    """A message shown on its own starts with a capital letter (the domain's messages are
    often written to follow a key or the program's name: ``alma-contact: the folder…``)."""
    return text[:1].upper() + text[1:]


def default_answer(key: str, request: Any) -> str:
    """The registry's default for a [details] choice of the current request ("" when none)."""
    from .registry import REQUESTS

    table, _, name = key.partition(".")
    kind = REQUESTS.get(request) if table == "details" and isinstance(request, str) else None
    detail = kind.detail(name) if kind else None
    return detail.default or "" if detail else ""


def read_back(kind: str, text: str, language: str, today: date | None) -> str:
    """``1 234,56 €`` or ``2 novembre 2026``, or nothing while the text cannot be read."""
    from pydantic_core import PydanticCustomError

    from .formats import format_amount, format_day
    from .languages import DEFAULT, LANGUAGES
    from .parsing import parse_amount, parse_coming_day, parse_date

    lang = language if language in LANGUAGES else DEFAULT
    try:
        if kind == "amount":
            return format_amount(parse_amount(text, suggest=False), lang)
        if kind == "day":
            return format_day(parse_coming_day(text, today), lang)
        return format_day(parse_date(text, today), lang)
    except PydanticCustomError:
        return ""


SAVE_LETTER = N_("Save the letter as PDF")
SAVE_REGISTERED = N_("Save as a registered letter (PDF): advised for a claim")


def letter_saves(claims: bool) -> list[tuple[str, str]]:
    """The letter's two PDFs (label msgid, action), as the app and the plain mode offer them: a
    registered letter, its mention printed, comes first for a message that claims."""
    both = [(SAVE_REGISTERED, "save:registered"), (SAVE_LETTER, "save:pdf")]
    return both if claims else both[::-1]
