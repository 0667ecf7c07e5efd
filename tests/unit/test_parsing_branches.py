"""Branches of the parsers kept after the unreachable ones went: what each input still gives."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic_core import PydanticCustomError

from alma_contact.parsing import parse_amount, parse_date


def _error(parse: object, value: str) -> str:
    with pytest.raises(PydanticCustomError) as raised:
        parse(value)  # type: ignore[operator]
    return raised.value.type


@pytest.mark.parametrize("text", ["", "   ", "\u00a0", "\u202f"])
def test_an_empty_date_is_empty(text: str) -> None:
    """Read by the text check before the date parser (whose own empty test could never run)."""
    assert _error(parse_date, text) == "empty"


@pytest.mark.parametrize(("text", "value"), [("12.50", "12.50"), ("1234.5", "1234.50"), ("€ 7.05", "7.05")])
def test_a_single_point_with_decimals_is_a_decimal_point(text: str, value: str) -> None:
    """Read before Babel is asked, so that Babel's refusal never had to be checked for it again."""
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "1" + ".0000" * 2000,  # Babel's strict check formats a number too long for its context
        "1" + ".00" * 5000 + ",5",
    ],
)
def test_a_huge_badly_grouped_amount_is_refused_not_a_crash(text: str) -> None:
    """The branch for Babel's InvalidOperation runs: it is kept."""
    assert _error(parse_amount, text) == "amount_format"
