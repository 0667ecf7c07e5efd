"""The printed letter as a PDF, laid out for a window envelope.

The layout is ``templates/letter.typ`` (Typst). The message goes to it as
one JSON input, never pasted into markup, so nothing a person typed can
change the layout. Typst is imported here only: the other formats never load
it. Fonts are Typst's own (embedded in the package, so the PDF looks the same
on every machine); the system's fonts are only added when the text needs
letters those fonts lack.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..languages import Language
    from ..render import Message

WindowSide = Literal["right", "left"]

FONT = "Libertinus Serif"
"""Embedded in Typst: Latin (Ł, Ş, Ő, Č, Æ, Vietnamese), Greek, Cyrillic and the euro sign."""


@dataclass(frozen=True)
class Area:
    """A rectangle on the sheet, in millimetres from the top left corner."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Margins:
    left: float
    right: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Layout:
    """Where things go on the first page, in millimetres; sources disagree by a few, so all are here."""

    window: Area
    """The field that shows through the envelope's window."""
    indent: float
    """From the field's left side to the address text."""
    body_top: float
    """Where the place and date line starts, below the window."""
    marks: tuple[float, ...]
    """Fold marks (and the punch mark at the middle), from the top edge."""
    margin: Margins
    sender_size: float
    """The sender block's type size in points: the left window leaves it less room."""


LAYOUTS: dict[str, Layout] = {
    # Right-hand window (France, common in Belgium): address about 110 mm from the
    # left edge and 50-55 mm from the top; window about 85 x 33 mm; the sheet is
    # folded in three (99 and 198 mm) for a DL envelope.
    "right": Layout(
        window=Area(x=110, y=50, width=85, height=35),
        indent=0,
        body_top=90,
        marks=(99, 148.5, 198),
        margin=Margins(left=25, right=18, top=20, bottom=18),
        sender_size=10,
    ),
    # DIN 5008 form B, left window: address field 20 mm from the left edge and
    # 45 mm from the top, 85 x 45 mm, its text 5 mm in (in line with the body);
    # fold marks at 105 and 210 mm.
    "left": Layout(
        window=Area(x=20, y=45, width=85, height=45),
        indent=5,
        body_top=98,
        marks=(105, 148.5, 210),
        margin=Margins(left=25, right=18, top=14, bottom=20),
        sender_size=9,
    ),
}


def _covered(char: str) -> bool:
    """Whether Typst's own fonts have this character (Latin, Greek, Cyrillic, punctuation, €)."""
    code = ord(char)
    return (
        code < 0x0530  # Latin, IPA, spacing marks, combining marks, Greek, Cyrillic
        or 0x1E00 <= code < 0x2000  # Latin Extended Additional, Greek Extended
        or 0x2000 <= code < 0x20C0  # punctuation, super/subscripts, currency signs (€)
        or 0x2100 <= code < 0x2150  # letterlike symbols (№, ™)
    )


# --- print typography -------------------------------------------------------------

NBSP = "\u00a0"

_EMAIL = r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"
_URL = r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S*[^\s.,;:!?)\]»”\"']"
_FILE = r"[^\s(\[«„“\"]*[^\W_]\.[A-Za-z][A-Za-z0-9]{0,4}(?![\w/@-])"
"""A token that ends like a file name (``scan.pdf``, ``relevé_2.jpeg``); a domain name matches too."""

_NUMBER_NOUN = re.compile(r"(?<=\d) (?=[^\W\d_]|[€$£%°])")
"""A number and the word or sign after it: ``15 jours``, ``12 termijnen``, ``22,50 €``."""
_SIGN_NUMBER = re.compile(r"(?<=[€$£]) (?=\d)")
"""A currency sign before its amount: ``€ 1.234,56``."""
_LABEL_NUMBER = re.compile(
    r"(?:(?<=[^\W\d_]{4})|(?<=[^\W\d_][.°º])) (?=\d{1,3}(?!\d)(?![.,:/\u202f\u00a0-]\d))"
)
"""A word of four letters or more, or an abbreviation, and the short number after it: ``annexe 1``,
``bijlage 2``, ``n° 123``, ``art. 15`` (not ``en 12``: that number goes with the word after it)."""

