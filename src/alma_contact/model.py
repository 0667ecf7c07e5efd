"""The one draft model: everything a message to Alma needs, validated.

The command line, the terminal app and every export read this model; its
validators call :mod:`alma_contact.parsing`, so every rule lives once. The
choices, the ``[details]`` table of each request and the rules between keys
come from :mod:`alma_contact.registry` (and the languages from
:mod:`alma_contact.languages`). A draft, once validated, does not change: a
different draft is validated anew.
Validation context (optional): ``today`` (a date, for "not in the future")
and ``base_dir`` (where relative evidence paths start).
"""

import mimetypes
import os
import stat
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PlainSerializer,
    SerializeAsAny,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from . import languages, registry
from .errors import MESSAGES, fail, kind_of
from .parsing import (
    choose,
    clean_text,
    numeric_date,
    parse_amount,
    parse_coming_day,
    parse_date,
    parse_email,
    parse_phone,
    parse_postal_code,
    plain_amount,
)

LIMITS = registry.LIMITS
"""Length limits, in characters (files for ``evidence_files``); the README documents them."""

LANGUAGES = languages.codes()
CHANNELS = registry.channel_values()
REQUESTS = tuple(registry.REQUESTS)
PLANS = tuple(registry.PLANS)


def _choice(choices: tuple[str, ...]) -> BeforeValidator:
    return BeforeValidator(lambda value: choose(value, choices))


def _line(limit: int, numbers: bool = False) -> BeforeValidator:
    return BeforeValidator(lambda value: clean_text(value, limit=limit, numbers=numbers))


def _optional(parse: Any) -> BeforeValidator:
    """An optional field: absent, or an empty string, means "not given"."""

    def check(value: object) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse(value)

    return BeforeValidator(check)


def _today(info: ValidationInfo) -> date | None:
    return (info.context or {}).get("today")


def _day(value: object, info: ValidationInfo) -> date:
    return parse_date(value, _today(info))


def _optional_day(parse: Callable[[object, date | None], date]) -> BeforeValidator:
    """An optional day read by ``parse`` against the validation's ``today``: absent, or an empty
    string, means "not given"."""

    def check(value: object, info: ValidationInfo) -> date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse(value, _today(info))

    return BeforeValidator(check)


def _plan(value: object) -> str:
    """``3x``, ``3 x``, ``x3``, ``3`` and ``D+30`` all name a plan."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value}x"
    if isinstance(value, str):
        word = value.strip().lower().replace(" ", "").replace("+", "")
        if word.startswith("x") and word[1:].isdigit():
            word = word[1:] + "x"
        elif word.isdigit():
            word += "x"
        if word in PLANS:
            return word
    return choose(value, PLANS)


Name = Annotated[str, _line(LIMITS["first_name"])]
Amount = Annotated[Decimal, BeforeValidator(parse_amount), PlainSerializer(str, return_type=str)]
OptionalAmount = Annotated[
    Decimal | None,
    _optional(parse_amount),
    PlainSerializer(lambda v: None if v is None else str(v), return_type=str | None),
]
Day = Annotated[date, BeforeValidator(_day)]
OptionalDay = Annotated[date | None, _optional_day(parse_date)]
OptionalComingDay = Annotated[date | None, _optional_day(parse_coming_day)]


class Section(BaseModel):
    """A table of the draft: unknown keys are errors, and a validated table does not change.

    A table's validator is built when first used (``defer_build``): a render
    only needs the [details] of its own request.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _table(cls, data: Any) -> Any:
        if data is None:
            return {}
        if not isinstance(data, dict) and not isinstance(data, BaseModel):
            fail("not_table", kind=kind_of(data))
        return data


class Customer(Section):
    """The person writing: Alma finds the account by the email and phone used for the purchase."""

    first_name: Name
    last_name: Annotated[str, _line(LIMITS["last_name"])]
    email: Annotated[str, BeforeValidator(parse_email)]
    phone: Annotated[str | None, _optional(parse_phone)] = None
    country: Annotated[str, BeforeValidator(lambda v: _country(v))] = "BE"
    street: Annotated[str | None, _optional(lambda v: clean_text(v, limit=LIMITS["street"]))] = None
    postal_code: str | None = None
    city: Annotated[str | None, _optional(lambda v: clean_text(v, limit=LIMITS["city"]))] = None

    @field_validator("postal_code", mode="before")
    @classmethod
    def _postal_code(cls, value: Any, info: ValidationInfo) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse_postal_code(value, info.data.get("country", "BE"))

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def has_address(self) -> bool:
        return bool(self.street and self.postal_code and self.city)


