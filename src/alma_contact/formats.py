"""Amounts, days and country names as Belgians read them, in French and in Dutch (Babel).

Kept apart from the wording (render.py, which loads Jinja2): the app reads back
each amount and date as it is typed, and needs these alone.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .languages import LANGUAGES

LOCALES = {code: language.locale for code, language in LANGUAGES.items()}


def format_amount(amount: Decimal, lang: str) -> str:
    """``1 234,56 €`` in French, ``€ 1.234,56`` in Dutch (Babel, fr_BE / nl_BE)."""
    from babel.numbers import format_currency

    return format_currency(amount, "EUR", locale=LOCALES[lang])


def format_day(day: date, lang: str) -> str:
    """``2 novembre 2026`` / ``2 november 2026``; French writes the first of the month ``1er``."""
    from babel.dates import format_date

    text = format_date(day, format="long", locale=LOCALES[lang])
    if lang == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text


def country_name(code: str, lang: str) -> str:
    from babel import Locale

    return str(Locale.parse(LOCALES[lang]).territories.get(code, code))
