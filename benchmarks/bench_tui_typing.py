"""Typing into the app's fields against typing into a bare Textual Input / TextArea.

With Pilot, headless at 80 x 24, in this one process, interleaved runs of:

* amount: 500 keys into the amount field of the transaction step (each amount
  ``1.234,56`` typed, read back live as ``1 234,56 €``, then cleared with
  Ctrl+U), against the same keys into a bare app holding one ``Input``;
* description: 500 characters into the description editor (with its live
  character count), against the same keys into a bare app holding one ``TextArea``.

For a third figure that tells the read-back's own cost from the screen's, the
amount is also typed into the same transaction step with the read-back turned off.

Each key is posted to the app, then the test waits until every widget of the
screen has handled its messages and the screen is drawn again (``pilot.pause(0)``),
as after a real key press. That wait has a cost of its own, larger on a screen
with more widgets: it is measured by the same number of waits without keys, and
subtracted. Figures are CPU seconds of this process (wall time is printed too).

    python benchmarks/bench_tui_typing.py            # 3 runs of each
    python benchmarks/bench_tui_typing.py --runs 5 --check
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

TARGET = 1.2
"""Typing into our field may cost at most this many times typing into the bare widget."""
KEYS = 500
TODAY = date(2026, 11, 26)

AMOUNT_KEYS: list[str] = [*("1.234,56" + "\x15") * 60][:KEYS]
"""Amounts typed and cleared (``\\x15`` stands for Ctrl+U)."""
DESCRIPTION_KEYS: list[str] = [
    *(
        "Le marchand a remboursé la commande le 3 novembre, mais Alma a encore prélevé "
        "la deuxième échéance le 14 novembre. "
    )
    * 5
][:KEYS]

Setup = Callable[[Any], Awaitable[None]]


def key_event(char: str) -> Any:
    from textual import events
    from textual.keys import _character_to_key

    if char == "\x15":
        return events.Key("ctrl+u", None)
    return events.Key(char if char.isalnum() else _character_to_key(char), char)


def our_app() -> Any:
    from alma_contact.tui.app import AlmaContactApp

    return AlmaContactApp(ui_lang="fr", today=TODAY, blink=False)


def on_step(step_id: str) -> Setup:
    async def setup(pilot: Any) -> None:
        from alma_contact.answers import Answers

        app = pilot.app
        app.answers = Answers.from_document({"request": "refund", "details": {"refund": "full"}}, Path.cwd())
        app.goto(step_id)
        await pilot.pause()

    return setup


def bare_app(widget: str) -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Input, TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input() if widget == "input" else TextArea(soft_wrap=True)

        def on_mount(self) -> None:
            field = self.query_one(Input if widget == "input" else TextArea)
            field.cursor_blink = False
            field.focus()

    return Bare()


async def no_setup(pilot: Any) -> None:
    await pilot.pause()


async def run(
    make: Callable[[], Any], setup: Setup, keys: list[str], *, with_keys: bool
) -> tuple[float, float]:
    """CPU and wall seconds for ``keys`` (or for the same waits without keys)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await setup(pilot)
        await pilot.pause()
        typed_before = _typed(app)
        cpu, wall = time.process_time(), time.perf_counter()
        for char in keys:
            if with_keys:
                app.post_message(key_event(char))
            await pilot.pause(0)
        await pilot.pause()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        expected = _expected(keys) if with_keys else typed_before
        if _typed(app) != expected:
            sys.exit(f"typing went wrong: {_typed(app)!r} instead of {expected!r}")
    return cpu, wall


def _typed(app: Any) -> str:
    focused = app.focused
    return str(getattr(focused, "value", None) or getattr(focused, "text", ""))


def _expected(keys: list[str]) -> str:
    text = ""
    for char in keys:
        text = "" if char == "\x15" else text + char
    return text


def without_readback() -> Any:
    """Our app with the amount's live read-back turned off (to tell its cost from the screen's)."""
    from alma_contact.tui.screens.transaction import TransactionScreen

    class QuietTransaction(TransactionScreen):
        def _readback(self, box: Any) -> None:
            pass

    app = our_app()
    make_screen = app.make_screen
    app.make_screen = lambda step_id: QuietTransaction() if step_id == "transaction" else make_screen(step_id)
    return app


CASES: dict[str, tuple[Callable[[], Any], Setup, list[str]]] = {
    "amount, alma-contact": (our_app, on_step("transaction"), AMOUNT_KEYS),
    "amount, same step without read-back": (without_readback, on_step("transaction"), AMOUNT_KEYS),
    "amount, bare Input": (lambda: bare_app("input"), no_setup, AMOUNT_KEYS),
    "description, alma-contact": (our_app, on_step("description"), DESCRIPTION_KEYS),
    "description, bare TextArea": (lambda: bare_app("textarea"), no_setup, DESCRIPTION_KEYS),
}


async def measure(runs: int) -> dict[str, dict[str, list[float]]]:
    figures: dict[str, dict[str, list[float]]] = {name: {"cpu": [], "wall": [], "wait": []} for name in CASES}
    for _ in range(runs):
        for name, (make, setup, keys) in CASES.items():
            cpu, wall = await run(make, setup, keys, with_keys=True)
            wait, _ = await run(make, setup, keys, with_keys=False)
            figures[name]["cpu"].append(cpu - wait)
            figures[name]["wall"].append(wall)
            figures[name]["wait"].append(wait)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each case (default 3)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is over the target")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ.update({"HOME": home, "ALMA_CONTACT_CONFIG": str(Path(home) / "none.toml")})
        os.chdir(home)
        figures = asyncio.run(measure(args.runs))

    def median(name: str, what: str = "cpu") -> float:
        return statistics.median(figures[name][what])

    print(f"{KEYS} keys, median of {args.runs} interleaved runs; CPU seconds without the test's own waits")
    for name in CASES:
        print(
            f"  {name:38} {median(name) * 1000:7.0f} ms"
            f"   ({median(name) / KEYS * 1000:.2f} ms a key; wall {median(name, 'wall') * 1000:.0f} ms,"
            f" waits {median(name, 'wait') * 1000:.0f} ms)"
        )
    amount = median("amount, alma-contact") / median("amount, bare Input")
    screen = median("amount, same step without read-back") / median("amount, bare Input")
    readback = median("amount, alma-contact") / median("amount, same step without read-back")
    description = median("description, alma-contact") / median("description, bare TextArea")
    print(f"  ratio amount / bare Input            {amount:.2f} (target <= {TARGET})")
    print(f"    of which the step's other widgets  {screen:.2f}, the read-back {readback:.2f}")
    print(f"  ratio description / bare TextArea    {description:.2f} (target <= {TARGET})")
    return 1 if args.check and max(amount, description) > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
