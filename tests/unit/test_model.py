"""Whole drafts through the model: every wrong key named in full, in the interface language."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from alma_contact.checks import checklist
from alma_contact.drafts import DraftInvalid, load, validate
from alma_contact.errors import MESSAGES, Problem
from alma_contact.i18n import UI_LANGUAGES, translations
from alma_contact.model import DETAILS_BY_REQUEST, LIMITS, Draft
from alma_contact.registry import REQUESTS

TODAY = date(2026, 11, 26)
ADDRESS = {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles"}


def set_key(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """Set ``customer.email``-style keys in a draft's data (creating tables as needed)."""
    *tables, last = key.split(".")
    table = data
    for name in tables:
        table = table.setdefault(name, {})
    table[last] = value
    return data


def ok(data: dict[str, Any], base_dir: Path | None = None) -> Draft:
    return validate(data, base_dir or Path.cwd(), TODAY)


def invalid(data: dict[str, Any], base_dir: Path | None = None) -> DraftInvalid:
    with pytest.raises(DraftInvalid) as caught:
        validate(data, base_dir or Path.cwd(), TODAY)
    return caught.value


def problems(data: dict[str, Any], lang: str = "en", base_dir: Path | None = None) -> list[Problem]:
    return invalid(data, base_dir).problems(lang)


def keys(found: list[Problem]) -> list[str]:
    return [p.key for p in found]


def types_at(error: DraftInvalid) -> dict[str, str]:
    """Each wrong key and the error type found there."""
    from alma_contact.errors import key_of

    assert error.error is not None
    return {key_of(tuple(e["loc"])): e["type"] for e in error.error.errors()}


# --- the valid draft and its defaults ---------------------------------------------


def test_valid_draft(draft_data: dict[str, Any]) -> None:
    draft = ok(draft_data)
    assert str(draft.transaction.amount) == "1234.56"
    assert draft.transaction.date == date(2026, 11, 2)
    assert draft.customer.phone == "+32470123456"
    assert isinstance(draft.details, DETAILS_BY_REQUEST["refund"])
    assert str(draft.details.refund_amount) == "100.00"


def test_defaults_documented_in_the_model(draft_data: dict[str, Any]) -> None:
    for key in ("language", "channel", "details", "evidence"):
        draft_data.pop(key, None)
    draft_data["customer"].pop("phone")
    draft = ok(draft_data)
    assert draft.language == "fr"
    assert draft.channel == "email"
    assert draft.customer.country == "BE"
    assert draft.customer.phone is None
    assert draft.evidence == []
    assert draft.recipient.email is None and draft.recipient.address is None
    assert draft.transaction.plan is None


@pytest.mark.parametrize("request_kind", list(REQUESTS))
def test_details_defaults_per_request(draft_data: dict[str, Any], request_kind: str) -> None:
    """Each request's [details] table has the registry's keys and defaults, and only those (beside
    the ones a rule needs: the subject of a request of one's own)."""
    draft_data["request"] = request_kind
    draft_data.pop("details")
    # A request, a problem or a question of one's own (the default option of a payment problem and of a
    # question on the instalments) needs its subject.
    needed = {"subject": "Une question"} if request_kind in ("other", "payment_issue", "installments") else {}
    if needed:
        draft_data["details"] = needed
    draft = ok(draft_data)
    assert type(draft.details) is DETAILS_BY_REQUEST[request_kind]
    expected = {detail.name: detail.default for detail in REQUESTS[request_kind].details} | needed
    assert draft.details is not None and draft.details.model_dump() == expected


def test_every_request_kind_has_its_details() -> None:
    assert list(DETAILS_BY_REQUEST) == list(REQUESTS)


@pytest.mark.parametrize(
    ("key", "written", "stored"),
    [
        ("language", "NL", "nl"),
        ("channel", " Form ", "form"),
        ("request", "REFUND", "refund"),
        ("transaction.plan", "3 x", "3x"),
        ("transaction.plan", "x4", "4x"),
        ("transaction.plan", 10, "10x"),
        ("transaction.plan", "D+30", "d30"),
        ("transaction.amount", 149.99, "149.99"),
        ("transaction.order_number", 12345, "12345"),
        ("customer.country", "fr", "FR"),
        ("customer.phone", "", None),
        ("transaction.merchant", "  ", None),
    ],
)
def test_values_as_people_write_them(draft_data: dict[str, Any], key: str, written: Any, stored: Any) -> None:
    draft = ok(set_key(draft_data, key, written))
    value: Any = draft
    for part in key.split("."):
        value = getattr(value, part)
    assert (str(value) if stored is not None and not isinstance(value, str) else value) == stored


# --- every bad input of the issue gets an error at its full key ------------------------

