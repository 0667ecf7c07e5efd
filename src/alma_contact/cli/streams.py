"""Standard streams that cannot fail half-way through what they print."""

from __future__ import annotations

import io
import os
import sys


class OutputClosed(Exception):
    """Standard output was closed when the program started (``>&-``): what goes there is lost."""


class _ClosedOutput(io.TextIOBase):
    """Standard output when it was closed at start: writing to it is refused, not silently lost."""

    @property
    def buffer(self) -> _ClosedOutput:
        return self

    def writable(self) -> bool:
        return True

    def write(self, text: object) -> int:
        raise OutputClosed

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def set_up_streams() -> None:
    """Make the process's standard streams safe to print to.

    Text the terminal's encoding cannot show (``PYTHONIOENCODING=ascii``) is
    written as escapes (``\\xe9``) instead of stopping the program half-way. A
    stream closed at start (``>&-``) gets /dev/null on its number, so that no
    file the program opens takes that number (a child writing to it would write
    into that file); writing to a closed standard output then fails clearly.
    """
    for number, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(number)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDONLY if number == 0 else os.O_WRONLY)
            except OSError:
                continue
            if null != number:
                os.dup2(null, number)
                os.close(null)
            if number == 0:  # read as empty
                sys.stdin = open(number, encoding="utf-8", closefd=False)  # noqa: SIM115
            elif number == 1:
                sys.stdout = _ClosedOutput()
            elif number == 2:
                sys.stderr = open(number, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
            continue
        stream = getattr(sys, name)
        if number and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
