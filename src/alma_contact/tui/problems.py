"""How the app says a problem of the draft: as a sentence about the question on screen.

The model's messages are written to follow a key (``transaction.amount: is
missing.``), which suits a draft file; on screen the question's label is the
subject, and a choice lists the answers shown, not the codes of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..i18n import N_, translate
from ..steps import Question, question_for

if TYPE_CHECKING:
    from ..errors import Problem

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
