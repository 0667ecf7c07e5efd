"""The email as an .eml file that mail programs open as a draft ready to send.

Headers, the text part and each attachment's headers are made by the
standard library's :mod:`email` package (policy ``SMTP``: CRLF line ends,
RFC 2047 for names and subjects, RFC 2231 for file names). The attachments'
bodies are streamed: each file is read in slices and written as base64 lines
straight to the output, so memory does not grow with the files (the email
package's own generator holds several copies of every attachment at once).
``X-Unsent: 1`` makes Thunderbird and Outlook open the file as a new message.
"""

from __future__ import annotations

import base64
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from email import policy
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime
from io import BytesIO
from typing import IO, TYPE_CHECKING, BinaryIO

from .save import CHANGED, AttachmentUnreadable

if TYPE_CHECKING:
    from ..render import Attachment, Message

POLICY = policy.SMTP
"""RFC 5322 with CRLF line ends, lines folded at 78 characters."""

SLICE = 57 * 1024
"""Bytes read at a time: base64 turns every 57 bytes into one 76-character line."""

_LINE_BREAKS = frozenset("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")


class HeaderLineBreak(ValueError):
    """A header value held a line break: it could add headers of its own, so nothing is written."""


def _one_line(name: str, value: str) -> str:
    """Refuse a header value with a line break, whatever the model let through."""
    if any(char in _LINE_BREAKS for char in value):
        raise HeaderLineBreak(f"line break in the {name} header")
    return value


def message_headers(message: Message, name: str, address: str, when: datetime | None = None) -> EmailMessage:
    """The top of the email: who it is from and to, the subject, the date, and "unsent"."""
    root = EmailMessage(policy=POLICY)
    root["From"] = Address(display_name=_one_line("From", name), addr_spec=_one_line("From", address))
    root["To"] = Address(addr_spec=_one_line("To", message.to))
    root["Subject"] = _one_line("Subject", message.subject)
    root["Date"] = format_datetime(when or datetime.now().astimezone())
    root["Content-Language"] = message.language
    root["X-Unsent"] = "1"
    return root


def _text_part(message: Message) -> MIMEPart:
    part = MIMEPart(policy=POLICY)
    part.set_content(message.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    return part


def _attachment_part(attachment: Attachment) -> MIMEPart:
    """The headers of one attachment; its body is streamed by :func:`_base64_lines`."""
    maintype, _, subtype = attachment.media_type.partition("/")
    if not maintype or not subtype or maintype in ("message", "multipart"):
        # A message/* part may not be base64 (RFC 2046): send a saved email as a plain file.
        maintype, subtype = "application", "octet-stream"
    name = _one_line("Content-Disposition", attachment.name)
    part = MIMEPart(policy=POLICY)
    part["Content-Type"] = f"{maintype}/{subtype}"
    part.set_param("name", name)  # older mail programs read only this one
    part["Content-Disposition"] = "attachment"
    part.set_param("filename", name, header="Content-Disposition")
    part["Content-Transfer-Encoding"] = "base64"
    return part


def _headers(part: EmailMessage | MIMEPart) -> bytes:
    return b"".join(POLICY.fold_binary(key, value) for key, value in part.raw_items())


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
    root = message_headers(message, name, address, when)
    if not message.attachments:
        root.set_content(message.body, subtype="plain", charset="utf-8", cte="quoted-printable")
        BytesGenerator(out, policy=POLICY).flatten(root)
        return
    text = _text_part(message)
    with ExitStack() as files:
        opened = []
        for attachment in message.attachments:  # open them all first: a missing file writes nothing
            try:
                opened.append((attachment, files.enter_context(_open_checked(attachment))))
            except OSError as error:
                raise AttachmentUnreadable(attachment.name, error.strerror or str(error)) from None
        boundary = "=_" + secrets.token_hex(16)  # "=_" never occurs in base64 or quoted-printable
        root["MIME-Version"] = "1.0"
        root["Content-Type"] = "multipart/mixed"
        root.set_param("boundary", boundary)
        delimiter = f"\r\n--{boundary}\r\n".encode("ascii")
        out.write(_headers(root))
        out.write(b"\r\nThis is a message in MIME format.\r\n")
        out.write(delimiter)
        generator: BytesGenerator[MIMEPart] = BytesGenerator(out, policy=POLICY)
        generator.flatten(text)
        for attachment, stream in opened:
            out.write(delimiter)
            out.write(_headers(_attachment_part(attachment)))
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
