"""The plain mode's journey: the first choice (a new request, a kept draft, a draft file), every
step's questions in the app's order, the checklist, then the message and what to do with it.

The answers are kept in the draft store after each one; at the end of the input they are kept
and the user is told how to go on with them.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..answers import Answers
from ..cli.exits import EXIT_INPUT_ENDED, EXIT_INVALID, EXIT_IO
from ..cli.shown import PATH_LIMIT, shown
from ..i18n import N_
from ..keeping import NO_STORE_PLAIN, Keeper, Severity
from ..steps import JOURNEY, JOURNEY_TITLES, STEPS, Question, Step, question_for, step_of
from ..wording import LINE, about, said, sentence
from .asking import KEYS, Asker
from .lines import BACK, HELP, Ended, Lines

if TYPE_CHECKING:
    from ..cases import Case

STEP_LINE = N_("Step {number} of {total}: {title}")
TITLE = N_("Write to Alma's customer service")
WELCOME = N_(
    "This program helps you write to Alma's customer service about a payment: "
    "a refused payment, a cancellation, a refund, your instalments. It asks for the facts Alma needs, "
    "checks them, and writes an email, a letter or the text for Alma's online form, in French, Dutch or German."
)
OPEN_FILE = N_("Open a draft file")
FILE_PATH = N_("path of the draft, for example alma-draft.toml")
DRAFTS_SHOWN = 8
FIX_THESE = N_("These answers need a change before the message can be written. Choose a line to fix it:")
READY = N_("Your message is ready. Choose a line to change it, or go on to the preview.")
CHANGE_OR_GO_ON = N_("Type a line's number to change it, or press Enter to see the message.")
ENDED = N_(
    "The input ended: your answers are kept as draft {ref}. To go on with them: alma-contact --plain {ref}"
)
ENDED_UNKEPT = N_("The input ended; your answers could not be kept in the draft store.")
ENDED_FILE = N_(
    "The input ended; the draft store cannot be used, so your answers are saved in the draft file "
    "{path}. To go on with them: alma-contact --plain {path}"
)
ENDED_NOTHING = N_("The input ended; nothing was typed, so nothing was kept.")


class Session:
    """One run of the plain mode: the keeper's host (answers, interface language, messages)."""

    def __init__(self, stdin: TextIO, stdout: TextIO, *, ui_lang: str, today: date | None) -> None:
        self.lines = Lines(stdin, stdout, ui_lang)
        self.ui_lang = ui_lang
        self.today = today
        self.answers = Answers()
        self.draft_path: Path | None = None
        self.keeper = Keeper(self, no_store=NO_STORE_PLAIN)
        self.asked: set[str] = set()
        """The keys asked so far in this run (a rule across steps is said at the later one)."""

    def t(self, message: str, **params: object) -> str:
        return self.lines.t(message, **params)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Severity = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """What the keeper says (another window's change, a store that cannot be used)."""
        mark = "" if severity == "information" else "! "
        self.lines.say(mark + sentence(message))

    # --- the run -----------------------------------------------------------------------

    def run(self, draft: Path | None, ref: int | None) -> int:
        try:
            start = self.start(draft, ref)
            if start is None:
                return EXIT_INVALID
            return self.journey(start)
        except Ended:
            return self.ended()
        except KeyboardInterrupt:
            self.keeper.keep()
            raise
        finally:
            self.keeper.close()

    def _saved_to_a_file(self) -> Path | None:
        """Without a store: the answers as a new draft file in the current folder (never one that
        exists), or None when nothing was typed or it cannot be written."""
        from ..export.save import SaveError, save

        if self.answers.document() == Answers(base_dir=self.answers.base_dir).document():
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for number in range(1, 100):
            target = Path.cwd() / (
                f"alma-draft-{stamp}.toml" if number == 1 else f"alma-draft-{stamp}-{number}.toml"
            )
            try:
                return save(self.answers.to_toml(target).encode("utf-8"), target)
            except SaveError:
                if not target.exists():
                    return None
        return None

    def ended(self) -> int:
        """The end of the input: the answers given so far are kept, and how to go on is said."""
        kept = self.keeper.keep()
        if kept is not None:
            self.lines.say(self.t(ENDED, ref=f"@{kept.draft_id}"))
            return EXIT_INPUT_ENDED
        if self.keeper.broken:
            written = self._saved_to_a_file()
            if written is not None:
                self.lines.say(self.t(ENDED_FILE, path=shown(written, PATH_LIMIT)))
                return EXIT_INPUT_ENDED
            self.lines.say(self.t(ENDED_UNKEPT))
            return EXIT_IO
        self.lines.say(self.t(ENDED_NOTHING))
        return EXIT_INPUT_ENDED

    # --- the first choice ---------------------------------------------------------------

    def start(self, draft: Path | None, ref: int | None) -> str | None:
        """Where the journey starts: the first question, or the checklist of a draft opened."""
        if ref is not None:
            return "review" if self.resume(ref) else None
        if draft is not None:
            return "review" if self.open(draft) else None
        self.lines.say(self.t(TITLE))
        self.lines.say(self.t(WELCOME))
        self.lines.say(self.t(KEYS))
        while True:
            drafts = self.keeper.listed()[:DRAFTS_SHOWN]
            cases = self._cases()
            self.lines.say()
            options = [self.t(N_("New request")), *(self._draft_line(d) for d in drafts), self.t(OPEN_FILE)]
            if cases:
                from ..caselines import MY_REQUESTS, action_today, needing_action

                due = action_today(len(needing_action(cases, self.today or date.today())), self.ui_lang)
                if due:
                    self.lines.say(due)
                options.append(f"{self.t(MY_REQUESTS)} ({len(cases)})")
            if drafts:
                self.lines.say(self.t(N_("Or go on with a draft you started (the last changed first):")))
            self.lines.numbered(options)
            answer = self.lines.ask().strip()
            if answer in (HELP, BACK):
                self.lines.say(self.t(KEYS))
                continue
            number = 1 if not answer else self.lines.number(answer, len(options))
            if number is None:
                continue
            if number == 1:
                return STEPS[0].questions[0].ident
            if number <= len(drafts) + 1:
                if self.resume(drafts[number - 2].id):
                    return "review"
                continue
            if number == len(drafts) + 3:
                self.my_requests()
                continue
            self.lines.say(sentence(self.t(FILE_PATH)))
            path = self.lines.ask().strip().strip("'\"")
            if path and path != BACK and self.open(Path(path).expanduser()):
                return "review"

    def _cases(self) -> list[Case]:
        """The requests sent (none before the store is made: the first answer makes it)."""
        return self.keeper.cases()

    def my_requests(self) -> None:
        from .requests import Requests

        store = self.keeper.store()
        if store is not None:
            Requests(self, store).run()

    def _draft_line(self, draft: object) -> str:
        from ..errors import escaped
        from ..registry import REQUESTS
        from ..store import Listed

        assert isinstance(draft, Listed)
        kind = REQUESTS.get(draft.request)
        return " · ".join(
            (
                escaped(draft.name) if draft.name else self.t(N_("(no name yet)")),
                self.t(kind.label) if kind else self.t(N_("(no request chosen yet)")),
                escaped(draft.amount) if draft.amount else self.t(N_("(no amount yet)")),
                draft.when,
            )
        )

    def open(self, path: Path) -> bool:
        from ..drafts import DraftInvalid

        try:
            self.answers = Answers.load(path)
        except DraftInvalid as error:
            for problem in error.problems(self.ui_lang):
                self.lines.say(sentence(about(problem, self.ui_lang)))
            return False
        self.draft_path = path if path.suffix == ".toml" else None
        self.keeper.start_afresh()
        self.keeper.adopt(self.answers)
        self.lines.say(self.t(N_("Opened: {path}"), path=shown(path, PATH_LIMIT)))
        return True

    def resume(self, draft_id: int) -> bool:
        stored = self.keeper.resume(draft_id)
        if stored is None:
            return False
        source = stored.source
        self.answers = Answers.from_document(stored.document, stored.base_dir, source)
        self.draft_path = source if source is not None and source.suffix == ".toml" else None
        self.keeper.adopt(self.answers)
        self.keeper.warn_changed_evidence()
        return True

    # --- the questions ---------------------------------------------------------------------

    def slots(self) -> list[tuple[Step, Question]]:
        """The questions that apply to the answers given so far, in the app's order."""
        flat = self.answers.flat()
        return [(step, question) for step in STEPS for question in step.questions if question.applies(flat)]

    def title(self, stage: str) -> None:
        self.lines.say()
        self.lines.say(
            self.t(
                STEP_LINE,
                number=JOURNEY.index(stage) + 1,
                total=len(JOURNEY),
                title=self.t(JOURNEY_TITLES[stage]),
            )
        )

    def journey(self, at: str) -> int:
        """Ask from ``at`` (a question's ident, ``review`` or ``preview``) until the user quits."""
        from .ending import Ending

        shown_step = ""
        while True:
            if at == "review":
                at = self.review()
                shown_step = ""
                continue
            if at == "preview":
                outcome = Ending(self).run()
                if isinstance(outcome, int):
                    return outcome
                at, shown_step = outcome, ""
                continue
            slots = self.slots()
            index = next((i for i, (_, q) in enumerate(slots) if q.ident == at), 0)
            step, question = slots[index]
            if step.id != shown_step:
                self.title(step.id)
                if step.intro:
                    self.lines.say(self.t(step.intro))
                shown_step = step.id
            asker = Asker(self.lines, self.answers, self.today)
            earlier = self._asked_before(step)
            if not asker.ask(question, earlier):
                if index > 0:
                    at = slots[index - 1][1].ident
                continue
            self.asked.add(question.key)
            self.keeper.keep()
            at = self._after(question, asker)

    def _after(self, question: Question, asker: Asker) -> str:
        """The next question; at the end of a step, the first of its questions still wrong."""
        slots = self.slots()
        index = next(i for i, (_, q) in enumerate(slots) if q.ident == question.ident)
        step = slots[index][0]
        if index + 1 < len(slots) and slots[index + 1][0].id == step.id:
            return slots[index + 1][1].ident
        for other_step, other in slots:
            if other_step.id != step.id:
                continue
            problem = asker.problem(other.key, self._asked_before(step))
            if problem is not None:
                self.lines.say(asker.said(problem))
                return other.ident
        return slots[index + 1][1].ident if index + 1 < len(slots) else "review"

    def _asked_before(self, step: Step) -> set[str]:
        """The keys answered so far that earlier steps ask."""
        earlier = {q.key for s in STEPS[: STEPS.index(step)] for q in s.questions}
        return self.asked & earlier

    def ident_of(self, key: str) -> str:
        """The question that fixes a key of the checklist (its step's first question when none
        asks it for these answers)."""
        flat = self.answers.flat()
        question = question_for(key, flat)
        slots = self.slots()
        if question is not None and any(q.ident == question.ident for _, q in slots):
            return question.ident
        wanted = step_of(key)
        return next((q.ident for s, q in slots if s.id == wanted), slots[0][1].ident)

    # --- the checklist ---------------------------------------------------------------------

    def review(self) -> str:
        """The checklist (as ``check`` words it), or the answers still wrong; where to go next."""
        from ..checks import checklist, warnings
        from ..contacts import user_recipient

        self.title("review")
        draft, _ = self.answers.validate(self.today)
        keys: list[str] = []
        lines: list[str] = []
        if draft is None:
            self.lines.say(self.t(FIX_THESE))
            for problem in self.answers.problems(self.ui_lang, self.today).values():
                keys.append(problem.key)
                lines.append(f"✗ {said(problem, self.ui_lang, self.answers.flat())}")
        else:
            self.lines.say(self.t(READY))
            for item in checklist(draft, self.ui_lang):
                keys.append(item.key)
                mark = "✓" if item.ok else "!"
                lines.append(f"{mark} {self.t(LINE, label=item.label, detail=item.detail)}")
            config, _ = user_recipient(self.ui_lang)
            for problem in warnings(draft, self.ui_lang, config):
                keys.append(problem.key)
                lines.append(f"! {about(problem, self.ui_lang, self.answers.flat())}")
        while True:
            self.lines.numbered(lines)
            if draft is not None:
                self.lines.say(self.t(CHANGE_OR_GO_ON))
            answer = self.lines.ask().strip()
            if answer == BACK:
                return self.slots()[-1][1].ident
            if answer == HELP:
                self.lines.say(self.t(KEYS))
                continue
            if not answer:
                if draft is not None or not keys:
                    return "preview"
                return self.ident_of(keys[0])
            number = self.lines.number(answer, len(lines))
            if number is not None:
                return self.ident_of(keys[number - 1])
