"""What the command line prints back of the user's own text: escaped, and cut when very long."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import N_, translate

if TYPE_CHECKING:
    from ..errors import Problem

SHOWN_LIMIT = 80
"""Characters of a value the user gave that are echoed back; the middle of a longer one is cut."""
PATH_LIMIT = 200
"""The same for a path, which a person needs whole to find the file (and which is rarely longer)."""


def safe(text: str) -> str:
    """Text echoed to the terminal: no control characters can reach it from a file."""
    if text.isprintable():  # the usual case, at once
        return text
    return "".join(c if c.isprintable() or c in "\n\t\u00a0\u202f" else repr(c)[1:-1] for c in text)


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A path or value the user gave, as echoed on one line: cut in the middle, every control escaped."""
    text = str(value)
    if len(text) <= limit and text.isprintable():  # the usual case, at once
        return text
    from ..errors import escaped

    if len(text) > limit:
        keep = limit - 1
        text = text[: keep - keep // 2] + "…" + text[len(text) - keep // 2 :]
    return escaped(text)


def problem_report(source: str, problems: list[Problem], lang: str) -> str:
    """One line per wrong key under a header; a file-level problem stands alone."""
    if len(problems) == 1 and not problems[0].key:
        return safe(problems[0].message)
    header = translate(lang, N_("{name} cannot be used yet; fix these keys:"), name=shown(source, PATH_LIMIT))
    return "\n".join([header, *(f"  {safe(str(p))}" for p in problems)])
