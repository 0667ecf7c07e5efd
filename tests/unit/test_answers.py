"""The draft being filled in: written out as a draft file, read back the same, validated by the model."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from alma_contact.answers import Answers, dumps_toml, is_optional
from alma_contact.drafts import parse_data

TODAY = date(2026, 11, 26)

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(
    top=st.dictionaries(st.sampled_from(["language", "channel", "request", "description"]), text),
    table=st.dictionaries(st.sampled_from(["first_name", "last_name", "email", "phone"]), text),
    files=st.lists(text, max_size=3),
)
def test_any_text_survives_the_draft_file(
    top: dict[str, str], table: dict[str, str], files: list[str]
) -> None:
    """Quotes, backslashes, line breaks, control characters, DEL: TOML gives back what was typed."""
    doc = {**top, "evidence": files, "customer": table}
    assert tomllib.loads(dumps_toml(doc)) == doc


def test_a_saved_draft_is_read_back_as_typed(tmp_path: Path) -> None:
    answers = Answers(base_dir=tmp_path)
    typed = {
        "request": "refund",
        "description": 'Le marchand a remboursé "partiellement"\nle 5/11.',
        "customer.first_name": "Łukasz",
        "customer.last_name": "Čapek",
        "customer.email": "lukasz@example.be",
        "transaction.amount": "1.234,56",
        "transaction.date": "2/11/2026",
        "details.refund": "partial",
        "details.refund_amount": "49,99",
        "details.issue": "refused",  # typed for another request: not written
    }
    for key, value in typed.items():
        answers.set(key, value)
    path = tmp_path / "draft.toml"
    path.write_text(answers.to_toml(), encoding="utf-8")
    again = Answers.from_document(parse_data(path.read_bytes()), tmp_path)
    for key, value in typed.items():
        assert again.get(key) == ("" if key == "details.issue" else value), key
    draft, error = again.validate(TODAY)
    assert error is None, error
    assert draft is not None and str(draft.transaction.amount) == "1234.56"


def test_problems_are_by_key_in_the_interface_language(tmp_path: Path) -> None:
    answers = Answers(base_dir=tmp_path)
    answers.set("channel", "letter")
    answers.set("transaction.amount", "12,345")
    problems = answers.problems("fr", TODAY)
    assert "customer.street" in problems  # a letter needs the address, even while other keys are wrong
    assert "deux" in problems["transaction.amount"].message  # French: more than two decimals


def test_optional_keys_come_from_the_model() -> None:
    assert is_optional("customer.phone") and is_optional("transaction.order_number")
    assert not is_optional("customer.first_name") and not is_optional("transaction.amount")
    assert not is_optional("customer.street")  # asked only for a letter, which needs it
