"""From a validated draft to the words of the message, in each language of ``languages.LANGUAGES``.

The structure of every message is written once, here: which parts, in which
order, and which case of a part is said (the merchant has acted, a payment
later, a credit). The words are in ``templates/CODE/phrases.j2``: one macro per
phrase, named by :func:`phrase` for the wordings of the registry's requests and
by :data:`SHARED` for the rest. A phrase's parameters are the values it prints,
and a phrase holds no control flow, so that a translator reads and changes one
phrase at a time. The conventions of a language (greeting, closing, labels, the
place and date line) are data of its entry in ``languages.py``. One layout per
channel (``layout/*.txt.j2``) puts the parts together as the text a person
copies. User text is only ever passed as data: it is never compiled as a
template.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache, lru_cache
from itertools import combinations
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.ext
from jinja2.lexer import TOKEN_BLOCK_BEGIN, TOKEN_BLOCK_END, TOKEN_DATA, TOKEN_NAME, Token, TokenStream

from . import __version__, registry
from .contacts import resolve
from .formats import LOCALES, country_name, format_amount, format_day
from .languages import LANGUAGES, Language
from .model import Draft, Recipient
from .parsing import format_phone

if TYPE_CHECKING:
    from .followup import Earlier, FollowUp


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

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key of the template, and what else decides its compiled code: the program's
        version and the phrases' syntax (:class:`PhrasesSyntax` changes the source as it compiles)."""
        return super().get_cache_key(f"{__version__}/{PhrasesSyntax.version}/{name}", filename)

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


PHRASES = "phrases.j2"
"""The file of a language's phrases, in its folder of ``templates/``."""

_LINE_BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


class PhrasesSyntax(jinja2.ext.Extension):
    """In a phrases file, a line break and the spaces around it are one space, and a macro's text
    runs from its first word to its last: a translator writes a long phrase over several lines.

    Only the template's own text is changed, when it is compiled: the values a phrase prints are
    never touched.
    """

    version = 1
    """Part of the compiled templates' cache key: change it with these rules."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        if stream.name is None or PurePosixPath(stream.name).name != PHRASES:
            yield from stream
            return
        tokens = list(stream)
        for index, token in enumerate(tokens):
            if token.type == TOKEN_DATA:
                text = _LINE_BREAK.sub(" ", token.value)
                if _after_tag(tokens, index, "macro"):
                    text = text.lstrip(" \t")
                if _before_tag(tokens, index, "endmacro"):
                    text = text.rstrip(" \t")
                token = Token(token.lineno, TOKEN_DATA, text)
            yield token


def _after_tag(tokens: list[Token], index: int, tag: str) -> bool:
    """Whether the token at ``index`` follows the end of a ``{% tag … %}``."""
    if index == 0 or tokens[index - 1].type != TOKEN_BLOCK_END:
        return False
    begin = index - 1
    while begin > 0 and tokens[begin].type != TOKEN_BLOCK_BEGIN:
        begin -= 1
    return begin + 1 < index and tokens[begin + 1].type == TOKEN_NAME and tokens[begin + 1].value == tag


def _before_tag(tokens: list[Token], index: int, tag: str) -> bool:
    """Whether the token at ``index`` comes just before a ``{% tag %}``."""
    following = tokens[index + 1 : index + 3]
    return (
        len(following) == 2
        and following[0].type == TOKEN_BLOCK_BEGIN
        and following[1].type == TOKEN_NAME
        and following[1].value == tag
    )


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
        extensions=[PhrasesSyntax],
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
    label: str | None = None
    """The file's description in the draft, if it has one."""

    @property
    def description(self) -> str:
        """What the file is: its label, or its name when it has none."""
        return self.label or self.name


@dataclass(frozen=True)
class Copy:
    """An earlier message enclosed with a follow-up letter: what it is, the heading of its pages, its text."""

    label: str
    """``Copie de ma demande envoyée par e-mail le 26 novembre 2026``."""
    heading: str
    """``Annexe 3 – Copie de …``: its number follows the evidence's."""
    text: str
    """The message as it was sent."""


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
    copies: tuple[Copy, ...] = ()
    """A follow-up by letter: a copy of each earlier message, enclosed before the evidence (the letter
    cites them first)."""
    day: str = ""
    """The day it is written, in its language (``26 novembre 2026``): the printed letter's running
    header gives it without the place."""
    extra: dict[str, Any] = field(default_factory=dict)
    """``registered``: the letter carries the registered mention; ``claims``: the message claims an
    action or a sum (its wording has a next step), for which a registered letter is advised;
    ``deadline_days``: the days it gives Alma to act or answer (0: none); ``follow_up``: a reminder's or
    a formal notice's kind."""

    @property
    def enclosures(self) -> tuple[str, ...]:
        """What each enclosure is, in order: each copy of an earlier message (a follow-up's first
        paragraph cites them), then each file, by its description or its name."""
        return (*(c.label for c in self.copies), *(a.label or a.name for a in self.attachments))

    @property
    def subject_line(self) -> str:
        """The subject after its label; alone where the language writes no label."""
        return f"{self.subject_label} {self.subject}" if self.subject_label else self.subject


# --- the phrases of a language ------------------------------------------------

PARTS = ("topic", "claim", "facts", "ask")
"""What each wording of a request says: the subject's first words, the first sentence (what is
claimed or asked), the facts in date order, and the precise ask."""

OPTIONAL_PARTS = ("rights", "next", "reference")
"""What a wording may say too: the right it relies on, what the writer does without an answer
(a wording with a ``next`` phrase claims something: the message gives Alma a deadline first), and
how its subject refers to the transaction when not as a purchase (a payment not recognised: by its
sum and day; a data request: not at all, an empty phrase)."""

PLAN_CASES = ("withdrawal", "recent_credit", "deferred", "credit")
"""Cases of the plan a phrase may have its own words for: a credit still within its 14 days of
withdrawal, a credit made since :data:`NEW_CREDIT_RULES`, a payment later (one debit), a credit
(10 or 12 instalments)."""

FAILED_CASES = ("debit_failed",)
"""The case of a reminder of a request time overtook whose debit in question failed, as the person says
(:data:`registry.DEBIT_FAILED`): tried before ``ended``, which holds too. Its phrases may print
``failed_on``, the day of that debit in the plan (:func:`_failed_on`)."""

ENDED_CASES = ("ended",)
"""The case of a plan of instalments whose last instalment has fallen due (one a month from the
purchase): nothing is left to debit, so a phrase that would adjust the instalments to come claims the
sum overpaid instead. Tried before every other case (``ended``, ``ended_new_amount``)."""

FOLLOW_UP_CASES = ("followup",)
"""The case of a phrase written for a reminder or a formal notice, which does not repeat the person's
own account: a claim or an ask that points to it (« décrit ci-dessous ») points to the first message
instead."""

NEW_CREDIT_RULES = date(2026, 11, 20)
"""From this day Directive (EU) 2023/2225 applies to new credit agreements instead of Directive
2008/48/EC, and its Belgian transposition is not verified (FACTS.md, "Consumer rights a message may
cite"): a credit made since then is not told the older directive's articles."""

DERIVED = {
    "overpaid_since": ("paid_amount",),  # first: its pairs win over those of what it is computed from
    "difference": ("debited_amount", "expected_amount"),
    "remaining": ("refund_amount",),
    "reduction": ("new_amount",),
    "overpaid": ("paid_amount",),
    "still_due": ("paid_amount",),
}
"""Values computed from details: the sum debited over the one expected; the purchase's amount less a
partial refund (what is still due); the purchase's amount less its new amount after a partial
cancellation (what it was cut by); what was debited (``paid_amount``) over what is now owed (the new
amount, or the amount less a partial refund), ``overpaid``, or under it, ``still_due``. A phrase prints
one where its case names it, or where every detail it needs is one its wording always has
(``remaining`` for a partial refund). ``overpaid_since``: in a follow-up written after another debit, the
sum overpaid on the day the sum debited was given, and every sum debited since (all of it is over what
is owed): an exact claim however many debits followed."""

WITHDRAWAL_DAYS = 14
"""Alma's 10x and 12x credits have a "legal withdrawal period of 14 days" (FACTS.md, "Alma's products";
Directive 2008/48/EC, art. 14)."""

WORDING_VALUES = ("purchase", "what", "bought", "tried", "seller", "amount", "day", "debits", "taken")
"""What every phrase of a wording may print; beside these, the details its wording needs
(``refund_amount`` of a partial refund), the details its case names, the derived values
(:data:`DERIVED`) of its case, ``plan_name`` in a case of the plan (and ``due``, the day of a payment
later's one debit, in ``deferred``; ``withdrawal_end``, the last day of a credit's withdrawal period,
in ``withdrawal``), and ``failing`` in a ``next`` phrase."""

