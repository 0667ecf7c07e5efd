"""F1: how to reach Alma, and the keys of the app."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from ...i18n import N_
from ..app import t
from .dialog import Dialog


class HelpScreen(Dialog[None]):
    """Alma's contact details (from the same data the messages use) and the keys."""

    BINDINGS = [Binding("escape,f1", "close", show=False)]

    def compose(self) -> ComposeResult:
        from ...contacts import resolve, user_recipient
        from ...escalation import escalation_text

        config, _ = user_recipient(self.app.ui_lang)
        alma = resolve(config)
        lines = [
            t(self, N_("Email: {email}"), email=alma.email),
            t(self, N_("Online form: {url}"), url=alma.form_url),
            t(self, N_("Postal address: {address}"), address=", ".join(alma.address)),
            t(self, N_("Open 7 days a week; email and form are usually answered within a few hours.")),
            t(self, N_("French gets the fastest answer; you may ask for an answer in Dutch.")),
        ]
        keys = [
            t(self, N_("F1: this help · F2: interface language · Ctrl+S: save the draft · Ctrl+Q: quit")),
            t(self, N_("Ctrl+N or the Next button: next step · Escape or Back: previous step")),
            t(self, N_("Tab and Shift+Tab move between fields · Ctrl+P: all commands")),
        ]
        # The text scrolls on its own, so that Close stays in view in a 24-line terminal.
        with Vertical(classes="dialog", id="help"):
            with VerticalScroll(id="help-text"):
                yield Label(t(self, N_("Alma's customer service")), classes="label", markup=False)
                yield Static("\n".join(lines), markup=False)
                yield Label(t(self, N_("Keys")), classes="label", markup=False)
                yield Static("\n".join(keys), markup=False)
                yield Label(
                    t(self, N_("When Alma refuses or does not answer")), classes="label", markup=False
                )
                yield Static(escalation_text(self.app.ui_lang), markup=False, id="help-escalation")
            with Horizontal(classes="buttons"):
                yield Button(t(self, N_("Close")), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
