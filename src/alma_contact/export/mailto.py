"""A ``mailto:`` link (RFC 6068) that opens the message in the default mail program.

A link carries no attachments, and several mail programs and Windows cut
links past about 2000 characters: a longer link is refused rather than
silently shortened. The .eml file and the clipboard have no such limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..i18n import N_, translate

if TYPE_CHECKING:
    from ..render import Message

LINK_LIMIT = 2000
"""The longest link, in characters, that mail programs and operating systems pass on whole."""

TOO_LONG = N_(
    "the link would be {length} characters long; mail programs cut links longer than {limit}. "
    "Save the email with --format eml -o message.eml and open that file, "
    "or copy the text with “alma-contact copy”."
)


@dataclass
class LinkTooLong(Exception):
    """The link would be cut by the mail program; ``message`` says what to do instead."""

    length: int
    limit: int = LINK_LIMIT
    message: str = TOO_LONG


LEFT_AS_IS = "!$'()*,;:@"
"""Characters RFC 6068 lets a header value keep unencoded (its "some-delims" less "+", which
some programs read as a space): every one kept saves two characters of the 2000."""


def _encode(text: str) -> str:
    """UTF-8 percent-encoding; spaces as %20, line breaks as %0D%0A."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return quote(text, safe=LEFT_AS_IS)


def mailto_link(to: str, subject: str, body: str, *, limit: int | None = LINK_LIMIT) -> str:
    """``mailto:ADDRESS?subject=…&body=…``; raises :class:`LinkTooLong` past ``limit``."""
    link = f"mailto:{quote(to, safe='@')}?subject={_encode(subject)}&body={_encode(body)}"
    if limit is not None and len(link) > limit:
        raise LinkTooLong(len(link), limit)
    return link


def message_link(message: Message, *, limit: int | None = LINK_LIMIT) -> str:
    """The link for a written message: to Alma (or the override), its subject and body."""
    return mailto_link(message.to, message.subject, message.body.rstrip(), limit=limit)


NOT_FOUND = N_("{tool} was not found")
STOPPED = N_("{tool} stopped with exit status {code}")
SYSTEM_ERROR = N_("{tool}: {reason}")


@dataclass(frozen=True)
class Opened:
    """How the link was handed to the system; ``tool`` is None when nothing could open it."""

    tool: str | None
    problem: str = ""
    """An interface msgid; ``params`` fill it in."""
    params: dict[str, object] = field(default_factory=dict)

    def problem_text(self, lang: str) -> str:
        return translate(lang, self.problem, **self.params) if self.problem else ""


OPEN_WAIT = 5.0
"""Seconds to wait for the opener's answer; a mail program it starts may keep running."""


def open_link(link: str) -> Opened:
    """Hand the link to the system's default mail program: start, open or xdg-open."""
    if sys.platform == "win32":
        try:
            os.startfile(link)  # type: ignore[attr-defined]
        except OSError as error:
            return Opened(None, SYSTEM_ERROR, {"tool": "start", "reason": error.strerror or str(error)})
        return Opened("start")
    tool = "open" if sys.platform == "darwin" else "xdg-open"
    program = shutil.which(tool)
    if program is None:
        return Opened(None, NOT_FOUND, {"tool": tool})
    try:
        process = subprocess.Popen(
            [program, link],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        return Opened(None, SYSTEM_ERROR, {"tool": tool, "reason": error.strerror or str(error)})
    try:
        code = process.wait(timeout=OPEN_WAIT)
    except subprocess.TimeoutExpired:
        return Opened(tool)  # still running: it started the mail program in the foreground
    if code != 0:
        return Opened(None, STOPPED, {"tool": tool, "code": code})
    return Opened(tool)
