"""Properties over many inputs: what Babel writes reads back the same; nothing but a validation error escapes."""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from babel.numbers import NumberFormatError, format_currency, format_decimal, parse_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from alma_contact.drafts import DraftInvalid, validate
from alma_contact.errors import explain
from alma_contact.i18n import UI_LANGUAGES
from alma_contact.model import DETAILS_BY_REQUEST, Draft, known_keys
from alma_contact.parsing import (
    _GROUPED,
    _POINT_DECIMAL,
    EARLIEST_DATE,
    MAX_AMOUNT,
    _parse_amount_text,
    parse_amount,
    parse_date,
)

TODAY = date(2026, 11, 26)
LANGS = UI_LANGUAGES
EMPTY_FOLDER = Path("/nonexistent-alma-contact-test-folder")
"""Evidence is looked up here: random paths never reach a real file."""

# CI runs on two cores: a few hundred examples per property keep the file well under 30 s.
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODEL = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

amounts = st.decimals(
    min_value=Decimal("0.01"), max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False
)


# --- (a) amounts: Babel writes them, we read them back ------------------------------------


@FAST
@given(
    amount=amounts,
    locale=st.sampled_from(["fr_BE", "nl_BE"]),
    grouping=st.booleans(),
    currency=st.booleans(),
)
def test_babel_formatted_amount_reads_back(
    amount: Decimal, locale: str, grouping: bool, currency: bool
) -> None:
    if currency:
        text = format_currency(amount, "EUR", locale=locale, group_separator=grouping)
    else:
        text = format_decimal(amount, locale=locale, group_separator=grouping)
    assert parse_amount(text) == amount, text


@FAST
@given(
    amount=amounts,
    space=st.sampled_from([" ", "\u00a0", "\u202f", "."]),
    suffix=st.sampled_from(["", " €", " EUR", "\u00a0€"]),
)
def test_belgian_written_amount_reads_back(amount: Decimal, space: str, suffix: str) -> None:
    """``1.234,56``, ``1 234,56`` with any space, with or without the currency after it."""
    whole, cents = f"{amount:.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = space.join(groups) + "," + cents + suffix
    assert parse_amount(text) == amount, text


@FAST
@given(amount=amounts)
def test_toml_numbers_read_back(amount: Decimal) -> None:
    assert parse_amount(float(amount)) == amount
    if amount == amount.to_integral_value():
        assert parse_amount(int(amount)) == amount


def strict_babel_reading(text: str) -> Decimal:
    """How the amount is read without the shortcuts: Babel strict, then a decimal point."""
    try:
        if any(space in text for space in " \u00a0\u202f\u2009"):
            return parse_decimal(re.sub("[ \u00a0\u202f\u2009]", "\u202f", text), locale="fr_BE", strict=True)
        return parse_decimal(text, locale="nl_BE", strict=True)
    except NumberFormatError:
        assert _POINT_DECIMAL.fullmatch(text), text
        return Decimal(text)


@FAST
@given(text=st.from_regex(_GROUPED, fullmatch=True) | st.from_regex(_POINT_DECIMAL, fullmatch=True))
def test_shortcuts_read_amounts_as_babel_does(text: str) -> None:
    """Grouped amounts (``1.234,56``, ``1 234,56``) and ``12.50`` are read without Babel's strict
    parser, for speed; the number must be the one Babel's strict reading gives. (Babel gives up
    on numbers of twenty digits and more: those are far over the limit and refused anyway.)"""
    try:
        expected = strict_babel_reading(text)
    except InvalidOperation:
        assert _parse_amount_text(text) > MAX_AMOUNT
        return
    assert _parse_amount_text(text) == expected


# --- (b) dates: written day first or ISO, read back -----------------------------------------


@FAST
@given(
    day=st.dates(min_value=EARLIEST_DATE, max_value=TODAY),
    separator=st.sampled_from(["/", ".", "-"]),
    zeros=st.booleans(),
)
def test_day_first_date_reads_back(day: date, separator: str, zeros: bool) -> None:
    if zeros:
        text = f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year}"
    else:
        text = f"{day.day}{separator}{day.month}{separator}{day.year}"
    assert parse_date(text, TODAY) == day, text


@FAST
@given(day=st.dates(min_value=EARLIEST_DATE, max_value=TODAY))
def test_iso_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day
    assert parse_date(day, TODAY) == day


@FAST
@given(
    day=st.dates(min_value=EARLIEST_DATE, max_value=TODAY),
    locale=st.sampled_from(["fr_BE", "nl_BE"]),
    width=st.sampled_from(["long", "medium"]),
)
def test_date_in_words_reads_back(day: date, locale: str, width: str) -> None:
    text = format_date(day, format=width, locale=locale)
    assert parse_date(text, TODAY) == day, text


