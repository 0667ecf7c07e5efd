"""No command: the terminal app, on a draft file or on a new draft. It needs a terminal; the plain
mode (``--plain``, ``TERM=dumb`` or its setting) asks line by line and needs none."""

from __future__ import annotations

import os
import sys

from ..i18n import N_, translate
from .arguments import COMMANDS
from .exits import EXIT_INVALID, Failure, guarded
from .shown import PATH_LIMIT, shown

NO_TERMINAL = N_(
    "alma-contact: the app needs a terminal. Without one, use the commands: "
    "alma-contact new, check and render (alma-contact --help lists them)."
)


def start_app(draft_path: str | None, lang: str, *, debug: bool = False, plain: bool = False) -> int:
    """The app's exit code; a word that is neither a command nor a file, or no terminal, is said."""
    from pathlib import Path

    from ..store import StoreError, parse_ref

    try:
        ref = parse_ref(draft_path) if draft_path is not None else None
    except StoreError as error:
        print(f"alma-contact: {error.text(lang)}", file=sys.stderr)
        return EXIT_INVALID
    draft = Path(draft_path) if draft_path is not None and ref is None else None
    if draft is not None and not draft.is_file():
        problem = N_("“{name}” is neither a command ({commands}) nor a draft file.")
        prefix = translate(lang, N_("error:"))
        text = translate(lang, problem, name=shown(draft, PATH_LIMIT), commands=", ".join(COMMANDS))
        print(f"alma-contact: {prefix} {text}", file=sys.stderr)
        return EXIT_INVALID
    if plain or _plain_wanted():
        return guarded(lambda: _start_plain(draft, ref, lang), lang, debug=debug)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(translate(lang, NO_TERMINAL), file=sys.stderr)
        return EXIT_INVALID

    def start() -> int:
        from .. import tui
        from ..settings import SettingInvalid, current

        try:
            today = current().today
        except SettingInvalid as invalid:
            raise Failure(invalid.text(lang), EXIT_INVALID) from None
        return tui.run(draft, lang, today=today, draft_ref=ref)

    return guarded(start, lang, debug=debug)


def _plain_wanted() -> bool:
    """A dumb terminal (no cursor control), or the plain mode's setting."""
    from ..settings import current

    return os.environ.get("TERM", "") == "dumb" or current().plain


def _start_plain(draft: object, ref: int | None, lang: str) -> int:
    from pathlib import Path

    from .. import plain
    from ..settings import SettingInvalid, current

    try:
        today = current().today
    except SettingInvalid as invalid:
        raise Failure(invalid.text(lang), EXIT_INVALID) from None
    return plain.run(draft if isinstance(draft, Path) else None, lang, today=today, draft_ref=ref)
