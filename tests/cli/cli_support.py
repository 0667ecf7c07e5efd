"""Helpers for the command-line tests: a valid draft, the environment of a run, what a clean failure looks like."""

from __future__ import annotations

import json
import os
import re
import shutil
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TODAY = "2026-11-26"

DRAFT_TOML = """\
language = "fr"
channel = "email"
request = "refund"
description = \"\"\"
J'ai annulé ma commande le 3 novembre ; le marchand a confirmé l'annulation par email,
mais les échéances Alma continuent d'être prélevées sur ma carte.
\"\"\"
evidence = ["confirmation.pdf"]

[customer]
first_name = "An"
last_name = "Peeters"
email = "an.peeters@example.be"
phone = "0470 12 34 56"

[transaction]
amount = "1.234,56"
date = "2/11/2026"
order_number = "A-123"
merchant = "Meubles Dupont"
plan = "3x"

[details]
refund = "partial"
refund_amount = "100,00"
merchant_refunded_on = "5/11/2026"
"""
"""A valid draft: written next to ``confirmation.pdf`` in the test's folder."""

ADDRESS_TOML = 'street = "Rue de la Loi 16"\npostal_code = "1000"\ncity = "Bruxelles"\n'


@dataclass
class Result:
    """What a run of the command left: exit code, and its output decoded as UTF-8."""

    code: int
    out: str
    err: str

    @property
    def both(self) -> str:
        return self.out + self.err

    def json(self) -> Any:
        return json.loads(self.out)


Run = Callable[..., Result]
"""The ``run`` fixture: ``run(*args, input=, lang=, script=, env=, cwd=)``."""

Write = Callable[[str, "str | bytes"], Path]
"""The ``write`` fixture: write a file in the test's folder, get its path."""


def script_path() -> str | None:
    """The installed ``alma-contact`` console script (next to this Python first, then on PATH)."""
    candidate = Path(sysconfig.get_path("scripts")) / "alma-contact"
    if candidate.exists():
        return str(candidate)
    return shutil.which("alma-contact")


def base_env(tmp_path: Path, lang: str = "C.UTF-8") -> dict[str, str]:
    """The environment of every run: nothing from the developer's own locale or config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "ALMA_CONTACT_"))}
    env.update(
        {
            "LANG": lang,
            "ALMA_CONTACT_TODAY": TODAY,
            "ALMA_CONTACT_CONFIG": str(tmp_path / "no-such-folder" / "config.toml"),
            "ALMA_CONTACT_DATA_DIR": str(tmp_path / "data"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "COLUMNS": "100",
        }
    )
    env.pop("PYTHONUTF8", None)
    env.pop("PYTHONIOENCODING", None)
    return env


def assert_clean_failure(result: Result, code: int = 2) -> None:
    """Failed the way a person should see it: the exit code, a message, no traceback."""
    assert result.code == code, result
    assert result.err.strip(), "a failure must say why"
    assert "Traceback" not in result.both
    assert not re.search(r"^\w+(Error|Exception)\b", result.err, re.MULTILINE), result.err