_NUMBER_SIGN = re.compile(r"(?<=\b[Nn]r\.) (?=\S)")
"""« nr. » and the reference after it, whatever it is: ``nr. FJ-55231``."""
_DAY_MONTH = re.compile(r"(?<=\d\.) (?=[^\W\d_]{3})")
"""A German day and its month: ``10. September``."""
_MONTH_YEAR = re.compile(r"(?<=[^\W\d_]{3}) (?=(?:19|20)\d\d(?!\d))")
"""A month (or any word) and the year after it: ``décembre 2026``, so that a date stays on one line."""

_ONE_LETTER_HYPHEN = re.compile(r"(?<=\b[^\W\d_])-(?=[^\W\d_]{2})")
"""The hyphen after a single letter (``E-Mail``, ``e-mailadres``): a line never ends on ``E-``; it prints
as a no-break hyphen (the fonts draw it as the hyphen; a copied text reads it as one)."""
NO_BREAK_HYPHEN = "\u2011"

_PHONE = re.compile(r"(?<![\w,.])\+?\d{1,4}(?: \d{2,4}){2,5}(?!\w|[.,]\d)")
"""A phone number written in groups (``+32 470 12 34 56``, ``0470 12 34 56``): printed on one line."""

_LIST_MARK = re.compile(r"[-–•] ")
"""How a line of a paragraph starts when it is an item of a list; every item prints with one mark."""


def _protected(names: tuple[str, ...]) -> re.Pattern[str]:
    """What prints exactly as typed: the message's file names, email addresses, URLs, file-like tokens."""
    literal = [re.escape(name) for name in sorted(set(names), key=len, reverse=True) if name]
    return re.compile("|".join([*literal, _URL, _EMAIL, _FILE]))


_OPENING_SINGLE = re.compile(r"(?:^|(?<=[\s(\[«„“]))'(?=[^\W\d_])(?!(?:s|t|n|k)\b)")
"""A straight single quote that opens a quotation (``'en attente'``): not the elision of Dutch ``'s``,
``'t``, ``'n``, ``'k``, nor an apostrophe inside a word."""
_OPENING_DOUBLE = re.compile(r"(?:^|(?<=[\s(\[]))\"(?=\S)")

_FRENCH_SPACE = re.compile(r" (?=[:;?!»])|(?<=«) ")
"""French: the space before ``: ; ? ! »`` and after ``«``, which print as no-break spaces."""


def _typeset(text: str, language: Language | None = None, quotes: bool = True) -> str:
    """Typographic apostrophes and (``quotes``: in running text, not in a name or an address) quotes,
    a straight quote typed as a quotation mark printed as the language's marks; French no-break
    spaces; no line break inside a phone number or a date, nor between a number and its noun, label or
    sign."""
    if quotes and language is not None:
        opening, closing = language.quotes
        text = _OPENING_DOUBLE.sub(opening, text).replace('"', closing)
        text = _OPENING_SINGLE.sub("\u2018", text)
    text = text.replace("'", "\u2019")
    if language is not None and language.spaced_punctuation:
        text = _FRENCH_SPACE.sub(NBSP, text)
    text = _PHONE.sub(lambda found: found.group().replace(" ", NBSP), text)
    text = _ONE_LETTER_HYPHEN.sub(NO_BREAK_HYPHEN, text)
    for rule in (_NUMBER_NOUN, _SIGN_NUMBER, _LABEL_NUMBER, _NUMBER_SIGN, _DAY_MONTH, _MONTH_YEAR):
        text = rule.sub(NBSP, text)
    return text


class _Printer:
    """Turns a message's plain text into the text the letter prints."""

    def __init__(
        self, file_names: tuple[str, ...], language: Language | None = None, quotes: bool = True
    ) -> None:
        self.keep = _protected(file_names)
        self.language = language
        self.quotes = quotes

    def __call__(self, text: str) -> str:
        out: list[str] = []
        start = 0
        for found in self.keep.finditer(text):
            out += [_typeset(text[start : found.start()], self.language, self.quotes), found.group()]
            start = found.end()
        out.append(_typeset(text[start:], self.language, self.quotes))
        return "".join(out)

    def blocks(self, paragraph: str) -> list[dict[str, Any]]:
        """A paragraph as runs of lines and of list items (``- ``), each item's later lines indented."""
        runs: list[dict[str, Any]] = []
        for line in paragraph.split("\n"):
            item = _LIST_MARK.match(line)
            last = runs[-1] if runs else None
            if item:
                text = self(line[item.end() :])
                if last and last["kind"] == "list":
                    last["items"].append(text)
                else:
                    runs.append({"kind": "list", "items": [text]})
            elif last and last["kind"] == "list" and line[:1].isspace() and line.strip():
                last["items"][-1] += "\n" + self(line.strip())
            elif last and last["kind"] == "text":
                last["lines"].append(self(line))
            else:
                runs.append({"kind": "text", "lines": [self(line)]})
        return runs


