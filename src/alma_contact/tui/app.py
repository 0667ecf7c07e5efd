"""The app: one draft, a screen per step, the interface in French, Dutch or English.

The whole draft lives in one :class:`~alma_contact.answers.Answers` held by the
app; screens read and write it, so Back keeps everything typed and the draft
can be saved at any moment. Switching the interface language rebuilds the
current screen from the same answers.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..answers import Answers
from ..i18n import N_, UI_LANGUAGES, translate
from ..steps import STEP_IDS
from .keeping import Keeper

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.notifications import SeverityLevel

    from ..cases import Case
    from ..model import Draft
    from .screens.base import BaseScreen
    from .screens.unsaved import Purpose

ORDER = ("start", *STEP_IDS, "review", "preview")
SCREENS = {
    "start": ("start", "StartScreen"),
    "request": ("request", "RequestScreen"),
    "you": ("you", "YouScreen"),
    "transaction": ("transaction", "TransactionScreen"),
    "description": ("description", "DescriptionScreen"),
    "evidence": ("evidence", "EvidenceScreen"),
    "review": ("review", "ReviewScreen"),
    "preview": ("preview", "PreviewScreen"),
}
"""Each step's screen: (module under screens/, class)."""
KEPT_AS = N_("The draft you were writing is kept as {ref}: the first screen lists it.")
KEPT_ON_QUIT = N_(
    "alma-contact: your answers are kept as draft {ref}. To go on with them: alma-contact {ref} "
    "(alma-contact drafts list shows every draft)."
)
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "nl": "Nederlands", "de": "Deutsch"}


def t(node: MessagePump, message: str, **params: object) -> str:
    """Translate for the app that ``node`` belongs to (a widget, a screen or the app); in
    English in another app (a widget of ours tried on its own)."""
    app = node if isinstance(node, App) else node.app
    return translate(app.ui_lang if isinstance(app, AlmaContactApp) else "en", message, **params)