BAD_INPUTS: list[tuple[str, Any, str]] = [
    # (key, value, error type)
    ("transaction.amount", "1,500", "amount_decimals"),
    ("transaction.amount", "0", "amount_not_positive"),
    ("transaction.amount", "-12,50", "amount_not_positive"),
    ("transaction.amount", "NaN", "amount_text"),
    ("transaction.amount", "Infinity", "amount_text"),
    ("transaction.amount", float("nan"), "amount_text"),
    ("transaction.amount", "1e5", "amount_text"),
    ("transaction.amount", "100.000,01", "amount_too_large"),
    ("transaction.amount", True, "amount_type"),
    ("transaction.amount", "douze euros", "amount_text"),
    ("transaction.amount", "1,234.56", "amount_format_suggest"),
    ("transaction.date", "11/26/2026", "date_month_first"),
    ("transaction.date", "31/02/2026", "date_invalid"),
    ("transaction.date", "27/11/2026", "date_future"),
    ("transaction.date", "31/12/2017", "date_too_old"),
    ("transaction.date", "2/11/26", "date_short_year"),
    ("transaction.date", "hier", "date_format"),
    ("transaction.date", 20261102, "date_type"),
    ("transaction.order_number", "A-1\r\nBcc: x@example.be", "line_break"),
    ("transaction.order_number", 1.5, "not_text"),
    ("transaction.merchant", "\u202eevil", "control_chars"),
    ("transaction.plan", "5x", "choice"),
    ("transaction.plan", True, "not_text"),
    ("customer.first_name", "An\nBcc: x@example.be", "line_break"),
    ("customer.first_name", "", "empty"),
    ("customer.last_name", "\x1b[31mPeeters", "control_chars"),
    ("customer.last_name", 42, "not_text"),
    ("customer.email", "an@example", "email_invalid"),
    ("customer.email", "an@example.be\nBcc: x@example.be", "line_break"),
    ("customer.phone", "0470 12 34 5", "phone_belgian"),
    ("customer.phone", "call me", "phone_invalid"),
    ("customer.postal_code", "999", "postal_code_be"),
    ("customer.postal_code", "\x9b2J", "control_chars"),
    ("customer.country", "Belgique", "country_suggest"),
    ("customer.country", "XX", "country"),
    ("customer.country", "ZZ", "country"),  # Babel's "Unknown Region" is no country
    ("customer.country", "EU", "country"),
    ("customer.street", "x" * (LIMITS["street"] + 1), "too_long"),
    ("customer.city", "Bru\x00xelles", "control_chars"),
    ("description", "x" * (LIMITS["description"] + 1), "too_long"),
    ("description", "trop court", "too_short"),
    ("description", "Bonjour \x1b]52;c;ZXZpbA==\x07 ma commande", "control_chars"),
    ("description", ["a", "b"], "not_text"),
    ("language", "en", "choice"),
    ("language", "francais", "choice"),
    ("channel", "lettre", "choice_suggest"),
    ("channel", "sms", "choice"),
    ("request", "refnd", "choice_suggest"),
    ("request", 3, "not_text"),
    ("details.refund", "half", "choice"),
    ("details.refund_amount", "1,500", "amount_decimals"),
    ("details.refund_amount", "-5", "amount_not_positive"),
    ("details.refund_amount", "2.000,00", "over_transaction_amount"),
    ("details.paid_amount", "2.000,00", "over_transaction_amount"),
    ("details.merchant_refunded_on", "1/11/2026", "date_before_transaction"),
    ("details.merchant_refunded_on", "27/11/2026", "date_future"),
    ("details.merchant_refunded_on", "11/13/2026", "date_month_first"),
    ("details.request", "refund", "details_request"),
    ("recipient.email", "support(at)getalma.eu", "email_invalid"),
    ("recipient.form_url", "http://almapay.com", "url_invalid"),
    ("recipient.address", ["Alma"], "address_lines"),
    ("recipient.address", "Alma, Paris", "not_lines"),
    ("customer", "An Peeters", "not_table"),
    ("transaction", ["149,99"], "not_table"),
    ("details", [], "not_table"),
    ("recipient", "support@almapay.com", "not_table"),
    ("evidence", "statement.pdf", "not_list"),
]


def _bad_id(case: tuple[str, Any, str]) -> str:
    return f"{case[0]}={case[2]}"


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[_bad_id(c) for c in BAD_INPUTS])
def test_bad_input_named_at_its_full_key(draft_data: dict[str, Any], case: tuple[str, Any, str]) -> None:
    key, value, error_type = case
    error = invalid(set_key(draft_data, key, value))
    assert types_at(error) == {key: error_type}
    found = error.problems("en")
    assert keys(found) == [key]
    message = found[0].message
    assert message[:1].islower() or message[:1] in tuple("“0123456789")  # it continues "key: ..."
    assert "{" not in message and "}" not in message  # every parameter filled in
    assert error_type in MESSAGES


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize("case", BAD_INPUTS, ids=[_bad_id(c) for c in BAD_INPUTS])
def test_bad_input_explained_in_every_interface_language(
    draft_data: dict[str, Any], case: tuple[str, Any, str], lang: str
) -> None:
    key, value, error_type = case
    error = invalid(set_key(draft_data, key, value))
    english = error.problems("en")
    found = error.problems(lang)
    assert keys(found) == [key]  # keys are never translated
    assert all(p.message and "{" not in p.message for p in found)
    if lang != "en":  # the French and Dutch catalogues say it in their own words
        translated = translations(lang).gettext(MESSAGES[error_type])
        assert translated != MESSAGES[error_type]
        assert found[0].message != english[0].message
        assert found[0].message.startswith(translated.split("{")[0])


def test_english_messages_say_what_is_right(draft_data: dict[str, Any]) -> None:
    set_key(draft_data, "transaction.amount", "1,500")
    set_key(draft_data, "transaction.date", "11/26/2026")
    set_key(draft_data, "customer.postal_code", "999")
    found = {p.key: p.message for p in problems(draft_data)}
    assert found["transaction.amount"] == (
        "“1,500” has more than two decimals; cents are the smallest unit. "
        "Write the amount in euros as on your statement, for example 1.234,56 or 149,99."
    )
    assert found["transaction.date"] == (
        "“11/26/2026” puts the month first; in Belgium the day comes first: did you mean 26/11/2026?"
    )
    assert found["customer.postal_code"].startswith(
        "“999” is not a Belgian postcode (four digits, 1000 to 9999)."
    )


