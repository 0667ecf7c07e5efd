"""The .eml file: read back by two parsers, every attachment byte for byte, CRLF, no header injection."""

from __future__ import annotations

import base64
import email
import email.policy
import errno
import os
import re
import subprocess
import sys
import tracemalloc
from dataclasses import replace
from datetime import date
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from io import BytesIO
from pathlib import Path

import pytest

from alma_contact.drafts import load
from alma_contact.export.eml import HeaderLineBreak, eml_bytes, write_eml
from alma_contact.export.save import save
from alma_contact.render import build

from .conftest import DESCRIPTION, EMAIL, EVIDENCE, FULL_NAME, DraftFactory, Runner

MB = 1024 * 1024


def _lf(text: str) -> str:
    """Text parts come back with the file's CRLF line ends."""
    return text.replace("\r\n", "\n")


def _eml(run: Runner, draft: Path, *args: str) -> bytes:
    out = draft.parent / "message.eml"
    result = run("render", draft, "--format", "eml", "-o", out, *args)
    assert result.returncode == 0, result.stderr.decode()
    return out.read_bytes()


def test_modern_parser_reads_everything_back(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    draft = draft_file(EVIDENCE)
    expected = rendered_json(draft)
    parsed = email.message_from_bytes(_eml(run, draft), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed.defects == []
    assert parsed["To"].addresses[0].addr_spec == "support@almapay.com"
    sender = parsed["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == (FULL_NAME, EMAIL)
    assert str(parsed["Subject"]) == expected["subject"]
    assert parsed["X-Unsent"] == "1"
    assert parsed["MIME-Version"] == "1.0"
    assert parsedate_to_datetime(parsed["Date"]).tzinfo is not None
    body = parsed.get_body(preferencelist=("plain",))
    assert body is not None
    assert body["Content-Transfer-Encoding"] == "quoted-printable"
    assert body.get_content_charset() == "utf-8"
    assert _lf(body.get_content()) == expected["body"]
    assert DESCRIPTION in _lf(body.get_content())
    attached = {part.get_filename(): part.get_payload(decode=True) for part in parsed.iter_attachments()}
    assert attached == EVIDENCE
    for part in parsed.iter_attachments():
        assert part.get_content_disposition() == "attachment"
        assert part.get_all("Content-Transfer-Encoding") == ["base64"]


def test_compat32_parser_reads_the_same(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    """The older parser (policy compat32) decodes headers and RFC 2231 names by other code."""
    draft = draft_file(EVIDENCE)
    expected = rendered_json(draft)
    parsed = email.message_from_bytes(_eml(run, draft))
    assert isinstance(parsed, Message)
    assert parsed.is_multipart()
    encoded_name, address = parseaddr(parsed["From"])
    assert (str(make_header(decode_header(encoded_name))), address) == (FULL_NAME, EMAIL)
    assert str(make_header(decode_header(parsed["Subject"]))) == expected["subject"]
    parts = parsed.get_payload()
    assert isinstance(parts, list)
    text, *files = parts
    assert text.get_content_type() == "text/plain"
    assert text.get_payload(decode=True).decode("utf-8").replace("\r\n", "\n") == expected["body"]
    assert {part.get_filename(): part.get_payload(decode=True) for part in files} == EVIDENCE
    # the Content-Type "name", for mail programs that do not read Content-Disposition
    names = {email.utils.collapse_rfc2231_value(part.get_param("name")) for part in files}
    assert names == set(EVIDENCE)


def test_media_types(draft_file: DraftFactory, run: Runner) -> None:
    parsed = email.message_from_bytes(_eml(run, draft_file(EVIDENCE)), policy=email.policy.default)
    types = {part.get_filename(): part.get_content_type() for part in parsed.iter_attachments()}
    assert types["relevé de compte (novembre).pdf"] == "application/pdf"
    assert types["capture d'écran 1.png"] == "image/png"
    assert types["notes CRLF.txt"] == "text/plain"
    # message/* may not be base64 (RFC 2046): a saved email goes as a plain file
    assert types["confirmation commande.eml"] == "application/octet-stream"


def test_crlf_line_ends_and_line_lengths(draft_file: DraftFactory, run: Runner) -> None:
    data = _eml(run, draft_file(EVIDENCE))
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 78
    assert all(line.isascii() for line in lines)  # 7-bit clean: nothing for a server to re-encode
    head = data.split(b"\r\n\r\n", 1)[0]
    assert b"X-Unsent: 1\r\n" in head


def test_no_attachments_is_a_single_text_part(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    draft = draft_file()
    parsed = email.message_from_bytes(_eml(run, draft), policy=email.policy.default)
    assert parsed.get_content_type() == "text/plain"
    assert parsed["Content-Transfer-Encoding"] == "quoted-printable"
    assert _lf(parsed.get_content()) == rendered_json(draft)["body"]
    assert parsed["X-Unsent"] == "1"


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("evidence", [{}, EVIDENCE], ids=["no attachment", "attachments"])
def test_content_language_with_and_without_attachments(
    draft_file: DraftFactory, run: Runner, language: str, evidence: dict[str, bytes]
) -> None:
    """The message's language is said at the top, once; set_content() used to remove it."""
    data = _eml(run, draft_file(evidence, language=language))
    parsed = BytesParser(policy=email.policy.default).parsebytes(data)
    assert parsed.get_all("Content-Language") == [language]
    assert parsed.get_all("MIME-Version") == ["1.0"]
    assert email.message_from_bytes(data).get_all("Content-Language") == [language]


def test_letter_draft_gives_an_email(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    """--format eml makes an email whatever the draft's channel, with the email's wording."""
    draft = draft_file(channel="letter")
    parsed = email.message_from_bytes(_eml(run, draft), policy=email.policy.default)
    assert _lf(parsed.get_content()) == rendered_json(draft, "--channel", "email")["body"]
    conflict = run("render", draft, "--format", "eml", "--channel", "letter")
    assert conflict.returncode == 2
    assert b"--channel email" in conflict.stderr


def test_recipient_override(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(recipient={"email": "plaintes@example.fr"})
    parsed = email.message_from_bytes(_eml(run, draft), policy=email.policy.default)
    assert parsed["To"].addresses[0].addr_spec == "plaintes@example.fr"


def test_standard_output_gives_the_same_message(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(EVIDENCE)
    result = run("render", draft, "--format", "eml", "-o", "-")
    assert result.returncode == 0, result.stderr.decode()
    parsed = email.message_from_bytes(result.stdout, policy=email.policy.default)
    attached = {part.get_filename(): part.get_payload(decode=True) for part in parsed.iter_attachments()}
    assert attached == EVIDENCE


def test_missing_evidence_at_write_time_leaves_nothing(draft_file: DraftFactory, tmp_path: Path) -> None:
    """A file deleted between checking the draft and writing the email: a clear error, no file."""
    draft = draft_file(EVIDENCE)
    message = build(load(draft, today=date(2026, 11, 26)), today=date(2026, 11, 26))
    (draft.parent / "notes CRLF.txt").unlink()
    from alma_contact.export.eml import AttachmentUnreadable

    target = tmp_path / "out.eml"
    with pytest.raises(AttachmentUnreadable) as caught:
        save(lambda out: write_eml(message, out, name="A", address=EMAIL), target)
    assert caught.value.name == "notes CRLF.txt"
    assert not target.exists()
    assert list(tmp_path.glob(".out.eml*")) == []


def test_missing_evidence_through_the_command_line(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(EVIDENCE)
    # check the draft, then remove a file the way a person might before rendering
    (draft.parent / "empty.bin").unlink()
    result = run("render", draft, "--format", "eml", "-o", draft.parent / "m.eml")
    assert result.returncode == 2  # the draft no longer validates: it names the file
    assert b"empty.bin" in result.stderr
    assert not (draft.parent / "m.eml").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", "Objet\r\nBcc: everyone@example.com"),
        ("subject", "Objet\nX-Evil: 1"),
        ("subject", "Objet\u2028suite"),
        ("to", "support@almapay.com\r\nBcc: x@example.com"),
    ],
)
def test_header_line_breaks_are_refused(draft_file: DraftFactory, field: str, value: str) -> None:
    """The model refuses line breaks in one-line fields; the email refuses them again."""
    message = build(load(draft_file(), today=date(2026, 11, 26)), today=date(2026, 11, 26))
    with pytest.raises(HeaderLineBreak):
        eml_bytes(replace(message, **{field: value}), name="An", address=EMAIL)


@pytest.mark.parametrize("name", ["An\r\nBcc: x@example.com", "An\nPeeters"])
def test_sender_line_breaks_are_refused(draft_file: DraftFactory, name: str) -> None:
    message = build(load(draft_file(), today=date(2026, 11, 26)), today=date(2026, 11, 26))
    with pytest.raises(HeaderLineBreak):
        eml_bytes(message, name=name, address=EMAIL)


def test_attachment_name_line_break_is_refused(draft_file: DraftFactory) -> None:
    message = build(load(draft_file(EVIDENCE), today=date(2026, 11, 26)), today=date(2026, 11, 26))
    attachment = replace(message.attachments[0], name="a\r\nContent-Type: text/html")
    with pytest.raises(HeaderLineBreak):
        eml_bytes(replace(message, attachments=(attachment,)), name="An", address=EMAIL)


# --- size -----------------------------------------------------------------------------------


def _big_evidence(folder: Path, total: int, count: int = 4) -> dict[str, bytes]:
    """Random (incompressible) files adding up to ``total`` bytes, written straight to disk."""
    names = {}
    for index in range(count):
        name = f"scan {index} é.bin"
        (folder / name).write_bytes(os.urandom(total // count))
        names[name] = b""
    return names


def test_warns_over_twenty_megabytes(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    draft = draft_file()
    names = _big_evidence(draft.parent, 21 * 1000 * 1000)
    text = draft.read_text(encoding="utf-8").replace(
        "evidence = []", "evidence = [" + ", ".join(f'"{n}"' for n in names) + "]"
    )
    draft.write_text(text, encoding="utf-8")
    result = run("render", draft, "--format", "eml", "-o", draft.parent / "big.eml")
    assert result.returncode == 0, result.stderr.decode()
    assert b"Warning: the files add up to 21,0 MB" in result.stderr
    parsed = email.message_from_bytes((draft.parent / "big.eml").read_bytes(), policy=email.policy.default)
    for part in parsed.iter_attachments():
        name = part.get_filename()
        assert part.get_payload(decode=True) == (draft.parent / name).read_bytes()


def test_under_twenty_megabytes_no_warning(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(EVIDENCE)
    result = run("render", draft, "--format", "eml", "-o", draft.parent / "m.eml")
    assert b"Warning" not in result.stderr


def test_memory_stays_small_with_twenty_megabytes(draft_file: DraftFactory, tmp_path: Path) -> None:
    """Python allocations while writing 20 MB of attachments: far under 4 x their size."""
    draft = draft_file()
    names = _big_evidence(draft.parent, 20 * MB)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace("evidence = []", "evidence = [" + ", ".join(f'"{n}"' for n in names) + "]"),
        encoding="utf-8",
    )
    message = build(load(draft, today=date(2026, 11, 26)), today=date(2026, 11, 26))
    assert sum(a.size for a in message.attachments) == 20 * MB
    tracemalloc.start()
    try:
        save(lambda out: write_eml(message, out, name=FULL_NAME, address=EMAIL), tmp_path / "m.eml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 20 * MB
    assert peak < 2 * MB  # streamed: a few slices, not the files
    assert (tmp_path / "m.eml").stat().st_size > 20 * MB * 4 // 3


_RSS_SCRIPT = r"""
import resource, sys
from datetime import date
from alma_contact.drafts import load
from alma_contact.render import build
from alma_contact.export.eml import write_eml
from alma_contact.export.save import save

message = build(load(sys.argv[1], today=date(2026, 11, 26)), today=date(2026, 11, 26))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
save(lambda out: write_eml(message, out, name="A", address="a@example.be"), sys.argv[2])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before, after)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in kilobytes on Linux")
def test_peak_resident_memory_with_twenty_megabytes(draft_file: DraftFactory, tmp_path: Path) -> None:
    """The whole process's peak resident size grows by far less than 4 x 20 MB while writing."""
    draft = draft_file()
    names = _big_evidence(draft.parent, 20 * MB)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace("evidence = []", "evidence = [" + ", ".join(f'"{n}"' for n in names) + "]"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, str(draft), str(tmp_path / "m.eml")],
        capture_output=True,
        text=True,
        check=True,
    )
    before, after = (int(n) * 1024 for n in result.stdout.split())
    assert after - before < 4 * 20 * MB
    assert after - before < 10 * MB


def test_base64_lines_are_whole_and_short() -> None:
    """Slices are multiples of 57 bytes, so every line but the last is exactly 76 characters."""
    from alma_contact.export import eml as module

    assert module.SLICE % 57 == 0
    data = os.urandom(module.SLICE * 2 + 5)
    joined = b"".join(module._base64_lines(BytesIO(data)))
    assert re.fullmatch(rb"([A-Za-z0-9+/]{76}\r\n)+[A-Za-z0-9+/=]{1,76}\r\n", joined)
    assert base64.b64decode(joined.replace(b"\r\n", b"")) == data


def test_read_errors_name_the_file_and_write_errors_do_not(draft_file: DraftFactory) -> None:
    """A file that cannot be read is the evidence's fault; a full disk is the output's."""
    from alma_contact.export.eml import AttachmentUnreadable, _base64_lines

    class Unreadable(BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    with pytest.raises(AttachmentUnreadable) as caught:
        list(_base64_lines(Unreadable(), "scan.pdf"))
    assert caught.value.name == "scan.pdf"

    class Full(BytesIO):
        def write(self, data: bytes) -> int:  # type: ignore[override]
            if self.tell() > 1000:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return super().write(data)

    message = build(load(draft_file(EVIDENCE), today=date(2026, 11, 26)), today=date(2026, 11, 26))
    with pytest.raises(OSError) as full:
        write_eml(message, Full(), name="An", address=EMAIL)
    assert full.value.errno == errno.ENOSPC
    assert not isinstance(full.value, AttachmentUnreadable)
