"""What the user typed reaches the .eml's headers and comes back exactly, with exactly our headers.

Python's email package decodes RFC 2047 words (``=?utf-8?q?…?=``) found in the values it is
given, and wrote their CR LF out as real line breaks: a name or a file name could add a ``Bcc:``
header or a second file name. Each value is read back here by Python's parser (policies
``default`` and ``compat32``) and by munpack, a second parser written in C.
"""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from alma_contact.drafts import DraftInvalid, validate
from alma_contact.export.eml import UnsafeHeader, eml_bytes
from alma_contact.render import Attachment, Message, build

from .conftest import EMAIL, FULL_NAME, DraftFactory, Runner
from .test_eml_munpack import needs_munpack

TODAY = date(2026, 11, 26)
WHEN = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)

INJECTION = "=?utf-8?q?a=0D=0ABcc:_evil=40x.com?="
"""An encoded CR LF then a Bcc header: the case of the report."""
OTHER_FILE = (
    "=?utf-8?q?a=0D=0AContent-Type:_text=2Fhtml;_name=3Dinvoice.html=0D=0A"
    "Content-Disposition:_attachment;_filename=3Dinvoice.html?=.pdf"
)
"""A longer file name that, decoded, names another file: a mail program would show "invoice.html"."""

TOP = ["From", "To", "Subject", "Date", "Content-Language", "X-Unsent", "MIME-Version"]
MULTIPART = sorted([*TOP, "Content-Type"])
SINGLE = sorted([*TOP, "Content-Type", "Content-Transfer-Encoding"])
TEXT_PART = sorted(["Content-Type", "Content-Transfer-Encoding"])
ATTACHMENT = sorted(["Content-Type", "Content-Disposition", "Content-Transfer-Encoding"])

FRAGMENTS = [
    "=?",
    "?=",
    INJECTION,
    "=?utf-8?b?DQpCY2M6IHhAeS5jb20=?=",
    "=?iso-8859-1?q?=E9?=",
    "=0D=0A",
    "%0D%0A",
    "Bcc: evil@x.com",
    'filename="evil.exe"',
    '"',
    '"quoted"',
    "<angle>",
    "\\",
    "'",
    ";",
    ":",
    "<",
    ">",
    "@",
    ",",
    "(",
    ")",
    "_",
    "é",
    "€",
    "Łukasz Şükrü",
    "😀",
    "\u00a0",
    "  ",
    " ",
    "x" * 90,
]
"""Pieces the email package or a mail program could misread, joined at random."""

_LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_CHARS = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters=_LINE_BREAKS)


def one_line(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """Text on one line, as the model gives it: no line break, no control character, trimmed."""
    pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(_CHARS, min_size=1, max_size=25))
    return st.lists(pieces, min_size=1, max_size=max_pieces).map("".join).map(str.strip).filter(bool)


def file_name() -> st.SearchStrategy[str]:
    """A file's name: one line, and no "/" (the name of a path, not a path)."""
    return one_line(6).filter(lambda name: "/" not in name)


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MUNPACK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _message(subject: str = "Objet", attachments: tuple[Attachment, ...] = ()) -> Message:
    return Message(
        channel="email",
        language="fr",
        to="support@almapay.com",
        subject=subject,
        subject_label="Objet :",
        salutation="Madame, Monsieur,",
        paragraphs=("Texte.",),
        closing="Cordialement,",
        signature="An",
        sender=("An",),
        recipient=(),
        place_date="",
        enclosures_label="Pièces jointes :",
        attachments=attachments,
        form_url="",
        form_labels={},
        form_fields={},
        registered_label="",
        body="Madame, Monsieur,\n\nTexte.\n",
    )


def _attachments(folder: Path, names: list[str]) -> tuple[Attachment, ...]:
    """One file per name, each with a content of its own; the name written is ``names[i]``."""
    found = []
    for index, name in enumerate(names):
        path = folder / f"file{index}.bin"
        path.write_bytes(f"content {index}\r\n".encode() + bytes(range(256)))
        found.append(Attachment(name, path.stat().st_size, "application/pdf", path))
    return tuple(found)


def parse(data: bytes) -> EmailMessage:
    parsed = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(parsed, EmailMessage)
    return parsed


