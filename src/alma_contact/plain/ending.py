"""The plain mode's last step: the message, then a numbered menu to save it (.eml, .pdf, .txt),
copy it, save the draft, or quit. Files go through the shared safe save, never replacing a
file without asking."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..caselines import channel_of_action
from ..cli.shown import PATH_LIMIT, shown
from ..i18n import N_
from ..wording import letter_saves, sentence
from .asking import KEYS
from .lines import BACK, HELP
from .sent import Asked, SentFirst, SentFollowUp

if TYPE_CHECKING:
    from ..export.save import Writer
    from ..model import Draft
    from ..render import Message
    from .session import Session

SAVE_TITLES = {
    "draft": N_("Save the draft"),
    "eml": N_("Save as an email file (.eml) with your files attached"),
    "pdf": N_("Save the letter as PDF, to print"),
    "txt": N_("Save the message as text"),
}
COPIED = {
    "subject": N_("The subject is on the clipboard (copied with {tool})."),
    "body": N_("The body of the message is on the clipboard (copied with {tool})."),
    "all": N_("The whole message is on the clipboard (copied with {tool})."),
}
KEPT_ON_QUIT = N_(
    "Your answers are kept as draft {ref}. To go on with them: alma-contact --plain {ref} "
    "(alma-contact drafts list shows every draft)."
)


class Ending:
    """The message of the session's draft, and what to do with it."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.lines = session.lines

    def t(self, message: str, **params: object) -> str:
        return self.lines.t(message, **params)

    def run(self) -> str | int:
        """The exit code once the user quits, or the question (or ``review``) to go back to."""
        from ..checks import recipient_notes
        from ..contacts import user_recipient
        from ..render import build

        session = self.session
        draft, _ = session.answers.validate(session.today)
        if draft is None:
            return "review"
        session.title("preview")
        config, _ = user_recipient(session.ui_lang)
        for note in recipient_notes(draft, session.ui_lang, config):
            self.lines.say(f"! {sentence(note.message)}")
        message = build(draft, today=session.today or date.today(), config=config)
        return self.offer(message, draft, SentFirst(session))

    def offer(self, message: Message, draft: Draft, sent: Asked | None) -> str | int:
        """Show ``message`` and its menu until the user quits (the exit code) or goes back
        (``review``); after a save or a copy, ``sent`` asks whether it was sent."""
        self.lines.say()
        self.lines.say(message.text.rstrip("\n"))
        self.lines.say()
        follow_up = isinstance(sent, SentFollowUp)
        actions = self.actions(message.channel, claims=bool(message.extra.get("claims")), follow_up=follow_up)
        while True:
            self.lines.numbered([self.t(label) for label, _ in actions])
            answer = self.lines.ask().strip()
            if answer == BACK:
                return "review"
            if answer == HELP or not answer:
                self.lines.say(self.t(KEYS))
                continue
            number = self.lines.number(answer, len(actions))
            if number is None:
                continue
            action = actions[number - 1][1]
            if action == "quit":
                return self.quit()
            if action == "back":
                return "review"
            done = False
            if action.startswith("copy:"):
                done = self.copy(message, action.removeprefix("copy:"))
            else:
                done = self.save(action.removeprefix("save:"), message, draft)
            kind = action.partition(":")[2]
            if done and sent is not None and kind != "draft":
                sent.ask(message, channel_of_action(kind, message.channel), registered=kind == "registered")
            self.lines.say()

    @staticmethod
    def actions(channel: str, *, claims: bool = False, follow_up: bool = False) -> list[tuple[str, str]]:
        """The menu, as the app's preview offers it for the channel (a follow-up: no draft to
        save, and the last line goes back to the request)."""
        found = [
            (N_("Copy the subject"), "copy:subject"),
            (N_("Copy the body"), "copy:body"),
            (N_("Copy all"), "copy:all"),
        ]
        if channel == "email":
            found.append((N_("Save as .eml (with files)"), "save:eml"))
        if channel == "letter":
            found += letter_saves(claims)
        found.append((N_("Save as text (.txt)"), "save:txt"))
        if follow_up:
            return [*found, (N_("Back to my requests"), "back")]
        return [*found, (N_("Save the draft"), "save:draft"), (N_("Quit"), "quit")]

    def quit(self) -> int:
        from ..cli.exits import EXIT_OK

        kept = self.session.keeper.keep()
        if kept is not None:
            self.lines.say(self.t(KEPT_ON_QUIT, ref=f"@{kept.draft_id}"))
        return EXIT_OK

    # --- copying ----------------------------------------------------------------------------

    def copy(self, message: Message, part: str) -> bool:
        """The same clipboard tools as the app and ``copy`` (no terminal escape: none is printed);
        whether it was copied."""
        from ..cli.shown import safe
        from ..export.clipboard import TOOLS, copy

        text = {"subject": message.subject, "body": message.body, "all": message.text}[part]
        result = copy(text)
        if result.tool is not None:
            self.lines.say(self.t(COPIED[part], tool=result.tool))
            return True
        if result.attempts:
            tried = "; ".join(f"{a.tool}: {safe(a.text(self.lines.lang))}" for a in result.attempts)
            self.lines.say(self.t(N_("alma-contact: no clipboard tool worked ({tried})."), tried=tried))
        else:
            tools = ", ".join(tool.name for tool in TOOLS)
            self.lines.say(
                self.t(
                    N_("alma-contact: no clipboard tool was found ({tools}), or there is no display."),
                    tools=tools,
                )
            )
        return False

    # --- saving -----------------------------------------------------------------------------

    def save(self, kind: str, message: Message, draft: Draft) -> bool:
        """Ask for the file's name (a default in brackets), ask before replacing, then save;
        whether it was saved."""
        from ..export.save import AttachmentUnreadable, SaveError, expanded, save

        session = self.session
        registered = kind == "registered"
        kind = "pdf" if registered else kind
        if kind == "draft":
            default = session.draft_path or Path.cwd() / "alma-draft.toml"
        else:
            default = Path.cwd() / f"alma-{(session.today or date.today()).isoformat()}.{kind}"
        self.lines.say(self.t(SAVE_TITLES[kind]))
        self.lines.say(f"{self.t(N_('File name (the folder must exist):'))} [{shown(default, PATH_LIMIT)}]")
        text = self.lines.ask().strip().strip("'\"")
        if text == BACK:
            return False
        try:
            path = expanded(text) if text else default
        except SaveError as error:
            self.lines.say(sentence(self.t(error.message, **error.params)))
            return False
        force = False
        if path.is_file():
            self.lines.say(self.t(N_("“{path}” already exists.\nReplace it?"), path=shown(path, PATH_LIMIT)))
            self.lines.numbered([self.t(N_("Keep it")), self.t(N_("Replace"))])
            number = self.lines.number(self.lines.ask() or "1", 2)
            if number != 2:
                return False
            force = True
        if kind in ("eml", "pdf") and message.attachments:
            session.keeper.warn_changed_evidence()
        try:
            written = save(self._content(kind, message, draft, path, registered), path, force=force)
        except SaveError as error:
            params = {k: shown(v, PATH_LIMIT) if isinstance(v, str) else v for k, v in error.params.items()}
            self.lines.say(sentence(self.t(error.message, **params)))
            return False
        except AttachmentUnreadable as error:
            name = shown(error.name, PATH_LIMIT)
            self.lines.say(sentence(self.t(error.message, name=name, reason=error.reason)))
            return False
        where = written.absolute() if written is not None else path
        self.lines.say(self.t(N_("Saved: {path}"), path=shown(where, PATH_LIMIT)))
        if kind == "draft" and path.suffix == ".toml":
            session.draft_path = path
        if kind == "pdf":
            self.lines.say(self.t(N_("Check the address before you post the letter:")))
            for line in message.recipient:
                self.lines.say(f"  {line}")
        return True

    def _content(
        self, kind: str, message: Message, draft: Draft, path: Path, registered: bool = False
    ) -> bytes | Writer:
        session = self.session
        if kind == "draft":
            return session.answers.to_toml(path).encode("utf-8")
        if kind == "eml":
            from ..checks import size_warning
            from ..export.eml import attachments_size, write_eml

            too_big = size_warning(attachments_size(message), session.ui_lang)
            if too_big is not None:
                self.lines.say(f"! {self.t(N_('Warning: {problem}'), problem=too_big)}")
            customer = draft.customer

            def write(stream: BinaryIO) -> None:
                write_eml(message, stream, name=customer.full_name, address=customer.email)

            return write
        if kind == "pdf":
            from ..export.pdf import render_pdf

            return render_pdf(message, today=session.today, registered=registered)
        return message.text.encode("utf-8")
