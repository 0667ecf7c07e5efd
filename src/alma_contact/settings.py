"""Every setting of the program in one object, from the environment, the config file and the defaults.

- the config file: ``ALMA_CONTACT_CONFIG``, else ``config.toml`` in the platform's config folder;
- today: ``ALMA_CONTACT_TODAY`` (an ISO date), else the computer's date;
- the template cache: ``ALMA_CONTACT_CACHE``, else the config file's ``template_cache``, else
  ``templates`` in the platform's cache folder;
- the draft store's folder: ``ALMA_CONTACT_DATA_DIR`` (``--data-dir`` sets it for one run), else
  the platform's data folder (:mod:`alma_contact.store`);
- the plain mode (questions line by line, for screen readers and simple terminals):
  ``ALMA_CONTACT_PLAIN`` (any value but ``0``), else ``--plain`` or ``TERM=dumb`` (:mod:`alma_contact.cli.app`);
- Alma's recipient: the config file's ``[recipient]`` (``email``, ``address``, ``form_url``), else
  ``data/alma.toml`` (a draft's own ``[recipient]`` comes first: :func:`alma_contact.contacts.resolve`).

An environment variable wins over the config file, which wins over the
defaults: a variable is set for one run (a test, a script, a try), the file
keeps what the user chose for every run, as with pip's and git's settings. A
config file with a mistake is not used at all (its problems are said); a
variable set but empty counts as not set, except ``ALMA_CONTACT_CACHE=""``,
which turns the cache off (as ``template_cache = ""`` does).

Other variables belong to the system and are read where they are used: the
locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) by
:mod:`alma_contact.i18n`, ``TERM`` by the command line (a dumb terminal gets the plain mode), ``VISUAL``, ``EDITOR`` and ``PATH`` by the app's
outside editor, ``WAYLAND_DISPLAY`` and ``DISPLAY`` by the clipboard.

Cheap to import and to build: the config file is read (with the draft model,
which checks its ``[recipient]``) only when one of its settings is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import N_, translate

if TYPE_CHECKING:
    from pydantic import ValidationError

    from .drafts import DraftInvalid
    from .errors import Problem
    from .model import Recipient

CONFIG_VARIABLE = "ALMA_CONTACT_CONFIG"
TODAY_VARIABLE = "ALMA_CONTACT_TODAY"
CACHE_VARIABLE = "ALMA_CONTACT_CACHE"
DATA_VARIABLE = "ALMA_CONTACT_DATA_DIR"
PLAIN_VARIABLE = "ALMA_CONTACT_PLAIN"
VARIABLES = (CONFIG_VARIABLE, TODAY_VARIABLE, CACHE_VARIABLE, DATA_VARIABLE, PLAIN_VARIABLE)
"""The program's own environment variables: every one is read here, and only here."""

STORE_FILE = "drafts.sqlite3"
"""The draft store's database, in :attr:`Settings.data_dir` (:mod:`alma_contact.store`)."""
CACHE_KEY = "template_cache"
RECIPIENT_TABLE = "recipient"
REPLY_KEY = "reply_days"
REPLY_RANGE = (1, 365)
_BAD_REPLY_DAYS = N_("write a whole number of days from {low} to {high}, such as 10 (it is {value}).")
APP_NAME = "alma-contact"

_CONFIG_TOML = N_("the config file is not valid TOML: {detail}.")
_CONFIG_UTF8 = N_("the config file is not UTF-8 text; save it again as UTF-8.")
_BAD_TODAY = N_("{variable} is “{value}”, not a date written year-month-day such as 2026-11-26.")


class SettingInvalid(ValueError):
    """An environment variable of the program holds a value it cannot use."""

    def __init__(self, variable: str, value: str) -> None:
        super().__init__(f"{variable}={value!r}")
        self.variable = variable
        self.value = value

    def text(self, lang: str) -> str:
        """What is wrong, in ``lang``, with the value echoed safely."""
        from .errors import echo

        return translate(lang, _BAD_TODAY, variable=self.variable, value=echo(self.value, 80))


