"""What Belgians type, read by alma_contact.parsing: amounts, dates, phones, emails, postcodes, text."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from alma_contact import parsing
from alma_contact.model import LIMITS
from alma_contact.parsing import (
    clean_paste,
    clean_text,
    format_phone,
    parse_amount,
    parse_date,
    parse_email,
    parse_phone,
    parse_postal_code,
)

TODAY = date(2026, 11, 26)


def refused(parse: Callable[..., Any], *args: Any, **kwargs: Any) -> PydanticCustomError:
    """The validation error ``parse`` raises; any other outcome fails the test."""
    with pytest.raises(PydanticCustomError) as caught:
        parse(*args, **kwargs)
    return caught.value


# --- amounts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),  # no-break space
        ("1\u202f234,56", "1234.56"),  # narrow no-break space, as fr_BE writes it
        ("1234,56", "1234.56"),
        ("€ 1.234,56", "1234.56"),
        ("€\u00a01.234,56", "1234.56"),
        ("1.234,56 €", "1234.56"),
        ("1 234,56\u00a0€", "1234.56"),
        ("1.234,56 EUR", "1234.56"),
        ("1.234,56 eur", "1234.56"),
        ("€12", "12.00"),
        ("12 euros", "12.00"),
        ("15,-", "15.00"),
        ("15,--", "15.00"),
        ("149,99", "149.99"),
        ("149,9", "149.90"),
        ("0,01", "0.01"),
        ("  42  ", "42.00"),
        ("1234.56", "1234.56"),  # a single point with decimals: a keyboard's decimal point
        ("1234.5", "1234.50"),
        ("1.5", "1.50"),
        ("12.345,6", "12345.60"),
        ("1.234", "1234.00"),  # a point before three digits groups thousands, as in Belgium
        ("100.000,00", "100000.00"),  # exactly the bound
    ],
)
def test_amount_text_in_belgian_formats(text: str, expected: str) -> None:
    amount = parse_amount(text)
    assert amount == Decimal(expected)
    assert amount.as_tuple().exponent == -2  # always in cents


@pytest.mark.parametrize(
    ("value", "expected"),
    [(149, "149.00"), (1234.56, "1234.56"), (12.5, "12.50"), (0.01, "0.01"), (100_000, "100000.00")],
)
def test_amount_toml_numbers(value: int | float, expected: str) -> None:
    assert parse_amount(value) == Decimal(expected)


def test_amount_decimal_passes_through() -> None:
    assert parse_amount(Decimal("12.3")) == Decimal("12.30")


def test_point_decimal_is_never_read_as_cents_times_hundred() -> None:
    # Babel's non-strict nl_BE parser reads "1234.56" as 123456: the draft must not.
    assert parse_amount("1234.56") != Decimal("123456")


@pytest.mark.parametrize("text", ["1,500", "12,345", "0,001", "1.234,567"])
def test_amount_more_than_two_decimals_refused(text: str) -> None:
    error = refused(parse_amount, text)
    assert error.type == "amount_decimals"
    assert text in error.message()


@pytest.mark.parametrize("value", [0.001, 0.1 + 0.2, Decimal("1.005")])
def test_amount_number_with_more_than_two_decimals_refused(value: Any) -> None:
    assert refused(parse_amount, value).type == "amount_decimals"


@pytest.mark.parametrize("value", ["0", "0,00", "0.00", "€ 0", 0, 0.0, Decimal(0)])
def test_amount_zero_refused(value: Any) -> None:
    assert refused(parse_amount, value).type == "amount_not_positive"


@pytest.mark.parametrize("value", ["-5", "-12,50", "\u221212,50", "- 3", -5, -0.01, Decimal("-1")])
def test_amount_negative_refused(value: Any) -> None:
    assert refused(parse_amount, value).type == "amount_not_positive"


@pytest.mark.parametrize(
    "value",
    [
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "1e5",
        "1E5",
        "1,5e2",
        float("nan"),
        float("inf"),
        float("-inf"),
        Decimal("NaN"),
        Decimal("Infinity"),
    ],
)
def test_amount_nan_infinity_exponent_refused(value: Any) -> None:
    assert refused(parse_amount, value).type in {"amount_text", "amount_not_positive"}


def test_amount_float_written_with_exponent_in_toml_is_still_its_value() -> None:
    # TOML's 1e3 is the float 1000.0: a number, not text with an exponent.
    assert parse_amount(1e3) == Decimal("1000.00")


@pytest.mark.parametrize(
    "value", ["100.000,01", "100000,01", "123.456", "1.000.000", 100_000.01, 100_001, 10**30, 1e300]
)
def test_amount_over_the_bound_refused(value: Any) -> None:
    error = refused(parse_amount, value)
    assert error.type == "amount_too_large"
    assert "100.000,00 €" in error.message()


def test_amount_bound_is_documented_within_the_issue_range() -> None:
    assert Decimal(50_000) <= parsing.MAX_AMOUNT <= Decimal(1_000_000)
    assert parse_amount(parsing.MAX_AMOUNT) == parsing.MAX_AMOUNT


@pytest.mark.parametrize("value", [True, False, None, [12], {"amount": 12}, date(2026, 1, 1)])
def test_amount_other_types_refused(value: Any) -> None:
    error = refused(parse_amount, value)
    assert error.type == "amount_type"
    assert "1.234,56" in error.message()


@pytest.mark.parametrize("text", ["abc", "douze", "12 abc", "€", "EUR", ".5", ",50", "12a", "12$", "$12"])
def test_amount_letters_refused(text: str) -> None:
    assert refused(parse_amount, text).type == "amount_text"


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_amount_empty_refused(text: str) -> None:
    assert refused(parse_amount, text).type == "empty"


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("1,234.56", "1.234,56"), ("12,5.6", "12,56")],
)
def test_amount_wrong_format_gets_a_suggestion(text: str, suggestion: str) -> None:
    error = refused(parse_amount, text)
    assert error.type == "amount_format_suggest"
    assert suggestion in error.context["suggestion"]
    assert suggestion in error.message()


@pytest.mark.parametrize("text", ["1 234.56", "1  234", "1,,2", "1 23 4,5"])
def test_amount_wrong_format_without_suggestion(text: str) -> None:
    assert refused(parse_amount, text).type in {"amount_format", "amount_format_suggest"}


@pytest.mark.parametrize("text", ["1.234.56", "1,234.567"])
def test_amount_suggestions_are_always_acceptable_amounts(text: str) -> None:
    error = refused(parse_amount, text)
    for suggestion in (error.context or {}).get("suggestion", "").split(" / "):
        if suggestion:
            assert Decimal(0) < parse_amount(suggestion) <= parsing.MAX_AMOUNT


def test_plain_amount_is_written_the_belgian_way() -> None:
    assert parsing.plain_amount(Decimal("1234.5")) == "1.234,50 €"
    assert parsing.plain_amount(Decimal("100000")) == "100.000,00 €"


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2/11/2026",
        "2.11.2026",
        "2-11-2026",
        "02/11/2026",
        "02.11.2026",
        "2/11/2026 ",
        "2 / 11 / 2026",
        "2026-11-02",
        "2026-11-2",
        "2 novembre 2026",
        "2 nov. 2026",
        "2 november 2026",
        "2 nov 2026",
        "2 November 2026",
        "2e november 2026",
        "2de november 2026",
        "2\u00a0novembre\u00a02026",
    ],
)
def test_date_day_first_iso_and_words(text: str) -> None:
    assert parse_date(text, TODAY) == date(2026, 11, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1er mars 2026", date(2026, 3, 1)),
        ("1ste maart 2026", date(2026, 3, 1)),
        ("15 août 2025", date(2025, 8, 15)),
        ("15 augustus 2025", date(2025, 8, 15)),
        ("3 mei 2024", date(2024, 5, 3)),
        ("3 mai 2024", date(2024, 5, 3)),
        ("3 May 2024", date(2024, 5, 3)),
        ("29/2/2024", date(2024, 2, 29)),  # a leap day
        ("1/1/2018", date(2018, 1, 1)),  # the earliest day
        ("26/11/2026", TODAY),  # today itself
    ],
)
def test_date_words_and_edges(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_date_month_first_refused_with_day_first_suggestion() -> None:
    error = refused(parse_date, "11/26/2026", TODAY)
    assert error.type == "date_month_first"
    assert error.context["suggestion"] == "26/11/2026"
    assert "26/11/2026" in error.message()


def test_date_month_first_suggestion_keeps_the_separator() -> None:
    assert refused(parse_date, "3.25.2026", TODAY).context["suggestion"] == "25.3.2026"


@pytest.mark.parametrize(
    "text", ["31/02/2026", "29/02/2025", "31/04/2026", "0/1/2026", "13/13/2026", "2026-02-30"]
)
def test_date_not_in_the_calendar(text: str) -> None:
    assert refused(parse_date, text, TODAY).type == "date_invalid"


@pytest.mark.parametrize("value", ["27/11/2026", "1/1/2027", "9999-12-31", date(2026, 11, 27)])
def test_date_in_the_future_refused(value: Any) -> None:
    error = refused(parse_date, value, TODAY)
    assert error.type == "date_future"


def test_date_future_depends_on_the_given_today() -> None:
    assert parse_date("27/11/2026", date(2026, 11, 27)) == date(2026, 11, 27)


@pytest.mark.parametrize("value", ["31/12/2017", "1/1/2000", date(2017, 12, 31)])
def test_date_before_2018_refused(value: Any) -> None:
    error = refused(parse_date, value, TODAY)
    assert error.type == "date_too_old"
    assert "1/1/2018" in error.message()


@pytest.mark.parametrize(("text", "suggestion"), [("2/11/26", "2/11/2026"), ("2.11.25", "2.11.2025")])
def test_date_two_digit_year_refused_with_suggestion(text: str, suggestion: str) -> None:
    error = refused(parse_date, text, TODAY)
    assert error.type == "date_short_year"
    assert error.context["suggestion"] == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "2/11-2026",
        "November 2, 2026",
        "2 marzo 2026",  # a Spanish month: no message language writes it (German writes "2. März 2026")
        "2 foo 2026",
        "2026/11/02",
        "2/11/99999",
        "hier",
        "2/11",
    ],
)
def test_date_unknown_formats_refused(text: str) -> None:
    assert refused(parse_date, text, TODAY).type == "date_format"


def test_date_toml_date_objects() -> None:
    assert parse_date(date(2026, 11, 2), TODAY) == date(2026, 11, 2)
    assert parse_date(datetime(2026, 11, 2, 14, 30), TODAY) == date(2026, 11, 2)


@pytest.mark.parametrize("value", [20261102, 2.5, True, None, ["2/11/2026"], {"day": 2}])
def test_date_other_types_refused(value: Any) -> None:
    error = refused(parse_date, value, TODAY)
    assert error.type == "date_type"
    assert "2/11/2026" in error.message()


def test_numeric_date_day_first_without_zeros() -> None:
    assert parsing.numeric_date(date(2026, 3, 5)) == "5/3/2026"


# --- phones -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("0470 12 34 56", "+32470123456"),
        ("0470/12.34.56", "+32470123456"),
        ("0470-12-34-56", "+32470123456"),
        ("0470123456", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("+32470123456", "+32470123456"),
        ("0032470123456", "+32470123456"),
        ("0032 470 12 34 56", "+32470123456"),
        ("+32 (0)470 12 34 56", "+32470123456"),
        ("+32 (0) 470 12 34 56", "+32470123456"),
        ("0456 12 34 56", "+32456123456"),
        ("0470\u00a012\u00a034\u00a056", "+32470123456"),
        ("02 123 45 67", "+3221234567"),  # Brussels
        ("(02) 123 45 67", "+3221234567"),
        ("03 123 45 67", "+3231234567"),  # Antwerp
        ("04 221 84 11", "+3242218411"),  # Liège: 04 is also a fixed-line zone
        ("09 123 45 67", "+3291234567"),  # Ghent
        ("050 12 34 56", "+3250123456"),  # Bruges
        ("+32 2 123 45 67", "+3221234567"),
        ("+33 6 12 34 56 78", "+33612345678"),  # foreign numbers keep their prefix
        ("0033 6 12 34 56 78", "+33612345678"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_belgian_and_international(text: str, e164: str) -> None:
    assert parse_phone(text) == e164


@pytest.mark.parametrize(
    "text",
    [
        "0470 12 34 5",  # a mobile missing a digit
        "0470 12 34 567",  # one too many
        "02 123 45 6",
        "02 123 45 678",
        "0",
        "+32",
        "+32 0",
    ],
)
def test_phone_wrong_belgian_length_refused(text: str) -> None:
    error = refused(parse_phone, text)
    assert error.type == "phone_belgian"
    assert "9 digits" in error.message()


@pytest.mark.parametrize(
    "text",
    [
        "047O 12 34 56",  # a letter O
        "abc",
        "0470 12 34 56 ext 3",
        "+",
        "++32470123456",
        "470123456",  # neither 0 nor an international prefix
        "00",
        "+1234567",  # too short for an international number
        "+1234567890123456",  # too long (E.164 has at most 15 digits)
    ],
)
def test_phone_not_a_number_refused(text: str) -> None:
    assert refused(parse_phone, text).type == "phone_invalid"


@pytest.mark.parametrize("value", [470123456, None, 4.7])
def test_phone_must_be_text(value: Any) -> None:
    assert refused(parse_phone, value).type == "not_text"


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+32470123456", "+32 470 12 34 56"),
        ("+3221234567", "+32 2 123 45 67"),
        ("+3242218411", "+32 4 221 84 11"),
        ("+3291234567", "+32 9 123 45 67"),
        ("+3250123456", "+32 50 12 34 56"),
        ("+33612345678", "+33612345678"),
    ],
)
def test_format_phone(e164: str, shown: str) -> None:
    assert format_phone(e164) == shown


@pytest.mark.parametrize("text", ["0470 12 34 56", "02 123 45 67", "04 221 84 11", "050 12 34 56"])
def test_formatted_phone_reads_back_the_same(text: str) -> None:
    e164 = parse_phone(text)
    assert parse_phone(format_phone(e164)) == e164


# --- emails -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "an@example.be",
        "an.peeters@example.be",
        "an+alma@mail.example.co.uk",
        "AN@EXAMPLE.BE",
        "an@xn--bcher-kva.be",
        "o'brien@example.ie",
    ],
)
def test_email_accepted(text: str) -> None:
    assert parse_email(text) == text


def test_email_surrounding_spaces_removed() -> None:
    assert parse_email("  an@example.be ") == "an@example.be"


@pytest.mark.parametrize(
    "text",
    [
        "an@example",
        "an example@example.be",
        "an@@example.be",
        "an@example.b",
        "ån@example.be",
        "an@-example.be",
        "an..p@example.be",
        ".an@example.be",
        "an@",
        "@example.be",
        "an.example.be",
        "a" * 65 + "@example.be",  # the part before @ holds at most 64 characters
    ],
)
def test_email_refused(text: str) -> None:
    assert refused(parse_email, text).type == "email_invalid"


@pytest.mark.parametrize(
    "text",
    ["an@example.be\n", "an@example.be\r\nBcc: other@example.be", "an@example.be\tx", "an@exa\u2028mple.be"],
)
def test_email_header_injection_refused(text: str) -> None:
    assert refused(parse_email, text).type == "line_break"


@pytest.mark.parametrize(
    "text",
    [
        "=?utf-8?q?a=0D=0ABcc=3A_x=40y=2Ecom?=@example.com",
        "an=?x@example.be",
        "an=?@example.be",
    ],
)
def test_email_with_an_encoded_word_opening_refused(text: str) -> None:
    """ "=?" is allowed by the address syntax, but email parsers would decode the address."""
    assert refused(parse_email, text).type == "email_invalid"


# --- postcodes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [("1000", "1000"), (1000, "1000"), ("9999", "9999"), (" 2000 ", "2000")]
)
def test_belgian_postcode(value: Any, expected: str) -> None:
    assert parse_postal_code(value, "BE") == expected


@pytest.mark.parametrize("value", ["0999", "999", "10000", "1O00", "B-1000", 999, 10000])
def test_belgian_postcode_refused(value: Any) -> None:
    error = refused(parse_postal_code, value, "BE")
    assert error.type == "postal_code_be"
    assert "1000 to 9999" in error.message()


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("75010", "FR", "75010"),
        ("sw1a 1aa", "GB", "SW1A 1AA"),
        ("1012 AB", "NL", "1012 AB"),
        ("L-1234", "LU", "L-1234"),
    ],
)
def test_foreign_postcode(value: str, country: str, expected: str) -> None:
    assert parse_postal_code(value, country) == expected


@pytest.mark.parametrize("value", ["1", "75010!", "-7501"])
def test_foreign_postcode_refused(value: str) -> None:
    assert refused(parse_postal_code, value, "FR").type == "postal_code"


@pytest.mark.parametrize("value", [True, 1000.0, None])
def test_postcode_must_be_text_or_digits(value: Any) -> None:
    assert refused(parse_postal_code, value, "BE").type == "not_text"


# --- control characters and escape sequences -------------------------------------

CONTROLS = {
    "ESC (colour)": "\x1b[31m",
    "ESC (clear screen)": "\x1b[2J",
    "OSC (window title)": "\x1b]0;owned\x07",
    "NUL": "\x00",
    "BEL": "\x07",
    "backspace": "\x08",
    "DEL": "\x7f",
    "C1 CSI": "\x9b31m",
    "C1 OSC": "\x9d0;owned\x9c",
    "C1 NEL": "\x85",
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "right-to-left isolate": "\u2067",
    "pop directional isolate": "\u2069",
    "left-to-right mark": "\u200e",
    "Arabic letter mark": "\u061c",
    "lone high surrogate": "\ud800",
    "lone low surrogate": "\udfff",
}

PARSERS: dict[str, Callable[[Any], Any]] = {
    "one-line text": lambda v: clean_text(v, limit=100),
    "multi-line text": lambda v: clean_text(v, limit=100, multiline=True),
    "email": parse_email,
    "phone": parse_phone,
    "postcode": lambda v: parse_postal_code(v, "BE"),
    "amount": parse_amount,
    "date": lambda v: parse_date(v, TODAY),
    "choice": lambda v: parsing.choose(v, ("email", "letter", "form")),
}

VALID_TEXT: dict[str, str] = {
    "one-line text": "An Peeters",
    "multi-line text": "Bonjour,\nma commande",
    "email": "an@example.be",
    "phone": "0470 12 34 56",
    "postcode": "1000",
    "amount": "149,99",
    "date": "2/11/2026",
    "choice": "email",
}


@pytest.mark.parametrize("field", PARSERS)
@pytest.mark.parametrize("control", CONTROLS.values(), ids=CONTROLS.keys())
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_control_characters_refused_in_every_kind_of_field(field: str, control: str, where: str) -> None:
    valid = VALID_TEXT[field]
    assert PARSERS[field](valid)  # the field accepts its text without the control character
    middle = len(valid) // 2
    text = {
        "start": control + valid,
        "middle": valid[:middle] + control + valid[middle:],
        "end": valid + control,
    }[where]
    refused(PARSERS[field], text)


@pytest.mark.parametrize("control", CONTROLS.values(), ids=CONTROLS.keys())
def test_text_refusal_names_the_position(control: str) -> None:
    error = refused(clean_text, "ab" + control, limit=100)
    assert error.type in {"control_chars", "line_break"}
    if error.type == "control_chars":
        assert error.context["position"] == 3


@pytest.mark.parametrize(
    "text",
    [
        "An\nPeeters",
        "An\rPeeters",
        "An\r\nPeeters",
        "An\tPeeters",
        "An\u2028Peeters",
        "An\u2029Peeters",
        "An\x0bPeeters",
        "An\x0cPeeters",
    ],
)
def test_line_breaks_refused_in_one_line_text(text: str) -> None:
    assert refused(clean_text, text, limit=100).type == "line_break"


def test_line_breaks_kept_in_multi_line_text() -> None:
    text = "Bonjour,\r\n\r\nJ'ai payé\tle 2/11.\rMerci\u2028An\u2029PS   \n"
    assert clean_text(text, limit=1000, multiline=True) == "Bonjour,\n\nJ'ai payé\tle 2/11.\nMerci\nAn\n\nPS"


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \u00a0 "])
def test_empty_text_refused(text: str) -> None:
    assert refused(clean_text, text, limit=10, multiline=True).type == "empty"


def test_clean_text_accepts_a_toml_integer_only_when_asked() -> None:
    assert clean_text(12345, limit=10, numbers=True) == "12345"
    assert refused(clean_text, 12345, limit=10).type == "not_text"
    assert refused(clean_text, True, limit=10, numbers=True).type == "not_text"


@pytest.mark.parametrize("value", [None, 1.5, ["a"], {"a": 1}, b"bytes"])
def test_text_must_be_text(value: Any) -> None:
    error = refused(clean_text, value, limit=10)
    assert error.type == "not_text"
    assert "{kind}" not in error.message()


def test_ordinary_unicode_is_kept() -> None:
    name = "Zoë Van den Bossche-Öztürk 李 😀"
    assert clean_text(name, limit=100) == name


# --- length limits --------------------------------------------------------------


def _email_of_length(n: int) -> str:
    local = "a" * 64
    domain_length = n - len(local) - 1 - len(".be")
    labels = []
    while domain_length > 0:
        size = min(63, domain_length)
        if domain_length - size == 1:  # never leave a lone dot
            size -= 2
        labels.append("d" * size)
        domain_length -= size + 1
    text = f"{local}@{'.'.join(labels)}.be"
    assert len(text) == n, len(text)
    return text


def _phone_of_length(n: int) -> str:
    return "0470" + " " * (n - 10) + "123456"


def _postcode_of_length(n: int) -> tuple[str, str]:
    return "1" * n, "NL"


LIMIT_PARSERS: dict[str, tuple[Callable[[int], Any], Callable[[Any], Any]]] = {
    "email": (_email_of_length, parse_email),
    "phone": (_phone_of_length, parse_phone),
    "postal_code": (_postcode_of_length, lambda args: parse_postal_code(*args)),
}


@pytest.mark.parametrize("key", sorted(LIMIT_PARSERS))
def test_parser_length_limit_at_the_boundary(key: str) -> None:
    make, parse = LIMIT_PARSERS[key]
    limit = LIMITS[key]
    assert parse(make(limit))
    error = refused(parse, make(limit + 1))
    assert error.type == "too_long"
    assert error.context == {"length": limit + 1, "limit": limit}


def test_text_limit_counts_characters_after_trimming() -> None:
    assert clean_text("  " + "é" * 10 + "  ", limit=10) == "é" * 10
    assert refused(clean_text, "é" * 11, limit=10).context == {"length": 11, "limit": 10}


@pytest.mark.parametrize("text", ["1.", "1.234,", "12.3,", "1.2345"])
def test_without_suggestions_a_badly_grouped_amount_is_only_refused(text: str) -> None:
    """The app's read-back asks only whether an amount can be read: no "did you mean"."""
    with pytest.raises(PydanticCustomError) as suggested:
        parse_amount(text)
    assert suggested.value.type == "amount_format_suggest"
    with pytest.raises(PydanticCustomError) as refused:
        parse_amount(text, suggest=False)
    assert refused.value.type == "amount_format"


