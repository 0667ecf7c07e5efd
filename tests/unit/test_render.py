"""The wording modules and the channel layouts, through render.build().

User text is only ever data; amounts and dates are Belgian; each channel has its shape
(email: subject line first; form: one labelled block per field; letter: place and date,
enclosures); every request and option has its own words.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from alma_contact import languages, registry, render
from alma_contact.model import Draft
from alma_contact.registry import REQUESTS

TODAY = date(2026, 11, 26)
LANGUAGES = languages.codes()
CHANNELS = registry.channel_values()
FORM_KEYS = {"form", "last_name", "first_name", "email", "phone", "subject", "message", "none"}

DRAFT: dict[str, Any] = {
    "request": "refund",
    "description": "Le commerçant a confirmé le remboursement le 5 novembre.",
    "evidence": ["confirmation.pdf", "relevé bancaire.png"],
    "customer": {
        "first_name": "Zoë",
        "last_name": "Van den Broeck-Ngô",
        "email": "zoe@example.be",
        "phone": "0470 12 34 56",
        "street": "Rue de l’Étuve 3",
        "postal_code": "1000",
        "city": "Bruxelles",
    },
    "transaction": {
        "amount": "1.234,56",
        "date": "2/11/2026",
        "order_number": "A-123",
        "merchant": "Meubles Dupont",
        "plan": "3x",
    },
    "details": {"refund": "full", "merchant_refunded_on": "5/11/2026"},
}


def _combinations() -> list[tuple[str, dict[str, str]]]:
    """Every request with each option, read from the registry so that a new option needs new words."""
    found: list[tuple[str, dict[str, str]]] = []
    for request, kind in REQUESTS.items():
        option = kind.detail(kind.option) if kind.option else None
        if option is None:
            found.append((request, {}))
        else:
            found += [(request, {option.name: value}) for value in option.values]
    return found


COMBINATIONS = _combinations()


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    for name in DRAFT["evidence"]:
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    return tmp_path


def make(
    base_dir: Path, lang: str = "fr", channel: str = "email", **changes: Any
) -> tuple[Draft, render.Message]:
    """The draft above in ``lang`` and ``channel``, with top-level keys or whole tables replaced."""
    data = copy.deepcopy(DRAFT)
    data.update(language=lang, channel=channel, **changes)
    draft = Draft.model_validate(data, context={"today": TODAY, "base_dir": base_dir})
    return draft, render.build(draft, today=TODAY)


def minimal(data: dict[str, Any]) -> dict[str, Any]:
    """No order number, merchant, plan, phone, evidence or merchant's dates."""
    data = copy.deepcopy(data)
    for key in ("order_number", "merchant", "plan"):
        data["transaction"].pop(key, None)
    data["customer"].pop("phone", None)
    data["evidence"] = []
    return data


def test_there_is_one_wording_per_request_and_option() -> None:
    wordings = [wording for kind in REQUESTS.values() for wording in kind.wordings]
    assert len(COMBINATIONS) == len(set(wordings)) == len(wordings)


# --- user text is data ----------------------------------------------------------

TRICKY = (
    "Total {{ 7*7 }} et {% raw %} sans fin, {# pas un commentaire #}\n"
    "# titre *gras* $x$ [lien](https://example.be) @alma \\ C:\\dossier\\n\n\n"
    "Deuxième paragraphe : « Liège », ‘quotes’ et {%- endraw %}."
)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_user_text_comes_out_exactly(base_dir: Path, lang: str, channel: str) -> None:
    transaction = dict(DRAFT["transaction"], merchant="{{ 7*7 }} & Fils", order_number="#{% raw %}42")
    _, message = make(base_dir, lang, channel, description=TRICKY, transaction=transaction)
    text = message.text
    assert TRICKY in text
    assert "{{ 7*7 }} & Fils" in text
    assert "#{% raw %}42" in text
    assert "49" not in text
    assert message.signature == "Zoë Van den Broeck-Ngô"
    assert "Zoë Van den Broeck-Ngô" in text
    assert "relevé bancaire.png" in text
    if channel == "letter":
        assert "Rue de l’Étuve 3" in text


# --- Belgian formats ------------------------------------------------------------


