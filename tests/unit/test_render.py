"""The wording modules and the channel layouts, through render.build().

User text is only ever data; amounts and dates are Belgian; each channel has its shape
(email: subject line first; form: one labelled block per field; letter: place and date,
enclosures); every request and option has its own words.
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import pytest
from babel.dates import get_month_names
from jinja2 import nodes

from alma_contact import languages, parsing, registry, render
from alma_contact.model import Draft
from alma_contact.registry import REQUESTS

TODAY = date(2026, 11, 26)
LANGUAGES = languages.codes()
CHANNELS = registry.channel_values()
FORM_KEYS = set(languages.FORM_LABELS)

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


NEEDED_TEXT = "Changer l'adresse e-mail de mon compte"
"""The value given to a text detail a rule needs (the subject of a request of one's own)."""


def _combinations() -> list[tuple[str, dict[str, str]]]:
    """Every request with each option, read from the registry so that a new option needs new words;
    with the text details its rules need."""
    found: list[tuple[str, dict[str, str]]] = []
    for request, kind in REQUESTS.items():
        option = kind.detail(kind.option) if kind.option else None
        if option is None:
            found.append((request, {}))
        else:
            found += [(request, {option.name: value}) for value in option.values]
    for request, details in found:
        answers = {"request": request, **{f"details.{k}": v for k, v in details.items()}}
        for rule in registry.RULES:
            name = rule.key.partition(".")[2]
            detail = REQUESTS[request].detail(name) if rule.key.startswith("details.") else None
            if (
                rule.needed
                and detail is not None
                and detail.kind == "text"
                and registry.holds(rule.when, answers)
            ):
                details[name] = f"{NEEDED_TEXT} ({request})"  # its own subject: its own claim
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


def test_each_draft_takes_the_wording_of_its_option(base_dir: Path) -> None:
    """The model's draft picks, through its option's value, one registry wording each."""
    chosen = []
    for request, details in COMBINATIONS:
        if details.get("refund") == "partial":
            details = dict(details, refund_amount="100")
        draft, _ = make(base_dir, request=request, details=details)
        chosen.append(render.wording_of(draft))
    assert chosen == [wording for kind in REQUESTS.values() for wording in kind.wordings]


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
    # An email names its files; a letter or the form describes a file without a description in words.
    assert ("relevé bancaire.png" if channel == "email" else "elevé bancaire") in text
    if channel == "letter":
        assert "Rue de l’Étuve 3" in text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("count", [1, 3])
def test_file_names_come_out_exactly(base_dir: Path, lang: str, count: int) -> None:
    """The list of files is joined as the language joins words; the names stay as they are."""
    names = ["{0} {1}.pdf", "{{ 7*7 }}.png", "{% raw %}.txt"][:count]
    for name in names:
        (base_dir / name).write_bytes(b"%PDF-1.4\n")
    _, message = make(base_dir, lang, "email", evidence=names)
    evidence = [p for p in message.paragraphs if names[0] in p]
    assert len(evidence) == 1
    assert all(name in evidence[0] for name in names)
    assert "49" not in message.text


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


def test_german_amounts_and_dates(base_dir: Path) -> None:
    _, message = make(base_dir, "de")
    assert "1.234,56\u00a0€" in message.text
    assert "2. November 2026" in message.text
    assert "5. November 2026" in message.text


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "1er novembre 2026"), ("nl", "1 november 2026"), ("de", "1. November 2026")]
)
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
    _, de = make(base_dir, "de", details=details)
    assert "1\u202f000,00\u00a0€" in fr.text
    assert "€\u00a01.000,00" in nl.text
    assert "1.000,00\u00a0€" in de.text


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
    """Not one paragraph with the kind's name swapped in: the claim, the ask and the subject all differ."""
    claims, asks, topics = set(), set(), set()
    words = render.Phrases(lang)
    after = 2 if words.say("reply_language", {}) else 1  # the evidence, the answer's language
    for request, details in COMBINATIONS:
        if details.get("refund") == "partial":
            details = dict(details, refund_amount="100")
        _, message = make(base_dir, lang, request=request, details=details)
        claims.add(message.paragraphs[0])
        described = next(
            i for i, p in enumerate(message.paragraphs) if p.endswith(DRAFT["description"].strip())
        )
        # The account follows its heading after the facts, or (a request in the person's own words) the
        # first sentence, before the facts.
        start = described + (2 if described == 0 else 1)
        asks.add(message.paragraphs[start:-after])  # the rights, the ask, the deadline
        topics.add(message.subject.split(" – ")[0])
    assert len(claims) == len(asks) == len(topics) == len(COMBINATIONS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("wording", sorted(registry.IN_OWN_WORDS))
def test_a_request_in_ones_own_words_follows_its_first_sentence(
    base_dir: Path, lang: str, wording: str
) -> None:
    """The request is the person's account: the first sentence announces it (on a colon), the account
    follows at once, before the facts and under no heading; the person's few words are the subject
    line, not pasted into a sentence."""
    request, _, option = wording.partition(".")
    details = {"subject": "nouvelle adresse"}
    if option:
        details[REQUESTS[request].option or ""] = option
    _, message = make(base_dir, lang, request=request, details=details)
    first, account = message.paragraphs[0].split("\n")
    assert first.endswith(":") and account == DRAFT["description"], message.paragraphs[0]
    assert message.subject.startswith("Nouvelle adresse") and "nouvelle adresse" not in message.body
    assert render.Phrases(lang).say("heading", {}) not in message.body


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
        (
            "fr",
            "Madame, Monsieur,",
            "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
        ),
        ("nl", "Geachte mevrouw, geachte heer,", "Met vriendelijke groeten"),
        ("de", "Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen"),
    ],
)
def test_email_starts_with_the_subject_line(base_dir: Path, lang: str, salutation: str, closing: str) -> None:
    _, message = make(base_dir, lang, "email")
    lines = message.text.splitlines()
    assert lines[0] == f"{message.subject_label} {message.subject}"
    assert lines[1] == ""
    assert lines[2] == salutation
    # A closing that is a whole sentence (French) stands as a paragraph: a blank line before the name.
    name = "Zoë Van den Broeck-Ngô"
    ending = [closing, "", name] if languages.LANGUAGES[lang].closing_apart else [closing, name]
    assert lines[-len(ending) :] == ending


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


