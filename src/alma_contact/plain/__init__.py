"""The plain mode: the app's questions asked one line at a time on standard input and output.

For screen readers, slow connections and terminals without cursor control
(``alma-contact --plain``, ``TERM=dumb``, or the setting of :mod:`alma_contact.settings`), and for
scripts (answers read from a pipe). The steps, questions, explanations and
validation messages are those of :mod:`alma_contact.steps` and the draft
model, worded by :mod:`alma_contact.wording`; the answers are kept in the draft
store after each one (:mod:`alma_contact.keeping`); files are written by
:mod:`alma_contact.export`. Nothing printed holds an escape sequence. Imports
no Textual.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path


def run(draft: Path | None, ui_lang: str, today: date | None = None, draft_ref: int | None = None) -> int:
    """Ask the questions on standard input and output (on a draft file, or a draft of the store);
    returns the exit code."""
    import sys

    from .session import Session

    return Session(sys.stdin, sys.stdout, ui_lang=ui_lang, today=today).run(draft, draft_ref)
