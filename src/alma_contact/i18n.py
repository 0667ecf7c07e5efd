"""Interface language: which one the user reads, and its gettext catalogue.

The interface language (messages, errors, checklists) is independent of the
message language (the French or Dutch text sent to Alma).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

UI_LANGUAGES = ("en", "fr", "nl")
DOMAIN = "alma_contact"
LOCALE_DIR = Path(__file__).parent / "locale"


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


def detect_ui_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Pick fr, nl or en from an explicit choice, then LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""
    env = os.environ if environ is None else environ
    candidates: list[str] = [explicit] if explicit else []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        candidates.extend(env.get(var, "").split(":"))
    for candidate in candidates:
        code = candidate.strip().lower()[:2]
        if code in UI_LANGUAGES:
            return code
    return "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for one interface language (English source text when absent)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def translate(lang: str, message: str, **params: object) -> str:
    """Translate a marked message and fill in its named parameters."""
    text = translations(lang).gettext(message)
    return text.format(**params) if params else text
