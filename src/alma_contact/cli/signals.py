"""TERM and HUP stop a command the way Ctrl+C does."""

from __future__ import annotations

import signal


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like Ctrl+C, so that a half-written file is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_on_signals() -> None:
    """TERM and HUP unwind the program as Ctrl+C does: the file being written is removed."""

    def stop(signum: int, _frame: object) -> None:
        for other in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):  # the cleanup is not cut short
            signal.signal(other, signal.SIG_IGN)
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, stop)