def assert_exact_headers(data: bytes, attachments: int) -> EmailMessage:
    """Exactly the headers we write, once each, at the top and in every part; no parser defect."""
    parsed = parse(data)
    assert parsed.defects == []
    if not attachments:
        assert sorted(parsed.keys()) == SINGLE
        return parsed
    assert sorted(parsed.keys()) == MULTIPART
    parts = list(parsed.iter_parts())
    assert len(parts) == 1 + attachments
    assert sorted(parts[0].keys()) == TEXT_PART
    for part in parts[1:]:
        assert sorted(part.keys()) == ATTACHMENT
        assert part.defects == []
        assert part.get_content_type() == "application/pdf"
        assert part["Content-Transfer-Encoding"] == "base64"
    # the older parser and header decoder see the same headers
    old = email.message_from_bytes(data)
    assert sorted(old.keys()) == sorted(parsed.keys())
    return parsed


def assert_lines(data: bytes) -> None:
    """CRLF only, 7-bit; header lines of at most 78 characters, but a From holding one long word
    (a display name is never cut into several encoded words: see ``eml._phrase``)."""
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    head = data.split(b"\r\n\r\n", 1)[0]
    for line in head.split(b"\r\n"):
        assert line.isascii()
        assert len(line) <= 998
        if len(line) > 78:
            assert re.fullmatch(rb"From: =\?utf-8\?[bq]\?[^ ?]+\?=", line), line


def legacy_filename(name: str) -> str:
    """What ``EmailMessage.get_filename()`` (policy ``default``) gives for a name read back right: it
    unquotes the decoded name once more (``email.utils.unquote``), so ``"x"`` and ``<x>`` lose their
    ends. The header's ``params`` and policy ``compat32`` give the name itself."""
    return email.utils.unquote(name).strip()


def display(name: str) -> str:
    """A display name as written: each run of white space is one space (RFC 5322, 3.2.2)."""
    return " ".join(name.split())


def sender_of(parsed: EmailMessage) -> tuple[str, str]:
    (address,) = parsed["From"].addresses
    return address.display_name, address.addr_spec


