"""The PDF letter: A4, embedded fonts, text as typed, the address where the envelope's window is."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

import pypdf
import pytest

from alma_contact.evidence import suggested_label

from .conftest import EVIDENCE, FIRST_NAME, LAST_NAME, SPECIAL_LINES, DraftFactory, Runner

MM = 72 / 25.4
"""Points in a millimetre."""

A4 = (595.28, 841.89)

poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _pdf(run: Runner, draft: Path, *args: str) -> Path:
    out = draft.parent / "letter.pdf"
    result = run("render", draft, "--format", "pdf", "-o", out, "--force", *args)
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes().startswith(b"%PDF-")
    return out


def _plain(text: str) -> str:
    """No-break spaces (« : », « 1 234,56 € ») as ordinary ones, for comparing lines."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _text(path: Path) -> str:
    return _plain("\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def _words(path: Path) -> list[tuple[str, float, float, int]]:
    """Every word with its top left corner in millimetres from the sheet's top left, and its page."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(xhtml)
    words = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append(
                (word.text or "", float(word.get("xMin", 0)) / MM, float(word.get("yMin", 0)) / MM, number)
            )
    return words


def test_a4_one_page_with_every_part(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    description = "Mon paiement a été refusé alors que ma carte était valide.\n" + SPECIAL_LINES[1]
    draft = draft_file(EVIDENCE, channel="letter", description=description)
    expected = rendered_json(draft)
    reader = pypdf.PdfReader(_pdf(run, draft))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)
    text = _plain(reader.pages[0].extract_text())
    lines = [line.strip() for line in text.splitlines()]
    for line in [*expected["sender"], *expected["recipient"], expected["place_date"]]:
        assert _plain(line) in lines
    assert f"{FIRST_NAME} {LAST_NAME}" in lines  # the signature
    assert "Annexes :" in lines
    for number, item in enumerate(expected["attachments"], start=1):
        # No description given: described in words on paper, as the app suggests, not by file name.
        assert item["label"] == suggested_label(item["name"], item["type"], "fr", typed=False)
        assert _plain(f"{number}. {item['label']}").replace("'", "’") in lines  # typographic in print
    assert not re.search(r"\b\d+ ?/ ?\d+$", text, re.MULTILINE)  # one page: no page number
    assert "Lettre recommandée" not in text
    assert reader.metadata is not None and reader.metadata.title == expected["subject"]
    assert reader.trailer["/Root"]["/Lang"] == "fr-BE"


def test_subject_line_is_bold(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    draft = draft_file(channel="letter")
    subject = rendered_json(draft)["subject"]
    page = pypdf.PdfReader(_pdf(run, draft)).pages[0]
    bold: list[str] = []

    def visit(text: str, cm: object, tm: object, font: dict[str, object] | None, size: float) -> None:
        if font and "Bold" in str(font.get("/BaseFont", "")):
            bold.append(text)

    page.extract_text(visitor_text=visit)
    assert subject.split()[-1] in "".join(bold)


@pytest.mark.parametrize("lang", ["fr", "nl", "de"])
def test_registered_mention(draft_file: DraftFactory, run: Runner, lang: str) -> None:
    draft = draft_file(channel="letter", language=lang)
    text = _text(_pdf(run, draft, "--registered"))
    assert {"fr": "Lettre recommandée", "nl": "Aangetekende brief", "de": "Einschreiben"}[lang] in text


def test_dutch_letter(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    draft = draft_file(channel="letter", language="nl")
    expected = rendered_json(draft)
    reader = pypdf.PdfReader(_pdf(run, draft))
    assert reader.trailer["/Root"]["/Lang"] == "nl-BE"
    text = _text(_pdf(run, draft))
    assert "Bijlagen:" not in text  # no evidence, no list
    assert _plain(expected["place_date"]) in text
    with_files = draft_file(EVIDENCE, channel="letter", language="nl")
    assert "Bijlagen:" in _text(_pdf(run, with_files))


def test_german_letter(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    """DIN 5008 usage: the subject alone, in bold, without a label; « Anlagen » above the enclosures."""
    draft = draft_file(channel="letter", language="de")
    expected = rendered_json(draft)
    path = _pdf(run, draft)
    reader = pypdf.PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == "de-BE"
    text = _text(path)
    lines = [line.strip() for line in text.splitlines()]
    assert _plain(expected["place_date"]) in lines
    assert "Betreff" not in text
    bold: list[str] = []

    def visit(text: str, cm: object, tm: object, font: dict[str, object] | None, size: float) -> None:
        if font and "Bold" in str(font.get("/BaseFont", "")):
            bold.append(text)

    reader.pages[0].extract_text(visitor_text=visit)
    assert expected["subject"].split()[0] in "".join(bold)
    assert "Anlagen" not in lines  # no evidence, no list
    with_files = draft_file(EVIDENCE, channel="letter", language="de")
    assert "Anlagen" in [line.strip() for line in _text(_pdf(run, with_files)).splitlines()]


def test_text_prints_as_typed(draft_file: DraftFactory, run: Runner) -> None:
    """Markup characters in the description are data: none of them changes the layout.

    Only apostrophes and straight quotes print as typographic ones (in a French letter, straight double
    quotes as guillemets), and French spaces before « : » as no-break ones."""
    text = _text(_pdf(run, draft_file(channel="letter")))
    lines = [line.strip().replace("\u00a0", " ") for line in text.splitlines()]
    printed = {SPECIAL_LINES[3]: "Quotes: « double » \u2018simple\u2019 « guillemets » „Dutch”"}
    for line in SPECIAL_LINES:
        assert printed.get(line, line.replace("'", "\u2019")) in lines


@poppler
def test_fonts_are_embedded_and_cover_the_names(draft_file: DraftFactory, run: Runner) -> None:
    path = _pdf(run, draft_file(channel="letter"))
    report = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = report.splitlines()[2:]
    assert rows
    for row in rows:
        columns = row.split()
        assert "Libertinus" in columns[0]
        assert columns[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a Unicode map
    text = _text(path)
    for name in ("Łukasz", "Şükrü", "Čapek-Őrs", "Æsa", "€"):
        assert name in text


def test_fonts_embedded_per_pypdf(draft_file: DraftFactory, run: Runner) -> None:
    reader = pypdf.PdfReader(_pdf(run, draft_file(channel="letter")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@poppler
@pytest.mark.parametrize(
    ("window", "left", "top", "bottom"),
    [("right", 110, 50, 85), ("left", 25, 45, 90)],
)
def test_address_shows_through_the_window(
    draft_file: DraftFactory, run: Runner, window: str, left: float, top: float, bottom: float
) -> None:
    path = _pdf(run, draft_file(channel="letter"), "--window", window, "--registered")
    words = _words(path)
    france = [w for w in words if w[0] == "FRANCE"]
    paris = [w for w in words if w[0] == "PARIS"]
    alma = [w for w in words if w[0] == "Alma" and w[1] > left - 1]
    registered = [w for w in words if w[0] == "Lettre"]
    assert len(france) == 1 and paris and alma and registered
    for _, _x, y, page in [france[0], paris[0], alma[0], registered[0]]:
        assert page == 1
        assert top - 1 <= y <= bottom - 4
    assert france[0][1] == pytest.approx(left, abs=0.5)
    assert alma[0][1] == pytest.approx(left, abs=0.5)
    assert registered[0][2] < alma[0][2] < paris[0][2] < france[0][2]
    # the sender stays above the window, the body below it
    sender = [w for w in words if w[0] == "Łukasz"]
    assert sender[0][2] < top
    subject = [w for w in words if w[0] in ("Objet", "Betreft")]
    assert subject[0][2] > bottom


def _dark_rows(path: Path, left_mm: float, right_mm: float) -> set[int]:
    """Heights (whole mm from the top) of dark pixels between two distances from the left edge."""
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", "254", "-f", "1", "-l", "1", str(path)],  # 10 pixels a millimetre
        capture_output=True,
        check=True,
    ).stdout
    fields = pgm.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4]
    rows = set()
    for y in range(height):
        row = pixels[y * width : (y + 1) * width]
        if min(row[int(left_mm * 10) : int(right_mm * 10)]) < 160:
            rows.add(round(y / 10))
    return rows


@poppler
@pytest.mark.parametrize(("window", "folds"), [("right", {99, 198}), ("left", {105, 210})])
def test_fold_marks_in_the_left_margin(
    draft_file: DraftFactory, run: Runner, window: str, folds: set[int]
) -> None:
    """Short lines at the fold heights and the middle (punch mark), in the margin, nothing else there."""
    path = _pdf(run, draft_file(channel="letter"), "--window", window)
    rows = _dark_rows(path, 3, 10)
    assert {round(y) for y in rows} <= folds | {148, 149}
    assert folds <= rows
    assert rows & {148, 149}


def test_long_letter_has_page_numbers(draft_file: DraftFactory, run: Runner) -> None:
    paragraph = "Le marchand a confirmé l'annulation, mais les prélèvements continuent chaque mois. " * 12
    draft = draft_file(channel="letter", description="\n\n".join([paragraph] * 6))
    reader = pypdf.PdfReader(_pdf(run, draft))
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        numbers = re.findall(r"\b\d+ ?/ ?\d+\b", page.extract_text())
        assert numbers == ([] if number == 1 else [f"{number}/{total}"])  # in the running header
    assert f"{FIRST_NAME} {LAST_NAME}" in reader.pages[-1].extract_text()


def test_letter_needs_an_address(run: Runner, tmp_path: Path) -> None:
    draft = tmp_path / "no-address.toml"
    from .conftest import draft_text

    text = draft_text(channel="email")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("street", "postal", "city")))
    draft.write_text(text, encoding="utf-8")
    result = run("render", draft, "--format", "pdf", "-o", tmp_path / "x.pdf")
    assert result.returncode == 2
    assert b"customer.street" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_email_channel_conflicts_with_pdf(draft_file: DraftFactory, run: Runner) -> None:
    result = run("render", draft_file(), "--format", "pdf", "--channel", "email", "-o", "x.pdf")
    assert result.returncode == 2
    assert b"--channel letter" in result.stderr


def test_pdf_to_standard_output(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(channel="letter")
    result = run("render", draft, "--format", "pdf", "-o", "-")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"%PDF-") and result.stdout.rstrip().endswith(b"%%EOF")
    assert result.stdout == _pdf(run, draft).read_bytes()  # the same day gives the same file


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_pdf_is_not_written_to_a_terminal(draft_file: DraftFactory, tmp_path: Path) -> None:
    from .conftest import cli_env

    leader, follower = pty.openpty()
    try:
        draft = draft_file(channel="letter")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "alma_contact",
                "--ui-lang",
                "en",
                "render",
                str(draft),
                "--format",
                "pdf",
            ],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=cli_env(tmp_path),
            timeout=60,
            check=False,
        )
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert b"-o letter.pdf" in result.stderr
    assert b"%PDF" not in shown


def test_typst_is_imported_only_for_a_pdf(draft_file: DraftFactory, tmp_path: Path) -> None:
    from .conftest import cli_env

    draft = draft_file(channel="letter")
    script = (
        "import sys\nfrom alma_contact.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('typst' in sys.modules, file=sys.stderr)\n"
    )
    seen = {}
    for fmt in ("text", "json", "eml", "mailto", "pdf"):
        result = subprocess.run(
            [sys.executable, "-c", script, "render", str(draft), "--format", fmt, "-o", str(tmp_path / fmt)],
            capture_output=True,
            text=True,
            env=cli_env(tmp_path),
            check=True,
        )
        seen[fmt] = result.stderr.strip().splitlines()[-1]
    assert seen == {"text": "False", "json": "False", "eml": "False", "mailto": "False", "pdf": "True"}


def test_unknown_scripts_fall_back_to_system_fonts() -> None:
    """Latin, Greek and Cyrillic are in Typst's own fonts; other scripts add the system's."""
    from alma_contact.export.pdf import _covered

    assert all(_covered(c) for c in "Łukasz Şükrü Őrs Čapek Æsa € Nguyễn Ελένη Дмитрий «»„”–…")
    assert not _covered("王")
    assert not _covered("م")


def test_a_slight_overflow_is_set_tighter(draft_file: DraftFactory) -> None:
    """A letter that needs a few more lines than a page is set a little tighter onto one page."""
    from dataclasses import replace
    from datetime import date

    import typst

    from alma_contact.drafts import load
    from alma_contact.export.pdf import letter_data, page_count, render_pdf
    from alma_contact.render import build, templates_dir

    day = date(2026, 11, 26)
    message = build(load(draft_file(channel="letter"), today=day), today=day)
    folder = templates_dir()

    def normal_pages(paragraphs: tuple[str, ...]) -> int:
        data = letter_data(replace(message, paragraphs=paragraphs))
        pdf = typst.compile(
            str(folder / "letter.typ"), root=str(folder), sys_inputs={"data": json.dumps(data)}
        )
        return page_count(pdf)

    sentence = "Une phrase de la lettre qui occupe à peu près une ligne entière de texte justifié."
    paragraphs: tuple[str, ...] = ()
    while normal_pages(paragraphs) == 1:
        paragraphs += (sentence,)
    assert normal_pages(paragraphs) == 2
    tighter = pypdf.PdfReader(BytesIO(render_pdf(replace(message, paragraphs=paragraphs), today=day)))
    assert len(tighter.pages) == 1
    assert not re.search(r"\b\d+ ?/ ?\d+\b", tighter.pages[0].extract_text())
    # far over a page, the tighter setting does not help: normal size, numbered pages
    long = paragraphs * 3
    loose = pypdf.PdfReader(BytesIO(render_pdf(replace(message, paragraphs=long), today=day)))
    assert len(loose.pages) >= 2
    assert f"{len(loose.pages)}/{len(loose.pages)}" in loose.pages[-1].extract_text()


def test_registered_in_the_text_letter_too(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(channel="letter")
    plain = run("render", draft)
    marked = run("render", draft, "--registered")
    assert marked.returncode == 0
    assert (
        "Lettre recommandée" in marked.stdout.decode() and "Lettre recommandée" not in plain.stdout.decode()
    )
    refused = run("render", draft_file(), "--registered")
    assert refused.returncode == 2
    assert b"--registered is for letters" in refused.stderr