_COUNTRY_NAME = 60
"""The longest country name read (a code is two letters; the longest name in French or Dutch is 45)."""

_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
"""Two-letter codes Babel knows that name no country (European Union, Unknown Region...)."""


def _country(value: object) -> str:
    text = clean_text(value, limit=_COUNTRY_NAME)
    code = text.upper()
    if code == "BE":
        return code
    from babel import Locale

    names = Locale.parse("en").territories
    if len(code) == 2 and code.isalpha() and code in names and code not in _NOT_COUNTRIES:
        return code
    by_name = {name.lower(): c for c, name in names.items() if len(c) == 2}
    for language in languages.LANGUAGES.values():
        territories = Locale.parse(language.locale).territories
        by_name.update({n.lower(): c for c, n in territories.items() if len(c) == 2})
    if text.lower() in by_name:
        fail("country_suggest", value=text, suggestion=by_name[text.lower()])
    fail("country", value=text)


class Transaction(Section):
    """The payment the message is about."""

    amount: Amount
    date: Day
    order_number: Annotated[
        str | None, _optional(lambda v: clean_text(v, limit=LIMITS["order_number"], numbers=True))
    ] = None
    merchant: Annotated[str | None, _optional(lambda v: clean_text(v, limit=LIMITS["merchant"]))] = None
    plan: Annotated[str | None, _optional(_plan)] = None


def _detail_field(detail: registry.Detail) -> Any:
    """The type and default of one [details] key, from the registry."""
    if detail.kind == "choice" and detail.default is None:  # optional: empty is "not given"
        values = detail.values
        return (Annotated[str | None, _optional(lambda v: choose(v, values))], None)
    if detail.kind == "choice":
        return (Annotated[str, _choice(detail.values)], detail.default)
    if detail.kind == "amount":
        return (OptionalAmount, None)
    if detail.kind == "text":
        limit = detail.limit
        return (Annotated[str | None, _optional(lambda v: clean_text(v, limit=limit))], None)
    if detail.kind == "day":
        return (OptionalComingDay, None)
    return (OptionalDay, None)


def _details_table(kind: registry.RequestKind) -> type[Section]:
    name = "".join(part.title() for part in kind.key.split("_")) + "Details"
    fields = {detail.name: _detail_field(detail) for detail in kind.details}
    table: type[Section] = create_model(name, __base__=Section, __module__=__name__, **fields)
    table.__doc__ = f"The [details] of a request about {kind.key}."
    return table


DETAILS_BY_REQUEST: Mapping[str, type[Section]] = {
    key: _details_table(kind) for key, kind in registry.REQUESTS.items()
}
"""Which ``[details]`` keys each request kind takes, and their defaults (from the registry)."""


def _address_line(value: object) -> str:
    return clean_text(value, limit=LIMITS["address_line"])


def _url(value: object) -> str:
    text = clean_text(value, limit=LIMITS["url"])
    if not text.startswith("https://") or " " in text or len(text) < 12:
        fail("url_invalid", value=text)
    return text


def _address(value: object) -> list[str]:
    if not isinstance(value, list):
        fail("not_lines", kind=kind_of(value))
    if not 2 <= len(value) <= LIMITS["address_lines"]:
        fail("address_lines", count=len(value), limit=LIMITS["address_lines"])
    return value


class Recipient(Section):
    """Overrides of Alma's contact details (see ``data/alma.toml``)."""

    email: Annotated[str | None, _optional(parse_email)] = None
    address: Annotated[list[Annotated[str, BeforeValidator(_address_line)]] | None, _optional(_address)] = (
        None
    )
    form_url: Annotated[str | None, _optional(_url)] = None


EVIDENCE_KEYS = ("path", "label")
"""The keys of an evidence entry written as a table: ``{ path = "b.png", label = "…" }``."""