def test_french_amounts_and_dates(base_dir: Path) -> None:
    _, message = make(base_dir, "fr")
    assert "1\u202f234,56\u00a0€" in message.text  # Babel's narrow no-break space groups thousands
    assert "2 novembre 2026" in message.text
    assert "5 novembre 2026" in message.text


def test_dutch_amounts_and_dates(base_dir: Path) -> None:
    _, message = make(base_dir, "nl")
    assert "€\u00a01.234,56" in message.text
    assert "2 november 2026" in message.text
    assert "5 november 2026" in message.text


@pytest.mark.parametrize(("lang", "expected"), [("fr", "1er novembre 2026"), ("nl", "1 november 2026")])
def test_first_of_the_month(base_dir: Path, lang: str, expected: str) -> None:
    transaction = dict(DRAFT["transaction"], date="1/11/2026")
    _, message = make(base_dir, lang, transaction=transaction)
    assert expected in message.text
    _, anonymous = make(base_dir, lang, transaction={"amount": "20", "date": "1/11/2026"})
    assert expected in anonymous.subject  # with no order number nor merchant, the date names the purchase


def test_partial_refund_amount_is_formatted(base_dir: Path) -> None:
    details = {"refund": "partial", "refund_amount": "1000", "merchant_refunded_on": "5/11/2026"}
    _, fr = make(base_dir, "fr", details=details)
    _, nl = make(base_dir, "nl", details=details)
    assert "1\u202f000,00\u00a0€" in fr.text
    assert "€\u00a01.000,00" in nl.text


