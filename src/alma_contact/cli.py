"""The ``alma-contact`` command: new, check, render, open and copy a draft; no argument starts the app.

Exit codes: 0 done; 1 a file could not be written or read, standard output
is closed, or no mail program or clipboard tool worked (the message says
which); 2 the draft is invalid, the command line is wrong (an output name no
file can have), or the message does not fit the format asked for (a
``mailto:`` link over 2000 characters); 130 interrupted (Ctrl+C), 143 and 129
stopped by SIGTERM and SIGHUP (128 + the signal's number).
Everything heavy is imported inside the command that needs it: Typst only
for a PDF.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import signal
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, BinaryIO, NoReturn

from .i18n import N_, UI_LANGUAGES, detect_ui_language, translate, translations

if TYPE_CHECKING:
    from .errors import Problem
    from .export.save import Writer
    from .model import Draft, Recipient
    from .render import Message

EXIT_OK, EXIT_IO, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMATS = ("text", "json", "eml", "pdf", "mailto")
FORMAT_CHANNEL = {"eml": "email", "mailto": "email", "pdf": "letter"}
"""Formats that make one kind of message: the draft's channel follows them."""
WINDOWS = ("right", "left")
PARTS = ("subject", "body", "all")
CHANNELS = ("email", "letter", "form")
LANGUAGES = ("fr", "nl")
REQUESTS = ("payment_issue", "cancellation", "refund", "installments", "other")
WARNING = N_("Warning: {problem}")


class Failure(Exception):
    """A message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like Ctrl+C, so that a half-written file is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class OutputClosed(Exception):
    """Standard output was closed when the program started (``>&-``): what goes there is lost."""


class _ClosedOutput(io.TextIOBase):
    """Standard output when it was closed at start: writing to it is refused, not silently lost."""

    @property
    def buffer(self) -> _ClosedOutput:
        return self

    def writable(self) -> bool:
        return True

    def write(self, text: object) -> int:
        raise OutputClosed

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class Parser(argparse.ArgumentParser):
    """argparse, with its errors in the interface language and our exit code."""

    ui_lang = "en"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        prefix = translate(self.ui_lang, N_("error:"))
        self.exit(EXIT_INVALID, f"{self.prog}: {prefix} {message}\n")


def _today(lang: str) -> date:
    """Today: the settings' fixed day, else the computer's date; a wrong fixed day is said."""
    from .settings import SettingInvalid, current

    try:
        return current().day()
    except SettingInvalid as invalid:
        raise Failure(invalid.text(lang), EXIT_INVALID) from None


def build_parser(lang: str) -> Parser:
    def _(message: str) -> str:
        return translate(lang, message)

    Parser.ui_lang = lang
    parser = Parser(
        prog="alma-contact",
        description=_(
            N_(
                "Write a precise message to Alma's customer service: an email, a postal letter or the text for the online form, in French or Dutch."
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
        "--version",
        action="version",
        version=f"%(prog)s {_version()}",
        help=_(N_("show program's version number and exit")),
    )
    commands = parser.add_subparsers(dest="command", metavar=_(N_("COMMAND")))
    common = Parser(add_help=False)
    common.add_argument("--ui-lang", choices=UI_LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    new = commands.add_parser(
        "new", parents=[common], help=_(N_("write a draft to fill in, with a comment on every key"))
    )
    new.add_argument("--request", choices=REQUESTS, help=_(N_("what the message is about")))
    new.add_argument(
        "--channel", choices=CHANNELS, default="email", help=_(N_("email, letter or form (default: email)"))
    )
    new.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="fr",
        help=_(N_("language of the message: fr answers fastest, nl can be asked for (default: fr)")),
    )
    new.add_argument(
        "-o",
        "--output",
        default="draft.toml",
        help=_(N_("file to write, - for standard output (default: draft.toml)")),
    )
    new.add_argument("--force", action="store_true", help=_(N_("replace the file if it exists")))

    check = commands.add_parser(
        "check", parents=[common], help=_(N_("validate a draft and show the checklist"))
    )
    check.add_argument("draft", help=_(N_("the draft file (TOML or JSON), - for standard input")))

    render = commands.add_parser("render", parents=[common], help=_(N_("write the message from a draft")))
    render.add_argument("draft", help=_(N_("the draft file (TOML or JSON), - for standard input")))
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
    render.add_argument("--channel", choices=CHANNELS, help=_(N_("override the draft's channel")))
    render.add_argument("--lang", choices=LANGUAGES, help=_(N_("override the draft's message language")))
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
    render.add_argument("--force", action="store_true", help=_(N_("replace the file if it exists")))

    opener = commands.add_parser(
        "open",
        parents=[common],
        help=_(N_("open the email in your mail program (a link: without attachments)")),
    )
    opener.add_argument("draft", help=_(N_("the draft file (TOML or JSON), - for standard input")))
    opener.add_argument("--lang", choices=LANGUAGES, help=_(N_("override the draft's message language")))

    copier = commands.add_parser("copy", parents=[common], help=_(N_("copy the message to the clipboard")))
    copier.add_argument("draft", help=_(N_("the draft file (TOML or JSON), - for standard input")))
    copier.add_argument(
        "--part",
        choices=PARTS,
        default="all",
        help=_(N_("the subject, the body, or all the text (default: all)")),
    )
    copier.add_argument("--channel", choices=CHANNELS, help=_(N_("override the draft's channel")))
    copier.add_argument("--lang", choices=LANGUAGES, help=_(N_("override the draft's message language")))
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _localise_argparse(lang: str) -> None:
    """argparse's own words (usage, errors) come from our catalogue too."""
    argparse._ = translations(lang).gettext  # type: ignore[attr-defined]
    argparse.ngettext = translations(lang).ngettext  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = detect_ui_language(_ui_lang_from(args_list))
    _localise_argparse(lang)
    if argv is None:  # the program itself, not a caller in the same process
        _set_up_streams()
    app = _app_request(args_list)
    if app is not None:
        return start_app(app, lang, debug="--debug" in args_list)
    if argv is None:
        _stop_on_signals()
    # A command runs for a fraction of a second and builds no cycles worth collecting:
    # without the collector it starts a quarter faster, and frozen objects are not
    # collected again when the interpreter exits.
    gc.disable()
    try:
        return _command(args_list, lang)
    finally:
        if argv is None:  # the process ends next; a caller in the same process keeps its collector
            gc.freeze()
        gc.enable()


