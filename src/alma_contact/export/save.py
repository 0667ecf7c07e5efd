"""Saving a file safely: every output of the tool goes through :func:`save`.

The bytes go to a temporary file in the target folder, are flushed and
synced, then renamed over the target in one step: a reader never sees half a
file, and a failure (missing folder, read-only folder, full disk) leaves
nothing behind. An existing file is only replaced when asked. Files are
created with mode 0600 because drafts and messages hold personal data.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeAlias

from ..i18n import N_

PRIVATE_MODE = 0o600

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

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


EXISTS = N_("“{path}” already exists; choose another name, or add --force to replace it.")
NO_FOLDER = N_("the folder “{folder}” does not exist; create it first or choose another folder.")
NOT_FOLDER = N_("“{folder}” is not a folder.")
READ_ONLY = N_("cannot write in “{folder}”: permission denied; choose a folder of yours.")
READ_ONLY_DISK = N_("cannot write in “{folder}”: the disk is read-only; choose another folder.")
DISK_FULL = N_("the disk is full: “{path}” was not saved and nothing was left behind.")
OTHER = N_("“{path}” was not saved: {reason}.")
IS_FOLDER = N_("“{path}” is a folder; give a file name.")


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
        stream = stdout or sys.stdout.buffer
        write(stream)
        stream.flush()
        return None
    path = Path(target).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise SaveError(IS_FOLDER, path=str(path))
    if _is_special(path):  # /dev/null, /dev/stdout, a named pipe: written into, never replaced
        return _write_through(write, path)
    if not folder.exists():
        raise SaveError(NO_FOLDER, folder=str(folder))
    if not folder.is_dir():
        raise SaveError(NOT_FOLDER, folder=str(folder))
    if not force and (path.exists() or path.is_symlink()):
        raise SaveError(EXISTS, path=str(path))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:80]}.", suffix=".part")
    except PermissionError:
        raise SaveError(READ_ONLY, folder=str(folder)) from None
    except OSError as error:
        raise _error(error, path) from None
    try:
        os.fchmod(handle, PRIVATE_MODE)
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temporary, path)
        else:
            _rename_no_replace(temporary, path)
        _sync_folder(folder)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, SaveError):
            raise
        if isinstance(error, OSError):
            raise _error(error, path) from None
        raise
    return path


def _is_special(path: Path) -> bool:
    """An existing target that is not a regular file or a folder: a device, a pipe, a socket."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_through(write: Writer, path: Path) -> Path:
    """Write into a device or pipe as it is: renaming over it would replace the device itself."""
    try:
        with path.open("wb") as stream:
            write(stream)
            stream.flush()
    except OSError as error:
        raise _error(error, path) from None
    return path


def _bytes_writer(data: bytes) -> Writer:
    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return write


def _rename_no_replace(source: str, target: Path) -> None:
    """Rename without replacing a file that appeared meanwhile (a hard link fails if it exists)."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise SaveError(EXISTS, path=str(target)) from None
    except OSError:  # file systems without hard links: fall back to a checked rename
        if target.exists():
            raise SaveError(EXISTS, path=str(target)) from None
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
