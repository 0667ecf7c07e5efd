"""Described evidence: an entry is a path or a table of its path and label, kept by every writer."""

from __future__ import annotations

import mimetypes
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alma_contact import languages
from alma_contact.answers import Answers, dumps_toml, entry, entry_label, entry_path
from alma_contact.checks import UNDESCRIBED, warnings
from alma_contact.drafts import DraftInvalid, validate
from alma_contact.errors import key_of
from alma_contact.evidence import suggested_label
from alma_contact.i18n import UI_LANGUAGES, translate, translations
from alma_contact.languages import EVIDENCE_WORDS, LANGUAGES
from alma_contact.parsing import clean_text
from alma_contact.registry import LIMITS
from alma_contact.skeleton import skeleton

TODAY = date(2026, 11, 26)
LABEL = "Preuve du remboursement de 60,00 €"
ADDRESS = {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles"}


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "b.png").write_bytes(b"\x89PNG")
    return tmp_path


def errors_of(data: dict[str, Any], folder: Path) -> DraftInvalid:
    with pytest.raises(DraftInvalid) as caught:
        validate(data, folder, TODAY)
    return caught.value


def types_at(error: DraftInvalid) -> dict[str, str]:
    assert error.error is not None
    return {key_of(tuple(e["loc"])): e["type"] for e in error.error.errors()}


# --- the model ----------------------------------------------------------------------------


