"""Every validation error the draft can produce, and how to say it to a person.

Each error has a type and an English message template (the gettext msgid).
The parsers and the model raise :func:`fail`; :func:`explain` turns a
Pydantic ``ValidationError`` into :class:`Problem` lines that name the full
key, say what is wrong and what would be right, in the interface language.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic_core import PydanticCustomError

from . import registry
from .i18n import N_, translate
from .registry import Choice

if TYPE_CHECKING:
    from pydantic import ValidationError

MESSAGES: dict[str, str] = {
    # presence and shape
    "missing": N_("is missing."),
    "not_text": N_("must be text, not {kind}."),
    "not_list": N_("must be a list of file paths, not {kind}."),
    "not_lines": N_("must be a list of lines, not {kind}."),
    "not_table": N_("must be a table of keys, not {kind}."),
    "empty": N_("is empty."),
    "too_long": N_("is {length} characters long; the limit is {limit}."),
    "too_short": N_("is only {length} characters long; write at least {limit}."),
    "control_chars": N_(
        "contains an invisible control character or terminal escape sequence "
        "(character {position}); remove it."
    ),
    "line_break": N_("must fit on one line, without line breaks or tabs."),
    "invisible_char": N_("contains an invisible character, {character} (character {position}); remove it."),
    "digits_not_ascii": N_("“{value}” has digits of another script; write the digits 0 to 9."),
    "choice": N_("“{value}” is not one of the choices ({choices})."),
    "choice_suggest": N_("“{value}” is not one of the choices ({choices}); did you mean “{suggestion}”?"),
    "unknown_key": N_("is not a known key here (known keys: {allowed})."),
    "unknown_key_suggest": N_("is not a known key here; did you mean “{suggestion}”?"),
    "details_request": N_(
        "is not set in [details]: the top-level key “request” says what the request is about."
    ),
    # amounts
    "amount_type": N_("must be a number or a text such as “1.234,56”, not {kind}."),
    "amount_text": N_("“{value}” is not an amount in euros."),
    "amount_format": N_("“{value}” is not written as Belgians write amounts."),
    "amount_format_suggest": N_(
        "“{value}” is not written as Belgians write amounts; did you mean {suggestion}?"
    ),
    "amount_decimals": N_("“{value}” has more than two decimals; cents are the smallest unit."),
    "amount_not_positive": N_("must be more than zero (“{value}” was given)."),
    "amount_too_large": N_("{value} is over the limit of {limit}."),
    # dates
    "date_type": N_("must be a date such as 2/11/2026, not {kind}."),
    "date_format": N_("“{value}” is not a date written day/month/year."),
    "date_short_year": N_("“{value}” has a two-digit year; write the year in full, as in {suggestion}."),
    "date_month_first": N_(
        "“{value}” puts the month first; in Belgium the day comes first: did you mean {suggestion}?"
    ),
    "date_invalid": N_("“{value}” is not a day of the calendar."),
    "date_future": N_("{value} is in the future."),
    "day_past": N_("{value} has already passed; write a day from today on."),
    "day_too_far": N_("{value} is more than a year away; write a day within the coming year."),
    "date_too_old": N_("{value} is before {limit}, earlier than any payment this tool can help with."),
    "date_before_transaction": N_("{value} is before the transaction date ({other})."),
    # contact details
    "email_invalid": N_("“{value}” is not an email address."),
    "phone_invalid": N_("“{value}” is not a phone number."),
    "phone_belgian": N_(
        "“{value}” does not have the digits of a Belgian number "
        "(9 digits after the 0 for a mobile, 8 for a fixed line)."
    ),
    "postal_code_be": N_("“{value}” is not a Belgian postcode (four digits, 1000 to 9999)."),
    "postal_code": N_("“{value}” is not a postcode (2 to 10 letters or digits)."),
    "country": N_("“{value}” is not a two-letter country code."),
    "country_suggest": N_("“{value}” is not a two-letter country code; did you mean {suggestion}?"),
    "letter_address": N_("is needed for a letter: it is the sender's address."),
    # refunds
    "refund_amount_needed": N_("is needed for a partial refund: the amount you expect back."),
    "subject_needed": N_("is needed for a request of your own: what you ask, in a few words."),
    "refund_amount_full": N_('is only for a partial refund; remove it, or set refund = "partial".'),
    "over_transaction_amount": N_("{value} is more than the transaction amount ({other})."),
    # the deadline
    "deadline_days": N_("“{value}” is not a number of days from 0 to {limit}."),
    # evidence
    "evidence_entry": N_("must be a file path, or a table of a path and a label, not {kind}."),
    "evidence_missing": N_("“{path}”: no such file."),
    "evidence_not_file": N_("“{path}” is a folder or a special file, not a regular file."),
    "evidence_unreadable": N_("“{path}” cannot be read: {reason}."),
    "evidence_too_many": N_("lists {count} files; the limit is {limit}."),
    "evidence_duplicate": N_("“{path}” is listed twice."),
    "evidence_duplicate_of": N_("“{path}” is the same file as “{other}”, listed already."),
    "evidence_system": N_(
        "“{path}” is a system file (under /proc, /sys, /dev or /run), not a document: "
        "it may hold secrets and its size says nothing of its content, so it is never attached."
    ),
    "evidence_secret": N_(
        "“{path}” is a key or password file, or lies in a folder of keys (such as ~/.ssh or ~/.gnupg): "
        "it is never attached. Send only your documents."
    ),
    # recipient
    "address_lines": N_("has {count} lines; an address has 2 to {limit} lines."),
    "url_invalid": N_("“{value}” is not a web address starting with https://."),
}

# What would be right, per key: shown after the error so that it can be fixed. The keys whose
# value is one of a list, and the [details] keys, take their hint from the registry (``hint``).
EXPECTED: dict[str, str] = {
    "description": N_(
        "Describe in your own words what happened, when, and what you ask Alma to do "
        "(at most {limit} characters)."
    ),
    "evidence": N_(
        "List the files to send, with paths relative to the draft file, "
        'for example ["confirmation.pdf", "statement.png"]; to describe a file, write between braces '
        'its path and label in place of its path: path = "statement.png", label = "…".'
    ),
    "evidence.path": N_("Write the file's path, relative to the draft file, for example receipt.pdf."),
    "evidence.label": N_(
        "Say in a few words what the file is, on one line, for example "
        "“Order confirmation of 14 October 2026” (at most {limit} characters)."
    ),
    "customer.first_name": N_("Write your first name as on your Alma account."),
    "customer.last_name": N_("Write your last name as on your Alma account."),
    "customer.email": N_("Write the email address used for the purchase, for example an.peeters@example.be."),
    "customer.phone": N_(
        "Write the phone number used for the purchase, for example 0470 12 34 56 or +32 470 12 34 56."
    ),
    "customer.street": N_("Write your street and house number, for example Rue de la Loi 16."),
    "customer.postal_code": N_("Write your postcode, for example 1000."),
    "customer.city": N_("Write your town, for example Bruxelles."),
    "customer.country": N_("Write the two-letter country code, for example BE for Belgium."),
    "transaction.amount": N_(
        "Write the amount in euros as on your statement, for example 1.234,56 or 149,99."
    ),
    "transaction.date": N_("Write the day of the purchase, day first, for example 2/11/2026."),
    "transaction.order_number": N_("Copy the order or invoice number from the merchant's confirmation."),
    "transaction.merchant": N_("Write the name of the shop or website."),
    "recipient.email": N_("Write an email address, for example support@almapay.com."),
    "recipient.address": N_("Write the address as a list of lines, the country last."),
    "recipient.form_url": N_("Write the full address of the form, starting with https://."),
    "deadline_days": N_(
        "Write the days Alma has to act on your claim, for example 15, or 0 for no deadline."
    ),
}

WRITE_ONE_OF = N_("Write {choices}.")

_HINT_LIMITS = {"description": "description", "evidence.label": "evidence_label"}
"""The keys whose hint says their limit, and the :data:`registry.LIMITS` entry it is."""


def listed_choices(key: str, request: str | None = None) -> tuple[Choice, ...]:
    """The values a key takes, when it takes one of a list (the registry's)."""
    from .languages import choices as language_choices

    if key == "language":
        return language_choices()
    if key == "channel":
        return registry.CHANNELS
    if key == "request":
        return registry.request_choices()
    if key == "transaction.plan":
        return registry.plan_choices()
    detail = registry.detail_of(key, request)
    return detail.choices if detail else ()


def hint(key: str, lang: str, request: str | None = None) -> str:
    """What would be right at ``key``, in ``lang`` ("" when nothing more can be said); a
    ``[details]`` key is read as ``request``'s (two requests may share a key's name)."""
    detail = registry.detail_of(key, request)
    if detail is not None:
        choices = registry.listed(detail.choices, lang)
        return translate(lang, detail.hint, choices=choices, example=detail.placeholder, limit=detail.limit)
    choices_of = listed_choices(key, request)
    if choices_of:
        return translate(lang, WRITE_ONE_OF, choices=registry.listed(choices_of, lang))
    limit = _HINT_LIMITS.get(key)
    if limit is not None:
        return translate(lang, EXPECTED[key], limit=grouped(registry.LIMITS[limit]))
    message = EXPECTED.get(key)
    return translate(lang, message) if message else ""


def grouped(number: int) -> str:
    """``10 000``: a number of characters or files, grouped by a no-break space (as French and
    Dutch write it, and so that a line is never broken inside it)."""
    return f"{number:,}".replace(",", "\u00a0")


# Pydantic's own error types that can still reach a person, mapped to ours.
_PYDANTIC_TYPES = {
    "missing": "missing",
    "extra_forbidden": "unknown_key",
    "model_type": "not_table",
    "model_attributes_type": "not_table",
    "dict_type": "not_table",
    "list_type": "not_list",
    "string_type": "not_text",
}


# Errors after which the key's EXPECTED sentence helps; the others already say what is right.
_HINTED = frozenset(
    {
        "missing",
        "empty",
        "not_text",
        "not_list",
        "not_lines",
        "not_table",
        "choice",
        "amount_type",
        "amount_text",
        "amount_format",
        "amount_decimals",
        "date_type",
        "date_format",
        "date_invalid",
        "email_invalid",
        "phone_invalid",
        "phone_belgian",
        "postal_code_be",
        "postal_code",
        "country",
        "letter_address",
        "refund_amount_needed",
        "subject_needed",
        "evidence_missing",
        "evidence_entry",
        "url_invalid",
        "too_short",
        "digits_not_ascii",
        "deadline_days",
    }
)


ECHO_LIMIT = 60
"""The most characters of a user's value an error repeats: enough to recognise it."""

_ECHOED = {"value": ECHO_LIMIT, "path": 200, "other": 200}
"""Context values that come from the draft, echoed cut (to so many characters) and escaped."""


@dataclass(frozen=True)
class Problem:
    """One error or warning: the full key and a sentence in the interface language."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


def fail(error_type: str, /, **ctx: Any) -> NoReturn:
    """Raise a validation error of one of the types in :data:`MESSAGES`.

    The type is positional-only: several messages take a ``kind`` parameter.
    """
    raise PydanticCustomError(error_type, MESSAGES[error_type], ctx)


def kind_of(value: object) -> str:
    """A short English-neutral name of a TOML/JSON value's type, for messages."""
    return {
        bool: N_("true/false"),
        int: N_("a number"),
        float: N_("a number"),
        str: N_("text"),
        list: N_("a list"),
        dict: N_("a table"),
    }.get(type(value), N_("another kind of value"))


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest choice to a mistyped word, if one is close enough."""
    found = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


_KEPT_SPACES = frozenset("\u00a0\u202f")
"""No-break spaces: Belgians write amounts with them; they are shown as they are."""


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A user's value as an error repeats it: cut to ``limit`` characters, nothing invisible.

    Control and format characters (line breaks, ESC, zero-width spaces, tag
    characters) are shown escaped, as ``\\n`` or ``\\u200b``: a value can neither
    write lines of its own nor reach the terminal.
    """
    text = str(value)
    cut = len(text) > limit
    if cut:
        text = text[:limit]
    shown = escaped(text, kept=_KEPT_SPACES)
    return shown + "…" if cut else shown


def escaped(text: str, kept: frozenset[str] = frozenset()) -> str:
    """``text`` with every character that is not printable (but those ``kept``) escaped."""
    if text.isprintable():  # the usual case, at once
        return text
    return "".join(char if char in kept or char.isprintable() else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    """``\\n``, ``\\x1b``, ``\\u200b``: Python's own spelling of an invisible character."""
    code = ord(char)
    if char in "\n\r\t":
        return repr(char)[1:-1]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def key_of(loc: tuple[int | str, ...]) -> str:
    """``('transaction', 'amount')`` -> ``transaction.amount``; list indexes join the key.

    A key the draft made up (an unknown one) is echoed, cut and escaped.
    """
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part + 1}]" if parts else str(part + 1)]
        else:
            parts.append(echo(part, 40))
    return ".".join(parts)