def letter_data(
    message: Message, *, window: WindowSide = "right", registered: bool = False, compact: bool = False
) -> dict[str, Any]:
    """What the layout reads: plain strings and lists, nothing else, already set for print."""
    from ..languages import LANGUAGES

    language = LANGUAGES[message.language]
    printed = _Printer(tuple(a.name for a in message.attachments), language)
    named = _Printer((), language, quotes=False)  # a name or an address prints as typed
    return {
        "lang": message.language,
        "region": language.territory or None,
        "place_date_side": language.place_date_side,
        "justified": language.justified,
        "compact": compact,
        "font": FONT,
        "layout": asdict(LAYOUTS[window]),
        "sender": [named(line) for line in message.sender],
        "recipient": [named(line) for line in message.recipient],
        "registered": printed(message.registered_label) if registered else "",
        "place_date": printed(message.place_date),
        "subject_line": printed(message.subject_line),
        "subject": message.subject,
        "author": message.signature,
        "header": {
            "name": named(message.signature),
            "date": printed(message.day or message.place_date),
            "page_of": language.page_of,
            "subject": printed(message.subject),
        },
        "salutation": printed(message.salutation),
        "paragraphs": [printed.blocks(paragraph) for paragraph in message.paragraphs],
        "kept": _kept_with_closing(message.paragraphs),
        "closing": printed(message.closing),
        "signature": named(message.signature),
        "enclosures_label": printed(message.enclosures_label),
        "enclosures": [printed(item) for item in message.enclosures],
        "copies": [
            {
                "heading": printed(c.heading),
                "paragraphs": [printed(p) for p in c.text.split("\n\n") if p.strip()],
            }
            for c in message.copies
        ],
    }


KEPT_CHARACTERS = 240
"""About three lines of a letter: the last paragraphs that stay on the page of the closing."""

KEPT_AT_LEAST = 100
"""More than one short line: a one-line last paragraph (a formal notice's reserve of rights) brings the
paragraph before it along."""


def _kept_with_closing(paragraphs: tuple[str, ...]) -> int:
    """How many of the last paragraphs stay with the closing and the signature: the last one always,
    with the one before it when it is a single short line (never a page with only a reserve, the closing
    and the signature on it), and more while they add up to about three lines (so that a formal
    notice's deadline does not go to the next page with them)."""
    kept, length = 0, 0
    for paragraph in reversed(paragraphs):
        if kept and length + len(paragraph) > KEPT_CHARACTERS and length >= KEPT_AT_LEAST:
            break
        length += len(paragraph)
        kept += 1
    return kept


def _all_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "".join(_all_text(v) for v in value.values())
    if isinstance(value, list | tuple):
        return "".join(_all_text(v) for v in value)
    return ""


def page_count(pdf: bytes) -> int:
    """Pages of a PDF from Typst (each is one ``/Type/Page`` object)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf)) or 1


def render_pdf(
    message: Message,
    *,
    window: WindowSide = "right",
    registered: bool = False,
    today: date | None = None,
) -> bytes:
    """The letter as PDF bytes. ``today`` dates the document (repeatable output).

    A letter that runs over a page is set again a little tighter, and the
    tighter one is kept when it needs fewer pages.
    """
    import typst

    from ..render import templates_dir

    # A letter written as registered (a formal notice, a withdrawal) prints the mention however saved.
    registered = registered or bool(message.extra.get("registered"))
    data = letter_data(message, window=window, registered=registered)
    system_fonts = not all(_covered(c) for c in _all_text(data))
    folder = templates_dir()
    compiler = typst.Compiler(
        str(folder / "letter.typ"), root=str(folder), ignore_system_fonts=not system_fonts
    )
    stamp = datetime.combine(today or date.today(), time(12), tzinfo=UTC)

    def compile_with(values: dict[str, Any]) -> bytes:
        result = compiler.compile(
            format="pdf", sys_inputs={"data": json.dumps(values, ensure_ascii=False)}, timestamp=stamp
        )
        if not isinstance(result, bytes):
            raise TypeError("Typst returned no PDF")
        return result

    pdf = compile_with(data)
    pages = page_count(pdf)
    if pages > 1:
        tighter = compile_with({**data, "compact": True})
        if page_count(tighter) < pages:
            return tighter
    return pdf
