"""Running ``alma-contact`` as a person would: a real process, a fixed day, no user config, an explicit LANG."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import DRAFT_TOML, Result, Run, base_env, script_path


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """``run("check", "draft.toml", input=b"...", lang="fr_BE.UTF-8", script=True, env={...})``."""

    def runner(
        *args: str,
        input: bytes | str | None = None,
        lang: str = "C.UTF-8",
        script: bool = False,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 60,
    ) -> Result:
        if script:
            path = script_path()
            if path is None:
                pytest.skip("the alma-contact script is not installed")
            command = [path, *args]
        else:
            command = [sys.executable, "-m", "alma_contact", *args]
        environment = base_env(tmp_path, lang)
        environment.update(env or {})
        data = input.encode("utf-8") if isinstance(input, str) else input
        done = subprocess.run(
            command,
            input=data if data is not None else b"",
            capture_output=True,
            env=environment,
            cwd=cwd or tmp_path,
            timeout=timeout,
            check=False,
        )
        return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))

    return runner


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A valid draft file with its evidence beside it."""
    (tmp_path / "confirmation.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 1991)
    path = tmp_path / "draft.toml"
    path.write_text(DRAFT_TOML, encoding="utf-8")
    return path


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file in the test's folder and return its path."""

    def writer(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return writer
