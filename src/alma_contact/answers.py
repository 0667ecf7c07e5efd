"""A draft being filled in: the answers as typed, under the draft file's own keys.

The terminal app keeps the whole draft in one :class:`Answers` instance. It
can be saved at any moment as a draft file (TOML, the format ``check`` and
``render`` read), and validated at any moment by the one draft model, which
gives the errors of each key. Nothing here imports the model until it is
needed, so the app's first screen stays quick.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Problem
    from .model import Draft

TABLES = ("customer", "transaction", "details", "recipient")
TOP_KEYS = ("language", "channel", "request", "description", "evidence")

DEFAULTS: dict[str, Any] = {
    "language": "fr",
    "channel": "email",
    "request": "",
    "description": "",
    "evidence": [],
    "customer.country": "BE",
}


@dataclass
class Answers:
    """Every answer of one draft, by full key (``transaction.amount``), as the user typed it."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    base_dir: Path = field(default_factory=Path.cwd)
    source: Path | None = None

    def get(self, key: str) -> Any:
        return self.values.get(key, [] if key == "evidence" else "")

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value

    def flat(self) -> dict[str, str]:
        """Answers as text, for the ``when`` conditions of the questions."""
        return {k: v for k, v in self.values.items() if isinstance(v, str)}

    # --- as a draft document ---------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The draft as the file holds it; [details] keeps only the keys of the chosen request."""
        from .model import DETAILS_BY_REQUEST

        doc: dict[str, Any] = {}
        request = self.values.get("request", "")
        details_keys = (
            set(DETAILS_BY_REQUEST[request].model_fields) if request in DETAILS_BY_REQUEST else set()
        )
        for key, value in self.values.items():
            if "." not in key:
                doc[key] = value
                continue
            table, name = key.split(".", 1)
            if table == "details" and name not in details_keys:
                continue
            if value in ("", None, []):
                continue
            doc.setdefault(table, {})[name] = value
        return doc

    @classmethod
    def from_document(cls, doc: dict[str, Any], base_dir: Path, source: Path | None = None) -> Answers:
        """Answers from a parsed draft file; values are kept as text, as if typed."""
        values = dict(DEFAULTS)
        for key, value in doc.items():
            if key in TABLES and isinstance(value, dict):
                for name, item in value.items():
                    values[f"{key}.{name}"] = _as_typed(item)
            elif key == "evidence" and isinstance(value, list):
                values[key] = [str(item) for item in value]
            else:
                values[key] = _as_typed(value)
        return cls(values=values, base_dir=base_dir, source=source)

    @classmethod
    def load(cls, path: Path) -> Answers:
        from .drafts import parse_data, read_source

        data, base = read_source(path)
        return cls.from_document(parse_data(data), base, path)

    def to_toml(self) -> str:
        """The draft file: the same format ``alma-contact check`` and ``render`` read."""
        return dumps_toml(self.document())

    # --- validation ------------------------------------------------------------

    def validate(self, today: date | None = None) -> tuple[Draft | None, Any]:
        """The valid draft and None, or None and the model's ValidationError."""
        from pydantic import ValidationError

        from .model import Draft

        try:
            draft = Draft.model_validate(self.document(), context={"today": today, "base_dir": self.base_dir})
        except ValidationError as error:
            return None, error
        return draft, None

    def problems(self, lang: str, today: date | None = None) -> dict[str, Problem]:
        """The first problem of each key (``evidence[2]`` counts as ``evidence``), in ``lang``."""
        from .errors import explain
        from .model import known_keys

        _, error = self.validate(today)
        if error is None:
            return {}
        found: dict[str, Problem] = {}
        request = self.values.get("request")
        for problem in explain(error, lang, known_keys(request if isinstance(request, str) else None)):
            found.setdefault(problem.key.split("[", 1)[0], problem)
        return found


def _as_typed(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return [str(item) for item in value]
    return value if isinstance(value, str) else str(value)


def _toml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    # A JSON string is a TOML basic string, once DEL (which JSON leaves raw) is escaped.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def dumps_toml(doc: dict[str, Any]) -> str:
    """A small TOML writer for the draft's shape: top-level values, then one table each."""
    lines = [f"{key} = {_toml_value(value)}" for key, value in doc.items() if not isinstance(value, dict)]
    for key, value in doc.items():
        if isinstance(value, dict):
            lines.append("")
            lines.append(f"[{key}]")
            lines.extend(f"{name} = {_toml_value(item)}" for name, item in value.items())
    return "\n".join(lines) + "\n"


def is_optional(key: str) -> bool:
    """Whether the draft model lets this key stay empty, for "(optional)" beside a question.

    The keys that a choice makes necessary (a letter's address, a partial
    refund's amount) are only asked when that choice is made, so they count
    as needed.
    """
    from .model import DETAILS_BY_REQUEST, LETTER_ADDRESS_KEYS, Draft

    table, _, name = key.partition(".")
    if not name:
        info = Draft.model_fields.get(table)
        return info is not None and not info.is_required()
    if (table == "customer" and name in LETTER_ADDRESS_KEYS) or key == "details.refund_amount":
        return False
    if table == "details":
        models = list(DETAILS_BY_REQUEST.values())
    else:
        annotation = Draft.model_fields[table].annotation
        models = [annotation] if isinstance(annotation, type) else []
    for model in models:
        info = model.model_fields.get(name)
        if info is not None:
            return not info.is_required()
    return True
