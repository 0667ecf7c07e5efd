"""Shared test data: a fixed "today" and a valid draft to change one key at a time."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

TODAY = date(2026, 11, 26)
"""The day every test runs on: dates after it are in the future."""

VALID_DRAFT: dict[str, Any] = {
    "language": "fr",
    "channel": "email",
    "request": "refund",
    "description": "J'ai annulé ma commande le 3 novembre et le marchand l'a confirmé par email.",
    "customer": {
        "first_name": "An",
        "last_name": "Peeters",
        "email": "an.peeters@example.be",
        "phone": "0470 12 34 56",
    },
    "transaction": {
        "amount": "1.234,56",
        "date": "2/11/2026",
        "order_number": "A-123",
        "merchant": "Meubles Dupont",
    },
    "details": {"refund": "partial", "refund_amount": "100,00"},
}
"""A valid draft as a TOML file would give it (with no evidence, so no files are needed)."""


def valid_draft() -> dict[str, Any]:
    """A fresh copy of :data:`VALID_DRAFT` that a test may change."""
    return copy.deepcopy(VALID_DRAFT)


@pytest.fixture(scope="session")
def today() -> date:
    return TODAY


@pytest.fixture(scope="session")
def make_draft() -> Callable[[], dict[str, Any]]:
    """A function that returns a fresh valid draft (session-scoped, so Hypothesis tests may use it)."""
    return valid_draft


@pytest.fixture
def draft_data() -> dict[str, Any]:
    """A valid draft as plain data; change one key to test it."""
    return valid_draft()
