"""The warnings of a valid draft about its files: sizes as people read them, one size warning, usual types."""

from __future__ import annotations

from pathlib import Path

import pytest

from alma_contact.checks import EMAIL_ATTACHMENT_LIMIT, USUAL_TYPES, file_warnings, human_size, size_warning
from alma_contact.i18n import UI_LANGUAGES
from alma_contact.model import EvidenceFile


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1,0 kB"),
        (1049, "1,0 kB"),
        (1050, "1,1 kB"),  # 1.05 is stored just above: rounded up
        (999_949, "999,9 kB"),
        (999_999, "1000,0 kB"),  # under a megabyte, in kilobytes, rounded as written
        (1_000_000, "1,0 MB"),
        (EMAIL_ATTACHMENT_LIMIT, "21,0 MB"),
        (1_000_000_000, "1,0 GB"),
        (5 * 10**12, "5000,0 GB"),  # gigabytes are the largest unit
    ],
)
def test_human_size(size: int, shown: str) -> None:
    assert human_size(size) == shown


def test_human_size_units_follow_each_other() -> None:
    """Each unit takes over at 1000 of the one before, up to GB."""
    units = [human_size(1000**power).split()[1] for power in range(6)]
    assert units == ["B", "kB", "MB", "GB", "GB", "GB"]


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_one_size_warning_over_the_limit(lang: str) -> None:
    assert size_warning(EMAIL_ATTACHMENT_LIMIT, lang) is None
    said = size_warning(EMAIL_ATTACHMENT_LIMIT + 1, lang)
    assert said is not None
    assert human_size(EMAIL_ATTACHMENT_LIMIT + 1) in said
    if lang != "en":
        english = size_warning(EMAIL_ATTACHMENT_LIMIT + 1, "en")
        assert said != english, f"no {lang} translation"


def _file(tmp_path: Path, name: str, size: int) -> EvidenceFile:
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    return EvidenceFile.find(name, tmp_path)


def test_file_warnings_say_the_size_warning_for_an_email_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import alma_contact.checks as checks

    files = [_file(tmp_path, "a.pdf", 600), _file(tmp_path, "b.pdf", 500)]
    monkeypatch.setattr(checks, "EMAIL_ATTACHMENT_LIMIT", 1000)  # two small files over a small limit
    expected = size_warning(1100, "en")
    assert expected is not None
    assert file_warnings(files, "en", for_email=True) == [expected]
    assert file_warnings(files, "en", for_email=False) == []


@pytest.mark.parametrize("name", ["photo.png", "scan.jpeg", "facture.pdf", "note.txt", "mail.eml"])
def test_usual_types_get_no_warning(tmp_path: Path, name: str) -> None:
    item = _file(tmp_path, name, 10)
    assert item.media_type.startswith(USUAL_TYPES)
    assert file_warnings([item], "en", for_email=True) == []


@pytest.mark.parametrize("name", ["archive.zip", "data.bin", "sheet.xlsx"])
def test_other_types_get_a_warning(tmp_path: Path, name: str) -> None:
    item = _file(tmp_path, name, 10)
    assert not item.media_type.startswith(USUAL_TYPES)
    (said,) = file_warnings([item], "en", for_email=True)
    assert name in said and item.media_type in said


@pytest.mark.parametrize(
    ("kind", "details", "warned"),
    [
        ("refund", {"refund": "full"}, True),
        ("payment_issue", {"issue": "refused"}, False),
        ("payment_issue", {"issue": "other", "subject": "Échéance payée affichée en attente"}, False),
    ],
)
def test_an_empty_detail_is_warned_of_only_where_it_is_asked(
    kind: str, details: dict[str, str], warned: bool
) -> None:
    """The day of the merchant's refund is asked (and its absence warned of) for a refund, not for a
    payment problem; a problem of one's own needs its subject (no warning: it is given)."""
    from datetime import date

    from alma_contact.checks import warnings
    from alma_contact.drafts import validate

    data = {
        "language": "fr",
        "channel": "email",
        "request": kind,
        "description": "Mon paiement a posé un problème le 2 novembre, voici ce qui s'est passé.",
        "customer": {"first_name": "An", "last_name": "Peeters", "email": "an@example.be"},
        "transaction": {"amount": "99,00", "date": "2/11/2026"},
        "details": details,
    }
    draft = validate(data, Path.cwd(), date(2026, 11, 26))
    said = [p.key for p in warnings(draft, "en") if p.key.startswith("details.")]
    assert said == (["details.merchant_refunded_on"] if warned else [])


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Le montant passe de 599,88 € à 439,93 €.", "599,88 € et 439,93 €"),
        ("Vanaf december kan ik € 75 per maand betalen.", "75,00 €"),
        ("Die Inkasso AG verlangt 35 Euro, also 35,00 €.", "35,00 €"),
        ("1.249,00 EUR, puis encore 1.249,00 €", "1.249,00 €"),
        ("La troisième échéance, le 14 novembre 2026, commande 12345.", ""),
    ],
)
def test_the_sums_an_account_names(text: str, named: str) -> None:
    """A number is a sum where a euro sign or word goes with it; each sum once, as Belgians write it;
    a sum a field already gives is not named again."""
    from decimal import Decimal

    from alma_contact.checks import sums_named

    assert sums_named(text, "fr").replace("\u00a0", " ") == named
    assert sums_named(text, "fr", {Decimal("599.88"), Decimal("75"), Decimal("35"), Decimal("1249")}) in (
        "",
        "439,93\u00a0€",
    )


@pytest.mark.parametrize("given", [False, True])
def test_a_sum_the_account_names_is_asked_in_its_field(given: bool) -> None:
    """A partial cancellation whose account names the new amount, with the field left empty: the field
    is warned of with the sums the account names that no field gives (the message claims only what a
    field gives); given, no warning."""
    from datetime import date

    from alma_contact.checks import warnings
    from alma_contact.drafts import validate

    details = {"action": "modify", **({"new_amount": "439,93"} if given else {})}
    data = {
        "language": "fr",
        "channel": "email",
        "request": "cancellation",
        "description": "Une lampe sur deux a été annulée : le montant passe de 599,88 € à 439,93 €.",
        "customer": {"first_name": "An", "last_name": "Peeters", "email": "an@example.be"},
        "transaction": {"amount": "599,88", "date": "2/11/2026"},
        "details": details,
    }
    draft = validate(data, Path.cwd(), date(2026, 11, 26))
    said = {p.key: p.message for p in warnings(draft, "fr") if p.key == "details.new_amount"}
    if given:
        assert not said
    else:
        # the purchase's 599,88 € is given in its field already: only the new amount is named
        assert "439,93" in said["details.new_amount"] and "599,88" not in said["details.new_amount"]
