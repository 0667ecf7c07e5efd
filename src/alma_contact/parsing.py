"""Reading what Belgians type: amounts, dates, phone numbers, email addresses, text.

Every function returns a clean value or raises a validation error through
:func:`alma_contact.errors.fail`; the draft model and the terminal app call
the same functions, so a rule is written once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from .errors import fail, kind_of
from .languages import DAY_MARKS
from .registry import LIMITS

MAX_AMOUNT = Decimal("100000.00")
"""The largest amount accepted, in euros: far above any Alma plan, low enough to catch typos."""

EARLIEST_DATE = date(2018, 1, 1)
"""No Alma payment a person could still write about predates this day."""

_SPACES = " \u00a0\u202f\u2009"
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WORD_LIMIT = 40
"""Longest choice or date text read (``"15 septembre 2026"`` has 17 characters)."""
_LINE_BREAKS = frozenset("\n\r\t\v\f\x85\u2028\u2029")

# Invisible characters. Format characters (category Cf: zero-width space U+200B, a byte order
# mark U+FEFF inside a value, word joiner, soft hyphen, tag characters U+E0000-E007F...) show as
# nothing, yet reach the sender's name in the email and make two values that look the same
# differ; the Hangul fillers and the blank Braille pattern draw as blank letters. All are refused,
# but for these legitimate uses, which always sit between two visible characters:
# - ZERO WIDTH JOINER (U+200D) in emoji sequences (👩‍💻) and in Indic and Arabic scripts, and
#   ZERO WIDTH NON-JOINER (U+200C) in Persian, Indic scripts and some German typography: kept
#   between two letters, marks, digits or symbols, refused anywhere else (at an end, by a space);
# - tag characters in an emoji flag of a region (🏴 then lowercase tags, then CANCEL TAG: the
#   flags of England, Scotland, Wales); uppercase tags, which can smuggle invisible ASCII text,
#   are never accepted.
# A byte order mark at the very start of a draft file is removed by the file reader, not here.
# Bidirectional controls (also Cf) are refused as control characters (``_BIDI_CONTROLS``).
_JOINERS = frozenset("\u200c\u200d")
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_FLAG_TAGS = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,7}\U000e007f")


# --- text -------------------------------------------------------------------


def clean_text(value: object, *, limit: int, multiline: bool = False, numbers: bool = False) -> str:
    """Check a free-text value: a string, no control or invisible characters, within ``limit``.

    One-line fields refuse every line break (they can end up in email headers);
    multi-line text keeps its line breaks, normalised to ``\\n``. Surrounding
    white space is removed. ``numbers`` lets a TOML integer stand for its digits.
    """
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        fail("not_text", kind=kind_of(value))
    text = value
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        text = text.replace("\u2029", "\n\n")
    for position, char in enumerate(text, start=1):
        if multiline and char in "\n\t":
            continue
        if not multiline and char in _LINE_BREAKS:
            fail("line_break")
        if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            fail("control_chars", position=position)
    invisible = _invisible(text)
    if invisible is not None:
        fail("invisible_char", position=invisible + 1, character=_character_name(text[invisible]))
    text = "\n".join(line.rstrip() for line in text.split("\n")) if multiline else text
    text = text.strip()
    if not text:
        fail("empty")
    if len(text) > limit:
        fail("too_long", length=len(text), limit=limit)
    return text


def _visible_neighbour(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMNS"


def _invisible_at(text: str, index: int, flags: set[int]) -> bool:
    char = text[index]
    if char in _BLANK_LETTERS:
        return True
    if unicodedata.category(char) != "Cf" or char in _BIDI_CONTROLS or index in flags:
        return False
    if char in _JOINERS:
        inside = 0 < index < len(text) - 1
        return not (inside and _visible_neighbour(text[index - 1]) and _visible_neighbour(text[index + 1]))
    return True


def _flag_positions(text: str) -> set[int]:
    return {i for match in _FLAG_TAGS.finditer(text) for i in range(match.start() + 1, match.end())}


def _invisible(text: str) -> int | None:
    """The index of the first invisible character that has no business in ``text``, if any."""
    flags = _flag_positions(text) if "\U000e007f" in text else set()
    for index in range(len(text)):
        if _invisible_at(text, index, flags):
            return index
    return None


def _character_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: an invisible character named so that it can be found."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, clipboard, links
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # two-character escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


def clean_paste(text: str, *, multiline: bool) -> str:
    """Pasted text without terminal escape sequences, control or invisible characters.

    Line breaks become ``\n`` in multi-line text and spaces in one-line fields.
    """
    text = _ESCAPES.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    flags = _flag_positions(text) if "\U000e007f" in text else set()
    kept = []
    for index, char in enumerate(text):
        if char in "\n\t":
            kept.append(char if multiline else " ")
        elif char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            continue
        elif not _invisible_at(text, index, flags):  # zero-width spaces and the like go, as controls do
            kept.append(char)
    return "".join(kept)


def _ascii_digits(text: str, shown: str | None = None) -> str:
    """Refuse digits of other scripts (٢٥, ２５, २५): dates, amounts, phone numbers and postcodes
    are read with the digits 0 to 9 only, and a digit of another script is refused, not guessed,
    the same way in each of them."""
    if any(char.isdecimal() and not char.isascii() for char in text):
        fail("digits_not_ascii", value=text if shown is None else shown)
    return text


def choose(value: object, choices: tuple[str, ...]) -> str:
    """One of ``choices``, case-insensitive, with a did-you-mean when it is not."""
    if not isinstance(value, str):
        fail("not_text", kind=kind_of(value))
    word = clean_text(value, limit=_WORD_LIMIT).lower()  # control characters are refused, not dropped
    if word in choices:
        return word
    from .errors import suggest

    match = suggest(word, choices)
    listed = ", ".join(choices)
    if match:
        fail("choice_suggest", value=value, choices=listed, suggestion=match)
    fail("choice", value=value, choices=listed)


# --- amounts ----------------------------------------------------------------


def parse_amount(value: object, *, suggest: bool = True) -> Decimal:
    """An amount in euros, from a TOML/JSON number or text written the Belgian way.

    Accepted: ``1.234,56``, ``1 234,56`` (any kind of space), ``1234,56``,
    ``€ 1.234,56``, ``1.234,56 €``, ``1.234,56 EUR``, ``15,-`` and, since many
    keyboards type it, ``1234.56`` with a single point and one or two decimals.
    Refused, never guessed: more than two decimals (``1,500``), zero,
    negatives, exponents, NaN and Infinity, and amounts over :data:`MAX_AMOUNT`.

    ``suggest=False`` leaves out the "did you mean" of a badly grouped amount (the
    app's read-back only needs to know that it cannot be read yet).
    """
    if isinstance(value, bool):
        fail("amount_type", kind=kind_of(value))
    if isinstance(value, int):
        amount = Decimal(value)
        shown = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            fail("amount_text", value=str(value))
        shown = repr(value)
        amount = Decimal(shown)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            fail("amount_text", value=str(value))
        amount, shown = value, str(value)
    elif isinstance(value, str):
        amount, shown = _parse_amount_text(value, suggest), value.strip()
    else:
        fail("amount_type", kind=kind_of(value))
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        fail("amount_decimals", value=shown)
    if amount <= 0:
        fail("amount_not_positive", value=shown)
    if amount > MAX_AMOUNT:
        fail("amount_too_large", value=shown, limit=plain_amount(MAX_AMOUNT))
    return amount.quantize(Decimal("0.01"))


def plain_amount(amount: Decimal) -> str:
    """``1.234,56 €``: an amount as Belgians write it, for messages about amounts."""
    grouped = f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{grouped} €"


_AMOUNT_CHARS = re.compile(r"[0-9][0-9.,\u0020\u00a0\u202f\u2009]*")
_PLAIN_AMOUNT = re.compile(r"[0-9]+(?:,[0-9]+)?")
_POINT_DECIMAL = re.compile(r"[0-9]+\.[0-9]{1,2}")
_GROUPED = re.compile(
    r"[1-9][0-9]{0,2}(?:(?P<sep>[.\u0020\u00a0\u202f\u2009])[0-9]{3})(?:(?P=sep)[0-9]{3})*(?:,[0-9]{1,2})?"
)
"""``1.234,56`` or ``1 234,56``: groups of three with one separator throughout, then at most two
decimals. Babel's strict reading gives the same number (a property test checks it), so these skip it."""
_CURRENCY = re.compile(r"^(?:€|eur(?:o|os)?)|(?:€|eur(?:o|os)?)$", re.IGNORECASE)


def _parse_amount_text(text: str, suggest: bool = True) -> Decimal:
    from babel.numbers import NumberFormatError, parse_decimal

    invisible = _invisible(text)
    if invisible is not None:
        fail("invisible_char", position=invisible + 1, character=_character_name(text[invisible]))
    s = _ascii_digits(text, text.strip()).strip(_SPACES)
    if not s:
        fail("empty")
    s = _CURRENCY.sub("", s).strip(_SPACES)
    s = _CURRENCY.sub("", s).strip(_SPACES)  # "€ 12 EUR" is still 12 euros
    for dash in (",--", ",-", ".--", ".-"):  # "15,-" is how Belgians write whole euros
        if s.endswith(dash):
            s = s[: -len(dash)]
            break
    if s[:1] in ("-", "\u2212"):
        fail("amount_not_positive", value=text.strip())
    if not _AMOUNT_CHARS.fullmatch(s):
        fail("amount_text", value=text.strip())
    if _PLAIN_AMOUNT.fullmatch(s):  # no grouping to check: Babel would read it the same
        return Decimal(s.replace(",", "."))
    grouped_match = _GROUPED.fullmatch(s)
    if grouped_match:
        return Decimal(s.replace(grouped_match["sep"], "").replace(",", "."))
    if _POINT_DECIMAL.fullmatch(s):  # 12.50: Babel refuses the grouping, and it is read as a decimal point
        return Decimal(s)
    try:
        if any(space in s for space in _SPACES):
            grouped = re.sub(f"[{_SPACES}]", "\u202f", s)
            return parse_decimal(grouped, locale="fr_BE", strict=True)
        return parse_decimal(s, locale="nl_BE", strict=True)
    except NumberFormatError as error:
        fitting = [c for c in getattr(error, "suggestions", None) or [] if suggest and _fits(c)]
        if fitting:
            fail("amount_format_suggest", value=text.strip(), suggestion=" / ".join(fitting))
        fail("amount_format", value=text.strip())
    except (InvalidOperation, ValueError):
        fail("amount_format", value=text.strip())


def _fits(candidate: str) -> bool:
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        found = parse_decimal(candidate, locale="nl_BE", strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return False
    exponent = found.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -2 and 0 < found <= MAX_AMOUNT


# --- dates ------------------------------------------------------------------

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})")
_IN_WORDS = re.compile(
    r"(\d{1,2})(?:" + "|".join(sorted(map(re.escape, DAY_MARKS), key=len, reverse=True)) + r")?"
    r"\s+([^\W\d_]+)\.?\s+(\d{4})"
)
"""A day in words: ``2 novembre 2026``, ``1er mai 2026``, ``3de juni 2026`` (the marks of languages.py)."""


