"""The languages a message can be written in, as data: one entry each, plus its phrases file.

An entry says how the language is offered (label, explanation, the term that
glosses its code in lists), which Babel locale formats its amounts and days,
whose month names are read in typed dates, and which hunspell dictionary the
tests check its messages with. The words of its messages are in
``templates/CODE/phrases.j2``. Adding a language means one entry here, one
phrases file and the catalogues (README, "Development").

This module imports nothing heavy: the app's first screen reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .i18n import N_
from .registry import Choice


@dataclass(frozen=True)
class Language:
    code: str
    label: str
    """Its name in the app (msgid)."""
    explanation: str
    """Said when it is chosen (msgid)."""
    term: str
    """Its name where a list glosses the code: ``fr (French, the fastest answer)`` (msgid)."""
    locale: str
    """The Babel locale of its amounts, days and country names."""
    hunspell: str
    """The hunspell dictionary the tests check its messages with."""
    warning: str = ""
    """Said before sending a message in this language (msgid), when there is something to know."""

    @property
    def choice(self) -> Choice:
        return Choice(self.code, self.label, self.explanation, term=self.term)


LANGUAGES: Mapping[str, Language] = {
    language.code: language
    for language in (
        Language(
            "fr",
            N_("French"),
            N_("Alma answers fastest in French."),
            term=N_("French, the fastest answer"),
            locale="fr_BE",
            hunspell="fr_BE",
        ),
        Language(
            "nl",
            N_("Dutch"),
            N_("You may ask for an answer in Dutch."),
            term=N_("Dutch, the answer may take longer"),
            locale="nl_BE",
            hunspell="nl_BE",
            warning=N_(
                "Alma answers fastest in French; a Dutch message is fine, the answer may take longer."
            ),
        ),
    )
}
"""Every message language, in the order the app offers them; the first is the default."""

DEFAULT = next(iter(LANGUAGES))

DATE_LOCALES = (*(language.locale for language in LANGUAGES.values()), "en")
"""Whose month names a typed date may use (``2 novembre 2026``, ``2 november 2026``, ``2 November 2026``)."""


def codes() -> tuple[str, ...]:
    return tuple(LANGUAGES)


def choices() -> tuple[Choice, ...]:
    return tuple(language.choice for language in LANGUAGES.values())
