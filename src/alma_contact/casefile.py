"""The case file: everything about a request in one document, for ECC Belgium or a mediator.

A cover page (who, against whom, what is claimed, the transaction, the dates), then every message
and answer in date order with its full text as sent, then the evidence list (file name,
description, size, SHA-256). The same content as Markdown (:func:`case_markdown`), as a PDF
through Typst (:func:`case_pdf`, layout ``templates/case.typ``) and as a zip with the PDF, the
evidence files and the answers' files (:func:`case_zip`).

Labels are in the interface language; the messages stay as they were sent, in their own
language. Everything the user typed is data: Typst receives it as one JSON input, never pasted
into markup; Markdown gets it escaped, or in a fence longer than any run of backticks in it.

No Textual here.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO

from .caselines import DEBITED
from .cases import KIND_LABELS, STATE_LABELS, Answer, Case, Enclosed, SentMessage
from .formats import UI_LOCALES, file_size, interface_amount, interface_day
from .i18n import N_, translate

if TYPE_CHECKING:
    from .store import Store

TITLE = N_("Case file")
REQUEST = N_("Request {ref}")
MADE_ON = N_("Made on {date}")
CUSTOMER = N_("Customer")
AGAINST = N_("Against")
CLAIMED = N_("What is claimed")
SUBJECT = N_("Subject")
TRANSACTION = N_("Transaction")
AMOUNT = N_("Amount")
TRANSACTION_DATE = N_("Date of the transaction")
ORDER = N_("Order number")
MERCHANT = N_("Merchant")
DATES = N_("Dates")
STATE = N_("State")
DATE_LINE = N_("{date}: {what}")
SENT_WHAT = N_("{kind} ({channel})")
ANSWER_WHAT = N_("answer received")
CLOSED_WHAT = N_("case closed ({state})")
TIMELINE = N_("Messages and answers")
MESSAGE_HEADING = N_("Message {number}: {kind}")
ANSWER_HEADING = N_("Answer {number}")
CLOSED_HEADING = N_("Closed")
DATE = N_("Date")
CHANNEL = N_("Channel")
REGISTERED = N_("{channel}, registered letter")
LANGUAGE = N_("Language")
DEADLINE = N_("Deadline given")
DEADLINE_VALUE = N_("{days} days, until {date}")
TEXT_AS_SENT = N_("The text as sent")
NOTE = N_("Note")
ANSWER_FILE = N_("File kept")
ANSWER_FILE_TEXT = N_("The file as received")
EVIDENCE = N_("Evidence")
EVIDENCE_OF = N_("Message {number} of {date}")
ANSWER_FILES = N_("Files kept with the answers")
FILE = N_("File")
DESCRIPTION = N_("Description")
SIZE = N_("Size")
SHA256 = N_("SHA-256")
NO_EVIDENCE = N_("No evidence was sent with this message.")
NONE_GIVEN = N_("not given")

README_INTRO = N_(
    "Case file of request {ref}, made on {date}: the case file (PDF), the evidence sent with each message "
    "and the files kept with the answers."
)
README_CHECK = N_("The SHA-256 of each file is listed in the case file; a file can be checked against it.")
README_LEFT_OUT = N_("Left out:")
CHANGED = N_("{name} (message {number}): the file changed since it was sent; its SHA-256 no longer matches.")
GONE = N_("{name} (message {number}): the file is no longer where it was ({path}).")
NOTHING_LEFT_OUT = N_("Every file is included.")

ANSWER_TEXT_LIMIT = 200_000
"""An answer's file longer than this (in bytes) is not copied into the Markdown case file."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")


def one_line(value: object) -> str:
    """A value typed by the user, on one line and without control characters."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return _CONTROL.sub("\ufffd", _BREAKS.sub(" ", text)).strip()


def block_text(value: str) -> str:
    """A long text kept with its line breaks, without other control characters."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", text)


# --- what the case file says -------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceRow:
    name: str
    description: str
    size: str
    sha256: str


@dataclass(frozen=True)
class Entry:
    """A message, an answer or the closing, in date order."""

    heading: str
    fields: tuple[Row, ...]
    text_label: str = ""
    text: str = ""
    file_text: str = ""
    """Markdown only: an answer's file, when it is text."""


