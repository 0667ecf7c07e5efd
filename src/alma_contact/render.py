"""From a validated draft to the words of the message, in French or Dutch.

The wording lives in Jinja2 templates under ``templates/``: one module per
message language (``fr/message.j2``, ``nl/message.j2``) whose macros write the
parts of the message, and one layout per channel (``layout/*.txt.j2``) that
puts the parts together as the text a person copies. User text is only ever
passed as data: it is never compiled as a template.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .contacts import Contacts, resolve
from .formats import country_name, format_amount, format_day
from .model import Draft, Recipient
from .parsing import format_phone


def templates_dir() -> Path:
    """``templates/`` inside the installed package, or at the root of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if (candidate / "layout").is_dir():
            return candidate
    raise FileNotFoundError("the templates folder is missing from this installation")


class _KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between runs, in a folder no one but the user can write.

    Compiling the wording from source takes longer than the rest of a render.
    A kept file is code the program runs (Jinja unpickles and unmarshals it),
    so the folder is used only while it is the user's own, not a link, and
    closed to everyone else (mode 0700), checked before each use; and each file
    only when, once opened, it is a regular file of the user that no one else
    can write. Anything else, or a folder that cannot be read or written, is
    simply not used: the templates are compiled from source.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"__jinja2_{bucket.key}.cache"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not _private_folder(self.folder):
            return
        try:
            fd = os.open(self._file(bucket), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return
        with os.fdopen(fd, "rb") as stream:
            try:
                info = os.fstat(fd)
                if not (stat.S_ISREG(info.st_mode) and _only_ours(info)):
                    return
                bucket.load_bytecode(stream)
            except Exception:  # a damaged file of ours: compiled again
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not _private_folder(self.folder):
            return
        import tempfile  # only when a template was compiled: not at every start

        try:
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".__jinja2_", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as stream:
                bucket.write_bytecode(stream)
            os.replace(temporary, self._file(bucket))
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            if not isinstance(error, OSError):
                raise


def _only_ours(info: os.stat_result) -> bool:
    """Owned by the user, and no one else may write to it."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _private_folder(folder: Path) -> bool:
    """A real folder (not a link) of the user, closed to everyone else."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _only_ours(info) and not info.st_mode & 0o077


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The cache of compiled templates, in the folder the settings name (none when they say so)."""
    from .settings import current

    folder = current().template_cache
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not _private_folder(folder):  # someone else's, open to others, or a link: not used
        return None
    return _KeptTemplates(folder)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


# --- the message --------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    name: str
    size: int
    media_type: str
    path: Path
    identity: tuple[int, int] = (0, 0)
    """Device and inode when the draft was checked: the file attached must be that one."""


@dataclass(frozen=True)
class Message:
    """Every part of the message, for the text layouts, JSON and the exports."""

    channel: str
    language: str
    to: str
    subject: str
    subject_label: str
    salutation: str
    paragraphs: tuple[str, ...]
    closing: str
    signature: str
    sender: tuple[str, ...]
    recipient: tuple[str, ...]
    place_date: str
    enclosures_label: str
    attachments: tuple[Attachment, ...]
    form_url: str
    form_labels: dict[str, str]
    form_fields: dict[str, str]
    registered_label: str
    text: str = ""
    body: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def enclosures(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.attachments)


def context(draft: Draft, contacts: Contacts, today: date) -> dict[str, Any]:
    """The data the wording templates see: every value already formatted for the language."""
    lang = draft.language
    customer = draft.customer
    tx = draft.transaction
    details = draft.details.model_dump() if draft.details is not None else {}
    for key, value in list(details.items()):
        if isinstance(value, date):
            details[key] = format_day(value, lang)
    refund_amount = getattr(draft.details, "refund_amount", None)
    if refund_amount is not None:
        details["refund_amount"] = format_amount(refund_amount, lang)
    return {
        "lang": lang,
        "channel": draft.channel,
        "request": draft.request,
        "customer": {
            "first_name": customer.first_name,
            "last_name": customer.last_name,
            "full_name": customer.full_name,
            "email": customer.email,
            "phone": format_phone(customer.phone) if customer.phone else None,
            "street": customer.street,
            "postal_code": customer.postal_code,
            "city": customer.city,
            "country": customer.country,
            "country_name": country_name(customer.country, lang),
        },
        "tx": {
            "amount": format_amount(tx.amount, lang),
            "date": format_day(tx.date, lang),
            "order_number": tx.order_number,
            "merchant": tx.merchant,
            "plan": tx.plan,
        },
        "details": details,
        "description": draft.description,
        "evidence": [item.name for item in draft.evidence],
        "today": format_day(today, lang),
        "alma": {"email": contacts.email, "form_url": contacts.form_url},
    }


def _text(value: Any) -> str:
    return str(value).strip()


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip())


def build(
    draft: Draft,
    *,
    today: date | None = None,
    config: Recipient | None = None,
    registered: bool = False,
) -> Message:
    """Write the message for the draft's channel and language.

    ``registered``: a letter sent as a registered letter carries the mention.
    """
    today = today or date.today()
    contacts = resolve(*(r for r in (config, draft.recipient) if r is not None))
    data = context(draft, contacts, today)
    env = environment()
    words: Any = env.get_template(f"{draft.language}/message.j2").make_module(
        data
    )  # macros: see module docstring
    customer = draft.customer
    sender = [customer.full_name]
    if customer.street:
        sender.append(customer.street)
    if customer.postal_code or customer.city:
        sender.append(" ".join(p for p in (customer.postal_code, customer.city) if p))
    if draft.channel == "letter":
        sender.append(country_name(customer.country, draft.language).upper())
    sender.append(customer.email)
    if customer.phone:
        sender.append(format_phone(customer.phone))
    attachments = tuple(
        Attachment(item.name, item.size, item.media_type, item.location, item.identity)
        for item in draft.evidence
    )
    message = Message(
        channel=draft.channel,
        language=draft.language,
        to=contacts.email,
        subject=_text(words.subject()),
        subject_label=_text(words.subject_label),
        salutation=_text(words.salutation()),
        paragraphs=_paragraphs(str(words.body())),
        closing=_text(words.closing()),
        signature=customer.full_name,
        sender=tuple(sender),
        recipient=contacts.address,
        place_date=_text(words.place_date()),
        enclosures_label=_text(words.enclosures_label),
        attachments=attachments,
        form_url=contacts.form_url,
        form_labels=dict(words.form_labels),
        form_fields={},
        registered_label=_text(words.registered_label),
        extra={"registered": registered},
    )
    body = env.get_template("layout/body.txt.j2").render(m=message).strip() + "\n"
    fields = {
        "last_name": customer.last_name,
        "first_name": customer.first_name,
        "email": customer.email,
        "phone": format_phone(customer.phone) if customer.phone else "",
        "message": body.strip(),
    }
    layout = env.get_template(f"layout/{draft.channel}.txt.j2")
    filled = replace(message, form_fields=fields, body=body)
    return replace(filled, text=layout.render(m=filled).strip() + "\n")
