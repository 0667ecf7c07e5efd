"""The next message of a request sent (a reminder or a formal notice), on the usual preview: the
same actions, the channels that kind of message has, and "Was it sent?" keeps it with the request.

Written from the draft as first sent (:func:`alma_contact.casework.next_message`), for today;
pushed over My requests, to which Escape goes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Checkbox, Select, Static, TextArea

from ... import caselines
from ...cases import KIND_LABELS
from ...i18n import N_
from ...registry import channel as channel_named
from ..widgets.inputs import CleanInput
from ..widgets.questions import TickBox
from .base import in_language
from .preview import PreviewScreen

if TYPE_CHECKING:
    from ...cases import Case
    from ...model import Draft
    from .sent import Record, Sent

FOLLOW_UP_LINE = N_("Request {ref}: {kind}")
CANNOT_WRITE = N_("This message cannot be written: {problem}")


class FollowUpPreview(PreviewScreen):
    """A reminder or a formal notice of ``case``, and what to do with it."""

    def __init__(
        self,
        case: Case,
        kind: str,
        channel: str | None = None,
        language: str | None = None,
        debited: str = "",
        debit_failed: bool = False,
    ) -> None:
        from ...casework import follow_up_channel
        from ...followup import FOLLOW_UP_CHANNELS

        super().__init__()
        self.case = case
        self.kind = kind
        self.channels: tuple[str, ...] = tuple(FOLLOW_UP_CHANNELS[kind])
        chosen = channel or follow_up_channel(case, kind)
        self.channel = chosen if chosen in self.channels else self.channels[0]
        self.language = language or case.first.language
        self.debited = debited
        """The sum debited so far as typed ("": not given), where the request claims from it."""
        self.debit_failed = debit_failed
        """Whether the person says the debit the request was about failed, where the reminder asks it."""
        self.draft: Draft | None = None
        self.recorded = False

    def again(self) -> FollowUpPreview:
        return in_language(FollowUpPreview, self.app.ui_lang)(
            self.case, self.kind, self.channel, self.language, self.debited, self.debit_failed
        )

    def progress_text(self) -> str:
        return self.t(FOLLOW_UP_LINE, ref=self.case.ref, kind=self.t(KIND_LABELS[self.kind]))

    def channel_choices(self) -> tuple[tuple[str, str], ...]:
        return tuple((self.t(channel_named(value).label), value) for value in self.channels)

    def chosen(self) -> tuple[str, str]:
        return self.channel, self.language

    def on_mount(self) -> None:
        from ...casework import asks_debit_failed, asks_debited, needs_debited, reminder_draft

        day = self.app.day()
        draft = reminder_draft(self.case, self.kind, day)  # read once for both questions
        needed = needs_debited(self.case, self.kind, day, draft) is not None
        if asks_debited(self.case):  # before the message is written from it
            choices = self.query_one("#preview-choices")
            field = CleanInput(
                self.debited, placeholder=self._debited_hint(needed), id="debited", select_on_focus=False
            )
            field.tooltip = self.t(caselines.debited_help(self.kind, needed))
            row = Horizontal(
                Static(self.t(caselines.DEBITED), classes="field-label", markup=False),
                field,
                id="debited-row",
            )
            if isinstance(choices.parent, Widget):
                choices.parent.mount(row, after=choices)
        if asks_debit_failed(self.case, self.kind, day, draft):
            choices = self.query_one("#preview-choices")
            box = TickBox(self.t(caselines.DEBIT_FAILED), self.debit_failed, id="debit-failed")
            box.tooltip = self.t(caselines.DEBIT_FAILED_HELP)
            if isinstance(choices.parent, Widget):
                choices.parent.mount(box, after=choices)
        super().on_mount()
        self.query_one("#recipient-note").display = False
        self.query_one("#fix").display = False
        if needed and not self.debited:
            # nothing to send until it is typed (after the preview has focused its actions)
            self.call_after_refresh(lambda: self.query_one("#debited", CleanInput).focus())

    # --- the message ------------------------------------------------------------------

    def _show_message(self) -> None:
        """Write the follow-up for today, by the channel and in the language chosen."""
        from ...casework import DEBITED_KEY, next_message
        from ...contacts import user_recipient
        from ...drafts import DraftInvalid

        config, _ = user_recipient(self.app.ui_lang)
        store = self.app.keeper.store()
        try:
            message, draft = next_message(
                self.case,
                self.kind,
                today=self.app.day(),
                channel=self.channel,
                language=self.language,
                config=config,
                store=store,
                debited=self.debited or None,
                debit_failed=self.debit_failed,
            )
        except (DraftInvalid, ValueError) as error:
            if isinstance(error, DraftInvalid):
                first = error.problems(self.app.ui_lang)[0]
                if first.key == DEBITED_KEY:
                    text = self.t(caselines.DEBITED_WRONG, problem=first.message)
                else:
                    text = self.t(CANNOT_WRITE, problem=first.message)
            else:
                text = self.t(CANNOT_WRITE, problem=str(error))
            self.query_one("#preview-error", Static).update(text)
            self.query_one("#preview-problem").display = True
            self.rendered, self.draft = None, None  # nothing to send until it is fixed
            self.query_one("#message", TextArea).load_text("")
            self._actions()
            return
        self.query_one("#preview-problem").display = False
        self.rendered, self.draft = message, draft
        self.query_one("#message", TextArea).load_text(message.text)
        self._actions()

    @on(Select.Changed, "#channel")
    @on(Select.Changed, "#language")
    def _choice(self, event: Select.Changed) -> None:
        event.prevent_default()  # the journey's preview would change the draft's answers
        if event.value is Select.NULL:
            return
        if event.select.id == "channel":
            self.channel = str(event.value)
        else:
            self.language = str(event.value)
        self._show_message()

    def _debited_hint(self, needed: bool) -> str:
        """What the message claims from until a sum is typed: the sum given last and its day (none where
        today's sum is ``needed``)."""
        known = None if needed else caselines.debited_known(self.case, self.app.ui_lang)
        if known is None:
            return self.t(caselines.FOR_EXAMPLE, example="299,94")
        return self.t(caselines.DEBITED_BEFORE, **known)

    @on(CleanInput.Submitted, "#debited")
    @on(CleanInput.Blurred, "#debited")
    def _debited(self, event: CleanInput.Submitted | CleanInput.Blurred) -> None:
        """The message claims from the sum debited so far once it is typed (or from before, emptied)."""
        typed = event.value.strip()
        if typed != self.debited:
            self.debited = typed
            self._show_message()
        if isinstance(event, CleanInput.Submitted) and self.rendered is not None:
            self.query_one("#actions").focus()  # the message is written from it: what to do with it

    @on(Checkbox.Changed, "#debit-failed")
    def _debit_failed(self, event: Checkbox.Changed) -> None:
        """The reminder says the debit failed, or asks whether it did."""
        if event.value != self.debit_failed:
            self.debit_failed = event.value
            self._show_message()

    def message_draft(self) -> Draft | None:
        return self.draft

    def warn_evidence(self) -> None:
        """The evidence files were fingerprinted when the request was sent: the case file lists them."""

    def action_back(self) -> None:
        self.app.pop_screen()

    # --- was it sent? -------------------------------------------------------------------

    def sent_channels(self) -> tuple[str, ...]:
        return self.channels

    def sent_recorder(self) -> Record | None:
        store = self.app.keeper.store()
        if store is None or self.recorded:
            return None
        lang = self.app.ui_lang

        def record(sent: Sent) -> str:
            case = caselines.record_follow_up_sent(
                store,
                self.case,
                self.kind,
                channel=sent.channel,
                language=self.language,
                day=sent.day,
                registered=sent.registered,
                lang=lang,
                debited=self.debited or None,
                debit_failed=self.debit_failed,
            )
            self.recorded = True
            self.case = case
            return self.t(caselines.FOLLOW_UP_RECORDED, kind=self.t(KIND_LABELS[self.kind]), ref=case.ref)

        return record
