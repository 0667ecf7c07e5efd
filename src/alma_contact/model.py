"""The one draft model: everything a message to Alma needs, validated.

The command line, the terminal app and every export read and write this model;
its validators call :mod:`alma_contact.parsing`, so every rule lives once.
Validation context (optional): ``today`` (a date, for "not in the future")
and ``base_dir`` (where relative evidence paths start).
"""

import mimetypes
import os
import stat
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

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
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .errors import MESSAGES, fail, kind_of
from .parsing import (
    choose,
    clean_text,
    numeric_date,
    parse_amount,
    parse_date,
    parse_email,
    parse_phone,
    parse_postal_code,
    plain_amount,
)

Language = Literal["fr", "nl"]
Channel = Literal["email", "letter", "form"]
RequestKind = Literal["payment_issue", "cancellation", "refund", "installments", "other"]
Plan = Literal["2x", "3x", "4x", "10x", "12x", "d15", "d30"]
IssueKind = Literal["refused", "failed_debit", "charged_twice", "wrong_amount", "other"]
CancelAction = Literal["cancel", "modify"]
RefundKind = Literal["full", "partial"]
Question = Literal["schedule", "missing_payment", "change_date", "early_repayment", "other"]

LIMITS: dict[str, int] = {
    "first_name": 60,
    "last_name": 60,
    "email": 254,
    "phone": 30,
    "street": 100,
    "postal_code": 10,
    "city": 60,
    "order_number": 60,
    "merchant": 100,
    "description": 10_000,
    "description_min": 15,
    "evidence_files": 20,
    "evidence_path": 1024,
    "address_line": 60,
    "address_lines": 7,
    "url": 300,
}
"""Length limits, in characters (files for ``evidence_files``); the README documents them."""


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


def _optional_day(value: object, info: ValidationInfo) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, _today(info))


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
        if word in get_args(Plan):
            return word
    return choose(value, get_args(Plan))


Name = Annotated[str, _line(LIMITS["first_name"])]
Amount = Annotated[Decimal, BeforeValidator(parse_amount), PlainSerializer(str, return_type=str)]
Day = Annotated[date, BeforeValidator(_day)]
OptionalDay = Annotated[date | None, BeforeValidator(_optional_day)]


