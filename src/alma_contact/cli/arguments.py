"""The command line's options and commands, and the first look that tells the app from a command."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from .. import languages, registry
from ..i18n import N_, UI_LANGUAGES, translate
from ..settings import DATA_VARIABLE, PLAIN_VARIABLE
from .translated import Parser

CHANNELS = registry.channel_values()
LANGUAGES = languages.codes()
REQUESTS = tuple(registry.REQUESTS)

COMMANDS = ("new", "check", "render", "open", "copy", "drafts", "sent", "case")
FORMATS = ("text", "json", "eml", "pdf", "mailto")
FORMAT_CHANNEL = {"eml": "email", "mailto": "email", "pdf": "letter"}
"""Formats that make one kind of message: the draft's channel follows them."""
WINDOWS = ("right", "left")
PARTS = ("subject", "body", "all")


@dataclass(frozen=True)
class FirstLook:
    """What the command line asks for before the full parser reads it."""

    ui_lang: str | None = None
    """``--ui-lang``, when it is given and is one of the interface languages."""
    debug: bool = False
    app: bool = False
    """No command: the terminal app, on :attr:`draft` or on a new draft."""
    draft: str | None = None
    data_dir: str | None = None
    """``--data-dir``: the folder of the draft store, for this run."""
    plain: bool = False
    """``--plain``: the questions line by line, without the full-screen app."""


class _NotForTheApp(Exception):
    """The first look cannot read the arguments: the full parser says what is wrong."""


class _FirstLookParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotForTheApp(message)


def first_look(args: list[str]) -> FirstLook:
    """``--ui-lang`` and ``--debug`` wherever they are, and whether the app is asked for.

    The app is asked for when nothing but those two options and at most one
    word that is not a command is given (``alma-contact``, ``alma-contact
    draft.toml --debug``). Anything else (a command, ``--help``, ``--version``,
    a mistake) is the full parser's (:func:`build_parser`): argparse reads the
    arguments both times, by the same rules.
    """
    parser = _FirstLookParser(add_help=False)
    parser.add_argument("--ui-lang", choices=UI_LANGUAGES)
    parser.add_argument("--debug", action="store_true")
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("words", nargs="*")
    try:
        known, others = parser.parse_known_args(args)
    except _NotForTheApp:
        return FirstLook()
    words: list[str] = known.words
    app = not others and (not words or (len(words) == 1 and words[0] not in COMMANDS))
    return FirstLook(
        ui_lang=known.ui_lang,
        debug=known.debug,
        plain=known.plain,
        data_dir=known.data_dir or None,
        app=app,
        draft=words[0] if app and words else None,
    )


