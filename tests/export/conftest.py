"""Drafts with awkward names, descriptions and evidence files, and the command line run for real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TODAY = "2026-11-26"

FIRST_NAME = "Łukasz Şükrü"
LAST_NAME = 'Čapek-Őrs, "Æsa"'
"""Letters from across Europe, a comma and double quotes: all must survive every format."""
FULL_NAME = f"{FIRST_NAME} {LAST_NAME}"
EMAIL = "lukasz.capek+alma@example.be"

SPECIAL_LINES = (
    "Montant : 1.234,56 € (12 € de frais).",
    r"Markup: # * $ [x] @ \ < > _ ` ~ ^ & |",
    "Template: {{ 7*7 }} {% if x %} ${x} #set text(red)",
    "Quotes: \"double\" 'simple' « guillemets » „Dutch”",
    "Header: =?utf-8?q?x?= Bcc%3A %0D%0A Subject:",
)
"""Each on its own line of the description: they must come out exactly as typed."""

DESCRIPTION = "\n".join(
    [
        "Mon paiement a été refusé le 2 novembre alors que ma carte était valide.",
        *SPECIAL_LINES,
        "",
        "Pourriez-vous vérifier mon dossier ?",
    ]
)

EVIDENCE: dict[str, bytes] = {
    "relevé de compte (novembre).pdf": b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
    "capture d'écran 1.png": b"\x89PNG\r\n\x1a\n" + os.urandom(5000),
    "notes CRLF.txt": b"ligne 1\r\nligne 2 \t\r\n\r\n.\r\nFrom me\nfin sans retour",
    "confirmation commande.eml": b"From: shop@example.com\r\nSubject: ok\r\n\r\nBody\r\n",
    "empty.bin": b"",
}
"""Names with accents, spaces, quotes and brackets; contents that line-end conversions would spoil."""


def draft_text(
    *,
    channel: str = "email",
    language: str = "fr",
    description: str = DESCRIPTION,
    evidence: list[str] | None = None,
    first_name: str = FIRST_NAME,
    last_name: str = LAST_NAME,
    recipient: dict[str, Any] | None = None,
) -> str:
    """A TOML draft; values are written as JSON strings, which TOML reads the same way."""
    values = {
        "language": language,
        "channel": channel,
        "request": "payment_issue",
        "description": description,
    }
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    lines.append(f"evidence = {json.dumps(evidence or [], ensure_ascii=False)}")
    tables = {
        "customer": {
            "first_name": first_name,
            "last_name": last_name,
            "email": EMAIL,
            "phone": "0470 12 34 56",
            "street": "Rue de la Loi 16",
            "postal_code": "1000",
            "city": "Bruxelles",
        },
        "transaction": {
            "amount": "1.234,56",
            "date": "2/11/2026",
            "order_number": "CMD-42",
            "merchant": "Æsa & Fils",
        },
        "details": {"issue": "charged_twice"},
    }
    if recipient:
        tables["recipient"] = recipient
    for table, content in tables.items():
        lines.append(f"\n[{table}]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in content.items()]
    return "\n".join(lines) + "\n"


DraftFactory = Callable[..., Path]


@pytest.fixture
def draft_file(tmp_path: Path) -> DraftFactory:
    """Write a draft (and its evidence files) in a folder of its own; returns the draft's path."""
    count = 0

    def make(evidence: dict[str, bytes] | None = None, name: str = "draft.toml", **options: Any) -> Path:
        nonlocal count
        count += 1
        folder = tmp_path / f"draft{count}"
        folder.mkdir()
        for file_name, content in (evidence or {}).items():
            (folder / file_name).write_bytes(content)
        path = folder / name
        path.write_text(draft_text(evidence=list(evidence or {}), **options), encoding="utf-8")
        return path

    return make


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    }
    env.update(
        ALMA_CONTACT_TODAY=TODAY,
        ALMA_CONTACT_CONFIG=str(tmp_path / "no-config.toml"),
        LANG="C.UTF-8",
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


Runner = Callable[..., subprocess.CompletedProcess[bytes]]


@pytest.fixture
def run(tmp_path: Path) -> Runner:
    """``alma-contact ARGS`` in a real process; output as bytes, since some formats are binary."""

    def run_cli(
        *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "alma_contact", "--ui-lang", "en", *map(str, args)],
            capture_output=True,
            env=env or cli_env(tmp_path),
            cwd=cwd or tmp_path,
            timeout=timeout,
            check=False,
        )

    return run_cli


@pytest.fixture
def rendered_json(run: Runner) -> Callable[..., dict[str, Any]]:
    """The ``--format json`` document of a draft: the subject and body the other formats must carry."""

    def render(draft: Path, *args: str) -> dict[str, Any]:
        result = run("render", draft, "--format", "json", *args)
        assert result.returncode == 0, result.stderr.decode()
        document: dict[str, Any] = json.loads(result.stdout)
        return document

    return render
