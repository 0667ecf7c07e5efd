"""Typing into the amount field in a real terminal (tmux), against a bare Textual Input.

A second opinion for ``bench_tui_typing.py``, without Pilot: each app runs in
its own process in an 80 x 24 tmux session; keys are sent one by one with
``tmux send-keys`` at a steady pace, as a fast typist would type them, and the
app process counts the CPU time it spent while they were typed (it is told when
to look at its clock by a signal). The CPU the same process spends doing nothing
for the same length of time is subtracted. Cases run in turn (A B C A B C …);
the ratios printed are medians over runs.

    python benchmarks/bench_tui_terminal.py                 # 3 runs of 300 keys
    python benchmarks/bench_tui_terminal.py --runs 5 --keys 450
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_tui_typing import AMOUNT_KEYS, TARGET, TODAY, bare_app, quiet_transaction

CASES = {
    "amount, alma-contact": "ours",
    "amount, same step without read-back": "quiet",
    "amount, bare Input": "bare",
}
GAP = 0.01
"""Seconds between two keys (tmux itself takes a few more to send each)."""


def serve(kind: str, clock_file: str) -> None:
    """In the app's process: write the CPU time used so far at each SIGUSR1, and run the app."""

    def write_clock(*_: Any) -> None:
        with open(clock_file, "a", encoding="ascii") as out:
            out.write(f"{time.process_time()}\n")

    signal.signal(signal.SIGUSR1, write_clock)
    if kind == "bare":
        bare_app("input").run()
        return
    from alma_contact.answers import Answers
    from alma_contact.tui.app import AlmaContactApp
    from alma_contact.tui.screens.base import BaseScreen, in_language

    class Typing(AlmaContactApp):
        """The app, on the payment step of a refund once started (as after Next)."""

        def make_screen(self, step_id: str) -> BaseScreen:
            if kind == "quiet" and step_id == "transaction":
                return in_language(quiet_transaction(), self.ui_lang)()  # the same keys in the footer
            return super().make_screen(step_id)

        def on_mount(self) -> None:
            self.answers = Answers.from_document(
                {"request": "refund", "details": {"refund": "full"}}, Path.cwd()
            )
            self.goto("transaction")

    Typing(ui_lang="fr", today=TODAY, blink=False).run()


SESSIONS = itertools.count()


def run_tmux(*args: str, socket: str) -> str:
    done = subprocess.run(["tmux", "-L", socket, "-f", os.devnull, *args], capture_output=True, text=True)
    return done.stdout


def measure(kind: str, keys: list[str], folder: Path) -> float:
    """CPU seconds the app spent on ``keys``, less what it spends idle for as long."""
    clock = folder / f"{kind}.clock"
    # A server of its own each time: one just killed may still hold its socket for a moment.
    tmux = functools.partial(run_tmux, socket=f"alma-contact-bench-{os.getpid()}-{next(SESSIONS)}")
    clock.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--serve", kind, str(clock)]
    tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "bench", shlex.join(command))
    tmux("set-option", "-t", "bench", "remain-on-exit", "on")  # an app that stops leaves its last words
    try:
        time.sleep(4)  # started and drawn
        found = tmux("list-panes", "-t", "bench", "-F", "#{pane_pid}").strip()
        if not found:
            sys.exit(f"the {kind} app did not start")
        pid = int(found)

        def look() -> None:
            try:
                os.kill(pid, signal.SIGUSR1)
            except ProcessLookupError:
                sys.exit(
                    f"the {kind} app stopped:\n" + tmux("capture-pane", "-p", "-t", "bench", "-S", "-50")
                )
            time.sleep(0.2)

        look()
        start = time.monotonic()
        for key in keys:
            if key == "\x15":
                tmux("send-keys", "-t", "bench", "C-u")
            else:
                tmux("send-keys", "-t", "bench", "-l", key)
            time.sleep(GAP)
        time.sleep(0.5)
        look()
        typed_for = time.monotonic() - start
        look()
        time.sleep(typed_for)
        look()
        screen = tmux("capture-pane", "-p", "-t", "bench")
    finally:
        tmux("kill-server")
    expected = ("".join(keys).rsplit("\x15", 1)[-1]) or None
    if expected and expected not in screen:
        sys.exit(f"typing went wrong in {kind}: {expected!r} is not on screen\n{screen}")
    marks = [float(line) for line in clock.read_text(encoding="ascii").split()]
    typing, idle = marks[1] - marks[0], marks[3] - marks[2]
    return typing - idle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each case (default 3)")
    parser.add_argument("--keys", type=int, default=300, help="keys typed in each run (default 300)")
    parser.add_argument("--serve", nargs=2, metavar=("KIND", "CLOCK_FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return 0
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for this benchmark")
    keys = [*AMOUNT_KEYS * (args.keys // len(AMOUNT_KEYS) + 1)][: args.keys]
    figures: dict[str, list[float]] = {name: [] for name in CASES}
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(
            {
                "HOME": home,
                "ALMA_CONTACT_CONFIG": str(Path(home) / "none.toml"),
                "TERM": "xterm-256color",
                "ALMA_CONTACT_TODAY": "2026-11-26",
            }
        )
        os.environ.pop("TMUX", None)
        os.chdir(home)
        for _ in range(args.runs):
            for name, kind in CASES.items():
                figures[name].append(measure(kind, keys, Path(home)))
    print(
        f"{args.keys} keys typed in tmux, one every {GAP * 1000:.0f} ms or so; app CPU time less idle, {args.runs} runs"
    )
    for name, runs in figures.items():
        shown = " ".join(f"{value * 1000:.0f}" for value in runs)
        print(f"  {name:38} {statistics.median(runs) / args.keys * 1000:5.2f} ms a key   (runs: {shown} ms)")

    def ratio(name: str, base: str) -> float:
        return statistics.median(a / b for a, b in zip(figures[name], figures[base], strict=True))

    amount = ratio("amount, alma-contact", "amount, bare Input")
    screen = ratio("amount, same step without read-back", "amount, bare Input")
    print(f"  ratio amount / bare Input            {amount:.2f} (target <= {TARGET})")
    print(f"    of which the step's other widgets  {screen:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
