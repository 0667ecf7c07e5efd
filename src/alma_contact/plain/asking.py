"""One question asked on a line, as the app's screens ask it: the same label, help, choices,
defaults and errors, from the step's data and the draft model.

Each function returns ``True`` when the question is answered (rightly: a wrong answer is said
and the question asked again) and ``False`` when the user goes back (``<``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..answers import Answers, entry, entry_label, entry_path, is_optional
from ..errors import MESSAGES, Problem
from ..i18n import N_
from ..languages import DEFAULT, LANGUAGES
from ..registry import COMPARISONS, READ_KINDS
from ..steps import STATED, Question, prompts
from ..wording import EXAMPLE, OPTIONAL, READ_AS, default_answer, read_back, said, sentence
from .lines import BACK, HELP, Lines

KEYS = N_(
    "Type your answer and press Enter. ? shows help, < goes back one question, an empty answer keeps "
    "the value in brackets; in a list, type the number or the answer."
)
WRITE_LINES = N_("Write your text over several lines; a line with only a full stop (.) ends it.")
ADD_FILE = N_("Path of a file to add, the number of a listed file to remove it, or an empty answer to go on:")
REMOVED = N_("Removed: {name}")
DESCRIBE = N_("Description of “{name}”:")
DESCRIBE_HELP = N_(
    "Suggested from the file's name: say what it is, in the message's language. "
    "A letter lists its enclosures by their description."
)
NO_FILE = N_("No file yet. You can go on without one, but evidence helps.")
COMPARED_WITH = {comparison.key: comparison.other for comparison in COMPARISONS}
"""A rule across keys of two steps is said at the later key too (as the app's steps do)."""


class Asker:
    """Asks the questions of the draft ``answers`` on ``lines``."""

    def __init__(self, lines: Lines, answers: Answers, today: date | None) -> None:
        self.lines, self.answers, self.today = lines, answers, today

    @property
    def lang(self) -> str:
        return self.lines.lang

    def t(self, message: str, **params: object) -> str:
        return self.lines.t(message, **params)

    # --- problems ------------------------------------------------------------------

    def problem(self, key: str, asked: set[str]) -> Problem | None:
        """The model's problem with a key, or with a key of an earlier step that this one
        contradicts (``asked``: the keys answered in earlier steps)."""
        problems = self.answers.problems(self.lang, self.today)
        found = problems.get(key)
        if found is not None:
            return found
        for other, compared in COMPARED_WITH.items():
            if compared == key and other in problems and other in asked:
                return problems[other]
        return None

    def said(self, problem: Problem) -> str:
        return sentence(said(problem, self.lang, self.answers.flat()))

    # --- help ----------------------------------------------------------------------

    def help(self, question: Question) -> None:
        if question.help:
            self.lines.say(self.t(question.help))
        if question.placeholder:
            self.lines.say(sentence(self.t(EXAMPLE, example=question.placeholder)))
        for number, choice in enumerate(question.choices, 1):
            if choice.explanation:
                self.lines.say(f"  {number}. {self.t(choice.label)} – {self.t(choice.explanation)}")
        self.lines.say(self.t(KEYS))

    def _title(self, question: Question, current: str) -> str:
        label = self.t(question.label)
        if question.kind not in ("choice", "files") and is_optional(question.key):
            label = f"{label} {self.t(OPTIONAL)}"
        return f"{label} [{current}]" if current else label

    # --- the kinds of question -------------------------------------------------------

    def ask(self, question: Question, asked: set[str]) -> bool:
        if question.kind == "choice":
            return self.choice(question, asked)
        if question.kind == "multiline":
            return self.text(question, asked, multiline=True)
        if question.kind == "files":
            return self.files(question)
        return self.text(question, asked)

    def text(self, question: Question, asked: set[str], *, multiline: bool = False) -> bool:
        from ..parsing import clean_paste

        while True:
            current = str(self.answers.get(question.key))
            shown = " ".join(current.split()) if multiline else current
            if len(shown) > 60:
                shown = shown[:59] + "…"
            self.lines.say(self._title(question, shown))
            if multiline:
                for prompt in prompts(self.answers.get("request")):
                    self.lines.say(f"- {self.t(prompt)}")
                stated = self.answers.stated(self.today)
                if stated:  # in the message's language, as it will be sent
                    self.lines.say(self.t(STATED))
                    for said in stated:
                        self.lines.say(f"  {said}")
                self.lines.say(self.t(WRITE_LINES))
            answer = self.lines.ask()
            if answer.strip() == HELP:
                self.help(question)
                continue
            if answer.strip() == BACK:
                return False
            if not answer.strip():
                value = current
            elif multiline:
                value = clean_paste(self._more_lines(question, answer), multiline=True).strip("\n")
            else:
                value = clean_paste(answer, multiline=False).strip()
            if self._take(question, value, current, asked):
                if question.kind in READ_KINDS and value:
                    language = self.answers.get("language")
                    lang = language if language in LANGUAGES else DEFAULT
                    read = read_back(question.kind, value.strip(), lang, self.today)
                    if read:
                        self.lines.say(self.t(READ_AS, value=read))
                return True

    def _more_lines(self, question: Question, first: str) -> str:
        """The lines of a text up to the line with a full stop; at the end of the input, the
        lines given so far are the answer (and kept)."""
        from .lines import Ended

        lines = [] if first.strip() == "." else [first]
        if first.strip() == ".":
            return ""
        while True:
            try:
                line = self.lines.ask()
            except Ended:
                self.answers.set(question.key, "\n".join(lines))
                raise
            if line.strip() == ".":
                return "\n".join(lines)
            lines.append(line)

    def _take(self, question: Question, value: str, before: str, asked: set[str]) -> bool:
        """Set the answer if the model accepts it; otherwise say why and keep the one before. An
        empty answer to a question never answered leaves the draft without the key (its default)."""
        unset = question.key not in self.answers.values
        if not (unset and value == before == ""):
            self.answers.set(question.key, value)
        problem = self.problem(question.key, asked)
        if problem is None:
            return True
        if unset:
            self.answers.values.pop(question.key, None)
        else:
            self.answers.set(question.key, before)
        self.lines.say(self.said(problem))
        return False

    def choice(self, question: Question, asked: set[str]) -> bool:
        current = str(self.answers.get(question.key))
        offered = any(choice.value == current for choice in question.choices)
        if not offered:
            default = default_answer(question.key, self.answers.get("request"))
            if default:
                self.answers.set(question.key, default)
                current = default
        while True:
            chosen = next((c for c in question.choices if c.value == current), None)
            self.lines.say(self._title(question, self.t(chosen.label) if chosen else ""))
            self.lines.numbered([self.t(choice.label) for choice in question.choices])
            answer = self.lines.ask().strip()
            if answer == HELP:
                self.help(question)
                continue
            if answer == BACK:
                return False
            value = current if not answer else self._choice_value(question, answer)
            if value is None:
                self.lines.say(self.said(Problem(question.key, "")))
                continue
            if self._take(question, value, current, asked):
                picked = next((c for c in question.choices if c.value == value), None)
                if picked is not None and picked.explanation and answer:
                    self.lines.say(self.t(picked.explanation))
                return True
            current = str(self.answers.get(question.key))

    def _choice_value(self, question: Question, answer: str) -> str | None:
        """The value of the choice typed: its number, its value or its label (any case)."""
        text = answer.rstrip(".").strip()
        if text.isdigit():
            number = int(text)
            return question.choices[number - 1].value if 1 <= number <= len(question.choices) else None
        wanted = answer.casefold()
        for choice in question.choices:
            if wanted in (choice.value.casefold(), self.t(choice.label).casefold(), choice.label.casefold()):
                return choice.value
        return None

    # --- evidence ----------------------------------------------------------------------

    def files(self, question: Question) -> bool:
        from ..checks import file_warnings
        from ..model import EvidenceFile

        while True:
            entries = list(self.answers.get("evidence"))
            self.lines.say(self.t(question.label))
            found: list[EvidenceFile] = []
            labels = []
            for item in entries:
                name = Path(entry_path(item)).name
                label = entry_label(item)
                labels.append(f"{name} – {label}" if label else name)
                try:
                    found.append(EvidenceFile.find(entry_path(item), self.answers.base_dir))
                except Exception as error:  # moved or removed since it was added: said below
                    context = getattr(error, "context", None) or {}
                    kind = getattr(error, "type", "")
                    if kind in MESSAGES:
                        self.lines.say(f"! {sentence(self.t(MESSAGES[kind], **context))}")
            self.lines.numbered(labels)
            warnings = file_warnings(found, self.lang, for_email=self.answers.get("channel") == "email")
            if not entries:
                warnings.append(self.t(NO_FILE))
            for warning in warnings:
                self.lines.say(f"! {sentence(warning)}")
            self.lines.say(self.t(ADD_FILE))
            answer = self.lines.ask().strip()
            if answer == HELP:
                self.lines.say(self.t(DESCRIBE_HELP))
                self.help(question)
            elif answer == BACK:
                return False
            elif not answer:
                return True
            elif answer.isdigit() and 1 <= int(answer) <= len(entries):
                removed = entries.pop(int(answer) - 1)
                self.answers.set("evidence", entries)
                self.lines.say(self.t(REMOVED, name=Path(entry_path(removed)).name))
            else:
                self._add(answer, entries)

    def _add(self, text: str, entries: list[object]) -> None:
        """Add a file the model accepts, with a description (suggested from its name)."""
        from pydantic_core import PydanticCustomError

        from ..evidence import suggested_label, typed_path
        from ..model import EvidenceFile, evidence_label

        written = typed_path(text)
        base = self.answers.base_dir
        try:
            item = EvidenceFile.find(written, base)
        except PydanticCustomError as error:
            self.lines.say(sentence(self.t(MESSAGES[error.type], **(error.context or {}))))
            return
        for other in entries:
            try:
                same = EvidenceFile.locate(entry_path(other), base) == item.location  # type: ignore[arg-type]
            except RuntimeError:
                same = False
            if same:
                self.lines.say(sentence(self.t(MESSAGES["evidence_duplicate"], path=written)))
                return
        language = self.answers.get("language")
        suggestion = suggested_label(
            item.name, item.media_type, language if language in LANGUAGES else DEFAULT
        )
        while True:
            self.lines.say(f"{self.t(DESCRIBE, name=item.name)} [{suggestion}]")
            answer = self.lines.ask().strip()
            if answer == HELP:
                self.lines.say(self.t(DESCRIBE_HELP))
                continue
            label = answer or suggestion
            try:
                evidence_label(label)
            except PydanticCustomError as error:
                problem = self.t(MESSAGES[error.type], **(error.context or {}))
                self.lines.say(sentence(self.t(N_("The description {problem}"), problem=problem)))
                continue
            break
        self.answers.set("evidence", [*entries, entry(str(item.location), label)])
