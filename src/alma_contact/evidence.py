"""Where an evidence file may be taken from: a draft can come from someone else.

A draft names files by path, and the email carries them to the draft's
recipient. A shared draft could name ``~/.ssh/id_rsa`` or
``/proc/self/environ``: files on system file systems and key or password
files are refused; files outside the draft's folder and the user's usual
folders are attached, with a warning (see :mod:`alma_contact.checks`).
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

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


def usual_folders(base_dir: Path) -> Iterator[Path]:
    """Where evidence normally is: the draft's folder, then the user's document folders (looked up only
    when asked for: a file in the draft's folder needs none)."""
    yield base_dir
    import platformdirs

    for find in (
        platformdirs.user_documents_path,
        platformdirs.user_downloads_path,
        platformdirs.user_desktop_path,
        platformdirs.user_pictures_path,
    ):
        try:
            yield find()
        except (OSError, RuntimeError, KeyError):  # no home folder: only the draft's folder counts
            continue


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


# --- a description suggested for a file -----------------------------------------------------

SCREENSHOT_MARKS = (
    "screenshot", "screen shot", "capture d'écran", "capture d’écran", "capture d ecran", "capture",
    "schermafbeelding", "schermopname", "bildschirmfoto", "captura de pantalla", "snapshot",
)  # fmt: skip
"""How systems name a screenshot, in the languages of their users (a name starting with one is one)."""

_CAMERA = r"(?:img|dsc|dscn|dcim|pxl|mvimg|photo|foto|image|picture)"
"""How cameras and phones start a photo's name (``IMG_1234.jpg``, ``PXL_20261014_101112.jpg``)."""


def suggested_label(name: str, media_type: str, lang: str, *, typed: bool = True) -> str:
    """A description of a file to start from, in the message language ``lang``: its name in words,
    with what kind of file it is and the day its name gives.

    ``confirmation-commande.pdf`` -> ``Confirmation commande (PDF)``;
    ``Screenshot 2026-10-14 at 12.03.45.png`` -> ``Capture d'écran du 14 octobre 2026``.
    Always one line, within the limit of a label, and never empty: the user edits it. Not ``typed``
    (a printed enclosure, whose file type means nothing on paper), a name in words is left without its
    type: ``Relevé bancaire``.
    """
    from .formats import format_day
    from .languages import LANGUAGES
    from .registry import LIMITS

    words_of = LANGUAGES[lang].evidence_words
    stem, suffix = _split_name(name)
    stem, day = _take_day(stem)
    kind, stem = _kind(stem, suffix, media_type)
    words = _balanced(re.sub(r"[\s_\-.+=~#]+", " ", _printable(stem)).strip(" ,;:[]{}'\""))
    if kind in ("photo", "screenshot") and re.fullmatch(r"[\d ]*", words):
        words = ""  # a camera's counter or a time: the day says more
    what = words_of.get(kind, words_of["document"])
    type_word = "PDF" if kind == "pdf" else suffix.upper() if kind == "other" else ""
    if words:
        label = words_of["dated"].format(what=words, date=format_day(day, lang)) if day else words
        label = f"{label} ({type_word or what})" if typed else label
    else:
        label = f"{what} {type_word}" if type_word else what
        label = words_of["dated"].format(what=label, date=format_day(day, lang)) if day else label
    return _fitted(label[:1].upper() + label[1:], LIMITS["evidence_label"], what)


def _balanced(words: str) -> str:
    """Words without a bracket left open or closed alone at either end: ``relevé (novembre)`` keeps
    its brackets, ``(brouillon`` loses its own."""
    while words.startswith("(") and ")" not in words:
        words = words[1:].strip()
    while words.endswith(")") and "(" not in words:
        words = words[:-1].strip()
    if words.startswith("(") and words.endswith(")") and words.count("(") == 1:
        words = words[1:-1].strip()
    return words


def _split_name(name: str) -> tuple[str, str]:
    """The name without its type ending, and the ending (``pdf``), if it looks like one."""
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and 1 <= len(suffix) <= 5 and suffix.isascii() and suffix.isalnum():
        return stem, suffix.lower()
    return name, ""


_DAYS = (
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)",
    r"(?<!\d)(?P<d>[0-3]?\d)[-_.](?P<m>[01]?\d)[-_.](?P<y>(?:19|20)\d\d)(?!\d)",
)
"""A day in a file name: ``2026-10-14``, ``20261014``, ``14-10-2026``."""

_TIME = (
    r"(?:[\s_\-]*(?:at|à|a|om|um|a las|alle)?[\s_\-]*\d{1,2}[.:h_\-]\d\d(?:[.:_\-]\d\d)?(?!\d)"
    r"|[\s_\-]*\d{6}(?!\d))?"
)
"""The time that may follow it (``at 12.03.45``, ``à 12.03.45``, ``_101112``): dropped with it."""


def _take_day(stem: str) -> tuple[str, date | None]:
    """The stem without the day (and time) it names, and that day, if any."""
    if not any(char.isdigit() for char in stem):  # no day without digits: the patterns are not compiled
        return stem, None
    for pattern in _DAYS:
        for found in re.finditer(pattern + _TIME, stem, flags=re.IGNORECASE):
            try:
                day = date(int(found["y"]), int(found["m"]), int(found["d"]))
            except ValueError:
                continue
            return stem[: found.start()] + " " + stem[found.end() :], day
    return stem, None


def _kind(stem: str, suffix: str, media_type: str) -> tuple[str, str]:
    """What the file is (a key of ``evidence_words``, or ``pdf``, ``other``), and the stem without
    the words that said it (``Screenshot``, ``IMG_``)."""
    folded = stem.casefold()
    if media_type.startswith("image/"):
        for mark in SCREENSHOT_MARKS:
            if folded.lstrip(" _-").startswith(mark):
                return "screenshot", stem.lstrip(" _-")[len(mark) :]
        camera = re.match(_CAMERA + r"[\s_\-]*(?=\d|$)", stem, flags=re.IGNORECASE)
        if camera:
            return "photo", stem[camera.end() :]
        return ("photo" if media_type in ("image/jpeg", "image/heic", "image/heif") else "image"), stem
    if media_type == "application/pdf":
        return "pdf", stem
    if media_type == "message/rfc822" or suffix in ("eml", "msg"):
        return "email", stem
    if media_type.startswith("text/plain"):
        return "text", stem
    return "other", stem


def _printable(text: str) -> str:
    """``text`` with every control, format or unusual space character made a space."""
    return "".join(char if char == " " or unicodedata.category(char)[0] not in "CZ" else " " for char in text)


def _fitted(label: str, limit: int, fallback: str) -> str:
    """``label`` as a draft accepts it (one clean line, at most ``limit`` characters, cut at a
    word), or ``fallback`` capitalised when it cannot be."""
    from pydantic_core import PydanticCustomError

    from .parsing import clean_text

    label = " ".join(label.split())
    if len(label) > limit:
        cut = label[: limit - 1].rsplit(" ", 1)[0] if " " in label[: limit - 1] else label[: limit - 1]
        label = cut.rstrip(" ,;:(") + "…"
    try:
        return clean_text(label, limit=limit)
    except PydanticCustomError:
        return fallback[:1].upper() + fallback[1:]


def typed_path(text: str) -> str:
    """A path as typed, pasted or dropped: quotes, ``\\ `` escapes and ``file://`` links undone."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if text.startswith("file://"):
        return unquote(urlparse(text).path)
    return text.replace("\\ ", " ")