def evidence_label(value: object) -> str | None:
    """An evidence file's description as the draft gives it: one line, or None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return clean_text(value, limit=LIMITS["evidence_label"])


class EvidenceFile(BaseModel):
    """One file sent as evidence: the path as written, its description if given, where it is,
    its size and type."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    label: str | None = None
    """What the file is, in the message's language (a letter lists its enclosures by it)."""
    location: Path = Field(exclude=True)
    size: int = Field(exclude=True)
    media_type: str = Field(exclude=True)
    identity: tuple[int, int] = Field(default=(0, 0), exclude=True)
    """The file's device and inode when checked: the same file written two ways is one file."""
    usual_place: bool = Field(default=True, exclude=True)
    """In the draft's folder or one of the user's document folders (else a warning says so)."""

    @property
    def name(self) -> str:
        return self.location.name

    @property
    def description(self) -> str:
        """What the file is: its label, or its name when it has none."""
        return self.label or self.name

    @staticmethod
    def locate(written: str, base_dir: Path) -> Path:
        """Where a path written in a draft points: from the draft's folder, with ``~`` expanded.

        Raises RuntimeError for ``~someone`` when there is no such user.
        """
        return (base_dir / Path(written).expanduser()).absolute()

    @classmethod
    def find(cls, written: object, base_dir: Path, label: str | None = None) -> "EvidenceFile":
        """Look the file up now: it must exist, be a regular file and be readable.

        Files on system file systems (``/proc``...) and key or password files are
        refused (see :mod:`alma_contact.evidence`); the file is never opened here.
        ``label`` is the file's description, already checked (:func:`evidence_label`).
        """
        from .evidence import in_usual_place, refusal

        text = clean_text(written, limit=LIMITS["evidence_path"])
        try:
            location = cls.locate(text, base_dir)
        except RuntimeError:  # "~someone" when there is no such user
            fail("evidence_missing", path=text)
        refused = refusal(location)
        if refused:
            fail(refused, path=text)
        try:
            info = location.stat()
        except FileNotFoundError:
            fail("evidence_missing", path=text)
        except OSError as error:
            fail("evidence_unreadable", path=text, reason=error.strerror or str(error))
        if not stat.S_ISREG(info.st_mode):
            fail("evidence_not_file", path=text)
        if not os.access(location, os.R_OK):
            fail("evidence_unreadable", path=text, reason=os.strerror(13))
        media_type = mimetypes.guess_type(location.name)[0] or "application/octet-stream"
        return cls(
            path=text,
            label=label,
            location=location,
            size=info.st_size,
            media_type=media_type,
            identity=(info.st_dev, info.st_ino),
            usual_place=in_usual_place(location, base_dir),
        )