def _generic_key(key: str) -> str:
    """``evidence[2].label`` -> ``evidence.label``: the key whose hint applies."""
    import re

    return re.sub(r"\[\d+\]", "", key)


def explain(
    error: ValidationError,
    lang: str,
    allowed_keys: dict[str, list[str]] | None = None,
    request: str | None = None,
) -> list[Problem]:
    """Turn a Pydantic error into problems a person can act on, in ``lang``.

    ``allowed_keys`` maps a section (``""`` for the top level) to its known keys,
    so that an unknown key can be answered with a did-you-mean; ``request`` is the draft's
    request, whose ``[details]`` the hints describe.
    """
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        ctx: dict[str, Any] = dict(err.get("ctx") or {})
        ours = kind if kind in MESSAGES else _PYDANTIC_TYPES.get(kind)
        key = key_of(loc)
        if ours is None:  # an error type we never expect: still say where and what
            problems.append(Problem(key, err["msg"]))
            continue
        if ours in {"not_text", "not_list", "not_table"}:
            ctx.setdefault("kind", kind_of(err.get("input")))
        if ours == "unknown_key":
            section = ".".join(str(p) for p in loc[:-1] if not isinstance(p, int))
            known = (allowed_keys or {}).get(section, [])
            match = suggest(str(loc[-1]), known) if known else None
            if match:
                ours, ctx = "unknown_key_suggest", {"suggestion": match}
            else:
                ctx = {"allowed": ", ".join(known) or "-"}
        if "kind" in ctx:
            ctx["kind"] = translate(lang, str(ctx["kind"]))
        for name, limit in _ECHOED.items():
            if name in ctx:
                ctx[name] = echo(ctx[name], limit)
        message = translate(lang, MESSAGES[ours], **ctx)
        expected = hint(_generic_key(key), lang, request) if ours in _HINTED else ""
        if expected:
            message = f"{message} {expected}"
        problems.append(Problem(key, message))
    return problems