@FAST
@given(day=st.dates(min_value=EARLIEST_DATE, max_value=TODAY).filter(lambda d: d.day > 12))
def test_month_first_is_never_swapped_silently(day: date) -> None:
    text = f"{day.month}/{day.day}/{day.year}"
    with pytest.raises(Exception) as caught:
        parse_date(text, TODAY)
    assert getattr(caught.value, "type", None) == "date_month_first"


# --- (c) any text in any field: a value or a ValidationError, explained in every language ----

ANY_CHAR = st.characters(exclude_categories=())  # includes lone surrogates and control characters
ANY_TEXT = st.one_of(st.text(), st.text(alphabet=ANY_CHAR, max_size=40))

TEXT_FIELDS: list[tuple[str, ...]] = [
    ("language",),
    ("channel",),
    ("request",),
    ("description",),
    ("evidence", "0"),
    ("customer", "first_name"),
    ("customer", "last_name"),
    ("customer", "email"),
    ("customer", "phone"),
    ("customer", "street"),
    ("customer", "postal_code"),
    ("customer", "city"),
    ("customer", "country"),
    ("transaction", "amount"),
    ("transaction", "date"),
    ("transaction", "order_number"),
    ("transaction", "merchant"),
    ("transaction", "plan"),
    ("recipient", "email"),
    ("recipient", "form_url"),
    ("recipient", "address", "0"),
    *[("details", key) for model in DETAILS_BY_REQUEST.values() for key in model.model_fields],
]


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set ``value`` at ``path``; a ``"0"`` step makes a one-item list (evidence, address lines)."""
    table: Any = data
    for step in path[:-1]:
        table = table.setdefault(step, {})
    if path[-1] == "0":
        raise AssertionError("a list is set by its parent key")
    table[path[-1]] = value


def _set_text(data: dict[str, Any], path: tuple[str, ...], text: str) -> None:
    if path[-1] == "0":
        _put(data, path[:-1], [text, "FRANCE"] if path[-2] == "address" else [text])
    else:
        _put(data, path, text)
    if path[0] == "details":  # make the key one of the request's own
        key = path[1]
        data["request"] = next(r for r, m in DETAILS_BY_REQUEST.items() if key in m.model_fields)
        data["details"] = {key: text}


def _explain_everywhere(error: ValidationError, request: Any) -> None:
    for lang in LANGS:
        found = explain(error, lang, known_keys(request if isinstance(request, str) else None))
        assert found, "a validation error must name at least one problem"
        for problem in found:
            assert isinstance(problem.key, str)
            assert isinstance(problem.message, str) and problem.message


@MODEL
@given(path=st.sampled_from(TEXT_FIELDS), text=ANY_TEXT)
def test_any_text_in_any_field(
    make_draft: Callable[[], dict[str, Any]], path: tuple[str, ...], text: str
) -> None:
    data = make_draft()
    _set_text(data, path, text)
    context = {"today": TODAY, "base_dir": EMPTY_FOLDER}
    try:
        Draft.model_validate(data, context=context)
    except ValidationError as error:
        _explain_everywhere(error, data.get("request"))


# --- (d) any TOML/JSON-like structure at any key: only DraftInvalid -------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),  # includes nan and inf, which TOML allows
    st.decimals(),
    ANY_TEXT,
    st.dates(),
    st.datetimes(),
    st.times(),
    st.sampled_from(
        ["fr", "nl", "email", "letter", "form", "refund", "partial", "1.234,56", "2/11/2026", "0470 12 34 56"]
    ),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(
                st.text(max_size=10), st.sampled_from(["refund", "amount", "email", "address", "issue"])
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=12,
)

TOP_KEYS = [
    "language",
    "channel",
    "request",
    "description",
    "evidence",
    "customer",
    "transaction",
    "details",
    "recipient",
]
SECTION_KEYS = {
    "customer": ["first_name", "last_name", "email", "phone", "street", "postal_code", "city", "country"],
    "transaction": ["amount", "date", "order_number", "merchant", "plan"],
    "details": sorted({k for m in DETAILS_BY_REQUEST.values() for k in m.model_fields} | {"request"}),
    "recipient": ["email", "address", "form_url"],
}
places = st.one_of(
    st.sampled_from(TOP_KEYS).map(lambda key: (key,)),
    st.sampled_from([(s, k) for s, keys in SECTION_KEYS.items() for k in keys]),
    st.tuples(st.sampled_from(list(SECTION_KEYS)), st.text(max_size=10)),
    st.text(max_size=10).map(lambda key: (key,)),
)


def _validate_only_draft_invalid(data: Any) -> None:
    try:
        validate(data, EMPTY_FOLDER, TODAY)
    except DraftInvalid as invalid:
        for lang in LANGS:
            found = invalid.problems(lang)
            assert found and all(isinstance(p.message, str) and p.message for p in found)


@MODEL
@given(changes=st.lists(st.tuples(places, structures), min_size=1, max_size=3))
def test_any_structure_at_any_key(
    make_draft: Callable[[], dict[str, Any]], changes: list[tuple[tuple[str, ...], Any]]
) -> None:
    data = make_draft()
    for path, value in changes:
        table: Any = data
        for step in path[:-1]:
            if not isinstance(table.get(step), dict):
                table[step] = {}
            table = table[step]
        table[path[-1]] = value
    _validate_only_draft_invalid(data)


@MODEL
@given(
    data=st.dictionaries(st.one_of(st.sampled_from(TOP_KEYS), st.text(max_size=8)), structures, max_size=8)
)
def test_any_table_as_a_draft(data: dict[str, Any]) -> None:
    _validate_only_draft_invalid(data)


@MODEL
@given(value=st.floats())
def test_any_float_as_an_amount(make_draft: Callable[[], dict[str, Any]], value: float) -> None:
    data = make_draft()
    data["transaction"]["amount"] = value
    data["details"] = {"refund": "full"}
    try:
        draft = validate(data, EMPTY_FOLDER, TODAY)
    except DraftInvalid:
        assert not (math.isfinite(value) and 0.01 <= value <= 100_000 and round(value, 2) == value)
        return
    assert draft.transaction.amount == Decimal(repr(value))


# --- (f) invisible characters and digits of other scripts: refused in every field, and named ------

_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE_CHARS = [
    c
    for c in map(chr, range(sys.maxunicode + 1))
    if unicodedata.category(c) == "Cf" and c not in _BIDI and c not in "\u200c\u200d"
] + ["\u3164", "\uffa0", "\u2800"]
"""Format characters (bidirectional controls are refused as control characters), blank letters."""
NON_ASCII_DIGITS = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isdecimal() and not c.isascii()]

INVISIBLE_WORDS = {
    "en": "invisible character",
    "fr": "caractère invisible",
    "nl": "onzichtbaar teken",
    "de": "unsichtbares Zeichen",
}
DIGIT_WORDS = {"en": "0 to 9", "fr": "0 à 9", "nl": "0 tot en met 9", "de": "0 bis 9"}


def _problem_at(data: dict[str, Any], path: tuple[str, ...], lang: str) -> str:
    """The message of the one problem at ``path``, in ``lang``; validation must fail."""
    with pytest.raises(DraftInvalid) as caught:
        validate(data, EMPTY_FOLDER, TODAY)
    key = ".".join(path[:-1]) + "[1]" if path[-1] == "0" else ".".join(path)
    found = [p.message for p in caught.value.problems(lang) if p.key == key]
    assert len(found) == 1, (key, caught.value.problems(lang))
    return found[0]


@MODEL
@given(path=st.sampled_from(TEXT_FIELDS), char=st.sampled_from(INVISIBLE_CHARS), lang=st.sampled_from(LANGS))
def test_an_invisible_character_is_refused_in_every_text_field(
    make_draft: Callable[[], dict[str, Any]], path: tuple[str, ...], char: str, lang: str
) -> None:
    """A draft file, JSON, standard input, the config file and the app all validate through here."""
    data = make_draft()
    _set_text(data, path, f"Ab{char}cd")
    message = _problem_at(data, path, lang)
    assert INVISIBLE_WORDS[lang] in message
    assert f"U+{ord(char):04X}" in message


NUMERIC_FIELDS: dict[tuple[str, ...], str] = {
    ("transaction", "amount"): "1.234,56",
    ("transaction", "date"): "2/11/2026",
    ("customer", "phone"): "0470 12 34 56",
    ("customer", "postal_code"): "1000",
    ("details", "refund_amount"): "100,00",
}


@MODEL
@given(
    path=st.sampled_from(sorted(NUMERIC_FIELDS)),
    digit=st.sampled_from(NON_ASCII_DIGITS),
    lang=st.sampled_from(LANGS),
    data=st.data(),
)
def test_digits_of_other_scripts_are_refused_alike_in_every_number(
    make_draft: Callable[[], dict[str, Any]],
    path: tuple[str, ...],
    digit: str,
    lang: str,
    data: st.DataObject,
) -> None:
    draft = make_draft()
    valid = NUMERIC_FIELDS[path]
    place = data.draw(st.sampled_from([i for i, c in enumerate(valid) if c.isdigit()]))
    _put(draft, path, valid[:place] + digit + valid[place + 1 :])
    if path[0] == "customer":
        draft["customer"]["street"], draft["customer"]["city"] = "Rue de la Loi 16", "Bruxelles"
    assert DIGIT_WORDS[lang] in _problem_at(draft, path, lang)
