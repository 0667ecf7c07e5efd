"""A second, independent reader of the .eml: munpack (Debian's mpack, in C) unpacks the attachments."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import EVIDENCE, DraftFactory, Runner

needs_munpack = pytest.mark.skipif(
    shutil.which("munpack") is None and not os.environ.get("CI"),
    reason="munpack is not installed (Debian: apt-get install mpack); CI installs it",
)


@needs_munpack
def test_munpack_unpacks_every_attachment_byte_for_byte(
    draft_file: DraftFactory, run: Runner, tmp_path: Path
) -> None:
    draft = draft_file(evidence=EVIDENCE)
    out = tmp_path / "unpacked"
    out.mkdir()
    eml = out / "message.eml"
    result = run("render", draft, "--format", "eml", "-o", eml)
    assert result.returncode == 0, result.stderr.decode()
    unpacked = subprocess.run(
        ["munpack", "-q", "-C", str(out), eml.name], capture_output=True, check=False, timeout=60
    )
    assert unpacked.returncode == 0, unpacked.stderr.decode(errors="replace")
    # munpack predates RFC 2231 file names: it renames files (spaces become X, encoded names
    # become part1, part2…), so each attachment is found by its content, byte for byte.
    contents = [p.read_bytes() for p in out.iterdir() if p.name != eml.name and not p.name.endswith(".desc")]
    # It also writes text/* parts with Unix line ends, whatever the bytes sent.
    for name, content in EVIDENCE.items():
        wanted = content.replace(b"\r\n", b"\n") if name.endswith(".txt") else content
        assert wanted in contents, f"{name!r} was not unpacked intact"