@dataclass(frozen=True)
class EvidenceGroup:
    heading: str
    files: tuple[EvidenceRow, ...]
    empty: str = ""


@dataclass
class Outline:
    """The case file's content, in the interface language, before any format."""

    lang: str
    title: str
    subtitle: str
    made: str
    header: str
    cover: list[Row] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    evidence: list[EvidenceGroup] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)


def _customer_lines(customer: Mapping[str, Any], lang: str) -> tuple[str, ...]:
    from babel import Locale

    name = one_line(f"{one_line(customer.get('first_name'))} {one_line(customer.get('last_name'))}")
    town = one_line(f"{one_line(customer.get('postal_code'))} {one_line(customer.get('city'))}")
    code = one_line(customer.get("country")) or "BE"
    country = Locale.parse(UI_LOCALES.get(lang, "en_BE")).territories.get(code.upper(), code)
    lines = [name, one_line(customer.get("street")), town, country if town else ""]
    lines += [one_line(customer.get("email")), _phone(one_line(customer.get("phone")))]
    return tuple(line for line in lines if line)


def _phone(typed: str) -> str:
    """The phone as the messages write it (``+32 470 12 34 56``), or as typed if it cannot be read."""
    from pydantic_core import PydanticCustomError

    from .parsing import format_phone, parse_phone

    if not typed:
        return ""
    try:
        return format_phone(parse_phone(typed))
    except (PydanticCustomError, ValueError):
        return typed


def _amount(value: object, lang: str) -> str:
    from babel.numbers import format_currency

    from .parsing import parse_amount

    try:
        amount = parse_amount(value, suggest=False)
    except (ValueError, ArithmeticError):  # a Pydantic error is a ValueError
        return one_line(value)
    return str(format_currency(amount, "EUR", locale=UI_LOCALES.get(lang, "en_BE")))


def _day(value: object, lang: str, today: date) -> str:
    from .parsing import parse_date

    try:
        day = parse_date(value, today=today)
    except (ValueError, IndexError):
        return one_line(value)
    return interface_day(day, lang)


def claim_of(message: SentMessage) -> str:
    """The first paragraph after the salutation of a message (its claim), or the empty string."""
    from .languages import LANGUAGES

    language = LANGUAGES.get(message.language)
    text = block_text(message.text)
    salutation = language.salutation.get(message.channel, "") if language else ""
    at = text.find(salutation) if salutation else -1
    if at < 0:
        return ""
    rest = text[at + len(salutation) :]
    for paragraph in re.split(r"\n\s*\n", rest):
        if paragraph.strip():
            return " ".join(line.strip() for line in paragraph.strip().splitlines())
    return ""


def _channel(message: SentMessage, lang: str) -> str:
    from . import registry

    try:
        label = translate(lang, registry.channel(message.channel).label)
    except KeyError:
        label = one_line(message.channel)
    return translate(lang, REGISTERED, channel=label) if message.registered else label


def _language(code: str, lang: str) -> str:
    from .languages import LANGUAGES

    language = LANGUAGES.get(code)
    return translate(lang, language.label) if language else one_line(code)


def _kind(kind: str, lang: str) -> str:
    return translate(lang, KIND_LABELS[kind]) if kind in KIND_LABELS else one_line(kind)


def _evidence_row(item: Enclosed, lang: str) -> EvidenceRow:
    return EvidenceRow(
        name=one_line(item.name),
        description=one_line(item.description),
        size=file_size(item.size, lang),
        sha256=one_line(item.sha256),
    )


def _timeline(case: Case) -> list[tuple[date, int, int, SentMessage | Answer | None]]:
    """Messages, answers and the closing in date order (on one day: messages, answers, the closing)."""
    events: list[tuple[date, int, int, SentMessage | Answer | None]] = []
    events += [(m.day, 0, m.number, m) for m in case.messages]
    events += [(a.day, 1, a.number, a) for a in case.answers]
    if case.closed is not None and not case.is_open:
        events.append((case.closed, 2, 0, None))
    return sorted(events, key=lambda event: event[:3])


