"""Alma's contact details: defaults in ``data/alma.toml``, then the user's config, then the draft.

The user's config file (see :mod:`alma_contact.settings`) has a ``[recipient]``
table with the same keys as a draft's: ``email``, ``address`` (a list of
lines) and ``form_url``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Problem
    from .model import Recipient

DATA_FILE = Path(__file__).parent / "data" / "alma.toml"


@dataclass(frozen=True)
class Contacts:
    """Where a message to Alma goes."""

    email: str
    form_url: str
    address: tuple[str, ...]


def _defaults() -> dict[str, Any]:
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


def user_recipient(lang: str = "en") -> tuple[Recipient, list[Problem]]:
    """The ``[recipient]`` of the user's config, and the problems of that file (as warnings).

    A config file with a problem is not used: the recipient is then empty, and
    each problem is a sentence in ``lang``.
    """
    from .settings import current

    settings = current()
    return settings.recipient, settings.problems(lang)


ADDRESSEES = ("customer_service", "data_controller", "registered_office")
"""Whom at Alma a letter goes to: its customer service, (a data protection request) the data
controller at the registered office (``[data_controller]`` of ``data/alma.toml``), or (a formal
notice) the company at its registered office (``[registered_office]``)."""


def resolve(*overrides: Recipient, addressee: str = "customer_service") -> Contacts:
    """Alma's details for ``addressee`` with each override applied in turn (config first, then draft)."""
    data = _defaults()
    email, form_url, address = data["email"], data["form_url"], tuple(data["address"])
    if addressee != "customer_service":
        address = tuple(data[addressee]["address"])
    for override in overrides:
        email = override.email or email
        form_url = override.form_url or form_url
        address = tuple(override.address) if override.address else address
    return Contacts(email=email, form_url=form_url, address=address)


@dataclass(frozen=True)
class Company:
    """Alma, the company: its legal name, its register number and its registered office."""

    name: str
    register: str
    registered_office: tuple[str, ...]


def company() -> Company:
    """The company a case is against (``[company]`` of ``data/alma.toml``)."""
    data = _defaults()["company"]
    return Company(
        name=str(data["name"]),
        register=str(data["register"]),
        registered_office=tuple(str(line) for line in data["registered_office"]),
    )