# --- digits of other scripts --------------------------------------------------------

NON_ASCII_DIGITS = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdecimal() and c > 0x7F]
"""Every decimal digit (category Nd) but 0-9: Arabic-Indic, Devanagari, full-width, Bengali..."""

DIGIT_FIELDS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "date": ("25/10/2025", lambda v: parse_date(v, TODAY)),
    "ISO date": ("2025-10-25", lambda v: parse_date(v, TODAY)),
    "date in words": ("25 octobre 2025", lambda v: parse_date(v, TODAY)),
    "amount": ("1.234,56", parse_amount),
    "phone": ("0470 12 34 56", parse_phone),
    "Belgian postcode": ("1000", lambda v: parse_postal_code(v, "BE")),
    "foreign postcode": ("75010", lambda v: parse_postal_code(v, "FR")),
}


def _with_script_digits(text: str, zero: str) -> str:
    """``text`` with its digits written in the script whose zero is ``zero``."""
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)


def test_every_non_ascii_digit_is_listed() -> None:
    assert len(NON_ASCII_DIGITS) > 600
    assert {"٢", "٥", "２", "५", "۲", "১"} <= set(NON_ASCII_DIGITS)
    assert all(unicodedata.category(d) == "Nd" for d in NON_ASCII_DIGITS)


