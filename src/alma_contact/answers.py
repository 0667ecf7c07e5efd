"""A draft being filled in: the answers as typed, under the draft file's own keys.

The terminal app keeps the whole draft in one :class:`Answers` instance. It
can be saved at any moment as a draft file (TOML, the format ``check`` and
``render`` read), and validated at any moment by the one draft model, which
gives the errors of each key. Nothing here imports the model until it is
needed, so the app's first screen stays quick.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import languages, registry
from .i18n import N_

if TYPE_CHECKING:
    from .errors import Problem
    from .model import Draft

TABLES = ("customer", "transaction", "details", "recipient")
TOP_KEYS = ("language", "channel", "request", "description", "evidence")

DEFAULTS: dict[str, Any] = {
    "language": languages.DEFAULT,
    "channel": registry.CHANNELS[0].value,
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
        doc: dict[str, Any] = {}
        kind = registry.REQUESTS.get(self.values.get("request", ""))
        details_keys = {detail.name for detail in kind.details} if kind else set()
        for key, value in self.values.items():
            table, _, name = key.partition(".")
            if table not in TABLES or not name:  # a key of its own, even with a dot in it
                doc[key] = value
                continue
            if table == "details" and name not in details_keys:
                continue
            if value in ("", None, []):
                continue
            doc.setdefault(table, {})[name] = value
        return doc

    @classmethod
    def from_document(
        cls, doc: dict[str, Any], base_dir: Path, source: Path | None = None, *, defaults: bool = True
    ) -> Answers:
        """Answers from a parsed draft file; values are kept as text, as if typed. Without
        ``defaults``, only the file's own keys (a draft moved into the store stays as it was written)."""
        values = dict(DEFAULTS) if defaults else {}
        for key, value in doc.items():
            if key in TABLES and isinstance(value, dict):
                for name, item in value.items():
                    values[f"{key}.{name}"] = _as_typed(item)
            elif key == "evidence" and isinstance(value, list):
                values[key] = [_typed_entry(item) for item in value]
            else:
                values[key] = _as_typed(value)
        return cls(values=values, base_dir=base_dir, source=source)

    @classmethod
    def load(cls, path: Path) -> Answers:
        from .drafts import parse_data, read_source

        data, base = read_source(path)
        return cls.from_document(parse_data(data), base, path)

    def to_toml(self, target: Path) -> str:
        """The draft file to be saved as ``target``: the format ``alma-contact check`` and ``render`` read.

        Relative evidence paths start from the draft's folder: saved in another
        folder, they are written so that they still name the same files.
        Raises :class:`~alma_contact.export.save.SaveError` when the text would
        not read back as these very answers (nothing is to be saved then).
        """
        import tomllib  # when saving: the start screen does without it

        doc = self.document()
        if isinstance(doc.get("evidence"), list):
            doc["evidence"] = [self._evidence_from(target, item) for item in doc["evidence"]]
        text = dumps_toml(doc)
        again = Answers.from_document(tomllib.loads(text), self.base_dir, defaults=False).document()
        if again != doc:
            raise _not_writable()
        return text

    def _evidence_from(self, target: Path, written: Any) -> Any:
        """An evidence path as a draft saved as ``target`` must write it to name the same file
        (a labelled entry keeps its label, and any other key, as it is)."""
        if isinstance(written, dict):
            return (
                {**written, "path": self._evidence_from(target, written["path"])}
                if "path" in written
                else written
            )
        if not isinstance(written, str) or not written or written.startswith("~"):
            return written
        if Path(written).is_absolute():
            return written
        base = self.base_dir.absolute()
        try:
            folder = Path(target).expanduser().absolute().parent
        except RuntimeError:  # "~someone" with no such user: saving will say so; the path stays whole
            return str(base / written)
        if folder == base:
            return written
        try:
            if os.path.samefile(folder, base):
                return written
        except OSError:
            pass
        location = base / written
        if ".." not in location.parts and ".." not in folder.parts and location.is_relative_to(folder):
            return location.relative_to(folder).as_posix()  # still below the new folder
        return str(location)

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

    def stated(self, today: date | None = None) -> tuple[str, ...]:
        """What the message will say of its own beside the person's account (its first sentence, the
        facts), in its language, from the answers given so far; nothing while they are not all valid
        (the account and the evidence aside)."""
        from .render import STAND_IN, stated

        values = {**self.values, "description": STAND_IN, "evidence": []}
        draft, _ = Answers(values=values, base_dir=self.base_dir).validate(today)
        if draft is None:
            return ()
        try:
            return stated(draft, today)
        except (ValueError, LookupError):  # a message the draft cannot be written as (none known)
            return ()

    def problems(self, lang: str, today: date | None = None) -> dict[str, Problem]:
        """The first problem of each key (``evidence[2]`` counts as ``evidence``), in ``lang``."""
        from .errors import explain
        from .model import known_keys

        _, error = self.validate(today)
        if error is None:
            return {}
        found: dict[str, Problem] = {}
        value = self.values.get("request")
        request = value if isinstance(value, str) else None
        for problem in explain(error, lang, known_keys(request), request):
            found.setdefault(problem.key.split("[", 1)[0], problem)
        return found