def munpack(data: bytes) -> dict[str, tuple[str, bytes]]:
    """munpack's files: name -> (media type it printed, content)."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "m.eml").write_bytes(data)
        done = subprocess.run(
            ["munpack", "-C", folder, "m.eml"], capture_output=True, check=False, timeout=60
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        printed = dict(re.findall(r"^(.*) \((\S+)\)$", done.stdout.decode(), re.MULTILINE))
        return {
            path.name: (printed[path.name], path.read_bytes())
            for path in Path(folder).iterdir()
            if path.name != "m.eml" and not path.name.endswith(".desc")
        }


def munpack_name(written: str, found: str) -> bool:
    """munpack keeps a plain ASCII name, each character it dislikes turned into X; others: partN.

    Two names that it writes the same (``'`` and ``(`` are both ``X``) are told apart by a
    suffix on the second: ``X.1``.
    """
    if re.fullmatch(r"part\d+", found):
        return True
    again = re.fullmatch(r"(.+)\.[0-9]+", found)
    candidates = [found, again[1]] if again else [found]
    return any(
        len(name) == len(written) and all(f in (w, "X") for f, w in zip(name, written, strict=True))
        for name in candidates
    )


def assert_munpack_reads(data: bytes, attachments: tuple[Attachment, ...]) -> None:
    unpacked = munpack(data)
    assert len(unpacked) == len(attachments)
    by_content = {content: (name, kind) for name, (kind, content) in unpacked.items()}
    for attachment in attachments:
        name, kind = by_content[attachment.path.read_bytes()]
        assert kind == "application/pdf"
        assert munpack_name(attachment.name, name), (attachment.name, name)


# --- the cases of the report, through the command line ------------------------------------------


def _eml(run: Runner, draft: Path) -> bytes:
    out = draft.parent / "message.eml"
    result = run("render", draft, "--format", "eml", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    return out.read_bytes()


@pytest.mark.parametrize("file_name", [INJECTION + ".pdf", OTHER_FILE])
def test_encoded_words_in_an_evidence_file_name(
    draft_file: DraftFactory, run: Runner, file_name: str
) -> None:
    draft = draft_file({file_name: b"%PDF-1.4 the user's own file", "plain.pdf": b"%PDF-1.4 other"})
    data = _eml(run, draft)
    assert not re.search(rb"(?im)^(bcc|content-[a-z]+):.*(evil|invoice)", data)
    parsed = assert_exact_headers(data, attachments=2)
    names = [part.get_filename() for part in parsed.iter_attachments()]
    assert names == [file_name, "plain.pdf"]
    old = email.message_from_bytes(data)
    assert [part.get_filename() for part in old.walk() if part.get_filename()] == names
    assert [email.utils.collapse_rfc2231_value(p.get_param("name")) for p in old.get_payload()[1:]] == names


@needs_munpack
@pytest.mark.parametrize("file_name", [INJECTION + ".pdf", OTHER_FILE])
def test_munpack_reads_encoded_words_in_a_file_name_as_one_file(
    draft_file: DraftFactory, run: Runner, file_name: str
) -> None:
    content = b"%PDF-1.4 the user's own file"
    unpacked = munpack(_eml(run, draft_file({file_name: content})))
    assert list(unpacked.values()) == [("application/pdf", content)]
    (name,) = unpacked
    assert munpack_name(file_name, name)


def _with_transaction(text: str, key: str, value: str) -> str:
    old = {"order_number": '"CMD-42"', "merchant": '"Æsa & Fils"'}[key]
    assert f"{key} = {old}" in text
    return text.replace(f"{key} = {old}", f"{key} = {json.dumps(value)}")


@pytest.mark.parametrize("key", ["order_number", "merchant", "first_name", "last_name"])
@pytest.mark.parametrize("evidence", [False, True])
def test_encoded_words_in_a_field_add_no_header(
    draft_file: DraftFactory, run: Runner, rendered_json, key: str, evidence: bool
) -> None:
    """On Python 3.11 these added a top-level Bcc: header, or ended the header block."""
    value = f"X {INJECTION} Y"
    files = {"scan.pdf": b"%PDF-1.4"} if evidence else None
    if key in ("first_name", "last_name"):
        draft = draft_file(files, **{key: value})
    else:
        draft = draft_file(files)
        draft.write_text(_with_transaction(draft.read_text("utf-8"), key, value), encoding="utf-8")
    data = _eml(run, draft)
    assert not re.search(rb"(?im)^bcc:", data)
    assert_lines(data)
    parsed = assert_exact_headers(data, attachments=1 if evidence else 0)
    expected = rendered_json(draft)["subject"]
    assert str(parsed["Subject"]) == expected
    name, address = sender_of(parsed)
    assert address == EMAIL
    if key in ("first_name", "last_name"):
        assert value in name
    else:
        assert value in expected
        assert name == FULL_NAME
    old = email.message_from_bytes(data)
    assert str(make_header(decode_header(old["Subject"]))) == expected


# --- properties: any one-line text, in every header a user's text reaches -----------------------


@PROPERTY
@given(subject=one_line(), name=one_line(), file_names=st.lists(file_name(), max_size=3, unique=True))
def test_any_text_comes_back_exactly(subject: str, name: str, file_names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        attachments = _attachments(Path(folder), file_names)
        data = eml_bytes(_message(subject, attachments), name=name, address=EMAIL, when=WHEN)
        assert_lines(data)
        parsed = assert_exact_headers(data, attachments=len(file_names))
        assert str(parsed["Subject"]) == subject
        assert sender_of(parsed) == (display(name), EMAIL)
        assert parsed["To"].addresses[0].addr_spec == "support@almapay.com"
        got = [
            (part["Content-Disposition"].params["filename"], part["Content-Type"].params["name"])
            for part in parsed.iter_attachments()
        ]
        assert got == [(file_name, file_name) for file_name in file_names]
        for part, attachment in zip(parsed.iter_attachments(), attachments, strict=True):
            assert part.get_payload(decode=True) == attachment.path.read_bytes()
            assert part.get_filename() == legacy_filename(attachment.name)
        old = email.message_from_bytes(data)
        assert str(make_header(decode_header(old["Subject"]))) == subject
        assert [p.get_filename() for p in old.walk() if p.get_filename() is not None] == file_names


@needs_munpack
@MUNPACK
@given(file_names=st.lists(file_name(), min_size=1, max_size=3, unique=True), name=one_line())
@example(file_names=["'", "("], name="An")  # two names munpack writes the same: X, then X.1
def test_munpack_finds_each_file_whatever_its_name(file_names: list[str], name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        attachments = _attachments(Path(folder), file_names)
        data = eml_bytes(_message(INJECTION, attachments), name=name, address=EMAIL, when=WHEN)
        assert_munpack_reads(data, attachments)


_MODEL_FIELDS = ("first_name", "last_name", "order_number", "merchant")


@PROPERTY
@given(
    values=st.fixed_dictionaries({key: one_line(5) for key in _MODEL_FIELDS}),
    language=st.sampled_from(["fr", "nl"]),
)
def test_any_typed_field_reaches_the_headers_exactly(values: dict[str, str], language: str) -> None:
    """Through the model and the wording: the subject and the sender's name, both Pythons alike."""
    data = {
        "language": language,
        "channel": "email",
        "request": "payment_issue",
        "details": {"issue": "refused"},
        "description": "Mon paiement a été refusé sans raison.",
        "customer": {"first_name": values["first_name"], "last_name": values["last_name"], "email": EMAIL},
        "transaction": {
            "amount": "12,50",
            "date": "2/11/2026",
            "order_number": values["order_number"],
            "merchant": values["merchant"],
        },
    }
    try:
        draft = validate(data, Path("/nonexistent-alma-contact-test-folder"), TODAY)
    except DraftInvalid:
        assume(False)  # a value the model refuses never reaches the email
        return
    message = build(draft, today=TODAY)
    written = eml_bytes(message, name=draft.customer.full_name, address=EMAIL, when=WHEN)
    assert_lines(written)
    parsed = assert_exact_headers(written, attachments=0)
    assert str(parsed["Subject"]) == message.subject
    assert draft.transaction.merchant is not None and draft.transaction.merchant in message.subject
    assert sender_of(parsed) == (display(draft.customer.full_name), EMAIL)
    assert parsed["Content-Language"] == language


# --- what cannot be written ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "=?utf-8?q?a=0D=0ABcc=3A_x=40y=2Ecom?=@example.com",
        "an <x@example.com>",
        "x@example.com, y@example.com",
        "é@example.com",
    ],
)
def test_an_address_that_a_parser_could_misread_is_refused(address: str) -> None:
    """Addresses cannot be encoded: one a parser would decode or split is refused, nothing written."""
    with pytest.raises(UnsafeHeader):
        eml_bytes(_message(), name="An", address=address, when=WHEN)
    with pytest.raises(UnsafeHeader):
        eml_bytes(replace(_message(), to=address), name="An", address=EMAIL, when=WHEN)


