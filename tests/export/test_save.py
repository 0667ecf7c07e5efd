"""Saving safely: no overwrite unless asked, private files, no partial file on any failure.

The tests run as root, and root writes in any folder whatever its permission
bits, so a read-only folder is made two ways: a real read-only file system
(a tmpfs mounted read-only in a private mount namespace with ``unshare``,
when the system allows it) and a simulated one (``tempfile.mkstemp`` made to
fail as the kernel would). A full disk is likewise a real 64 kB tmpfs, and a
simulated ``ENOSPC`` from ``write`` and from ``fsync``.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import pytest

from alma_contact.export import save as module
from alma_contact.export.save import SaveError, save

from .conftest import EVIDENCE, DraftFactory, Runner, cli_env


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _left_over(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# --- the function ---------------------------------------------------------------------------


def test_new_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        assert save(b"data", tmp_path / "a.txt") == tmp_path / "a.txt"
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").read_bytes() == b"data"
    assert _mode(tmp_path / "a.txt") == 0o600


def test_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(SaveError) as caught:
        save(b"new", target)
    assert caught.value.message == module.EXISTS
    assert target.read_bytes() == b"old"
    assert _left_over(tmp_path) == []


def test_force_replaces_and_makes_private(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    target.chmod(0o644)
    save(b"new", target, force=True)
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o600


def test_dangling_symlink_is_not_followed(tmp_path: Path) -> None:
    link = tmp_path / "a.txt"
    link.symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(SaveError):
        save(b"new", link)
    assert not (tmp_path / "elsewhere.txt").exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/a.txt", module.NO_FOLDER),
        ("file/a.txt", module.NOT_FOLDER),
        ("folder", module.IS_FOLDER),
    ],
)
def test_wrong_places(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "file").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    with pytest.raises(SaveError) as caught:
        save(b"x", tmp_path / target)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.EACCES, module.READ_ONLY), (errno.EROFS, module.READ_ONLY_DISK)],
)
def test_read_only_folder_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    def refuse(**_: object) -> tuple[int, str]:
        raise (PermissionError if code == errno.EACCES else OSError)(code, os.strerror(code))

    monkeypatch.setattr(module.tempfile, "mkstemp", refuse)
    with pytest.raises(SaveError) as caught:
        save(b"x", tmp_path / "a.txt")
    assert caught.value.message == message
    assert list(tmp_path.iterdir()) == []


def test_full_disk_while_writing(tmp_path: Path) -> None:
    def write(out: BinaryIO) -> None:
        out.write(b"x" * 10_000)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(SaveError) as caught:
        save(write, tmp_path / "a.eml")
    assert caught.value.message == module.DISK_FULL
    assert list(tmp_path.iterdir()) == []


def test_full_disk_at_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(module.os, "fsync", fsync)
    with pytest.raises(SaveError) as caught:
        save(b"x" * 10_000, tmp_path / "a.pdf")
    assert caught.value.message == module.DISK_FULL
    assert list(tmp_path.iterdir()) == []


def test_file_appearing_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"

    def write(out: BinaryIO) -> None:
        out.write(b"ours")
        target.write_bytes(b"theirs")  # another program saved the same name meanwhile

    with pytest.raises(SaveError) as caught:
        save(write, target)
    assert caught.value.message == module.EXISTS
    assert target.read_bytes() == b"theirs"
    assert _left_over(tmp_path) == []


def test_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File systems without hard links (FAT on a USB stick) still get the file."""

    def no_link(source: str, target: Path) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(module.os, "link", no_link)
    save(b"data", tmp_path / "a.txt")
    assert (tmp_path / "a.txt").read_bytes() == b"data"
    assert _left_over(tmp_path) == []


def test_a_failing_writer_leaves_nothing(tmp_path: Path) -> None:
    def write(out: BinaryIO) -> None:
        out.write(b"half")
        raise ValueError("stop")

    with pytest.raises(ValueError, match="stop"):
        save(write, tmp_path / "a.txt")
    assert list(tmp_path.iterdir()) == []


def test_standard_output_takes_bytes_as_they_are() -> None:
    out = BytesIO()
    data = bytes(range(256)) + b"\r\n\x00"
    assert save(data, "-", stdout=out) is None
    assert out.getvalue() == data
    streamed = BytesIO()
    save(lambda s: s.write(data), "-", stdout=streamed)
    assert streamed.getvalue() == data


# --- through the command line ---------------------------------------------------------------