@pytest.mark.parametrize(
    ("lang", "greeting"),
    [
        ("fr", "Madame, Monsieur,"),
        ("nl", "Geachte mevrouw, geachte heer,"),
        ("de", "Sehr geehrte Damen und Herren,"),
    ],
)
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
    language = languages.LANGUAGES[lang]
    if language.closing["form"] != language.closing["letter"]:
        assert language.closing["letter"] not in message.text
    assert message.place_date not in message.text
    assert language.registered not in message.text
    # Files cannot go through the form: they are offered by email, described in words (not file names).
    assert "onfirmation" in message.body and ".pdf" not in message.body and "e-mail" in message.body.lower()


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
            "Annexes\u00a0:",
        ),
        (
            "nl",
            "Antwerpen, 26 november 2026",
            "Betreft:",
            "Geachte mevrouw, geachte heer,",
            "Met vriendelijke groeten",
            "Bijlagen:",
        ),
        (
            "de",
            "Eupen, 26. November 2026",
            "",
            "Sehr geehrte Damen und Herren,",
            "Mit freundlichen Grüßen",
            "Anlagen",
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
    if lang == "de":
        customer.update(street="Aachener Straße 25", postal_code="4700", city="Eupen")
    _, message = make(base_dir, lang, "letter", customer=customer)
    lines = message.text.splitlines()
    subject_line = f"{subject_label} {message.subject}" if subject_label else message.subject
    assert message.place_date == place_date and place_date in lines
    assert message.subject_line == subject_line and subject_line in lines
    assert lines.index(place_date) < lines.index(subject_line) < lines.index(salutation)
    assert message.closing == closing and closing in lines
    tail = lines[lines.index(enclosures) :]
    assert tail == [enclosures, "1. Confirmation", "2. Relevé bancaire"]  # on paper: in words, not file names
    body = "\n".join(message.paragraphs)
    assert "onfirmation (" in body and ".pdf" not in body  # enclosed, and cited in the letter itself


@pytest.mark.parametrize("channel", ["email", "letter"])
def test_a_subject_without_a_label_stands_alone(
    base_dir: Path, monkeypatch: pytest.MonkeyPatch, channel: str
) -> None:
    entry = languages.LANGUAGES["nl"]
    unlabelled = dataclasses.replace(entry, subject_label=dict.fromkeys(CHANNELS, ""))
    monkeypatch.setitem(languages.LANGUAGES, "nl", unlabelled)
    _, message = make(base_dir, "nl", channel)
    assert message.subject_line == message.subject
    assert message.subject in message.text.splitlines()
    assert f" {message.subject}" not in message.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_letter_without_evidence_has_no_enclosures(base_dir: Path, lang: str) -> None:
    _, message = make(base_dir, lang, "letter", evidence=[])
    assert message.enclosures_label not in message.text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "Le 26 novembre 2026"), ("nl", "26 november 2026"), ("de", "26. November 2026")],
)
def test_place_date_without_a_city(base_dir: Path, lang: str, expected: str) -> None:
    customer = {k: v for k, v in DRAFT["customer"].items() if k not in ("street", "postal_code", "city")}
    _, message = make(base_dir, lang, "email", customer=customer)
    assert message.place_date == expected


