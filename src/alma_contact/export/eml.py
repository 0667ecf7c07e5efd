"""The email as an .eml file that mail programs open as a draft ready to send.

The header lines that carry what the user typed (the sender's name, the
subject, the file names) are written here, from the text as typed: as it is
when no parser could misread it, otherwise encoded whole (RFC 2047 words for
the name and subject, RFC 2231 for file names); the email package would decode
"=?…?=" typed by the user (see below). The text part is made by the standard
library's :mod:`email` package (policy ``SMTP``: CRLF line ends). The
attachments' bodies are streamed: each file is read in slices and written as
base64 lines straight to the output, so memory does not grow with the files
(the email package's own generator holds several copies of every attachment).
``X-Unsent: 1`` makes Thunderbird and Outlook open the file as a new message.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime
from email import policy
from email.generator import BytesGenerator
from email.message import MIMEPart
from email.utils import format_datetime
from io import BytesIO
from typing import IO, TYPE_CHECKING, BinaryIO
from urllib.parse import quote

from .save import CHANGED, AttachmentUnreadable

if TYPE_CHECKING:
    from ..render import Attachment, Message

POLICY = policy.SMTP
"""RFC 5322 with CRLF line ends, lines folded at 78 characters (used for the text part)."""

SLICE = 57 * 1024
"""Bytes read at a time: base64 turns every 57 bytes into one 76-character line."""

LINE = 78
"""The longest header line written (RFC 5322's "SHOULD"), but for one case: see :func:`_phrase`."""

WORD = 75
"""The longest RFC 2047 encoded word."""

_LINE_BREAKS = frozenset("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_PHRASE = re.compile(rf"{_ATOM}(?: {_ATOM})*")
"""A display name that can be written as it is: atoms of ASCII letters and signs, one space apart."""
_PLAIN_TEXT = re.compile(r"[!-~]+(?: [!-~]+)*")
"""Unstructured text (the subject) that can be written as it is: printable ASCII, one space apart."""
_PLAIN_PARAMETER = re.compile(r"[!#$&-;=?-\[\]-~]+(?: [!#$&-;=?-\[\]-~]+)*")
"""A file name that can go in a quoted string as it is: printable ASCII but ``"\\%<>`` (Python's
``get_filename()`` would take ``<x>`` for a quoted ``x``)."""
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
"""An RFC 2045 token: a media type's halves, a language tag."""
_Q_KEPT = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
"""Bytes an RFC 2047 "Q" word may leave as they are, even in a display name (RFC 2047, 5 (3))."""


class UnsafeHeader(ValueError):
    """A header value that cannot be written safely: nothing is written."""


class HeaderLineBreak(UnsafeHeader):
    """A header value held a line break: it could add headers of its own, so nothing is written."""


def _one_line(name: str, value: str) -> str:
    """Refuse a header value with a line break, whatever the model let through."""
    if any(char in _LINE_BREAKS for char in value):
        raise HeaderLineBreak(f"line break in the {name} header")
    return value


def _address(name: str, value: str) -> str:
    """An address written as it is: plain ASCII, and no "=?" that a lenient parser would decode."""
    _one_line(name, value)
    if not _ADDRESS.fullmatch(value) or "=?" in value:
        raise UnsafeHeader(f"the {name} address cannot be written in a header")
    return value


# --- values the user typed, written so that every parser reads back exactly them ----------------
#
# The email package cannot be given these values: when a header is set from a string, it is
# parsed as if it were already encoded, so a "=?utf-8?q?=0D=0A?=" typed by the user is decoded
# and written out as a real line break (Python 3.11), or comes back as other text (3.13). The
# header lines are therefore written here, from the text as typed: as it is when nothing in it can
# be misread, otherwise entirely encoded (RFC 2047 words, RFC 2231 parameters).


def _q(data: bytes) -> str:
    return "".join(chr(b) if b in _Q_KEPT else "_" if b == 0x20 else f"={b:02X}" for b in data)


def _b(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _encoded_word(text: str, encode: Callable[[bytes], str], letter: str) -> str:
    return f"=?utf-8?{letter}?{encode(text.encode('utf-8'))}?="


def _encoded_words(text: str, first: int) -> list[str]:
    """The whole text as RFC 2047 words, the first at most ``first`` characters, the others 75.

    Words are cut between characters (a decoder decodes each word on its own), and join with no
    space between them (RFC 2047, 6.2): the spaces of the text are inside the words. "Q" or "B",
    whichever is shorter for this text.
    """
    data = text.encode("utf-8")
    encode, letter = (_q, "q") if len(_q(data)) <= len(_b(data)) else (_b, "b")
    words: list[str] = []
    start, limit = 0, first
    while start < len(text):
        end = start + 1
        while end < len(text) and len(_encoded_word(text[start : end + 1], encode, letter)) <= limit:
            end += 1
        words.append(_encoded_word(text[start:end], encode, letter))
        start, limit = end, WORD
    return words


def _fold_words(name: str, words: list[str]) -> bytes:
    """``Name: word word…`` cut into lines of at most :data:`LINE` characters between words."""
    lines = [f"{name}:"]
    for word in words:
        if len(lines[-1]) + 1 + len(word) > LINE and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += " " + word
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _unstructured(name: str, text: str) -> bytes:
    """A header of free text (the subject), read back exactly as ``text``."""
    _one_line(name, text)
    words = text.split(" ")
    if _PLAIN_TEXT.fullmatch(text) and "=?" not in text and max(map(len, words)) <= LINE - len(name) - 2:
        return _fold_words(name, words)
    return _fold_words(name, _encoded_words(text, LINE - len(name) - 2))


def _phrase(text: str) -> str:
    """A display name: its atoms as they are (each fits on a line), or else one encoded word.

    One word, however long: Python's parser (3.11 to 3.13, CPython gh-128110) keeps the space
    between two encoded words of a display name, which RFC 2047 and mail programs drop, so a
    name cut into several words would not read back the same everywhere. A name of 121
    characters makes a word of at most 660, far under RFC 5322's limit of 998 per line.
    """
    if _PLAIN_PHRASE.fullmatch(text) and "=?" not in text and max(map(len, text.split(" "))) < LINE - 6:
        return text
    data = text.encode("utf-8")
    if len(_q(data)) <= len(_b(data)):
        return _encoded_word(text, _q, "q")
    return _encoded_word(text, _b, "b")


def _mailbox(name: str, display_name: str, address: str) -> bytes:
    """``Name: display name <address>``, each run of white space in the name written as one space.

    A display name's runs of white space mean one space (RFC 5322, 3.2.2), and Python's parser
    reads a space followed by other white space (a no-break space, a tab) as one space, even
    inside an encoded word: written so, the name reads back the same everywhere.
    """
    angle = f"<{_address(name, address)}>"
    display_name = " ".join(_one_line(name, display_name).split())
    if not display_name:
        return _fold_words(name, [angle])
    return _fold_words(name, [*_phrase(display_name).split(" "), angle])


def _parameter(attribute: str, value: str, room: int) -> list[str]:
    """``attribute="value"``, or RFC 2231 pieces ``attribute*0*=utf-8''…`` of at most ``room``.

    The quoted form only for printable ASCII that no parser could decode as anything else; any
    other name is percent-encoded whole (Python decodes RFC 2047 words in quoted parameters).
    """
    quoted = f'{attribute}="{value}"'
    if _PLAIN_PARAMETER.fullmatch(value) and "=?" not in value and len(quoted) <= room:
        return [quoted]
    pieces: list[str] = []
    current = "utf-8''"
    for char in value:  # never cut inside a character: Python decodes each piece on its own
        encoded = quote(char, safe="")
        head = f"{attribute}*{len(pieces)}*="
        if len(head) + len(current) + len(encoded) > room and current not in ("", "utf-8''"):
            pieces.append(head + current)
            current = ""
        current += encoded
    if not pieces:
        return [f"{attribute}*={current}"]
    pieces.append(f"{attribute}*{len(pieces)}*={current}")
    return pieces


def _with_parameters(name: str, value: str, parameters: list[str]) -> bytes:
    """``Name: value;`` then each parameter on a line of its own when the line would be too long."""
    lines = [f"{name}: {value}"]
    for parameter in parameters:
        lines[-1] += ";"
        if len(lines[-1]) + 1 + len(parameter) > LINE:
            lines.append("")
        lines[-1] += " " + parameter
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _simple(name: str, value: str) -> bytes:
    """A header whose value we made ourselves (a date, a language code, a media type)."""
    if not all(" " <= char <= "~" for char in value):
        raise UnsafeHeader(f"the {name} header is not plain ASCII")
    return f"{name}: {value}\r\n".encode("ascii")


def message_headers(message: Message, name: str, address: str, when: datetime | None = None) -> bytes:
    """The top of the email: who it is from and to, the subject, the date, and "unsent"."""
    if not _TOKEN.fullmatch(message.language):
        raise UnsafeHeader("the message language is not a language code")
    return b"".join(
        [
            _mailbox("From", name, address),
            f"To: {_address('To', message.to)}\r\n".encode("ascii"),
            _unstructured("Subject", message.subject),
            _simple("Date", format_datetime(when or datetime.now().astimezone())),
            _simple("Content-Language", message.language),
            b"X-Unsent: 1\r\n",
            b"MIME-Version: 1.0\r\n",
        ]
    )


def _text_part(message: Message) -> MIMEPart:
    part = MIMEPart(policy=POLICY)
    part.set_content(message.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    return part


def _attachment_headers(attachment: Attachment) -> bytes:
    """The headers of one attachment; its body is streamed by :func:`_base64_lines`."""
    maintype, _, subtype = attachment.media_type.partition("/")
    if (
        not _TOKEN.fullmatch(maintype)
        or not _TOKEN.fullmatch(subtype)
        or maintype in ("message", "multipart")
    ):
        # A message/* part may not be base64 (RFC 2046): send a saved email as a plain file.
        maintype, subtype = "application", "octet-stream"
    name = _one_line("Content-Disposition", attachment.name)
    return b"".join(
        [
            # "name" too: older mail programs read only this one
            _with_parameters("Content-Type", f"{maintype}/{subtype}", _parameter("name", name, LINE - 2)),
            _with_parameters("Content-Disposition", "attachment", _parameter("filename", name, LINE - 2)),
            b"Content-Transfer-Encoding: base64\r\n",
        ]
    )


def _base64_lines(stream: IO[bytes], name: str = "", size: int | None = None) -> Iterator[bytes]:
    """The file as base64 lines with CRLF; a read error (not a write error) names the file.

    With ``size``, the file must hold exactly that many bytes, the size checked
    with the draft: a file that grew, shrank or was replaced is not sent.
    """
    read = 0
    while True:
        try:
            chunk = stream.read(SLICE if size is None else min(SLICE, size + 1 - read))
        except OSError as error:
            raise AttachmentUnreadable(name, error.strerror or str(error)) from None
        read += len(chunk)
        if size is not None and (read > size or (not chunk and read != size)):
            raise AttachmentUnreadable(name, "", CHANGED)
        if not chunk:
            return
        yield base64.encodebytes(chunk).replace(b"\n", b"\r\n")


def _open_checked(attachment: Attachment) -> BinaryIO:
    """The attachment's file, opened without blocking, if it is still the regular file checked."""
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(attachment.path, flags)
    except OSError as error:
        raise AttachmentUnreadable(attachment.name, error.strerror or str(error)) from None
    info = os.fstat(fd)
    same = attachment.identity in ((0, 0), (info.st_dev, info.st_ino))
    if not (stat.S_ISREG(info.st_mode) and same and info.st_size == attachment.size):
        os.close(fd)
        raise AttachmentUnreadable(attachment.name, "", CHANGED)
    return os.fdopen(fd, "rb")


def write_eml(
    message: Message, out: BinaryIO, *, name: str, address: str, when: datetime | None = None
) -> None:
    """Write the whole email to ``out``: every evidence file attached, byte for byte."""
    head = message_headers(message, name, address, when)
    text = _text_part(message)
    generator: BytesGenerator[MIMEPart] = BytesGenerator(out, policy=POLICY)
    if not message.attachments:
        out.write(head)  # then the text part's own Content-Type and Content-Transfer-Encoding
        generator.flatten(text)
        return
    with ExitStack() as files:
        opened = []
        for attachment in message.attachments:  # open them all first: a missing file writes nothing
            try:
                opened.append((attachment, files.enter_context(_open_checked(attachment))))
            except OSError as error:
                raise AttachmentUnreadable(attachment.name, error.strerror or str(error)) from None
        parts = [_attachment_headers(attachment) for attachment, _ in opened]  # all refused or none
        boundary = "=_" + secrets.token_hex(16)  # "=_" never occurs in base64 or quoted-printable
        delimiter = f"\r\n--{boundary}\r\n".encode("ascii")
        out.write(head)
        out.write(f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n'.encode("ascii"))
        out.write(b"\r\nThis is a message in MIME format.\r\n")
        out.write(delimiter)
        generator.flatten(text)
        for (attachment, stream), headers in zip(opened, parts, strict=True):
            out.write(delimiter)
            out.write(headers)
            out.write(b"\r\n")
            for line in _base64_lines(stream, attachment.name, attachment.size):
                out.write(line)
        out.write(f"\r\n--{boundary}--\r\n".encode("ascii"))


def eml_bytes(message: Message, *, name: str, address: str, when: datetime | None = None) -> bytes:
    """The whole email in memory: for small messages and tests."""
    buffer = BytesIO()
    write_eml(message, buffer, name=name, address=address, when=when)
    return buffer.getvalue()


def attachments_size(message: Message) -> int:
    return sum(attachment.size for attachment in message.attachments)