def build_parser(lang: str, wanted: str | None = None) -> Parser:
    """Every option and command, with its help in the interface language ``lang``; given the
    command the line names (``wanted``), the other commands' own actions are left out where they are many
    (``case``: listed, but its actions are only built to be run)."""

    def _(message: str) -> str:
        return translate(lang, message)

    parser = Parser(
        prog="alma-contact",
        ui_lang=lang,
        description=_(
            N_(
                "Write a precise message to Alma's customer service: an email, a postal letter or the text for the online form, in French, Dutch or German."
            )
        ),
        epilog=_(N_("Without a command, the terminal app starts.")),
    )
    parser.add_argument(
        "--ui-lang",
        choices=UI_LANGUAGES,
        help=_(N_("language of this program's messages (default: from LANG)")),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help=_(N_("show the full error report when something unexpected fails")),
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help=translate(
            lang,
            N_(
                "ask the questions one line at a time, without the full-screen app (for screen readers "
                "and simple terminals; also when TERM=dumb or {variable}=1)"
            ),
            variable=PLAIN_VARIABLE,
        ),
    )
    parser.add_argument(
        "--data-dir",
        metavar=_(N_("FOLDER")),
        help=translate(
            lang,
            N_("folder of the draft store, for this run (default: {variable}, else your data folder)"),
            variable=DATA_VARIABLE,
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help=_(N_("show program's version number and exit")),
    )
    commands = parser.add_subparsers(dest="command", metavar=_(N_("COMMAND")))
    common = Parser(add_help=False, ui_lang=lang)
    common.add_argument("--ui-lang", choices=UI_LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    def command(name: str, help: str) -> Parser:
        return commands.add_parser(name, parents=[common], help=help, ui_lang=lang)

    def draft_file(parser: Parser) -> None:
        parser.add_argument(
            "draft",
            help=_(
                N_("the draft file (TOML or JSON), - for standard input, or @NUMBER for a draft of the store")
            ),
        )

    def overrides(parser: Parser, *, channel: bool = True) -> None:
        if channel:
            parser.add_argument("--channel", choices=CHANNELS, help=_(N_("override the draft's channel")))
        parser.add_argument("--lang", choices=LANGUAGES, help=_(N_("override the draft's message language")))

    def force(parser: Parser) -> None:
        parser.add_argument("--force", action="store_true", help=_(N_("replace the file if it exists")))

    new = command("new", _(N_("write a draft to fill in, with a comment on every key")))
    new.add_argument("--request", choices=REQUESTS, help=_(N_("what the message is about")))
    new.add_argument(
        "--channel",
        choices=CHANNELS,
        default=CHANNELS[0],
        help=translate(
            lang,
            N_("how you send it: {choices} (default: {default})"),
            choices=registry.listed(registry.CHANNELS, lang),
            default=CHANNELS[0],
        ),
    )
    new.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=languages.DEFAULT,
        help=translate(
            lang,
            N_("language of the message: {choices} (default: {default})"),
            choices=registry.listed(languages.choices(), lang),
            default=languages.DEFAULT,
        ),
    )
    new.add_argument(
        "-o",
        "--output",
        default="draft.toml",
        help=_(N_("file to write, - for standard output (default: draft.toml)")),
    )
    force(new)

    check = command("check", _(N_("validate a draft and show the checklist")))
    draft_file(check)

    render = command("render", _(N_("write the message from a draft")))
    draft_file(render)
    render.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=_(
            N_(
                "text to copy; json for other programs; eml, an email with your files attached that "
                "mail programs open as a draft; pdf, the letter to print; mailto, a link that opens "
                "your mail program (default: text)"
            )
        ),
    )
    overrides(render)
    render.add_argument(
        "--window",
        choices=WINDOWS,
        default="right",
        help=_(
            N_(
                "PDF letter: the envelope's address window, right (about 110 mm from the left edge, "
                "50 mm from the top, as in France and Belgium) or left (DIN 5008: 20 mm from the left, "
                "45 mm from the top) (default: right)"
            )
        ),
    )
    render.add_argument(
        "--registered",
        action="store_true",
        help=_(N_("letter: add the registered letter mention above the address")),
    )
    render.add_argument(
        "-o", "--output", default="-", help=_(N_("file to write, - for standard output (default)"))
    )
    force(render)

    opener = command("open", _(N_("open the email in your mail program (a link: without attachments)")))
    draft_file(opener)
    overrides(opener, channel=False)  # an email, always

    copier = command("copy", _(N_("copy the message to the clipboard")))
    draft_file(copier)
    copier.add_argument(
        "--part",
        choices=PARTS,
        default="all",
        help=_(N_("the subject, the body, or all the text (default: all)")),
    )
    overrides(copier)

    drafts = command("drafts", _(N_("the drafts kept in the store: list, show, export, import, delete")))
    actions = drafts.add_subparsers(dest="action", metavar=_(N_("ACTION")))

    def action(name: str, help: str) -> Parser:
        return actions.add_parser(name, parents=[common], help=help, ui_lang=lang)

    def draft_ref(parser: Parser) -> None:
        parser.add_argument(
            "ref", metavar="ID", help=_(N_("the draft's number, as the list shows it (3 or @3)"))
        )

    listing = action("list", _(N_("list the drafts, the last changed first")))
    listing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_(N_("text to read, or json (default: text)")),
    )
    draft_ref(action("show", _(N_("show a draft"))))
    exporter = action("export", _(N_("write a draft as a draft file, to move it or keep it")))
    draft_ref(exporter)
    exporter.add_argument(
        "-o", "--output", default="-", help=_(N_("file to write, - for standard output (default)"))
    )
    force(exporter)
    importer = action("import", _(N_("add a draft file to the store")))
    importer.add_argument("file", help=_(N_("the draft file (TOML or JSON), - for standard input")))
    deleter = action("delete", _(N_("delete a draft, or every draft with --all")))
    deleter.add_argument(
        "ref", metavar="ID", nargs="?", help=_(N_("the draft's number, as the list shows it (3 or @3)"))
    )
    deleter.add_argument("--all", action="store_true", help=_(N_("delete every draft of the store")))
    deleter.add_argument("--yes", action="store_true", help=_(N_("do not ask first")))
    _case_commands(command, lang, common, actions_too=wanted in (None, "case"))
    return parser


