"""A PDF letter against the text of the same letter, and the memory an .eml with 20 MB of files takes.

Time: whole-process wall time of

* ``python -m alma_contact render DRAFT --channel letter --format text`` and
* ``python -m alma_contact render DRAFT --channel letter --format pdf``,

run in turn (text, pdf, text, pdf, …) so that a busy moment of the machine hits
both alike, output to /dev/null, no user config file, a fixed "today". Prints
both medians and the ratio; the target is a PDF at most 1.5 times the text.
The draft must make a one-page letter (the script says so when it does not).

Memory: the peak resident size of ``render --format eml`` for the same draft
with 20 MB of random files attached, against the same command without them;
the difference is what the attachments cost (target: under 4 x 20 MB).

    python benchmarks/bench_pdf.py                    # 15 runs of each
    python benchmarks/bench_pdf.py --runs 31 --check  # exit 1 when a target is missed
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

TIME_TARGET = 1.5
"""The PDF may take at most this many times the text render."""
MEMORY_TARGET = 4.0
"""The attachments may cost at most this many times their size in resident memory."""
ATTACHED = 20 * 1024 * 1024

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DRAFT = ROOT / "examples" / "cancellation-fr.toml"


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident size in bytes of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n{errors.decode(errors='replace')}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, kilobytes elsewhere
    return elapsed, usage.ru_maxrss * scale


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def with_attachments(draft: Path, folder: Path) -> Path:
    """A copy of the draft (as JSON, which drafts may be) with four random 5 MiB files as evidence."""
    raw = draft.read_bytes()
    data = json.loads(raw) if raw.lstrip().startswith(b"{") else tomllib.loads(raw.decode("utf-8"))
    data["evidence"] = []
    for index in range(4):
        name = f"scan {index}.bin"
        (folder / name).write_bytes(os.urandom(ATTACHED // 4))
        data["evidence"].append(name)
    copy = folder / "draft.json"
    copy.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--draft",
        type=Path,
        default=DEFAULT_DRAFT,
        help="a TOML draft with an address (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=15, help="runs of each, at least 5 (default: 15)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--no-memory", action="store_true", help="skip the .eml memory measure")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    draft = str(args.draft.resolve())
    base = [sys.executable, "-m", "alma_contact", "render", draft, "--channel", "letter", "-o", "-"]
    commands = {"text": [*base, "--format", "text"], "pdf": [*base, "--format", "pdf"]}

    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, ALMA_CONTACT_CONFIG=str(Path(work) / "none.toml"))
        env.setdefault("ALMA_CONTACT_TODAY", "2026-11-26")
        pdf = subprocess.run(commands["pdf"], capture_output=True, env=env, check=True).stdout
        count = pages(pdf)
        for command in commands.values():  # warm the disk cache and the bytecode
            run_once(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(run_once(command, env)[0])

        memory: tuple[int, int] | None = None
        if not args.no_memory:
            folder = Path(work) / "evidence"
            folder.mkdir()
            heavy = with_attachments(args.draft.resolve(), folder)
            eml = [sys.executable, "-m", "alma_contact", "render"]
            out = str(Path(work) / "m.eml")
            light_rss = run_once([*eml, draft, "--format", "eml", "-o", out, "--force"], env)[1]
            heavy_rss = run_once([*eml, str(heavy), "--format", "eml", "-o", out, "--force"], env)[1]
            memory = (light_rss, heavy_rss)

    text, pdf_time = statistics.median(times["text"]), statistics.median(times["pdf"])
    ratio = pdf_time / text
    missed = ratio > TIME_TARGET
    print(f"Python {sys.version.split()[0]} at {sys.executable}; typst {_typst_version()}")
    print(f"draft: {draft} ({count} page{'s' if count != 1 else ''} as a letter)")
    if count != 1:
        print("  note: not a one-page letter; choose another draft with --draft")
    print(f"{args.runs} interleaved runs of each, medians:")
    print(f"  text letter  {text * 1000:8.1f} ms")
    print(f"  PDF letter   {pdf_time * 1000:8.1f} ms   ratio {ratio:.2f} (target <= {TIME_TARGET})")
    if memory:
        light_rss, heavy_rss = memory
        cost = (heavy_rss - light_rss) / ATTACHED
        missed = missed or cost > MEMORY_TARGET
        print(
            f".eml peak resident size: {light_rss / 1e6:.1f} MB without files, {heavy_rss / 1e6:.1f} MB with 20 MiB"
        )
        print(f"  the files cost {cost:.2f} x their size (target < {MEMORY_TARGET})")
    print("result: " + ("a target is missed" if missed else "within the targets"))
    return 1 if args.check and missed else 0


def _typst_version() -> str:
    try:
        from importlib.metadata import version

        return version("typst")
    except Exception:
        return "?"


if __name__ == "__main__":
    if not hasattr(os, "wait4"):
        sys.exit("this benchmark needs os.wait4 (Linux, macOS)")
    sys.exit(main())