# --- every request, option, channel and language --------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("facts", ["all", "minimal"])
def test_every_subject_is_one_line(base_dir: Path, lang: str, channel: str, facts: str) -> None:
    for request, details in COMBINATIONS:
        data = copy.deepcopy(DRAFT) if facts == "all" else minimal(DRAFT)
        data.update(language=lang, channel=channel, request=request, details=details)
        if details.get("refund") == "partial":
            data["details"]["refund_amount"] = "100"
        draft = Draft.model_validate(data, context={"today": TODAY, "base_dir": base_dir})
        subject = render.build(draft, today=TODAY).subject
        assert subject and "\n" not in subject and subject == subject.strip(), (request, details)
        assert "  " not in subject and "None" not in subject, subject


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_request_and_option_has_its_own_words(base_dir: Path, lang: str) -> None:
    """Not one paragraph with the kind's name swapped in: facts, request and subject all differ."""
    facts, asks, topics = set(), set(), set()
    for request, details in COMBINATIONS:
        if details.get("refund") == "partial":
            details = dict(details, refund_amount="100")
        _, message = make(base_dir, lang, request=request, details=details)
        opening, _described, ask = message.paragraphs[:3]
        facts.add(opening)
        asks.add(ask)
        topics.add(message.subject.split(" – ")[0])
    assert len(facts) == len(asks) == len(topics) == len(COMBINATIONS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_module_defines_what_render_reads(base_dir: Path, lang: str) -> None:
    _, message = make(base_dir, lang)
    assert set(message.form_labels) == FORM_KEYS
    assert all(label.strip() for label in message.form_labels.values())
    assert message.subject_label and message.enclosures_label and message.registered_label


# --- email ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "salutation", "closing"),
    [
        ("fr", "Madame, Monsieur,", "Cordialement,"),
        ("nl", "Geachte mevrouw, geachte heer,", "Met vriendelijke groeten,"),
    ],
)
def test_email_starts_with_the_subject_line(base_dir: Path, lang: str, salutation: str, closing: str) -> None:
    _, message = make(base_dir, lang, "email")
    lines = message.text.splitlines()
    assert lines[0] == f"{message.subject_label} {message.subject}"
    assert lines[1] == ""
    assert lines[2] == salutation
    assert lines[-2:] == [closing, "Zoë Van den Broeck-Ngô"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_email_names_the_attached_files(base_dir: Path, lang: str) -> None:
    _, message = make(base_dir, lang, "email")
    evidence = [p for p in message.paragraphs if "confirmation.pdf" in p]
    assert len(evidence) == 1 and "relevé bancaire.png" in evidence[0]
    _, without = make(base_dir, lang, "email", evidence=[])
    assert not any("confirmation.pdf" in p for p in without.paragraphs)


# --- form -----------------------------------------------------------------------


def _form_blocks(message: render.Message) -> dict[str, str]:
    """Label -> value, reading the form text as a person pasting field after field would."""
    labels = message.form_labels
    lines = message.text.split("\n")
    assert lines[0] == f"{labels['form']} {message.form_url}"
    blocks: dict[str, str] = {}
    order = ["last_name", "first_name", "email", "phone", "subject", "message"]
    position = 1
    for key in order:
        assert lines[position] == "", f"no blank line before the {key} block"
        assert lines[position + 1] == labels[key], f"expected the label {labels[key]!r}"
        if key == "message":
            blocks[key] = "\n".join(lines[position + 2 :]).rstrip("\n")
        else:
            blocks[key] = lines[position + 2]
            position += 3
    return blocks


@pytest.mark.parametrize(("lang", "greeting"), [("fr", "Bonjour,"), ("nl", "Goedendag,")])
def test_form_has_one_labelled_block_per_field(base_dir: Path, lang: str, greeting: str) -> None:
    _, message = make(base_dir, lang, "form")
    blocks = _form_blocks(message)
    assert blocks["last_name"] == "Van den Broeck-Ngô"
    assert blocks["first_name"] == "Zoë"
    assert blocks["email"] == "zoe@example.be"
    assert blocks["phone"] == "+32 470 12 34 56"
    assert blocks["subject"] == message.subject
    assert blocks["message"] == message.body.strip()
    assert blocks["message"].startswith(greeting + "\n\n")
    for label in message.form_labels.values():
        assert message.text.split("\n").count(label) <= 1, f"{label!r} labels more than one block"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_without_phone_says_none(base_dir: Path, lang: str) -> None:
    _, message = make(
        base_dir, lang, "form", customer={k: v for k, v in DRAFT["customer"].items() if k != "phone"}
    )
    assert _form_blocks(message)["phone"] == message.form_labels["none"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_form_has_no_letter_formalities(base_dir: Path, lang: str) -> None:
    _, message = make(base_dir, lang, "form")
    for formal in ("Madame, Monsieur", "salutations distinguées", "Geachte", "Met vriendelijke groeten"):
        assert formal not in message.text
    # Files cannot go through the form: they are offered by email, by name.
    assert "confirmation.pdf" in message.body and "e-mail" in message.body


# --- letter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "place_date", "subject_label", "salutation", "closing", "enclosures"),
    [
        (
            "fr",
            "Bruxelles, le 26 novembre 2026",
            "Objet\u00a0:",
            "Madame, Monsieur,",
            "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
            "Pièces jointes\u00a0:",
        ),
        (
            "nl",
            "Antwerpen, 26 november 2026",
            "Betreft:",
            "Geachte mevrouw, geachte heer,",
            "Met vriendelijke groeten",
            "Bijlagen:",
        ),
    ],
)
def test_letter_conventions(
    base_dir: Path,
    lang: str,
    place_date: str,
    subject_label: str,
    salutation: str,
    closing: str,
    enclosures: str,
) -> None:
    customer = dict(DRAFT["customer"])
    if lang == "nl":
        customer.update(street="Meir 85", postal_code="2000", city="Antwerpen")
    _, message = make(base_dir, lang, "letter", customer=customer)
    lines = message.text.splitlines()
    assert message.place_date == place_date and place_date in lines
    assert f"{subject_label} {message.subject}" in lines
    assert (
        lines.index(place_date) < lines.index(f"{subject_label} {message.subject}") < lines.index(salutation)
    )
    assert message.closing == closing and closing in lines
    tail = lines[lines.index(enclosures) :]
    assert tail == [enclosures, "- confirmation.pdf", "- relevé bancaire.png"]
    body = "\n".join(message.paragraphs)
    assert "confirmation.pdf" in body  # enclosed, and named in the letter itself


@pytest.mark.parametrize("lang", LANGUAGES)
def test_letter_without_evidence_has_no_enclosures(base_dir: Path, lang: str) -> None:
    _, message = make(base_dir, lang, "letter", evidence=[])
    assert message.enclosures_label not in message.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_place_date_without_a_city(base_dir: Path, lang: str) -> None:
    customer = {k: v for k, v in DRAFT["customer"].items() if k not in ("street", "postal_code", "city")}
    _, message = make(base_dir, lang, "email", customer=customer)
    assert message.place_date == ("Le 26 novembre 2026" if lang == "fr" else "26 november 2026")
