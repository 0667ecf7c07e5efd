"""Saving a file safely: every output of the tool goes through :func:`save`.

The bytes go to a temporary file in the target folder, are flushed and
synced, then renamed over the target in one step: a reader never sees half a
file, and a failure (missing folder, read-only folder, full disk) leaves
nothing behind. An existing file is only replaced when asked. Files are
created with mode 0600 because drafts and messages hold personal data.

The temporary file is named ``.NAME.alma-contact-PID-RANDOM.part`` (RANDOM: eight random characters). A
process killed outright (``kill -9``, a power cut) cannot remove it: the next
save in that folder does, once that process is gone. A link is never replaced
by a file: the file it points to is. A terminal or a device is written into;
the program's own standard output or error (``-o /dev/stdout``) is written to
as a stream; a named pipe, a socket or a block device is refused, before it is
opened.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeAlias

from ..i18n import N_

PRIVATE_MODE = 0o600
NAME_MAX = 255
"""The longest file name, in bytes, that common file systems take (ext4, Btrfs, APFS, NTFS)."""
STALE_AFTER = 3600
"""Seconds after which a temporary file whose process number is in use again counts as stale."""
_TEMPORARY = re.compile(r"\..*\.alma-contact-(?P<pid>[0-9]{1,10})-[a-z0-9_]{8}\.part", re.DOTALL)
"""Our own temporary files: the program's name, the writer's process number, mkstemp's 8 characters."""
_HELD_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}

Writer: TypeAlias = Callable[[BinaryIO], None]
"""Writes the content to an open binary stream: for outputs too large to hold in memory."""


@dataclass
class AttachmentUnreadable(Exception):
    """An evidence file could not be read while a file was being written (the .eml streams them)."""

    name: str
    reason: str
    message: str = N_("cannot read the evidence file “{name}”: {reason}; nothing was written.")


CHANGED = N_(
    "the evidence file “{name}” changed after the draft was checked (it is not the same file, or not "
    "the same size); nothing was written. Run the command again to check it and attach it as it is now."
)
"""The message of an :class:`AttachmentUnreadable` when the file is no longer the one checked."""


class SaveError(Exception):
    """A file could not be saved; ``message`` is an interface msgid, ``params`` fill it in."""

    def __init__(self, message: str, *, wrong_name: bool = False, **params: object) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params
        self.wrong_name = wrong_name
        """The name given cannot name a file here (no such user, too long): the command line is wrong."""


EXISTS = N_("“{path}” already exists; choose another name, or add --force to replace it.")
NO_FOLDER = N_("the folder “{folder}” does not exist; create it first or choose another folder.")
NOT_FOLDER = N_("“{folder}” is not a folder.")
READ_ONLY = N_("cannot write in “{folder}”: permission denied; choose a folder of yours.")
READ_ONLY_DISK = N_("cannot write in “{folder}”: the disk is read-only; choose another folder.")
DISK_FULL = N_("the disk is full: “{path}” was not saved and nothing was left behind.")
OTHER = N_("“{path}” was not saved: {reason}.")
IS_FOLDER = N_("“{path}” is a folder; give a file name.")
NOT_REGULAR = N_(
    "“{path}” is not a regular file (a named pipe, a socket or a disk); give the name of a file to write."
)
DANGLING = N_("“{path}” is a link to “{target}”, which does not exist; give the name of a file to write.")
NO_USER = N_("“{path}”: there is no user “{user}” on this computer; write the folder in full.")
NAME_TOO_LONG = N_("the file name “{name}” is too long: at most {limit} bytes; choose a shorter name.")


def save(
    data: bytes | Writer, target: str | Path, *, force: bool = False, stdout: BinaryIO | None = None
) -> Path | None:
    """Write ``data`` to ``target`` atomically (``-`` writes to standard output).

    ``data`` is the bytes, or a :data:`Writer` that writes them to a stream.
    Returns the path written, or None for standard output. Raises
    :class:`SaveError` with a message for the user; no partial file remains.
    An exception raised by a writer removes the temporary file and goes on up.
    """
    write = data if callable(data) else _bytes_writer(data)
    if str(target) == "-":
        _to_stream(write, stdout or sys.stdout.buffer)
        return None
    path = expanded(target)
    _check_name(path)
    stream = _standard_stream(path, stdout or getattr(sys.stdout, "buffer", None))
    if stream is not None:  # -o /dev/stdout, or the file standard output goes to
        _to_stream(write, stream)
        return path
    real = _link_target(path)
    try:
        info: os.stat_result | None = real.stat()
    except (FileNotFoundError, NotADirectoryError):  # the folder checks below say which
        info = None
    except OSError as error:
        raise _error(error, path) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise SaveError(IS_FOLDER, path=str(path))
    if info is not None and stat.S_ISCHR(info.st_mode):  # /dev/null, a terminal: written into
        return _write_through(write, real, path)
    if info is not None and not stat.S_ISREG(info.st_mode):  # a pipe would block, a socket cannot be opened
        raise SaveError(NOT_REGULAR, path=str(path))
    folder = real.parent if str(real.parent) else Path(".")
    if not folder.exists():
        raise SaveError(NO_FOLDER, folder=str(folder))
    if not folder.is_dir():
        raise SaveError(NOT_FOLDER, folder=str(folder))
    if not force and info is not None:
        raise SaveError(EXISTS, path=str(path))
    remove_stale_temporaries(folder)
    temporary: str | None = None
    try:
        with _signals_held():  # a signal is taken once the name is known, so the file can be removed
            try:
                handle, temporary = tempfile.mkstemp(dir=folder, prefix=_prefix(real.name), suffix=".part")
            except PermissionError:
                raise SaveError(READ_ONLY, folder=str(folder)) from None
        os.fchmod(handle, PRIVATE_MODE)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        with _signals_held():  # renamed and unlinked as one step
            if force:
                os.replace(temporary, real)
            else:
                _rename_no_replace(temporary, real, path)
        _sync_folder(folder)
    except BaseException as error:
        if temporary is not None:
            with _signals_held():
                Path(temporary).unlink(missing_ok=True)
        if isinstance(error, SaveError):
            raise
        if isinstance(error, OSError):
            raise _error(error, path) from None
        raise
    return path