@pytest.mark.parametrize("field", DIGIT_FIELDS)
@pytest.mark.parametrize(
    "text",
    ["٢٥/١٠/٢٠٢٥", "２５/１０/２０２５", "२५/१०/२०२५", "۲۵/۱۰/۲۰۲۵"],
    ids=["Arabic-Indic", "full-width", "Devanagari", "Persian"],
)
def test_the_reported_dates_are_refused_like_amounts(field: str, text: str) -> None:
    """Dates were read from ٢٥/١٠/٢٠٢٥ while amounts refused ١٢٣: now all refuse them alike."""
    valid, parse = DIGIT_FIELDS[field]
    assert parse(valid)
    zero = chr(ord(text[0]) - 2)  # the zero of the script of the example
    error = refused(parse, _with_script_digits(valid, zero))
    assert error.type == "digits_not_ascii"
    assert "0 to 9" in error.message()


@settings(max_examples=400, deadline=None)
@given(
    field=st.sampled_from(sorted(DIGIT_FIELDS)),
    digit=st.sampled_from(NON_ASCII_DIGITS),
    data=st.data(),
)
def test_any_non_ascii_digit_is_refused_in_every_numeric_field(
    field: str, digit: str, data: st.DataObject
) -> None:
    """One digit of the value replaced by a digit of another script, of the same value or not."""
    valid, parse = DIGIT_FIELDS[field]
    places = [i for i, c in enumerate(valid) if c.isdigit()]
    place = data.draw(st.sampled_from(places))
    assert refused(parse, valid[:place] + digit + valid[place + 1 :]).type == "digits_not_ascii"