FORMATS = {"text": "message.txt", "json": "message.json", "eml": "message.eml", "pdf": "letter.pdf"}


@pytest.mark.parametrize("fmt", [*FORMATS, "mailto"])
def test_every_format_is_private_and_never_overwritten(
    draft_file: DraftFactory, run: Runner, fmt: str
) -> None:
    options = (
        {"channel": "letter"} if fmt == "pdf" else {"language": "nl", "description": "Betaling geweigerd."}
    )
    draft = draft_file(**options)
    target = draft.parent / FORMATS.get(fmt, "link.txt")
    first = run("render", draft, "--format", fmt, "-o", target)
    assert first.returncode == 0, first.stderr.decode()
    assert _mode(target) == 0o600
    assert f"Written: {target}" in first.stderr.decode()
    target.write_bytes(b"mine")
    again = run("render", draft, "--format", fmt, "-o", target)
    assert again.returncode == 1
    assert "already exists" in again.stderr.decode() and "--force" in again.stderr.decode()
    assert target.read_bytes() == b"mine"
    forced = run("render", draft, "--format", fmt, "-o", target, "--force")
    assert forced.returncode == 0
    assert target.read_bytes() != b"mine"
    assert _mode(target) == 0o600
    assert _left_over(draft.parent) == []


def test_missing_folder_through_the_command_line(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(channel="letter")
    result = run("render", draft, "--format", "pdf", "-o", draft.parent / "nope" / "letter.pdf")
    assert result.returncode == 1
    assert "does not exist" in result.stderr.decode()


def _private_mount_works() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


real_mounts = pytest.mark.skipif(
    not _private_mount_works(), reason="needs root and unshare to mount a private tmpfs"
)


def _in_private_mount(
    options: str, folder: Path, command: list[str], env: dict[str, str]
) -> tuple[int, str, str]:
    """Run ``command`` with a fresh tmpfs on ``folder``, seen by this command only; list it after."""
    script = (
        'mount -t tmpfs -o "$1" tmpfs "$2" || exit 99; shift 2; "$@"; code=$?; '
        'echo "--- left:"; ls -A "$ALMA_TEST_FOLDER"; exit $code'
    )
    result = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
            options,
            str(folder),
            *command,
        ],
        capture_output=True,
        env={**env, "ALMA_TEST_FOLDER": str(folder)},
        timeout=60,
        check=False,
    )
    out = result.stdout.decode()
    left = out.partition("--- left:")[2]
    return result.returncode, result.stderr.decode(), left.strip()


@real_mounts
def test_read_only_file_system(draft_file: DraftFactory, tmp_path: Path) -> None:
    draft = draft_file(channel="letter")
    folder = tmp_path / "read-only"
    folder.mkdir()
    command = [sys.executable, "-m", "alma_contact", "--ui-lang", "en", "render", str(draft)]
    code, err, left = _in_private_mount(
        "ro,size=1m",
        folder,
        [*command, "--format", "pdf", "-o", str(folder / "letter.pdf")],
        cli_env(tmp_path),
    )
    assert code == 1, err
    assert "read-only" in err
    assert left == ""


@real_mounts
def test_full_file_system(draft_file: DraftFactory, tmp_path: Path) -> None:
    """A 64 kB disk and a 300 kB email: a clear message, and nothing left on the disk."""
    evidence = {**EVIDENCE, "scan.bin": os.urandom(300_000)}
    draft = draft_file(evidence)
    folder = tmp_path / "small-disk"
    folder.mkdir()
    command = [sys.executable, "-m", "alma_contact", "--ui-lang", "en", "render", str(draft)]
    code, err, left = _in_private_mount(
        "size=64k", folder, [*command, "--format", "eml", "-o", str(folder / "m.eml")], cli_env(tmp_path)
    )
    assert code == 1, err
    assert "the disk is full" in err
    assert left == ""


def test_a_named_pipe_is_refused_not_waited_for(tmp_path: Path) -> None:
    """Opening a pipe nobody reads blocks for ever: a pipe is refused before it is opened."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(SaveError) as caught:
        save(b"data", pipe, force=True)
    assert caught.value.message == module.NOT_REGULAR
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left


def test_a_link_to_a_pipe_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "link").symlink_to(pipe)
    with pytest.raises(SaveError) as caught:
        save(b"data", tmp_path / "link", force=True)
    assert caught.value.message == module.NOT_REGULAR


def test_a_link_stays_a_link_and_its_file_is_replaced(tmp_path: Path) -> None:
    """``--force`` on a link replaces the file it points to, atomically in that file's folder."""
    (tmp_path / "real").mkdir()
    file = tmp_path / "real" / "a.txt"
    file.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(file)
    with pytest.raises(SaveError) as caught:
        save(b"new", link)
    assert caught.value.message == module.EXISTS
    assert save(b"new", link, force=True) == link
    assert link.is_symlink() and link.resolve() == file
    assert file.read_bytes() == b"new" and _mode(file) == 0o600
    assert _left_over(tmp_path) == [] and _left_over(tmp_path / "real") == []


