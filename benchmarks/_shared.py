"""What the benchmark scripts share."""

from __future__ import annotations

from pathlib import Path


def compile_package() -> None:
    """Byte-compile the alma_contact package, as "pip install" does.

    Where PYTHONDONTWRITEBYTECODE is set, Python never writes the bytecode of a
    source checkout, and every run would compile our modules again while the
    libraries of the baseline, compiled at their install, do not.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("alma_contact")
    if spec is not None and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)
