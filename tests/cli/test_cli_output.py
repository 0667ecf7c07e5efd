"""Where the command line writes: streams, links, pipes, devices, signals, names it cannot use, echoes.

Every test runs the real program in a process of its own, as a shell would.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import DRAFT_TOML, Result, Run, assert_clean_failure, base_env


def _command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "alma_contact", "--ui-lang", "en", *map(str, args)]


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# --- standard output and error, links -------------------------------------------------------


def test_a_link_to_standard_output_redirected_to_a_file_is_written_through(
    draft: Path, tmp_path: Path
) -> None:
    """``-o /dev/stdout --force > out.txt`` used to replace the link /dev/stdout with a regular file.

    The real /dev/stdout is never put at risk here: ``stdout-link`` is the same kind of link
    (/dev/stdout -> /proc/self/fd/1) in the test's own folder.
    """
    link = tmp_path / "stdout-link"
    link.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.txt"
    with out.open("wb") as handle:
        done = subprocess.run(
            _command("render", draft, "-o", link, "--force"),
            stdout=handle,
            stderr=subprocess.PIPE,
            env=base_env(tmp_path),
            timeout=60,
            check=False,
        )
    assert done.returncode == 0, done.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert "Meubles Dupont" in out.read_text(encoding="utf-8")
    assert _parts(tmp_path) == []


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/stderr"])
def test_dev_stdout_and_stderr_are_the_streams(run: Run, draft: Path, name: str) -> None:
    result = run("render", str(draft), "-o", name)
    assert result.code == 0, result
    written = result.out if name == "/dev/stdout" else result.err
    assert "Meubles Dupont" in written
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


def test_a_link_keeps_pointing_at_the_file_it_replaces(run: Run, draft: Path, tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    real = tmp_path / "keep" / "message.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "message.txt"
    link.symlink_to(real)
    result = run("render", str(draft), "-o", str(link), "--force")
    assert result.code == 0, result
    assert link.is_symlink() and "Meubles Dupont" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


# --- named pipes: refused, never waited for ------------------------------------------------


def test_a_named_pipe_as_output_is_refused_at_once(draft: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    started = time.monotonic()
    done = subprocess.run(
        _command("render", draft, "-o", pipe, "--force"),
        capture_output=True,
        env=base_env(tmp_path),
        timeout=30,  # it used to wait for a reader for ever
        check=False,
    )
    assert time.monotonic() - started < 30
    result = Result(done.returncode, done.stdout.decode(), done.stderr.decode())
    assert_clean_failure(result, 1)
    assert "not a regular file" in result.err
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and _parts(tmp_path) == []


# --- signals ------------------------------------------------------------------------------


def _slow_export(tmp_path: Path) -> tuple[list[str], Path]:
    """An .eml export of a 2 GB sparse evidence file: several seconds of streaming."""
    (tmp_path / "confirmation.pdf").write_bytes(b"%PDF-1.4\n")
    big = tmp_path / "big.bin"
    subprocess.run(["truncate", "-s", "2G", str(big)], check=True)
    draft = tmp_path / "draft.toml"
    draft.write_text(
        DRAFT_TOML.replace('evidence = ["confirmation.pdf"]', 'evidence = ["big.bin"]'), encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    return _command("render", draft, "--format", "eml", "-o", out / "m.eml"), out


def _wait_for_part(process: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 60
    while not _parts(folder):
        assert process.poll() is None, "the export ended before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.2)  # well into the writing


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stopped_export_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    command, out = _slow_export(tmp_path)
    process = subprocess.Popen(
        command, env=base_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_for_part(process, out)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 128 + signum, err.decode()
    assert "Traceback" not in err.decode()
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_a_killed_export_is_cleaned_up_by_the_next_save(tmp_path: Path, draft: Path) -> None:
    """SIGKILL cannot be caught: its file stays until the next save in that folder, which removes it."""
    command, out = _slow_export(tmp_path)
    process = subprocess.Popen(command, env=base_env(tmp_path), stdout=subprocess.DEVNULL)
    try:
        _wait_for_part(process, out)
        process.kill()
        process.wait(timeout=60)
    finally:
        process.kill()
    left = _parts(out)
    assert len(left) == 1 and f".alma-contact-{process.pid}-" in left[0]
    done = subprocess.run(
        _command("render", draft, "-o", out / "other.txt"), env=base_env(tmp_path), capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == ["other.txt"]


# --- names no file can have -----------------------------------------------------------------


def test_no_such_user(run: Run, draft: Path) -> None:
    result = run("render", str(draft), "-o", "~nosuchuser-alma/x.txt")
    assert_clean_failure(result, 2)
    assert "nosuchuser-alma" in result.err and "no user" in result.err


def test_a_name_over_255_bytes(run: Run, draft: Path, tmp_path: Path) -> None:
    result = run("render", str(draft), "-o", str(tmp_path / ("x" * 300)))
    assert_clean_failure(result, 2)
    assert "at most 255 bytes" in result.err
    assert "x" * 250 not in result.err  # the name is cut when echoed


# --- echoes -------------------------------------------------------------------------------


def test_an_escape_in_the_output_name_does_not_reach_the_terminal(
    run: Run, draft: Path, tmp_path: Path
) -> None:
    name = "a\x1b]0;pwned\x07\x1b[2J.txt"
    result = run("render", str(draft), "-o", name)
    assert result.code == 0, result
    assert "\x1b" not in result.both and "\x07" not in result.both
    assert "\\x1b]0;pwned\\x07" in result.err
    assert (tmp_path / name).exists()


def test_a_long_path_is_cut_when_echoed(run: Run, draft: Path, tmp_path: Path) -> None:
    folder = tmp_path / ("d" * 250)
    folder.mkdir()
    result = run("render", str(draft), "-o", str(folder / "message.txt"))
    assert result.code == 0, result
    line = next(line for line in result.err.splitlines() if line.startswith("Written:"))
    assert "…" in line and line.endswith("message.txt") and len(line) <= len("Written: ") + 200


# --- the streams themselves -----------------------------------------------------------------


def test_an_ascii_terminal_gets_the_whole_checklist(run: Run, draft: Path) -> None:
    result = run("check", str(draft), env={"PYTHONIOENCODING": "ascii"})
    assert result.code == 0, result
    assert "unexpected" not in result.err
    assert "\\u2713" in result.out  # ✓, escaped rather than stopping half-way


def _closed_stdout(tmp_path: Path, *args: str | Path) -> Result:
    done = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *_command(*args)],
        capture_output=True,
        env=base_env(tmp_path),
        timeout=60,
        check=False,
    )
    return Result(done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_closed_standard_output_fails_alike(draft: Path, tmp_path: Path, command: str) -> None:
    """What is asked for cannot be written: exit 1 with a message, for every command alike."""
    result = _closed_stdout(tmp_path, command, draft)
    assert_clean_failure(result, 1)
    assert "standard output is closed" in result.err


def test_a_closed_standard_output_does_not_matter_with_a_file(draft: Path, tmp_path: Path) -> None:
    result = _closed_stdout(tmp_path, "render", draft, "-o", tmp_path / "m.txt")
    assert result.code == 0, result
    assert "Meubles Dupont" in (tmp_path / "m.txt").read_text(encoding="utf-8")


def test_a_closed_standard_input_reads_as_empty(draft: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        ["sh", "-c", '"$@" <&-', "sh", *_command("check", "-")],
        capture_output=True,
        env=base_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert_clean_failure(Result(done.returncode, done.stdout.decode(), done.stderr.decode()), 2)
