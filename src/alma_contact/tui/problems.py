"""How the app says a problem of the draft: the wording is the domain's (:mod:`alma_contact.wording`),
shared with the plain mode."""

from __future__ import annotations

from ..wording import CHOOSE, LAST_CHOICE, LINE, about, choices_text, question_of, said, sentence

__all__ = ["CHOOSE", "LAST_CHOICE", "LINE", "about", "choices_text", "question_of", "said", "sentence"]