# --- the message languages ------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_entry_is_complete(lang: str) -> None:
    entry = languages.LANGUAGES[lang]
    where = f"languages.LANGUAGES[{lang!r}]"
    for name in ("salutation", "closing", "subject_label"):
        table: dict[str, str] = dict(getattr(entry, name))
        assert set(table) == set(CHANNELS), (
            f"{where}.{name} names {sorted(table)}, not the channels {CHANNELS}"
        )
        assert all(text == text.strip() for text in table.values()), f"{where}.{name}: {table}"
        if name != "subject_label":  # a subject may stand alone (German letters write no label)
            assert all(table.values()), f"{where}.{name}: {table}"
    assert set(entry.form_labels) == FORM_KEYS, f"{where}.form_labels: {sorted(entry.form_labels)}"
    assert set(entry.enclosures_label) == set(render.EVIDENCE_COUNTS), f"{where}.enclosures_label"
    for text in (
        *entry.enclosures_label.values(),
        entry.registered,
        entry.hunspell,
        *entry.form_labels.values(),
    ):
        assert text and text == text.strip()
    place = entry.place_date.format(city="§city", date="§date")
    assert "§city" in place and "§date" in place, f"{where}.place_date: {entry.place_date!r}"
    assert entry.date_line.format(date="§date") != entry.date_line and "{city}" not in entry.date_line
    assert entry.locale in languages.DATE_LOCALES and entry.territory


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_typed_date_may_use_the_month_names_of_every_language(lang: str) -> None:
    locale = languages.LANGUAGES[lang].locale
    for number in (1, 8, 12):
        name = get_month_names("wide", locale=locale)[number]
        assert parsing.parse_date(f"3 {name} 2025", TODAY) == date(2025, number, 3), (lang, name)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_of_a_month_follows_the_entry(lang: str) -> None:
    """Where the entry has a pattern for the first of a month, the 1st differs from the 2nd."""
    first, second = (render.format_day(date(2026, 11, day), lang) for day in (1, 2))
    pattern = languages.LANGUAGES[lang].first_of_month
    assert (first.replace("1", "2", 1) != second) == bool(pattern), (first, second)


def test_there_is_one_phrases_file_per_language_and_no_other() -> None:
    folders = {p.name for p in render.templates_dir().iterdir() if p.is_dir() and p.name != "layout"}
    assert folders == set(LANGUAGES)
    for lang in LANGUAGES:
        assert (render.templates_dir() / lang / render.PHRASES).is_file()


# --- the phrases files ----------------------------------------------------------

CONTROL_FLOW = (
    nodes.If,
    nodes.For,
    nodes.CondExpr,
    nodes.Assign,
    nodes.AssignBlock,
    nodes.With,
    nodes.CallBlock,
    nodes.FilterBlock,
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.Block,
    nodes.Compare,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Test,
    nodes.ExprStmt,
)
"""What a translator would have to read as logic: none of it belongs in a phrases file."""


def _wording_phrase_list() -> list[tuple[str, tuple[str, str, str]]]:
    return [
        (render.phrase(wording, part, case), (wording, part, case))
        for kind in registry.REQUESTS.values()
        for wording in kind.wordings
        for part in (*render.PARTS, *render.OPTIONAL_PARTS)
        for case in ("", *render.wording_cases(wording))
    ]


def _wording_phrases() -> dict[str, tuple[str, str, str]]:
    """Every name a phrase of a wording may have, with its wording, part and case ("" for none)."""
    return dict(_wording_phrase_list())


def _macros(lang: str, source: str) -> tuple[jinja2.nodes.Template, dict[str, nodes.Macro]]:
    tree = render.environment().parse(source, name=f"{lang}/{render.PHRASES}")
    return tree, {node.name: node for node in tree.body if isinstance(node, nodes.Macro)}


def phrase_problems(lang: str, source: str) -> list[str]:
    """What is wrong with a language's phrases file, said so that its translator can act on it."""
    where = f"templates/{lang}/{render.PHRASES}"
    tree, macros = _macros(lang, source)
    problems = [
        f"{where}, line {node.lineno}: {type(node).__name__} is logic; render.py chooses the phrase of each case"
        for node in tree.find_all(CONTROL_FLOW)
    ]
    for node in tree.body:
        blank = isinstance(node, nodes.Output) and all(
            isinstance(item, nodes.TemplateData) and not item.data.strip() for item in node.nodes
        )
        if not (isinstance(node, nodes.Macro) or blank):
            problems.append(f"{where}, line {node.lineno}: only macros (and comments) belong in the file")
    for name, macro in macros.items():
        known = {arg.name for arg in macro.args} | set(macros)
        for used in macro.find_all(nodes.Name):
            if used.ctx == "load" and used.name not in known:
                problems.append(f"{where}: {name} prints {used.name}, which is none of its parameters")
        for inner in macro.find_all(nodes.Macro):
            problems.append(f"{where}: {inner.name} is defined inside {name}")
    public = {name: macro for name, macro in macros.items() if not name.startswith("_")}
    wordings = _wording_phrases()
    shared = render.shared_phrases(lang)
    for name, values in shared.items():
        if name not in public:
            problems.append(f"{where}: no phrase {name}({', '.join(values)})")
    for name, (wording, part, case) in wordings.items():
        if not case and part in render.PARTS and name not in public:
            problems.append(f"{where}: the wording {wording} has no {part} phrase ({name})")
    for name, macro in public.items():
        if name in shared:
            allowed = set(shared[name])
        elif name in wordings:
            wording, part, case = wordings[name]
            allowed = set(render.wording_values(wording, case, part, lang))
        else:
            problems.append(
                f"{where}: {name} is no phrase of render.SHARED nor of a wording of registry.REQUESTS"
            )
            continue
        unknown = sorted(arg.name for arg in macro.args if arg.name not in allowed)
        if unknown:
            problems.append(
                f"{where}: {name} takes {unknown}, which it is not given (it may take {sorted(allowed)})"
            )
    return problems


