"""Where an evidence file may be taken from: a draft can come from someone else.

A draft names files by path, and the email carries them to the draft's
recipient. A shared draft could name ``~/.ssh/id_rsa`` or
``/proc/self/environ``: files on system file systems and key or password
files are refused; files outside the draft's folder and the user's usual
folders are attached, with a warning (see :mod:`alma_contact.checks`).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

SYSTEM_FOLDERS = ("/proc", "/sys", "/dev", "/run")
"""Linux's pseudo file systems and run-time folders: never documents."""

SYSTEM_TYPES = frozenset(
    {
        "proc", "sysfs", "devtmpfs", "devpts", "debugfs", "tracefs", "securityfs", "cgroup",
        "cgroup2", "pstore", "bpf", "configfs", "efivarfs", "fusectl", "mqueue", "hugetlbfs",
        "binfmt_misc", "autofs", "rpc_pipefs", "nsfs", "selinuxfs", "devfs", "fdescfs",
    }
)  # fmt: skip
"""File system types whose files are the kernel's, not the user's (sizes mean nothing there)."""

SECRET_FOLDERS = frozenset(
    {".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".password-store", ".pki", ".gcloud"}
)
"""Hidden folders of keys, tokens and passwords."""

SECRET_SUBFOLDERS = ((".config", "gcloud"), (".config", "gh"), (".local", "share", "keyrings"))
"""Keys and tokens kept under another hidden folder."""

SECRET_NAMES = frozenset(
    {
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk", "identity",
        ".netrc", "_netrc", ".pgpass", ".git-credentials", ".npmrc", ".pypirc", ".my.cnf",
        "authorized_keys", "known_hosts", "shadow", "gshadow", ".env",
    }
)  # fmt: skip
"""Names of files that hold keys or passwords wherever they are."""

SECRET_SUFFIXES = (".pem", ".key", ".p12", ".pfx", ".kdbx", ".keystore", ".jks")
"""Endings of private key, certificate store and password database files."""


def refusal(location: Path) -> str | None:
    """The error type (see :data:`alma_contact.errors.MESSAGES`) if this file is never attached.

    ``location`` is the absolute path as written (``~`` expanded); the path it
    names and the file it leads to (links followed) are both checked.
    """
    real = Path(os.path.realpath(location))
    paths = (Path(os.path.normpath(location)), real)
    if any(_on_system_folder(path) for path in paths) or _on_system_file_system(real):
        return "evidence_system"
    if any(_secret(path) for path in paths):
        return "evidence_secret"
    return None


def _on_system_folder(path: Path) -> bool:
    if sys.platform == "win32":
        return False
    return any(path == Path(folder) or Path(folder) in path.parents for folder in SYSTEM_FOLDERS)


def _on_system_file_system(path: Path) -> bool:
    """Whether the file's device is one of a pseudo file system (Linux: /proc/self/mountinfo)."""
    try:
        device = path.stat().st_dev
    except OSError:
        return False
    return device in _system_devices()


@lru_cache(maxsize=1)
def _system_devices() -> frozenset[int]:
    """The device numbers of the mounted pseudo file systems (empty where this cannot be known)."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
            lines = handle.read(1_000_000).splitlines()
    except OSError:
        return frozenset()
    found: set[int] = set()
    for line in lines:
        fields, _, tail = line.partition(" - ")
        numbers, fs_type = fields.split()[2:3], tail.split()[:1]
        if not numbers or not fs_type:
            continue
        major, _, minor = numbers[0].partition(":")
        if fs_type[0] in SYSTEM_TYPES and major.isdigit() and minor.isdigit():
            found.add(os.makedev(int(major), int(minor)))
    return frozenset(found)


def _secret(path: Path) -> bool:
    parts = path.parts
    if any(part in SECRET_FOLDERS for part in parts):
        return True
    for folders in SECRET_SUBFOLDERS:
        size = len(folders)
        if any(parts[i : i + size] == folders for i in range(len(parts) - size + 1)):
            return True
    name = path.name.lower()
    return name in SECRET_NAMES or name.endswith(SECRET_SUFFIXES)


def usual_folders(base_dir: Path) -> list[Path]:
    """Where evidence normally is: the draft's folder and the user's document folders."""
    import platformdirs

    folders = [base_dir]
    for find in (
        platformdirs.user_documents_path,
        platformdirs.user_downloads_path,
        platformdirs.user_desktop_path,
        platformdirs.user_pictures_path,
    ):
        try:
            folders.append(find())
        except (OSError, RuntimeError, KeyError):  # no home folder: only the draft's folder counts
            continue
    return folders


def in_usual_place(location: Path, base_dir: Path) -> bool:
    """Whether the file is in the draft's folder or one of the user's document folders."""
    real = Path(os.path.realpath(location))
    for folder in usual_folders(base_dir):
        top = Path(os.path.realpath(folder))
        if top in real.parents and not _hidden_between(top, real):
            return True
    return False


def _hidden_between(top: Path, path: Path) -> bool:
    """A hidden folder between a usual folder and the file (``Documents/.secret/x``) is unusual."""
    return any(part.startswith(".") for part in path.relative_to(top).parts[:-1])
