"""The case file: Markdown, PDF (read back with pdftotext) and zip, with hostile text kept literal."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from alma_contact.casefile import case_markdown, case_pdf, case_zip, claim_of, md_escape, md_fence
from alma_contact.cases import Case, Enclosed, SentMessage
from alma_contact.export.save import SaveError
from alma_contact.store import Store

TODAY = date(2026, 12, 7)
HOSTILE = 'Relevé #eval("1+1") ] *bold* ``` `code` <b>x</b> | [a](http://x)'
FIRST_TEXT = """Objet : Remboursement – commande AL-2026-11842

Madame, Monsieur,

Je vous demande de me rembourser 449,90 € pour ma commande n° AL-2026-11842.

Le 14 septembre 2026, j'ai effectué un achat chez Atelier Lumière.

Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

Élise Lefèvre"""
REMINDER_TEXT = """Madame, Monsieur,

Je vous ai écrit le 2 novembre 2026 par e-mail.
```
#eval("1+1") ] *gras* $x$
````

Élise Lefèvre"""
DOCUMENT = {
    "language": "fr",
    "channel": "email",
    "request": "refund",
    "customer": {
        "first_name": "Élise",
        "last_name": "Lefèvre",
        "email": "elise@example.be",
        "phone": "+32 470 12 34 56",
        "street": "Rue Royale 120",
        "postal_code": "1000",
        "city": "Bruxelles",
        "country": "BE",
    },
    "transaction": {
        "amount": "1.449,90",
        "date": "14/9/2026",
        "order_number": "AL-2026-11842",
        "merchant": "Atelier Lumière",
    },
    "details": {"refund": "full"},
}


def enclosed(path: Path, label: str | None) -> Enclosed:
    data = path.read_bytes()
    return Enclosed(path.name, label, len(data), hashlib.sha256(data).hexdigest(), str(path))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "data")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "evidence"
    folder.mkdir()
    found = {
        "statement": folder / "releve.png",
        "order": folder / "commande.pdf",
        "gone": folder / "capture.jpg",
    }
    found["statement"].write_bytes(b"\x89PNG statement " * 100)
    found["order"].write_bytes(b"%PDF order " * 2000)
    found["gone"].write_bytes(b"JPEG screenshot")
    return found


@pytest.fixture
def case(store: Store, files: dict[str, Path]) -> Case:
    draft = store.save(DOCUMENT, files["statement"].parent)
    first = SentMessage(
        0,
        "request",
        date(2026, 11, 2),
        "email",
        "fr",
        "Remboursement – commande AL-2026-11842",
        FIRST_TEXT,
        False,
        15,
        True,
        (
            enclosed(files["statement"], HOSTILE),
            enclosed(files["order"], None),
            enclosed(files["gone"], "Capture d'écran"),
        ),
    )
    store.add_message(draft.id, first, document=DOCUMENT, base_dir=files["statement"].parent)
    reminder = SentMessage(
        0,
        "reminder",
        date(2026, 11, 20),
        "email",
        "fr",
        "Rappel : remboursement",
        REMINDER_TEXT,
        False,
        8,
        True,
        debited=Decimal("299.94"),
    )
    store.add_message(draft.id, reminder)
    store.add_answer(
        draft.id, date(2026, 11, 25), "Alma renvoie vers le *commerçant* #eval", "reponse.eml", b"Bonjour"
    )
    notice = SentMessage(
        0, "formal_notice", date(2026, 12, 1), "letter", "fr", "Mise en demeure", FIRST_TEXT, True, 8, True
    )
    store.add_message(draft.id, notice)
    return store.close_case(draft.id, "refused", date(2026, 12, 4), "Refus définitif.")


def pdf_text(pdf: bytes, folder: Path) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is needed in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = folder / "case.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_claim_is_the_first_paragraph_after_the_salutation(case: Case) -> None:
    assert (
        claim_of(case.first) == "Je vous demande de me rembourser 449,90 € pour ma commande n° AL-2026-11842."
    )
    assert claim_of(SentMessage(1, "request", TODAY, "email", "fr", "s", "No greeting here.")) == ""


def test_markdown_has_every_section_date_hash_and_answer(case: Case, files: dict[str, Path]) -> None:
    text = case_markdown(case, "fr", today=TODAY, answers_files={1: b"Bonjour, voici notre r\xc3\xa9ponse"})
    assert [line for line in text.splitlines() if "299,94" in line] == [
        "- **Débité à ce jour**: 299,94\u00a0€"
    ]
    for heading in ("# Dossier de la demande", "## Client", "## Contre", "## Ce qui est demandé", "## Dates"):
        assert heading in text
    assert "## Messages et réponses" in text and "## Pièces justificatives" in text
    for day in (
        "2 novembre 2026",
        "20 novembre 2026",
        "25 novembre 2026",
        "1er décembre 2026",
        "4 décembre 2026",
    ):
        assert day in text
    assert "7 décembre 2026" in text  # made on
    for message in case.messages:
        for item in message.evidence:
            assert item.sha256 in text
    assert case.answers[0].sha256 and case.answers[0].sha256 in text
    assert "Bonjour, voici notre réponse" in text  # the answer's file, as received
    assert (
        "Alma SAS" in text and "176 avenue Charles de Gaulle" in text and "RCS Nanterre 839 100 575" in text
    )
    assert "1\u202f449,90\u00a0€" in text  # Belgian French amount
    assert "Lettre par la poste, en recommandé" in text
    assert "Je vous demande de me rembourser 449,90 €" in text  # the claim
    # the messages are in date order, the answer between the reminder and the formal notice
    order = [text.index(f"### {h}") for h in ("Message 1", "Message 2", "Réponse 1", "Message 3", "Clôture")]
    assert order == sorted(order)


def test_markdown_keeps_hostile_text_literal(case: Case) -> None:
    text = case_markdown(case, "en", today=TODAY)
    # the reminder's text holds ``` and ````: its fence is longer than both
    fence = "`````text"
    assert fence in text
    block = text.split(fence, 1)[1].split("\n`````\n", 1)[0]
    assert "````" in block and '#eval("1+1") ] *gras* $x$' in block
    # the hostile description is escaped, never markup
    assert "<b>" not in text and r"\<b\>" in text
    assert not re.search(r"(?<!\\)\]\(", text) and r"\[a\](http" in text
    assert r"\*bold\*" in text and r"\#eval" in text and r"\`\`\`" in text and r"\]" in text
    assert md_escape("- 1. item") == r"\- 1. item" and md_escape("1. item") == r"1\. item"
    assert md_fence("a\n```\nb") == "````text\na\n```\nb\n````"