@pytest.mark.parametrize("field", DIGIT_FIELDS)
def test_each_non_ascii_digit_is_refused(field: str) -> None:
    """Every one of them, not a sample: the whole value written in the digit's script."""
    valid, parse = DIGIT_FIELDS[field]
    for digit in NON_ASCII_DIGITS:
        zero = chr(ord(digit) - unicodedata.decimal(digit))
        assert refused(parse, _with_script_digits(valid, zero)).type == "digits_not_ascii", digit


def test_non_ascii_digits_stay_allowed_in_free_text() -> None:
    """An order number or a description may quote digits of any script: only numbers are read."""
    assert clean_text("commande ٢٥", limit=60) == "commande ٢٥"


# --- invisible characters ------------------------------------------------------------------

INVISIBLE = {
    "zero width space": "\u200b",
    "byte order mark": "\ufeff",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "tag latin capital A": "\U000e0041",
    "tag latin small a": "\U000e0061",
    "cancel tag": "\U000e007f",
    "function application": "\u2061",
    "Mongolian vowel separator": "\u180e",
    "interlinear annotation anchor": "\ufff9",
    "Hangul filler": "\u3164",
    "halfwidth Hangul filler": "\uffa0",
    "Braille blank": "\u2800",
    "lone zero width joiner": "\u200d",
    "lone zero width non-joiner": "\u200c",
}