def parse_date(value: object, today: date | None = None) -> date:
    """A day, written day first (``2/11/2026``, ``2-11-2026``, ``2.11.2026``), ISO, or in words.

    Refuses month-first dates (``11/26/2026``) instead of swapping day and
    month, impossible days, days in the future and days before 2018.
    """
    today = today or date.today()
    day = _read_day(value)
    if day > today:
        fail("date_future", value=numeric_date(day))
    if day < EARLIEST_DATE:
        fail("date_too_old", value=numeric_date(day), limit=numeric_date(EARLIEST_DATE))
    return day


COMING_DAYS = 366
"""How far ahead a day to come may be: a debit's, or the day it is asked to move to."""


def parse_coming_day(value: object, today: date | None = None) -> date:
    """A day to come (the next debit's, the day a debit is asked to move to), written as
    :func:`parse_date` reads a day: from today to a year ahead."""
    today = today or date.today()
    day = _read_day(value)
    if day < today:
        fail("day_past", value=numeric_date(day))
    if day > today + timedelta(days=COMING_DAYS):
        fail("day_too_far", value=numeric_date(day))
    return day


def _read_day(value: object) -> date:
    """A day as typed (day first, ISO, in words) or as TOML gives it, before any check of when it is."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return _parse_date_text(_ascii_digits(clean_text(value, limit=_WORD_LIMIT)))
    fail("date_type", kind=kind_of(value))


def numeric_date(day: date) -> str:
    """``2/11/2026``: the day-first form used in messages about dates."""
    return f"{day.day}/{day.month}/{day.year}"


def _parse_date_text(text: str) -> date:
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(text):
        day, month = int(match[1]), int(match[3])
        sep, year_text = match[2], match[4]
        if len(year_text) == 2:
            fail("date_short_year", value=text, suggestion=f"{day}{sep}{month}{sep}20{year_text}")
        year = int(year_text)
        if month > 12 and 1 <= day <= 12:
            fail("date_month_first", value=text, suggestion=f"{month}{sep}{day}{sep}{year}")
    elif match := _IN_WORDS.fullmatch(text):
        day, year = int(match[1]), int(match[3])
        named = _month_from_name(match[2])
        if named is None:
            fail("date_format", value=text)
        month = named
    else:
        fail("date_format", value=text)
    try:
        return date(year, month, day)
    except ValueError:
        fail("date_invalid", value=text)


def _month_from_name(name: str) -> int | None:
    from babel.dates import get_month_names

    from .languages import DATE_LOCALES

    wanted = name.lower().rstrip(".")
    for locale in DATE_LOCALES:
        for width in ("wide", "abbreviated"):
            for number, month_name in get_month_names(width, locale=locale).items():
                if month_name.lower().rstrip(".") == wanted:
                    return int(number)
    return None


# --- contact details --------------------------------------------------------

_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def parse_email(value: object) -> str:
    """An email address as mail programs accept it (ASCII, a dot in the domain)."""
    text = clean_text(value, limit=LIMITS["email"])
    # "=?" is allowed by the address syntax, but email parsers decode it as an RFC 2047 word
    if not _EMAIL.fullmatch(text) or len(text.split("@")[0]) > 64 or "=?" in text:
        fail("email_invalid", value=text)
    return text


_PHONE_NOISE = re.compile(r"[\s./\-()\u00a0\u202f]")


def parse_phone(value: object) -> str:
    """A phone number in E.164 form (``+32470123456``).

    Belgian numbers may be written ``0470 12 34 56``, ``0470/12.34.56``,
    ``+32 470 12 34 56``, ``+32 (0)470…`` or ``0032470123456``; others need
    their international prefix.
    """
    text = _ascii_digits(clean_text(value, limit=LIMITS["phone"]))
    digits = _PHONE_NOISE.sub("", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not re.fullmatch(r"\+?[0-9]+", digits):
        fail("phone_invalid", value=text)
    if digits.startswith("+32"):
        national = digits[3:].removeprefix("0")
    elif digits.startswith("+"):
        if not 8 <= len(digits) - 1 <= 15:
            fail("phone_invalid", value=text)
        return digits
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        fail("phone_invalid", value=text)
    expected = 9 if _is_mobile(national) else 8
    if len(national) != expected or national.startswith("0"):
        fail("phone_belgian", value=text)
    return "+32" + national


def _is_mobile(national: str) -> bool:
    """Mobiles are 045x-049x (9 digits after the 0); 04 alone is Liège's fixed zone (8 digits)."""
    return national[:1] == "4" and national[1:2] in ("5", "6", "7", "8", "9")


