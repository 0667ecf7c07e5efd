"""Reading a draft file (TOML, or JSON with the same keys) into the model."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from .errors import Problem, echo, explain
from .i18n import N_, translate
from .model import Draft, known_keys

MAX_DRAFT_BYTES = 1_000_000
"""A draft is a few kilobytes; a larger file is not a draft."""

MAX_DEPTH = 16
"""Lists and tables nested deeper than this are no draft (a draft needs three levels)."""

_SYNTAX_TOML = N_(
    "the draft is not valid TOML: {detail}. Check the line it names: text goes between double quotes."
)
_SYNTAX_JSON = N_("the draft is not valid JSON: {detail} (line {line}, column {column}).")
_NOT_UTF8 = N_("the draft is not UTF-8 text; save it again as UTF-8.")
_TOO_BIG = N_("the draft is {size} bytes; a draft holds at most {limit}.")
_NOT_TABLE = N_("the draft must be a table of keys, as in the examples.")
_UNREADABLE = N_("cannot read “{path}”: {reason}.")
NO_FILE = N_("“{path}”: no such file.")
A_FOLDER = N_("“{path}” is a folder, not a file.")
_DENIED = N_("cannot read “{path}”: permission denied.")
NOT_REGULAR = N_(
    "“{path}” is not a regular file (it is a named pipe, a device or a socket); give the path of a file."
)
FILE_TOO_BIG = N_("“{path}” is too big: a draft or a config file holds at most {limit} bytes.")
_DUPLICATE_KEY = N_("the key “{key}” is written twice in the same table; keep only one.")
_TOO_DEEP = N_("“{key}” nests lists or tables more than {limit} levels deep; no key of a draft does.")
_TOO_DEEP_AT = N_(
    "“{key}” (line {line}) nests lists or tables more than {limit} levels deep; no key of a draft does."
)
_HUGE_NUMBER = N_(
    "“{key}” (line {line}) holds a number of more than {limit} digits; write amounts as in the examples."
)


@dataclass
class DraftInvalid(Exception):
    """A draft that cannot be used; :meth:`problems` says why, in any interface language."""

    error: ValidationError | None = None
    message: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    request: str | None = None
    key: str = ""
    """The key a ``message`` is said of ("": the draft as a whole)."""

    def problems(self, lang: str) -> list[Problem]:
        if self.error is not None:
            return explain(self.error, lang, known_keys(self.request), self.request)
        assert self.message is not None
        return [Problem(self.key, translate(lang, self.message, **self.params))]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems("en"))


def read_source(source: str | Path, stdin: Any = None) -> tuple[bytes, Path]:
    """The draft's bytes and the folder its relative evidence paths start from.

    ``-`` reads standard input; its evidence paths start from the current folder.
    """
    if str(source) == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_DRAFT_BYTES + 1)
        if len(data) > MAX_DRAFT_BYTES:
            raise DraftInvalid(
                message=_TOO_BIG, params={"size": f"> {MAX_DRAFT_BYTES}", "limit": MAX_DRAFT_BYTES}
            )
        return data, Path.cwd().absolute()
    path = Path(source)
    return read_file(path), path.parent.absolute()


def read_file(path: Path, limit: int = MAX_DRAFT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes: a draft or the config file.

    A named pipe, a device or a socket is refused before it is opened, and the
    file is opened without blocking and checked again once open (it may have
    been replaced in between): reading never waits for a writer, and never
    reads an endless device such as ``/dev/zero``.
    """
    shown = echo(str(path), 200)

    def refuse(message: str, **params: object) -> NoReturn:
        raise DraftInvalid(message=message, params={"path": shown, **params})

    try:
        before = os.stat(path)
    except OSError as error:
        _refuse_os_error(error, refuse)
    if stat.S_ISDIR(before.st_mode):
        refuse(A_FOLDER)
    if not stat.S_ISREG(before.st_mode):
        refuse(NOT_REGULAR)
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as error:
        _refuse_os_error(error, refuse)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            refuse(A_FOLDER)
        if not stat.S_ISREG(info.st_mode):
            refuse(NOT_REGULAR)
        if info.st_size > limit:
            refuse(FILE_TOO_BIG, limit=limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        _refuse_os_error(error, refuse)
    finally:
        os.close(fd)
    if size > limit:
        refuse(FILE_TOO_BIG, limit=limit)
    return b"".join(chunks)


def _refuse_os_error(error: OSError, refuse: Callable[..., NoReturn]) -> NoReturn:
    """One sentence per kind of failure, in the interface language, never Python's own text."""
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        refuse(NO_FILE)
    if error.errno == errno.EISDIR:
        refuse(A_FOLDER)
    if error.errno in (errno.EACCES, errno.EPERM):
        refuse(_DENIED)
    if error.errno in (errno.ENXIO, errno.ENODEV, errno.EOPNOTSUPP):  # a socket or a device
        refuse(NOT_REGULAR)
    refuse(_UNREADABLE, reason=error.strerror or type(error).__name__)


def parse_data(data: bytes) -> dict[str, Any]:
    """TOML or JSON (a JSON draft starts with ``{``) into plain Python values."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftInvalid(message=_NOT_UTF8) from None
    value = _parse_json(text) if text.lstrip().startswith("{") else parse_toml(text)
    if not isinstance(value, dict):
        raise DraftInvalid(message=_NOT_TABLE)
    return value


def parse_toml(text: str, syntax: str = _SYNTAX_TOML) -> dict[str, Any]:
    """A TOML document (a draft's or the config's); ``syntax`` says what a syntax error is."""
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DraftInvalid(message=syntax, params={"detail": str(error)}) from None
    except RecursionError:
        raise _too_deep(text) from None
    except ValueError:  # an integer longer than Python converts (int_max_str_digits)
        raise _huge_number(text) from None
    _check_depth(value)
    return value


def _parse_json(text: str) -> Any:
    try:
        value = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKey as duplicate:
        raise DraftInvalid(message=_DUPLICATE_KEY, params={"key": echo(duplicate.key, 40)}) from None
    except json.JSONDecodeError as error:
        raise DraftInvalid(
            message=_SYNTAX_JSON,
            params={"detail": error.msg, "line": error.lineno, "column": error.colno},
        ) from None
    except RecursionError:
        raise _too_deep(text) from None
    except ValueError as error:
        if "digits" in str(error):  # an integer longer than Python converts
            raise _huge_number(text) from None
        raise DraftInvalid(
            message=_SYNTAX_JSON, params={"detail": str(error), "line": "?", "column": "?"}
        ) from None
    _check_depth(value)
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refused when it names a key twice (TOML refuses that too)."""
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise _DuplicateKey(key)
        table[key] = value
    return table


_KEY_BEFORE = re.compile(r"""["']?([^\s"'=:\[\]{},]+)["']?\s*[=:]""")
"""A key and its ``=`` (TOML) or ``:`` (JSON), to name the key a value belongs to."""


def _where(text: str, index: int) -> tuple[str, int]:
    """The key written last before ``index``, and the line of ``index``."""
    keys = _KEY_BEFORE.findall(text, 0, index)
    return echo(keys[-1], 40) if keys else "?", text.count("\n", 0, index) + 1


def _too_deep(text: str) -> DraftInvalid:
    """A document too deep for the parser: say where it gets too deep."""
    depth, index = 0, len(text)
    for position, char in enumerate(text):
        depth += char in "[{"
        depth -= char in "]}"
        if depth > MAX_DEPTH:
            index = position
            break
    key, line = _where(text, index)
    return DraftInvalid(message=_TOO_DEEP_AT, params={"key": key, "line": line, "limit": MAX_DEPTH})


def _huge_number(text: str) -> DraftInvalid:
    limit = sys.get_int_max_str_digits()
    found = re.search(r"\d(?:_?\d){" + str(limit) + ",}", text)
    key, line = _where(text, found.start()) if found else ("?", 0)
    return DraftInvalid(message=_HUGE_NUMBER, params={"key": key, "line": line, "limit": limit})


def _check_depth(value: Any) -> None:
    """Refuse values nested deeper than any draft key, naming the key (the model never sees them)."""
    pending: list[tuple[Any, tuple[str, ...], int]] = [(value, (), 0)]
    while pending:
        item, path, depth = pending.pop()
        if depth > MAX_DEPTH:
            key = ".".join(echo(part, 40) for part in path) or "?"
            raise DraftInvalid(message=_TOO_DEEP, params={"key": key, "limit": MAX_DEPTH})
        if isinstance(item, dict):
            pending.extend((v, (*path, str(k)), depth + 1) for k, v in item.items())
        elif isinstance(item, list):
            pending.extend((v, path, depth + 1) for v in item)


def validate(data: dict[str, Any], base_dir: Path, today: date | None = None) -> Draft:
    """The validated draft, or :class:`DraftInvalid` naming every wrong key."""
    context = {"base_dir": base_dir, "today": today}
    try:
        return Draft.model_validate(data, context=context)
    except ValidationError as error:
        request = data.get("request")
        raise DraftInvalid(
            error=error, request=request.strip().lower() if isinstance(request, str) else None
        ) from None


def load(
    source: str | Path,
    *,
    today: date | None = None,
    stdin: Any = None,
    overrides: Mapping[str, object] | None = None,
) -> Draft:
    """Read, parse and validate a draft file (``-`` for standard input).

    ``overrides`` replace top-level keys of the document before it is validated
    (the command line's ``--channel`` and ``--lang``): the model checks the
    result as if the file said so, so that a letter still needs an address.
    """
    data, base = read_source(source, stdin)
    document = parse_data(data)
    if overrides:
        document = {**document, **overrides}
    return validate(document, base, today)