@pytest.mark.parametrize("field", PARSERS)
@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_invisible_characters_refused_in_every_kind_of_field(field: str, char: str, where: str) -> None:
    valid = VALID_TEXT[field]
    middle = len(valid) // 2
    text = {
        "start": char + valid,
        "middle": valid[:middle] + " " + char + valid[middle:],
        "end": valid + char,
    }[where]
    refused(PARSERS[field], text)


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
@pytest.mark.parametrize("multiline", [False, True])
def test_invisible_character_error_names_it_and_its_place(char: str, multiline: bool) -> None:
    error = refused(clean_text, "An " + char + "Peeters", limit=100, multiline=multiline)
    assert error.type == "invisible_char"
    assert error.context["position"] == 4
    assert error.context["character"].startswith(f"U+{ord(char):04X}")
    assert "remove it" in error.message()


def test_invisible_character_is_named() -> None:
    error = refused(clean_text, "An\u200bPeeters", limit=100)
    assert error.context == {"position": 3, "character": "U+200B ZERO WIDTH SPACE"}


@pytest.mark.parametrize(
    "text",
    [
        "👩\u200d💻 An",  # woman technologist: a ZWJ emoji sequence
        "❤\ufe0f\u200d🔥",  # heart on fire: variation selector, ZWJ, emoji
        "👩🏽\u200d🚀",  # with a skin tone modifier
        "\u0915\u094d\u200d\u0937",  # Devanagari half form with ZWJ
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian "I want" with ZWNJ
        "Auf\u200clage",  # German typography: no ligature across the parts of a word
        "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # flag of Wales
        "Zoë ❤\ufe0f",  # variation selectors are not format characters
    ],
)
def test_joiners_and_flag_tags_kept_where_they_belong(text: str) -> None:
    assert clean_text(text, limit=100) == text
    assert clean_text(text, limit=100, multiline=True) == text