EVIDENCE_COUNTS = ("one", "many")
PURCHASES = ("order_merchant", "order", "merchant", "day")
"""Which facts name the purchase: the suffix of the ``subject_*``, ``purchase_*`` and ``what_*`` phrases."""
HOW = ("none", "instalments", "deferred", "credit")
"""How the purchase is paid: the suffix of the ``bought_*`` and ``tried_*`` phrases."""

LATER = ("none", "instalments", "deferred")
"""What is still to be debited, by the plan: the suffix of the ``debits_*`` (the debits to come) and
``taken_*`` (what was already debited) phrases; a credit's are instalments, an unknown plan's ``none``;
``taken_paid`` names the sum debited where the draft gives it (``paid_amount``)."""

_PURCHASE_VALUES = ("order", "merchant", "amount", "day")

SHARED: Mapping[str, tuple[str, ...]] = {
    "plan_instalments": ("count",),
    "plan_deferred": ("days",),
    "plan_name_instalments": ("count",),
    "plan_name_deferred": ("days",),
    "the_merchant": (),
    **{f"subject_{how}": _PURCHASE_VALUES for how in PURCHASES},
    **{f"purchase_{how}": _PURCHASE_VALUES for how in PURCHASES},
    **{f"what_{how}": _PURCHASE_VALUES for how in PURCHASES},
    **{f"bought_{how}": ("what", "day", "plan", "plan_name", "days") for how in HOW},
    **{f"tried_{how}": ("what", "day", "plan", "plan_name", "days") for how in HOW},
    **{f"debits_{how}": () for how in LATER},
    **{f"taken_{how}": () for how in LATER},
    "taken_paid": ("paid_amount",),
    "taken_paid_since": ("paid_amount", "since"),
    "overpaid_since": ("overpaid", "since"),
    "debited_by": ("paid_amount", "day"),
    "debited_after": ("amount", "day"),
    "debited_none_after": ("day",),
    "debited_after_total": ("amount", "day", "paid_amount"),
    # The same, on the one day the plan debited in between (:func:`debit_days_between`).
    "debited_after_on": ("amount", "day", "on"),
    "debited_after_total_on": ("amount", "day", "paid_amount", "on"),
    "heading": (),
    "heading_followup": ("since",),
    "reply_language": (),
    "account_email": ("email",),
    "account_email_phone": ("email", "phone"),
    "search_email": ("email",),
    "search_email_phone": ("email", "phone"),
    **{f"deadline_{channel}": ("days",) for channel in registry.channel_values()},
    **{f"deadline_{channel}_one": () for channel in registry.channel_values()},
    "deadline_debit": ("debit", "last"),
    "deadline_debit_now": ("debit",),
    # A credit's withdrawal needs no consent: its deadline is for the answer its ask names, not a grant.
    **{f"deadline_withdrawn_{channel}": ("days",) for channel in registry.channel_values()},
    **{f"deadline_withdrawn_{channel}_one": () for channel in registry.channel_values()},
    "deadline_withdrawn_debit": ("debit", "last"),
    "deadline_withdrawn_debit_now": ("debit",),
    # The answer a data request is owed once its legal month has run out: firm, without a threat.
    **{f"answer_due_{channel}": ("days",) for channel in registry.FOLLOW_UP_CHANNELS["reminder"]},
    **{f"answer_due_{channel}_one": () for channel in registry.FOLLOW_UP_CHANNELS["reminder"]},
    "reply_by_debit_now": ("debit",),
    "reply_by_withdrawal": ("end", "last"),
    "reply_by_withdrawal_now": ("end",),
    **{f"reply_by_before_debit_{channel}": ("days",) for channel in registry.channel_values()},
    **{f"reply_by_before_debit_{channel}_one": () for channel in registry.channel_values()},
    "reply_by_debit": ("debit", "last"),
    # A payment later's one debit comes first (the same, for the debit already named).
    "deadline_deferred": ("debit", "last"),
    "deadline_deferred_now": ("debit",),
    "reply_by_deferred": ("debit", "last"),
    "reply_by_deferred_now": ("debit",),
    # A request time overtook: the answer before the day a debit that failed is to be presented again.
    "reply_by_again": ("debit", "last"),
    "reply_by_again_now": ("debit",),
    "failing": (),
    "failing_dated": (),
    "annex": ("number",),
    "annex_heading": ("number", "label"),
    **{f"copy_of_{kind}": ("day", "by") for kind in (*registry.MESSAGE_KINDS, "withdrawal")},
    "attached": ("label", "file"),
    **{
        f"evidence_{channel}_{count}": ("items",)
        for channel in registry.channel_values()
        for count in EVIDENCE_COUNTS
    },
    # Follow-ups (followup.py): the subject's label, the channel of an earlier message in running text,
    # the earlier messages as a formal notice cites them, the opening sentences, the final deadline
    # and the reserve of a formal notice.
    **{f"subject_{kind}": ("subject",) for kind in registry.FOLLOW_UPS},
    **{f"by_{channel}": () for channel in registry.channel_values()},
    "by_letter_registered": (),
    **{f"earlier_{kind}": ("day", "by") for kind in (*registry.MESSAGE_KINDS, "withdrawal")},
    "reminded": ("day", "by"),
    # A reminder's opening names the first message by its day and channel (the reminder's own subject
    # repeats its subject); ``_subject``: it quotes that subject too, when the reminder's was written
    # afresh (its claim changed); ``_withdrawal``: the first message notified a withdrawal;
    # ``_overtaken``: what it asked has lapsed (:data:`registry.OVERTAKEN`).
    **{
        f"reminder_opening_{count}{case}{quoted}": (
            "day",
            "by",
            *(("subject",) if quoted else ()),
            *(("reminded",) if count == "many" else ()),
            "annex",
        )
        for count in EVIDENCE_COUNTS
        for case in ("", "_withdrawal", "_overtaken")
        for quoted in ("", "_subject")
    },
    # ``_updated``: the reminder's claim changed (a sum debited since), its subject did not.
    **{
        f"reminder_opening_{count}_updated": (
            "day",
            "by",
            *(("reminded",) if count == "many" else ()),
            "annex",
        )
        for count in EVIDENCE_COUNTS
    },
    **{f"notice_opening_{count}": ("earlier",) for count in EVIDENCE_COUNTS},
    **{f"reply_by_{channel}": ("days",) for channel in registry.FOLLOW_UP_CHANNELS["reminder"]},
    **{f"reply_by_{channel}_one": () for channel in registry.FOLLOW_UP_CHANNELS["reminder"]},
    **{f"final_deadline_{channel}": ("days",) for channel in registry.FOLLOW_UP_CHANNELS["formal_notice"]},
    **{f"final_deadline_{channel}_one": () for channel in registry.FOLLOW_UP_CHANNELS["formal_notice"]},
    "reserve": (),
    "supervisor_copy": (),
    "gdpr_month_running": (),
    "gdpr_month_passed": (),
}
"""The phrases every language has beside its wordings, each with the values it may print."""

FORMED = ("purchase", "what", "seller")
"""The values a language with grammatical cases (``Language.forms``) prints in each of them too:
``purchase_dat`` beside ``purchase``."""