def test_pdf_text_has_every_date_hash_and_answer(case: Case, tmp_path: Path) -> None:
    text = pdf_text(case_pdf(case, "fr", today=TODAY), tmp_path)
    flat = re.sub(r"\s+", " ", text)
    for day in (
        "2 novembre 2026",
        "20 novembre 2026",
        "25 novembre 2026",
        "1er décembre 2026",
        "4 décembre 2026",
    ):
        assert day in flat
    for message in case.messages:
        for item in message.evidence:
            assert item.sha256 in text
    answer = case.answers[0]
    assert answer.sha256 and answer.sha256 in text
    assert "Réponse 1" in flat and "Alma renvoie vers le *commerçant* #eval" in flat
    assert "Dossier de la demande" in flat and "Demande @1" in flat and "Élise Lefèvre" in flat
    assert "Refus définitif." in flat
    # the hostile description and the reminder's text print as typed
    assert 'Relevé #eval("1+1") ] *bold* ``` `code` <b>x</b> | [a](http://x)' in flat
    assert '#eval("1+1") ] *gras* $x$' in flat
    # page numbers n / N and the running header from page 2
    pages = text.split("\f")
    count = len([page for page in pages if page.strip()])
    assert count >= 3
    assert re.search(rf"\b1 ?/ ?{count}\b", pages[0])
    assert "Dossier de la demande · @1" not in pages[0]
    assert "Dossier de la demande · @1 · Élise Lefèvre · Alma SAS" in pages[1]


@pytest.mark.parametrize("lang", ["en", "nl", "de"])
def test_pdf_labels_in_the_interface_language(case: Case, tmp_path: Path, lang: str) -> None:
    flat = re.sub(r"\s+", " ", pdf_text(case_pdf(case, lang, today=TODAY), tmp_path))
    title = {"en": "Case file", "nl": "Dossier van de aanvraag", "de": "Fallakte"}[lang]
    assert title in flat
    assert "Madame, Monsieur," in flat  # the messages stay in their own language


def test_zip_has_the_pdf_the_evidence_and_the_answer_and_lists_what_is_left_out(
    case: Case, store: Store, files: dict[str, Path], tmp_path: Path
) -> None:
    files["order"].write_bytes(b"%PDF another file")  # changed since it was sent
    files["gone"].unlink()
    target = tmp_path / "out" / "case.zip"
    target.parent.mkdir()
    case_zip(case, "en", today=TODAY, target=target, store=store)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names == [
            "case-1.pdf",
            "evidence/message-1/releve.png",
            "answers/answer-1/reponse.eml",
            "README.txt",
        ]
        assert archive.read("evidence/message-1/releve.png") == files["statement"].read_bytes()
        assert archive.read("answers/answer-1/reponse.eml") == b"Bonjour"
        assert archive.read("case-1.pdf").startswith(b"%PDF")
        readme = archive.read("README.txt").decode("utf-8")
    assert "Left out:" in readme
    assert "commande.pdf (message 1): the file changed since it was sent" in readme
    assert "capture.jpg (message 1): the file is no longer where it was" in readme
    assert "releve.png" not in readme
    with pytest.raises(SaveError):  # never overwritten without force
        case_zip(case, "en", today=TODAY, target=target, store=store)
    case_zip(case, "fr", today=TODAY, target=target, store=store, force=True)
    with zipfile.ZipFile(target) as archive:
        assert "Non inclus" in archive.read("README.txt").decode("utf-8")
