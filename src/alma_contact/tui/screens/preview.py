"""The last step: the message as it will be sent, updated live when the channel or the
message language changes; copy it, save it (.eml, .pdf, .txt) or open it in the mail program.

A channel that needs answers not given yet (a letter without the postal address) is not
taken: the choices, the message and the actions stay as they were, and a button leads to
the question to answer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ... import languages
from ...caselines import channel_of_action
from ...i18n import N_
from ...registry import CHANNELS
from ...steps import step_of
from ...wording import letter_saves
from ..problems import said, sentence
from .base import STEP_TITLES, StepScreen

if TYPE_CHECKING:
    from ...model import Draft
    from ...render import Message
    from .save import Content
    from .sent import Record, Sent

FORM_FIELDS = (
    ("last_name", N_("Copy: last name")),
    ("first_name", N_("Copy: first name")),
    ("email", N_("Copy: email")),
    ("phone", N_("Copy: phone")),
    ("message", N_("Copy: message")),
    ("form_url", N_("Copy: the form's address")),
)
LETTER_NEEDS_ADDRESS = N_(
    "A letter needs your postal address (street, postcode and town), which is not filled in yet. "
    "The message stays as it was until you add it."
)
NEEDS_ANOTHER_ANSWER = N_("This choice needs another answer first: {problem}")
GO_TO = N_("Go to “{step}”")


class PreviewScreen(StepScreen):
    """The message, and what to do with it."""

    STEP_ID = "preview"
    KEYS = (*StepScreen.KEYS, Binding("ctrl+o", "copy('all')", N_("Copy all")))

    rendered: Message | None = None
    wanted: tuple[str, str, str] | None = None
    """The choice refused for want of an answer: (key, value, the key to answer first)."""
    asked: frozenset[str] = frozenset()
    """The messages (their text) already asked about: "Was it sent?" comes once for each."""

    def channel_choices(self) -> tuple[tuple[str, str], ...]:
        """The channels offered (label, value), and the one chosen: :meth:`chosen`."""
        return tuple((self.t(choice.label), choice.value) for choice in CHANNELS)

    def chosen(self) -> tuple[str, str]:
        """The channel and the language shown first."""
        answers = self.app.answers
        return answers.get("channel"), answers.get("language")

    def compose_body(self) -> ComposeResult:
        channel, language = self.chosen()
        with Horizontal(id="preview-choices"):
            yield Select(self.channel_choices(), value=channel, allow_blank=False, id="channel")
            yield Select(
                [(self.t(choice.label), choice.value) for choice in languages.choices()],
                value=language,
                allow_blank=False,
                id="language",
            )
        yield Static("", classes="error", id="recipient-note", markup=False)
        with Horizontal(id="preview-problem"):
            yield Static("", classes="error", id="preview-error", markup=False)
            yield Button("", id="fix", compact=True)
        with Horizontal(id="preview-layout"):
            yield TextArea("", read_only=True, id="message", soft_wrap=True)
            yield OptionList(id="actions", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "next"  # the last step: nothing comes after it

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#next").display = False
        self.query_one("#preview-problem").display = False
        self._show_message()
        self.query_one("#actions", OptionList).focus()

    # --- the message ------------------------------------------------------------------

    def _show_message(self) -> None:
        """Write the message again from the answers; say what is missing when it cannot be."""
        from ...contacts import user_recipient
        from ...render import build

        app = self.app
        draft = app.draft()
        if draft is None:
            self._needs_answers(None)
            return
        config, _ = user_recipient(app.ui_lang)
        from ...checks import recipient_notes  # a shared draft may send the message elsewhere

        notes = [p.message for p in recipient_notes(draft, app.ui_lang, config)]
        note_line = self.query_one("#recipient-note", Static)
        note_line.update("\n".join(sentence(note) for note in notes))
        note_line.display = bool(notes)
        self.rendered = build(draft, today=app.today or date.today(), config=config)
        self.query_one("#message", TextArea).load_text(self.rendered.text)
        self._actions()

    def _actions(self) -> None:
        actions = self.query_one("#actions", OptionList)
        actions.clear_options()
        if self.rendered is None:  # nothing written (a problem is shown instead): nothing to copy or save
            return
        channel = self.rendered.channel
        options = [
            Option(self.t(N_("Copy the subject")), id="copy:subject"),
            Option(self.t(N_("Copy the body")), id="copy:body"),
            Option(self.t(N_("Copy all")), id="copy:all"),
        ]
        if channel == "form":
            options += [Option(self.t(label), id=f"copy:{key}") for key, label in FORM_FIELDS]
        if channel == "email":
            options += [
                Option(self.t(N_("Save as .eml (with files)")), id="save:eml"),
                Option(self.t(N_("Open in my mail program")), id="open"),
            ]
        if channel == "letter":
            claims = bool(self.rendered.extra.get("claims"))
            options += [Option(self.t(label), id=action) for label, action in letter_saves(claims)]
        options.append(Option(self.t(N_("Save as text (.txt)")), id="save:txt"))
        actions.add_options(options)
        actions.highlighted = 0  # Enter acts at once, and the focused list shows where it is

    @on(Select.Changed, "#channel")
    @on(Select.Changed, "#language")
    def _choice(self, event: Select.Changed) -> None:
        """Write the message again for the new choice, or keep everything as it was when the
        choice needs answers not given yet (the selector goes back to the current answer)."""
        key = "channel" if event.select.id == "channel" else "language"
        answers = self.app.answers
        before = answers.get(key)
        if event.value is Select.NULL or event.value == before:
            return
        answers.set(key, str(event.value))
        if self.app.draft() is None:
            self._needs_answers((key, str(event.value)))
            answers.set(key, before)
            event.select.value = before
            return
        self.wanted = None
        self.query_one("#preview-problem").display = False
        self._show_message()

    def _needs_answers(self, choice: tuple[str, str] | None) -> None:
        """Say what the draft needs first, in words, with a button to the question to answer."""
        app = self.app
        lang = app.ui_lang
        problems = app.answers.problems(lang, app.today)
        first = next(iter(problems.values()), None)
        if first is None:
            return
        if choice == ("channel", "letter") and first.key.startswith("customer."):
            text = self.t(LETTER_NEEDS_ADDRESS)
        else:
            text = self.t(NEEDS_ANOTHER_ANSWER, problem=said(first, lang, self.app.answers.flat()))
        key, value = choice or ("", "")
        self.wanted = (key, value, first.key)
        self.query_one("#preview-error", Static).update(text)
        button = self.query_one("#fix", Button)
        button.label = self.t(GO_TO, step=self.t(STEP_TITLES[step_of(first.key)]))
        self.query_one("#preview-problem").display = True
        button.focus()

    @on(Button.Pressed, "#fix")
    def _fix(self) -> None:
        """To the question to answer, with the refused choice taken (a letter shows the address)."""
        from .form import FormScreen

        if self.wanted is None:
            return
        key, value, needed = self.wanted
        if key:
            self.app.answers.set(key, value)
        self.app.goto(step_of(needed))
        screen = self.app.screen
        if isinstance(screen, FormScreen):
            screen.focus_key = needed.split("[", 1)[0]

    # --- actions ------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#actions")
    def _act(self, event: OptionList.OptionSelected) -> None:
        action, _, part = (event.option.id or "").partition(":")
        if action == "copy":
            self.action_copy(part)
        elif action == "save" and part == "registered":
            self.action_save("pdf", registered=True)
        elif action == "save":
            self.action_save(part)
        elif action == "open":
            self.open_mail()

    def part(self, name: str) -> str:
        message = self.rendered
        if message is None:
            return ""
        if name == "subject":
            return message.subject
        if name == "body":
            return message.body
        if name == "all":
            return message.text
        if name == "form_url":
            return message.form_url
        return message.form_fields.get(name, "")

    def action_copy(self, part: str = "all") -> None:
        text = self.part(part)
        if text:
            self.app.copy_to_clipboard(text)
            self._copy_system(text)
            if self.rendered is not None:
                self.ask_sent(channel_of_action("copy", self.rendered.channel))

    @work(thread=True, exclusive=True)
    def _copy_system(self, text: str) -> None:
        from ...export.clipboard import copy

        result = copy(text)
        if result.ok:
            message = self.t(N_("Copied with {tool}. You can paste it now."), tool=result.tool)
            severity = "information"
        else:
            message = self.t(
                N_(
                    "Sent to the terminal's clipboard; no clipboard program was found to confirm it. If pasting gives nothing, save the message as a file."
                )
            )
            severity = "warning"
        self.app.call_from_thread(self.notify, message, severity=severity, timeout=8)

    def action_save(self, kind: str = "txt", registered: bool = False) -> None:
        from .save import SaveDialog

        message = self.rendered
        if message is None:
            return
        app = self.app
        stem = f"alma-{(app.today or date.today()).isoformat()}"
        default = Path.cwd() / f"{stem}.{kind}"
        size = 0
        if kind == "eml":
            from ...export.eml import attachments_size

            base64 = (attachments_size(message) + 2) // 3 * 4 * 78 // 76  # lines of 76 and CRLF
            size = base64 + len(message.text.encode("utf-8"))
            self._warn_size(attachments_size(message))
        if kind in ("eml", "pdf") and message.attachments:
            self.warn_evidence()

        def saved(path: Path | None) -> None:
            if path is not None:
                self.ask_sent(channel_of_action(kind, message.channel), registered=registered)

        self.app.push_screen(
            SaveDialog(kind, default, lambda: self._produce(kind, registered), expected_size=size),
            callback=saved,
        )

    def warn_evidence(self) -> None:
        """Before the files go out: say which evidence files changed since they were attached."""
        self.app.keeper.warn_changed_evidence()

    def message_draft(self) -> Draft | None:
        """The draft the message was written from."""
        return self.app.draft()

    def _warn_size(self, total: int) -> None:
        from ...checks import size_warning

        too_big = size_warning(total, self.app.ui_lang)
        if too_big is not None:
            self.notify(self.t(N_("Warning: {problem}"), problem=too_big), severity="warning", timeout=12)

    def _produce(self, kind: str, registered: bool = False) -> Content:
        """The file's content (called in the save dialog's thread); the .eml as a writer that
        streams the evidence files, as the command line does, never whole in memory."""
        message = self.rendered
        assert message is not None
        if kind == "eml":
            from ...export.eml import write_eml

            draft = self.message_draft()
            assert draft is not None  # a message was written from it
            customer = draft.customer

            def write(stream: BinaryIO) -> None:
                write_eml(message, stream, name=customer.full_name, address=customer.email)

            return write
        if kind == "pdf":
            from ...export.pdf import render_pdf

            return render_pdf(message, today=self.app.today, registered=registered)
        return message.text.encode("utf-8")

    def open_mail(self) -> None:
        from ...export.mailto import LinkTooLong, message_link

        message = self.rendered
        if message is None:
            return
        try:
            link = message_link(message)
        except LinkTooLong:
            self.notify(
                self.t(N_("The message is too long for a mail link. Save it as .eml or copy it instead.")),
                severity="warning",
                timeout=10,
            )
            return
        self._open_link(link, [a.name for a in message.attachments])

    @work(thread=True, exclusive=True, group="open")
    def _open_link(self, link: str, attachments: list[str]) -> None:
        """Hand the link to the system (which may take seconds) without holding up the screen."""
        from ...export.mailto import open_link

        opened = open_link(link)
        if opened.tool is None:
            note = self.t(
                N_("No mail program could be opened ({detail}). Copy the message or save it as .eml."),
                detail=opened.problem_text(self.app.ui_lang),
            )
            self.app.call_from_thread(self.notify, note, severity="error", timeout=10)
            return
        note = self.t(N_("Opened in your mail program. A link cannot carry files."))
        if attachments:
            note += " " + self.t(N_("Attach these yourself: {names}"), names=", ".join(attachments))
        self.app.call_from_thread(self.notify, note, timeout=12)
        self.app.call_from_thread(self.ask_sent, "email")

    # --- was it sent? -------------------------------------------------------------------

    def ask_sent(self, channel: str, *, registered: bool = False) -> None:
        """After a save, a copy or the mail program: ask whether the message was sent, once for
        each message, and not for a draft already kept among the user's requests."""
        from .sent import SentDialog

        message = self.rendered
        if message is None or message.text in self.asked or isinstance(self.app.screen, SentDialog):
            return
        record = self.sent_recorder()
        if record is None:
            return
        self.asked = self.asked | {message.text}
        registered = registered or bool(message.extra.get("registered"))
        dialog = SentDialog(
            today=self.app.day(),
            channel=channel,
            channels=self.sent_channels(),
            registered=registered,
            record=record,
        )
        self.app.push_screen(dialog, callback=self._recorded)

    def sent_channels(self) -> tuple[str, ...]:
        from ...registry import channel_values

        return channel_values()

    def sent_recorder(self) -> Record | None:
        """What keeps the message as sent: the first message of the draft kept in the store
        (None: no store, or the draft is already a request)."""
        from ... import caselines

        keeper = self.app.keeper
        kept = keeper.keep(numbered=True)
        store = keeper.store() if kept is not None else None
        if kept is None or store is None or store.has_case(kept.draft_id):
            return None
        answers, lang = self.app.answers, self.app.ui_lang
        draft_id = kept.draft_id

        def record(sent: Sent) -> str:
            case = caselines.record_first_sent(
                store,
                draft_id,
                answers.document(),
                answers.base_dir.absolute(),
                channel=sent.channel,
                day=sent.day,
                registered=sent.registered,
                lang=lang,
            )
            return self.t(caselines.SENT_RECORDED, ref=case.ref)

        return record

    def _recorded(self, said: str | None) -> None:
        if said:
            self.notify(said, timeout=10)
