"""Requests sent, in the app: “Was it sent?” after an export, My requests with each request's next
step (on the day ALMA_CONTACT_TODAY gives), the reminder on the usual preview, an answer noted,
a request closed as refused with where to turn."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Select, Static
from tui_support import (
    SIZE,
    go_next,
    make_app,
    pick_action,
    plain,
    record_notifications,
    save_as,
    settle,
    type_text,
)

from alma_contact.answers import Answers
from alma_contact.casework import record_first
from alma_contact.drafts import load as load_draft
from alma_contact.settings import current
from alma_contact.store import open_store
from alma_contact.tui.app import AlmaContactApp

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SENT_ON = date(2026, 11, 26)


def email_draft(folder: Path) -> Path:
    draft = folder / "annulation.toml"
    draft.write_text((EXAMPLES / "cancellation-fr.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return draft


def a_case_sent(folder: Path, path: Path | None = None) -> int:
    """The French cancellation (or the draft at ``path``) kept in the store and recorded as sent by email
    on 26 November."""
    path = path or email_draft(folder)
    answers = Answers.load(path)
    draft = load_draft(path, today=SENT_ON)
    with open_store() as store:
        saved = store.save(answers.document(), answers.base_dir.absolute())
        record_first(store, saved.id, draft, answers.document(), answers.base_dir.absolute(), day=SENT_ON)
    return saved.id


def app_of_the_day(monkeypatch: pytest.MonkeyPatch, day: str, lang: str = "en") -> AlmaContactApp:
    """The app as ``alma-contact`` starts it, on the day ALMA_CONTACT_TODAY gives."""
    monkeypatch.setenv("ALMA_CONTACT_TODAY", day)
    return AlmaContactApp(ui_lang=lang, today=current().today, blink=False)


async def write_next(pilot: Pilot[Any]) -> None:
    """From the first screen: My requests, then F3 on the request (the reminder or formal notice due)."""
    await pilot.pause()
    await pilot.click("#my-requests")
    await pilot.pause()
    await pilot.press("f3")
    await settle(pilot)


def screen_name(app: AlmaContactApp) -> str:
    return type(app.screen).__name__


async def test_a_saved_message_said_sent_becomes_a_request(tmp_path: Path) -> None:
    app = make_app("en", draft_path=email_draft(tmp_path))
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        await pick_action(pilot, "save:txt")
        await save_as(pilot, tmp_path / "message.txt")
        assert screen_name(app) == "SentDialog"
        assert app.screen.query_one("#sent-channel", Select).value == "email"
        await pilot.click("#yes")
        await settle(pilot)
        assert screen_name(app) == "PreviewScreen"
        assert any("@1" in text and "My requests" in text for text, _ in notes), notes
        # The same message is not asked about again.
        await pick_action(pilot, "save:txt")
        await save_as(pilot, tmp_path / "again.txt")
        assert screen_name(app) == "PreviewScreen"
    with open_store() as store:
        case = store.case(1)
    assert [(m.kind, m.day, m.channel) for m in case.messages] == [("request", date(2026, 11, 26), "email")]
    assert "Mode Exemple" in case.first.text
    assert case.first.subject


async def test_not_yet_records_nothing_and_a_wrong_day_is_said(tmp_path: Path) -> None:
    app = make_app("fr", draft_path=email_draft(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_next(pilot, "preview")
        await pick_action(pilot, "save:txt")
        await save_as(pilot, tmp_path / "message.txt")
        assert screen_name(app) == "SentDialog"
        day = app.screen.query_one("#sent-day")
        day.focus()
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "11/26/2026")
        await pilot.click("#yes")
        await pilot.pause()
        error = plain(str(app.screen.query_one("#sent-error", Static).render()))
        assert error.startswith("Le jour de l’envoi") or error.startswith("Le jour"), error
        assert "26/11/2026" in error  # what would be right
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "PreviewScreen"
    with open_store() as store:
        assert store.cases() == []


async def test_my_requests_says_when_the_reminder_is_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_case_sent(tmp_path)
    app = app_of_the_day(monkeypatch, "2026-12-01")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#due")  # nothing due today
        await pilot.click("#my-requests")
        await pilot.pause()
        assert screen_name(app) == "CasesScreen"
        option = str(app.screen.query_one("#cases", OptionList).get_option_at_index(0).prompt)
        assert option.startswith("@1 · Cancel")
        assert "sent on 26 November 2026" in option
        assert "waiting for an answer" in option
        assert "→ Reminder due on 11 December 2026" in option


async def test_a_reminder_written_from_my_requests_and_kept_once_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_case_sent(tmp_path)
    app = app_of_the_day(monkeypatch, "2026-12-14")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        due = plain(str(app.screen.query_one("#due", Static).render()))
        assert "One of your requests needs something from you today" in due
        await pilot.click("#my-requests")
        await pilot.pause()
        option = str(app.screen.query_one("#cases", OptionList).get_option_at_index(0).prompt)
        assert "→ No answer since 26 November 2026: write a reminder" in option
        await pilot.press("f3")
        await settle(pilot)
        assert screen_name(app) == "FollowUpPreview"
        # an instalment fell due on 3 December, after the sum the request gave: today's is needed
        assert app.focused is app.screen.query_one("#debited", Input)
        await type_text(pilot, "44,98")
        await pilot.press("enter")
        await settle(pilot)
        message = app.screen.rendered  # type: ignore[attr-defined]
        assert message.extra.get("follow_up") == "reminder"
        assert message.subject.startswith("Rappel"), message.subject
        assert "26 novembre 2026" in message.text  # the first message's day
        await pick_action(pilot, "copy:all")
        await settle(pilot)
        assert screen_name(app) == "SentDialog"
        await pilot.click("#yes")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "CasesScreen"
        option = str(app.screen.query_one("#cases", OptionList).get_option_at_index(0).prompt)
        assert "→ Formal notice due on" in option
    with open_store() as store:
        case = store.case(1)
    assert [(m.kind, m.day) for m in case.messages] == [
        ("request", date(2026, 11, 26)),
        ("reminder", date(2026, 12, 14)),
    ]


async def test_a_follow_up_claims_from_the_sum_debited_so_far(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cancellation claimed back 22,50 € on 26 November; an instalment fell due on 3 December: the
    reminder claims an exact sum, so nothing is written until the sum debited so far is typed (the
    field focused, no sum before offered to keep); one over the purchase is said at the field and
    nothing is offered to send; then the claim is that sum."""
    from decimal import Decimal

    from alma_contact.render import Phrases, format_amount

    a_case_sent(tmp_path)
    app = app_of_the_day(monkeypatch, "2026-12-14")
    async with app.run_test(size=SIZE) as pilot:
        await write_next(pilot)
        assert screen_name(app) == "FollowUpPreview"
        assert app.screen.rendered is None  # type: ignore[attr-defined]
        error = plain(str(app.screen.query_one("#preview-error", Static).render()))
        assert error.startswith("Debited so far: needed, as an instalment has fallen due"), error
        since = Phrases("fr").say(
            "taken_paid_since",
            {"paid_amount": format_amount(Decimal("22.50"), "fr"), "since": "26 novembre 2026"},
        )
        field = app.screen.query_one("#debited", Input)
        assert app.focused is field and "22,50" not in field.placeholder
        assert field.tooltip and "the reminder claims an exact sum" in str(field.tooltip)
        field.focus()
        await type_text(pilot, "120")
        await pilot.press("enter")
        await settle(pilot)
        error = plain(str(app.screen.query_one("#preview-error", Static).render()))
        assert error.startswith("Debited so far:") and "89,97" in error.replace(".", ",")
        assert app.screen.rendered is None  # type: ignore[attr-defined]
        field.value = ""
        await type_text(pilot, "44,98")
        await pilot.press("enter")
        await settle(pilot)
        assert not app.screen.query_one("#preview-problem").display
        message = app.screen.rendered  # type: ignore[attr-defined]
        assert "44,98\u00a0€" in message.text and since not in message.text
        await pick_action(pilot, "copy:all")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
    with open_store() as store:
        case = store.case(1)
    assert [(m.kind, m.debited) for m in case.messages] == [("request", None), ("reminder", Decimal("44.98"))]


