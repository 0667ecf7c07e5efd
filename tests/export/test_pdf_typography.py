"""The printed letter's typography: alignment, spacing, apostrophes, lists, running header, line breaks."""

from __future__ import annotations

import ast
import itertools
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pypdf
import pytest

from alma_contact.render import Message

from .conftest import EVIDENCE, FIRST_NAME, LAST_NAME, DraftFactory, Runner

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

MM = 72 / 25.4
XHTML = "{http://www.w3.org/1999/xhtml}"
DAY = date(2026, 11, 26)
RIGHT_EDGE = 210 - 18
"""Where the body's lines end: the sheet's width less the right margin (both windows), in mm."""

LONG_REFERENCE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" * 2 + "ABCDEFGHIJKLMNOPQRSTUVW-0123"
assert len(LONG_REFERENCE) == 100

FILLER = (
    "Le marchand a confirmé l'annulation de la commande, mais les prélèvements continuent chaque mois "
    "sur mon compte, alors que je n'ai plus rien reçu depuis."
)


@dataclass(frozen=True)
class Line:
    text: str
    left: float
    top: float
    right: float
    page: int
    words: tuple[str, ...]


def _lines(pdf: Path) -> list[Line]:
    """Every line poppler finds, in millimetres from the sheet's top left, with its page."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for number, page in enumerate(ElementTree.fromstring(xhtml).iter(f"{XHTML}page"), start=1):
        for line in page.iter(f"{XHTML}line"):
            words = tuple(word.text or "" for word in line.iter(f"{XHTML}word"))
            found.append(
                Line(
                    " ".join(words),
                    float(line.get("xMin", 0)) / MM,
                    float(line.get("yMin", 0)) / MM,
                    float(line.get("xMax", 0)) / MM,
                    number,
                    words,
                )
            )
    return found


def _render(run: Runner, draft: Path, *args: str) -> Path:
    out = draft.parent / "letter.pdf"
    result = run("render", draft, "--format", "pdf", "-o", out, "--force", *args)
    assert result.returncode == 0, result.stderr.decode()
    return out


def _message(draft_file: DraftFactory, **options: Any) -> Message:
    from alma_contact.drafts import load
    from alma_contact.render import build

    return build(load(draft_file(channel="letter", **options), today=DAY), today=DAY)


def _typst(data: dict[str, Any], out: Path) -> Path:
    """The layout compiled from a hand-changed input (a narrow column, say)."""
    import typst

    from alma_contact.render import templates_dir

    folder = templates_dir()
    pdf = typst.compile(
        str(folder / "letter.typ"),
        root=str(folder),
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
    )
    assert isinstance(pdf, bytes)
    out.write_bytes(pdf)
    return out


def _paragraph(lines: list[Line], first: str) -> list[Line]:
    """The lines of the paragraph whose first line starts with ``first``."""
    start = next(i for i, line in enumerate(lines) if line.text.startswith(first))
    end = start + 1
    while (
        end < len(lines)
        and lines[end].page == lines[start].page
        and 0 < lines[end].top - lines[end - 1].top < 6
    ):
        end += 1
    return lines[start:end]


# --- 1. justified or ragged right, from the language's entry -------------------------


def test_justification_is_the_language_entry() -> None:
    """Every language's letters are ragged right (the safer choice: no stretched line before an address
    that cannot be broken); a language may justify its own."""
    from alma_contact.languages import LANGUAGES

    assert not any(language.justified for language in LANGUAGES.values())


def test_pdf_module_names_no_language() -> None:
    """What differs between languages is read from their entries: pdf.py types no language code."""
    from alma_contact.export import pdf
    from alma_contact.languages import LANGUAGES

    source = Path(pdf.__file__).read_text(encoding="utf-8")
    strings = {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert not strings & set(LANGUAGES), sorted(strings & set(LANGUAGES))
    for code in LANGUAGES:
        assert f"== {code!r}" not in source and f'== "{code}"' not in source


@pytest.mark.parametrize(("lang", "justified"), [("fr", True), ("fr", False), ("nl", False), ("de", False)])
def test_body_is_justified_or_ragged_right(
    draft_file: DraftFactory,
    run: Runner,
    tmp_path: Path,
    lang: str,
    justified: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from alma_contact import languages
    from alma_contact.export.pdf import letter_data

    # A language that justifies its letters (none does today).
    entry = replace(languages.LANGUAGES[lang], justified=justified)
    monkeypatch.setitem(languages.LANGUAGES, lang, entry)  # type: ignore[index]

    paragraph = " ".join([FILLER] * 5)
    message = replace(_message(draft_file, language=lang), paragraphs=(paragraph,))
    data = letter_data(message)
    assert data["justified"] is justified
    lines = _paragraph(_lines(_typst(data, tmp_path / "letter.pdf")), "Le marchand")
    full = lines[:-1]  # a paragraph's last line is short in both
    assert len(full) >= 4
    ends = [line.right for line in full]
    if justified:
        assert all(end == pytest.approx(RIGHT_EDGE, abs=1) for end in ends), ends  # a hyphen may hang
    else:
        assert all(end <= RIGHT_EDGE + 0.3 for end in ends)
        assert max(ends) - min(ends) > 3, ends  # a ragged edge
        assert sum(end < RIGHT_EDGE - 1 for end in ends) >= len(ends) // 2


# --- 2. one empty line after the subject and after the salutation --------------------


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_empty_line_after_subject_and_salutation(draft_file: DraftFactory, run: Runner, lang: str) -> None:
    description = "\n".join([FILLER, FILLER, FILLER])  # one paragraph of several lines
    lines = _lines(_render(run, draft_file(channel="letter", language=lang, description=description)))
    subject = max(i for i, line in enumerate(lines) if line.text.startswith(("Objet", "Betreft")))
    salutation = subject + 1
    while lines[salutation].top - lines[salutation - 1].top < 6:  # the subject may take two lines
        salutation += 1
    assert lines[salutation].text.startswith(("Madame", "Geachte"))
    body = salutation + 1
    # From one line of a paragraph to the next: the smallest step between two lines of the body.
    pitch = min(b.top - a.top for a, b in itertools.pairwise(lines[body:]) if b.top > a.top)
    assert 4 < pitch < 6
    empty_line = 2 * pitch
    assert lines[salutation].top - lines[salutation - 1].top == pytest.approx(empty_line, abs=0.4)
    assert lines[body].top - lines[salutation].top == pytest.approx(empty_line, abs=0.4)


# --- 3. typographic apostrophes, but not in addresses, links and file names ----------


def test_apostrophes_in_print_only(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    description = (
        "J'ai écrit à l'adresse d'o'brien@shop.example, lu https://shop.example/l'aide?q=l'x et "
        "joint la capture d'écran 1.png (l'annexe 2)."
    )
    draft = draft_file(
        EVIDENCE,
        channel="letter",
        description=description,
        first_name="Anne-Marie",
        last_name="D'Hondt",
        recipient={"address": ["Alma", "Service d'aide", "52 rue des Petites Écuries", "75010 Paris"]},
    )
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(_render(run, draft)).pages)
    for printed in (
        "J’ai écrit à l’adresse",  # the body
        "Service d’aide",  # the recipient
        "Anne-Marie D’Hondt",  # the sender and signature
        "Je vous prie d’agréer",  # the closing
        "(l’annexe",
    ):
        assert printed in text
    flat = re.sub(r"\s+", " ", text)
    typed = ("d'o'brien@shop.example", "https://shop.example/l'aide?q=l'x", "capture d'écran 1.png")
    for token in typed:
        assert token in flat
    # An enclosure without a description is described in words, the program's own: typographic.
    assert re.search(r"^\d\. Capture d’écran", text, re.MULTILINE)
    for token in typed:
        flat = flat.replace(token, "")
    assert "'" not in flat
    plain = rendered_json(draft)
    assert "J'ai écrit à l'adresse" in plain["body"] and "’" not in plain["body"]


def test_apostrophes_in_the_subject_and_enclosure_descriptions(draft_file: DraftFactory) -> None:
    from alma_contact.export.pdf import letter_data

    message = _message(draft_file)
    data = letter_data(
        replace(message, subject="Commande d'octobre", attachments=()),
    )
    assert data["subject_line"].endswith("Commande d’octobre")
    assert data["header"]["subject"] == "Commande d’octobre"
    assert data["subject"] == "Commande d'octobre"  # the document's title, not printed, stays as typed


# --- 4. one list mark, a hanging indent; numbered enclosures -------------------------


def test_list_items_have_one_mark_and_a_hanging_indent(draft_file: DraftFactory, run: Runner) -> None:
    long_item = "- " + " ".join([FILLER] * 2)
    description = "\n".join(
        ["Ce que j'ai fait :", "- appelé la boutique ;", "– écrit deux fois ;", long_item]
    )
    lines = _lines(_render(run, draft_file(channel="letter", description=description)))
    intro = next(i for i, line in enumerate(lines) if line.text.startswith("Ce que j’ai fait"))
    first, second, third, wrapped = lines[intro + 1 : intro + 5]
    for item in (first, second, third):
        assert item.words[0] == "–"
        assert item.left == pytest.approx(lines[intro].left, abs=0.3)
    assert first.words[1] == "appelé" and second.words[1] == "écrit" and third.words[1] == "Le"
    assert "-" not in {first.words[0], second.words[0], third.words[0]}
    # the item's next line starts under its text, not under the mark
    assert wrapped.top > third.top
    assert wrapped.left > third.left + 2
    assert wrapped.words[0] != "–"


def test_enclosures_are_numbered(draft_file: DraftFactory, tmp_path: Path) -> None:
    from alma_contact.export.pdf import letter_data

    data = letter_data(_message(draft_file))
    data["enclosures"] = [
        "Confirmation de commande du 14 octobre 2026",
        "Relevé de compte de novembre 2026",
        "Capture d’écran du refus",
    ]
    lines = [line.text for line in _lines(_typst(data, tmp_path / "letter.pdf"))]
    label = lines.index("Annexes :")
    assert lines[label + 1 : label + 4] == [
        "1. Confirmation de commande du 14 octobre 2026",
        "2. Relevé de compte de novembre 2026",
        "3. Capture d’écran du refus",
    ]


# --- 5. a running header from the second page on --------------------------------------


@pytest.mark.parametrize(("lang", "window"), [("fr", "right"), ("nl", "left"), ("de", "right")])
def test_running_header_from_page_two(
    draft_file: DraftFactory, run: Runner, rendered_json, lang: str, window: str
) -> None:
    description = "\n\n".join([" ".join([FILLER] * 6)] * 5)
    draft = draft_file(channel="letter", language=lang, description=description)
    expected = rendered_json(draft)
    path = _render(run, draft, "--window", window)
    total = len(pypdf.PdfReader(path).pages)
    assert total >= 2
    lines = _lines(path)
    top = {"right": 20, "left": 14}[window] - 3  # in the top margin, above the body's first line
    name = f"{FIRST_NAME} {LAST_NAME}"
    for page in range(1, total + 1):
        head = [line for line in lines if line.page == page and line.top < top]
        from alma_contact.languages import LANGUAGES

        of = LANGUAGES[lang].page_of.format(page=page, total=total)  # 2/3, Seite 2 von 3
        numbers = [line for line in lines if line.page == page and line.text.endswith(of)]
        if page == 1:
            assert numbers == []
            assert not any(name in line.text for line in head)  # the sender's block is all there is
            continue
        text = " ".join(line.text for line in head).replace("\u00a0", " ")
        assert name in text
        place_date = expected["place_date"].replace("\u00a0", " ")
        city = expected["place_date"].split(",")[0]
        day = place_date.split(", ")[-1].removeprefix("le ")  # the day, without the place
        assert day in text and city not in text, (day, text)
        assert " ".join(expected["subject"].split()[:3]).replace("'", "\u2019") in text
        assert text.endswith(of) or of in text, (of, text)
        assert len(numbers) == 1 and numbers[0].top < top  # numbered once, in the header
        assert not any(line.text.strip() == f"{page} / {total}" for line in lines if line.page == page)


# --- 6. no break between a number and its noun ----------------------------------------

PAIRS = (
    "12 termijnen",
    "15 jours",
    "annexe 1",
    "bijlage 2",
    "22,50 €",
    "€ 1.234,56",
    "n° 123",
    "+32 487 45 67 89",
)


def test_no_break_between_a_number_and_its_noun(draft_file: DraftFactory, tmp_path: Path) -> None:
    """In a narrow column, each pair lands at many places along the line: it never breaks."""
    from alma_contact.export.pdf import letter_data

    sentences = []
    for shift in range(14):
        words = ["x" * (1 + (shift + i) % 4) for i in range(shift % 5 + 1)]
        sentences.append(
            " ".join(words) + " " + " ".join(f"{pair} et" for pair in PAIRS) + " +32 470 12 34 56."
        )
    message = replace(_message(draft_file), paragraphs=tuple(sentences))
    data = letter_data(message)
    data["layout"]["margin"]["right"] = 210 - 25 - 45  # a column 45 mm wide
    lines = _lines(_typst(data, tmp_path / "narrow.pdf"))
    body = [line for line in lines if line.page >= 1 and line.left < 30]
    joined = [line.words for line in body]
    broken = []
    for words in joined:
        last = words[-1] if words else ""
        first = words[0] if words else ""
        if last in {"12", "15", "annexe", "bijlage", "22,50", "n°"} or words[-2:] == ("et", "€"):
            broken.append(" ".join(words))
        if first in {
            "termijnen",
            "jours",
            "1",
            "2",
            "123",
            "487",
            "45",
            "67",
            "89",
            "470",
            "12",
            "34",
            "56.",
        } and words[:2] != ("12", "termijnen"):  # « 12 termijnen » may start a line, « 12 34 » not
            broken.append(" ".join(words))
        if last in {"+32", "487", "45", "67", "470", "34"}:
            broken.append(" ".join(words))
        if first == "1.234,56" or (first == "€" and words[1:2] != ("1.234,56",)):
            broken.append(" ".join(words))
    assert len(body) > 40  # the column is narrow: many lines
    assert broken == []


def test_a_line_never_ends_on_a_one_letter_prefix(draft_file: DraftFactory, tmp_path: Path) -> None:
    """« E-Mail », « e-mailadres »: in a narrow column, at many places along the line, the line never
    ends on « E- »: the hyphen prints as a no-break one."""
    from alma_contact.export.pdf import NO_BREAK_HYPHEN, letter_data

    sentences = []
    for shift in range(14):
        words = ["x" * (1 + (shift + i) % 4) for i in range(shift % 5 + 1)]
        sentences.append(" ".join(words) + " per E-Mail und e-mailadres und E-Mail-Adresse.")
    message = replace(_message(draft_file), language="de", paragraphs=tuple(sentences))
    data = letter_data(message)
    assert data["paragraphs"][0][0]["lines"][0].endswith(
        f"per E{NO_BREAK_HYPHEN}Mail und e{NO_BREAK_HYPHEN}mailadres und E{NO_BREAK_HYPHEN}Mail-Adresse."
    )
    data["layout"]["margin"]["right"] = 210 - 25 - 30  # a column 30 mm wide
    lines = _lines(_typst(data, tmp_path / "narrow.pdf"))
    body = [line for line in lines if line.page >= 1 and line.left < 30]
    assert len(body) > 30
    assert [line.words for line in body if line.words and line.words[-1] in {"E-", "e-"}] == []


def test_no_break_spaces_are_for_print_only(draft_file: DraftFactory, rendered_json) -> None:
    from alma_contact.export.pdf import letter_data

    message = replace(_message(draft_file), paragraphs=("Payé en 12 termijnen, voir annexe 1 et n° 123.",))
    printed = letter_data(message)["paragraphs"][0][0]["lines"][0]
    assert printed == "Payé en 12\u00a0termijnen, voir annexe\u00a01\u00a0et n°\u00a0123."
    assert letter_data(replace(message, paragraphs=("le 3 novembre 2026",)))["paragraphs"][0][0]["lines"] == [
        "le 3\u00a0novembre\u00a02026"  # a date stays on one line
    ]
    german = letter_data(replace(message, language="de", paragraphs=("vom 10. September 2026",)))
    assert german["paragraphs"][0][0]["lines"] == ["vom 10.\u00a0September\u00a02026"]
    assert message.paragraphs[0] == "Payé en 12 termijnen, voir annexe 1 et n° 123."


@pytest.mark.parametrize(
    ("lang", "typed", "printed"),
    [
        ("nl", "staat op 'in behandeling' sinds 's avonds", "staat op ‘in behandeling’ sinds ’s avonds"),
        ("nl", 'de melding "Betaling geweigerd"', "de melding “Betaling geweigerd”"),
        ("de", 'die Meldung "abgelehnt" (l\'adresse)', "die Meldung „abgelehnt“ (l’adresse)"),
        ("fr", 'le message "refusé" : pourquoi ?', "le message «\u00a0refusé\u00a0»\u00a0: pourquoi\u00a0?"),
        ("fr", "« en attente »", "«\u00a0en attente\u00a0»"),
    ],
)
def test_typed_quotes_print_as_the_languages_marks(
    draft_file: DraftFactory, lang: str, typed: str, printed: str
) -> None:
    """A straight quote a person types opens and closes a quotation in the letter's own marks (never a
    closing mark at both ends); an apostrophe prints as ’; French spaces before « : ? » do not break."""
    from alma_contact.export.pdf import letter_data

    message = replace(_message(draft_file), language=lang, paragraphs=(typed,))
    assert letter_data(message)["paragraphs"][0][0]["lines"] == [printed]


# --- 7. long tokens wrap inside the margins --------------------------------------------

HANGING = ".,;:!?’»)"
"""What a justified line may let hang a little into the margin (Typst's overhang, an optical
margin): a stop, a comma, a closing quote or bracket, never a letter of a word."""


def _edge_of(text: str) -> float:
    """How far right a line may reach: the margin, with room for a hanging mark at its end."""
    return RIGHT_EDGE + (1.2 if text.rstrip()[-1:] in HANGING else 0.3)


@pytest.mark.parametrize(("lang", "window"), [("fr", "right"), ("nl", "left")])
def test_long_tokens_stay_inside_the_margins(
    draft_file: DraftFactory, run: Runner, lang: str, window: str
) -> None:
    url = "https://shop.example/" + "suivi-de-commande/" * 5 + "ref=" + LONG_REFERENCE
    file_name = "releve-de-compte-" + LONG_REFERENCE.lower() + ".pdf"
    description = "\n".join(
        [
            f"Ma référence : {LONG_REFERENCE}",
            f"Le suivi : {url}",
            f"Le fichier : {file_name}",
            f"- une ligne de liste qui cite {LONG_REFERENCE} en entier",
            FILLER + " " + LONG_REFERENCE,
        ]
    )
    path = _render(
        run, draft_file(channel="letter", language=lang, description=description), "--window", window
    )
    lines = _lines(path)
    outside = [(line.text, round(line.right, 1)) for line in lines if line.right > _edge_of(line.text)]
    assert not outside, outside
    text = "".join(line.text for line in lines)
    for token in (LONG_REFERENCE, url, file_name):
        assert token in text.replace(" ", "")  # printed whole, over two lines


def test_the_closing_keeps_more_than_a_one_line_reserve() -> None:
    """The last paragraph stays with the closing, and the one before it when the last is one short line
    (a formal notice's reserve); never more than about three lines, so that the deadline before them
    stays on its page."""
    from alma_contact.export.pdf import _kept_with_closing

    reserve = "Sous réserve de tous mes droits."
    assert _kept_with_closing(("x" * 500, "y" * 300, reserve)) == 2
    assert _kept_with_closing(("x" * 500, "y" * 120, "z" * 110)) == 2
    assert _kept_with_closing(("x" * 500, "y" * 200, "z" * 150)) == 1
    assert _kept_with_closing((reserve,)) == 1
