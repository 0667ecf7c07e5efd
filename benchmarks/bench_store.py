"""The draft store with 1 000 drafts in it, against an empty store, side by side.

Two measures, each run interleaved (empty, full, empty, full, …) in fresh processes:

* ``alma-contact drafts list``: whole-process wall time;
* the app's first screen (which lists the drafts to go on with), launch to settled, as
  ``bench_tui_start.py`` measures it.

The target of both: the full store takes at most **1.1 times** the time of the empty one (the
list reads an index, not the drafts). Typing with the answers kept as they change is measured by
``bench_tui_typing.py`` (the app always keeps them).

    python benchmarks/bench_store.py              # 15 runs of each
    python benchmarks/bench_store.py --runs 31 --check
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
from bench_tui_start import run_once

TARGET = 1.1
DRAFTS = 1000


def fill(folder: Path, count: int) -> None:
    """A store with ``count`` drafts of the usual size (an empty store when 0)."""
    from alma_contact.store import Store

    with Store.open(folder) as store:
        for number in range(count):
            store.save(
                {
                    "language": "fr",
                    "channel": "email",
                    "request": "refund",
                    "description": f"Le commerçant a confirmé le remboursement de la commande {number}. " * 8,
                    "evidence": [],
                    "customer": {
                        "first_name": "Élise",
                        "last_name": f"Lefèvre {number}",
                        "email": "e@example.be",
                    },
                    "transaction": {
                        "amount": f"{number},90",
                        "date": "14/9/2026",
                        "order_number": f"A-{number}",
                    },
                    "details": {"refund": "full"},
                },
                folder,
            )


def list_once(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "alma_contact", "drafts", "list"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each (default 15)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is over the target")
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as home:
        base = dict(os.environ)
        base.update({"HOME": home, "ALMA_CONTACT_CONFIG": str(Path(home) / "none.toml")})
        envs = {}
        for kind, count in (("empty", 0), ("full", DRAFTS)):
            folder = Path(home) / kind
            fill(folder, count)
            envs[kind] = {**base, "ALMA_CONTACT_DATA_DIR": str(folder)}
        lists: dict[str, list[float]] = {"empty": [], "full": []}
        starts: dict[str, list[float]] = {"empty": [], "full": []}
        for kind in envs:  # warm-up
            list_once(envs[kind])
            run_once("ours", envs[kind])
        for _ in range(args.runs):
            for kind, env in envs.items():
                lists[kind].append(list_once(env))
                starts[kind].append(run_once("ours", env)[0])
    failed = False
    print(f"{DRAFTS} drafts against an empty store, medians of {args.runs} interleaved runs:")
    for label, times in (("alma-contact drafts list", lists), ("the app's first screen", starts)):
        empty, full = statistics.median(times["empty"]), statistics.median(times["full"])
        ratio = full / empty
        failed |= ratio > TARGET
        print(
            f"  {label:26} empty {empty * 1000:6.1f} ms, full {full * 1000:6.1f} ms: ratio {ratio:.2f} (target <= {TARGET})"
        )
    if args.check and failed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