def formed(name: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    """``name`` and, for a value of :data:`FORMED`, its form in each grammatical case."""
    return (name, *(f"{name}_{form}" for form in forms)) if name in FORMED else (name,)


@cache
def shared_phrases(lang: str) -> Mapping[str, tuple[str, ...]]:
    """:data:`SHARED` as the language ``lang`` has it: with its grammatical cases (``Language.forms``),
    a ``purchase_*``, ``what_*`` and ``the_merchant`` phrase for each case too, and the values of each
    case where a shared phrase may print the purchase or the seller."""
    forms = LANGUAGES[lang].forms if lang in LANGUAGES else ()
    phrases = {
        name: tuple(v for value in values for v in formed(value, forms)) for name, values in SHARED.items()
    }
    for form in forms:
        phrases[f"the_merchant_{form}"] = ()
        for how in PURCHASES:
            phrases[f"purchase_{how}_{form}"] = _PURCHASE_VALUES
            phrases[f"what_{how}_{form}"] = _PURCHASE_VALUES
    return phrases


def phrase(wording: str, part: str, case: str = "") -> str:
    """The name of a wording's phrase: ``refund_partial_facts``, ``refund_partial_facts_deferred``,
    ``payment_issue_charged_twice_ask_debited_amount_debit_date``."""
    name = f"{wording.replace('.', '_')}_{part}"
    return f"{name}_{case}" if case else name


def _single_cases(kind: registry.RequestKind) -> tuple[str, ...]:
    """The cases a phrase of ``kind`` may be written for: each detail beside the option (given),
    each derived value, each case of the plan."""
    names = []
    for detail in kind.details:
        if detail.name == kind.option:
            continue
        # A choice beside the option is a case by its value (``purpose_marketing``); another detail, by
        # being given.
        names += [f"{detail.name}_{v}" for v in detail.values] if detail.kind == "choice" else [detail.name]
    names += [name for name, needs in DERIVED.items() if all(kind.detail(need) for need in needs)]
    return (*FAILED_CASES, *ENDED_CASES, *names, *PLAN_CASES, *FOLLOW_UP_CASES)


@cache
def _case_table(wording: str) -> Mapping[str, tuple[str, ...]]:
    """Each case a phrase of ``wording`` may have, with the single cases it joins, in the order
    they are tried: three joined (``a_b_c``) first, then two, then each alone; each name joins its cases
    in the order :func:`_single_cases` gives them."""
    single = _single_cases(registry.REQUESTS[wording.partition(".")[0]])
    table: dict[str, tuple[str, ...]] = {}
    for joined in (*combinations(single, 3), *combinations(single, 2), *((name,) for name in single)):
        name = "_".join(joined)
        assert table.setdefault(name, joined) == joined, f"{wording}: {name} joins two ways"
    return table


def wording_cases(wording: str) -> tuple[str, ...]:
    """Every case a phrase of ``wording`` may have: a single case, or two or three joined (``a_b``,
    ``a_b_c``), in the order they are tried (the most joined first)."""
    return tuple(_case_table(wording))


def _case_parts(wording: str, case: str) -> tuple[str, ...]:
    """The single cases a case name joins (names hold underscores: read against the known ones)."""
    return _case_table(wording).get(case, ())


def _needed_details(wording: str) -> set[str]:
    """The details every draft of ``wording`` gives: those a rule needs for it."""
    request, _, option = wording.partition(".")
    kind = registry.REQUESTS[request]
    answers = {"request": request, f"details.{kind.option}": option} if kind.option else {"request": request}
    return {
        rule.key.partition(".")[2]
        for rule in registry.RULES
        if rule.needed and rule.key.startswith("details.") and registry.holds(rule.when, answers)
    }


def wording_values(wording: str, case: str = "", part: str = "", lang: str = "") -> frozenset[str]:
    """What a phrase of ``wording`` (in ``case``, for ``part``) may print: see :data:`WORDING_VALUES`;
    in ``lang``, the forms of its grammatical cases too (:func:`formed`)."""
    forms = LANGUAGES[lang].forms if lang in LANGUAGES else ()
    needed = _needed_details(wording)
    names = {v for value in WORDING_VALUES for v in formed(value, forms)} | needed
    names.update(name for name, needs in DERIVED.items() if set(needs) <= needed)
    for name in _case_parts(wording, case):
        if name in PLAN_CASES:
            names.add("plan_name")
            if name == "deferred":  # a payment later's one debit: its day
                names.add("due")
            if name == "withdrawal":  # the last day of the credit's withdrawal period
                names.add("withdrawal_end")
        elif name in FAILED_CASES:  # the debit that failed: its day in the schedule
            names.add("failed_on")
        elif name not in (*FOLLOW_UP_CASES, *ENDED_CASES):
            names.add(name)
            names.update(DERIVED.get(name, ()))
    if part == "next":
        names.add("failing")
    return frozenset(names)


class Phrases:
    """A language's phrases: each is called with the values its parameters name."""

    def __init__(self, lang: str) -> None:
        self.name = f"{lang}/{PHRASES}"
        self.module: Any = environment().get_template(self.name).module

    def has(self, name: str) -> bool:
        return callable(getattr(self.module, name, None))

    def arguments(self, name: str) -> tuple[str, ...]:
        """The values the phrase ``name`` prints (its parameters)."""
        return tuple(getattr(getattr(self.module, name, None), "arguments", ()))

    def say(self, name: str, values: Mapping[str, object]) -> str:
        """The phrase ``name``, given each value it names; a value this draft lacks cannot be printed."""
        macro = getattr(self.module, name, None)
        if not callable(macro):
            raise LookupError(f"{self.name} has no phrase {name}")
        given: dict[str, object] = {}
        for argument in getattr(macro, "arguments", ()):
            value = values.get(argument)
            given[argument] = (
                jinja2.StrictUndefined(
                    hint=f"{self.name}: {name} prints {argument}, which this message lacks"
                )
                if value is None
                else value
            )
        return str(macro(**given)).strip()


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip())


def wording_of(draft: Draft) -> str:
    """Which wording of its request the draft takes (``refund.partial``): its option's value."""
    kind = registry.REQUESTS[draft.request]
    if kind.option is None:
        return kind.key
    return f"{kind.key}.{getattr(draft.details, kind.option)}"


def _plan_how(draft: Draft) -> str:
    plan = plan_of(draft)
    if plan is None:
        return "none"
    return "deferred" if plan.deferred else "credit" if plan.credit else "instalments"


def _values(draft: Draft, words: Phrases) -> dict[str, object]:
    """Every value a phrase may print, written for the draft's language; ``None`` when not given."""
    lang = draft.language
    customer, tx = draft.customer, draft.transaction
    values: dict[str, object] = {
        "name": customer.full_name,
        "email": customer.email,
        "phone": format_phone(customer.phone) if customer.phone else None,
        "amount": format_amount(tx.amount, lang),
        "day": format_day(tx.date, lang),
        "merchant": tx.merchant,
        "order": tx.order_number,
        "plan_name": None,
    }
    raw: dict[str, object] = {}
    for detail in registry.REQUESTS[draft.request].details:
        value = getattr(draft.details, detail.name, None)
        raw[detail.name] = value
        if value is None or detail.kind == "choice":
            continue
        if detail.kind in ("date", "day"):
            values[detail.name] = format_day(value, lang)
        elif detail.kind == "amount":
            values[detail.name] = format_amount(value, lang)
        else:
            values[detail.name] = value
    debited, expected = raw.get("debited_amount"), raw.get("expected_amount")
    if isinstance(debited, Decimal) and isinstance(expected, Decimal) and debited > expected:
        values["difference"] = format_amount(debited - expected, lang)
    refunded = raw.get("refund_amount")
    if isinstance(refunded, Decimal) and refunded <= tx.amount:
        values["remaining"] = format_amount(tx.amount - refunded, lang)
    reduced = raw.get("new_amount")
    if isinstance(reduced, Decimal) and reduced < tx.amount:
        values["reduction"] = format_amount(tx.amount - reduced, lang)
    # What is now owed (the new amount, or the amount less a partial refund) against what was debited.
    owed = (
        reduced
        if isinstance(reduced, Decimal)
        else tx.amount - refunded
        if isinstance(refunded, Decimal)
        else None
    )
    paid = raw.get("paid_amount")
    if isinstance(paid, Decimal) and owed is not None and paid != owed:
        values["overpaid" if paid > owed else "still_due"] = format_amount(abs(paid - owed), lang)
    forms = LANGUAGES[lang].forms
    values["seller"] = tx.merchant or words.say("the_merchant", values)
    for form in forms:
        values[f"seller_{form}"] = tx.merchant or words.say(f"the_merchant_{form}", values)
    how = _plan_how(draft)
    plan = plan_of(draft)
    if plan is not None:
        values.update(count=plan.instalments, days=plan.deferred_days)
        kind = "deferred" if plan.deferred else "instalments"
        values["plan"] = words.say(f"plan_{kind}", values)
        values["plan_name"] = words.say(f"plan_name_{kind}", values)
        if plan.deferred:  # a payment later's one debit, its days after the purchase
            values["due"] = format_day(debit_days(draft)[0], lang)
        if plan.credit:  # the last day of its 14 days of withdrawal
            values["withdrawal_end"] = format_day(withdrawal_ends(draft), lang)
    purchase = _purchase(values)
    values["purchase"] = words.say(f"purchase_{purchase}", values)
    for form in forms:
        values[f"purchase_{form}"] = words.say(f"purchase_{purchase}_{form}", values)
    _tell_purchase(values, words, draft, purchase)
    later = "instalments" if how == "credit" else how
    values["debits"] = words.say(f"debits_{later}", values)
    # The sum already debited, where the person gave it, is claimed as such.
    values["taken"] = words.say("taken_paid" if values.get("paid_amount") else f"taken_{later}", values)
    return values


