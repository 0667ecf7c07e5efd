"""Copying text to the system clipboard with the tools the system has.

Tried in turn, only when found on PATH: wl-copy (Wayland), xclip and xsel
(X11), pbcopy (macOS), clip.exe (Windows and WSL). The X11 and Wayland tools
are skipped without a display, where they would fail or wait; every tool gets
a short timeout. The result says which tool worked, or why none did, so the
command line and the terminal app can tell the user (the app adds OSC 52).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..i18n import N_, translate

TIMEOUT = 3.0
"""Seconds a clipboard tool may take before it counts as failed."""


@dataclass(frozen=True)
class Tool:
    """A clipboard program: its command, the display it needs, how it wants the text."""

    name: str
    args: tuple[str, ...]
    needs: str | None = None
    """An environment variable that must be set (``WAYLAND_DISPLAY``, ``DISPLAY``)."""
    encoding: str = "utf-8"
    newline: str = "\n"
    utf8_locale: bool = False
    """Reads its input in the locale's encoding: run it in a UTF-8 locale."""


TOOLS: tuple[Tool, ...] = (
    Tool("wl-copy", ("wl-copy",), needs="WAYLAND_DISPLAY"),
    Tool("xclip", ("xclip", "-selection", "clipboard", "-in"), needs="DISPLAY"),
    Tool("xsel", ("xsel", "--clipboard", "--input"), needs="DISPLAY"),
    Tool("pbcopy", ("pbcopy",), utf8_locale=True),
    # clip.exe reads UTF-16 with its byte order mark as Unicode; Windows text has CRLF.
    Tool("clip.exe", ("clip.exe",), encoding="utf-16", newline="\r\n"),
)


TIMED_OUT = N_("no answer after {seconds} s")
STOPPED = N_("exit status {code}")
SAID = N_("it said: {said}")
SYSTEM_ERROR = N_("could not start it: {reason}")


@dataclass(frozen=True)
class Attempt:
    """A tool that did not take the text: ``problem`` is an interface msgid, ``params`` fill it in."""

    tool: str
    problem: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return translate(lang, self.problem, **self.params)


@dataclass(frozen=True)
class CopyResult:
    """``tool`` is the program that took the text, or None; ``attempts`` lists what failed."""

    tool: str | None
    attempts: tuple[Attempt, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.tool is not None


def available(environ: Mapping[str, str] | None = None) -> list[tuple[Tool, str]]:
    """The tools found on PATH whose display is there, with the program's full path."""
    env = os.environ if environ is None else environ
    found = []
    for tool in TOOLS:
        if tool.needs and not env.get(tool.needs):
            continue
        program = shutil.which(tool.args[0], path=env.get("PATH"))
        if program:
            found.append((tool, program))
    return found


def _run(tool: Tool, program: str, text: str, env: Mapping[str, str]) -> Attempt | None:
    """Give the text to one tool; None when it worked, else what went wrong."""
    data = text.replace("\r\n", "\n").replace("\n", tool.newline).encode(tool.encoding)
    if tool.utf8_locale:
        env = {**env, "LC_CTYPE": "UTF-8"}
    # The X11 and Wayland tools leave a process behind that keeps the clipboard: its
    # output goes to a file, never to a pipe this process would wait on.
    with tempfile.TemporaryFile() as errors:
        try:
            completed = subprocess.run(
                [program, *tool.args[1:]],
                input=data,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                timeout=TIMEOUT,
                env=dict(env),
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Attempt(tool.name, TIMED_OUT, {"seconds": f"{TIMEOUT:g}"})
        except OSError as error:
            return Attempt(tool.name, SYSTEM_ERROR, {"reason": error.strerror or str(error)})
        if completed.returncode != 0:
            errors.seek(0)
            said = errors.read(500).decode("utf-8", "replace").strip().splitlines()
            if said:
                return Attempt(tool.name, SAID, {"said": said[0]})
            return Attempt(tool.name, STOPPED, {"code": completed.returncode})
    return None


def copy(text: str, environ: Mapping[str, str] | None = None) -> CopyResult:
    """Put ``text`` on the clipboard with the first tool that works."""
    env = dict(os.environ if environ is None else environ)
    attempts: list[Attempt] = []
    for tool, program in available(env):
        failed = _run(tool, program, text, env)
        if failed is None:
            return CopyResult(tool.name, tuple(attempts))
        attempts.append(failed)
    return CopyResult(None, tuple(attempts))
