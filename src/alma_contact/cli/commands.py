"""What each command does: new, check, render, open and copy a draft.

Everything heavy is imported inside the command that needs it: Typst only
for a PDF.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from ..i18n import N_, translate
from .arguments import FORMAT_CHANNEL, build_parser
from .exits import EXIT_INVALID, EXIT_IO, EXIT_OK, Failure
from .shown import PATH_LIMIT, problem_report, safe, shown

if TYPE_CHECKING:
    from ..errors import Problem
    from ..export.save import Writer
    from ..model import Draft, Recipient
    from ..render import Message
    from ..settings import Settings

WARNING = N_("Warning: {problem}")


def run(args: argparse.Namespace, lang: str) -> int:
    """The exit code of the command ``args`` names; without one, the help."""
    command = BY_NAME.get(args.command)
    if command is None:
        build_parser(lang).print_help()
        return EXIT_OK
    return command(args, lang)


# --- what the commands share ----------------------------------------------------


def _settings(lang: str) -> Settings:
    """The settings, with a wrong fixed day (a setting) said before any work is done."""
    from ..settings import SettingInvalid, current

    settings = current()
    try:
        _ = settings.today
    except SettingInvalid as invalid:
        raise Failure(invalid.text(lang), EXIT_INVALID) from None
    return settings


def _load(args: argparse.Namespace, lang: str, settings: Settings) -> Draft:
    """The draft ``args.draft``, with the ``--channel`` and ``--lang`` the command line gives
    put in the document before it is checked (a letter still needs an address)."""
    from ..drafts import DraftInvalid, load

    overrides: dict[str, object] = {}
    for option, key in (("channel", "channel"), ("lang", "language")):
        value = getattr(args, option, None)
        if value:
            overrides[key] = value
    try:
        if args.draft.startswith("@"):
            from .drafts import stored_draft

            return stored_draft(args.draft, lang, settings, overrides)
        return load(args.draft, today=settings.day(), overrides=overrides)
    except DraftInvalid as invalid:
        raise Failure(problem_report(args.draft, invalid.problems(lang), lang), EXIT_INVALID) from None


def _save(data: bytes | Writer, output: str, force: bool, lang: str) -> None:
    from ..export.save import AttachmentUnreadable, SaveError, save

    try:
        written = save(data, output, force=force)
    except SaveError as error:
        params = {
            key: shown(value, PATH_LIMIT) if isinstance(value, str) else value
            for key, value in error.params.items()
        }
        code = EXIT_INVALID if error.wrong_name else EXIT_IO
        raise Failure(translate(lang, error.message, **params), code) from None
    except AttachmentUnreadable as error:
        raise Failure(
            translate(lang, error.message, name=shown(error.name, PATH_LIMIT), reason=error.reason), EXIT_IO
        ) from None
    if written is not None:
        print(translate(lang, N_("Written: {path}"), path=shown(written, PATH_LIMIT)), file=sys.stderr)


def _user_config(settings: Settings, lang: str, *, tell: bool) -> tuple[Recipient, list[Problem]]:
    """The [recipient] of the user's config file; its problems are said on stderr when ``tell``."""
    config, problems = settings.recipient, settings.problems(lang)
    if tell and problems:
        print(translate(lang, N_("alma-contact: your config file was not used:")), file=sys.stderr)
        for problem in problems:
            print(f"  {safe(str(problem))}", file=sys.stderr)
    return config, problems


def _tell_exposure(draft: Draft, lang: str, config: Recipient) -> None:
    """Before anything is written or sent: an unusual recipient, files from unusual places."""
    from ..checks import exposure

    for problem in exposure(draft, lang, config):
        print(translate(lang, WARNING, problem=safe(str(problem))), file=sys.stderr)


def _email_message(args: argparse.Namespace, lang: str) -> tuple[Message, Draft]:
    """The message of the draft ``args`` names, once what it exposes is said."""
    from ..render import build

    settings = _settings(lang)
    draft = _load(args, lang, settings)
    config, _problems = _user_config(settings, lang, tell=True)
    _tell_exposure(draft, lang, config)
    return build(draft, today=settings.day(), config=config), draft


def _eml(message: Message, draft: Draft, lang: str) -> Writer:
    """A writer of the .eml file (the evidence is streamed); warns when the files are too big."""
    from ..checks import size_warning
    from ..export.eml import attachments_size, write_eml

    too_big = size_warning(attachments_size(message), lang)
    if too_big is not None:
        print(translate(lang, WARNING, problem=too_big), file=sys.stderr)
    customer = draft.customer

    def write(stream: BinaryIO) -> None:
        write_eml(message, stream, name=customer.full_name, address=customer.email)

    return write


def _link(message: Message, lang: str) -> str:
    from ..export.mailto import LinkTooLong, message_link

    try:
        return message_link(message)
    except LinkTooLong as error:
        raise Failure(
            translate(lang, error.message, length=error.length, limit=error.limit), EXIT_INVALID
        ) from None


# --- the commands ---------------------------------------------------------------


