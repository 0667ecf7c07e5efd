"""Escalation information: facts with sources, in every interface language, in the right order."""

from __future__ import annotations

import pytest

from alma_contact.escalation import ACPR, BANK, ECC, NOTES, escalation_text, request_key, sections
from alma_contact.i18n import translations

STREET = {"en": "Rue de Hollande", "fr": "Rue de Hollande", "nl": "Hollandstraat", "de": "Rue de Hollande"}
CITY = {"en": "Brussels", "fr": "Bruxelles", "nl": "Brussel", "de": "Brüssel"}
MONTHS = {
    "en": "at most 13 months",
    "fr": "au plus tard 13 mois",
    "nl": "uiterlijk 13 maanden",
    "de": "spätestens 13 Monate",
}
ALL_MSGIDS = [text for section in sections() for text in (section.title, *section.lines)]


@pytest.mark.parametrize("lang", ["fr", "nl", "de"])
def test_every_line_is_translated(lang: str) -> None:
    catalogue = translations(lang)
    untranslated = [msgid for msgid in ALL_MSGIDS if catalogue.gettext(msgid) == msgid]
    assert not untranslated


@pytest.mark.parametrize("lang", ["en", "fr", "nl", "de"])
def test_the_facts_are_there_in_every_language(lang: str) -> None:
    text = escalation_text(lang)
    assert STREET[lang] + " 13, 1060 " + CITY[lang] in text
    assert "+32 2 542 33 46" in text
    assert "eccbelgium.be" in text
    assert MONTHS[lang] in text
    assert "14" in text and "2015/2366" in text and "2024/3228" in text
    assert "4 place de Budapest" in text and "90786" in text


@pytest.mark.parametrize("lang", ["en", "fr", "nl", "de"])
def test_no_link_to_the_closed_odr_platform(lang: str) -> None:
    text = escalation_text(lang).lower()
    assert "ec.europa.eu/consumers/odr" not in text
    assert "/odr" not in text and "http" not in text


def test_the_bank_first_for_a_disputed_debit() -> None:
    for request in ("payment_issue.charged_twice", "payment_issue.wrong_amount", "unrecognised"):
        assert sections(request) == (BANK, ECC, ACPR, NOTES)
    assert sections("refund") == (ECC, ACPR, NOTES)
    assert sections("payment_issue.refused") == (ECC, ACPR, NOTES)
    assert sections(None) == (ECC, ACPR, BANK, NOTES)
    assert sections()[-1] is NOTES


def test_request_key_from_a_document() -> None:
    assert request_key({"request": "payment_issue", "details": {"issue": "charged_twice"}}) == (
        "payment_issue.charged_twice"
    )
    assert request_key({"request": "refund", "details": {"refund": "full"}}) == "refund"
    assert request_key({"request": 3}) == ""
    assert request_key({"request": "payment_issue", "details": "x"}) == "payment_issue"


def test_text_in_the_interface_language() -> None:
    french = escalation_text("fr", "payment_issue.charged_twice")
    assert french.startswith("Votre propre banque")
    assert "13\u00a0mois" in french or "13 mois" in french
    assert "\n- " in french and french.endswith("\n")
    german = escalation_text("de", "refund")
    assert german.startswith("EVZ Belgien") and "Ihre eigene Bank" not in german