def outline(
    case: Case, lang: str, *, today: date, answers_files: Mapping[int, bytes] | None = None
) -> Outline:
    """What the case file says, in the interface language ``lang``."""
    from .contacts import company

    def t(message: str, **params: object) -> str:
        return translate(lang, message, **params)

    def day(value: date) -> str:
        return interface_day(value, lang)

    document = case.document
    customer = document.get("customer")
    customer = customer if isinstance(customer, Mapping) else {}
    transaction = document.get("transaction")
    transaction = transaction if isinstance(transaction, Mapping) else {}
    alma = company()
    name = one_line(f"{one_line(customer.get('first_name'))} {one_line(customer.get('last_name'))}")
    result = Outline(
        lang=lang,
        title=t(TITLE),
        subtitle=t(REQUEST, ref=case.ref),
        made=t(MADE_ON, date=day(today)),
        header=" · ".join(part for part in (t(TITLE), case.ref, name, alma.name) if part),
    )
    claim = claim_of(case.first)
    result.cover = [
        Row(t(CUSTOMER), _customer_lines(customer, lang)),
        Row(t(AGAINST), (alma.name, *alma.registered_office, alma.register)),
        Row(t(CLAIMED), (one_line(case.first.subject), *((claim,) if claim else ()))),
        Row(
            t(TRANSACTION),
            tuple(
                f"{t(label)}: {value}"
                for label, value in (
                    (AMOUNT, _amount(transaction.get("amount"), lang) if transaction.get("amount") else ""),
                    (
                        TRANSACTION_DATE,
                        _day(transaction.get("date"), lang, today) if transaction.get("date") else "",
                    ),
                    (ORDER, one_line(transaction.get("order_number"))),
                    (MERCHANT, one_line(transaction.get("merchant"))),
                )
                if value
            )
            or (t(NONE_GIVEN),),
        ),
    ]
    dates: list[str] = []
    for when, _, _, event in _timeline(case):
        if isinstance(event, SentMessage):
            what = t(SENT_WHAT, kind=_kind(event.kind, lang), channel=_channel(event, lang))
        elif isinstance(event, Answer):
            what = t(ANSWER_WHAT)
        else:
            what = t(CLOSED_WHAT, state=t(STATE_LABELS.get(case.state, case.state)))
        dates.append(t(DATE_LINE, date=day(when), what=what))
    result.cover.append(Row(t(DATES), tuple(dates)))
    result.cover.append(Row(t(STATE), (t(STATE_LABELS.get(case.state, case.state)),)))

    files = answers_files or {}
    for _, _, _, event in _timeline(case):
        if isinstance(event, SentMessage):
            fields = [
                Row(t(DATE), (day(event.day),)),
                Row(t(CHANNEL), (_channel(event, lang),)),
                Row(t(LANGUAGE), (_language(event.language, lang),)),
                Row(t(SUBJECT), (one_line(event.subject),)),
            ]
            if event.due is not None:
                fields.append(
                    Row(t(DEADLINE), (t(DEADLINE_VALUE, days=event.deadline_days, date=day(event.due)),))
                )
            if event.debited is not None:
                fields.append(Row(t(DEBITED), (interface_amount(event.debited, lang),)))
            result.entries.append(
                Entry(
                    t(MESSAGE_HEADING, number=event.number, kind=_kind(event.kind, lang)),
                    tuple(fields),
                    t(TEXT_AS_SENT),
                    block_text(event.text),
                )
            )
        elif isinstance(event, Answer):
            fields = [Row(t(DATE), (day(event.day),))]
            file_text = ""
            if event.file_name:
                size = file_size(event.file_size or 0, lang)
                fields.append(Row(t(ANSWER_FILE), (f"{one_line(event.file_name)} ({size})",)))
                data = files.get(event.number)
                if data is not None and len(data) <= ANSWER_TEXT_LIMIT:
                    try:
                        file_text = block_text(data.decode("utf-8"))
                    except UnicodeDecodeError:
                        file_text = ""
            result.entries.append(
                Entry(
                    t(ANSWER_HEADING, number=event.number),
                    tuple(fields),
                    t(NOTE) if event.note else "",
                    block_text(event.note),
                    file_text,
                )
            )
        else:
            closed = case.closed or today
            fields = [
                Row(t(DATE), (day(closed),)),
                Row(t(STATE), (t(STATE_LABELS.get(case.state, case.state)),)),
            ]
            note = block_text(case.close_note)
            result.entries.append(Entry(t(CLOSED_HEADING), tuple(fields), t(NOTE) if note else "", note))

    for message in case.messages:
        result.evidence.append(
            EvidenceGroup(
                t(EVIDENCE_OF, number=message.number, date=day(message.day)),
                tuple(_evidence_row(item, lang) for item in message.evidence),
                t(NO_EVIDENCE),
            )
        )
    kept = tuple(
        EvidenceRow(
            name=one_line(a.file_name),
            description=t(ANSWER_HEADING, number=a.number),
            size=file_size(a.file_size or 0, lang),
            sha256=one_line(a.sha256),
        )
        for a in case.answers
        if a.file_name
    )
    if kept:
        result.evidence.append(EvidenceGroup(t(ANSWER_FILES), kept))
    result.labels = {
        "timeline": t(TIMELINE),
        "evidence": t(EVIDENCE),
        "file": t(FILE),
        "description": t(DESCRIPTION),
        "size": t(SIZE),
        "sha256": t(SHA256),
        "file_text": t(ANSWER_FILE_TEXT),
    }
    return result


