"""Lines in and out: every line printed is made safe (no control character, so no escape
sequence, can reach the terminal), and the end of the input is an exception."""

from __future__ import annotations

from typing import TextIO

from ..cli.shown import safe
from ..i18n import N_, translate

PROMPT = "> "
BACK = "<"
HELP = "?"
WRONG_NUMBER = N_("Type one of the numbers shown, from 1 to {last}.")


class Ended(Exception):
    """The input ended (Ctrl+D, or the end of a pipe)."""


class Lines:
    """Reads answers one line at a time and prints plain lines, in the interface language."""

    def __init__(self, stdin: TextIO, stdout: TextIO, lang: str) -> None:
        self.stdin, self.stdout, self.lang = stdin, stdout, lang

    def t(self, message: str, **params: object) -> str:
        return translate(self.lang, message, **params)

    def say(self, text: str = "") -> None:
        """A line (or several): user text in it is escaped, whatever it holds."""
        self.stdout.write(safe(text) + "\n")
        self.stdout.flush()

    def ask(self, prompt: str = PROMPT) -> str:
        """The next line typed, without its line end; :class:`Ended` at the end of the input."""
        self.stdout.write(safe(prompt))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            self.stdout.flush()
            raise Ended
        if not self.stdin.isatty():  # a line read from a pipe is shown as if typed, for the log
            self.stdout.write(safe(line.rstrip("\r\n")) + "\n")
        return line.rstrip("\r\n")

    def numbered(self, labels: list[str]) -> None:
        for number, label in enumerate(labels, 1):
            self.say(f"  {number}. {label}")

    def number(self, answer: str, last: int) -> int | None:
        """The number typed, from 1 to ``last``; None (said) when it is not one of them."""
        text = answer.strip().rstrip(".")
        if text.isdigit() and 1 <= int(text) <= last:
            return int(text)
        self.say(self.t(WRONG_NUMBER, last=last))
        return None
