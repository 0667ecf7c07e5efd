"""``alma-contact sent`` and ``alma-contact case``: the requests that were sent, what to do next,
the next message, the answers, the case file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats import interface_day
from ..i18n import N_, translate
from .exits import EXIT_INVALID, EXIT_IO, EXIT_OK, Failure
from .shown import PATH_LIMIT, safe, shown

if TYPE_CHECKING:
    from ..cases import Case, NextStep
    from ..model import Draft
    from ..render import Message
    from ..settings import Settings
    from ..store import Store

NO_CASES = N_(
    "You have not recorded any request as sent yet: “alma-contact sent @ID” does, once you have sent it."
)
RECORDED = N_("Recorded: {ref}, {kind} sent on {day} {channel}.")
HOW_NEXT = N_("“alma-contact case next {ref}” writes it.")
HOW_CLOSE = N_("“alma-contact case close {ref} --as answered|solved|refused” closes it.")
NOTED = N_("Answer noted for {ref} ({day}).")
CLOSED = N_("{ref} closed: {state}.")
DELETED = N_("Deleted: {ref} and what it recorded.")
ASK_DELETE = N_("Delete the request {ref}, its messages, answers and draft?")
NO_FOLLOW_UP = N_(
    "{ref} needs no {kind} now ({step}). Add --kind reminder or --kind formal_notice to write one anyway."
)
QUESTION_NOT_NOTICED = N_(
    "{ref} asks a question and claims nothing: a formal notice does not fit it. Write a reminder "
    "(--kind reminder), or see where to turn (alma-contact case show {ref})."
)
CHANNEL_NOT_FOR = N_("a {kind} is not sent by {channel}: choose {choices}.")
BAD_DAYS = N_("{option} is {value}: write a number of days from {low} to {high}.")
DEBITED_NOT_ASKED = N_(
    "--debited: request {ref} claims no sum debited; only a cancellation or a refund claims back what was"
    " debited. Leave out --debited."
)
DEBIT_FAILED_NOT_ASKED = N_(
    "--debit-failed: for request {ref}, the message to write ({kind}) asks nothing about a failed debit;"
    " only the reminder of a change of card or of date does, once every instalment has fallen due. Leave"
    " out --debit-failed."
)
NOTE_TOO_LONG = N_("the note has {count} characters: write at most {limit}.")
NO_ACTION = N_("say what to do with your requests: list, show, next, note, close, export or delete.")
MESSAGE_HEADER = N_("{number}. {kind}, {day}, {channel}: {subject}")
ANSWER_HEADER = N_("Answer of {day}: {note}")
ANSWER_FILE = N_("   file: {name}, {size} bytes, SHA-256 {sha256}")
EVIDENCE_LINE = N_("   enclosed: {name}, {size} bytes, SHA-256 {sha256}")
CLOSE_NOTE = N_("Note on closing: {note}")
DAYS_RANGE = (1, 365)
ADD_ADDRESS = N_(
    "A letter needs your address: add it to the draft (“alma-contact {ref}” opens it in the app), or "
    "send this message by email (--channel email)."
)


def run_sent(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    """``sent @ID``: the draft was sent (it becomes a case), or the next message of its case was."""
    from ..cases import follow_up_after, next_step
    from ..casework import current_customer, follow_up_channel, next_message, record_first, record_follow_up
    from ..drafts import DraftInvalid, validate
    from .drafts import _get, _number, _store

    day = _day(args.date, lang, settings)
    number = _number(args.ref, lang)
    with _store(settings, lang) as store:
        if store.has_case(number):
            case = _case(store, number, lang)
            kind = args.kind or follow_up_after(case)
            if kind not in ("reminder", "formal_notice"):
                step = next_step(case, settings.day(), settings.reply_days)
                raise Failure(_no_follow_up(case, step, lang, "reminder"), EXIT_INVALID)
            _check_follow_up(case, kind, args.channel, lang)
            channel = follow_up_channel(case, kind, args.channel)
            message, draft = _written(
                lambda: next_message(
                    case,
                    kind,
                    today=day,
                    channel=channel,
                    registered=args.registered if channel == "letter" and args.registered else None,
                    config=settings.recipient,
                    customer=current_customer(store, case),
                    debited=_debited(args.debited, case, lang),
                    debit_failed=_debit_failed(args.debit_failed, case, kind, day, lang),
                ),
                case,
                lang,
                args.debited,
            )
            case = record_follow_up(store, case, message, draft, day)
        else:
            stored = _get(store, args.ref, lang)
            overrides = {"channel": args.channel} if args.channel else {}
            document = {**stored.document, **overrides}
            try:
                draft = validate(document, stored.base_dir, day)
            except DraftInvalid as invalid:
                from .shown import problem_report

                raise Failure(
                    problem_report(f"@{stored.id}", invalid.problems(lang), lang), EXIT_INVALID
                ) from None
            case = record_first(
                store,
                stored.id,
                draft,
                document,
                stored.base_dir,
                day=day,
                registered=args.registered,
                config=settings.recipient,
            )
    sent = case.last
    print(
        translate(
            lang,
            RECORDED,
            ref=case.ref,
            kind=_kind(sent.kind, lang),
            day=interface_day(sent.day, lang),
            channel=_channel(sent.channel, lang, sent.registered),
        )
    )
    _tell_next(case, lang, settings)
    return EXIT_OK


def run_case(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    action = ACTIONS.get(getattr(args, "action", None) or "")
    if action is None:
        raise Failure(translate(lang, NO_ACTION), EXIT_INVALID)
    return action(args, lang, settings)


# --- the actions --------------------------------------------------------------------------------


def do_list(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from ..caselines import case_line
    from ..store import summary
    from .drafts import _store

    reply_days = _reply_days(args.days, lang, settings)
    today = settings.day()
    with _store(settings, lang) as store:
        cases = store.cases()
    if args.format == "json":
        rows = []
        for case in cases:
            line = case_line(case, today, lang, reply_days)
            step = line.step
            rows.append(
                {
                    "id": case.id,
                    "request": case.request,
                    "name": summary(case.document)["name"],
                    "amount": summary(case.document)["amount"],
                    "opened": case.opened.isoformat(),
                    "state": case.state,
                    "closed": case.closed.isoformat() if case.closed else None,
                    "messages": [
                        {
                            "number": m.number,
                            "kind": m.kind,
                            "date": m.day.isoformat(),
                            "channel": m.channel,
                            "language": m.language,
                            "subject": m.subject,
                            "registered": m.registered,
                            "deadline_days": m.deadline_days,
                            "debited": None if m.debited is None else format(m.debited, "f"),
                        }
                        for m in case.messages
                    ],
                    "answers": len(case.answers),
                    "next": {
                        "action": step.action,
                        "due": step.due.isoformat() if step.due else None,
                        "ready": step.ready,
                        "then": step.then,
                        "said": line.next_step,
                    },
                }
            )
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not cases:
        print(translate(lang, NO_CASES), file=sys.stderr)
        return EXIT_OK
    for case in cases:
        line = case_line(case, today, lang, reply_days)
        print(safe(line.line()))
        print(f"    → {safe(line.next_step)}")
    return EXIT_OK


def do_show(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from ..caselines import case_line
    from .drafts import _number, _store

    with _store(settings, lang) as store:
        case = _case(store, _number(args.ref, lang), lang)
    print(safe(case_line(case, settings.day(), lang, settings.reply_days).line()))
    if case.close_note:
        print(translate(lang, CLOSE_NOTE, note=safe(case.close_note)))
    events: list[tuple[date, int, str]] = []
    for m in case.messages:
        lines = [
            translate(
                lang,
                MESSAGE_HEADER,
                number=m.number,
                kind=_kind(m.kind, lang),
                day=interface_day(m.day, lang),
                channel=_channel(m.channel, lang, m.registered),
                subject=safe(m.subject),
            )
        ]
        lines += [
            translate(lang, EVIDENCE_LINE, name=shown(e.name, 80), size=e.size, sha256=e.sha256 or "–")
            for e in m.evidence
        ]
        lines += ["", *("   " + safe(line) if line else "" for line in m.text.splitlines()), ""]
        events.append((m.day, 0, "\n".join(lines)))
    for a in case.answers:
        lines = [translate(lang, ANSWER_HEADER, day=interface_day(a.day, lang), note=safe(a.note))]
        if a.file_name:
            lines.append(
                translate(lang, ANSWER_FILE, name=shown(a.file_name, 80), size=a.file_size, sha256=a.sha256)
            )
        events.append((a.day, 1, "\n".join(lines) + "\n"))
    print()
    for _when, _order, text in sorted(events, key=lambda e: (e[0], e[1])):
        print(text)
    _tell_next(case, lang, settings)
    return EXIT_OK


def do_next(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from ..cases import follow_up_after, next_step
    from ..casework import current_customer, follow_up_channel, next_message
    from .commands import _tell_exposure, _user_config, emit, fit_format
    from .drafts import _number, _store

    fit_format(args, lang)
    if args.deadline_days is not None and not 0 <= args.deadline_days <= 365:
        raise Failure(
            translate(lang, BAD_DAYS, option="--deadline-days", value=args.deadline_days, low=0, high=365),
            EXIT_INVALID,
        )
    today = settings.day()
    with _store(settings, lang) as store:
        case = _case(store, _number(args.ref, lang), lang)
        customer = current_customer(store, case)
    kind = args.kind or follow_up_after(case)
    if kind not in ("reminder", "formal_notice"):
        raise Failure(
            _no_follow_up(case, next_step(case, today, settings.reply_days), lang, "reminder"), EXIT_INVALID
        )
    _check_follow_up(case, kind, args.channel, lang)
    channel = follow_up_channel(case, kind, args.channel)
    config, problems = _user_config(settings, lang, tell=args.format != "json")
    message, draft = _written(
        lambda: next_message(
            case,
            kind,
            today=today,
            channel=channel,
            language=args.lang,
            deadline_days=args.deadline_days,
            registered=args.registered,
            config=config,
            customer=customer,
            debited=_debited(args.debited, case, lang),
            debit_failed=_debit_failed(args.debit_failed, case, kind, today, lang),
        ),
        case,
        lang,
        args.debited,
    )
    if args.format != "json":
        _tell_exposure(draft, lang, config)
    code = emit(message, draft, args, lang, settings, config, problems)
    if args.output != "-" or args.format == "pdf":
        print(
            translate(
                lang,
                N_("Once it is sent: alma-contact sent {ref} --kind {kind} (add --date if not today)."),
                ref=case.ref,
                kind=_recorded_as(kind, args.debited, args.debit_failed),
            ),
            file=sys.stderr,
        )
    return code


def do_note(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from ..cases import ANSWER_FILE_LIMIT
    from ..drafts import DraftInvalid, read_file
    from ..errors import escaped
    from .drafts import _number, _store

    note = _clean_note(args.text, lang)
    day = _day(args.date, lang, settings)
    data: bytes | None = None
    name: str | None = None
    if args.file:
        path = Path(args.file)
        try:
            data = read_file(path, limit=ANSWER_FILE_LIMIT)
        except DraftInvalid as invalid:
            raise Failure("\n".join(safe(str(p)) for p in invalid.problems(lang)), EXIT_IO) from None
        name = escaped(path.name[:200])
    with _store(settings, lang) as store:
        case = _case(store, _number(args.ref, lang), lang)
        store.add_answer(case.id, day, note, name, data)
        case = store.case(case.id)
    print(translate(lang, NOTED, ref=case.ref, day=interface_day(day, lang)))
    _tell_next(case, lang, settings)
    return EXIT_OK


def do_close(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from ..cases import STATE_LABELS
    from .drafts import _number, _store

    note = _clean_note(args.note, lang) if args.note else ""
    with _store(settings, lang) as store:
        case = _case(store, _number(args.ref, lang), lang)
        case = store.close_case(case.id, args.state, settings.day(), note)
    print(translate(lang, CLOSED, ref=case.ref, state=translate(lang, STATE_LABELS[case.state])))
    if case.state == "refused":
        _tell_escalation(case, lang)
    return EXIT_OK


def do_export(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from .commands import _save
    from .drafts import _number, _store

    today = settings.day()
    with _store(settings, lang) as store:
        case = _case(store, _number(args.ref, lang), lang)
        if args.format == "zip":
            from ..casefile import case_zip
            from ..export.save import SaveError

            try:
                case_zip(case, lang, today=today, target=Path(args.output), store=store, force=args.force)
            except SaveError as error:
                params = {
                    k: shown(v, PATH_LIMIT) if isinstance(v, str) else v for k, v in error.params.items()
                }
                raise Failure(
                    translate(lang, error.message, **params), EXIT_INVALID if error.wrong_name else EXIT_IO
                ) from None
            print(
                translate(lang, N_("Written: {path}"), path=shown(args.output, PATH_LIMIT)), file=sys.stderr
            )
            return EXIT_OK
    if args.format == "md":
        from ..casefile import case_markdown

        data = case_markdown(case, lang, today=today).encode("utf-8")
    else:
        from ..casefile import case_pdf

        data = case_pdf(case, lang, today=today)
    _save(data, args.output, args.force, lang)
    return EXIT_OK


def do_delete(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from .drafts import KEPT, _confirm, _number, _store

    with _store(settings, lang) as store:
        case = _case(store, _number(args.ref, lang), lang)
        if not args.yes and not _confirm(translate(lang, ASK_DELETE, ref=case.ref), lang):
            print(translate(lang, KEPT), file=sys.stderr)
            return EXIT_OK
        store.delete_case(case.id)
    print(translate(lang, DELETED, ref=case.ref), file=sys.stderr)
    return EXIT_OK


ACTIONS = {
    "list": do_list,
    "show": do_show,
    "next": do_next,
    "note": do_note,
    "close": do_close,
    "export": do_export,
    "delete": do_delete,
}


# --- what the actions share ---------------------------------------------------------------------


def _case(store: Store, number: int, lang: str) -> Case:
    from ..store import NO_CASE, StoreError

    try:
        return store.case(number)
    except StoreError as error:
        raise Failure(error.text(lang), EXIT_INVALID if error.message == NO_CASE else EXIT_IO) from None


def _day(text: str | None, lang: str, settings: Settings) -> date:
    """``--date``, read as the app reads the day a message was sent (day first; not in the future),
    else today."""
    from ..caselines import NotRecorded, read_sent_day

    try:
        return read_sent_day(text or "", settings.day(), lang, about=N_("--date: {problem}"))
    except NotRecorded as error:
        raise Failure(error.text, EXIT_INVALID) from None


def _clean_note(text: str, lang: str) -> str:
    from ..cases import NOTE_LIMIT
    from ..parsing import clean_text

    note = clean_text(text, limit=NOTE_LIMIT + 1).strip()
    if len(note) > NOTE_LIMIT:
        raise Failure(translate(lang, NOTE_TOO_LONG, count=len(text), limit=NOTE_LIMIT), EXIT_INVALID)
    return note


def _reply_days(days: int | None, lang: str, settings: Settings) -> int:
    if days is None:
        return settings.reply_days
    low, high = DAYS_RANGE
    if not low <= days <= high:
        raise Failure(
            translate(lang, BAD_DAYS, option="--days", value=days, low=low, high=high), EXIT_INVALID
        )
    return days


def _check_follow_up(case: Case, kind: str, channel: str | None, lang: str) -> None:
    from ..followup import FOLLOW_UP_CHANNELS

    if kind == "formal_notice" and not case.claims:
        raise Failure(translate(lang, QUESTION_NOT_NOTICED, ref=case.ref), EXIT_INVALID)
    allowed = FOLLOW_UP_CHANNELS[kind]
    if channel and channel not in allowed:
        raise Failure(
            translate(
                lang, CHANNEL_NOT_FOR, kind=_kind(kind, lang), channel=channel, choices=", ".join(allowed)
            ),
            EXIT_INVALID,
        )


def _recorded_as(kind: str, debited: str | None, debit_failed: bool = False) -> str:
    """The follow-up's kind as ``sent`` records it, with the sum debited it was written from and whether
    the debit asked about failed: « sent » writes the same message again (shell-quoted, as the person
    types it; made safe to print)."""
    import shlex

    from .shown import safe

    recorded = f"{kind} --debited {safe(shlex.quote(debited))}" if debited is not None else kind
    return f"{recorded} --debit-failed" if debit_failed else recorded


def _debit_failed(given: bool, case: Case, kind: str, today: date, lang: str) -> bool:
    """``--debit-failed``, for a reminder that asks whether the debit failed; a ``Failure`` for
    another follow-up."""
    from ..casework import asks_debit_failed

    if not given or asks_debit_failed(case, kind, today):
        return given
    raise Failure(translate(lang, DEBIT_FAILED_NOT_ASKED, ref=case.ref, kind=_kind(kind, lang)), EXIT_INVALID)


def _debited(text: str | None, case: Case, lang: str) -> str | None:
    """``--debited`` as typed (the draft checks it as its sum already debited), for a request that
    claims from that sum; a ``Failure`` for another."""
    from ..casework import asks_debited

    if text is None or asks_debited(case):
        return text
    raise Failure(translate(lang, DEBITED_NOT_ASKED, ref=case.ref), EXIT_INVALID)


def _written(
    write: Callable[[], tuple[Message, Draft]], case: Case, lang: str, debited: str | None = None
) -> tuple[Message, Draft]:
    """The follow-up ``write()`` gives; a draft that no longer validates (an evidence file moved) is
    said, and a sum ``debited`` that is wrong, or missing where it is needed, as what it is."""
    from ..casework import DEBITED_KEY
    from ..drafts import DraftInvalid
    from .shown import problem_report, safe

    try:
        return write()
    except DraftInvalid as invalid:
        for problem in invalid.problems(lang):
            if problem.key == DEBITED_KEY:  # wrong as typed, or needed (a formal notice)
                raise Failure(safe(f"--debited: {problem.message}"), EXIT_INVALID) from None
        report = problem_report(case.ref, invalid.problems(lang), lang)
        if any(p.key.startswith("customer.") for p in invalid.problems(lang)):
            report += "\n" + translate(lang, ADD_ADDRESS, ref=case.ref)
        raise Failure(report, EXIT_INVALID) from None


def _no_follow_up(case: Case, step: NextStep, lang: str, kind: str) -> str:

    from ..caselines import step_words

    return translate(
        lang, NO_FOLLOW_UP, ref=case.ref, kind=_kind(kind, lang), step=step_words(case, step, lang)
    )


def _tell_next(case: Case, lang: str, settings: Settings) -> None:
    from ..caselines import step_words
    from ..cases import next_step

    step = next_step(case, settings.day(), settings.reply_days)
    print(f"→ {safe(step_words(case, step, lang))}")
    if step.action in ("reminder", "formal_notice"):
        print(translate(lang, HOW_NEXT, ref=case.ref))
    elif step.action == "close":
        print(translate(lang, HOW_CLOSE, ref=case.ref))
    elif step.action == "escalate":
        _tell_escalation(case, lang)


def _tell_escalation(case: Case, lang: str) -> None:
    from ..escalation import escalation_text, request_key

    print()
    print(escalation_text(lang, request_key(case.document) or None), end="")


def _kind(kind: str, lang: str) -> str:
    from ..cases import KIND_LABELS

    return translate(lang, KIND_LABELS.get(kind, kind))


def _channel(channel: str, lang: str, registered: bool) -> str:
    from ..caselines import sent_by

    return sent_by(channel, registered, lang)