def _tell_purchase(values: dict[str, object], words: Phrases, draft: Draft, purchase: str) -> None:
    """``what`` (the purchase as the facts tell it, named by ``purchase``: :data:`PURCHASES`) and the
    facts made of it, ``bought`` and ``tried``."""
    values["what"] = words.say(f"what_{purchase}", values)
    for form in LANGUAGES[draft.language].forms:
        values[f"what_{form}"] = words.say(f"what_{purchase}_{form}", values)
    how = _plan_how(draft)
    values["bought"] = words.say(f"bought_{how}", values)
    values["tried"] = words.say(f"tried_{how}", values)


def _order_said_once(said: _Wording, draft: Draft) -> None:
    """A claim that names the order (``purchase`` names it by its number) leaves it out of the
    facts: the subject and the first sentence say it already."""
    values = said.values
    purchase = _purchase(values)
    if not purchase.startswith("order"):
        return
    claim = said.phrase_name("claim")
    printed = set(said.words.arguments(claim)) if claim else set()
    if printed & set(formed("purchase", LANGUAGES[draft.language].forms)):
        assert isinstance(values, dict)
        _tell_purchase(values, said.words, draft, "merchant" if values["merchant"] else "day")


def _cases(
    draft: Draft,
    values: Mapping[str, object],
    today: date,
    follow_up: bool = False,
    now: date | None = None,
    failed: bool = False,
) -> tuple[str, ...]:
    """The cases of :func:`wording_cases` that hold for the draft, in their order, ``today`` being the
    day the request was first made; ``follow_up``: the message is a reminder or a formal notice,
    written ``now``; ``failed``: the person says the debit in question failed (``debit_failed``, for
    a request of :data:`registry.DEBIT_FAILED` time overtook)."""
    plan = plan_of(draft)
    holding: set[str] = {name for name in values if values[name] is not None}
    kind = registry.REQUESTS[draft.request]
    for detail in kind.details:  # a choice beside the option: its value's case
        chosen = getattr(draft.details, detail.name, None) if detail.kind == "choice" else None
        if chosen is not None and detail.name != kind.option:
            holding.add(f"{detail.name}_{chosen}")
    # After the last instalment, what is owed is claimed as if every instalment was taken ("ended"),
    # unless the sum debited is known (overpaid, still due): then that sum is exact.
    exact = bool(holding & {"overpaid", "still_due", "overpaid_since"})
    # A request time overtakes (a debit to move…) is « ended » only in a follow-up: its phrases say what
    # was asked; a first message asks it still.
    overtaken = _in(wording_of(draft), registry.OVERTAKEN) and not follow_up
    if instalments_over(draft, now or today) and not exact and not overtaken:
        holding.add("ended")
        if failed and follow_up and _in(wording_of(draft), registry.DEBIT_FAILED):
            holding.add("debit_failed")
    if follow_up:
        holding.update(FOLLOW_UP_CASES)
    if plan is not None and plan.deferred:
        holding.add("deferred")
    if plan is not None and plan.credit:
        holding.add("credit")
        if today <= withdrawal_ends(draft):
            holding.add("withdrawal")
        if draft.transaction.date >= NEW_CREDIT_RULES:
            holding.add("recent_credit")
    return tuple(
        case
        for case, parts in _case_table(wording_of(draft)).items()
        if all(part in holding for part in parts)
    )


def debit_days(draft: Draft) -> tuple[date, ...]:
    """The days the plan debits: a payment later's one debit (its days after the purchase); instalments
    one a month from the purchase (the first with it), on the purchase's day of the month or the month's
    last day; none for an unknown plan."""
    from calendar import monthrange

    plan = plan_of(draft)
    bought = draft.transaction.date
    if plan is None:
        return ()
    if plan.deferred:
        return (bought + timedelta(days=plan.deferred_days),)
    days = []
    for months in range(plan.instalments):
        year, month = divmod(bought.month - 1 + months, 12)
        year, month = bought.year + year, month + 1
        days.append(date(year, month, min(bought.day, monthrange(year, month)[1])))
    return tuple(days)


def debit_days_between(draft: Draft, after: date, by: date | None = None) -> tuple[date, ...]:
    """The plan's debit days (:func:`debit_days`) after ``after`` and, given ``by``, up to it."""
    return tuple(day for day in debit_days(draft) if after < day and (by is None or day <= by))


def withdrawal_ends(draft: Draft) -> date:
    """The last day a credit may be withdrawn from: :data:`WITHDRAWAL_DAYS` after the purchase."""
    return draft.transaction.date + timedelta(days=WITHDRAWAL_DAYS)


def last_instalment(draft: Draft) -> date:
    """The day a plan of instalments' last one falls due (:func:`debit_days`); the purchase's for a
    payment later or an unknown plan."""
    plan = plan_of(draft)
    if plan is None or plan.deferred:
        return draft.transaction.date
    return debit_days(draft)[-1]


def plan_of(draft: Draft) -> registry.Plan | None:
    """The draft's plan of payment, or None when it does not say."""
    return registry.PLANS[draft.transaction.plan] if draft.transaction.plan else None


def instalments_over(draft: Draft, day: date) -> bool:
    """Whether every instalment of the draft's plan had fallen due before ``day`` (never for a payment
    later, whose one debit is no instalment, nor for an unknown plan)."""
    plan = plan_of(draft)
    return plan is not None and not plan.deferred and day > last_instalment(draft)


def _debited_since(
    draft: Draft, values: Mapping[str, object], follow_up: FollowUp | None, today: date
) -> bool:
    """Whether a follow-up of a claim for the sum already debited (``paid_amount``) claims too what the
    plan has debited since the day that sum was given (a debit day between it and ``today``)."""
    if follow_up is None or not values.get("paid_amount"):
        return False
    return bool(debit_days_between(draft, _debited_on(follow_up), today))


def _debited_on(follow_up: FollowUp) -> date:
    """The day the sum already debited was given on: again with a follow-up, or with the first message."""
    return follow_up.debited_on or follow_up.earlier[0].day


def _taken_since(values: dict[str, object], words: Phrases, follow_up: FollowUp, lang: str) -> None:
    """What is claimed back when more was debited since the sum was given: that sum and every debit
    since (« taken_paid_since »)."""
    since = format_day(_debited_on(follow_up), lang)
    values["taken"] = words.say("taken_paid_since", {**values, "since": since})


def _debited_facts(draft: Draft, follow_up: FollowUp, said: _Wording) -> str:
    """What a follow-up given the sum debited after the first message says of it among the facts (the
    earlier messages it encloses named another sum): what was debited after the first request (that sum
    less the one the first message gave) and the total it comes to (« debited_after_total »), or that
    alone where the claim names the total (« debited_after »); when nothing was debited since, that
    nothing more was (« debited_none_after »), or, without a sum in the first message, the total and its
    day (« debited_by »), unless the claim names it (the day is the letter's own)."""
    if follow_up.debited_on is None or "paid_amount" not in said.cases:
        return ""
    lang = draft.language
    claim = said.phrase_name("claim")
    named = claim is not None and "paid_amount" in said.words.arguments(claim)
    first, now = follow_up.debited_first, getattr(draft.details, "paid_amount", None)
    if first is not None and isinstance(now, Decimal) and now > first:
        values = {
            "amount": format_amount(now - first, lang),
            "day": format_day(follow_up.earlier[0].day, lang),
            "paid_amount": said.values["paid_amount"],
        }
        name = "debited_after" if named else "debited_after_total"
        # The day of what was debited since, where the plan debited once in between.
        between = debit_days_between(draft, follow_up.earlier[0].day, follow_up.debited_on)
        if len(between) == 1:
            values["on"], name = format_day(between[0], lang), f"{name}_on"
        return said.words.say(name, values)
    if named:
        return ""
    if first is not None and now == first:  # the claim names the sum as the first message gave it
        return said.words.say("debited_none_after", {"day": format_day(follow_up.earlier[0].day, lang)})
    day = format_day(follow_up.debited_on, lang)
    return said.words.say("debited_by", {"paid_amount": said.values["paid_amount"], "day": day})


