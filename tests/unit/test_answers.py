"""The draft being filled in: written out as a draft file, read back the same, validated by the model."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alma_contact.answers import TABLES, Answers, dumps_toml, is_optional
from alma_contact.drafts import parse_data
from alma_contact.export.save import SaveError
from alma_contact.model import EvidenceFile

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
    path.write_text(answers.to_toml(path), encoding="utf-8")
    again = Answers.from_document(parse_data(path.read_bytes()), tmp_path)
    for key, value in typed.items():
        assert again.get(key) == ("" if key == "details.issue" else value), key
    draft, error = again.validate(TODAY)
    assert error is None, error
    assert draft is not None and str(draft.transaction.amount) == "1234.56"


any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
any_key = any_text.filter(lambda key: key not in TABLES and key != "customer.country")
"""Any key a file can hold: spaces, dots, brackets, quotes, line breaks, "=" (a table's name stays a table;
the country, cleared, reads back as the default, Belgium: tested on its own)."""


@settings(max_examples=300, deadline=None)
@given(
    top=st.dictionaries(any_key, any_text, max_size=4),
    tables=st.dictionaries(
        st.sampled_from([t for t in TABLES if t != "details"]),
        st.dictionaries(any_text.filter(bool), any_text.filter(bool), max_size=4),
        max_size=3,
    ),
    files=st.lists(any_text, max_size=3),
)
def test_any_key_and_value_are_saved_as_the_answers_typed(
    top: dict[str, str], tables: dict[str, dict[str, str]], files: list[str]
) -> None:
    """The file the app writes reads back (tomllib) as the very answers: no key lost, no table made up."""
    answers = Answers(base_dir=Path("/nonexistent/drafts"))
    for key, value in top.items():
        answers.set(key, value)
    for table, items in tables.items():
        for name, value in items.items():
            answers.set(f"{table}.{name}", value)
    answers.set("evidence", files)
    text = answers.to_toml(Path("/nonexistent/drafts/draft.toml"))
    assert tomllib.loads(text) == answers.document()
    again = Answers.from_document(tomllib.loads(text), answers.base_dir)
    assert again.document() == answers.document()


def test_a_cleared_country_reads_back_as_belgium(tmp_path: Path) -> None:
    answers = Answers(base_dir=tmp_path)
    answers.set("customer.country", "")
    text = answers.to_toml(tmp_path / "draft.toml")
    assert Answers.from_document(tomllib.loads(text), tmp_path).get("customer.country") == "BE"


def test_a_key_with_a_space_is_quoted_not_broken(tmp_path: Path) -> None:
    """``order number = …`` is not TOML: saving such a key used to break the draft file it replaced."""
    answers = Answers.from_document(
        {"transaction": {"order number": "A-1", "x]\n[evil": "1"}, "a\n[customer]": "b"}, tmp_path
    )
    text = answers.to_toml(tmp_path / "draft.toml")
    assert tomllib.loads(text)["transaction"] == {"order number": "A-1", "x]\n[evil": "1"}
    assert tomllib.loads(text)["a\n[customer]"] == "b"
    assert set(tomllib.loads(text)) <= {
        *TABLES,
        "language",
        "channel",
        "request",
        "description",
        "evidence",
        "a\n[customer]",
    }


def test_text_over_several_lines_stays_readable(tmp_path: Path) -> None:
    answers = Answers(base_dir=tmp_path)
    answers.set("description", "Première ligne.\nDeuxième ligne.")
    text = answers.to_toml(tmp_path / "draft.toml")
    assert "Première ligne.\nDeuxième ligne." in text  # written as lines, not as \n escapes


def test_what_would_not_read_back_is_refused(tmp_path: Path) -> None:
    answers = Answers(base_dir=tmp_path)
    answers.set("description", None)  # TOML has no null: the file would not hold the answer
    with pytest.raises(SaveError) as caught:
        answers.to_toml(tmp_path / "draft.toml")
    assert caught.value.message.startswith("the answers cannot be written")
    with pytest.raises(SaveError):
        dumps_toml({"a": {"b": None}})


@pytest.mark.parametrize("where", ["same", "parent", "sibling", "child"])
def test_evidence_still_names_the_same_files_in_another_folder(tmp_path: Path, where: str) -> None:
    drafts = tmp_path / "drafts"
    (drafts / "ev").mkdir(parents=True)
    (drafts / "ev" / "receipt.pdf").write_bytes(b"%PDF")
    (tmp_path / "up.pdf").write_bytes(b"%PDF")
    absolute = tmp_path / "abs.pdf"
    absolute.write_bytes(b"%PDF")
    folder = {"same": drafts, "parent": tmp_path, "sibling": tmp_path / "other", "child": drafts / "ev"}[
        where
    ]
    folder.mkdir(exist_ok=True)
    answers = Answers(base_dir=drafts)
    written = ["ev/receipt.pdf", "../up.pdf", str(absolute)]
    answers.set("evidence", written)
    target = folder / "draft.toml"
    target.write_text(answers.to_toml(target), encoding="utf-8")
    saved = tomllib.loads(target.read_text(encoding="utf-8"))["evidence"]
    before = [EvidenceFile.find(p, drafts).location.resolve() for p in written]
    after = [EvidenceFile.find(p, folder).location.resolve() for p in saved]
    assert after == before
    if where == "same":
        assert saved == written  # nothing changes in its own folder
    if where == "parent":
        assert saved[0] == "drafts/ev/receipt.pdf"  # still relative where it can be


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


def _answers(tmp_path: Path, **typed: str) -> Answers:
    answers = Answers(base_dir=tmp_path)
    base = {
        "language": "fr",
        "customer.first_name": "An",
        "customer.last_name": "Peeters",
        "customer.email": "an@example.be",
        "transaction.amount": "249,90",
        "transaction.date": "14/10/2026",
        "transaction.order_number": "BE-1",
        "transaction.plan": "3x",
    }
    for key, value in {**base, **typed}.items():
        answers.set(key, value)
    return answers


def test_what_the_message_says_of_its_own_is_shown_before_the_account_is_written(tmp_path: Path) -> None:
    """Before the account is written (and with it, which it sets aside), the first sentence and the facts
    the message states from the answers; a question of one's own: the sentence that announces it, then
    the facts; nothing while an answer is wrong."""
    refund = _answers(
        tmp_path, request="refund", **{"details.refund": "partial", "details.refund_amount": "60,00"}
    )
    claim, facts = refund.stated(TODAY)
    assert "189,90" in claim and "60,00" in claim
    assert facts.startswith("Le\u00a014 octobre 2026") and "249,90" in facts
    refund.set("description", "Le commerçant a remboursé la lampe le 24 octobre.")
    assert refund.stated(TODAY) == (claim, facts)
    question = _answers(
        tmp_path, request="installments", **{"details.question": "other", "details.subject": "Carte"}
    )
    announced, facts = question.stated(TODAY)
    assert announced.endswith(":") and "BE-1" in announced and "249,90" in facts
    refund.set("transaction.amount", "abc")
    assert refund.stated(TODAY) == ()


def _every_wording() -> list[tuple[str, dict[str, str]]]:
    from alma_contact import registry

    found = []
    for request, kind in registry.REQUESTS.items():
        option = kind.detail(kind.option) if kind.option else None
        for value in option.values if option else ("",):
            details = {f"details.{kind.option}": value} if option else {}
            if kind.detail("subject"):
                details["details.subject"] = "Carte expirée"
            if value == "partial":
                details["details.refund_amount"] = "50,00"
            found.append((request, details))
    return found


@pytest.mark.parametrize("lang", ["fr", "nl", "de"])
@pytest.mark.parametrize(("request_kind", "details"), _every_wording())
def test_every_request_says_something_of_its_own_before_the_account(
    tmp_path: Path, lang: str, request_kind: str, details: dict[str, str]
) -> None:
    """Every request and option, in every language: the description step has the message's first
    sentence to show, never the stand-in for the account."""
    from alma_contact.render import STAND_IN

    stated = _answers(tmp_path, request=request_kind, language=lang, **details).stated(TODAY)
    assert stated and stated[0], (request_kind, details)
    assert all(STAND_IN not in said for said in stated)
