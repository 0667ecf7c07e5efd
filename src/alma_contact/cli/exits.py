"""Exit codes, and how each way a command can end becomes one (with a sentence on stderr)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from ..i18n import N_, translate

EXIT_OK, EXIT_IO, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_INPUT_ENDED = 3
"""The plain mode's input ended (Ctrl+D, the end of a pipe) before the user quit; the answers are kept."""

OUTPUT_CLOSED = N_(
    "alma-contact: standard output is closed, so nothing could be written there; "
    "give -o FILE, or leave standard output open."
)
UNEXPECTED = N_(
    "alma-contact: an unexpected error stopped the program; nothing was written. "
    "Run again with --debug for the details, and please report it."
)


class Failure(Exception):
    """A message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def guarded(run: Callable[[], int], lang: str, *, debug: bool) -> int:
    """The exit code of ``run()``; whatever stops it is said in ``lang``, never as a traceback
    (unless ``debug`` asks for the report of an unexpected error)."""
    from .signals import Terminated
    from .streams import OutputClosed

    try:
        return run()
    except Failure as failure:
        print(f"alma-contact: {failure}", file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated as stopped:
        return 128 + stopped.signum
    except OutputClosed:
        print(translate(lang, OUTPUT_CLOSED), file=sys.stderr)
        return EXIT_IO
    except BrokenPipeError:  # the reader stopped early (| head): nothing more to say
        _silence_stdout()
        return EXIT_OK
    except Exception:
        if debug:
            raise
        print(translate(lang, UNEXPECTED), file=sys.stderr)
        return EXIT_IO


def _silence_stdout() -> None:
    """After a broken pipe, send what is left to /dev/null so that closing stdout says nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