async def test_a_formal_notice_waits_for_the_sum_debited_by_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the reminder, the formal notice claims an exact sum: the field of the sum debited is
    focused, no sum before is offered, and nothing is written or offered to send until it is typed."""
    from alma_contact.casework import next_message, record_follow_up

    a_case_sent(tmp_path)
    with open_store() as store:
        case = store.case(1)
        reminded = date(2026, 12, 14)
        message, draft = next_message(case, "reminder", today=reminded, debited="44,98")
        record_follow_up(store, case, message, draft, reminded)
    app = app_of_the_day(monkeypatch, "2027-01-05")
    async with app.run_test(size=SIZE) as pilot:
        await write_next(pilot)
        assert screen_name(app) == "FollowUpPreview"
        assert app.screen.kind == "formal_notice"  # type: ignore[attr-defined]
        field = app.screen.query_one("#debited", Input)
        assert app.focused is field and "22,50" not in field.placeholder
        error = plain(str(app.screen.query_one("#preview-error", Static).render()))
        assert error.startswith("Debited so far: needed for a formal notice")
        assert app.screen.rendered is None  # type: ignore[attr-defined]
        assert app.screen.query_one("#actions", OptionList).option_count == 0  # nothing to copy or save
        await type_text(pilot, "89,97")
        await pilot.press("enter")
        await settle(pilot)
        assert not app.screen.query_one("#preview-problem").display
        notice = app.screen.rendered  # type: ignore[attr-defined]
        assert notice.subject.startswith("Mise en demeure") and "89,97\u00a0€" in notice.text


async def test_an_answer_noted_then_closed_as_refused_shows_where_to_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_case_sent(tmp_path)
    app = app_of_the_day(monkeypatch, "2026-12-03")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_my_requests()
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert screen_name(app) == "AnswerDialog"
        await type_text(pilot, "Alma refuse d'annuler le plan.")
        await pilot.click("#note")
        await pilot.pause()
        assert screen_name(app) == "CasesScreen", plain(
            str(app.screen.query_one("#answer-error", Static).render())
        )
        option = str(app.screen.query_one("#cases", OptionList).get_option_at_index(0).prompt)
        assert "→ Answer noted: close it" in option
        await pilot.press("f6")
        await pilot.pause()
        assert screen_name(app) == "CloseDialog"
        await pilot.press("down", "down", "enter")
        await pilot.click("#close")
        await pilot.pause()
        assert screen_name(app) == "EscalationDialog"
        text = plain(str(app.screen.query_one("#escalation-text").query(Static).last().render()))
        assert "ECC Belgium" in text
        await pilot.click("#close")
        await pilot.pause()
        option = str(app.screen.query_one("#cases", OptionList).get_option_at_index(0).prompt)
        assert "refused" in option and "→ Refused: where to turn" in option
        assert app.screen.query_one("#cases", OptionList).has_focus
    with open_store() as store:
        case = store.case(1)
    assert case.state == "refused"
    assert [a.note for a in case.answers] == ["Alma refuse d'annuler le plan."]


async def test_the_help_says_where_to_turn_at_any_time() -> None:
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = plain(str(app.screen.query_one("#help-escalation", Static).render()))
        assert "ECC" in text


async def test_my_requests_is_not_offered_before_a_request_is_sent() -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#my-requests")
        assert not app.screen.query(Button).filter("#my-requests")


async def test_the_case_file_is_saved_as_a_private_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_case_sent(tmp_path)
    app = app_of_the_day(monkeypatch, "2026-12-03")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_my_requests()
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert screen_name(app) == "SaveDialog"
        target = tmp_path / "dossier.pdf"
        await save_as(pilot, target)
        assert screen_name(app) == "CasesScreen"
        # Never over a file without asking: the same name again asks first, and Keep it keeps it.
        before = target.read_bytes()
        await pilot.press("f4")
        await pilot.pause()
        field = app.screen.query_one("#save-path", Input)
        field.value = str(target)
        await pilot.click("#save")
        await pilot.pause()
        assert screen_name(app) == "Confirm"
        await pilot.click("#no")
        await settle(pilot)
    assert before.startswith(b"%PDF")
    assert target.read_bytes() == before
    assert target.stat().st_mode & 0o777 == 0o600


async def test_the_reminder_of_a_change_of_card_says_the_debit_failed_once_ticked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every instalment fell due by 22 December: the reminder asks whether a debit from the old card
    failed, beside a box to say it did; ticked, the reminder says so and claims what it calls for."""
    from textual.widgets import Checkbox

    from alma_contact.render import Phrases

    path = tmp_path / "carte.toml"
    path.write_text((EXAMPLES / "change-card-fr.toml").read_text(encoding="utf-8"), encoding="utf-8")
    a_case_sent(tmp_path, path)
    app = app_of_the_day(monkeypatch, "2026-12-22")
    async with app.run_test(size=SIZE) as pilot:
        await write_next(pilot)
        assert screen_name(app) == "FollowUpPreview"
        asking = app.screen.rendered  # type: ignore[attr-defined]
        words = Phrases("fr")
        asks_it = words.say("installments_change_card_ask_ended_followup", {})
        says_it = words.say("installments_change_card_ask_debit_failed_followup", {})
        assert asks_it in asking.text
        box = app.screen.query_one("#debit-failed", Checkbox)
        assert not box.value and box.tooltip and "bank statement" in str(box.tooltip)
        box.focus()
        await pilot.press("space")
        await settle(pilot)
        said = app.screen.rendered  # type: ignore[attr-defined]
        assert says_it in said.text and asks_it not in said.text
