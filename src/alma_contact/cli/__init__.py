"""The ``alma-contact`` command: new, check, render, open and copy a draft; no command starts the app.

Exit codes: 0 done; 1 a file could not be written or read, standard output
is closed, or no mail program or clipboard tool worked (the message says
which); 2 the draft is invalid, the command line is wrong (an output name no
file can have), a setting is wrong (a fixed day that is not a date), or the
message does not fit the format asked for (a ``mailto:`` link over 2000
characters); 3 the plain mode's input ended before its end (the answers are kept in the
draft store); 130 interrupted (Ctrl+C), 143 and 129 stopped by SIGTERM and
SIGHUP (128 + the signal's number).

One job per module: :mod:`.arguments` defines the options and commands and
takes the first look that tells the app from a command; :mod:`.translated`
puts argparse in the interface language; :mod:`.commands` runs a command,
:mod:`.app` starts the terminal app; :mod:`.exits` turns how a command ends
into an exit code; :mod:`.streams` and :mod:`.signals` prepare the process;
:mod:`.shown` echoes the user's own text back safely.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence

from ..i18n import detect_ui_language
from .arguments import FirstLook, build_parser, first_look
from .translated import localise_argparse

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (the process's arguments when None) and return its exit code.

    Called with ``argv`` (by a caller in the same process), it leaves the
    process's streams, signals and garbage collector as they were.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        # The program uses no Pydantic plugin: Pydantic then skips looking for one among the entry
        # points of every installed distribution when it builds the draft model (a setting it
        # documents; a value the user set is kept). Some milliseconds of every start.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    first = first_look(args)
    lang = detect_ui_language(first.ui_lang)
    if first.data_dir:
        with _data_dir(first.data_dir, keep=argv is None):
            return _main(args, argv, first, lang)
    return _main(args, argv, first, lang)


@contextlib.contextmanager
def _data_dir(folder: str, *, keep: bool) -> Iterator[None]:
    """``--data-dir``: the settings read it as if their variable of the store's folder were set (the app's
    settings too); a caller in the same process gets its environment back (unless ``keep``)."""
    from ..settings import DATA_VARIABLE

    before = os.environ.get(DATA_VARIABLE)
    os.environ[DATA_VARIABLE] = folder
    try:
        yield
    finally:
        if not keep:
            if before is None:
                os.environ.pop(DATA_VARIABLE, None)
            else:
                os.environ[DATA_VARIABLE] = before


def _main(args: list[str], argv: Sequence[str] | None, first: FirstLook, lang: str) -> int:
    localise_argparse(lang)
    if argv is None:  # the program itself, not a caller in the same process
        from .streams import set_up_streams

        set_up_streams()
    if first.app:
        from .app import start_app

        return start_app(first.draft, lang, debug=first.debug, plain=first.plain)
    if argv is None:
        from .signals import stop_on_signals

        stop_on_signals()
    # A command runs for a fraction of a second and builds no cycles worth collecting:
    # without the collector it starts a quarter faster, and frozen objects are not
    # collected again when the interpreter exits.
    gc.disable()
    try:
        return _command(args, lang)
    finally:
        if argv is None:  # the process ends next; a caller in the same process keeps its collector
            gc.freeze()
        gc.enable()


def _command(args: list[str], lang: str) -> int:
    from .arguments import COMMANDS
    from .commands import run
    from .exits import guarded

    wanted = next((arg for arg in args if arg in COMMANDS), None)  # the command: built in full
    parsed = build_parser(lang, wanted).parse_args(args)
    return guarded(lambda: run(parsed, lang), lang, debug=getattr(parsed, "debug", False))