# Each problem of the config file, said later in whichever interface language is asked for.
Explain = Callable[[str], list["Problem"]]


def _no_problems(lang: str) -> list[Problem]:
    return []


@dataclass(frozen=True)
class ConfigFile:
    """What the user's config file says; a file with a mistake gives nothing but its problems."""

    path: Path
    recipient: Recipient | None = None
    """The ``[recipient]`` table, checked (empty when the file has none); None when no file is used."""
    template_cache: str | None = None
    """``template_cache`` as written; None when the file does not set it."""
    reply_days: int | None = None
    """``reply_days``: how long a first message waits for an answer before a reminder; None when unset."""
    explain: Explain = _no_problems
    """The file's problems in an interface language."""


def read_config(path: Path) -> ConfigFile:
    """The config file at ``path``, read as a draft is (a regular file, a size limit, no waiting
    on a pipe), or its problems; a missing file is an empty one."""
    if not os.path.lexists(path):
        return ConfigFile(path)
    from pydantic import ValidationError

    from .drafts import DraftInvalid, parse_toml, read_file
    from .model import Recipient

    try:
        document = parse_toml(read_file(path).decode("utf-8-sig"), _CONFIG_TOML)
    except UnicodeDecodeError:
        return ConfigFile(path, explain=_said(path, _CONFIG_UTF8))
    except DraftInvalid as invalid:
        return ConfigFile(path, explain=_unreadable(path, invalid))
    cache = document.get(CACHE_KEY)
    if cache is not None and not isinstance(cache, str):
        return ConfigFile(path, explain=_not_text(path, CACHE_KEY, cache))
    reply = document.get(REPLY_KEY)
    if reply is not None and (
        not isinstance(reply, int) or isinstance(reply, bool) or not REPLY_RANGE[0] <= reply <= REPLY_RANGE[1]
    ):
        return ConfigFile(path, explain=_bad_reply_days(path, reply))
    try:
        recipient = Recipient.model_validate(document.get(RECIPIENT_TABLE, {}))
    except ValidationError as error:
        return ConfigFile(path, explain=_wrong_keys(path, RECIPIENT_TABLE, error))
    return ConfigFile(path, recipient=recipient, template_cache=cache, reply_days=reply)


def _shown(path: Path) -> str:
    from .errors import echo

    return echo(str(path), 200)


def _said(path: Path, message: str) -> Explain:
    from .errors import Problem

    return lambda lang: [Problem(_shown(path), translate(lang, message))]


def _unreadable(path: Path, invalid: DraftInvalid) -> Explain:
    """A file that cannot be read, or is not TOML: a syntax error names the file, others say it."""
    from .errors import Problem

    key = _shown(path) if invalid.message == _CONFIG_TOML else ""
    return lambda lang: [Problem(key, p.message) for p in invalid.problems(lang)]


def _not_text(path: Path, key: str, value: object) -> Explain:
    from .errors import MESSAGES, Problem, kind_of

    kind = kind_of(value)
    return lambda lang: [Problem(f"{_shown(path)}: {key}", translate(lang, MESSAGES["not_text"], kind=kind))]


def _bad_reply_days(path: Path, value: object) -> Explain:
    from .errors import Problem, echo

    low, high = REPLY_RANGE
    return lambda lang: [
        Problem(
            f"{_shown(path)}: {REPLY_KEY}",
            translate(lang, _BAD_REPLY_DAYS, low=low, high=high, value=echo(value, 40)),
        )
    ]


def _wrong_keys(path: Path, table: str, error: ValidationError) -> Explain:
    from .errors import Problem, explain

    def problems(lang: str) -> list[Problem]:
        shown = _shown(path)
        return [
            Problem(f"{shown}: {table}.{p.key}" if p.key else shown, p.message) for p in explain(error, lang)
        ]

    return problems