Entry = str | dict[str, Any]
"""One evidence answer: its path, or a table of its path and label (and any key the draft had)."""


def entry(path: str, label: str = "") -> Entry:
    """The evidence answer for a file and its description: a plain path when there is none."""
    return {"path": path, "label": label} if label.strip() else path


def entry_path(item: Entry) -> str:
    """The path an evidence answer names ("" for a table without one)."""
    if isinstance(item, dict):
        path = item.get("path", "")
        return path if isinstance(path, str) else str(path)
    return item


def entry_label(item: Entry) -> str:
    """The description an evidence answer gives ("" when none)."""
    label = item.get("label", "") if isinstance(item, dict) else ""
    return label if isinstance(label, str) else str(label)


def _typed_entry(item: Any) -> Entry:
    """An evidence entry of a draft file as an answer: a table stays a table, anything else text."""
    if isinstance(item, dict):
        return {str(name): _as_typed(value) for name, value in item.items()}
    return item if isinstance(item, str) else str(item)


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
    if isinstance(value, dict):  # a table the app does not know: kept as it is, for the file
        return {str(name): _as_typed(item) for name, item in value.items()}
    return value if isinstance(value, str) else str(value)


NOT_WRITABLE = N_(
    "the answers cannot be written as a draft file that reads back the same; nothing was saved. "
    "Please report it."
)


def _not_writable() -> Exception:
    from .export.save import SaveError

    return SaveError(NOT_WRITABLE)


def dumps_toml(doc: dict[str, Any]) -> str:
    """The draft as TOML text, checked to read back as ``doc``: top-level values, then one table each.

    Keys are quoted whenever they need it, and text with line breaks is
    written over several lines, as a person would write it. The evidence is
    one list whatever it holds: a path as text, a labelled file as an inline
    table (``{ path = "b.png", label = "…" }``).
    """
    import tomllib

    import tomli_w

    tables = {k: v for k, v in doc.items() if isinstance(v, dict) or (k != "evidence" and _has_tables(v))}
    top = {k: v for k, v in doc.items() if k not in tables and k != "evidence"}

    def ours(multiline: bool) -> str:
        evidence = _evidence_toml(doc["evidence"]) if "evidence" in doc else ""
        head, rest = (tomli_w.dumps(part, multiline_strings=multiline) for part in (top, tables))
        return head + evidence + ("\n" if rest and (head or evidence) else "") + rest

    # Over several lines where that reads back the same; a carriage return, which a
    # reader may turn into a plain line break there, makes it all escaped instead.
    # tomli_w's own layout is the last resort (an evidence table holding lists of its own).
    for multiline in (True, False):
        for write in (ours, lambda multiline: tomli_w.dumps(doc, multiline_strings=multiline)):
            try:
                text = write(multiline)
            except (TypeError, ValueError):  # a value TOML has no type for
                raise _not_writable() from None
            try:
                if tomllib.loads(text) == doc:
                    return text
            except tomllib.TOMLDecodeError:
                pass
    raise _not_writable()


def _has_tables(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def _evidence_toml(entries: Any) -> str:
    """``evidence = [...]``, one entry a line: text as it is, a table inline, whatever its length."""
    import tomli_w

    def value(item: Any) -> str:
        if isinstance(item, dict):
            inner = ", ".join(f"{tomli_w.dumps({k: v}).strip()}" for k, v in item.items())
            return f"{{ {inner} }}" if inner else "{}"
        return tomli_w.dumps({"v": item}).strip().removeprefix("v = ")

    if not isinstance(entries, list):
        return tomli_w.dumps({"evidence": entries})
    if not entries:
        return "evidence = []\n"
    lines = "".join(f"    {value(item)},\n" for item in entries)
    return f"evidence = [\n{lines}]\n"


def is_optional(key: str) -> bool:
    """Whether the draft model lets this key stay empty, for "(optional)" beside a question.

    The keys that other answers make necessary (a letter's address, a partial
    refund's amount: the registry's rules) are only asked when they are
    needed, so they count as needed.
    """
    from .model import Draft

    table, _, name = key.partition(".")
    if key in registry.needed_keys():
        return False
    if not name:
        info = Draft.model_fields.get(table)
        return info is not None and not info.is_required()
    if table == "details":
        return True  # a choice has its default, or may stay empty (an objection's purpose); the rest may
    annotation = Draft.model_fields[table].annotation
    info = annotation.model_fields.get(name) if isinstance(annotation, type) else None
    return info is None or not info.is_required()