def test_a_dangling_link_is_not_followed_even_with_force(tmp_path: Path) -> None:
    link = tmp_path / "a.txt"
    link.symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(SaveError) as caught:
        save(b"new", link, force=True)
    assert caught.value.message == module.DANGLING
    assert link.is_symlink() and not (tmp_path / "elsewhere.txt").exists()


def test_streams_without_a_buffer_do_not_matter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the terminal app, sys.stdout and sys.stderr are Textual's print capture, with no ``buffer``."""

    class Capture:
        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setattr(sys, "stdout", Capture())
    monkeypatch.setattr(sys, "stderr", Capture())
    target = tmp_path / "draft.toml"
    target.write_bytes(b"old")
    assert save(b"new", target, force=True) == target
    assert target.read_bytes() == b"new"


def test_no_such_user_is_a_wrong_name(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as caught:
        save(b"x", "~nosuchuser-alma/x.txt")
    assert caught.value.message == module.NO_USER and caught.value.wrong_name
    assert caught.value.params["user"] == "nosuchuser-alma"


def test_a_name_over_255_bytes_is_refused_with_the_limit(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as caught:
        save(b"x", tmp_path / ("é" * 128 + ".txt"))  # 260 bytes in UTF-8
    assert caught.value.message == module.NAME_TOO_LONG and caught.value.wrong_name
    assert caught.value.params["limit"] == 255
    assert list(tmp_path.iterdir()) == []


def test_a_long_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    """The temporary name holds at most 60 bytes of the target's: 63 four-byte letters fit in 252."""
    name = "😀" * 62 + ".txt"
    assert save(b"x", tmp_path / name) == tmp_path / name


def _temporary(folder: Path, pid: int, age: float = 0.0, name: str = "a.eml") -> Path:
    path = folder / f".{name}.alma-contact-{pid}-abc_1234.part"
    path.write_bytes(b"personal data")
    if age:
        moment = path.stat().st_mtime - age
        os.utime(path, (moment, moment))
    return path


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    return int(done.stdout)


def test_stale_temporary_files_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = _temporary(tmp_path, _dead_pid())
    running = _temporary(tmp_path, os.getppid(), name="b.eml")  # a live export: never touched
    old_live = _temporary(tmp_path, os.getppid(), age=module.STALE_AFTER + 60, name="c.eml")
    theirs = tmp_path / ".a.eml.XXXXXXXX.part"  # another program's name
    theirs.write_bytes(b"")
    not_a_file = tmp_path / f".d.eml.alma-contact-{_dead_pid()}-abc_1234.part"
    not_a_file.mkdir()
    link = tmp_path / f".e.eml.alma-contact-{_dead_pid()}-abc_1234.part"
    link.symlink_to(theirs)
    save(b"new", tmp_path / "m.eml")
    assert not dead.exists() and not old_live.exists()
    assert running.exists() and theirs.exists() and not_a_file.is_dir() and link.is_symlink()


def test_stale_temporary_files_of_another_user_are_kept(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    other = _temporary(tmp_path, _dead_pid())
    os.chown(other, 65534, 65534)
    save(b"new", tmp_path / "m.eml")
    assert other.exists()


def test_the_temporary_file_names_its_writer(tmp_path: Path) -> None:
    seen: list[str] = []

    def write(out: BinaryIO) -> None:
        seen.extend(p.name for p in tmp_path.iterdir())
        out.write(b"x")

    save(write, tmp_path / "m.eml")
    assert len(seen) == 1 and module._TEMPORARY.fullmatch(seen[0])
    assert f".alma-contact-{os.getpid()}-" in seen[0]


def test_a_device_stays_a_device(tmp_path: Path) -> None:
    """A copy of /dev/null (the real one is never put at risk by a test)."""
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root")
    assert save(b"nothing", null, force=True) == null
    assert stat.S_ISCHR(null.stat().st_mode)