# --- Markdown ----------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&$])")
"""What may start markup anywhere in a line (emphasis, code, links, HTML, entities, tables, math)."""
_MARKDOWN_START = re.compile(r"^(\s*)([-+=:]|\d+(?=[.)]))")
"""What starts a list, a heading underline or a numbered item at the start of a value."""


def md_escape(text: str) -> str:
    """A one-line value as Markdown that shows it literally."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))
    found = _MARKDOWN_START.match(escaped)
    if found is None:
        return escaped
    if found.group(2)[0].isdigit():  # 1. or 1) : escape the mark after the number
        end = found.end()
        return escaped[:end] + "\\" + escaped[end:]
    return escaped[: found.start(2)] + "\\" + escaped[found.start(2) :]


def md_fence(text: str, info: str = "text") -> str:
    """A fenced block that ``text`` cannot close: the fence is longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"


def case_markdown(
    case: Case, lang: str, *, today: date, answers_files: Mapping[int, bytes] | None = None
) -> str:
    """The case file as Markdown, in the interface language ``lang``."""
    found = outline(case, lang, today=today, answers_files=answers_files)
    out = [f"# {md_escape(found.title)}: {md_escape(found.subtitle)}", "", md_escape(found.made), ""]
    for row in found.cover:
        out += [f"## {md_escape(row.label)}", ""]
        out += [f"- {md_escape(line)}" for line in row.lines]
        out.append("")
    out += [f"## {md_escape(found.labels['timeline'])}", ""]
    for entry in found.entries:
        out += [f"### {md_escape(entry.heading)}", ""]
        for row in entry.fields:
            out.append(f"- **{md_escape(row.label)}**: {md_escape(' '.join(row.lines))}")
        out.append("")
        if entry.text:
            out += [f"{md_escape(entry.text_label)}:", "", md_fence(entry.text), ""]
        if entry.file_text:
            out += [f"{md_escape(found.labels['file_text'])}:", "", md_fence(entry.file_text), ""]
    out += [f"## {md_escape(found.labels['evidence'])}", ""]
    labels = found.labels
    for group in found.evidence:
        out += [f"### {md_escape(group.heading)}", ""]
        if not group.files:
            out += [md_escape(group.empty), ""]
            continue
        out.append(
            f"| {md_escape(labels['file'])} | {md_escape(labels['description'])} | "
            f"{md_escape(labels['size'])} | {md_escape(labels['sha256'])} |"
        )
        out.append("| --- | --- | --- | --- |")
        for item in group.files:
            out.append(
                f"| {md_escape(item.name)} | {md_escape(item.description)} | {md_escape(item.size)} | "
                f"`{item.sha256 if re.fullmatch(r'[0-9a-f]*', item.sha256) else md_escape(item.sha256)}` |"
            )
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --- PDF ---------------------------------------------------------------------------------------


def pdf_data(found: Outline) -> dict[str, Any]:
    """What ``templates/case.typ`` reads: plain strings and lists only."""
    from .export.pdf import FONT

    def rows(items: tuple[Row, ...] | list[Row]) -> list[dict[str, Any]]:
        return [{"label": row.label, "lines": list(row.lines)} for row in items]

    return {
        "lang": found.lang,
        "font": FONT,
        "title": found.title,
        "subtitle": found.subtitle,
        "made": found.made,
        "header": found.header,
        "cover": rows(found.cover),
        "labels": found.labels,
        "entries": [
            {
                "heading": entry.heading,
                "fields": rows(entry.fields),
                "text_label": entry.text_label,
                "text": entry.text,
            }
            for entry in found.entries
        ],
        "evidence": [
            {
                "heading": group.heading,
                "empty": group.empty,
                "files": [
                    {"name": f.name, "description": f.description, "size": f.size, "sha256": f.sha256}
                    for f in group.files
                ],
            }
            for group in found.evidence
        ],
    }