@pytest.mark.parametrize(
    "text",
    [
        "An\u200d",  # a joiner at the end joins nothing
        "\u200dAn",
        "An \u200d Peeters",  # beside a space
        "An\u200d\u200dPeeters",  # two in a row
        "🏴\U000e0041\U000e0042\U000e007f",  # uppercase tags: hidden ASCII text, not a flag
        "An\U000e0067\U000e0062\U000e007f",  # lowercase tags after a letter, not after the black flag
        "🏴\U000e0067\U000e0062",  # no cancel tag
    ],
)
def test_joiners_and_tags_refused_out_of_place(text: str) -> None:
    assert refused(clean_text, text, limit=100).type == "invisible_char"


@settings(max_examples=300, deadline=None)
@given(
    char=st.characters(whitelist_categories=("Cf",)).filter(lambda c: c not in "\u200c\u200d"),
    before=st.text(st.characters(whitelist_categories=("L", "N")), max_size=5),
    after=st.text(st.characters(whitelist_categories=("L", "N")), max_size=5),
)
def test_any_format_character_is_refused(char: str, before: str, after: str) -> None:
    """Every format character (category Cf) but the two joiners, anywhere in a name."""
    error = refused(clean_text, f"An{before}{char}{after}", limit=100)
    assert error.type in {"invisible_char", "control_chars"}  # bidirectional controls: control_chars


def test_pasted_invisible_characters_are_dropped() -> None:
    """The app's paste keeps what clean_text accepts and drops the rest, as it drops controls."""
    pasted = "\ufeffAn\u200b Pee\u00adters 👩\u200d💻\U000e0041"
    assert clean_paste(pasted, multiline=False) == "An Peeters 👩\u200d💻"
    assert clean_text(clean_paste(pasted, multiline=False), limit=100) == "An Peeters 👩\u200d💻"