def test_every_wrong_key_is_reported_at_once(draft_data: dict[str, Any]) -> None:
    for key, value in [
        ("transaction.amount", "0"),
        ("transaction.date", "31/02/2026"),
        ("customer.email", "nope"),
        ("customer.phone", "123"),
        ("language", "es"),
        ("details.refund_amount", "1,001"),
    ]:
        set_key(draft_data, key, value)
    assert sorted(keys(problems(draft_data))) == sorted(
        [
            "transaction.amount",
            "transaction.date",
            "customer.email",
            "customer.phone",
            "language",
            "details.refund_amount",
        ]
    )


@pytest.mark.parametrize(
    "key",
    [
        "customer.first_name",
        "customer.last_name",
        "customer.email",
        "transaction.amount",
        "transaction.date",
        "request",
        "description",
    ],
)
def test_required_keys_missing(draft_data: dict[str, Any], key: str) -> None:
    *tables, last = key.split(".")
    table = draft_data
    for name in tables:
        table = table[name]
    del table[last]
    error = invalid(draft_data)
    assert types_at(error) == {key: "missing"}
    assert error.problems("en")[0].message.startswith("is missing.")


def test_missing_tables_name_their_keys() -> None:
    found = keys(problems({"request": "other", "description": "Une question sur mon paiement Alma."}))
    assert set(found) == {
        "customer.first_name",
        "customer.last_name",
        "customer.email",
        "transaction.amount",
        "transaction.date",
        "details.subject",  # a request of one's own needs its subject
    }


def test_draft_invalid_str_is_english(draft_data: dict[str, Any]) -> None:
    set_key(draft_data, "transaction.amount", "0")
    assert str(invalid(draft_data)).startswith("transaction.amount: must be more than zero")


# --- unknown keys ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_kind", "key", "suggestion"),
    [
        ("refund", "langauge", "language"),
        ("refund", "chanel", "channel"),
        ("refund", "descripton", "description"),
        ("refund", "evidense", "evidence"),
        ("refund", "customer.frist_name", "first_name"),
        ("refund", "customer.postal_cod", "postal_code"),
        ("refund", "customer.phon", "phone"),
        ("refund", "transaction.ammount", "amount"),
        ("refund", "transaction.order_numbr", "order_number"),
        ("refund", "transaction.merchnt", "merchant"),
        ("payment_issue", "details.isue", "issue"),
        ("cancellation", "details.acton", "action"),
        ("cancellation", "details.merchant_canceled_on", "merchant_cancelled_on"),
        ("refund", "details.refnd", "refund"),
        ("refund", "details.refund_amont", "refund_amount"),
        ("installments", "details.questoin", "question"),
        ("refund", "recipient.adress", "address"),
        ("refund", "recipient.emial", "email"),
        ("refund", "recipient.form_ulr", "form_url"),
    ],
)
def test_unknown_key_with_did_you_mean(
    draft_data: dict[str, Any], request_kind: str, key: str, suggestion: str
) -> None:
    draft_data["request"] = request_kind
    if request_kind != "refund":
        draft_data.pop("details")
    found = {p.key: p.message for p in problems(set_key(draft_data, key, "x"))}
    assert key in found
    assert found[key] == f"is not a known key here; did you mean “{suggestion}”?"


@pytest.mark.parametrize("key", ["colour", "customer.favourite_food", "transaction.xyz", "recipient.zzz"])
def test_unknown_key_without_a_close_match_lists_the_known_keys(draft_data: dict[str, Any], key: str) -> None:
    found = {p.key: p.message for p in problems(set_key(draft_data, key, 1))}
    assert found[key].startswith("is not a known key here (known keys: ")


def test_other_request_takes_only_its_subject(draft_data: dict[str, Any]) -> None:
    draft_data["request"] = "other"
    draft_data["details"] = {"issue": "refused", "subject": "Changer l'adresse e-mail"}
    found = {p.key: p.message for p in problems(draft_data)}
    assert found == {"details.issue": "is not a known key here (known keys: subject)."}
    draft_data["details"] = {}
    found = {p.key: p.message for p in problems(draft_data)}
    assert found == {
        "details.subject": "is needed for a request of your own: what you ask, in a few words. "
        "Write what you ask in a few words, in at most 80 characters."
    }
    draft_data["details"] = {"subject": "Changer l'adresse e-mail\nSubject: x"}
    found = {p.key: p.message for p in problems(draft_data)}
    assert list(found) == ["details.subject"]  # one line: it goes into the subject


def _foreign_details() -> list[tuple[str, str, str]]:
    """(request, key, the request the key belongs to) for every details key used with another request."""
    cases = []
    for request, model in DETAILS_BY_REQUEST.items():
        for other, other_model in DETAILS_BY_REQUEST.items():
            for key in other_model.model_fields:
                if key not in model.model_fields:
                    cases.append((request, key, other))
    return cases


@pytest.mark.parametrize(("request_kind", "key", "owner"), _foreign_details())
def test_details_key_valid_for_another_request_only(
    draft_data: dict[str, Any], request_kind: str, key: str, owner: str
) -> None:
    draft_data["request"] = request_kind
    owner_defaults = DETAILS_BY_REQUEST[owner]().model_dump(mode="json")
    value = owner_defaults.get(key) or "2/11/2026"
    draft_data["details"] = {key: value, **({"subject": "Une question"} if request_kind == "other" else {})}
    error = invalid(draft_data)
    assert types_at(error) == {f"details.{key}": "extra_forbidden"}
    assert error.problems("en")[0].message.startswith("is not a known key here")


def test_details_keys_of_the_request_are_accepted(draft_data: dict[str, Any]) -> None:
    for request, details in [
        ("payment_issue", {"issue": "charged_twice"}),
        ("cancellation", {"action": "modify", "merchant_cancelled_on": "5/11/2026"}),
        ("refund", {"refund": "partial", "refund_amount": 49.99, "merchant_refunded_on": "2/11/2026"}),
        ("installments", {"question": "early_repayment"}),
        ("other", {"subject": "Changer l'adresse e-mail de mon compte"}),
    ]:
        draft_data["request"] = request
        draft_data["details"] = details
        assert ok(draft_data).request == request