def _source(lang: str) -> str:
    return (render.templates_dir() / lang / render.PHRASES).read_text(encoding="utf-8")


def test_phrase_names_are_unique() -> None:
    """No two (wording, part, case) share a phrase's name, nor a wording's phrase a shared one."""
    names = [name for name, _ in _wording_phrase_list()]
    assert len(names) == len(set(names))
    assert not set(names) & set(render.SHARED)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_phrases_file_has_every_phrase_and_nothing_else(lang: str) -> None:
    problems = phrase_problems(lang, _source(lang))
    assert not problems, "\n".join(problems)


def _fact(value: str, lang: str) -> str:
    """The value a phrase prints, whatever its grammatical case: ``purchase`` for ``purchase_dat``."""
    for name in render.FORMED:
        if value in render.formed(name, languages.LANGUAGES[lang].forms):
            return name
    return value


def test_every_language_says_the_same_facts_in_each_part() -> None:
    """What a part of a wording prints (a sum, a day, the collection agency), in any of its cases,
    each language prints too: a language may need a case of its own for its grammar, never a fact less."""
    wordings = _wording_phrases()
    printed: dict[str, dict[tuple[str, str], set[str]]] = {}
    for lang in LANGUAGES:
        said = printed.setdefault(lang, {})
        for name, macro in _macros(lang, _source(lang))[1].items():
            if name in wordings:
                wording, part, _ = wordings[name]
                said.setdefault((wording, part), set()).update(_fact(arg.name, lang) for arg in macro.args)
    first = LANGUAGES[0]
    missing = [
        f"templates/{lang}/{render.PHRASES}: {wording} {part} never prints {sorted(values - printed[lang].get((wording, part), set()))}"
        f", which templates/{first}/{render.PHRASES} prints"
        for lang in LANGUAGES[1:]
        for (wording, part), values in printed[first].items()
        if values - printed[lang].get((wording, part), set())
    ]
    assert not missing, "\n".join(missing)


def test_the_phrase_checks_can_fail() -> None:
    bad = (
        "{% macro refund_full_topic(secret) %}{% if secret %}a{% endif %}{% endmacro %}\n"
        "{% macro refund_ful_facts() %}b{% endmacro %}\n"
        "{% macro other_ask() %}{{ customer.full_name }}{% endmacro %}\n"
        "{% set x = 1 %}\n"
    )
    problems = "\n".join(phrase_problems("xx", bad))
    for expected in (
        "line 1: If is logic",
        "line 4: Assign is logic",
        "line 4: only macros",
        "refund_ful_facts is no phrase",
        "refund_full_topic takes ['secret']",
        "other_ask prints customer",
        "the wording refund.partial has no facts phrase (refund_partial_facts)",
        "no phrase heading()",
    ):
        assert expected in problems, expected