def cmd_new(args: argparse.Namespace, lang: str) -> int:
    from ..skeleton import skeleton

    text = skeleton(request=args.request, channel=args.channel, language=args.lang, ui_lang=lang)
    _save(text.encode("utf-8"), args.output, args.force, lang)
    if args.output != "-":
        print(
            translate(
                lang,
                N_("Fill it in, then run: alma-contact check {path}"),
                path=shown(args.output, PATH_LIMIT),
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, lang: str) -> int:
    from ..checks import checklist, warnings

    settings = _settings(lang)
    draft = _load(args, lang, settings)
    config, _problems = _user_config(settings, lang, tell=True)
    print(translate(lang, N_("The draft is valid.")))
    print()
    for item in checklist(draft, lang):
        mark = "✓" if item.ok else "!"
        print(mark, translate(lang, N_("{label}: {detail}"), label=item.label, detail=safe(item.detail)))
    found = warnings(draft, lang, config)
    if found:
        print()
        print(translate(lang, N_("Worth a look:")))
        for problem in found:
            print(f"  - {safe(str(problem))}")
    return EXIT_OK


def cmd_render(args: argparse.Namespace, lang: str) -> int:
    fit_format(args, lang)
    settings = _settings(lang)
    draft = _load(args, lang, settings)
    if args.registered and draft.channel != "letter":
        raise Failure(
            translate(lang, N_("--registered is for letters: add --channel letter, or --format pdf.")),
            EXIT_INVALID,
        )
    from ..render import build

    config, config_problems = _user_config(settings, lang, tell=args.format != "json")  # json lists them
    if args.format != "json":  # json lists them among its warnings
        _tell_exposure(draft, lang, config)
    message = build(draft, today=settings.day(), config=config, registered=args.registered)
    return emit(message, draft, args, lang, settings, config, config_problems)


def emit(
    message: Message,
    draft: Draft,
    args: argparse.Namespace,
    lang: str,
    settings: Settings,
    config: Recipient,
    config_problems: list[Problem],
) -> int:
    """Write ``message`` in the format ``args.format`` to ``args.output`` (``render`` and ``case next``)."""
    data: bytes | Writer
    if args.format == "json":
        from ..checks import warnings
        from ..export.json import message_json

        data = message_json(message, [*config_problems, *warnings(draft, lang, config)])
    elif args.format == "pdf":
        from ..export.pdf import render_pdf

        registered = bool(message.extra.get("registered"))
        data = render_pdf(message, window=args.window, registered=registered, today=settings.day())
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
            print(f"  {safe(line)}", file=sys.stderr)
    return EXIT_OK


def fit_format(args: argparse.Namespace, lang: str) -> None:
    """The channel the format makes (:func:`_channel_for_format`); a PDF is not written to a terminal
    (``render`` and ``case next``)."""
    _channel_for_format(args, lang)
    if args.format == "pdf" and args.output == "-" and sys.stdout.isatty():
        raise Failure(
            translate(lang, N_("a PDF cannot be shown in the terminal: add -o letter.pdf to save it.")),
            EXIT_INVALID,
        )


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


def cmd_open(args: argparse.Namespace, lang: str) -> int:
    from ..export.mailto import LinkTooLong, message_link, open_link

    args.channel = "email"
    message, draft = _email_message(args, lang)
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
                detail=safe(opened.problem_text(lang)),
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
            print(f"  {shown(attachment.path, PATH_LIMIT)}")
        print(
            translate(
                lang,
                N_(
                    "Or save the email with the files attached: alma-contact render {draft} --format eml -o message.eml"
                ),
                draft=shown(args.draft, PATH_LIMIT),
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

    from ..export.mailto import LINK_LIMIT, open_link

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
                detail=safe(opened.problem_text(lang)),
                path=safe(str(path)),
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
            path=safe(str(path)),
            tool=opened.tool,
        )
    )
    return EXIT_OK


def cmd_copy(args: argparse.Namespace, lang: str) -> int:
    message, _draft = _email_message(args, lang)
    text = {"subject": message.subject, "body": message.body, "all": message.text}[args.part]
    from ..export.clipboard import TOOLS, copy

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
        tried = "; ".join(f"{a.tool}: {safe(a.text(lang))}" for a in result.attempts)
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
            draft=shown(args.draft, PATH_LIMIT),
        ),
        file=sys.stderr,
    )
    return EXIT_IO


def cmd_drafts(args: argparse.Namespace, lang: str) -> int:
    from .drafts import run_action

    return run_action(args, lang, _settings(lang))


def cmd_sent(args: argparse.Namespace, lang: str) -> int:
    from .cases import run_sent

    return run_sent(args, lang, _settings(lang))


def cmd_case(args: argparse.Namespace, lang: str) -> int:
    from .cases import run_case

    return run_case(args, lang, _settings(lang))


BY_NAME: dict[str, Callable[[argparse.Namespace, str], int]] = {
    "new": cmd_new,
    "check": cmd_check,
    "render": cmd_render,
    "open": cmd_open,
    "copy": cmd_copy,
    "drafts": cmd_drafts,
    "sent": cmd_sent,
    "case": cmd_case,
}
"""Each command's function, by the name :data:`alma_contact.cli.arguments.COMMANDS` gives it."""