def expanded(target: str | Path) -> Path:
    """The target with ``~`` expanded; ``~someone`` must be a user of this computer."""
    try:
        return Path(target).expanduser()
    except RuntimeError:  # Path.expanduser: "Could not determine home directory"
        text = str(target)
        user = text[1:].split("/", 1)[0]
        raise SaveError(NO_USER, wrong_name=True, path=text, user=user) from None


def _check_name(path: Path) -> None:
    name = path.name
    if len(os.fsencode(name)) > NAME_MAX:
        raise SaveError(NAME_TOO_LONG, wrong_name=True, name=name, limit=NAME_MAX)


def _prefix(name: str) -> str:
    """The temporary file's name up to mkstemp's part: short enough for any file name limit."""
    short = os.fsencode(name)[:60].decode("utf-8", "ignore") if name else "file"
    return f".{short}.alma-contact-{os.getpid()}-"


def _standard_stream(path: Path, stdout: BinaryIO | None) -> BinaryIO | None:
    """Our standard output or error when ``path`` is the very file, pipe or terminal it goes to."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    # In the app, sys.stdout and sys.stderr are the app's own objects, with no buffer.
    for number, stream in ((1, stdout), (2, getattr(sys.stderr, "buffer", None))):
        if stream is None:
            continue
        try:
            if stream.fileno() != number:
                continue
            own = os.fstat(number)
        except (OSError, ValueError, AttributeError):
            continue
        if (own.st_dev, own.st_ino) == (info.st_dev, info.st_ino):
            if number == 2:
                sys.stderr.flush()
            return stream
    return None


def _link_target(path: Path) -> Path:
    """The file a link points to (followed to the end), or ``path`` itself when it is not a link."""
    if not path.is_symlink():
        return path
    real = Path(os.path.realpath(path))
    if not real.exists():
        raise SaveError(DANGLING, path=str(path), target=str(real))
    return real


def _to_stream(write: Writer, stream: BinaryIO) -> None:
    write(stream)
    stream.flush()


def _write_through(write: Writer, real: Path, shown: Path) -> Path:
    """Write into a device as it is: renaming over it would replace the device itself.

    Opened without waiting (a pipe put in its place meanwhile is refused, not waited for).
    """
    try:
        fd = os.open(real, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a pipe with no reader, swapped in after the check
            raise SaveError(NOT_REGULAR, path=str(shown)) from None
        raise _error(error, shown) from None
    try:
        if not stat.S_ISCHR(os.fstat(fd).st_mode):
            raise SaveError(NOT_REGULAR, path=str(shown))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as stream:
            fd = -1
            write(stream)
            stream.flush()
    except OSError as error:
        raise _error(error, shown) from None
    finally:
        if fd >= 0:
            os.close(fd)
    return shown


def remove_stale_temporaries(folder: Path, *, now: float | None = None) -> list[str]:
    """Remove the temporary files that killed runs of this program left in ``folder``; their names.

    Only our own names, only regular files of this user, and only when the
    process that wrote one is gone (or its number has been in use for longer
    than :data:`STALE_AFTER` without the file changing): a file another export is
    writing is never touched.
    """
    removed: list[str] = []
    moment = time.time() if now is None else now
    me = os.geteuid()
    try:
        entries = os.scandir(folder)
    except OSError:
        return removed
    with entries:
        for entry in entries:
            found = _TEMPORARY.fullmatch(entry.name)
            if found is None:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode) or info.st_uid != me:
                continue
            if _running(int(found["pid"])) and moment - info.st_mtime < STALE_AFTER:
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this number exists (of any user)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except (OverflowError, OSError):
        return False
    return True


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Keep Ctrl+C, TERM and HUP for the end of a step that must not be cut in two."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _bytes_writer(data: bytes) -> Writer:
    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return write


def _rename_no_replace(source: str, target: Path, shown: Path) -> None:
    """Rename without replacing a file that appeared meanwhile (a hard link fails if it exists)."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise SaveError(EXISTS, path=str(shown)) from None
    except OSError:  # file systems without hard links: fall back to a checked rename
        if target.exists():
            raise SaveError(EXISTS, path=str(shown)) from None
        os.replace(source, target)
        return
    os.unlink(source)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _error(error: OSError, path: Path) -> SaveError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return SaveError(DISK_FULL, path=str(path))
    if error.errno == errno.EROFS:
        return SaveError(READ_ONLY_DISK, folder=str(path.parent))
    if error.errno in (errno.EACCES, errno.EPERM):
        return SaveError(READ_ONLY, folder=str(path.parent))
    return SaveError(OTHER, path=str(path), reason=error.strerror or str(error))
