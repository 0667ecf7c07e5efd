"""Interface language: which one the user reads, and its gettext catalogue.

The interface language (messages, errors, checklists) is independent of the
message language (the text sent to Alma).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

UI_LANGUAGES = ("en", "fr", "nl", "de")
DOMAIN = "alma_contact"
LOCALE_DIR = Path(__file__).parent / "locale"


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


def detect_ui_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Pick fr, nl, de or en from an explicit choice, then LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""
    env = os.environ if environ is None else environ
    candidates: list[str] = [explicit] if explicit else []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        candidates.extend(env.get(var, "").split(":"))
    for candidate in candidates:
        code = candidate.strip().lower()[:2]
        if code in UI_LANGUAGES:
            return code
    return "en"


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogue(po: Path, lang: str) -> bytes:
    """The ``.mo`` bytes of one ``.po`` file (fuzzy and empty translations left out).

    The compiled catalogues are build output, never committed: the wheel's build
    hook (``hatch_build.py``) writes them with this function, and a source
    checkout whose ``.mo`` is missing or older than its ``.po`` compiles in memory.
    """
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue for one interface language (English source text when absent).

    An installed wheel has only the compiled ``.mo``; a source checkout has the
    ``.po`` too, and a ``.mo`` older than it (or none) is not trusted.
    """
    if lang not in UI_LANGUAGES:
        return gettext.NullTranslations()
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    try:
        mo_time = mo.stat().st_mtime
    except OSError:
        mo_time = None
    try:
        po_time = po.stat().st_mtime
    except OSError:
        po_time = None
    if mo_time is not None and (po_time is None or mo_time >= po_time):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po_time is not None:
        import io

        return gettext.GNUTranslations(io.BytesIO(compile_catalogue(po, lang)))
    return gettext.NullTranslations()


def translate(lang: str, message: str, **params: object) -> str:
    """Translate a marked message and fill in its named parameters."""
    text = translations(lang).gettext(message)
    return text.format(**params) if params else text
