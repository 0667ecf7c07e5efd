"""The review step: what Alma needs, marked done or missing; any line leads to the question that fixes it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import N_
from ...steps import step_of
from ..problems import LINE, about, said
from .base import StepScreen


class ReviewScreen(StepScreen):
    """The checklist of the draft, or the answers still wrong."""

    STEP_ID = "review"

    def compose_body(self) -> ComposeResult:
        from ...checks import checklist, warnings

        app = self.app
        draft = app.draft()
        lang = app.ui_lang
        options: list[Option] = []
        if draft is None:
            yield Static(
                self.t(
                    N_(
                        "These answers need a change before the message can be written. Choose a line to fix it:"
                    )
                ),
                classes="intro",
                markup=False,
            )
            problems = app.answers.problems(lang, app.today)
            for index, problem in enumerate(problems.values()):
                options.append(
                    Option(f"✗ {said(problem, lang, self.app.answers.flat())}", id=f"{index}:{problem.key}")
                )
        else:
            yield Static(
                self.t(N_("Your message is ready. Choose a line to change it, or go on to the preview.")),
                classes="intro",
                markup=False,
            )
            for index, item in enumerate(checklist(draft, lang)):
                mark = "✓" if item.ok else "!"
                line = self.t(LINE, label=item.label, detail=item.detail)
                options.append(Option(f"{mark} {line}", id=f"c{index}:{item.key}"))
            from ...contacts import user_recipient

            config, _ = user_recipient(lang)  # where the message goes, when not to Alma, comes first
            for index, problem in enumerate(warnings(draft, lang, config)):
                options.append(
                    Option(f"! {about(problem, lang, self.app.answers.flat())}", id=f"w{index}:{problem.key}")
                )
        yield OptionList(*options, id="checklist", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#checklist", OptionList).focus()

    @on(OptionList.OptionSelected, "#checklist")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        """To the step of the line, with the focus on its question and its error shown."""
        from .description import DescriptionScreen
        from .form import FormScreen

        key = (event.option.id or ":").split(":", 1)[1]
        self.app.goto(step_of(key))
        screen = self.app.screen  # the step's screen is current at once, and mounted afterwards
        if isinstance(screen, FormScreen | DescriptionScreen):
            screen.focus_key = key.split("[", 1)[0]

    def ready_to_leave(self) -> bool:
        if self.app.draft() is None:
            self.notify(
                self.t(N_("Fix the lines marked ✗ first: choose one to go to its step.")), severity="warning"
            )
            return False
        return True