def test_a_path_or_a_table_of_path_and_label(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = ["a.pdf", {"path": "b.png", "label": f"  {LABEL} "}]
    draft = validate(draft_data, files, TODAY)
    assert [(e.path, e.label, e.description) for e in draft.evidence] == [
        ("a.pdf", None, "a.pdf"),
        ("b.png", LABEL, LABEL),
    ]
    assert draft.evidence[1].location == files / "b.png"


@pytest.mark.parametrize("label", ["", "   ", None])
def test_a_blank_label_is_no_label(draft_data: dict[str, Any], files: Path, label: Any) -> None:
    draft_data["evidence"] = [{"path": "a.pdf"} if label is None else {"path": "a.pdf", "label": label}]
    (item,) = validate(draft_data, files, TODAY).evidence
    assert item.label is None and item.description == "a.pdf"


@pytest.mark.parametrize(
    ("item", "where", "error_type"),
    [
        ({"path": "a.pdf", "lable": "x"}, "evidence[1].lable", "extra_forbidden"),
        ({"label": "x"}, "evidence[1].path", "missing"),
        ({"path": "nowhere.pdf", "label": "x"}, "evidence[1].path", "evidence_missing"),
        ({"path": "a.pdf", "label": "one\ntwo"}, "evidence[1].label", "line_break"),
        ({"path": "a.pdf", "label": "x\x1b[31m"}, "evidence[1].label", "control_chars"),
        ({"path": "a.pdf", "label": 5}, "evidence[1].label", "not_text"),
        ({"path": "a.pdf", "label": "x" * (LIMITS["evidence_label"] + 1)}, "evidence[1].label", "too_long"),
        (7, "evidence[1]", "evidence_entry"),
        (["a.pdf"], "evidence[1]", "evidence_entry"),
    ],
)
def test_a_wrong_entry_is_named_at_its_key_in_every_language(
    draft_data: dict[str, Any], files: Path, item: Any, where: str, error_type: str
) -> None:
    draft_data["evidence"] = [item]
    error = errors_of(draft_data, files)
    assert types_at(error) == {where: error_type}
    english = error.problems("en")
    for lang in UI_LANGUAGES:
        (problem,) = error.problems(lang)
        assert problem.key == where
        assert "{" not in problem.message and "}" not in problem.message
        if lang != "en":
            assert problem.message != english[0].message, f"{lang}: not translated"


def test_an_unknown_key_gets_a_did_you_mean(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = [{"path": "a.pdf", "lable": "x"}]
    (problem,) = errors_of(draft_data, files).problems("en")
    assert problem.message == "is not a known key here; did you mean “label”?"


def test_a_label_error_says_what_would_be_right(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = ["a.pdf", {"label": "Relevé"}]
    (problem,) = errors_of(draft_data, files).problems("fr")
    assert problem.key == "evidence[2].path"
    assert problem.message == "manque. " + translate(
        "fr", "Write the file's path, relative to the draft file, for example receipt.pdf."
    )
    draft_data["evidence"] = [{"path": "a.pdf", "label": 3}]
    (problem,) = errors_of(draft_data, files).problems("en")
    assert "at most 120 characters" in problem.message


def test_the_same_file_twice_even_with_labels(draft_data: dict[str, Any], files: Path) -> None:
    draft_data["evidence"] = [{"path": "a.pdf", "label": "x"}, {"path": "./a.pdf", "label": "y"}]
    assert types_at(errors_of(draft_data, files)) == {"evidence[2]": "evidence_duplicate_of"}


# --- every writer keeps the label -----------------------------------------------------------

DRAFT_FILE = """\
language = "fr"
channel = "letter"
request = "other"
description = "Une question sur mes échéances de novembre."
evidence = [
    "a.pdf",
    { path = "b.png", label = "Preuve du remboursement de 60,00 €" },
]

[customer]
first_name = "An"
last_name = "Peeters"
email = "an.peeters@example.be"
street = "Rue de la Loi 16"
postal_code = "1000"
city = "Bruxelles"

[transaction]
amount = "149,99"
date = "2/11/2026"

[details]
subject = "Échéances de novembre"
"""


def _load(path: Path) -> Any:
    from alma_contact.drafts import load

    return load(path, today=TODAY)


def test_load_save_load_is_the_same_draft(files: Path) -> None:
    source = files / "draft.toml"
    source.write_text(DRAFT_FILE, encoding="utf-8")
    first = _load(source)
    answers = Answers.load(source)
    assert answers.get("evidence") == ["a.pdf", {"path": "b.png", "label": LABEL}]
    saved = files / "saved.toml"
    text = answers.to_toml(saved)
    saved.write_text(text, encoding="utf-8")
    assert '    "a.pdf",\n' in text  # an unlabelled entry stays a plain path
    assert f'    {{ path = "b.png", label = "{LABEL}" }},\n' in text  # a labelled one, an inline table
    assert _load(saved) == first


def test_a_saved_draft_in_another_folder_keeps_labels_and_files(files: Path) -> None:
    source = files / "draft.toml"
    source.write_text(DRAFT_FILE, encoding="utf-8")
    elsewhere = files / "sub" / "saved.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(Answers.load(source).to_toml(elsewhere), encoding="utf-8")
    again = _load(elsewhere)
    assert [(e.location, e.label) for e in again.evidence] == [
        (files / "a.pdf", None),
        (files / "b.png", LABEL),
    ]


def test_a_long_label_stays_inline() -> None:
    """tomli_w writes an array of long tables as [[evidence]]: the draft writes one list, inline."""
    doc = {"request": "other", "evidence": [{"path": "p" * 300, "label": "L" * 120}]}
    text = dumps_toml(doc)
    assert "[[evidence]]" not in text and text.count("evidence = [") == 1
    assert tomllib.loads(text) == doc


any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(
        st.one_of(
            any_text,
            st.fixed_dictionaries({"path": any_text, "label": any_text}),
            st.dictionaries(any_text, any_text, max_size=3),
        ),
        max_size=4,
    ),
    description=any_text,
)
def test_any_evidence_reads_back_as_saved(entries: list[Any], description: str) -> None:
    """Paths and labels with quotes, backslashes, line breaks, and tables of unknown keys."""
    answers = Answers(base_dir=Path("/nonexistent/drafts"))
    answers.set("description", description)
    answers.set("evidence", entries)
    text = answers.to_toml(Path("/nonexistent/drafts/draft.toml"))
    assert tomllib.loads(text) == answers.document()
    assert Answers.from_document(tomllib.loads(text), answers.base_dir).document() == answers.document()


def test_entry_helpers() -> None:
    assert entry("a.pdf") == "a.pdf" and entry("a.pdf", "  ") == "a.pdf"
    assert entry("a.pdf", "Relevé") == {"path": "a.pdf", "label": "Relevé"}
    assert (entry_path("a.pdf"), entry_label("a.pdf")) == ("a.pdf", "")
    assert (entry_path({"label": "x"}), entry_label({"path": "a.pdf", "label": "x"})) == ("", "x")


@pytest.mark.parametrize("ui_lang", UI_LANGUAGES)
def test_the_skeleton_shows_the_table_form(ui_lang: str) -> None:
    text = skeleton(request="other", channel="letter", language="fr", ui_lang=ui_lang)
    (example,) = [line for line in text.splitlines() if "label =" in line]
    written = example.split(" evidence = ", 1)[1]
    (first, second) = tomllib.loads(f"evidence = {written}")["evidence"]
    assert first == "confirmation.pdf"
    assert second["path"] == "statement.png" and second["label"]
    if ui_lang != "en":
        assert second["label"] != translate("en", "Bank statement of 14 October 2026")


# --- the letter's warning ------------------------------------------------------------------


def _letter(draft_data: dict[str, Any], files: Path, evidence: list[Any], channel: str = "letter") -> Any:
    draft_data["channel"] = channel
    draft_data["customer"].update(ADDRESS)
    draft_data["evidence"] = evidence
    return validate(draft_data, files, TODAY)


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_a_letter_warns_of_each_enclosure_without_description(
    draft_data: dict[str, Any], files: Path, lang: str
) -> None:
    draft = _letter(draft_data, files, ["a.pdf", {"path": "b.png", "label": LABEL}])
    found = [p for p in warnings(draft, lang) if p.key.endswith(".label")]
    assert [p.key for p in found] == ["evidence[1].label"]
    assert found[0].message == translate(lang, UNDESCRIBED, name="a.pdf")
    if lang != "en":
        assert translations(lang).gettext(UNDESCRIBED) != UNDESCRIBED


def test_no_description_warning_when_described_or_not_a_letter(
    draft_data: dict[str, Any], files: Path
) -> None:
    described = _letter(draft_data, files, [{"path": "a.pdf", "label": "Relevé"}])
    assert not [p for p in warnings(described, "en") if p.key.endswith(".label")]
    email = _letter(draft_data, files, ["a.pdf"], channel="email")
    assert not [p for p in warnings(email, "en") if p.key.endswith(".label")]


# --- the suggested description -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("confirmation-commande.pdf", "fr", "Confirmation commande (PDF)"),
        ("releve_bancaire_octobre.pdf", "nl", "Releve bancaire octobre (PDF)"),
        ("Screenshot 2026-10-14 at 12.03.45.png", "fr", "Capture d'écran du 14 octobre 2026"),
        ("Schermafbeelding 2026-10-14 om 12.03.45.png", "nl", "Schermafbeelding van 14 oktober 2026"),
        ("IMG_20261101_101112.jpg", "fr", "Photo du 1er novembre 2026"),
        ("IMG_1234.JPG", "nl", "Foto"),
        ("remboursement.png", "nl", "Remboursement (afbeelding)"),
        ("capture-remboursement.png", "fr", "Remboursement (capture d'écran)"),
        ("facture 14-10-2026.pdf", "fr", "Facture du 14 octobre 2026 (PDF)"),
        ("mail-boutique.eml", "nl", "Mail boutique (e-mail)"),
        ("contrat.docx", "fr", "Contrat (DOCX)"),
        ("2026-10-14.pdf", "fr", "Document PDF du 14 octobre 2026"),
    ],
)
def test_suggested_label(name: str, lang: str, expected: str) -> None:
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    assert suggested_label(name, media_type, lang) == expected


def test_every_language_has_the_words_of_a_suggestion() -> None:
    for code, language in LANGUAGES.items():
        assert set(language.evidence_words) == set(EVIDENCE_WORDS), code
        assert all(word.strip() for word in language.evidence_words.values()), code
        assert "{what}" in language.evidence_words["dated"] and "{date}" in language.evidence_words["dated"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(max_size=300),
    media_type=st.one_of(
        st.sampled_from(["application/pdf", "image/png", "image/jpeg", "message/rfc822", "text/plain"]),
        st.text(max_size=30),
    ),
    lang=st.sampled_from(languages.codes()),
)
def test_a_suggestion_is_always_one_clean_line_within_the_limit(
    name: str, media_type: str, lang: str
) -> None:
    label = suggested_label(name, media_type, lang)
    limit = LIMITS["evidence_label"]
    assert label and "\n" not in label and len(label) <= limit
    assert clean_text(label, limit=limit) == label  # the draft accepts it as it is