class Draft(BaseModel):
    """A message to Alma before it is written out: the file format is this model's keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Annotated[str, _choice(LANGUAGES)] = languages.DEFAULT
    channel: Annotated[str, _choice(CHANNELS)] = CHANNELS[0]
    request: Annotated[str, _choice(REQUESTS)]
    description: Annotated[str, BeforeValidator(lambda v: _description(v))]
    evidence: list[EvidenceFile] = Field(default_factory=lambda: [])
    # (a lambda, not ``list``: the signature of a built-in is read by parsing its text at start-up)
    customer: Customer
    transaction: Transaction
    # Typed by the base table so that the draft's validator does not build all five:
    # the validator below builds the request's own table, and it serialises as itself.
    details: SerializeAsAny[Section] | None = Field(default=None, validate_default=True)
    recipient: Recipient = Field(default_factory=Recipient)
    deadline_days: Annotated[int, BeforeValidator(lambda v: _deadline(v))] = registry.DEADLINE_DAYS
    """The days Alma is given to act on a claim; 0 sets no deadline."""

    @model_validator(mode="before")
    @classmethod
    def _tables(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for table in ("customer", "transaction"):
                if table not in data:
                    data[table] = {}
            details = data.get("details")
            if isinstance(details, dict) and "request" in details:
                raise _errors([(("details", "request"), _custom("details_request"), details["request"])])
        return data

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return []
        if not isinstance(value, list):
            fail("not_list", kind=kind_of(value))
        if value and all(isinstance(item, EvidenceFile) for item in value):
            return value
        if len(value) > LIMITS["evidence_files"]:
            fail("evidence_too_many", count=len(value), limit=LIMITS["evidence_files"])
        base_dir = Path((info.context or {}).get("base_dir") or Path.cwd())
        found: list[EvidenceFile] = []
        problems: list[Found] = []
        seen: dict[object, EvidenceFile] = {}
        for index, item in enumerate(value):
            evidence: EvidenceFile | None = item if isinstance(item, EvidenceFile) else None
            if evidence is None:
                evidence, wrong = _evidence_entry(index, item, base_dir)
                problems += wrong
                if evidence is None:
                    continue
            # The same file written two ways (/abs/x.pdf, ../ev/x.pdf, a link) is the same file.
            same = seen.get(evidence.identity) or seen.get(Path(os.path.realpath(evidence.location)))
            if same is not None and same.path == evidence.path:
                problems.append(((index,), _custom("evidence_duplicate", path=evidence.path), item))
            elif same is not None:
                problems.append(
                    ((index,), _custom("evidence_duplicate_of", path=evidence.path, other=same.path), item)
                )
            if evidence.identity != (0, 0):
                seen.setdefault(evidence.identity, evidence)
            seen.setdefault(Path(os.path.realpath(evidence.location)), evidence)
            found.append(evidence)
        if problems:
            raise _errors(problems)
        return found

    @field_validator("details", mode="before")
    @classmethod
    def _details(cls, value: Any, info: ValidationInfo) -> Any:
        request = info.data.get("request")
        if request is None:  # the request itself is wrong: its error says so
            return None
        model = DETAILS_BY_REQUEST[request]
        if isinstance(value, model):
            return value
        if isinstance(value, Section):  # the request changed: start its details afresh
            value = None
        return model.model_validate({} if value is None else value, context=info.context)

    @model_validator(mode="after")
    def _consistent(self) -> "Draft":
        problems = _broken_rules(_validated_values(self))
        if problems:
            raise _errors(problems)
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _report_all(
        cls, data: Any, handler: ModelWrapValidatorHandler["Draft"], info: ValidationInfo
    ) -> "Draft":
        """When some keys are wrong, still name the keys the channel and request need,
        and the values that contradict each other.

        The checks after validation only run on a draft whose keys are all
        valid; a person filling in one step at a time must hear at once that a
        letter needs an address, a partial refund an amount, and that a refund
        cannot be larger than the purchase.
        """
        try:
            return handler(data)
        except ValidationError as error:
            lines = error.errors()
            seen = {tuple(line["loc"]) for line in lines}
            found = _broken_rules(_raw_values(data, _today(info)))
            extra = [p for p in found if p[0] not in seen]
            if not extra:
                raise
            details = [_line_error(line) for line in lines]
            details += [InitErrorDetails(type=err, loc=loc, input=value) for loc, err, value in extra]
            raise ValidationError.from_exception_data("Draft", details) from None


def _deadline(value: object) -> int:
    """A whole number of days from 0 to the limit, as TOML (``15``) or the app (``"15"``) gives it."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        fail("deadline_days", value=value, limit=LIMITS["deadline_days"])
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or int(text) > LIMITS["deadline_days"]:
        fail("deadline_days", value=text, limit=LIMITS["deadline_days"])
    return int(text)


def _description(value: object) -> str:
    text = clean_text(value, limit=LIMITS["description"], multiline=True)
    if len(text) < LIMITS["description_min"]:
        fail("too_short", length=len(text), limit=LIMITS["description_min"])
    return text


Found = tuple[tuple[int | str, ...], PydanticCustomError | str, object]
"""One problem: where, what (ours, or a Pydantic error type), and the value it is about."""


def _evidence_entry(index: int, item: object, base_dir: Path) -> tuple[EvidenceFile | None, list[Found]]:
    """One entry of ``evidence``: a path, or a table of its path and label; the file, or what is wrong.

    A path's errors are at ``evidence[n]``; a table's at ``evidence[n].path``,
    ``evidence[n].label`` or the unknown key.
    """
    if not isinstance(item, dict):
        if not isinstance(item, str):
            return None, [((index,), _custom("evidence_entry", kind=kind_of(item)), item)]
        try:
            return EvidenceFile.find(item, base_dir), []
        except PydanticCustomError as error:
            return None, [((index,), error, item)]
    problems: list[Found] = [
        ((index, str(key)), "extra_forbidden", item[key]) for key in item if key not in EVIDENCE_KEYS
    ]
    label: str | None = None
    try:
        label = evidence_label(item.get("label"))
    except PydanticCustomError as error:
        problems.append(((index, "label"), error, item.get("label")))
    if "path" not in item:
        problems.append(((index, "path"), _custom("missing"), item))
        return None, problems
    try:
        evidence = EvidenceFile.find(item["path"], base_dir, label)
    except PydanticCustomError as error:
        problems.append(((index, "path"), error, item["path"]))
        return None, problems
    return evidence, problems


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rule_keys() -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for rule in registry.RULES:
        keys.update(dict.fromkeys((rule.key, *(key for key, _ in rule.when))))
    for comparison in registry.COMPARISONS:
        keys.update(dict.fromkeys((comparison.key, comparison.other)))
    return tuple(keys)