def test_invalid_request_does_not_also_blame_its_details(draft_data: dict[str, Any]) -> None:
    draft_data["request"] = "refnd"
    assert keys(problems(draft_data)) == ["request"]


# --- letters need the sender's address ---------------------------------------------------


def test_letter_needs_the_postal_address(draft_data: dict[str, Any]) -> None:
    draft_data["channel"] = "letter"
    error = invalid(draft_data)
    assert types_at(error) == {
        "customer.street": "letter_address",
        "customer.postal_code": "letter_address",
        "customer.city": "letter_address",
    }
    for problem in error.problems("en"):
        assert "needed for a letter" in problem.message


def test_letter_names_only_the_missing_part_of_the_address(draft_data: dict[str, Any]) -> None:
    draft_data["channel"] = "letter"
    draft_data["customer"].update(street="Rue de la Loi 16", city="Bruxelles")
    assert keys(problems(draft_data)) == ["customer.postal_code"]


def test_letter_with_address(draft_data: dict[str, Any]) -> None:
    draft_data["channel"] = "letter"
    draft_data["customer"].update(ADDRESS)
    draft = ok(draft_data)
    assert draft.customer.has_address


def test_letter_from_abroad(draft_data: dict[str, Any]) -> None:
    draft_data["channel"] = "letter"
    draft_data["customer"].update(street="12 rue de Rivoli", postal_code="75001", city="Paris", country="FR")
    assert ok(draft_data).customer.postal_code == "75001"


def test_email_and_form_need_no_address(draft_data: dict[str, Any]) -> None:
    for channel in ("email", "form"):
        draft_data["channel"] = channel
        assert not ok(draft_data).customer.has_address


# --- refunds --------------------------------------------------------------------


def test_partial_refund_needs_refund_amount(draft_data: dict[str, Any]) -> None:
    del draft_data["details"]["refund_amount"]
    error = invalid(draft_data)
    assert types_at(error) == {"details.refund_amount": "refund_amount_needed"}


def test_partial_refund_up_to_the_amount(draft_data: dict[str, Any]) -> None:
    draft_data["details"]["refund_amount"] = "1.234,56"
    assert str(ok(draft_data).details.refund_amount) == "1234.56"  # type: ignore[union-attr]
    draft_data["details"]["refund_amount"] = "1.234,57"
    error = invalid(draft_data)
    assert types_at(error) == {"details.refund_amount": "over_transaction_amount"}
    assert error.problems("en")[0].message == "1.234,57 € is more than the transaction amount (1.234,56 €)."


def test_rules_across_keys_are_reported_while_other_keys_are_still_wrong(
    draft_data: dict[str, Any],
) -> None:
    """A person filling in one step at a time (the description not written yet) hears at once
    that the refund is larger than the purchase and that the merchant's date is before it."""
    draft_data["description"] = ""
    draft_data["transaction"].update(amount="100", date="2/11/2026")
    draft_data["details"].update(refund_amount="149,99", merchant_refunded_on="1/11/2026")
    error = invalid(draft_data)
    assert types_at(error) == {
        "description": "empty",
        "details.refund_amount": "over_transaction_amount",
        "details.merchant_refunded_on": "date_before_transaction",
    }
    messages = {p.key: p.message for p in error.problems("en")}
    assert messages["details.refund_amount"] == "149,99 € is more than the transaction amount (100,00 €)."
    # A value that cannot be read yet is blamed for itself only.
    draft_data["transaction"]["amount"] = "abc"
    assert "details.refund_amount" not in types_at(invalid(draft_data))


def test_full_refund_refuses_refund_amount(draft_data: dict[str, Any]) -> None:
    draft_data["details"]["refund"] = "full"
    error = invalid(draft_data)
    assert types_at(error) == {"details.refund_amount": "refund_amount_full"}
    del draft_data["details"]["refund_amount"]
    assert ok(draft_data).details.refund == "full"  # type: ignore[union-attr]


def test_empty_refund_amount_means_not_given(draft_data: dict[str, Any]) -> None:
    draft_data["details"] = {"refund": "full", "refund_amount": ""}
    assert ok(draft_data).details.refund_amount is None  # type: ignore[union-attr]


# --- merchant dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_kind", "key"), [("refund", "merchant_refunded_on"), ("cancellation", "merchant_cancelled_on")]
)
def test_merchant_dates_not_before_the_transaction(
    draft_data: dict[str, Any], request_kind: str, key: str
) -> None:
    draft_data["request"] = request_kind
    draft_data["details"] = {key: "1/11/2026"}
    error = invalid(draft_data)
    assert types_at(error) == {f"details.{key}": "date_before_transaction"}
    assert error.problems("en")[0].message == "1/11/2026 is before the transaction date (2/11/2026)."
    for day in ("2/11/2026", "26/11/2026"):
        draft_data["details"] = {key: day}
        assert getattr(ok(draft_data).details, key) is not None
    draft_data["details"] = {key: "27/11/2026"}
    assert types_at(invalid(draft_data)) == {f"details.{key}": "date_future"}


# --- evidence ----------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "statement.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 1225)
    (tmp_path / "screenshot.png").write_bytes(b"\x89PNG" + b"\0" * 96)
    (tmp_path / "notes.zz9").write_bytes(b"?")
    (tmp_path / "scans").mkdir()
    return tmp_path