class AlmaContactApp(App[int]):
    """Leads a person from nothing to a message ready to send to Alma."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: found from a subclass in another folder too
    TITLE = "alma-contact"
    BINDINGS = [
        # Priority: the app moves the focus as soon as it reads Tab, so the letters typed
        # right after it go to the next field even when the app is slow to keep up.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        ui_lang: str = "en",
        draft_path: Path | None = None,
        draft_ref: int | None = None,
        today: date | None = None,
        blink: bool = True,
    ) -> None:
        super().__init__()
        self.ui_lang = ui_lang if ui_lang in UI_LANGUAGES else "en"
        self.answers = Answers()
        self.keeper = Keeper(self)
        """The answers, kept in the draft store as they are typed."""
        self.draft_path = draft_path
        self.draft_ref = draft_ref
        """A draft of the store to resume at start (``alma-contact @3``)."""
        self.today = today
        self.blink = blink
        self.current = "start"
        self._kept: dict[str, Any] = {}
        self.mark_saved()

    # --- unsaved work ----------------------------------------------------------------

    def mark_saved(self) -> None:
        """The answers as they are now are safe in a file (or there is nothing to lose yet)."""
        # The answers as typed, not as a document: building one loads the model (pydantic),
        # which the start screen does without.
        self._kept = copy.deepcopy(self.answers.values)

    @property
    def unsaved(self) -> bool:
        """True when the answers differ from those last saved or opened (a fresh draft counts
        as saved: an app where nothing was typed quits without asking)."""
        if self.answers.values == self._kept:
            return False
        kept = Answers(values=self._kept, base_dir=self.answers.base_dir)
        return self.answers.document() != kept.document()  # a field typed and emptied is no change

    def unless_unsaved(self, purpose: Purpose, then: Callable[[], object]) -> None:
        """Run ``then`` at once when nothing would be lost: the answers are kept in the store (and
        the user is told under which number), or were saved. Otherwise (no store to keep them in)
        ask first: save the draft (``then`` runs once it is saved), go on without saving, or stay."""
        from .screens.unsaved import Choice, UnsavedDialog

        kept = self.keeper.keep()
        if kept is not None and purpose != "quit":
            self.notify(t(self, KEPT_AS, ref=f"@{kept.draft_id}"))
        if kept is not None or not self.unsaved:
            then()
            return
        if isinstance(self.screen, UnsavedDialog):  # already asking (a second Ctrl+Q, a paste)
            return

        def answered(choice: Choice | None) -> None:
            if choice == "discard":
                then()
            elif choice == "save":
                self.action_save_draft(then=then)

        self.push_screen(UnsavedDialog(purpose), callback=answered)

    # --- navigation --------------------------------------------------------------

    def get_default_screen(self) -> BaseScreen:
        """The start screen is the app's own first screen (no blank screen under it)."""
        self.current = "start"
        return self.make_screen("start")

    def on_mount(self) -> None:
        """A draft given on the command line opens on its review, over the start screen.

        (Textual reads a screen's own stylesheet when the screen is pushed, not for
        the first screen: a step shown first would be drawn without its layout.)
        """
        self.set_interval(1.0, self.keeper.tick, name="keep the answers")
        if self.draft_ref is not None:
            self.resume(self.draft_ref)
        elif self.draft_path is not None:
            self.open_draft(self.draft_path)

    def on_unmount(self) -> None:
        """However the app ends, the last answers are kept."""
        self.keeper.keep()
        self.keeper.close()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """With ``blink=False`` (tests, screenshots) no text cursor blinks, on any screen or dialog."""
        if not self.blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def make_screen(self, step_id: str) -> BaseScreen:
        """A fresh screen for a step, its keys described in the interface language; a screen's
        module is imported when first needed."""
        from .screens.base import BaseScreen, in_language

        module_name, class_name = SCREENS[step_id]
        module = importlib.import_module(f"{__package__}.screens.{module_name}")
        screen = getattr(module, class_name)
        assert isinstance(screen, type) and issubclass(screen, BaseScreen), screen
        return in_language(screen, self.ui_lang)()

    def goto(self, step_id: str) -> None:
        self.keeper.keep()  # a screen is left: what it took is kept at once
        self.current = step_id
        self._show(self.make_screen(step_id))

    def _show(self, screen: BaseScreen) -> None:
        """Put a step's screen in place of the current one (the first screen stays at the bottom)."""
        if len(self.screen_stack) <= 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def next_step(self) -> None:
        index = ORDER.index(self.current)
        if index + 1 < len(ORDER):
            self.goto(ORDER[index + 1])

    def previous_step(self) -> None:
        index = ORDER.index(self.current)
        if index > 0:
            self.goto(ORDER[index - 1])

    def _open(self, path: Path) -> str | None:
        """Load a draft file into the answers; the review screen then shows what is left to do."""
        from ..drafts import DraftInvalid

        try:
            self.answers = Answers.load(path)
        except DraftInvalid as error:
            from .problems import about, sentence

            lines = (sentence(about(p, self.ui_lang)) for p in error.problems(self.ui_lang))
            self.notify("\n".join(lines), severity="error", timeout=10)
            return None
        self.draft_path = path
        return "review"

    def open_draft(self, path: Path) -> None:
        step = self._open(path)
        if step:
            self.keeper.start_afresh()  # a new draft of the store once it is changed
            self.keeper.adopt(self.answers)
            self.mark_saved()
            self.goto(step)

    def resume(self, draft_id: int) -> None:
        """Go on with a draft of the store, on its review; a changed or missing evidence file is said."""
        stored = self.keeper.resume(draft_id)
        if stored is None:
            return
        source = stored.source
        self.answers = Answers.from_document(stored.document, stored.base_dir, source)
        self.draft_path = source if source is not None and source.suffix == ".toml" else None
        self.keeper.adopt(self.answers)
        self.mark_saved()
        self.goto("review")
        self.keeper.warn_changed_evidence()

    def new_request(self) -> None:
        self.answers = Answers()
        self.draft_path = None
        self.keeper.start_afresh()
        self.mark_saved()
        self.goto("request")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, always as plain text: it often quotes what the user typed (a path, a
        value), which Textual would otherwise read as markup; the app uses no markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # --- the draft -----------------------------------------------------------------

    def draft(self) -> Draft | None:
        draft, _ = self.answers.validate(self.today)
        return draft

    def day(self) -> date:
        """Today: the app's fixed day (tests, the settings' fixed day), else the computer's."""
        return self.today or date.today()

    # --- the requests sent ------------------------------------------------------------

    def cases(self) -> list[Case]:
        """The requests sent, the last opened first (none when the store cannot be used or is
        not made yet: the first screen does not make it)."""
        return self.keeper.cases()

    def action_my_requests(self) -> None:
        """My requests, over the current screen."""
        from .screens.base import in_language
        from .screens.cases import CasesScreen

        self.keeper.keep()
        self.push_screen(in_language(CasesScreen, self.ui_lang)())

    # --- actions -------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_switch_language(self) -> None:
        """Next interface language; the current screen is rebuilt, the answers stay."""
        index = UI_LANGUAGES.index(self.ui_lang)
        self.set_language(UI_LANGUAGES[(index + 1) % len(UI_LANGUAGES)])

    def set_language(self, lang: str) -> None:
        if lang == self.ui_lang:
            return
        self.ui_lang = lang
        from .screens.base import BaseScreen

        pushed = self.screen.again() if isinstance(self.screen, BaseScreen) else None
        self._show(pushed or self.make_screen(self.current))
        self.notify(t(self, N_("Interface: {language}"), language=LANGUAGE_NAMES[lang]))

    def action_save_draft(self, then: Callable[[], object] | None = None) -> None:
        """Ctrl+S: the save dialog; ``then`` runs once the draft is saved (not when cancelled)."""
        from .screens.save import SaveDialog

        default = self.draft_path or Path.cwd() / "alma-draft.toml"

        def saved(path: Path | None) -> None:
            if path is None:
                return
            self.mark_saved()
            if path.suffix == ".toml":
                self.draft_path = path
            if then is not None:
                then()

        self.push_screen(SaveDialog("draft", default), callback=saved)

    def action_new_request(self) -> None:
        self.unless_unsaved("new", self.new_request)

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit: the answers are kept in the store, and the user is told
        how to go on with them; without a store, ask first when they are not saved."""
        self.unless_unsaved("quit", self._quit)

    def _quit(self) -> None:
        kept = self.keeper.kept
        if kept is None:
            self.exit()
            return
        from rich.text import Text

        self.exit(message=Text(t(self, KEPT_ON_QUIT, ref=f"@{kept.draft_id}")))

    def action_command_palette(self) -> None:
        from .palette import open_palette

        open_palette(self)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from .palette import system_commands

        yield from system_commands(self, screen)  # Textual's own, translated
        yield SystemCommand(
            t(self, N_("Save the draft")),
            t(self, N_("Write the draft to a file you can open again")),
            self.action_save_draft,
        )
        yield SystemCommand(
            t(self, N_("Switch interface language")),
            t(self, N_("English, French, Dutch, German")),
            self.action_switch_language,
        )
        yield SystemCommand(
            t(self, N_("New request")),
            t(self, N_("Start again from an empty draft")),
            self.action_new_request,
        )
        if self.cases():
            from ..caselines import MY_REQUESTS, MY_REQUESTS_HELP

            yield SystemCommand(t(self, MY_REQUESTS), t(self, MY_REQUESTS_HELP), self.action_my_requests)
        yield SystemCommand(
            t(self, N_("Help and Alma's contact details")),
            t(self, N_("Email, form, postal address")),
            self.action_help,
        )
        if self.current == "preview":
            yield SystemCommand(
                t(self, N_("Copy the whole message")),
                t(self, N_("To paste it in your mail program")),
                lambda: screen.run_action("copy('all')"),
            )
            yield SystemCommand(
                t(self, N_("Save the message")),
                t(self, N_("As an email file, a PDF letter or text")),
                lambda: screen.run_action("save"),
            )