def _claim_changed(draft: Draft, follow_up: FollowUp, said: _Wording, sum_changed: bool) -> bool:
    """Whether a follow-up claims otherwise than its first message: from another sum debited
    (``sum_changed``, :func:`_sum_changed`), or, the last instalment having fallen due since, what was
    debited instead of the instalments to come (where its claim or its subject has words for that case)."""
    first = follow_up.earlier[0].day
    ended = any("_ended" in (said.phrase_name(part) or "") for part in ("claim", "topic"))
    return sum_changed or (ended and first <= last_instalment(draft))


def _sum_changed(draft: Draft, follow_up: FollowUp, since: bool) -> bool:
    """Whether a follow-up claims from another sum debited than its first message: one given since (other
    than the first message's), or with the debits made since that sum (``since``)."""
    given = follow_up.debited_on is not None and getattr(draft.details, "paid_amount", None) != (
        follow_up.debited_first
    )
    return since or given


def _purchase(values: Mapping[str, object]) -> str:
    """Which facts name the purchase: the suffix of the ``subject_*`` and ``purchase_*`` phrases."""
    if values["order"] and values["merchant"]:
        return "order_merchant"
    if values["order"]:
        return "order"
    return "merchant" if values["merchant"] else "day"


@dataclass(frozen=True)
class _Wording:
    """The parts of a message that depend on its request: its phrases, in the cases that hold."""

    words: Phrases
    wording: str
    cases: tuple[str, ...]
    values: Mapping[str, object]

    def _name(self, part: str) -> str | None:
        """The phrase of ``part`` in the first case that has one."""
        for case in (*self.cases, ""):
            name = phrase(self.wording, part, case)
            if self.words.has(name):
                return name
        return None

    def has(self, part: str) -> bool:
        return self._name(part) is not None

    def phrase_name(self, part: str) -> str | None:
        """The name of the phrase that says ``part`` for this draft, if any."""
        return self._name(part)

    def part(self, part: str, values: Mapping[str, object] | None = None) -> str:
        """The phrase of ``part`` in the first case that has one; "" for an optional part without."""
        name = self._name(part)
        if name is not None:
            return self.words.say(name, values or self.values)
        if part in OPTIONAL_PARTS:
            return ""
        raise LookupError(f"{self.words.name} has no phrase {phrase(self.wording, part)}")

    @property
    def withdraws(self) -> bool:
        """Whether the message is a credit's withdrawal: its claim is a phrase of the ``withdrawal`` case
        (a credit within its 14 days holds that case for every request; only a cancellation withdraws)."""
        name = self._name("claim") or ""
        return "withdrawal" in self.cases and "_withdrawal" in name

    def claim(self, lang: str) -> str:
        """The first sentence. Where it names the purchase by its merchant (no order number) and names
        the merchant again (the seller who refunded, who cancelled), the second time is « the merchant »:
        « … pour mon achat chez Atelier Lumière …, le commerçant ayant remboursé … »."""
        name = self._name("claim")
        forms = LANGUAGES[lang].forms
        printed = set(self.words.arguments(name)) if name else set()
        values = self.values
        if (
            _purchase(values) == "merchant"
            and printed & set(formed("purchase", forms))
            and printed & set(formed("seller", forms))
        ):
            values = {
                **values,
                "seller": self.words.say("the_merchant", values),
                **{f"seller_{form}": self.words.say(f"the_merchant_{form}", values) for form in forms},
            }
        return self.part("claim", values)

    def subject(self) -> str:
        """The topic, then what it is about: the purchase, or the wording's own reference (if any). A
        topic in the person's words (``other``'s subject) starts with a capital, as a subject does, and
        ends without the full stop they may have typed (a subject line is not a sentence; « ? » stays)."""
        topic = _sentence(self.part("topic"))
        if topic.endswith(".") and not topic.endswith(".."):
            topic = topic[:-1]
        purchase = _purchase(self.values)
        about = (
            self.part("reference")
            if self.has("reference")
            else self.words.say(f"subject_{purchase}", self.values)
        )
        return f"{topic} – {about}" if about else topic


def _evidence(
    draft: Draft, words: Phrases, attachments: tuple[Attachment, ...], copies: tuple[str, ...] = ()
) -> str:
    """The sentence naming the enclosures, each by its description (in words from its file's name when
    the draft gives none): numbered and cited in a letter, with its file in an email, offered on request
    for the form."""
    from babel.lists import format_list

    from .evidence import suggested_label

    items = [  # only in a letter: the copies of the earlier messages, cited first in its first paragraph
        f"{_in_sentence(label, draft.language)} {words.say('annex', {'number': number})}"
        for number, label in enumerate(copies, start=1)
    ]
    for number, item in enumerate(attachments, start=len(copies) + 1):
        if draft.channel == "email":  # described, then the file that carries it
            described = item.label or suggested_label(item.name, item.media_type, draft.language, typed=False)
            label = _in_sentence(described, draft.language)
            items.append(words.say("attached", {"label": label, "file": item.name}))
            continue
        label = _in_sentence(item.description, draft.language)
        if draft.channel == "letter":
            items.append(f"{label} {words.say('annex', {'number': number})}")
        else:
            items.append(label)
    count = "one" if len(items) == 1 else "many"
    listed = format_list(items, locale=LOCALES[draft.language])
    return words.say(f"evidence_{draft.channel}_{count}", {"items": listed})


def _in_sentence(label: str, lang: str) -> str:
    """A description as cited inside a sentence: its first capital lowered (``relevé bancaire``), unless
    the language capitalises nouns or the first word is an acronym or a name in capitals (``PDF``)."""
    first = label.split(" ", 1)[0]
    rest = [c for c in first[1:] if c.isalpha()]
    if (
        LANGUAGES[lang].nouns_capitalised
        or not first[:1].isupper()
        or not rest
        or not all(c.islower() for c in rest)
    ):
        return label
    return label[:1].lower() + label[1:]


def _attachments(draft: Draft) -> tuple[Attachment, ...]:
    """The evidence as the message encloses it; in a letter or the form's text, a file without a
    description is described in words from its name, as the app suggests (``Relevé bancaire``), not by
    its file name: only an email, which carries the file, names it."""
    from .evidence import suggested_label

    return tuple(
        Attachment(
            item.name,
            item.size,
            item.media_type,
            item.location,
            item.identity,
            item.label
            if item.label or draft.channel == "email"
            else suggested_label(item.name, item.media_type, draft.language, typed=False),
        )
        for item in draft.evidence
    )


RECEIPT_DAYS = 3
"""The days a deadline « from receipt » may run beyond the days it gives: a letter's time in the post;
a debit within them would come before the request is dealt with."""


@dataclass(frozen=True)
class _Debit:
    """A day that comes before the days a message would give, by which Alma must have acted: a debit's
    (``kind`` ``debit``), or the end of a credit's withdrawal period (``withdrawal``); and whether the last
    day asked for before it (:func:`_last_day`) has already passed (then: without delay, before it)."""

    day: date
    urgent: bool
    kind: str = "debit"


def _debit_first(draft: Draft, said: _Wording, today: date) -> _Debit | None:
    """The day of the next debit (a payment later's one debit, or the one the draft gives as
    ``next_debit``), when it falls within the days the message would give Alma (and
    :data:`RECEIPT_DAYS`) for a request that must be acted on before it (:data:`registry.BEFORE_THE_DEBIT`): the
    message then asks for :func:`_last_day` before the debit instead, or (that day passed) without delay
    and before the debit. A request time has overtaken (:data:`registry.OVERTAKEN`) asks a debit that
    failed to be presented again only on the day the person asked for (``wanted_date``): the answer is
    asked before that day (kind ``again``)."""
    if not _in(wording_of(draft), registry.BEFORE_THE_DEBIT):
        return None
    plan = plan_of(draft)
    given = getattr(draft.details, "next_debit", None)
    wanted = getattr(draft.details, "wanted_date", None)
    if "ended" in said.cases and _in(said.wording, registry.OVERTAKEN) and isinstance(wanted, date):
        return _coming_first(draft, today, wanted, "again")
    if isinstance(given, date):
        debit = given
    elif plan is not None and plan.deferred:
        debit = debit_days(draft)[0]
    elif said.withdraws and (coming := debit_days_between(draft, today)):
        # A credit withdrawn within its 14 days still runs on the schedule it was bought with.
        debit = coming[0]
    else:
        return None
    # A payment later's one debit is « the » debit (``deferred``); instalments', « the next one ».
    return _coming_first(draft, today, debit, "deferred" if plan is not None and plan.deferred else "debit")