def case_pdf(case: Case, lang: str, *, today: date) -> bytes:
    """The case file as PDF bytes (Typst, ``templates/case.typ``); ``today`` dates it (repeatable output)."""
    import typst

    from .export.pdf import _covered as covered
    from .render import templates_dir

    data = pdf_data(outline(case, lang, today=today))
    text = json.dumps(data, ensure_ascii=False)
    folder = templates_dir()
    compiler = typst.Compiler(
        str(folder / "case.typ"), root=str(folder), ignore_system_fonts=all(covered(c) for c in text)
    )
    stamp = datetime.combine(today, time(12), tzinfo=UTC)
    result = compiler.compile(format="pdf", sys_inputs={"data": text}, timestamp=stamp)
    if not isinstance(result, bytes):
        raise TypeError("Typst returned no PDF")
    return result


# --- zip ---------------------------------------------------------------------------------------


def _member_name(name: str, taken: set[str], folder: str) -> str:
    """A safe name inside the zip: the file's own name only, no folder, unique in ``folder``."""
    base = one_line(PurePosixPath(name.replace("\\", "/")).name).lstrip(".") or "file"
    stem, dot, suffix = base.rpartition(".")
    candidate, n = f"{folder}/{base}", 1
    while candidate in taken:
        n += 1
        candidate = f"{folder}/{stem}-{n}.{suffix}" if dot and stem else f"{folder}/{base}-{n}"
    taken.add(candidate)
    return candidate


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def case_zip(case: Case, lang: str, *, today: date, target: Path, store: Store, force: bool = False) -> None:
    """A zip of the case file (PDF), the evidence of every message and the answers' files, written
    atomically with mode 0600; a file that changed or is gone is left out and listed in README.txt.
    Raises :class:`~alma_contact.export.save.SaveError` when ``target`` cannot be written (or exists
    without ``force``)."""
    from .export.save import save

    pdf = case_pdf(case, lang, today=today)
    stamp = (today.year, today.month, today.day, 12, 0, 0)

    def add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.external_attr = 0o600 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, data)

    def write(stream: BinaryIO) -> None:
        buffer = io.BytesIO()
        left_out: list[str] = []
        taken: set[str] = set()
        with zipfile.ZipFile(buffer, "w") as archive:
            add(archive, f"case-{case.id}.pdf", pdf)
            for message in case.messages:
                for item in message.evidence:
                    path = Path(item.path)
                    if not path.is_absolute():
                        path = case.base_dir / path
                    data = _read(path)
                    if data is None:
                        left_out.append(
                            translate(
                                lang,
                                GONE,
                                name=one_line(item.name),
                                number=message.number,
                                path=one_line(str(path)),
                            )
                        )
                    elif hashlib.sha256(data).hexdigest() != item.sha256:
                        left_out.append(
                            translate(lang, CHANGED, name=one_line(item.name), number=message.number)
                        )
                    else:
                        add(
                            archive,
                            _member_name(item.name, taken, f"evidence/message-{message.number}"),
                            data,
                        )
            for answer in case.answers:
                if not answer.file_name:
                    continue
                kept = store.answer_file(case.id, answer.number)
                if kept is not None:
                    add(
                        archive,
                        _member_name(answer.file_name, taken, f"answers/answer-{answer.number}"),
                        kept,
                    )
            readme = [
                translate(lang, README_INTRO, ref=case.ref, date=interface_day(today, lang)),
                translate(lang, README_CHECK),
                "",
            ]
            if left_out:
                readme += [translate(lang, README_LEFT_OUT), *(f"- {line}" for line in left_out)]
            else:
                readme.append(translate(lang, NOTHING_LEFT_OUT))
            add(archive, "README.txt", ("\n".join(readme) + "\n").encode("utf-8"))
        stream.write(buffer.getvalue())

    save(write, target, force=force)
