"""Start-up of the terminal app against a bare Textual app, and their peak memory.

Each run is a fresh Python process that starts an app headless
(``App.run(headless=True)``, 80 x 24) and exits as soon as its first screen is
mounted and idle:

* ours: ``AlmaContactApp`` on its start screen (French interface);
* bare: a Textual app showing a Header, an Input and a Footer.

Both go through exactly the same code here; only the app differs. The time
measured is from just before the process is launched to the moment the child
sees its first screen settled (both read the same monotonic clock). Runs are
interleaved (ours, bare, ours, bare, ...) so that a busy moment of the machine
hits both alike. Peak memory is the ``ru_maxrss`` of each child process.
Prints each median, the ratios and the targets; ``--check`` exits 1 when a
ratio is over its target.

    python benchmarks/bench_tui_start.py              # 15 runs of each
    python benchmarks/bench_tui_start.py --runs 31 --check
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import compile_package  # benchmarks/ is on the path of a script run from it

TIME_TARGET = 1.25
"""Our first screen may take at most this many times the bare app's."""
MEMORY_TARGET = 1.5
"""Our peak memory may be at most this many times the bare app's."""


def child(kind: str) -> None:
    """In the fresh process: start the app headless, report when its first screen is settled."""
    from textual.app import App

    if kind == "ours":
        from alma_contact.tui.app import AlmaContactApp

        app: App[object] = AlmaContactApp(ui_lang="fr", blink=False)  # type: ignore[assignment]
    else:
        from textual.app import ComposeResult
        from textual.widgets import Footer, Header, Input

        class Bare(App[object]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Input(placeholder="path of the draft")
                yield Footer()

        app = Bare()

    async def first_screen(pilot: object) -> None:
        await pilot.pause()  # type: ignore[attr-defined]  # the screen is mounted, drawn and idle
        print(f"settled {time.monotonic():.6f}", flush=True)
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=first_screen)  # type: ignore[arg-type]


def run_once(kind: str, env: dict[str, str]) -> tuple[float, int]:
    """Seconds from launch to the first screen settled, and the child's peak memory in KiB.

    The peak is this one child's (``os.wait4``); 0 where ``wait4`` does not exist (Windows).
    """
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, __file__, "--child", kind],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=env,
        )
        peak_kib = 0
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak_kib = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)  # bytes on macOS
        else:
            process.wait()
        out.seek(0)
        err.seek(0)
        settled = [line for line in out.read().decode().splitlines() if line.startswith("settled ")]
        if process.returncode != 0 or not settled:
            sys.exit(f"{kind} failed ({process.returncode}):\n{err.read().decode(errors='replace')}")
    return float(settled[0].split()[1]) - start, peak_kib


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each app (default 15)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is over its target")
    parser.add_argument("--child", choices=("ours", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0

    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update({"HOME": home, "ALMA_CONTACT_CONFIG": str(Path(home) / "none.toml")})
        env.pop("TEXTUAL", None)  # no devtools
        env.pop("TEXTUAL_DEBUG", None)
        # As after "pip install": our bytecode exists even where PYTHONDONTWRITEBYTECODE
        # keeps Python from writing it (Textual's, in site-packages, was compiled at install).
        compile_package()
        for kind in ("ours", "bare"):  # warm-up: disk cache
            run_once(kind, env)
        times: dict[str, list[float]] = {"ours": [], "bare": []}
        peaks: dict[str, list[int]] = {"ours": [], "bare": []}
        for _ in range(args.runs):
            for kind in ("ours", "bare"):
                seconds, peak = run_once(kind, env)
                times[kind].append(seconds)
                peaks[kind].append(peak)

    time_ratio = statistics.median(times["ours"]) / statistics.median(times["bare"])
    print(f"launch to first screen settled, median of {args.runs} interleaved runs each:")
    for kind, label in (("ours", "alma-contact start screen"), ("bare", "bare Header+Input+Footer")):
        values = times[kind]
        print(
            f"  {label:28} {statistics.median(values) * 1000:7.1f} ms"
            f"  (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"
        )
    print(f"  ratio {time_ratio:.2f} (target <= {TIME_TARGET})")
    failed = time_ratio > TIME_TARGET
    if all(peaks["ours"]) and all(peaks["bare"]):
        memory_ratio = statistics.median(peaks["ours"]) / statistics.median(peaks["bare"])
        print("peak memory (ru_maxrss of each process), median:")
        print(f"  {'alma-contact start screen':28} {statistics.median(peaks['ours']) / 1024:7.1f} MiB")
        print(f"  {'bare Header+Input+Footer':28} {statistics.median(peaks['bare']) / 1024:7.1f} MiB")
        print(f"  ratio {memory_ratio:.2f} (target <= {MEMORY_TARGET})")
        failed = failed or memory_ratio > MEMORY_TARGET
    return 1 if (args.check and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
