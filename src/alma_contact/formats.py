"""Amounts, days and country names as each message language writes them (Babel).

Kept apart from the wording (render.py, which loads Jinja2): the app reads back
each amount and date as it is typed, and needs these alone. Which locale, and
how the first of a month is written, are data of the language's entry
(languages.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .languages import LANGUAGES

LOCALES = {code: language.locale for code, language in LANGUAGES.items()}
"""The Babel locale of each message language."""


def format_amount(amount: Decimal, lang: str) -> str:
    """As the language's Babel locale writes it: ``1 234,56 €`` in French, ``€ 1.234,56`` in Dutch."""
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=LOCALES[lang])


def interface_amount(amount: Decimal, lang: str) -> str:
    """A sum as the interface language writes it (``823,04 €`` in French)."""
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=UI_LOCALES.get(lang, "en_BE"))


def format_day(day: date, lang: str) -> str:
    """``2 novembre 2026`` / ``2 november 2026``; the first of a month as the language writes it
    (``1er novembre 2026``: its entry's ``first_of_month`` pattern)."""
    from babel.dates import format_date

    language = LANGUAGES[lang]
    pattern = language.first_of_month if day.day == 1 and language.first_of_month else "long"
    return format_date(day, format=pattern, locale=language.locale)


def country_name(code: str, lang: str) -> str:
    from babel import Locale

    return str(Locale.parse(LOCALES[lang]).territories.get(code, code))


UI_LOCALES = {"en": "en_BE", "fr": "fr_BE", "nl": "nl_BE", "de": "de_BE"}
"""The Babel locale of each interface language: Belgian formats in all four."""


def interface_day(day: date, lang: str) -> str:
    """A day in the interface language ``lang``: as its message language writes it (``1er novembre 2026``),
    in English ``26 November 2026``."""
    if lang in LANGUAGES:
        return format_day(day, lang)
    from babel.dates import format_date

    return format_date(day, format="long", locale=UI_LOCALES.get(lang, "en_BE"))


def file_size(size: int, lang: str) -> str:
    """A file's size as people read it, in decimal units and Belgian format: ``1,2 MB``, ``12,3 ko``."""
    from babel.units import format_unit

    value, unit = float(size), "digital-byte"
    for larger in ("digital-kilobyte", "digital-megabyte", "digital-gigabyte"):
        if value < 1000:
            break
        value, unit = value / 1000, larger
    pattern = "#,##0" if unit == "digital-byte" else "#,##0.#"
    return str(format_unit(value, unit, length="short", locale=UI_LOCALES.get(lang, "en_BE"), format=pattern))