def test_evidence_size_and_media_type(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = ["statement.pdf", "screenshot.png", "notes.zz9"]
    draft = ok(draft_data, files)
    assert [(e.name, e.size, e.media_type) for e in draft.evidence] == [
        ("statement.pdf", 1234, "application/pdf"),
        ("screenshot.png", 100, "image/png"),
        ("notes.zz9", 1, "application/octet-stream"),
    ]
    assert draft.evidence[0].location == files / "statement.pdf"
    assert draft.model_dump(mode="json")["evidence"] == [
        {"path": "statement.pdf", "label": None},
        {"path": "screenshot.png", "label": None},
        {"path": "notes.zz9", "label": None},
    ]
    evidence_line = next(item for item in checklist(draft, "en") if item.key == "evidence")
    assert "statement.pdf (1,2 kB)" in evidence_line.detail


def test_evidence_missing_file(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = ["statement.pdf", "receipt.pdf"]
    error = invalid(draft_data, files)
    assert types_at(error) == {"evidence[2]": "evidence_missing"}
    assert error.problems("en")[0].message.startswith("“receipt.pdf”: no such file.")


def test_evidence_folder(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = ["scans"]
    assert types_at(invalid(draft_data, files)) == {"evidence[1]": "evidence_not_file"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_evidence_special_file(draft_data: dict[str, Any], files: Path) -> None:
    os.mkfifo(files / "pipe.pdf")
    draft_data["evidence"] = ["pipe.pdf"]
    assert types_at(invalid(draft_data, files)) == {"evidence[1]": "evidence_not_file"}


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize(
    "path", ["/proc/self/environ", "/dev/null", "/sys/kernel/mm/transparent_hugepage/enabled"]
)
def test_evidence_on_a_system_file_system(draft_data: dict[str, Any], path: str) -> None:
    """/proc files say they are empty and are not: they are never attached, whatever they hold."""
    draft_data["evidence"] = [path]
    error = invalid(draft_data)
    assert types_at(error) == {"evidence[1]": "evidence_system"}
    assert error.problems("en")[0].message.startswith(f"“{path}” is a system file")


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_evidence_linked_to_a_system_file(draft_data: dict[str, Any], files: Path) -> None:
    (files / "statement2.pdf").symlink_to("/proc/self/environ")
    draft_data["evidence"] = ["statement2.pdf"]
    assert types_at(invalid(draft_data, files)) == {"evidence[1]": "evidence_system"}


@pytest.mark.parametrize(
    "written",
    [
        "~/.ssh/id_rsa",
        "~/.ssh/notes.pdf",
        "~/.gnupg/private-keys-v1.d/x.key",
        "~/.aws/credentials",
        "~/.config/gcloud/credentials.db",
        "~/keys/id_ed25519",
        "~/Documents/server.pem",
        "~/.netrc",
        "~/.pgpass",
    ],
)
def test_evidence_key_and_password_files_are_refused(
    draft_data: dict[str, Any], files: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.setenv("HOME", str(files))
    target = files / written.removeprefix("~/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY-----")
    draft_data["evidence"] = [written]
    error = invalid(draft_data, files)
    assert types_at(error) == {"evidence[1]": "evidence_secret"}
    assert error.problems("en")[0].key == "evidence[1]"
    assert written in error.problems("en")[0].message


def test_evidence_linked_to_a_key_file(draft_data: dict[str, Any], files: Path) -> None:
    (files / ".ssh").mkdir()
    (files / ".ssh" / "id_rsa").write_bytes(b"secret")
    (files / "invoice.pdf").symlink_to(files / ".ssh" / "id_rsa")
    draft_data["evidence"] = ["invoice.pdf"]
    assert types_at(invalid(draft_data, files)) == {"evidence[1]": "evidence_secret"}


def test_evidence_outside_the_usual_folders_is_flagged(
    draft_data: dict[str, Any], files: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "x.pdf"
    elsewhere.write_bytes(b"%PDF")
    (files / "scans" / "scan.pdf").write_bytes(b"%PDF")
    (files / ".hidden").mkdir()
    (files / ".hidden" / "h.pdf").write_bytes(b"%PDF")
    draft_data["evidence"] = ["statement.pdf", "scans/scan.pdf", str(elsewhere), ".hidden/h.pdf"]
    draft = ok(draft_data, files)
    assert [item.usual_place for item in draft.evidence] == [True, True, False, False]
    from alma_contact.checks import warnings

    flagged = [p for p in warnings(draft, "en") if "outside the draft's folder" in p.message]
    assert [p.key for p in flagged] == ["evidence[3]", "evidence[4]"]
    assert str(elsewhere) in flagged[0].message


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads every file")
def test_evidence_unreadable(draft_data: dict[str, Any], files: Path) -> None:
    secret = files / "secret.pdf"
    secret.write_bytes(b"x")
    secret.chmod(0)
    draft_data["evidence"] = ["secret.pdf"]
    assert types_at(invalid(draft_data, files)) == {"evidence[1]": "evidence_unreadable"}


def test_evidence_duplicate(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = [
        "statement.pdf",
        "./statement.pdf",
        str(files / "statement.pdf"),
        "statement.pdf",
    ]
    error = invalid(draft_data, files)
    assert types_at(error) == {
        "evidence[2]": "evidence_duplicate_of",
        "evidence[3]": "evidence_duplicate_of",
        "evidence[4]": "evidence_duplicate",
    }
    assert error.problems("en")[1].message == (
        f"“{files / 'statement.pdf'}” is the same file as “statement.pdf”, listed already."
    )


def test_evidence_duplicate_written_through_another_folder(draft_data: dict[str, Any], files: Path) -> None:
    """``/abs/ev/x.pdf``, ``../ev/x.pdf`` and a hard link are one file: it is attached once."""
    (files / "ev").mkdir()
    (files / "ev" / "x.pdf").write_bytes(b"%PDF")
    os.link(files / "ev" / "x.pdf", files / "y.pdf")
    draft_data["evidence"] = [str(files / "ev" / "x.pdf"), "../ev/x.pdf", "../y.pdf"]
    error = invalid(draft_data, files / "scans")
    assert types_at(error) == {"evidence[2]": "evidence_duplicate_of", "evidence[3]": "evidence_duplicate_of"}


def test_evidence_every_wrong_file_reported(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = ["missing.pdf", "statement.pdf", "scans", 7]
    assert types_at(invalid(draft_data, files)) == {
        "evidence[1]": "evidence_missing",
        "evidence[3]": "evidence_not_file",
        "evidence[4]": "evidence_entry",
    }


def test_evidence_too_many(draft_data: dict[str, Any], files: Path) -> None:
    limit = LIMITS["evidence_files"]
    names = [f"file{i}.pdf" for i in range(limit + 1)]
    for name in names:
        (files / name).write_bytes(b"x")
    draft_data["evidence"] = names[:limit]
    assert len(ok(draft_data, files).evidence) == limit
    draft_data["evidence"] = names
    error = invalid(draft_data, files)
    assert types_at(error) == {"evidence": "evidence_too_many"}
    assert error.problems("en")[0].message == f"lists {limit + 1} files; the limit is {limit}."


def test_evidence_unknown_home_is_a_missing_file(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = ["~no-such-user-here/statement.pdf"]
    assert types_at(invalid(draft_data, files)) == {"evidence[1]": "evidence_missing"}


def test_evidence_relative_to_the_draft_folder(
    draft_data: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "statement.pdf").write_bytes(b"%PDF")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    import json

    draft_data["evidence"] = ["statement.pdf"]
    draft_file = folder / "draft.json"
    draft_file.write_text(json.dumps(draft_data), encoding="utf-8")
    draft = load(draft_file, today=TODAY)
    assert draft.evidence[0].location == folder / "statement.pdf"
    assert draft.evidence[0].size == 4
    # the same draft read from another folder's point of view does not find the file
    assert types_at(invalid(draft_data, elsewhere)) == {"evidence[1]": "evidence_missing"}


def test_evidence_empty_list_or_absent(draft_data: dict[str, Any]) -> None:
    draft_data["evidence"] = []
    assert ok(draft_data).evidence == []


# --- length limits ---------------------------------------------------------------------


def _email(n: int) -> str:
    local = "a" * 64
    rest = n - len(local) - 1 - len(".be")
    labels = []
    while rest > 0:
        size = min(63, rest)
        if rest - size == 1:
            size -= 2
        labels.append("d" * size)
        rest -= size + 1
    return f"{local}@{'.'.join(labels)}.be"


def _set(key: str, make: Any) -> Any:
    def apply(data: dict[str, Any], n: int, folder: Path) -> None:
        set_key(data, key, make(n))

    return apply


def _fees_collector(data: dict[str, Any], n: int, folder: Path) -> None:
    data["request"] = "fees"
    data["details"] = {"action": "contest", "collector": "C" * n}


def _other_subject(data: dict[str, Any], n: int, folder: Path) -> None:
    data["request"] = "other"
    data["details"] = {"subject": "S" * n}


def _postcode(data: dict[str, Any], n: int, folder: Path) -> None:
    data["customer"]["country"] = "NL"
    data["customer"]["postal_code"] = "1" * n


def _evidence_files(data: dict[str, Any], n: int, folder: Path) -> None:
    names = []
    for i in range(n):
        (folder / f"f{i}.pdf").write_bytes(b"x")
        names.append(f"f{i}.pdf")
    data["evidence"] = names


def _evidence_path(data: dict[str, Any], n: int, folder: Path) -> None:
    parts = ["d" * 200] * 4
    directory = folder.joinpath(*parts)
    directory.mkdir(parents=True, exist_ok=True)
    name = "f" * (n - len("/".join(parts)) - 1 - len(".pdf")) + ".pdf"
    (directory / name).write_bytes(b"x")
    data["evidence"] = ["/".join([*parts, name])]
    assert len(data["evidence"][0]) == n


def _evidence_label(data: dict[str, Any], n: int, folder: Path) -> None:
    (folder / "f.pdf").write_bytes(b"x")
    data["evidence"] = [{"path": "f.pdf", "label": "L" * n}]


def _address_lines(data: dict[str, Any], n: int, folder: Path) -> None:
    data["recipient"] = {"address": [f"line {i}" for i in range(n)]}


LIMIT_CASES: dict[str, tuple[str, Any, str]] = {
    # LIMITS key: (the draft key, how to write a value of that length, the error type past it)
    "first_name": ("customer.first_name", _set("customer.first_name", lambda n: "A" * n), "too_long"),
    "last_name": ("customer.last_name", _set("customer.last_name", lambda n: "P" * n), "too_long"),
    "email": ("customer.email", _set("customer.email", _email), "too_long"),
    "phone": (
        "customer.phone",
        _set("customer.phone", lambda n: "0470" + " " * (n - 10) + "123456"),
        "too_long",
    ),
    "street": ("customer.street", _set("customer.street", lambda n: "R" * n), "too_long"),
    "postal_code": ("customer.postal_code", _postcode, "too_long"),
    "city": ("customer.city", _set("customer.city", lambda n: "B" * n), "too_long"),
    "order_number": (
        "transaction.order_number",
        _set("transaction.order_number", lambda n: "9" * n),
        "too_long",
    ),
    "merchant": ("transaction.merchant", _set("transaction.merchant", lambda n: "M" * n), "too_long"),
    "description": ("description", _set("description", lambda n: "d" * n), "too_long"),
    "evidence_files": ("evidence", _evidence_files, "evidence_too_many"),
    "evidence_path": ("evidence[1]", _evidence_path, "too_long"),
    "evidence_label": ("evidence[1].label", _evidence_label, "too_long"),
    "address_line": (
        "recipient.address[1]",
        _set("recipient.address", lambda n: ["a" * n, "FRANCE"]),
        "too_long",
    ),
    "address_lines": ("recipient.address", _address_lines, "address_lines"),
    "url": (
        "recipient.form_url",
        _set("recipient.form_url", lambda n: "https://a.be/" + "p" * (n - 13)),
        "too_long",
    ),
    "collector": ("details.collector", _fees_collector, "too_long"),
    "subject": ("details.subject", _other_subject, "too_long"),
    "deadline_days": ("deadline_days", _set("deadline_days", lambda n: n), "deadline_days"),
}
"""Every limit of :data:`LIMITS` that is a maximum (``description_min`` is tested on its own)."""


def test_every_limit_is_tested() -> None:
    assert set(LIMITS) == {*LIMIT_CASES, "description_min"}


@pytest.mark.parametrize("name", sorted(LIMIT_CASES))
def test_length_limit_at_the_boundary(draft_data: dict[str, Any], tmp_path: Path, name: str) -> None:
    key, apply, error_type = LIMIT_CASES[name]
    limit = LIMITS[name]
    at_limit = tmp_path / "at"
    over = tmp_path / "over"
    at_limit.mkdir()
    over.mkdir()
    data = {**draft_data, "customer": dict(draft_data["customer"])}
    apply(data, limit, at_limit)
    ok(data, at_limit)
    data = {**draft_data, "customer": dict(draft_data["customer"])}
    apply(data, limit + 1, over)
    assert types_at(invalid(data, over)) == {key: error_type}


def test_description_minimum(draft_data: dict[str, Any]) -> None:
    minimum = LIMITS["description_min"]
    draft_data["description"] = "d" * minimum
    ok(draft_data)
    draft_data["description"] = "d" * (minimum - 1)
    assert types_at(invalid(draft_data)) == {"description": "too_short"}


def test_address_needs_two_lines_at_least(draft_data: dict[str, Any]) -> None:
    draft_data["recipient"] = {"address": ["Alma", "FRANCE"]}
    assert ok(draft_data).recipient.address == ["Alma", "FRANCE"]


# --- the description keeps its lines; one-line fields never have any --------------------


def test_description_keeps_line_breaks(draft_data: dict[str, Any]) -> None:
    draft_data["description"] = "\nBonjour,\r\n\r\nMa commande du 2/11.\tMerci.   \n"
    assert ok(draft_data).description == "Bonjour,\n\nMa commande du 2/11.\tMerci."


@pytest.mark.parametrize(
    "key",
    [
        "customer.first_name",
        "customer.last_name",
        "customer.email",
        "customer.phone",
        "customer.street",
        "customer.city",
        "transaction.order_number",
        "transaction.merchant",
        "recipient.email",
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028"])
def test_one_line_fields_refuse_line_breaks(draft_data: dict[str, Any], key: str, newline: str) -> None:
    value = {"customer.email": "an@example.be", "recipient.email": "support@almapay.com"}.get(key, "Abc")
    set_key(draft_data, key, f"{value}{newline}Bcc: x@example.be")
    assert types_at(invalid(draft_data)) == {key: "line_break"}


# --- a validated draft does not change ------------------------------------------------------


def test_a_validated_draft_cannot_be_changed(draft_data: dict[str, Any]) -> None:
    """A change is a new draft, validated as a whole (the command line's --channel is applied
    to the data before validation): no value can bypass the rules by assignment."""
    draft = ok(draft_data)
    with pytest.raises(ValidationError):
        draft.channel = "letter"
    with pytest.raises(ValidationError):
        draft.customer.first_name = "An\nBcc: x@example.be"
    assert draft.details is not None
    with pytest.raises(ValidationError):
        draft.details.refund = "partial"  # type: ignore[attr-defined]
    assert (draft.channel, draft.customer.first_name) == ("email", "An")


def test_an_override_is_validated_with_the_rest(draft_data: dict[str, Any], tmp_path: Path) -> None:
    import json

    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft_data), encoding="utf-8")
    with pytest.raises(DraftInvalid) as caught:
        load(path, today=TODAY, overrides={"channel": "letter"})
    assert {p.key for p in caught.value.problems("en")} == {
        "customer.street",
        "customer.postal_code",
        "customer.city",
    }
    assert load(path, today=TODAY, overrides={"language": "nl"}).language == "nl"


# --- reading files: drafts and the config alike ---------------------------------------


def _problem(source: bytes | str) -> str:
    from alma_contact.drafts import parse_data

    with pytest.raises(DraftInvalid) as caught:
        parse_data(source.encode() if isinstance(source, str) else source)
    return str(caught.value)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "[transaction]\namount = " + "1" * 5000,
            "“amount” (line 2) holds a number of more than 4300 digits",
        ),
        ('{"transaction": {"amount": ' + "1" * 5000 + "}}", "“amount” (line 1) holds a number of more"),
        ("evidence = " + "[" * 500 + "]" * 500, "“evidence” (line 1) nests lists or tables more than 16"),
        ('{"evidence": ' + "[" * 100_000 + "]" * 100_000 + "}", "“evidence” (line 1) nests lists"),
        ("[recipient]\naddress = " + "[" * 200 + "]" * 200, "“recipient.address” nests lists or tables"),
        ('{"request": "refund", "request": "other"}', "the key “request” is written twice"),
        ('{"customer": {"email": "a@b.be", "email": "x@y.z"}}', "the key “email” is written twice"),
    ],
    ids=["toml-int", "json-int", "toml-deep", "json-deep", "toml-200-deep", "json-dup", "json-dup-inner"],
)
def test_documents_the_parsers_cannot_take_name_the_key(source: str, expected: str) -> None:
    assert _problem(source).startswith(expected)


def test_echo_cuts_and_escapes() -> None:
    from alma_contact.errors import echo

    assert echo("a\nb\x1b[31mc\u200bd\U000e0041") == "a\\nb\\x1b[31mc\\u200bd\\U000e0041"
    assert echo("1\u202f234,56") == "1\u202f234,56"
    assert echo("9" * 5000) == "9" * 60 + "…"


def test_errors_echo_a_long_value_cut(draft_data: dict[str, Any]) -> None:
    set_key(draft_data, "transaction.amount", "9" * 5000)
    found = problems(draft_data)
    assert len(str(found[0])) < 300
    assert "9" * 60 + "…" in str(found[0])


def test_an_unknown_key_cannot_write_lines(draft_data: dict[str, Any]) -> None:
    draft_data["transaction"]["x\n  - customer.email: forged\x1b[2J"] = 1
    found = problems(draft_data)
    assert [p.key for p in found] == ["transaction.x\\n  - customer.email: forged\\x1b[2J"]
    assert "\n" not in str(found[0]) and "\x1b" not in str(found[0])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_read_file_refuses_a_pipe_without_waiting(tmp_path: Path) -> None:
    """Run apart, with a timeout: reading a pipe with no writer would never return."""
    import subprocess
    import sys

    fifo = tmp_path / "draft.toml"
    os.mkfifo(fifo)
    code = (
        "import sys\n"
        "from alma_contact.answers import Answers\n"
        "from alma_contact.drafts import DraftInvalid\n"
        "try:\n"
        f"    Answers.load(__import__('pathlib').Path({str(fifo)!r}))\n"
        "except DraftInvalid as e:\n"
        "    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30, check=False)
    assert done.stdout.decode().startswith(f"“{fifo}” is not a regular file"), done


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_read_file_refuses_devices(path: str) -> None:
    from alma_contact.drafts import read_file

    if not Path(path).exists():
        pytest.skip(f"needs {path}")
    with pytest.raises(DraftInvalid) as caught:
        read_file(Path(path))
    assert str(caught.value).startswith(f"“{path}” is not a regular file")


def test_read_file_reads_no_more_than_its_limit(tmp_path: Path) -> None:
    from alma_contact.drafts import read_file

    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 101)
    assert read_file(big, limit=101) == b"#" * 101
    with pytest.raises(DraftInvalid) as caught:
        read_file(big, limit=100)
    assert "holds at most 100 bytes" in str(caught.value)


@pytest.mark.parametrize("value", ["15", 15, "0", 0, " 30 "])
def test_a_deadline_is_a_number_of_days(draft_data: dict[str, Any], value: object) -> None:
    draft_data["deadline_days"] = value
    assert ok(draft_data).deadline_days == int(str(value).strip())


@pytest.mark.parametrize("value", ["15 jours", "-1", "1.5", 1.5, True, "", "١٥", [15]])
def test_a_deadline_that_is_not_a_number_of_days_is_refused(
    draft_data: dict[str, Any], value: object
) -> None:
    draft_data["deadline_days"] = value
    assert types_at(invalid(draft_data)) == {"deadline_days": "deadline_days"}


def test_a_draft_without_a_deadline_gives_the_model_letters_fifteen_days(draft_data: dict[str, Any]) -> None:
    draft_data.pop("deadline_days", None)
    assert ok(draft_data).deadline_days == 15


def test_two_requests_may_share_a_detail_name_each_with_its_own_choices(draft_data: dict[str, Any]) -> None:
    draft_data.update(request="fees", details={"action": "cancel"})
    problems = invalid(draft_data).problems("en")
    assert [p.key for p in problems] == ["details.action"]
    assert "contest" in problems[0].message and "modify" not in problems[0].message
    draft_data.update(request="cancellation", details={"action": "contest"})
    problems = invalid(draft_data).problems("en")
    assert "modify" in problems[0].message and "payment_plan" not in problems[0].message


# --- days to come -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error"),
    [("25/11/2026", "day_past"), ("1/1/2028", "day_too_far"), ("31/12/2026", None), ("26/11/2026", None)],
)
def test_a_day_to_come_is_from_today_to_a_year_ahead(
    draft_data: dict[str, Any], value: str, error: str | None
) -> None:
    """The next debit's day and the day a debit is asked to move to are days to come: a past day
    (a date of the purchase's kind) is refused with what would be right, so is one years ahead."""
    data = dict(draft_data, request="installments", details={"question": "change_date", "wanted_date": value})
    if error is None:
        assert ok(data).details.wanted_date == parse_date_text(value)
        return
    found = invalid(data)
    assert types_at(found) == {"details.wanted_date": error}
    assert all(p.message and "{" not in p.message for lang in UI_LANGUAGES for p in found.problems(lang))


def parse_date_text(value: str) -> date:
    day, month, year = (int(part) for part in value.split("/"))
    return date(year, month, day)


def test_a_follow_up_leaves_out_the_days_to_come_that_have_passed() -> None:
    """A sent request is written again weeks later: a debit's day that has passed since is left out,
    not refused (the follow-up speaks of the next debit); one still to come stays."""
    from alma_contact.casework import follow_up_document

    document = {"request": "installments", "details": {"question": "change_date", "next_debit": "10/12/2026"}}
    later = follow_up_document(document, date(2026, 12, 12))
    assert later["details"] == {"question": "change_date"}
    assert follow_up_document(document, date(2026, 12, 1))["details"] == document["details"]