def _case_commands(
    command: Callable[[str, str], Parser], lang: str, common: Parser, *, actions_too: bool = True
) -> None:
    """``sent`` and ``case``: the requests that were sent, their follow-up and their case file."""

    def _(message: str) -> str:
        return translate(lang, message)

    def case_ref(parser: Parser) -> None:
        parser.add_argument(
            "ref", metavar="ID", help=_(N_("the request's number, as the list shows it (3 or @3)"))
        )

    def day(parser: Parser, help: str) -> None:
        parser.add_argument("--date", metavar=_(N_("DATE")), help=help)

    def debited(parser: Parser) -> None:
        parser.add_argument(
            "--debited",
            metavar=_(N_("AMOUNT")),
            help=_(
                N_(
                    "a cancellation or a refund: what Alma has debited for the purchase by now, such as"
                    " 449,97 (the message claims from it)"
                )
            ),
        )

    def debit_failed(parser: Parser) -> None:
        parser.add_argument(
            "--debit-failed",
            action="store_true",
            help=_(
                N_(
                    "a reminder of a change of card or of date, once every instalment has fallen due: the"
                    " debit asked about failed (the reminder says so instead of asking it)"
                )
            ),
        )

    sent = command(
        "sent",
        _(N_("record that a draft was sent (it becomes a request to follow), or the next message of one")),
    )
    sent.add_argument("ref", metavar="ID", help=_(N_("the draft's number, as the list shows it (3 or @3)")))
    day(sent, _(N_("the day it was sent, such as 26/11/2026 (default: today)")))
    sent.add_argument(
        "--channel", choices=CHANNELS, help=_(N_("how it was sent (default: the draft's channel)"))
    )
    sent.add_argument(
        "--kind",
        choices=registry.FOLLOW_UPS,
        help=_(
            N_(
                "for a request already sent: the reminder or the formal notice sent since (default: the next one)"
            )
        ),
    )
    sent.add_argument("--registered", action="store_true", help=_(N_("a letter sent registered")))
    debited(sent)
    debit_failed(sent)

    case = command("case", _(N_("your requests: list, show, next message, note an answer, close, export")))
    if not actions_too:
        return
    actions = case.add_subparsers(dest="action", metavar=_(N_("ACTION")))

    def action(name: str, help: str) -> Parser:
        return actions.add_parser(name, parents=[common], help=help, ui_lang=lang)

    listing = action("list", _(N_("list your requests, their state and what to do next")))
    listing.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=_(N_("text to read, or json (default: text)")),
    )
    listing.add_argument(
        "--days",
        type=int,
        metavar="N",
        help=_(N_("days to wait for an answer to a first message before a reminder (default: 10)")),
    )
    case_ref(action("show", _(N_("show a request: its messages as sent, the answers, what to do next"))))

    nxt = action("next", _(N_("write the next message of a request: a reminder or a formal notice")))
    case_ref(nxt)
    nxt.add_argument(
        "--kind", choices=registry.FOLLOW_UPS, help=_(N_("reminder or formal_notice (default: the next one)"))
    )
    nxt.add_argument(
        "--channel",
        choices=CHANNELS,
        help=_(N_("how you send it (default: as before; a formal notice by letter)")),
    )
    nxt.add_argument(
        "--lang", choices=LANGUAGES, help=_(N_("language of the message (default: the first message's)"))
    )
    nxt.add_argument(
        "--format",
        choices=("text", "json", "eml", "pdf"),
        default="text",
        help=_(N_("text, json, eml (an email with your files attached) or pdf (the letter) (default: text)")),
    )
    nxt.add_argument(
        "--deadline-days",
        type=int,
        metavar="N",
        help=_(
            N_("the deadline given, in days (default: the first message's; 8 for a formal notice; 0: none)")
        ),
    )
    nxt.add_argument(
        "--window",
        choices=WINDOWS,
        default="right",
        help=_(N_("PDF letter: the envelope's address window (default: right)")),
    )
    nxt.add_argument(
        "--registered",
        action="store_true",
        default=None,
        help=_(N_("letter: sent registered (a formal notice is, by default)")),
    )
    nxt.add_argument(
        "--not-registered", dest="registered", action="store_false", help=_(N_("letter: not sent registered"))
    )
    debited(nxt)
    debit_failed(nxt)
    nxt.add_argument(
        "-o", "--output", default="-", help=_(N_("file to write, - for standard output (default)"))
    )
    nxt.add_argument("--force", action="store_true", help=_(N_("replace the file if it exists")))

    note = action("note", _(N_("note an answer received, with its file if you have one")))
    case_ref(note)
    note.add_argument("text", help=_(N_("what the answer says, in a few words")))
    note.add_argument(
        "--file", metavar=_(N_("FILE")), help=_(N_("the answer's email (.eml) or letter (PDF, image)"))
    )
    day(note, _(N_("the day the answer came, such as 2/12/2026 (default: today)")))

    close = action("close", _(N_("close a request as answered, solved or refused")))
    case_ref(close)
    close.add_argument(
        "--as", dest="state", required=True, choices=registry.CLOSED_AS, help=_(N_("how it ended"))
    )
    close.add_argument("--note", default="", help=_(N_("a note on how it ended")))

    exporter = action("export", _(N_("write the case file: the messages, the answers and the evidence list")))
    case_ref(exporter)
    exporter.add_argument(
        "--format",
        choices=("pdf", "md", "zip"),
        default="pdf",
        help=_(N_("pdf, md (Markdown), or zip (the PDF with every evidence and answer file) (default: pdf)")),
    )
    exporter.add_argument("-o", "--output", required=True, help=_(N_("file to write")))
    exporter.add_argument("--force", action="store_true", help=_(N_("replace the file if it exists")))

    deleter = action("delete", _(N_("delete a request, what it recorded and its draft")))
    case_ref(deleter)
    deleter.add_argument("--yes", action="store_true", help=_(N_("do not ask first")))


def _version() -> str:
    from .. import __version__

    return __version__