def _validated_values(draft: "Draft") -> dict[str, object]:
    """The values of a valid draft that the rules between keys read."""
    values: dict[str, object] = {}
    for key in _rule_keys():
        table, _, name = key.partition(".")
        owner = getattr(draft, table, None) if name else draft
        values[key] = getattr(owner, name or table, None)
    return values


def _raw_values(data: Any, today: date | None) -> dict[str, object]:
    """The same values from answers that may be wrong: each read as the model reads it, or None
    when it is blank or cannot be read (its own error says so). A [details] key counts only when
    the request has it."""
    if not isinstance(data, dict):
        return {}
    request = data.get("request")
    kind = registry.REQUESTS.get(request.strip().lower()) if isinstance(request, str) else None
    values: dict[str, object] = {}
    for key in _rule_keys():
        table, _, name = key.partition(".")
        owner = data.get(table) if name else data
        if not isinstance(owner, dict) or (table == "details" and (kind is None or not kind.detail(name))):
            continue
        raw = owner.get(name or table)
        values[key] = None if _blank(raw) else _read(registry.kind_of_key(key), raw, today)
    return values


def _read(kind: str, raw: object, today: date | None) -> object:
    try:
        if kind == "amount":
            return parse_amount(raw)
        if kind == "date":
            return parse_date(raw, today)
        if kind == "day":
            return parse_coming_day(raw, today)
    except (PydanticCustomError, ValueError):
        return None
    return raw


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return plain_amount(value)
    if isinstance(value, date):
        return numeric_date(value)
    return str(value)


def _broken_rules(values: Mapping[str, object]) -> list[Found]:
    """The rules between keys (:data:`registry.RULES`, :data:`registry.COMPARISONS`) these values break.

    The one check of those rules: run on a valid draft, and on the raw answers of a draft
    with other errors, so that a person filling in one step at a time hears at once that a
    letter needs an address or that a refund cannot be larger than the purchase.
    """
    found: list[Found] = []
    for rule in registry.RULES:
        if not registry.holds(rule.when, values):
            continue
        value = values.get(rule.key)
        if rule.needed and _blank(value):
            found.append((tuple(rule.key.split(".")), _custom(rule.error), None))
        elif not rule.needed and not _blank(value):
            found.append((tuple(rule.key.split(".")), _custom(rule.error), value))
    for comparison in registry.COMPARISONS:
        value, other = values.get(comparison.key), values.get(comparison.other)
        if not isinstance(value, Decimal | date) or type(value) is not type(other):
            continue
        broken = value > other if comparison.relation == "at_most" else value < other  # type: ignore[operator]
        if broken:
            error = _custom(comparison.error, value=_shown(value), other=_shown(other))
            found.append((tuple(comparison.key.split(".")), error, value))
    return found


def _line_error(line: Any) -> InitErrorDetails:
    """One error of a ValidationError, ready to be raised again among others."""
    kind = line["type"]
    ctx = line.get("ctx") or {}
    if kind in MESSAGES:
        return InitErrorDetails(
            type=PydanticCustomError(kind, MESSAGES[kind], ctx), loc=line["loc"], input=line["input"]
        )
    if ctx:
        return InitErrorDetails(type=kind, loc=line["loc"], input=line["input"], ctx=ctx)
    return InitErrorDetails(type=kind, loc=line["loc"], input=line["input"])


def _custom(kind: str, /, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, MESSAGES[kind], ctx)


def _errors(problems: list[Found]) -> ValidationError:
    """Several errors at once, each at its own key (prefixed by Pydantic with the parent's)."""
    return ValidationError.from_exception_data(
        "Draft",
        [InitErrorDetails(type=error, loc=loc, input=value) for loc, error, value in problems],
    )


def known_keys(request: str | None) -> dict[str, list[str]]:
    """The keys each table takes, for did-you-mean answers to unknown keys."""
    details = DETAILS_BY_REQUEST.get(request or "")
    keys = {
        "": list(Draft.model_fields),
        "customer": list(Customer.model_fields),
        "transaction": list(Transaction.model_fields),
        "recipient": list(Recipient.model_fields),
        "evidence": list(EVIDENCE_KEYS),
        "details": list(details.model_fields) if details else [],
    }
    return keys