def format_phone(e164: str) -> str:
    """``+32470123456`` -> ``+32 470 12 34 56``; Brussels ``+32 2 123 45 67``, Liège ``+32 4 221 84 11``."""
    if not e164.startswith("+32"):
        return e164
    national = e164[3:]
    if _is_mobile(national):
        head, rest = national[:3], national[3:]
    elif national[0] in "2349":
        head, rest = national[:1], national[1:]
    else:
        head, rest = national[:2], national[2:]
    pairs = [rest[i : i + 2] for i in range(0, len(rest), 2)]
    if len(rest) == 7:  # 1-digit zone: 123 45 67
        pairs = [rest[:3], rest[3:5], rest[5:]]
    return " ".join(["+32", head, *pairs])


def parse_postal_code(value: object, country: str) -> str:
    """A Belgian postcode is four digits from 1000 to 9999; others 2 to 10 letters or digits."""
    text = _ascii_digits(clean_text(value, limit=LIMITS["postal_code"], numbers=True)).upper()
    if country == "BE":
        if not re.fullmatch(r"[1-9][0-9]{3}", text):
            fail("postal_code_be", value=text)
    elif not re.fullmatch(r"[A-Z0-9][A-Z0-9 \-]{0,8}[A-Z0-9]", text):
        fail("postal_code", value=text)
    return text