def _phrases_environment(source: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader({f"xx/{render.PHRASES}": source, "xx/other.j2": source}),
        extensions=[render.PhrasesSyntax],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def test_a_phrase_runs_over_several_lines() -> None:
    """In a phrases file a line break is a space and a macro's text is trimmed; values are untouched."""
    source = (
        "{% macro p(value) %}\n    Une phrase\n    sur deux lignes\u00a0: {{ value }}\n\n{% endmacro %}\n"
    )
    env = _phrases_environment(source)
    phrases = env.get_template(f"xx/{render.PHRASES}").module
    assert str(phrases.p("a\n  b ")) == "Une phrase sur deux lignes\u00a0: a\n  b "
    other = env.get_template("xx/other.j2").module
    assert str(other.p("v")) == "    Une phrase\n    sur deux lignes\u00a0: v\n\n"


def test_a_value_the_draft_lacks_cannot_be_printed() -> None:
    words = render.Phrases(languages.DEFAULT)
    said = words.say("account_email_phone", {"email": "a@example.be", "phone": "+32 470 12 34 56"})
    assert "+32 470 12 34 56" in said
    with pytest.raises(jinja2.UndefinedError, match="account_email_phone prints phone"):
        words.say("account_email_phone", {"email": "a@example.be", "phone": None})
    with pytest.raises(LookupError):
        words.say("no_such_phrase", {})


def _template_files() -> list[Any]:
    found = []
    for path in sorted(p for p in render.templates_dir().rglob("*") if p.is_file()):
        name = str(path.relative_to(render.templates_dir()))
        found.append(pytest.param(path, id=name))
    return found


@pytest.mark.parametrize("path", _template_files())
def test_no_template_line_is_over_120_characters(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    long = [(number, len(line)) for number, line in enumerate(lines, 1) if len(line) > 120]
    assert not long, f"{path.name}: lines over 120 characters (line, length): {long}"


def test_a_data_request_by_letter_goes_to_the_data_controller(base_dir: Path) -> None:
    """Alma SAS is the controller (FACTS.md): a data request by post goes to its registered office;
    every other letter to the customer service; a [recipient] address given still wins."""
    from alma_contact.checks import recipient_notes
    from alma_contact.contacts import resolve

    data_request = {"request": "personal_data", "details": {"right": "erasure"}}
    draft, message = make(base_dir, "fr", "letter", **data_request)
    assert message.recipient == resolve(addressee="data_controller").address
    assert "92200 NEUILLY-SUR-SEINE" in message.recipient and message.recipient[0] == "Alma SAS"
    assert recipient_notes(draft, "en") == [], "the controller is one of Alma's usual addresses"
    _, refund = make(base_dir, "fr", "letter")
    assert refund.recipient == resolve().address and "75010 PARIS" in refund.recipient
    chosen = {"address": ["Alma SAS", "DPO", "1 rue Exemple", "75001 PARIS", "FRANCE"]}
    _, overridden = make(base_dir, "fr", "letter", recipient=chosen, **data_request)
    assert overridden.recipient == tuple(chosen["address"])
    _, by_email = make(base_dir, "fr", "email", **data_request)
    assert by_email.to == resolve().email


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_order_number_is_said_once_in_the_body(base_dir: Path, lang: str) -> None:
    """A claim that names the order leaves its number out of the facts; a claim that names no
    purchase (a payment not recognised) lets the facts name it."""
    order = DRAFT["transaction"]["order_number"]
    _, refund = make(base_dir, lang)
    assert "\n\n".join(refund.paragraphs).count(order) == 1
    assert order in refund.paragraphs[0]
    _, unrecognised = make(base_dir, lang, request="unrecognised", details=None)
    assert order not in unrecognised.paragraphs[0] and order in unrecognised.paragraphs[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_deadline_after_a_known_debit_asks_for_a_working_day_before_it(base_dir: Path, lang: str) -> None:
    """A payment 30 days later bought on 12 November is debited on Saturday 12 December, before 15 days
    from receipt would end: the message asks for Thursday 10 December (two days before, a working day).
    Bought on 2 October (debited on 1 November), or in 3 instalments (no known day), it gives its 15 days."""
    eve = render.format_day(date(2026, 12, 10), lang)
    later = dict(DRAFT["transaction"], plan="d30", date="12/11/2026")
    details = {"refund": "full", "merchant_refunded_on": "20/11/2026"}
    _, message = make(base_dir, lang, "email", transaction=later, details=details, deadline_days=15)
    assert eve in message.body and render.format_day(date(2026, 12, 12), lang) in message.body
    assert " 15 " not in message.body
    for changed in ({"plan": "d30", "date": "2/10/2026"}, {"plan": "3x", "date": "12/11/2026"}):
        transaction = dict(DRAFT["transaction"], **changed)
        _, message = make(base_dir, lang, "email", transaction=transaction, details=details)
        assert eve not in message.body and " 15 " in message.body


@pytest.mark.parametrize(
    ("plan", "bought", "last"),
    [
        ("4x", "14/9/2026", date(2026, 12, 14)),
        ("3x", "31/10/2026", date(2026, 12, 31)),
        ("4x", "31/10/2026", date(2027, 1, 31)),
        ("2x", "31/10/2026", date(2026, 11, 30)),
        ("10x", "20/11/2026", date(2027, 8, 20)),
        ("d30", "12/11/2026", date(2026, 11, 12)),
    ],
)
def test_the_last_instalment_falls_a_month_apart_from_the_purchase(
    base_dir: Path, plan: str, bought: str, last: date
) -> None:
    """One instalment with the purchase, then one a month (on its day, or the month's last day)."""
    details = {"refund": "full", "merchant_refunded_on": "20/11/2026"}
    draft, _ = make(base_dir, transaction=dict(DRAFT["transaction"], plan=plan, date=bought), details=details)
    assert render.last_instalment(draft) == last


def test_after_the_last_instalment_a_partial_refund_claims_the_overpayment(base_dir: Path) -> None:
    """Bought in 3 instalments on 2 August: by 26 November all have fallen due, so nothing is spread
    again; bought on 2 November, the instalments to come are adjusted."""
    details = {"refund": "partial", "refund_amount": "100,00", "merchant_refunded_on": "20/11/2026"}
    asks = []
    for bought in ("2/8/2026", "2/11/2026"):
        _, message = make(base_dir, transaction=dict(DRAFT["transaction"], date=bought), details=details)
        asks.append(message.body)
    ended = render.Phrases("fr").say(
        "refund_partial_ask_ended_merchant_refunded_on", {"remaining": "X", "refund_amount": "X"}
    )
    assert ended.split("X")[0] in asks[0] and ended.split("X")[0] not in asks[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_debit_too_close_for_a_last_day_asks_without_delay(base_dir: Path, lang: str) -> None:
    """Written on 11 December for a debit on 12 December, the last day asked for (two working days
    before) has passed: the message asks for it without delay and before the debit, never a day past."""
    details = {"refund": "full", "merchant_refunded_on": "20/11/2026"}
    draft, _ = make(
        base_dir, lang, transaction=dict(DRAFT["transaction"], plan="d30", date="12/11/2026"), details=details
    )
    body = render.build(draft, today=date(2026, 12, 11)).body
    assert render.format_day(date(2026, 12, 12), lang) in body
    assert render.format_day(date(2026, 12, 10), lang) not in body


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("kind", "details"),
    [
        ("payment_issue", {"issue": "failed_debit", "debit_date": "14/11/2026"}),
        ("installments", {"question": "missing_payment", "debit_date": "14/11/2026"}),
    ],
)
def test_a_missed_debit_is_answered_before_the_next_one(
    base_dir: Path, lang: str, kind: str, details: dict[str, str]
) -> None:
    """A debit that failed or is missing is settled before the next one is taken (with it, and fees):
    given the next debit on Monday 14 December, the answer is asked by Friday 11 December instead of
    within the days, which would end after it; not given, before the next debit and within the days."""
    transaction = dict(DRAFT["transaction"], plan="4x", date="14/10/2026")
    dated, _ = make(
        base_dir, lang, request=kind, transaction=transaction, details={**details, "next_debit": "14/12/2026"}
    )
    body = render.build(dated, today=date(2026, 11, 26)).body
    assert render.format_day(date(2026, 12, 11), lang) in body, body
    assert render.format_day(date(2026, 12, 14), lang) in body
    undated, _ = make(base_dir, lang, request=kind, transaction=transaction, details=details)
    sooner = render.Phrases(lang).say(f"reply_by_before_debit_{undated.channel}", {"days": 15})
    assert sooner in render.build(undated, today=date(2026, 11, 26)).body


@pytest.mark.parametrize(
    ("easter_monday", "ascension", "whit_monday"),
    [
        (date(2024, 4, 1), date(2024, 5, 9), date(2024, 5, 20)),
        (date(2025, 4, 21), date(2025, 5, 29), date(2025, 6, 9)),
        (date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)),
        (date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
        (date(2038, 4, 26), date(2038, 6, 3), date(2038, 6, 14)),
    ],
)
def test_the_moving_public_holidays_follow_easter(
    easter_monday: date, ascension: date, whit_monday: date
) -> None:
    """Easter Monday, Ascension Day and Whit Monday as the Belgian calendars give them, beside the seven
    fixed holidays: ten days, none twice."""
    holidays = render.public_holidays(easter_monday.year)
    assert {easter_monday, ascension, whit_monday} <= holidays
    assert len(holidays) == 10
    assert date(easter_monday.year, 12, 25) in holidays and date(easter_monday.year, 7, 21) in holidays


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_last_day_before_a_debit_is_a_working_day(base_dir: Path, lang: str) -> None:
    """A debit on 28 December 2026 (a Monday): two days before is a Saturday, the Friday before it is
    Christmas Day; the answer is asked by Thursday 24 December."""
    details = {"refund": "full", "merchant_refunded_on": "20/11/2026", "next_debit": "28/12/2026"}
    draft, _ = make(
        base_dir, lang, transaction=dict(DRAFT["transaction"], plan="4x", date="28/10/2026"), details=details
    )
    body = render.build(draft, today=date(2026, 12, 20)).body
    assert render.format_day(date(2026, 12, 24), lang) in body
    assert render.format_day(date(2026, 12, 25), lang) not in body


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("kind", "option"), [("other", None), ("installments", "other"), ("payment_issue", "other")]
)
def test_a_subject_typed_as_a_question_keeps_one_stop(
    base_dir: Path, lang: str, kind: str, option: str | None
) -> None:
    """The person's own subject ends a sentence of the claim: typed as a question, or with a full stop, it
    is not followed by a second one (« …kaart?. »)."""
    details = {"subject": "Comment enregistrer ma nouvelle carte ?"}
    if option:
        details[{"installments": "question", "payment_issue": "issue"}[kind]] = option
    _, message = make(base_dir, lang, request=kind, details=details)
    assert "?." not in message.body, message.paragraphs[0]
    assert "Comment enregistrer ma nouvelle carte" in message.text  # the subject line, at least


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Changement de mon adresse e-mail.", "Changement de mon adresse e-mail –"),
        ("Comment enregistrer ma carte ?", "Comment enregistrer ma carte ? –"),
        ("Échéances en attente...", "Échéances en attente... –"),
    ],
)
def test_a_subject_line_drops_the_full_stop_typed_after_the_subject(
    base_dir: Path, lang: str, typed: str, shown: str
) -> None:
    """A subject line is not a sentence: the full stop the person typed after their subject goes, a
    question mark or an ellipsis stays; the first sentence keeps one stop."""
    _, message = make(base_dir, lang, request="other", details={"subject": typed})
    assert message.subject.startswith(shown), message.subject
    assert f"{typed}." not in message.body, message.body


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "given",
    [
        ("debit_date",),
        ("debited_amount", "debit_date"),
        ("debit_date", "expected_amount"),
        ("debited_amount", "debit_date", "expected_amount"),
        ("debited_amount", "expected_amount"),
    ],
)
def test_a_wrong_amount_names_the_day_and_the_sums_it_is_given(
    base_dir: Path, lang: str, given: tuple[str, ...]
) -> None:
    """A debit of a wrong amount: its facts name its day and each sum given, whichever are (three cases
    joined in one phrase when all three are)."""
    values = {"debit_date": "14/11/2026", "debited_amount": "164,97", "expected_amount": "149,97"}
    details = {"issue": "wrong_amount", **{key: values[key] for key in given}}
    _, message = make(base_dir, lang, request="payment_issue", details=details)
    facts = message.paragraphs[1]
    printed = {
        "debit_date": render.format_day(date(2026, 11, 14), lang),
        "debited_amount": render.format_amount(Decimal("164.97"), lang),
        "expected_amount": render.format_amount(Decimal("149.97"), lang),
    }
    for key, shown in printed.items():
        assert (shown in facts) is (key in given), (key, facts)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("monthly", [None, "50,00"])
