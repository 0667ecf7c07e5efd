"""Reading a draft file (TOML, or JSON with the same keys) into the model."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import Problem, explain
from .i18n import N_, translate
from .model import Draft, known_keys

MAX_DRAFT_BYTES = 1_000_000
"""A draft is a few kilobytes; a larger file is not a draft."""

_SYNTAX_TOML = N_(
    "the draft is not valid TOML: {detail}. Check the line it names: text goes between double quotes."
)
_SYNTAX_JSON = N_("the draft is not valid JSON: {detail} (line {line}, column {column}).")
_NOT_UTF8 = N_("the draft is not UTF-8 text; save it again as UTF-8.")
_TOO_BIG = N_("the draft is {size} bytes; a draft holds at most {limit}.")
_NOT_TABLE = N_("the draft must be a table of keys, as in the examples.")
_UNREADABLE = N_("cannot read “{path}”: {reason}.")
NO_FILE = N_("“{path}”: no such file.")
A_FOLDER = N_("“{path}” is a folder, not a draft file.")
_DENIED = N_("cannot read “{path}”: permission denied.")


@dataclass
class DraftInvalid(Exception):
    """A draft that cannot be used; :meth:`problems` says why, in any interface language."""

    error: ValidationError | None = None
    message: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    request: str | None = None

    def problems(self, lang: str) -> list[Problem]:
        if self.error is not None:
            return explain(self.error, lang, known_keys(self.request))
        assert self.message is not None
        return [Problem("", translate(lang, self.message, **self.params))]

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
        base = Path.cwd()
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_DRAFT_BYTES + 1)
        except FileNotFoundError:
            raise DraftInvalid(message=NO_FILE, params={"path": str(path)}) from None
        except IsADirectoryError:
            raise DraftInvalid(message=A_FOLDER, params={"path": str(path)}) from None
        except PermissionError:
            raise DraftInvalid(message=_DENIED, params={"path": str(path)}) from None
        except OSError as error:
            raise DraftInvalid(
                message=_UNREADABLE, params={"path": str(path), "reason": error.strerror or str(error)}
            ) from None
        base = path.parent
    if len(data) > MAX_DRAFT_BYTES:
        raise DraftInvalid(
            message=_TOO_BIG, params={"size": f"> {MAX_DRAFT_BYTES}", "limit": MAX_DRAFT_BYTES}
        )
    return data, base.absolute()


def parse_data(data: bytes) -> dict[str, Any]:
    """TOML or JSON (a JSON draft starts with ``{``) into plain Python values."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftInvalid(message=_NOT_UTF8) from None
    if text.lstrip().startswith("{"):
        try:
            value = json.loads(text, parse_constant=_refuse_constant)
        except json.JSONDecodeError as error:
            raise DraftInvalid(
                message=_SYNTAX_JSON,
                params={"detail": error.msg, "line": error.lineno, "column": error.colno},
            ) from None
        except ValueError as error:
            raise DraftInvalid(
                message=_SYNTAX_JSON, params={"detail": str(error), "line": "?", "column": "?"}
            ) from None
    else:
        try:
            value = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise DraftInvalid(message=_SYNTAX_TOML, params={"detail": str(error)}) from None
    if not isinstance(value, dict):
        raise DraftInvalid(message=_NOT_TABLE)
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


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


def load(source: str | Path, *, today: date | None = None, stdin: Any = None) -> Draft:
    """Read, parse and validate a draft file (``-`` for standard input)."""
    data, base = read_source(source, stdin)
    return validate(parse_data(data), base, today)