def _coming_first(draft: Draft, today: date, day: date, kind: str) -> _Debit | None:
    """``day`` as a :class:`_Debit` of ``kind`` when it comes after ``today`` and by the end of the days
    the message would give Alma (and :data:`RECEIPT_DAYS`); None otherwise."""
    ends = today + timedelta(days=draft.deadline_days + RECEIPT_DAYS)
    return _Debit(day, _last_day(day) < today, kind) if today < day <= ends else None


LEAD_DAYS = 2
"""How long before a debit what is asked must be done: time to act on the answer (register a card,
stop the debit)."""


def _last_day(debit: date) -> date:
    """The last day asked for, before a debit: :data:`LEAD_DAYS` before it, and a working day (a
    Saturday, a Sunday or a public holiday in Belgium moves back to the working day before)."""
    last = debit - timedelta(days=LEAD_DAYS)
    while last.weekday() >= 5 or last in public_holidays(last.year):
        last -= timedelta(days=1)
    return last


@lru_cache(maxsize=8)
def public_holidays(year: int) -> frozenset[date]:
    """Belgium's ten public holidays in ``year``: New Year's Day, Easter Monday, 1 May, Ascension Day,
    Whit Monday, 21 July, 15 August, 1 November, 11 November and Christmas Day (arrêté royal du 18
    avril 1974, art. 1; https://emploi.belgique.be/fr/themes/remuneration/jours-feries). Easter Sunday
    by the Gregorian computus."""
    golden, century, rest = year % 19, year // 100, year % 100
    lag = century - century // 4 - (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + lag + 15) % 30
    weekday = (32 + 2 * (century % 4) + 2 * (rest // 4) - epact - rest % 4) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    easter = date(year, month, day + 1)
    fixed = ((1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25))
    moving = (easter + timedelta(days=n) for n in (1, 39, 50))
    return frozenset((*(date(year, m, d) for m, d in fixed), *moving))


def _withdrawal_first(draft: Draft, said: _Wording, today: date) -> _Debit | None:
    """The end of a credit's withdrawal period (:data:`WITHDRAWAL_DAYS` from the purchase), when it
    falls within the days a request about the running credit (:data:`registry.BEFORE_THE_DEBIT`) would
    give Alma: the answer is asked before it, while the person can still withdraw. Not for the
    withdrawal itself, which needs no answer to take effect."""
    if "withdrawal" not in said.cases or said.withdraws or not _in(said.wording, registry.BEFORE_THE_DEBIT):
        return None
    return _coming_first(draft, today, withdrawal_ends(draft), "withdrawal")


def _debit_values(draft: Draft, debit: _Debit) -> dict[str, str]:
    lang = draft.language
    day = "end" if debit.kind == "withdrawal" else "debit"
    if debit.urgent:
        return {day: format_day(debit.day, lang)}
    return {day: format_day(debit.day, lang), "last": format_day(_last_day(debit.day), lang)}


def _within(draft: Draft, words: Phrases, stem: str, debit: _Debit | None = None) -> str:
    """The ``stem`` phrase (``deadline``, ``reply_by``, ``final_deadline``) for the draft's days in its
    channel (``_one`` for a single day), or for a debit or the end of a withdrawal period that comes
    first (``_debit``, ``_debit_now``, ``_withdrawal``, ``_withdrawal_now``)."""
    if debit is not None:
        name = f"{stem}_{debit.kind}"
        return words.say(f"{name}_now" if debit.urgent else name, _debit_values(draft, debit))
    days = draft.deadline_days
    if days == 1:
        return words.say(f"{stem}_{draft.channel}_one", {})
    return words.say(f"{stem}_{draft.channel}", {"days": days})


def _deadline(draft: Draft, words: Phrases, debit: _Debit | None = None, stem: str = "deadline") -> str:
    """A claim's deadline (none when the draft sets 0 days); ``deadline_withdrawn`` for a credit's
    withdrawal, whose deadline is for the answer, not for granting it."""
    return _within(draft, words, stem, debit) if draft.deadline_days else ""


def _reply_by(draft: Draft, words: Phrases, debit: _Debit | None = None) -> str:
    """A reminder of a question: the answer asked within its days (before a debit that comes first),
    without a threat."""
    return _within(draft, words, "reply_by", debit)


def _in(wording: str, wordings: frozenset[str]) -> bool:
    """Whether ``wording`` (``request.option``), or its whole request, is one of ``wordings``."""
    return wording in wordings or wording.partition(".")[0] in wordings


def _final_deadline(draft: Draft, words: Phrases) -> str:
    """The formal notice's last deadline, which puts Alma on notice (« je vous mets en demeure »)."""
    return _within(draft, words, "final_deadline")


def _by(item: Earlier, words: Phrases) -> str:
    """The channel of an earlier message in running text: « par e-mail », « par lettre recommandée »."""
    return words.say(
        "by_letter_registered" if item.registered and item.channel == "letter" else f"by_{item.channel}", {}
    )


def _copy_numbers(draft: Draft, follow_up: FollowUp) -> list[int | None]:
    """The enclosure number of each earlier message's copy (a follow-up by letter encloses those whose
    text was kept, numbered from 1, before the evidence); ``None`` for one not enclosed."""
    numbers: list[int | None] = []
    number = 1
    for item in follow_up.earlier:
        if draft.channel == "letter" and item.text.strip():
            numbers.append(number)
            number += 1
        else:
            numbers.append(None)
    return numbers


def _recalled(
    draft: Draft, follow_up: FollowUp, said: _Wording, renamed: bool = False, updated: bool = False
) -> str:
    """The first paragraph of a follow-up: the messages sent before, by day and channel, left
    unanswered; a reminder names the first one's subject too where its own was written afresh
    (``renamed``), or says it renews the request brought up to date (``updated``: its claim changed,
    its subject did not); of a withdrawal, which notifies rather than asks, it says no acknowledgment
    came; a formal notice cites the copy of each that it encloses (« (annexe 1) »)."""
    words = said.words
    from babel.lists import format_list

    lang = draft.language
    first, *later = follow_up.earlier
    numbers = _copy_numbers(draft, follow_up)

    def cited(text: str, number: int | None) -> str:
        """``text`` and the enclosure that carries a copy of the message it names: « … (annexe 3) »."""
        return f"{text} {words.say('annex', {'number': number})}" if number is not None else text

    if follow_up.kind == "reminder":
        values = {
            "day": format_day(first.day, lang),
            "by": _by(first, words),
            "subject": first.subject,
            "annex": cited("", numbers[0]),
        }
        notified = "_withdrawal" if said.withdraws else ""
        if "ended" in said.cases and _in(said.wording, registry.OVERTAKEN):
            notified = "_overtaken"  # what was asked has lapsed: it is not asked again
        if renamed:  # the first subject is no longer the reminder's
            notified += "_subject"
        elif updated and not notified:
            notified = "_updated"
        if not later:
            return words.say(f"reminder_opening_one{notified}", values)
        reminded = [
            cited(words.say("reminded", {"day": format_day(e.day, lang), "by": _by(e, words)}), number)
            for e, number in zip(later, numbers[1:], strict=True)
        ]
        return words.say(
            f"reminder_opening_many{notified}",
            {**values, "reminded": format_list(reminded, locale=LOCALES[lang])},
        )
    items = [
        cited(
            words.say(f"earlier_{_named(e, said)}", {"day": format_day(e.day, lang), "by": _by(e, words)}),
            number,
        )
        for e, number in zip(follow_up.earlier, numbers, strict=True)
    ]
    count = "one" if len(items) == 1 else "many"
    return words.say(f"notice_opening_{count}", {"earlier": format_list(items, locale=LOCALES[lang])})


def _gdpr_month(said: _Wording, follow_up: FollowUp | None, today: date) -> str:
    """The sentence a follow-up of a request the GDPR gives one month (:data:`registry.ONE_MONTH_ANSWER`)
    says of that month, counted from the first message: ``gdpr_month_passed`` once it has run out,
    ``gdpr_month_running`` before; none for another request or a first message."""
    if follow_up is None or not _in(said.wording, registry.ONE_MONTH_ANSWER):
        return ""
    from .cases import ONE_MONTH  # only for a follow-up: a first message does not load the case modules

    passed = today >= follow_up.earlier[0].day + timedelta(days=ONE_MONTH)
    return "gdpr_month_passed" if passed else "gdpr_month_running"


def _named(item: Earlier, said: _Wording) -> str:
    """What an earlier message was, as a follow-up names it: ``request``, ``reminder``,
    ``formal_notice``; a withdrawal's first message (a credit's, within its 14 days) notified it:
    ``withdrawal``."""
    return "withdrawal" if item.kind == "request" and said.withdraws else item.kind


def _copies(draft: Draft, follow_up: FollowUp | None, said: _Wording, mailbox: str) -> tuple[Copy, ...]:
    """A follow-up by letter (a reminder or a formal notice) encloses a copy of each earlier message
    whose text was kept: its description (« Copie de ma demande envoyée par e-mail le 26 novembre
    2026 »), numbered from 1 before the evidence, and its text as sent; the copy of an
    email starts with its header lines: from the person's address, to ``mailbox`` (the address the
    request is sent to), its day. An email cites the earlier messages by day: they are in Alma's
    mailbox."""
    if follow_up is None or draft.channel != "letter":
        return ()
    words = said.words
    labels = LANGUAGES[draft.language].email_labels
    numbers = _copy_numbers(draft, follow_up)
    copies = []
    for number, item in zip(numbers, follow_up.earlier, strict=True):
        if number is None:
            continue
        label = words.say(
            f"copy_of_{_named(item, said)}",
            {"day": format_day(item.day, draft.language), "by": _by(item, words)},
        )
        heading = words.say("annex_heading", {"number": number, "label": label})
        text = item.text
        if item.channel == "email":
            header = (
                (labels["from"], draft.customer.email),
                (labels["to"], mailbox),
                (labels["date"], format_day(item.day, draft.language)),
            )
            text = "".join(f"{label} {value}\n" for label, value in header) + text
        copies.append(Copy(label, heading, text))
    return tuple(copies)


def _sentence(text: str) -> str:
    """A phrase written to open the body (German starts it in lower case after the greeting) as a
    sentence inside it."""
    return text[:1].upper() + text[1:]


def _body(
    draft: Draft,
    said: _Wording,
    attachments: tuple[Attachment, ...],
    follow_up: FollowUp | None = None,
    copies: tuple[str, ...] = (),
    debit: _Debit | None = None,
    month: str = "",
    renamed: bool = False,
    updated: bool = False,
) -> str:
    """The paragraphs of the message, between the greeting and the closing: the claim, the facts, the
    person's own account, the right relied on, the ask, then by when (the deadline and what follows
    without an answer, or the answer asked within the days) in a paragraph of its own, how Alma finds
    the file, the language the answer is wanted in, and the enclosures. A request in the person's own words
    (:data:`registry.IN_OWN_WORDS`) is their account: it follows the first sentence that announces it,
    before the facts, under no heading.

    A follow-up first recalls the messages left unanswered, then restates the claim, the facts and the
    right relied on (in its ``_followup`` words where the wording has them: a withdrawal made in time). A
    reminder by letter that encloses a copy of the first message leaves out the person's account unless
    the request is in their own words (:data:`registry.TOLD_BY_THE_USER`); so does a follow-up of a
    request time overtook (:data:`registry.OVERTAKEN`, the ``ended`` case), whose account no longer
    holds; any other follow-up repeats it, under a heading that dates it to the first message. A formal
    notice's last deadline and next step come with a copy to Alma's supervisor, the ACPR; the reserve of
    the writer's rights comes last, before the closing (at the end of that paragraph where the language keeps it there,
    ``Language.reserve_with_deadline``). A reminder of a question, and a request that asks without claiming
    (:data:`registry.ANSWER_ASKED`), ask for an answer within the draft's days, without a threat.
    ``debit``: the day of a debit that comes before those days end (:func:`_debit_first`): the deadline
    or the answer asked is the day before it. ``month``: the phrase a follow-up of a GDPR request says
    of the legal month (:func:`_gdpr_month`), in a paragraph of its own after the rights relied on, or
    after its ask."""
    words, values = said.words, said.values
    # The legal month stands in a paragraph of its own, after the rights relied on (the ask draws on
    # both), or, without them, after the ask.
    month_said = words.say(month, {}) if month else ""
    rights = said.part("rights")
    asked = said.part("ask")
    rights_month, asked_month = (month_said, "") if rights else ("", month_said)
    notice = follow_up is not None and follow_up.kind == "formal_notice"
    # Before a withdrawal period ends, an answer is asked (below), not a deadline.
    withdrawal = debit is not None and debit.kind == "withdrawal"
    # A deadline goes with a claim's next step (a question's answer is asked below).
    deadline = (
        _final_deadline(draft, words)
        if notice
        else ""
        if withdrawal or not said.has("next")
        else _deadline(draft, words, debit, "deadline_withdrawn" if said.withdraws else "deadline")
    )
    failing = words.say("failing_dated" if deadline else "failing", values)
    next_step = said.part("next", {**values, "failing": failing})
    # By when (the deadline and what follows without an answer, or the answer asked within the days)
    # stands in a paragraph of its own, right after the ask: the demand, then its deadline and what
    # follows; how Alma finds the file and the language of the answer come after them.
    if withdrawal and draft.deadline_days:
        # Asked before a withdrawal period ends: an answer the person needs to choose, not a threat.
        when = _reply_by(draft, words, debit)
    elif next_step:
        when = " ".join(part for part in (deadline, next_step) if part)
        if notice:
            when = " ".join((when, words.say("supervisor_copy", values)))
            if LANGUAGES[draft.language].reserve_with_deadline:
                when = " ".join((when, words.say("reserve", values)))
    elif draft.deadline_days and (follow_up is not None or _in(said.wording, registry.ANSWER_ASKED)):
        # A debit of instalments, whose day the draft does not give, may come before the days end.
        given = getattr(draft.details, "next_debit", None) is not None
        sooner = (
            debit is None
            and not given
            and "ended" not in said.cases
            and _in(said.wording, registry.BEFORE_THE_DEBIT)
            and "deferred" not in said.cases
        )
        # Once the legal month of a data request has run out, the answer is owed: asked within the days,
        # firmly, with no next step to threaten (none is sourced).
        overdue = month == "gdpr_month_passed"
        if sooner:  # before the next debit, and within the days at the latest
            when = _within(draft, words, "reply_by_before_debit")
        elif overdue:
            when = (
                _within(draft, words, "answer_due")
                if debit is None
                else _within(draft, words, "deadline", debit)
            )
        else:
            when = _reply_by(draft, words, debit)
    else:
        when = ""
    # A follow-up repeats the person's account as written for the first message, on its day.
    heading = (
        words.say("heading_followup", {"since": format_day(follow_up.earlier[0].day, draft.language)})
        if follow_up is not None
        else words.say("heading", values)
    )
    told = f"{heading}\n{draft.description}"
    searched = "search" if _in(said.wording, registry.NOT_A_CUSTOMER) else "account"
    account = words.say(f"{searched}_email_phone" if values.get("phone") else f"{searched}_email", values)
    claim = said.claim(draft.language) if follow_up is None else _sentence(said.claim(draft.language))
    if _in(said.wording, registry.IN_OWN_WORDS):
        # The request is the person's account: the first sentence announces it (ending on a colon), the
        # account follows at once, before the facts that frame it, under no heading of its own.
        claim, told = f"{claim}\n{draft.description}", ""
    # The story (the facts, the person's account) runs unbroken into the ask that draws on it; how Alma
    # finds the file comes after what is asked and by when.
    if follow_up is None:
        blocks = [claim, said.part("facts"), told, rights, rights_month, asked, asked_month]
    else:
        own_words = _in(said.wording, registry.TOLD_BY_THE_USER)
        # Once time overtook the request (the last instalment fell due), the account written before
        # describes what no longer holds (« the last instalment is due on … »): the claim and the facts
        # say what became of it, the opening cites the message that holds the account.
        stale = "ended" in said.cases and _in(said.wording, registry.OVERTAKEN) and not own_words
        shown = told if not stale and (notice or not copies or own_words) else ""
        # What was debited since the first message ends the facts, before the account quoted from that
        # message: after the quote, it would read as part of it (readers of round 42).
        debited = _debited_facts(draft, follow_up, said)
        blocks = [
            _recalled(draft, follow_up, said, renamed, updated),
            claim,
            " ".join(p for p in (said.part("facts"), debited) if p),
            shown,
            rights,
            rights_month,
            asked,
            asked_month,
        ]
    # After the ask: by when (a formal notice's putting on notice right after its demand), then how Alma
    # finds the file and the language of the answer.
    blocks += [when, account, words.say("reply_language", values)]
    if attachments or copies:
        blocks.append(_evidence(draft, words, attachments, copies))
    if notice and not LANGUAGES[draft.language].reserve_with_deadline:
        blocks.append(words.say("reserve", values))  # the reserve of the writer's rights, last
    return "\n\n".join(block for block in blocks if block)


POSTAL_LOCALE = "fr_FR"
"""The language of the post that delivers the letter (Alma's address is in France) and that returns it
to the sender: the sender's country is written so that it can read it."""


def _sender_country(code: str, lang: str) -> str:
    """``BELGIQUE``; ``BELGIË – BELGIQUE`` in a letter in another language than the post's."""
    from babel import Locale

    own = country_name(code, lang).upper()
    postal = str(Locale.parse(POSTAL_LOCALE).territories.get(code, code)).upper()
    return own if own == postal else f"{own} – {postal}"


def _place_date(language: Language, city: str | None, today: str) -> str:
    return (
        language.place_date.format(city=city, date=today) if city else language.date_line.format(date=today)
    )


def _failed_on(draft: Draft, asked_on: date) -> date:
    """The debit a request of :data:`registry.DEBIT_FAILED` came before, which failed: the first of the
    plan's debit days from the day it was asked (the last, if every one came before)."""
    days = debit_days(draft)
    return next((day for day in days if day >= asked_on), days[-1])


STAND_IN = "\u2026" * registry.LIMITS["description_min"]
"""The person's account while it is not written yet (:func:`stated`): it stands where the account will."""


def stated(draft: Draft, today: date | None = None) -> tuple[str, ...]:
    """What a first message of ``draft`` says of its own around the person's account: its first sentence
    and the facts it states (the purchase, the sums and days given), in the message's language, so that
    the account need not say them again (its own account, if any, is set aside for :data:`STAND_IN`)."""
    if draft.description != STAND_IN:
        draft = draft.model_copy(update={"description": STAND_IN})
    message = build(draft, today=today)
    for index, paragraph in enumerate(message.paragraphs):
        if STAND_IN in paragraph:
            if _in(wording_of(draft), registry.IN_OWN_WORDS):
                # The account follows the first sentence that announces it; the facts come after it.
                announced = paragraph.split(STAND_IN, 1)[0].strip()
                return (announced, *message.paragraphs[index + 1 : index + 2])
            return message.paragraphs[:index]  # the claim and the facts, before the account's heading
    return ()


def build(
    draft: Draft,
    *,
    today: date | None = None,
    config: Recipient | None = None,
    registered: bool = False,
    follow_up: FollowUp | None = None,
) -> Message:
    """Write the message for the draft's channel and language.

    ``registered``: a letter sent as a registered letter carries the mention.
    ``follow_up``: write a reminder or a formal notice of the request the draft was sent as (the
    caller sets ``draft.deadline_days`` to the new deadline first). ``ValueError`` for a channel the
    follow-up is not sent by (``followup.FOLLOW_UP_CHANNELS``), for a formal notice of a request that
    claims nothing (its first message's ``extra["claims"]`` is false) or without a deadline, and for
    earlier messages that do not start with the request.
    """
    if follow_up is not None:
        from .followup import check

        check(follow_up, draft.channel)
        if follow_up.kind == "formal_notice" and draft.deadline_days == 0:
            raise ValueError("a formal notice needs a final deadline: deadline_days must be 1 or more")
    today = today or date.today()
    language = LANGUAGES[draft.language]
    words = Phrases(draft.language)
    values = _values(draft, words)
    # A follow-up is about the request as it was when first sent: a credit's withdrawal made within its
    # 14 days stays one, however late the reminder.
    asked_on = follow_up.earlier[0].day if follow_up is not None else today
    # More debited since the first message: the claim is that sum and every debit since, which no
    # phrase of the sum alone (a case of « paid_amount ») says.
    since = _debited_since(draft, values, follow_up, today)
    if since:
        assert follow_up is not None
        _taken_since(values, words, follow_up, draft.language)
        if "overpaid" in values:  # more than owed then: every debit since is over it too
            day = format_day(_debited_on(follow_up), draft.language)
            values["overpaid_since"] = words.say(
                "overpaid_since", {"overpaid": values["overpaid"], "since": day}
            )
    # Then the sum first given, and what was computed from it, no longer tell what is owed.
    stale = ("paid_amount", "overpaid", "still_due") if since else ()
    holding = {name: value for name, value in values.items() if name not in stale}
    said = _Wording(
        words,
        wording_of(draft),
        _cases(
            draft,
            holding,
            asked_on,
            follow_up is not None,
            today,
            failed=follow_up is not None and follow_up.debit_failed,
        ),
        values,
    )
    notice = follow_up is not None and follow_up.kind == "formal_notice"
    if notice and not said.has("next"):
        raise ValueError(
            f"a formal notice claims an action or a sum; the request {wording_of(draft)} asks a question:"
            " send a reminder instead"
        )
    if "debit_failed" in said.cases:
        values["failed_on"] = format_day(_failed_on(draft, asked_on), draft.language)
    _order_said_once(said, draft)
    addressee = registry.REQUESTS[draft.request].addressee
    if (notice or said.withdraws) and addressee == "customer_service":
        # A formal notice, and a credit's withdrawal (a legal act sent registered), go to the company at
        # its registered office.
        addressee = "registered_office"
    contacts = resolve(*(r for r in (config, draft.recipient) if r is not None), addressee=addressee)
    customer = draft.customer
    sender = [customer.full_name]
    if customer.street:
        sender.append(customer.street)
    if customer.postal_code or customer.city:
        sender.append(" ".join(p for p in (customer.postal_code, customer.city) if p))
    if draft.channel == "letter":
        sender.append(_sender_country(customer.country, draft.language))
    sender.append(customer.email)
    if customer.phone:
        sender.append(format_phone(customer.phone))
    attachments = _attachments(draft)
    # The earlier emails went to the address the request is sent to: the email address is the same
    # whichever postal addressee (customer service, registered office) a letter goes to.
    copies = _copies(draft, follow_up, said, contacts.email)
    subject = said.subject()
    renamed = updated = False
    if follow_up is not None:
        # The first message's subject, as sent; written again when the follow-up is in another language,
        # or when what it claims has changed since (its sum no longer the one the subject names).
        first = follow_up.earlier[0]
        sum_changed = _sum_changed(draft, follow_up, since)
        same = first.language in ("", draft.language) and not _claim_changed(
            draft, follow_up, said, sum_changed
        )
        renamed = not same and subject != first.subject  # written afresh, and in other words
        # brought up to date with the sums debited (not merely worded for a plan that has ended)
        updated = sum_changed and not renamed
        subject = words.say(f"subject_{follow_up.kind}", {"subject": first.subject if same else subject})
    # A formal notice's last deadline runs from its receipt; a withdrawal counts from the day it was sent:
    # both go registered with a notice of delivery.
    with_receipt = draft.channel == "letter" and (notice or said.withdraws)
    # A withdrawal by letter goes registered with a notice of delivery: its day is what proves it in time.
    if draft.channel == "letter" and said.withdraws:
        registered = True
    claims = said.has("next")
    answer_by = claims or follow_up is not None or _in(said.wording, registry.ANSWER_ASKED)
    extra: dict[str, Any] = {
        "registered": registered,
        "claims": claims,
        "deadline_days": draft.deadline_days if answer_by else 0,
    }
    if follow_up is not None:
        extra["follow_up"] = follow_up.kind
    message = Message(
        channel=draft.channel,
        language=draft.language,
        to=contacts.email,
        subject=subject,
        subject_label=language.subject_label[draft.channel],
        salutation=language.salutation[draft.channel],
        paragraphs=_paragraphs(
            _body(
                draft,
                said,
                attachments,
                follow_up,
                tuple(c.label for c in copies),
                _debit_first(draft, said, today) or _withdrawal_first(draft, said, today),
                _gdpr_month(said, follow_up, today),
                renamed,
                updated,
            )
        ),
        closing=(
            language.formal_closing if notice and language.formal_closing else language.closing[draft.channel]
        ),
        signature=customer.full_name,
        sender=tuple(sender),
        recipient=contacts.address,
        place_date=_place_date(language, customer.city, format_day(today, draft.language)),
        day=format_day(today, draft.language),
        enclosures_label=language.enclosures_label[
            "one" if len(draft.evidence) + len(copies) == 1 else "many"
        ],
        attachments=attachments,
        copies=copies,
        form_url=contacts.form_url,
        form_labels=dict(language.form_labels),
        form_fields={},
        registered_label=language.registered_receipt if with_receipt else language.registered,
        extra=extra,
    )
    env = environment()
    body = (
        env.get_template("layout/body.txt.j2").render(m=message, apart=language.closing_apart).strip() + "\n"
    )
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