def _set_up_streams() -> None:
    """Standard streams that cannot fail half-way through what they print.

    Text the terminal's encoding cannot show (``PYTHONIOENCODING=ascii``) is
    written as escapes (``\\xe9``) instead of stopping the program half-way. A
    stream closed at start (``>&-``) gets /dev/null on its number, so that no
    file the program opens takes that number (a child writing to it would write
    into that file); writing to a closed standard output then fails clearly.
    """
    for number, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(number)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDONLY if number == 0 else os.O_WRONLY)
            except OSError:
                continue
            if null != number:
                os.dup2(null, number)
                os.close(null)
            if number == 0:  # read as empty
                sys.stdin = open(number, encoding="utf-8", closefd=False)  # noqa: SIM115
            elif number == 1:
                sys.stdout = _ClosedOutput()
            elif number == 2:
                sys.stderr = open(number, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
            continue
        stream = getattr(sys, name)
        if number and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _stop_on_signals() -> None:
    """TERM and HUP unwind the program as Ctrl+C does: the file being written is removed."""

    def stop(signum: int, _frame: object) -> None:
        for other in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):  # the cleanup is not cut short
            signal.signal(other, signal.SIG_IGN)
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, stop)


def _command(args_list: list[str], lang: str) -> int:
    parser = build_parser(lang)
    args = parser.parse_args(args_list)
    try:
        return _dispatch(args, lang)
    except Failure as failure:
        print(f"alma-contact: {failure}", file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated as stopped:
        return 128 + stopped.signum
    except OutputClosed:
        print(translate(lang, OUTPUT_CLOSED), file=sys.stderr)
        return EXIT_IO
    except BrokenPipeError:  # the reader stopped early (| head): nothing more to say
        _silence_stdout()
        return EXIT_OK
    except Exception:
        if getattr(args, "debug", False):
            raise
        print(translate(lang, UNEXPECTED), file=sys.stderr)
        return EXIT_IO


def _silence_stdout() -> None:
    """After a broken pipe, send what is left to /dev/null so that closing stdout says nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


COMMANDS = ("new", "check", "render", "open", "copy")
OUTPUT_CLOSED = N_(
    "alma-contact: standard output is closed, so nothing could be written there; "
    "give -o FILE, or leave standard output open."
)
NO_TERMINAL = N_(
    "alma-contact: the app needs a terminal. Without one, use the commands: "
    "alma-contact new, check and render (alma-contact --help lists them)."
)
UNEXPECTED = N_(
    "alma-contact: an unexpected error stopped the program; nothing was written. "
    "Run again with --debug for the details, and please report it."
)
_GLOBAL_FLAGS = ("--debug",)


def _app_request(args: list[str]) -> list[str] | None:
    """``[]`` or ``[DRAFT]`` when the app is asked for (no command), None otherwise."""
    positional: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == "--ui-lang":
            skip = True
        elif arg.startswith("--ui-lang=") or arg in _GLOBAL_FLAGS:
            continue
        elif arg.startswith("-") and arg != "-":
            return None  # --help, --version or a mistake: argparse answers
        else:
            positional.append(arg)
    if not positional:
        return []
    if positional[0] in COMMANDS or len(positional) > 1:
        return None
    return positional


def start_app(app_args: list[str], lang: str, *, debug: bool = False) -> int:
    """The terminal app, on a draft file or a new one; it needs a terminal."""
    from pathlib import Path

    draft = Path(app_args[0]) if app_args else None
    if draft is not None and not draft.is_file():
        problem = N_("“{name}” is neither a command ({commands}) nor a draft file.")
        prefix = translate(lang, N_("error:"))
        text = translate(lang, problem, name=_shown(draft, PATH_LIMIT), commands=", ".join(COMMANDS))
        print(f"alma-contact: {prefix} {text}", file=sys.stderr)
        return EXIT_INVALID
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(translate(lang, NO_TERMINAL), file=sys.stderr)
        return EXIT_INVALID
    from .settings import SettingInvalid, current
    from .tui import run

    try:
        today = current().today
    except SettingInvalid as invalid:
        print(f"alma-contact: {invalid.text(lang)}", file=sys.stderr)
        return EXIT_INVALID
    try:
        return run(draft, lang, today=today)
    except Exception:
        if debug:
            raise
        print(translate(lang, UNEXPECTED), file=sys.stderr)
        return EXIT_IO


def _ui_lang_from(args: list[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg.startswith("--ui-lang="):
            return arg.split("=", 1)[1]
        if arg == "--ui-lang" and index + 1 < len(args):
            return args[index + 1]
    return None


def _dispatch(args: argparse.Namespace, lang: str) -> int:
    if args.command == "new":
        return cmd_new(args, lang)
    if args.command == "check":
        return cmd_check(args, lang)
    if args.command == "render":
        return cmd_render(args, lang)
    if args.command == "open":
        return cmd_open(args, lang)
    if args.command == "copy":
        return cmd_copy(args, lang)
    build_parser(lang).print_help()
    return EXIT_OK


# --- commands -----------------------------------------------------------------


def _load(source: str, lang: str, args: argparse.Namespace | None = None) -> Draft:
    """The draft at ``source``, with the ``--channel`` and ``--lang`` of ``args`` put in the
    document before it is checked (a letter still needs an address)."""
    from .drafts import DraftInvalid, load

    overrides: dict[str, object] = {}
    for option, key in (("channel", "channel"), ("lang", "language")):
        value = getattr(args, option, None)
        if value:
            overrides[key] = value
    try:
        return load(source, today=_today(lang), overrides=overrides)
    except DraftInvalid as invalid:
        raise Failure(_problem_report(source, invalid.problems(lang), lang), EXIT_INVALID) from None


def _problem_report(source: str, problems: list[Problem], lang: str) -> str:
    """One line per wrong key under a header; a file-level problem stands alone."""
    if len(problems) == 1 and not problems[0].key:
        return _safe(problems[0].message)
    header = translate(
        lang, N_("{name} cannot be used yet; fix these keys:"), name=_shown(source, PATH_LIMIT)
    )
    return "\n".join([header, *(f"  {_safe(str(p))}" for p in problems)])


def _safe(text: str) -> str:
    """Text echoed to the terminal: no control characters can reach it from a file."""
    return "".join(c if c.isprintable() or c in "\n\t\u00a0\u202f" else repr(c)[1:-1] for c in text)


SHOWN_LIMIT = 80
"""Characters of a value the user gave that are echoed back; the middle of a longer one is cut."""
PATH_LIMIT = 200
"""The same for a path, which a person needs whole to find the file (and which is rarely longer)."""


def _shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A path or value the user gave, as echoed on one line: cut in the middle, every control escaped."""
    from .errors import escaped

    text = str(value)
    if len(text) > limit:
        keep = limit - 1
        text = text[: keep - keep // 2] + "…" + text[len(text) - keep // 2 :]
    return escaped(text)


def _save(data: bytes | Writer, output: str, force: bool, lang: str) -> None:
    from .export.save import AttachmentUnreadable, SaveError, save

    try:
        written = save(data, output, force=force)
    except SaveError as error:
        shown = {
            key: _shown(value, PATH_LIMIT) if isinstance(value, str) else value
            for key, value in error.params.items()
        }
        code = EXIT_INVALID if error.wrong_name else EXIT_IO
        raise Failure(translate(lang, error.message, **shown), code) from None
    except AttachmentUnreadable as error:
        raise Failure(
            translate(lang, error.message, name=_shown(error.name, PATH_LIMIT), reason=error.reason), EXIT_IO
        ) from None
    if written is not None:
        print(translate(lang, N_("Written: {path}"), path=_shown(written, PATH_LIMIT)), file=sys.stderr)


def cmd_new(args: argparse.Namespace, lang: str) -> int:
    from .skeleton import skeleton

    text = skeleton(request=args.request, channel=args.channel, language=args.lang, ui_lang=lang)
    _save(text.encode("utf-8"), args.output, args.force, lang)
    if args.output != "-":
        print(
            translate(
                lang,
                N_("Fill it in, then run: alma-contact check {path}"),
                path=_shown(args.output, PATH_LIMIT),
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, lang: str) -> int:
    from .checks import checklist, warnings

    draft = _load(args.draft, lang)
    config, _problems = _user_config(lang, tell=True)
    print(translate(lang, N_("The draft is valid.")))
    print()
    for item in checklist(draft, lang):
        mark = "✓" if item.ok else "!"
        print(mark, translate(lang, N_("{label}: {detail}"), label=item.label, detail=_safe(item.detail)))
    found = warnings(draft, lang, config)
    if found:
        print()
        print(translate(lang, N_("Worth a look:")))
        for problem in found:
            print(f"  - {_safe(str(problem))}")
    return EXIT_OK


def cmd_render(args: argparse.Namespace, lang: str) -> int:
    _channel_for_format(args, lang)
    if args.format == "pdf" and args.output == "-" and sys.stdout.isatty():
        raise Failure(
            translate(lang, N_("a PDF cannot be shown in the terminal: add -o letter.pdf to save it.")),
            EXIT_INVALID,
        )
    draft = _load(args.draft, lang, args)
    if args.registered and draft.channel != "letter":
        raise Failure(
            translate(lang, N_("--registered is for letters: add --channel letter, or --format pdf.")),
            EXIT_INVALID,
        )
    from .render import build

    config, config_problems = _user_config(lang, tell=args.format != "json")  # json lists them
    if args.format != "json":  # json lists them among its warnings
        _tell_exposure(draft, lang, config)
    message = build(draft, today=_today(lang), config=config, registered=args.registered)
    data: bytes | Writer
    if args.format == "json":
        from .checks import warnings
        from .export.json import message_json

        data = message_json(message, [*config_problems, *warnings(draft, lang, config)])
    elif args.format == "pdf":
        from .export.pdf import render_pdf

        data = render_pdf(message, window=args.window, registered=args.registered, today=_today(lang))
    elif args.format == "eml":
        data = _eml(message, draft, lang)
    elif args.format == "mailto":
        data = (_link(message, lang) + "\n").encode("ascii")
    else:
        data = message.text.encode("utf-8")
    _save(data, args.output, args.force, lang)
    if args.format == "pdf":
        print(translate(lang, N_("Check the address before you post the letter:")), file=sys.stderr)
        for line in message.recipient:
            print(f"  {_safe(line)}", file=sys.stderr)
    return EXIT_OK


def _channel_for_format(args: argparse.Namespace, lang: str) -> None:
    """An email format makes an email, a PDF makes a letter, whatever the draft's channel."""
    wanted = FORMAT_CHANNEL.get(args.format)
    if wanted is None:
        return
    if args.channel and args.channel != wanted:
        if wanted == "letter":
            problem = N_("--format pdf prints a letter: leave out --channel, or write --channel letter.")
        else:
            problem = N_("--format {format} makes an email: leave out --channel, or write --channel email.")
        raise Failure(translate(lang, problem, format=args.format), EXIT_INVALID)
    args.channel = wanted


def _eml(message: Message, draft: Draft, lang: str) -> Writer:
    """A writer of the .eml file (the evidence is streamed); warns when the files are too big."""
    from .checks import size_warning
    from .export.eml import attachments_size, write_eml

    too_big = size_warning(attachments_size(message), lang)
    if too_big is not None:
        print(translate(lang, WARNING, problem=too_big), file=sys.stderr)
    customer = draft.customer

    def write(stream: BinaryIO) -> None:
        write_eml(message, stream, name=customer.full_name, address=customer.email)

    return write


def _link(message: Message, lang: str) -> str:
    from .export.mailto import LinkTooLong, message_link

    try:
        return message_link(message)
    except LinkTooLong as error:
        raise Failure(
            translate(lang, error.message, length=error.length, limit=error.limit), EXIT_INVALID
        ) from None


def _email_message(args: argparse.Namespace, lang: str) -> Message:
    draft = _load(args.draft, lang, args)
    from .render import build

    config, _problems = _user_config(lang, tell=True)
    _tell_exposure(draft, lang, config)
    return build(draft, today=_today(lang), config=config)


def _tell_exposure(draft: Draft, lang: str, config: Recipient) -> None:
    """Before anything is written or sent: an unusual recipient, files from unusual places."""
    from .checks import exposure

    for problem in exposure(draft, lang, config):
        print(translate(lang, WARNING, problem=_safe(str(problem))), file=sys.stderr)


def _user_config(lang: str, *, tell: bool) -> tuple[Recipient, list[Problem]]:
    """The [recipient] of the user's config file; its problems are said on stderr when ``tell``."""
    from .contacts import user_recipient

    config, problems = user_recipient(lang)
    if tell and problems:
        print(translate(lang, N_("alma-contact: your config file was not used:")), file=sys.stderr)
        for problem in problems:
            print(f"  {_safe(str(problem))}", file=sys.stderr)
    return config, problems


def cmd_open(args: argparse.Namespace, lang: str) -> int:
    args.channel = "email"
    draft = _load(args.draft, lang, args)
    from .export.mailto import LinkTooLong, message_link, open_link
    from .render import build

    config, _problems = _user_config(lang, tell=True)
    _tell_exposure(draft, lang, config)
    message = build(draft, today=_today(lang), config=config)
    try:
        link = message_link(message)
    except LinkTooLong as error:
        return _open_eml(message, draft, lang, error.length)
    opened = open_link(link)
    if opened.tool is None:
        print(
            translate(
                lang,
                N_(
                    "alma-contact: no program could open the link ({detail}). Paste this link in your "
                    "browser's address bar, or save the email with --format eml:"
                ),
                detail=_safe(opened.problem_text(lang)),
            ),
            file=sys.stderr,
        )
        print(link)
        return EXIT_IO
    print(translate(lang, N_("The message is open in your mail program ({tool})."), tool=opened.tool))
    if message.attachments:
        print(
            translate(
                lang,
                N_("A link cannot carry attachments: attach these files yourself before sending:"),
            )
        )
        for attachment in message.attachments:
            print(f"  {_shown(attachment.path, PATH_LIMIT)}")
        print(
            translate(
                lang,
                N_(
                    "Or save the email with the files attached: alma-contact render {draft} --format eml -o message.eml"
                ),
                draft=_shown(args.draft, PATH_LIMIT),
            )
        )
    else:
        print(translate(lang, N_("A link cannot carry attachments; this message has none.")))
    return EXIT_OK


def _open_eml(message: Message, draft: Draft, lang: str, length: int) -> int:
    """A message too long for a link: the .eml, in a private folder, opened by the system.

    The file stays after the command ends (the mail program reads it then);
    the user is told where it is and that it may be deleted once sent.
    """
    import tempfile
    from pathlib import Path

    from .export.mailto import LINK_LIMIT, open_link

    folder = Path(tempfile.mkdtemp(prefix="alma-contact-"))  # mode 0700: the user's only
    path = folder / "message.eml"
    _save(_eml(message, draft, lang), str(path), False, lang)
    opened = open_link(str(path))
    if opened.tool is None:
        print(
            translate(
                lang,
                N_(
                    "alma-contact: no program could open the email ({detail}). It is saved, with its "
                    "files attached, as {path}: open that file in your mail program."
                ),
                detail=_safe(opened.problem_text(lang)),
                path=_safe(str(path)),
            ),
            file=sys.stderr,
        )
        return EXIT_IO
    print(
        translate(
            lang,
            N_(
                "The message is too long for a link ({length} characters; mail programs cut links "
                "over {limit}), so it was saved as an email, with its files attached, in {path} "
                "(readable by you only) and opened with {tool}. Delete that file once the email is sent."
            ),
            length=length,
            limit=LINK_LIMIT,
            path=_safe(str(path)),
            tool=opened.tool,
        )
    )
    return EXIT_OK


def cmd_copy(args: argparse.Namespace, lang: str) -> int:
    message = _email_message(args, lang)
    text = {"subject": message.subject, "body": message.body, "all": message.text}[args.part]
    from .export.clipboard import TOOLS, copy

    result = copy(text)
    if result.tool is not None:
        done = {
            "subject": N_("The subject is on the clipboard (copied with {tool})."),
            "body": N_("The body of the message is on the clipboard (copied with {tool})."),
            "all": N_("The whole message is on the clipboard (copied with {tool})."),
        }[args.part]
        print(translate(lang, done, tool=result.tool))
        return EXIT_OK
    if result.attempts:
        tried = "; ".join(f"{a.tool}: {_safe(a.text(lang))}" for a in result.attempts)
        print(
            translate(lang, N_("alma-contact: no clipboard tool worked ({tried})."), tried=tried),
            file=sys.stderr,
        )
    else:
        print(
            translate(
                lang,
                N_("alma-contact: no clipboard tool was found ({tools}), or there is no display."),
                tools=", ".join(tool.name for tool in TOOLS),
            ),
            file=sys.stderr,
        )
    print(
        translate(
            lang,
            N_(
                "Save the text to a file instead, and copy it from there: alma-contact render {draft} -o message.txt"
            ),
            draft=_shown(args.draft, PATH_LIMIT),
        ),
        file=sys.stderr,
    )
    return EXIT_IO
