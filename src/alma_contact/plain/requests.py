"""My requests in the plain mode: the requests sent with their next step, and on one of them what
the app offers: write the next message (shown with the same menu as the first), note an answer,
close it, where to turn. Same words as the app (:mod:`alma_contact.caselines`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import caselines
from ..formats import interface_day
from ..i18n import N_
from ..wording import sentence
from .lines import BACK, HELP

if TYPE_CHECKING:
    from datetime import date

    from ..cases import Case
    from ..store import Store
    from .session import Session

CHOOSE_REQUEST = N_("Type a request's number, or press Enter to go back.")
WRITE = {"reminder": N_("Write the reminder"), "formal_notice": N_("Write the formal notice")}
NOTE_ANSWER = N_("Note an answer")
CLOSE_REQUEST = N_("Close the request")
BACK_TO_LIST = N_("Back to my requests")
ANSWER_TEXT = N_("What it says (one line):")
FOLLOW_UP_CHANNEL = N_("Send it by")


class Requests:
    """The session's store's requests, listed, and what to do with one."""

    def __init__(self, session: Session, store: Store) -> None:
        self.session, self.store = session, store
        self.lines = session.lines

    @property
    def today(self) -> date:
        from datetime import date

        return self.session.today or date.today()

    def t(self, message: str, **params: object) -> str:
        return self.lines.t(message, **params)

    def run(self) -> None:
        """List the requests until the user goes back (Enter or <)."""
        while True:
            cases = self.store.cases()
            lang = self.session.ui_lang
            self.lines.say()
            self.lines.say(self.t(caselines.MY_REQUESTS))
            if not cases:
                self.lines.say(self.t(caselines.NO_REQUESTS))
                return
            for index, case in enumerate(cases, 1):
                line = caselines.case_line(case, self.today, lang)
                self.lines.say(f"  {index}. {line.line()}")
                self.lines.say(f"     → {line.next_step}")
            self.lines.say(self.t(CHOOSE_REQUEST))
            answer = self.lines.ask().strip()
            if not answer or answer in (BACK, HELP):
                return
            number = self.lines.number(answer, len(cases))
            if number is not None:
                self.one(cases[number - 1].id)

    def one(self, case_id: int) -> None:
        """What to do with a request, until the user goes back to the list."""
        from ..cases import KIND_LABELS

        while True:
            case = self.store.case(case_id)
            line = caselines.case_line(case, self.today, self.session.ui_lang)
            self.lines.say()
            self.lines.say(line.line())
            for message in case.messages:
                day = interface_day(message.day, self.session.ui_lang)
                self.lines.say(f"  {day}: {self.t(KIND_LABELS.get(message.kind, message.kind))}")
            self.lines.say(f"  → {line.next_step}")
            options: list[tuple[str, str]] = []
            kind = caselines.follow_up_kind(line.step) if case.is_open else None
            if kind is not None:
                options.append((WRITE[kind], f"write:{kind}"))
            options.append((NOTE_ANSWER, "answer"))
            if case.is_open:
                options.append((CLOSE_REQUEST, "close"))
            if caselines.shows_escalation(case, line.step):
                options.append((caselines.WHERE_TO_TURN, "escalation"))
            options.append((BACK_TO_LIST, "back"))
            self.lines.numbered([self.t(label) for label, _ in options])
            answer = self.lines.ask().strip()
            if not answer or answer == BACK:
                return
            number = self.lines.number(answer, len(options))
            if number is None:
                continue
            action = options[number - 1][1]
            if action == "back":
                return
            if action.startswith("write:"):
                self.write(case, action.removeprefix("write:"))
            elif action == "answer":
                self.answer(case)
            elif action == "close":
                if self.close(case) == "refused":
                    self.escalation(case)
            else:
                self.escalation(case)

    def write(self, case: Case, kind: str) -> None:
        """The channel (among those of the kind), then the message and the usual menu."""
        from ..casework import (
            DEBITED_KEY,
            asks_debit_failed,
            asks_debited,
            follow_up_channel,
            needs_debited,
            next_message,
            reminder_draft,
        )
        from ..contacts import user_recipient
        from ..drafts import DraftInvalid
        from ..followup import FOLLOW_UP_CHANNELS
        from ..registry import channel as channel_named
        from .ending import Ending
        from .sent import YES_WORDS, SentFollowUp

        channels = tuple(FOLLOW_UP_CHANNELS[kind])
        chosen = follow_up_channel(case, kind)
        chosen = chosen if chosen in channels else channels[0]
        self.lines.say(f"{self.t(FOLLOW_UP_CHANNEL)} [{self.t(channel_named(chosen).label)}]")
        self.lines.numbered([self.t(channel_named(value).label) for value in channels])
        while True:
            answer = self.lines.ask().strip()
            if answer == BACK:
                return
            if not answer:
                break
            number = self.lines.number(answer, len(channels))
            if number is not None:
                chosen = channels[number - 1]
                break
        config, _ = user_recipient(self.session.ui_lang)
        language = case.first.language
        debit_failed = False
        reminded = reminder_draft(case, kind, self.today)  # read once for both questions
        if asks_debit_failed(case, kind, self.today, reminded):
            self.lines.say(self.t(caselines.DEBIT_FAILED_HELP))
            self.lines.say(self.t(caselines.DEBIT_FAILED_QUESTION))
            answer = self.lines.ask().strip()
            if answer == BACK:
                return
            debit_failed = answer.lower() in YES_WORDS
        asks, needed = asks_debited(case), needs_debited(case, kind, self.today, reminded) is not None
        if asks:
            self.lines.say(self.t(caselines.debited_help(kind, needed)))
        while True:
            debited = None
            if asks:
                # the sum given before, which Enter keeps; none where today's is needed
                known = None if needed else caselines.debited_known(case, self.session.ui_lang)
                shown = f" [{self.t(caselines.DEBITED_ON, **known)}]" if known else ""
                self.lines.say(f"{self.t(caselines.DEBITED)}{shown}")
                debited = self.lines.ask().strip() or None
                if debited == BACK:
                    return
            try:
                message, draft = next_message(
                    case,
                    kind,
                    today=self.today,
                    channel=chosen,
                    language=language,
                    config=config,
                    store=self.store,
                    debited=debited,
                    debit_failed=debit_failed,
                )
                break
            except DraftInvalid as error:
                problems = error.problems(self.session.ui_lang)
                wrong = [p for p in problems if p.key == DEBITED_KEY]
                if wrong:  # wrong as typed, or needed: asked again
                    self.lines.say(f"! {sentence(self.t(caselines.DEBITED_WRONG, problem=wrong[0].message))}")
                    continue
                for problem in problems:
                    self.lines.say(f"! {sentence(problem.message)}")
                return
        sent = SentFollowUp(self.lines, self.store, case, kind, language, self.today, debited, debit_failed)
        Ending(self.session).offer(message, draft, sent)

    def answer(self, case: Case) -> None:
        """The day, what it says, and the file it came as (optional)."""
        from .. import caselines as words
        from ..cases import ANSWER_FILE_LIMIT, NOTE_LIMIT
        from ..checks import human_size
        from ..cli.shown import PATH_LIMIT, shown
        from ..parsing import numeric_date

        while True:
            self.lines.say(f"{self.t(words.ANSWER_DAY)} [{numeric_date(self.today)}]")
            try:
                day = caselines.read_sent_day(
                    self.lines.ask(), self.today, self.session.ui_lang, words.ANSWER_DAY_WRONG
                )
                break
            except caselines.NotRecorded as problem:
                self.lines.say(sentence(problem.text))
        self.lines.say(self.t(ANSWER_TEXT))
        note = self.lines.ask().strip()[:NOTE_LIMIT]
        name: str | None = None
        data: bytes | None = None
        while True:
            self.lines.say(self.t(words.ANSWER_FILE))
            typed = self.lines.ask().strip().strip("'\"")
            if not typed:
                break
            path = Path(typed).expanduser()
            if not path.is_file():
                self.lines.say(self.t(words.NOT_A_FILE, path=shown(typed, PATH_LIMIT)))
                continue
            size = path.stat().st_size
            if size > ANSWER_FILE_LIMIT:
                limit = human_size(ANSWER_FILE_LIMIT)
                self.lines.say(
                    self.t(
                        words.FILE_TOO_BIG, path=shown(typed, PATH_LIMIT), size=human_size(size), limit=limit
                    )
                )
                continue
            try:
                data = path.read_bytes()
            except OSError as error:
                self.lines.say(self.t(words.UNREADABLE, path=shown(typed, PATH_LIMIT), reason=error.strerror))
                continue
            name = path.name
            break
        if not note and data is None:
            self.lines.say(self.t(words.NOTE_NEEDED))
            return
        self.store.add_answer(case.id, day, note, name, data)
        self.lines.say(self.t(words.ANSWER_NOTED, ref=case.ref))

    def close(self, case: Case) -> str | None:
        """Answered, solved or refused, with a note; the state chosen (None: not closed)."""
        from .. import caselines as words
        from ..cases import NOTE_LIMIT, STATE_LABELS

        states = list(words.CLOSE_AS)
        self.lines.say(self.t(words.CLOSE_TITLE, ref=case.ref))
        self.lines.numbered([self.t(words.CLOSE_AS[state]) for state in states])
        while True:
            answer = self.lines.ask().strip()
            if not answer or answer == BACK:
                return None
            number = self.lines.number(answer, len(states))
            if number is not None:
                state = states[number - 1]
                break
        self.lines.say(self.t(words.CLOSE_NOTE))
        note = self.lines.ask().strip()[:NOTE_LIMIT]
        self.store.close_case(case.id, state, self.today, note)
        self.lines.say(self.t(words.CLOSED_AS, ref=case.ref, state=self.t(STATE_LABELS[state])))
        return state

    def escalation(self, case: Case) -> None:
        from ..escalation import escalation_text, request_key

        self.lines.say()
        self.lines.say(self.t(caselines.WHERE_TO_TURN))
        self.lines.say(escalation_text(self.session.ui_lang, request_key(case.document)).rstrip("\n"))