def test_a_payment_plan_offers_its_first_day(base_dir: Path, lang: str, monthly: str | None) -> None:
    """A payment plan given the day the person offers to start paying: its first sentence names it, with
    or without the sum offered each month."""
    details = {"action": "payment_plan", "first_payment": "5/1/2027"}
    if monthly:
        details["monthly_amount"] = monthly
    _, message = make(base_dir, lang, request="fees", details=details)
    claim = message.paragraphs[0]
    assert render.format_day(date(2027, 1, 5), lang) in claim, claim
    assert (render.format_amount(Decimal("50"), lang) in claim) is bool(monthly), claim


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_claim_names_the_merchant_once(base_dir: Path, lang: str) -> None:
    """Without an order number the claim names the purchase by its merchant; where it names the merchant
    again (who refunded), the second time it is « the merchant »."""
    transaction = {**DRAFT["transaction"], "order_number": None}
    del transaction["order_number"]
    _, message = make(
        base_dir,
        lang,
        transaction=transaction,
        details={"refund": "full", "merchant_refunded_on": "5/11/2026", "paid_amount": "411,52"},
    )
    assert message.paragraphs[0].count("Meubles Dupont") == 1, message.paragraphs[0]
    _, with_order = make(
        base_dir,
        lang,
        details={"refund": "full", "merchant_refunded_on": "5/11/2026", "paid_amount": "411,52"},
    )
    assert "A-123" in with_order.paragraphs[0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("merchant_day", [True, False])
@pytest.mark.parametrize(
    ("details", "figure", "paid"),
    [
        ({"action": "modify", "new_amount": "900,00", "paid_amount": "1.000,00"}, "100.00", "1000.00"),
        ({"action": "modify", "new_amount": "900,00", "paid_amount": "500,00"}, "400.00", "500.00"),
        ({"refund": "partial", "refund_amount": "200,00", "paid_amount": "1.100,00"}, "65.44", "1100.00"),
        ({"refund": "partial", "refund_amount": "200,00", "paid_amount": "500,00"}, "534.56", "500.00"),
    ],
)
def test_a_sum_debited_is_weighed_against_what_is_owed(
    base_dir: Path, lang: str, merchant_day: bool, details: dict[str, str], figure: str, paid: str
) -> None:
    """A purchase of 1.234,56 cut down or refunded in part, with the sum already debited: the first
    sentence claims the sum overpaid, or names the balance still due, and says what it is computed
    from (the sum debited), with or without the merchant's day."""
    request = "cancellation" if "action" in details else "refund"
    day = {"merchant_cancelled_on" if request == "cancellation" else "merchant_refunded_on": "5/11/2026"}
    _, message = make(base_dir, lang, request=request, details={**details, **(day if merchant_day else {})})
    claim = message.paragraphs[0]
    assert render.format_amount(Decimal(figure), lang) in claim, claim
    assert render.format_amount(Decimal(paid), lang) in claim, claim
    # A sum overpaid is claimed back: the subject names it too (a balance still due, only the claim).
    overpaid = figure in ("100.00", "65.44")  # the first and third cases
    assert (render.format_amount(Decimal(figure), lang) in message.subject) is overpaid, message.subject


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_withdrawal_by_letter_goes_registered_with_a_notice_of_delivery(base_dir: Path, lang: str) -> None:
    """A 10x credit bought four days before: its withdrawal by letter is marked registered with a notice
    of delivery (its day proves it in time), however the caller asked, and goes to the registered office;
    by email it is not a letter."""
    transaction = {**DRAFT["transaction"], "plan": "10x", "date": "22/11/2026"}
    details = {"action": "cancel"}
    _, letter = make(
        base_dir, lang, "letter", request="cancellation", transaction=transaction, details=details
    )
    assert letter.extra["registered"] is True
    assert languages.LANGUAGES[lang].registered_receipt in letter.text
    assert "92200 NEUILLY-SUR-SEINE" in letter.recipient  # a legal act: to the registered office
    _, email = make(base_dir, lang, "email", request="cancellation", transaction=transaction, details=details)
    assert email.extra["registered"] is False
    _, other = make(base_dir, lang, "letter", request="cancellation", details=details)  # a 3x plan
    assert other.extra["registered"] is False and "75010 PARIS" in other.recipient
    # Another request about the same recent credit does not withdraw from it.
    _, refused = make(
        base_dir,
        lang,
        "letter",
        request="payment_issue",
        transaction=transaction,
        details={"issue": "refused"},
    )
    assert refused.extra["registered"] is False
    assert languages.LANGUAGES[lang].registered_receipt not in refused.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_objection_asserts_the_rule_of_the_use_objected_to(base_dir: Path, lang: str) -> None:
    """Direct marketing stops outright (art. 21(3)); another use only without compelling grounds (art.
    21(1)); without the use, the message says both. A choice beside the option is a case by its value."""
    import re

    paragraph = {
        "fr": r"article 21, paragraphe {n}",
        "nl": r"artikel 21, (?:lid |leden \d en ){n}",
        "de": r"Art\. 21\sAbs\. {n}",
    }
    cited = {}
    for purpose in ("marketing", "other", None):
        details = {"right": "objection", **({"purpose": purpose} if purpose else {})}
        _, message = make(base_dir, lang, request="personal_data", details=details)
        cited[purpose] = {n for n in (1, 3) if re.search(paragraph[lang].format(n=n), message.body)}
    assert cited == {"marketing": {3}, "other": {1}, None: {1, 3}}
    assert "purpose_marketing" in render.wording_cases("personal_data.objection")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_question_on_a_credit_in_its_withdrawal_period_is_answered_before_it_ends(
    base_dir: Path, lang: str
) -> None:
    """A 10x credit bought 6 days ago: its 14 days end before the 15 days the message would give, so
    the answer is asked two days before they end (a working day), without a threat; a credit bought
    long ago keeps its days, and the withdrawal itself asks no such day."""
    words = render.Phrases(lang)
    bought = TODAY - timedelta(days=6)
    end = bought + timedelta(days=14)
    last = end - timedelta(days=2)
    while last.weekday() >= 5:
        last -= timedelta(days=1)
    said = words.say(  # an answer asked, without a threat: the person needs it to choose
        "reply_by_withdrawal",
        {"end": render.format_day(end, lang), "last": render.format_day(last, lang)},
    )
    tx = {"amount": "599,88", "date": bought.strftime("%d/%m/%Y"), "plan": "10x"}
    _, message = make(
        base_dir, lang, request="installments", details={"question": "early_repayment"}, transaction=tx
    )
    ecc = {"fr": "Centre européen des consommateurs", "nl": "Europees Centrum", "de": "Verbraucherzentrum"}
    assert said in message.body and ecc[lang] not in message.body
    _, withdrawn = make(base_dir, lang, request="cancellation", details={"action": "cancel"}, transaction=tx)
    assert render.format_day(last, lang) not in withdrawn.body
    old = {**tx, "date": "1/9/2026"}
    _, later = make(
        base_dir, lang, request="installments", details={"question": "early_repayment"}, transaction=old
    )
    assert words.say("deadline_email", {"days": 15}) in later.body