@dataclass(frozen=True)
class Settings:
    """The program's settings; build it with :func:`current`.

    Each property says where its value comes from, in order of precedence.
    """

    variables: Mapping[str, str] = field(default_factory=dict)
    """The program's own environment variables (:data:`VARIABLES`) that were set."""

    def _variable(self, name: str) -> str | None:
        """A variable's value; None when it is not set, or set but empty."""
        return self.variables.get(name) or None

    @property
    def config_file(self) -> Path:
        """``ALMA_CONTACT_CONFIG``, else ``config.toml`` in the platform's config folder.

        The file need not exist.
        """
        chosen = self._variable(CONFIG_VARIABLE)
        if chosen is not None:
            return Path(chosen)
        from platformdirs import user_config_path

        return user_config_path(APP_NAME, appauthor=False) / "config.toml"

    @property
    def today(self) -> date | None:
        """``ALMA_CONTACT_TODAY`` (an ISO date, so that tests and examples are repeatable), else None:
        the computer's date, read when it is needed (:meth:`day`).

        Raises :class:`SettingInvalid` when the variable is not such a date.
        """
        fixed = self._variable(TODAY_VARIABLE)
        if fixed is None:
            return None
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise SettingInvalid(TODAY_VARIABLE, fixed) from None

    def day(self) -> date:
        """Today: the fixed day, else the computer's date."""
        return self.today or date.today()

    @cached_property
    def config(self) -> ConfigFile:
        """The config file, read the first time a setting of it is asked for."""
        return read_config(self.config_file)

    @property
    def template_cache(self) -> Path | None:
        """Where compiled templates are kept: ``ALMA_CONTACT_CACHE``, else the config file's
        ``template_cache`` (``~`` is the home folder, a relative path starts from the config
        file's folder), else ``templates`` in the platform's cache folder. None (an empty value):
        no cache."""
        chosen = self.variables.get(CACHE_VARIABLE)
        if chosen is not None:
            return Path(chosen) if chosen else None
        written = self.config.template_cache
        if written is not None:
            return self.config.path.parent / Path(written).expanduser() if written else None
        from platformdirs import user_cache_path

        return user_cache_path(APP_NAME, appauthor=False) / "templates"

    @property
    def data_dir(self) -> Path:
        """The folder of the draft store: ``ALMA_CONTACT_DATA_DIR``, else ``alma-contact`` in the
        platform's data folder (``~/.local/share/alma-contact`` on Linux). It need not exist."""
        chosen = self._variable(DATA_VARIABLE)
        if chosen is not None:
            return Path(chosen).expanduser()
        from platformdirs import user_data_path

        return user_data_path(APP_NAME, appauthor=False)

    @property
    def plain(self) -> bool:
        """``ALMA_CONTACT_PLAIN`` set to anything but ``0``: the app asks its questions line by line."""
        chosen = self._variable(PLAIN_VARIABLE)
        return chosen is not None and chosen.strip() != "0"

    @property
    def recipient(self) -> Recipient:
        """The config file's ``[recipient]`` (empty when it has none, or has a mistake); a draft's
        own table, then this, then Alma's usual details apply (:func:`alma_contact.contacts.resolve`)."""
        if self.config.recipient is not None:
            return self.config.recipient
        from .model import Recipient

        return Recipient()

    @property
    def reply_days(self) -> int:
        """How long a first message waits for an answer before a reminder is offered: the config
        file's ``reply_days``, else :data:`alma_contact.cases.REPLY_DAYS`."""
        from .cases import REPLY_DAYS

        return self.config.reply_days or REPLY_DAYS

    def problems(self, lang: str) -> list[Problem]:
        """Why the config file is not used, in ``lang``; empty when it is used (or absent)."""
        return self.config.explain(lang)


def current(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings now: the program's variables in ``environ`` (the process's environment)."""
    env = os.environ if environ is None else environ
    return Settings({name: env[name] for name in VARIABLES if name in env})
