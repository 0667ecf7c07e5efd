"""Alma's contact details: defaults in ``data/alma.toml``, then the user's config, then the draft.

The user's config file is ``config.toml`` in the platform's config folder
(``~/.config/alma-contact/`` on Linux), or the file named by
``ALMA_CONTACT_CONFIG``; its ``[recipient]`` table takes the same keys as a
draft's: ``email``, ``address`` (a list of lines) and ``form_url``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Problem, echo, explain
from .i18n import N_, translate
from .model import Recipient

DATA_FILE = Path(__file__).parent / "data" / "alma.toml"


@dataclass(frozen=True)
class Contacts:
    """Where a message to Alma goes."""

    email: str
    form_url: str
    address: tuple[str, ...]


def config_path() -> Path:
    """The user's config file (it need not exist)."""
    override = os.environ.get("ALMA_CONTACT_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("alma-contact", appauthor=False) / "config.toml"


def _defaults() -> dict[str, Any]:
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)


_CONFIG_TOML = N_("the config file is not valid TOML: {detail}.")
_CONFIG_UTF8 = N_("the config file is not UTF-8 text; save it again as UTF-8.")


def user_recipient(lang: str = "en") -> tuple[Recipient, list[Problem]]:
    """The ``[recipient]`` of the user's config, and problems with that file (as warnings).

    The file is read as a draft is (a regular file, a size limit, no waiting on
    a pipe), and each problem is a sentence in ``lang``.
    """
    from .drafts import DraftInvalid, parse_toml, read_file

    path = config_path()
    shown = echo(str(path), 200)
    if not os.path.lexists(path):
        return Recipient(), []
    try:
        document = parse_toml(read_file(path).decode("utf-8-sig"), _CONFIG_TOML)
    except UnicodeDecodeError:
        return Recipient(), [Problem(shown, translate(lang, _CONFIG_UTF8))]
    except DraftInvalid as invalid:
        return Recipient(), [
            Problem(shown if invalid.message == _CONFIG_TOML else "", p.message)
            for p in invalid.problems(lang)
        ]
    table = document.get("recipient", {})
    try:
        return Recipient.model_validate(table), []
    except ValidationError as error:
        return Recipient(), [
            Problem(f"{shown}: recipient.{p.key}" if p.key else shown, p.message)
            for p in explain(error, lang)
        ]


def resolve(*overrides: Recipient) -> Contacts:
    """Alma's details with each override applied in turn (config first, then draft)."""
    data = _defaults()
    email, form_url, address = data["email"], data["form_url"], tuple(data["address"])
    for override in overrides:
        email = override.email or email
        form_url = override.form_url or form_url
        address = tuple(override.address) if override.address else address
    return Contacts(email=email, form_url=form_url, address=address)
