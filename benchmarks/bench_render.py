"""Start-up cost of ``alma-contact render``, measured against its own libraries.

Whole-process wall time of

* the baseline: ``python -c "from pydantic import BaseModel; import jinja2, babel.numbers, babel.dates"``
  (the least any program built on these libraries pays), and
* ``python -m alma_contact render DRAFT --format text`` and, when it is installed
  beside this Python, the ``alma-contact`` script itself,

run interleaved (baseline, module, script, baseline, …) so that a busy moment of
the machine hits all of them alike. Output goes to /dev/null. Prints each median,
the ratio to the baseline and the target; ``--check`` exits 1 when a ratio is
over the target.

    python benchmarks/bench_render.py            # 21 runs of each
    python benchmarks/bench_render.py --runs 41 --check
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import compile_package  # benchmarks/ is on the path of a script run from it

TARGET = 1.6
"""The render command may take at most this many times the baseline."""

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DRAFT = ROOT / "examples" / "refund-partial-fr.toml"
BASELINE = "from pydantic import BaseModel; import jinja2, babel.numbers, babel.dates"


def installed_script() -> str | None:
    """The ``alma-contact`` script of this Python's environment, if there is one."""
    name = "alma-contact.exe" if os.name == "nt" else "alma-contact"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    return found


def _children_cpu() -> float:
    """CPU time (user + system) used so far by finished children; NaN where unknown (Windows)."""
    try:
        import resource
    except ImportError:
        return float("nan")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time, and CPU time of the child, in seconds."""
    before = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(
            f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode(errors='replace')}"
        )
    return elapsed, _children_cpu() - before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--draft", type=Path, default=DEFAULT_DRAFT, help="draft to render (default: %(default)s)"
    )
    parser.add_argument(
        "--runs", type=int, default=21, help="runs of each command, at least 15 (default: 21)"
    )
    parser.add_argument("--check", action="store_true", help=f"exit 1 when a ratio is over {TARGET}")
    parser.add_argument("--no-script", action="store_true", help="time only python -m alma_contact")
    args = parser.parse_args()
    if args.runs < 15:
        parser.error("--runs must be at least 15")
    draft = str(args.draft.resolve())

    commands: dict[str, list[str]] = {
        "baseline": [sys.executable, "-c", BASELINE],
        "python -m alma_contact": [sys.executable, "-m", "alma_contact", "render", draft, "--format", "text"],
    }
    script = None if args.no_script else installed_script()
    if script:
        commands["alma-contact script"] = [script, "render", draft, "--format", "text"]

    with tempfile.TemporaryDirectory() as empty:
        # No user config file, a fixed day: every run does the same work.
        env = dict(os.environ, ALMA_CONTACT_CONFIG=str(Path(empty) / "none.toml"))
        env.setdefault("ALMA_CONTACT_TODAY", "2026-11-26")
        # As after "pip install": the package's bytecode exists even where
        # PYTHONDONTWRITEBYTECODE keeps Python from writing it on import.
        compile_package()
        for command in commands.values():  # warm the disk cache and the compiled templates
            run_once(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu_times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = run_once(command, env)
                times[name].append(wall)
                cpu_times[name].append(cpu)

    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu_times.items()}
    base, cpu_base = medians["baseline"], cpu_medians["baseline"]
    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    print(f"draft: {draft}")
    print(f"{args.runs} interleaved runs of each; medians of wall time (CPU time in brackets):")
    over = False
    for name, median in medians.items():
        line = f"  {name:<24} {median * 1000:8.1f} ms ({cpu_medians[name] * 1000:6.1f} ms CPU)"
        if name != "baseline":
            ratio = median / base
            over = over or ratio > TARGET
            line += f"   ratio {ratio:.2f} (CPU {cpu_medians[name] / cpu_base:.2f}), target <= {TARGET}"
        print(line)
    print("result: " + ("over the target" if over else "within the target") + " (the wall-time ratio counts)")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