def test_a_made_up_media_type_is_sent_as_plain_bytes(tmp_path: Path) -> None:
    (attachment,) = _attachments(tmp_path, ["x.pdf"])
    odd = replace(attachment, media_type="text/plain\r\nBcc: x@example.com")
    data = eml_bytes(_message("Objet", (odd,)), name="An", address=EMAIL, when=WHEN)
    assert not re.search(rb"(?im)^bcc:", data)
    (part,) = parse(data).iter_attachments()
    assert part.get_content_type() == "application/octet-stream"


def test_plain_values_stay_readable(tmp_path: Path) -> None:
    """What no parser can misread is written as it is (as before), and folded between words."""
    attachments = _attachments(tmp_path, ["notes CRLF.txt"])
    subject = "Paiement refuse - commande CMD-42 chez un marchand au nom assez long pour plier la ligne"
    data = eml_bytes(_message(subject, attachments), name="An Peeters", address=EMAIL, when=WHEN)
    head = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert f"From: An Peeters <{EMAIL}>\r\n" in head
    assert (
        "Subject: Paiement refuse - commande CMD-42 chez un marchand au nom assez long\r\n pour plier la ligne\r\n"
        in head
    )
    assert 'filename="notes CRLF.txt"' in data.decode("ascii")
    assert "To: support@almapay.com\r\n" in head
    assert "Content-Language: fr\r\n" in head


@needs_munpack
def test_munpack_keeps_a_plain_file_name(tmp_path: Path) -> None:
    attachments = _attachments(tmp_path, ["statement-2026.pdf"])
    unpacked = munpack(eml_bytes(_message("Objet", attachments), name="An", address=EMAIL, when=WHEN))
    assert list(unpacked) == ["statement-2026.pdf"]


# --- a third reader, ripmime, which reads RFC 2231 names (munpack does not) ------------------------

needs_ripmime = pytest.mark.skipif(
    shutil.which("ripmime") is None and not os.environ.get("CI"),
    reason="ripmime is not installed (Debian: apt-get install ripmime); CI installs it",
)

RIPMIME_NAMES = [
    INJECTION + ".pdf",
    "relevé bancaire (copie) – octobre.pdf",
    'facture "mars" =?x?= ; name=autre.pdf',
    "Ærøskøbing ñ 東京 " + "long " * 18 + "fin.pdf",
]
"""Names under 128 bytes: ripmime cuts longer ones at its own limit (Python's reader, above, takes
names up to the 255 bytes a file name can have)."""


@needs_ripmime
@pytest.mark.parametrize("file_name", RIPMIME_NAMES)
def test_ripmime_finds_each_file_under_exactly_the_name_typed(
    draft_file: DraftFactory, run: Runner, file_name: str
) -> None:
    content = b"%PDF-1.4 the user's own file"
    data = _eml(run, draft_file({file_name: content}))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "m.eml").write_bytes(data)
        out = Path(folder) / "out"
        out.mkdir()
        done = subprocess.run(
            ["ripmime", "-i", str(Path(folder) / "m.eml"), "-d", str(out), "--no-nameless"],
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        found = {path.name: path.read_bytes() for path in out.iterdir()}
    assert len(file_name.encode()) < 128
    assert found == {file_name: content}
