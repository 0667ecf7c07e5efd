"""Typing into the app's fields against typing into a bare Textual Input / TextArea.

With Pilot, headless at 80 x 24, in this one process:

* amount: 500 keys into the amount field of the transaction step (each amount
  ``1.234,56`` typed, read back live as ``1 234,56 €``, then cleared with
  Ctrl+U), against the same keys into a bare app holding one ``Input``;
* description: 500 characters into the description editor (with its live
  character count), against the same keys into a bare app holding one ``TextArea``.

For a third figure that tells the read-back's own cost from the screen's, the
amount is also typed into the same transaction step with the read-back turned off.

The apps being compared run side by side in the same event loop and take the
keys in turn, one key each: a machine that slows down for a moment slows them
all, where whole runs one after the other differed by a fifth from run to run.
After each key the script lets the event loop run until the message queue of
that app and of every widget of its screen is empty (the key and every message it
caused handled), then draws the screen again, as the app does after a real key
press. The CPU time of each key is counted for its app; the same wait without a
key is counted too and subtracted (it is small: Pilot's own wait, which posts a
message to every widget, would cost more than the typing on a screen with many
widgets). Each run uses fresh apps; the ratios printed are the medians over runs.

    python benchmarks/bench_tui_typing.py            # 3 runs
    python benchmarks/bench_tui_typing.py --runs 5 --check
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

TARGET = 1.5
"""Typing into our field may cost at most this many times typing into the bare widget (both
drawn by Textual's own compositor)."""
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


async def settle(pumps: list[Any]) -> None:
    """Run the event loop until no message waits in any of ``pumps``, twice in a row (a message
    being handled may post others)."""
    quiet = 0
    while quiet < 2:
        await asyncio.sleep(0)
        quiet = quiet + 1 if not any(pump._message_queue.values for pump in pumps) else 0


async def press(app: Any, pumps: list[Any], char: str | None) -> float:
    """CPU seconds for one key (or for the same wait without a key) and the repaint after it."""
    with app._context():  # the apps run side by side: each draws as itself
        start = time.process_time()
        if char is not None:
            app.post_message(key_event(char))
        await settle(pumps)
        app.screen._on_timer_update()  # draw what changed, as the app's refresh timer does
        return time.process_time() - start


async def run(cases: list[Case], keys: list[str]) -> dict[str, float]:
    """One run: fresh apps for ``cases``, the keys typed into each in turn; CPU seconds each."""
    async with contextlib.AsyncExitStack() as stack:
        apps, pumps = [], []
        for make, setup in cases.values():
            app = make()
            pilot = await stack.enter_async_context(app.run_test(size=(80, 24)))
            await setup(pilot)
            await pilot.pause()
            apps.append((app, pilot))
            pumps.append([app, *app.screen.walk_children(with_self=True)])
        spent = dict.fromkeys(cases, 0.0)
        turns = list(zip(cases, apps, pumps, strict=True))
        for index, char in enumerate(keys):
            # Whoever goes first after a key was measured to pay more: each app goes first in turn.
            first = index % len(turns)
            for name, (app, _), widgets in turns[first:] + turns[:first]:
                spent[name] += await press(app, widgets, char) - await press(app, widgets, None)
        for name, (app, pilot) in zip(cases, apps, strict=True):
            with app._context():  # each app's screens find their own app
                await pilot.pause()
            if _typed(app) != _expected(keys):
                sys.exit(f"typing went wrong in {name}: {_typed(app)!r} instead of {_expected(keys)!r}")
    return spent


def _typed(app: Any) -> str:
    focused = app.focused
    return str(getattr(focused, "value", None) or getattr(focused, "text", ""))


def _expected(keys: list[str]) -> str:
    text = ""
    for char in keys:
        text = "" if char == "\x15" else text + char
    return text


def quiet_transaction() -> Any:
    """The transaction step with the amount's live read-back turned off."""
    from alma_contact.tui.screens.transaction import TransactionScreen

    class QuietTransaction(TransactionScreen):
        def reader_for(self, question: Any) -> None:
            return None

    return QuietTransaction


def without_readback() -> Any:
    """Our app with the amount's live read-back turned off (to tell its cost from the screen's)."""
    from alma_contact.tui.screens.base import in_language

    app = our_app()
    quiet = in_language(quiet_transaction(), app.ui_lang)  # the same keys in the footer
    make_screen = app.make_screen
    app.make_screen = lambda step_id: quiet() if step_id == "transaction" else make_screen(step_id)
    return app


Case = tuple[Callable[[], Any], Setup]

AMOUNT: dict[str, Case] = {
    "amount, alma-contact": (our_app, on_step("transaction")),
    "amount, same step without read-back": (without_readback, on_step("transaction")),
    "amount, bare Input": (lambda: bare_app("input"), no_setup),
}
DESCRIPTION: dict[str, Case] = {
    "description, alma-contact": (our_app, on_step("description")),
    "description, bare TextArea": (lambda: bare_app("textarea"), no_setup),
}


async def measure(runs: int) -> list[dict[str, float]]:
    figures = []
    for _ in range(runs):
        figures.append({**await run(AMOUNT, AMOUNT_KEYS), **await run(DESCRIPTION, DESCRIPTION_KEYS)})
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs (default 3)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is over the target")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ.update({"HOME": home, "ALMA_CONTACT_CONFIG": str(Path(home) / "none.toml")})
        os.chdir(home)
        figures = asyncio.run(measure(args.runs))

    def median(name: str) -> float:
        return statistics.median(run[name] for run in figures)

    def ratio(name: str, base: str) -> float:
        return statistics.median(run[name] / run[base] for run in figures)

    print(
        f"{KEYS} keys, {args.runs} runs; CPU per key, median over runs (apps side by side, one key each in turn)"
    )
    for name in (*AMOUNT, *DESCRIPTION):
        runs = " ".join(f"{run[name] * 1000:.0f}" for run in figures)
        print(f"  {name:38} {median(name) / KEYS * 1000:5.2f} ms a key   (runs: {runs} ms)")
    amount = ratio("amount, alma-contact", "amount, bare Input")
    screen = ratio("amount, same step without read-back", "amount, bare Input")
    readback = ratio("amount, alma-contact", "amount, same step without read-back")
    description = ratio("description, alma-contact", "description, bare TextArea")
    print(f"  ratio amount / bare Input            {amount:.2f} (target <= {TARGET})")
    print(f"    of which the step's other widgets  {screen:.2f}, the read-back {readback:.2f}")
    print(f"  ratio description / bare TextArea    {description:.2f} (target <= {TARGET})")
    return 1 if args.check and max(amount, description) > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