class Section(BaseModel):
    """A table of the draft: unknown keys are errors, values are checked on assignment too.

    A table's validator is built when first used (``defer_build``): a render
    only needs the [details] of its own request.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

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


_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
"""Two-letter codes Babel knows that name no country (European Union, Unknown Region...)."""


def _country(value: object) -> str:
    text = clean_text(value, limit=60)
    code = text.upper()
    if code == "BE":
        return code
    from babel import Locale

    names = Locale.parse("en").territories
    if len(code) == 2 and code.isalpha() and code in names and code not in _NOT_COUNTRIES:
        return code
    by_name = {name.lower(): c for c, name in names.items() if len(c) == 2}
    for lang in ("fr", "nl"):
        by_name.update({n.lower(): c for c, n in Locale.parse(lang).territories.items() if len(c) == 2})
    if text.lower() in by_name:
        fail("country_suggest", value=text, suggestion=by_name[text.lower()])
    fail("country", value=text)


class Transaction(Section):
    """The payment the message is about."""

    amount: Amount
    date: Day
    order_number: Annotated[str | None, _optional(lambda v: clean_text(v, limit=60, numbers=True))] = None
    merchant: Annotated[str | None, _optional(lambda v: clean_text(v, limit=LIMITS["merchant"]))] = None
    plan: Annotated[Plan | None, _optional(_plan)] = None


class PaymentIssueDetails(Section):
    issue: Annotated[IssueKind, _choice(get_args(IssueKind))] = "other"


class CancellationDetails(Section):
    action: Annotated[CancelAction, _choice(get_args(CancelAction))] = "cancel"
    merchant_cancelled_on: OptionalDay = None


class RefundDetails(Section):
    refund: Annotated[RefundKind, _choice(get_args(RefundKind))] = "full"
    refund_amount: Annotated[
        Decimal | None,
        _optional(parse_amount),
        PlainSerializer(lambda v: None if v is None else str(v), return_type=str | None),
    ] = None
    merchant_refunded_on: OptionalDay = None


class InstallmentsDetails(Section):
    question: Annotated[Question, _choice(get_args(Question))] = "other"


class OtherDetails(Section):
    pass


Details = PaymentIssueDetails | CancellationDetails | RefundDetails | InstallmentsDetails | OtherDetails
"""The [details] tables; the draft holds the one of its request (see ``DETAILS_BY_REQUEST``)."""

DETAILS_BY_REQUEST: dict[str, type[Section]] = {
    "payment_issue": PaymentIssueDetails,
    "cancellation": CancellationDetails,
    "refund": RefundDetails,
    "installments": InstallmentsDetails,
    "other": OtherDetails,
}
"""Which ``[details]`` keys each request kind takes, and their defaults."""


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


class EvidenceFile(BaseModel):
    """One file sent as evidence: the path as written, where it is, its size and type."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
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

    @staticmethod
    def locate(written: str, base_dir: Path) -> Path:
        """Where a path written in a draft points: from the draft's folder, with ``~`` expanded.

        Raises RuntimeError for ``~someone`` when there is no such user.
        """
        return (base_dir / Path(written).expanduser()).absolute()

    @classmethod
    def find(cls, written: object, base_dir: Path) -> "EvidenceFile":
        """Look the file up now: it must exist, be a regular file and be readable.

        Files on system file systems (``/proc``...) and key or password files are
        refused (see :mod:`alma_contact.evidence`); the file is never opened here.
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
            location=location,
            size=info.st_size,
            media_type=media_type,
            identity=(info.st_dev, info.st_ino),
            usual_place=in_usual_place(location, base_dir),
        )


class Draft(BaseModel):
    """A message to Alma before it is written out: the file format is this model's keys."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    language: Annotated[Language, _choice(get_args(Language))] = "fr"
    channel: Annotated[Channel, _choice(get_args(Channel))] = "email"
    request: Annotated[RequestKind, _choice(get_args(RequestKind))]
    description: Annotated[str, BeforeValidator(lambda v: _description(v))]
    evidence: list[EvidenceFile] = Field(default_factory=list)
    customer: Customer
    transaction: Transaction
    # Typed by the base table so that the draft's validator does not build all five:
    # the validator below builds the request's own table, and it serialises as itself.
    details: SerializeAsAny[Section] | None = Field(default=None, validate_default=True)
    recipient: Recipient = Field(default_factory=Recipient)

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
        problems: list[tuple[tuple[int | str, ...], PydanticCustomError, object]] = []
        seen: dict[object, EvidenceFile] = {}
        for index, item in enumerate(value):
            try:
                evidence = item if isinstance(item, EvidenceFile) else EvidenceFile.find(item, base_dir)
            except PydanticCustomError as error:
                problems.append(((index,), error, item))
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

    def __setattr__(self, name: str, value: Any) -> None:
        """Assign through validation; a refused value leaves the draft as it was.

        Pydantic stores the new value before the checks across keys run, so
        without this a refused assignment would leave an invalid draft behind.
        """
        if name not in type(self).model_fields:
            super().__setattr__(name, value)
            return
        before, fields_set = dict(self.__dict__), set(self.__pydantic_fields_set__)
        try:
            super().__setattr__(name, value)
        except ValidationError:
            object.__setattr__(self, "__dict__", before)
            object.__setattr__(self, "__pydantic_fields_set__", fields_set)
            raise

    @model_validator(mode="after")
    def _consistent(self) -> "Draft":
        expected = DETAILS_BY_REQUEST[self.request]
        if not isinstance(self.details, expected):  # the request changed: its details start afresh
            self.__dict__["details"] = expected()
        problems: list[tuple[tuple[int | str, ...], PydanticCustomError, object]] = []
        if self.channel == "letter":
            for key in LETTER_ADDRESS_KEYS:
                if not getattr(self.customer, key):
                    problems.append((("customer", key), _custom("letter_address"), None))
        details = self.details
        if isinstance(details, RefundDetails):
            if details.refund == "partial" and details.refund_amount is None:
                problems.append((("details", "refund_amount"), _custom("refund_amount_needed"), None))
            if details.refund == "full" and details.refund_amount is not None:
                problems.append((("details", "refund_amount"), _custom("refund_amount_full"), None))
            if details.refund_amount is not None and details.refund_amount > self.transaction.amount:
                problems.append(
                    (
                        ("details", "refund_amount"),
                        _custom(
                            "refund_amount_over",
                            value=plain_amount(details.refund_amount),
                            amount=plain_amount(self.transaction.amount),
                        ),
                        details.refund_amount,
                    )
                )
        for key in ("merchant_refunded_on", "merchant_cancelled_on"):
            day = getattr(details, key, None)
            if day is not None and day < self.transaction.date:
                problems.append(
                    (
                        ("details", key),
                        _custom(
                            "date_before_transaction",
                            value=numeric_date(day),
                            transaction=numeric_date(self.transaction.date),
                        ),
                        day,
                    )
                )
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
            found = _required_by_choices(data) + _compared(data, _today(info))
            extra = [p for p in found if p[0] not in seen]
            if not extra:
                raise
            details = [_line_error(line) for line in lines]
            details += [InitErrorDetails(type=err, loc=loc, input=value) for loc, err, value in extra]
            raise ValidationError.from_exception_data("Draft", details) from None

    def known_keys(self) -> dict[str, list[str]]:
        return known_keys(self.request)


def _description(value: object) -> str:
    text = clean_text(value, limit=LIMITS["description"], multiline=True)
    if len(text) < LIMITS["description_min"]:
        fail("too_short", length=len(text), limit=LIMITS["description_min"])
    return text


LETTER_ADDRESS_KEYS = ("street", "postal_code", "city")
"""The [customer] keys a letter needs: the sender's address."""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _required_by_choices(data: Any) -> list[tuple[tuple[int | str, ...], PydanticCustomError, object]]:
    """Keys that the raw choices of channel and request make necessary, and are blank."""
    if not isinstance(data, dict):
        return []
    found: list[tuple[tuple[int | str, ...], PydanticCustomError, object]] = []
    customer = data.get("customer")
    channel = data.get("channel")
    if isinstance(customer, dict) and isinstance(channel, str) and channel.strip().lower() == "letter":
        for key in LETTER_ADDRESS_KEYS:
            if _blank(customer.get(key)):
                found.append((("customer", key), _custom("letter_address"), None))
    details = data.get("details")
    request = data.get("request")
    if isinstance(details, dict) and isinstance(request, str) and request.strip().lower() == "refund":
        refund = details.get("refund")
        if (
            isinstance(refund, str)
            and refund.strip().lower() == "partial"
            and _blank(details.get("refund_amount"))
        ):
            found.append((("details", "refund_amount"), _custom("refund_amount_needed"), None))
    return found


def _readable(parse: Any, value: object) -> Any:
    """The value read by ``parse``, or None when it is blank or cannot be read (its own error says so)."""
    if _blank(value):
        return None
    try:
        return parse(value)
    except (PydanticCustomError, ValueError):
        return None


def _compared(
    data: Any, today: date | None
) -> list[tuple[tuple[int | str, ...], PydanticCustomError, object]]:
    """The rules across keys of :meth:`Draft._consistent`, on raw answers whose values can be read."""
    if not isinstance(data, dict):
        return []
    transaction, details, request = data.get("transaction"), data.get("details"), data.get("request")
    if not isinstance(transaction, dict) or not isinstance(details, dict) or not isinstance(request, str):
        return []
    model = DETAILS_BY_REQUEST.get(request.strip().lower())
    if model is None:
        return []
    found: list[tuple[tuple[int | str, ...], PydanticCustomError, object]] = []
    amount = _readable(parse_amount, transaction.get("amount"))
    refund = _readable(parse_amount, details.get("refund_amount")) if model is RefundDetails else None
    if amount is not None and refund is not None and refund > amount:
        found.append(
            (
                ("details", "refund_amount"),
                _custom("refund_amount_over", value=plain_amount(refund), amount=plain_amount(amount)),
                refund,
            )
        )
    bought = _readable(lambda value: parse_date(value, today), transaction.get("date"))
    for key in ("merchant_refunded_on", "merchant_cancelled_on"):
        day = (
            _readable(lambda value: parse_date(value, today), details.get(key))
            if key in model.model_fields
            else None
        )
        if bought is not None and day is not None and day < bought:
            found.append(
                (
                    ("details", key),
                    _custom(
                        "date_before_transaction", value=numeric_date(day), transaction=numeric_date(bought)
                    ),
                    day,
                )
            )
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


def _custom(kind: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, MESSAGES[kind], ctx)


def _errors(
    problems: list[tuple[tuple[int | str, ...], PydanticCustomError, object]],
) -> ValidationError:
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
        "details": list(details.model_fields) if details else [],
    }
    return keys
