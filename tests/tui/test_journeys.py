"""Whole journeys through the app, driven with keys and clicks as a person would.

Each test starts the app headless at 80 x 24 with a fixed day and checks what
the person would check: what the screens show, what was copied, what the saved
files contain.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from textual import events
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from tui_support import (
    SIZE,
    TODAY,
    assert_focus,
    choose,
    error_line,
    field,
    fill,
    go_back,
    go_next,
    make_app,
    not_yet,
    pick_action,
    plain,
    readback,
    record_notifications,
    save_as,
    screen_text,
    settle,
    shown,
    type_text,
)

from alma_contact.export.clipboard import CopyResult
from alma_contact.model import LIMITS
from alma_contact.tui.app import AlmaContactApp
from alma_contact.tui.problems import said

DESCRIPTION_FR = (
    "J'ai renvoyé la table le 3 novembre. Meubles Dupont a confirmé le remboursement "
    "le 20 novembre, mais la deuxième échéance a quand même été prélevée."
)
DESCRIPTION_NL = (
    "Op 2 november werd mijn betaling van 1.249,00 euro geweigerd, hoewel mijn kaart geldig is. "
    "Kunt u nagaan wat er mis is?"
)


@pytest.fixture
def evidence(tmp_path: Path) -> Path:
    """A small PDF file to attach, outside the working folder."""
    path = tmp_path / "files" / "confirmation-commande.pdf"
    path.parent.mkdir()
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return path


@pytest.fixture
def clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts given to the system clipboard code; no real clipboard program runs."""
    copied: list[str] = []

    def copy(text: str, environ: Any = None) -> CopyResult:
        copied.append(text)
        return CopyResult("fake-clip")

    monkeypatch.setattr("alma_contact.export.clipboard.copy", copy)
    return copied


async def new_request(pilot: Any, request: str) -> None:
    """From the start screen: a new request of this kind chosen on its first step."""
    await pilot.click("#new")
    await pilot.pause()
    await choose(pilot, "request", request)
    await pilot.pause()


async def refund_request(pilot: Any) -> None:
    """From the start screen to the "you" step: a full refund, by email, in French."""
    app = pilot.app
    assert app.current == "start"
    await pilot.click("#new")
    await pilot.pause()
    assert app.current == "request"
    await choose(pilot, "request", "refund")
    await choose(pilot, "details.refund", "full")
    await fill(pilot, "details.merchant_refunded_on", "20/11/2026")
    await choose(pilot, "channel", "email")
    await choose(pilot, "language", "fr")
    await go_next(pilot, "you", click=True)


async def test_a_detail_shown_by_the_request_shows_its_default_chosen() -> None:
    """The refund's choice appears with the registry's default pressed, as the draft holds it."""
    from textual.widgets import RadioSet

    from alma_contact.registry import REQUESTS

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_request(pilot, "refund")
        detail = REQUESTS["refund"].detail("refund")
        assert detail is not None and detail.default
        assert app.answers.get("details.refund") == detail.default
        radios = app.screen.query_one("#q-details-refund").query_one(RadioSet)
        assert radios.pressed_index == detail.values.index(detail.default)


async def test_two_requests_ask_a_key_of_the_same_name_each_with_its_own_choices() -> None:
    """cancellation and fees both have details.action: switching from one to the other shows the
    other's question with its own default chosen, never the first request's answer."""
    from textual.widgets import RadioSet

    from alma_contact.registry import REQUESTS

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_request(pilot, "cancellation")
        assert app.answers.get("details.action") == "cancel"
        app.screen.query_one("#q-request").query_one(RadioSet).focus()
        await pilot.pause()
        await choose(pilot, "request", "fees")
        await pilot.pause()
        fees = REQUESTS["fees"].detail("action")
        assert fees is not None and app.answers.get("details.action") == fees.default
        shown = app.screen.query_one("#q-fees-details-action")
        assert shown.display and not app.screen.query_one("#q-cancellation-details-action").display
        assert shown.query_one(RadioSet).pressed_index == fees.values.index("contest")
        assert app.answers.problems("en").get("details.action") is None


async def test_an_objection_asks_its_use_with_none_chosen_and_the_answer_is_kept() -> None:
    """The purpose of an objection has no default: shown (only for an objection) with nothing pressed,
    the draft holds nothing until the person picks one."""
    from textual.widgets import RadioSet

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_request(pilot, "personal_data")
        question = app.screen.query_one("#q-details-purpose")
        assert not question.display  # asked for an objection only
        await choose(pilot, "details.right", "objection")
        await pilot.pause()
        assert question.display and question.query_one(RadioSet).pressed_index == -1
        assert not app.answers.get("details.purpose")
        await choose(pilot, "details.purpose", "marketing")
        await pilot.pause()
        assert app.answers.get("details.purpose") == "marketing"
        assert app.answers.problems("en").get("details.purpose") is None


async def about_an(pilot: Any, *, address: bool = False) -> None:
    await fill(pilot, "customer.first_name", "An")
    await fill(pilot, "customer.last_name", "Peeters")
    await fill(pilot, "customer.email", "an.peeters@example.be")
    await fill(pilot, "customer.phone", "0470 12 34 56")
    if address:
        await fill(pilot, "customer.street", "Rue de la Loi 16")
        await fill(pilot, "customer.postal_code", "1000")
        await fill(pilot, "customer.city", "Bruxelles")


async def test_french_refund_email_copied_and_saved_as_eml(
    tmp_path: Path, evidence: Path, clipboard: list[str]
) -> None:
    app = make_app("fr")
    notes = record_notifications(app)
    osc52: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        original = app.copy_to_clipboard

        def copy_to_clipboard(text: str) -> None:
            osc52.append(text)
            original(text)

        app.copy_to_clipboard = copy_to_clipboard  # type: ignore[method-assign]

        await refund_request(pilot)
        await about_an(pilot)
        await go_next(pilot, "transaction")

        await fill(pilot, "transaction.amount", "1.234,56")
        assert readback(app, "transaction.amount") == "Compris comme : 1 234,56 €"
        await fill(pilot, "transaction.date", "2/11/2026")
        assert readback(app, "transaction.date") == "Compris comme : 2 novembre 2026"
        await fill(pilot, "transaction.order_number", "A-123")
        await fill(pilot, "transaction.merchant", "Meubles Dupont")
        await choose(pilot, "transaction.plan", "3x")
        await go_next(pilot, "description")

        assert isinstance(app.focused, TextArea)
        await type_text(pilot, DESCRIPTION_FR)
        await go_next(pilot, "evidence")

        assert app.focused is app.screen.query_one("#path", Input)
        await type_text(pilot, str(evidence))
        await pilot.press("enter")
        table = app.screen.query_one("#files", DataTable)
        assert table.row_count == 1
        name, label, _, media_type = (plain(str(cell)) for cell in table.get_row_at(0))
        # Described as its name says, in the message's language; the focus is on the description.
        assert (name, label, media_type) == (
            "confirmation-commande.pdf",
            "Confirmation commande (PDF)",
            "application/pdf",
        )
        assert app.focused is app.screen.query_one("#label", Input)
        await go_next(pilot, "review")

        checklist = app.screen.query_one("#checklist", OptionList)
        lines = [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]
        assert all(not line.startswith("✗") for line in lines)
        assert any("confirmation-commande.pdf" in line for line in lines)
        await go_next(pilot, "preview")

        message = plain(app.screen.query_one("#message", TextArea).text)
        for fact in ("An Peeters", "1 234,56 €", "2 novembre 2026", "A-123", "Meubles Dupont", "prélevée"):
            assert fact in message

        await pick_action(pilot, "copy:all")
        await settle(pilot)
        await not_yet(pilot, "email")  # asked once for this message: not after the .eml below
        assert clipboard == [app.screen.rendered.text]
        assert osc52 == clipboard
        assert app.clipboard == clipboard[0]
        assert any("fake-clip" in text for text, _ in notes)

        await pick_action(pilot, "save:eml")
        assert type(app.screen).__name__ == "SaveDialog"
        target = tmp_path / "message.eml"
        await save_as(pilot, target)
        assert app.current == "preview" and type(app.screen).__name__ == "PreviewScreen"
        assert any(str(target) in text for text, _ in notes), notes

    parsed = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "support@almapay.com"
    assert "an.peeters@example.be" in parsed["From"]
    assert "A-123" in parsed["Subject"]
    body = parsed.get_body(preferencelist=("plain",))
    assert body is not None and "Meubles Dupont" in body.get_content()
    attachments = list(parsed.iter_attachments())
    assert [part.get_filename() for part in attachments] == ["confirmation-commande.pdf"]
    assert attachments[0].get_content() == evidence.read_bytes()


async def test_dutch_refused_payment_letter_saved_as_pdf(tmp_path: Path) -> None:
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the focus starts on "New request"
        await pilot.pause()
        assert app.current == "request"
        await choose(pilot, "request", "payment_issue")
        await choose(pilot, "details.issue", "refused")
        await choose(pilot, "channel", "letter")
        await choose(pilot, "language", "nl")
        await go_next(pilot, "you")

        await fill(pilot, "customer.first_name", "Jan")
        await fill(pilot, "customer.last_name", "Janssens")
        await fill(pilot, "customer.email", "jan.janssens@example.be")
        await fill(pilot, "customer.phone", "+32 470 12 34 57")
        await fill(pilot, "customer.street", "Voorbeeldstraat 5")
        await fill(pilot, "customer.postal_code", "2000")
        await fill(pilot, "customer.city", "Antwerpen")
        assert field(app, "customer.country").value == "BE"
        await go_next(pilot, "transaction")

        await fill(pilot, "transaction.amount", "1249")
        assert readback(app, "transaction.amount") == "Gelezen als: € 1.249,00"
        await fill(pilot, "transaction.date", "2/11/2026")
        assert readback(app, "transaction.date") == "Gelezen als: 2 november 2026"
        await fill(pilot, "transaction.order_number", "FV-55812")
        await fill(pilot, "transaction.merchant", "Fietsen Voorbeeld")
        await choose(pilot, "transaction.plan", "10x")
        await go_next(pilot, "description")
        await type_text(pilot, DESCRIPTION_NL)
        await go_next(pilot, "evidence")
        await go_next(pilot, "review")
        await go_next(pilot, "preview")

        message = plain(app.screen.query_one("#message", TextArea).text)
        assert "Jan Janssens" in message and "€ 1.249,00" in message and "Antwerpen" in message
        await pick_action(pilot, "save:pdf")
        target = tmp_path / "brief.pdf"
        await save_as(pilot, target)
        await not_yet(pilot, "letter")
        assert type(app.screen).__name__ == "PreviewScreen"

    text = plain("\n".join(page.extract_text() for page in PdfReader(target).pages))
    assert "Jan Janssens" in text
    assert "1.249,00" in text
    assert "Voorbeeldstraat 5" in text


async def test_form_message_has_one_labelled_block_per_field(clipboard: list[str]) -> None:
    draft_answers = {
        "request": "installments",
        "details.question": "schedule",
        "channel": "form",
        "customer.first_name": "An",
        "customer.last_name": "Peeters",
        "customer.email": "an.peeters@example.be",
        "customer.phone": "0470 12 34 56",
        "transaction.amount": "300",
        "transaction.date": "2/11/2026",
        "transaction.merchant": "Meubles Dupont",
        "description": "Je ne comprends pas les dates de mon échéancier : pouvez-vous me les expliquer ?",
    }
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#new")
        await pilot.pause()
        await choose(pilot, "request", "installments")
        await choose(pilot, "details.question", "schedule")
        await choose(pilot, "channel", "form")
        await go_next(pilot, "you")
        await about_an(pilot)
        await go_next(pilot, "transaction")
        await fill(pilot, "transaction.amount", "300")
        await fill(pilot, "transaction.date", "2/11/2026")
        await fill(pilot, "transaction.order_number", "")
        await fill(pilot, "transaction.merchant", "Meubles Dupont")
        await go_next(pilot, "description")
        await type_text(pilot, draft_answers["description"])
        await go_next(pilot, "evidence")
        await go_next(pilot, "review")
        await go_next(pilot, "preview")
        for key, value in draft_answers.items():
            assert app.answers.get(key) == value, key

        text = plain(app.screen.query_one("#message", TextArea).text)
        blocks = text.split("\n\n")
        assert blocks[0] == "Formulaire : https://almapay.com/fr-FR/nous-contacter"
        assert blocks[1:5] == [
            "Nom\nPeeters",
            "Prénom\nAn",
            "Adresse e-mail\nan.peeters@example.be",
            "Téléphone\n+32 470 12 34 56",
        ]
        assert blocks[5].startswith("Objet\n") and "Meubles Dupont" in blocks[5]
        assert blocks[6].startswith("Message\n")
        assert "pouvez-vous me les expliquer" in text

        # Each field of the form can be copied on its own.
        await pick_action(pilot, "copy:last_name")
        await not_yet(pilot, "form")
        await pick_action(pilot, "copy:email")
        await settle(pilot)
        assert clipboard == ["Peeters", "an.peeters@example.be"]


async def test_back_and_next_keep_every_typed_value(evidence: Path) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        await about_an(pilot)
        await go_next(pilot, "transaction")
        await fill(pilot, "transaction.amount", "89,90")
        await fill(pilot, "transaction.date", "2/11/2026")
        await fill(pilot, "transaction.order_number", "A-9")
        await go_back(pilot, "you")
        for key, value in {
            "customer.first_name": "An",
            "customer.last_name": "Peeters",
            "customer.email": "an.peeters@example.be",
            "customer.phone": "0470 12 34 56",
        }.items():
            assert field(app, key).value == value, key
        await go_back(pilot, "request")
        assert app.answers.get("request") == "refund"
        assert field(app, "details.merchant_refunded_on").value == "20/11/2026"
        radio = app.screen.query_one("#q-request").query_one("RadioSet")
        assert radio.pressed_index == 2
        # The keyboard cursor waits on the answer given: Enter confirms it, and changes nothing.
        assert_focus(app, "request")
        await pilot.press("enter")
        assert app.answers.get("request") == "refund"
        await pilot.press("down", "enter")
        assert app.answers.get("request") == "installments"
        await pilot.press("up", "enter")
        assert app.answers.get("request") == "refund"
        assert app.answers.get("details.refund") == "full"
        await go_next(pilot, "you")
        await go_next(pilot, "transaction")
        assert field(app, "transaction.amount").value == "89,90"
        assert readback(app, "transaction.amount") == "Compris comme : 89,90 €"
        assert field(app, "transaction.order_number").value == "A-9"
        # The description and the evidence survive a round trip too.
        assert_focus(app, "transaction.amount")
        await go_next(pilot, "description")
        await type_text(pilot, "Le marchand a remboursé, Alma prélève encore.")
        await go_next(pilot, "evidence")
        await type_text(pilot, str(evidence))
        await pilot.press("enter")
        await go_back(pilot, "description")
        assert (
            app.screen.query_one("#description", TextArea).text
            == "Le marchand a remboursé, Alma prélève encore."
        )
        await go_next(pilot, "evidence")
        assert app.screen.query_one("#files", DataTable).row_count == 1


async def test_wrong_amount_and_date_block_next_with_the_message_under_the_field() -> None:
    app = make_app("fr")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        await about_an(pilot)
        await go_next(pilot, "transaction")

        await fill(pilot, "transaction.amount", "12,345", leave=False)
        assert shown(error_line(app, "transaction.amount")) == ""  # nothing while typing
        await pilot.press("tab")
        amount_error = shown(error_line(app, "transaction.amount"))
        problems = app.answers.problems("fr", TODAY)
        # The question's label, then the model's message: "Montant en euros : « 12,345 » …".
        assert amount_error == plain(said(problems["transaction.amount"], "fr"))
        assert amount_error.startswith("Montant en euros : ")
        assert readback(app, "transaction.amount") == ""
        amount_field = field(app, "transaction.amount")
        assert error_line(app, "transaction.amount").region.y > amount_field.region.y

        await fill(pilot, "transaction.date", "11/26/2026")
        date_error = shown(error_line(app, "transaction.date"))
        assert date_error == plain(said(app.answers.problems("fr", TODAY)["transaction.date"], "fr")) != ""
        await fill(pilot, "transaction.order_number", "A-123")

        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current == "transaction"
        assert app.focused is field(app, "transaction.amount")
        assert (plain(notes[-1][0]), notes[-1][1]) == (
            "Certaines réponses doivent être corrigées : voyez les messages sous les champs.",
            "warning",
        )
        screen = screen_text(app)
        assert amount_error.split()[0] in screen

        # Fixing the amount moves the focus to the next wrong field on the next try.
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "12,35")
        await pilot.press("tab")
        assert shown(error_line(app, "transaction.amount")) == ""
        assert readback(app, "transaction.amount") == "Compris comme : 12,35 €"
        await pilot.click("#next")
        await pilot.pause()
        assert app.current == "transaction"
        assert_focus(app, "transaction.date")
        await pilot.press("ctrl+u")
        await type_text(pilot, "20/11/2026")  # not after the merchant's refund (20/11), asked on step 1
        await pilot.press("tab")
        assert shown(error_line(app, "transaction.date")) == ""
        await go_next(pilot, "description")


async def test_switching_the_interface_language_keeps_the_answers() -> None:
    app = make_app("fr")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        await fill(pilot, "customer.first_name", "An")
        await fill(pilot, "customer.last_name", "Peeters", leave=False)
        assert "Étape 2 sur 7 : À propos de vous" in screen_text(app)

        await pilot.press("f2")
        await pilot.pause()
        assert app.ui_lang == "nl" and app.current == "you"
        text = screen_text(app)
        assert "Stap 2 van 7" in text and "Étape" not in text
        assert shown(app.screen.query_one("#progress", Static)).startswith("Stap 2 van 7")
        assert str(app.screen.query_one("#next").label) == "Volgende"
        assert field(app, "customer.first_name").value == "An"
        assert field(app, "customer.last_name").value == "Peeters"
        assert notes[-1][0] == "Interface: Nederlands"

        await pilot.press("f2")
        await pilot.pause()
        assert app.ui_lang == "de" and app.current == "you"
        assert "Schritt 2 von 7: Über Sie" in screen_text(app)
        assert str(app.screen.query_one("#next").label) == "Weiter"
        assert field(app, "customer.last_name").value == "Peeters"
        assert notes[-1][0] == "Oberfläche: Deutsch"

        await pilot.press("f2")
        await pilot.pause()
        assert app.ui_lang == "en"
        assert "Step 2 of 7" in screen_text(app)
        await go_back(pilot, "request")
        assert "What is it about?" in screen_text(app)
        assert app.answers.get("request") == "refund"
        # The message language is the draft's, not the interface's.
        assert app.answers.get("language") == "fr"


async def test_opening_a_draft_file_lands_on_the_review(tmp_path: Path) -> None:
    draft = tmp_path / "refus.toml"
    examples = Path(__file__).resolve().parents[2] / "examples"
    draft.write_text((examples / "refused-payment-nl.toml").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app("fr", draft_path=draft)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current == "review"
        assert type(app.screen).__name__ == "ReviewScreen"
        checklist = app.screen.query_one("#checklist", OptionList)
        assert app.focused is checklist
        assert "1.249,00" in screen_text(app)
        # Drawn with the steps' layout: the intro shown, Back and Next at the bottom right.
        assert "Votre message est prêt." in screen_text(app)
        assert app.screen.query_one("#next").region.x > SIZE[0] // 2
        assert app.screen.query_one("#next").region.bottom == SIZE[1] - 1
        assert app.answers.get("customer.last_name") == "Janssens"
        await go_next(pilot, "preview")
        assert "Janssens" in app.screen.query_one("#message", TextArea).text


async def test_pasted_escape_sequences_are_cleaned_and_an_over_long_paste_is_refused() -> None:
    app = make_app("fr")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        assert_focus(app, "customer.first_name")
        app.focused.post_message(events.Paste("\x1b[31mAn\x1b[0m\x1b]0;title\x07\r\n"))
        await pilot.pause()
        assert field(app, "customer.first_name").value == "An"
        assert app.answers.get("customer.first_name") == "An"

        await pilot.press("tab")
        await fill(pilot, "customer.last_name", "Peeters")
        await fill(pilot, "customer.email", "an.peeters@example.be")
        await fill(pilot, "customer.phone", "0470 12 34 56")
        await go_next(pilot, "transaction")
        await fill(pilot, "transaction.amount", "10")
        await fill(pilot, "transaction.date", "2/11/2026")
        await go_next(pilot, "description")

        editor = app.screen.query_one("#description", TextArea)
        assert app.focused is editor
        editor.post_message(events.Paste("Ligne un\x1b[2J\x1b[H\r\nLigne\x00 deux\x9b"))
        await pilot.pause()
        assert editor.text == "Ligne un\nLigne deux"
        before = editor.text
        limit = LIMITS["description"]
        assert limit == 10_000
        editor.post_message(events.Paste("x" * (limit - len(before) + 1)))
        await pilot.pause()
        assert editor.text == before
        assert app.answers.get("description") == before
        assert notes[-1][1] == "error"
        assert "10 000" in notes[-1][0] and "Rien n’a été collé" in plain(notes[-1][0])
        # A paste that fits exactly is taken whole.
        editor.post_message(events.Paste("y" * (limit - len(before))))
        await pilot.pause()
        assert len(editor.text) == limit


async def test_ctrl_s_saves_a_draft_that_check_accepts_and_asks_before_replacing(
    isolated: Path, evidence: Path
) -> None:
    app = make_app("fr")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        await about_an(pilot)
        await go_next(pilot, "transaction")
        await fill(pilot, "transaction.amount", "1.234,56")
        await fill(pilot, "transaction.date", "2/11/2026")
        await fill(pilot, "transaction.order_number", "A-123")
        await fill(pilot, "transaction.merchant", "Meubles Dupont")
        await go_next(pilot, "description")
        await type_text(pilot, DESCRIPTION_FR)
        await go_next(pilot, "evidence")
        await type_text(pilot, str(evidence))
        await pilot.press("enter")
        await go_next(pilot, "review")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SaveDialog"
        proposed = app.screen.query_one("#save-path", Input).value
        assert proposed == str(isolated / "alma-draft.toml")
        await pilot.press("enter")
        await settle(pilot)
        saved = isolated / "alma-draft.toml"
        assert saved.is_file()
        assert type(app.screen).__name__ == "ReviewScreen"
        assert app.draft_path == saved
        first = saved.read_text(encoding="utf-8")

        # Saving again proposes the same file and asks before replacing it; "Keep it" keeps it.
        await pilot.press("ctrl+s")
        await pilot.pause()
        field_ = app.screen.query_one("#save-path", Input)
        assert field_.value == str(saved)
        app.answers.set("transaction.order_number", "A-124")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"
        assert "existe déjà" in plain(screen_text(app))
        await pilot.click("#no")
        await settle(pilot)
        assert saved.read_text(encoding="utf-8") == first
        assert type(app.screen).__name__ == "SaveDialog"

        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"
        await pilot.click("#yes")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        assert 'order_number = "A-124"' in saved.read_text(encoding="utf-8")
        assert any(str(saved) in text for text, _ in notes)

    checked = subprocess.run(
        [sys.executable, "-m", "alma_contact", "--ui-lang", "en", "check", str(saved)],
        capture_output=True,
        text=True,
        cwd=isolated,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


async def test_ctrl_e_hands_the_description_to_the_users_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "path = Path(sys.argv[1])\n"
        "path.write_text(path.read_text(encoding='utf-8') + ' Écrit dans mon éditeur.\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        # A headless run cannot hand the terminal over: the app says so.
        notes = record_notifications(app)
        await refund_request(pilot)
        await about_an(pilot)
        await go_next(pilot, "transaction")
        await fill(pilot, "transaction.amount", "10")
        await fill(pilot, "transaction.date", "2/11/2026")
        await go_next(pilot, "description")
        area = app.screen.query_one("#description", TextArea)
        assert app.focused is area
        await type_text(pilot, "Le marchand a remboursé.")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert notes and notes[-1][1] == "error", "Ctrl+E did not reach the editor action"
        assert area.text == "Le marchand a remboursé."

        # In a real terminal the app steps aside while the editor runs, then takes the text back.
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert area.text == "Le marchand a remboursé. Écrit dans mon éditeur."
        assert app.answers.get("description") == area.text
        assert app.current == "description"


@pytest.mark.parametrize("blink", [False, True])
async def test_blink_false_stops_every_text_cursor_blinking(blink: bool) -> None:
    app = AlmaContactApp(ui_lang="fr", today=TODAY, blink=blink)
    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        seen = [app.focused]
        await about_an(pilot)
        await go_next(pilot, "transaction")
        await fill(pilot, "transaction.amount", "10")
        await fill(pilot, "transaction.date", "2/11/2026")
        await go_next(pilot, "description")
        seen.append(app.focused)
        await pilot.press("ctrl+s")
        await pilot.pause()
        seen.append(app.focused)  # the save dialog's field
        assert [type(widget).__name__ for widget in seen] == ["CleanInput", "CleanTextArea", "CleanInput"]
        assert all(widget.cursor_blink is blink for widget in seen)  # type: ignore[union-attr]


async def test_the_screen_does_not_move_while_an_amount_is_typed() -> None:
    """The read-back is shown inside the field, after the text: nothing below the field moves
    at any key, whether the amount can be read yet ("1.") or not, or was cleared; leaving the
    field then shows the error under it."""
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        await about_an(pilot)
        await go_next(pilot, "transaction")
        below = field(app, "transaction.date")
        y = below.region.y
        seen = []
        for key in ["1", ".", "2", "ctrl+u", "1", ".", "2", "backspace"]:
            if key in ("ctrl+u", "backspace"):
                await pilot.press(key)
            else:
                await type_text(pilot, key)
            seen.append(readback(app, "transaction.amount"))
            assert below.region.y == y, key
        assert seen == [
            "Compris comme : 1,00 €",
            "",
            "Compris comme : 1,20 €",
            "",
            "Compris comme : 1,00 €",
            "",
            "Compris comme : 1,20 €",
            "",
        ]
        assert "Compris comme" not in screen_text(app)
        await type_text(pilot, "2")
        line = next(line for line in screen_text(app).splitlines() if "Compris" in line)
        # inside the field's borders (a scrollbar may stand beside them, the step being long)
        assert line.split()[:7] == ["▊", "1.2", "Compris", "comme", ":", "1,20", "€"]
        assert line.split()[7].startswith("▎")
        await pilot.press("backspace", "tab")
        assert shown(error_line(app, "transaction.amount")) != ""


async def test_keys_typed_ahead_land_in_the_field_they_were_typed_for() -> None:
    """A fast typist (or a tool typing for someone) does not wait for the focus to move:
    the letters typed right after Tab, Shift+Tab or Ctrl+N belong to where those keys lead,
    never to the field being left."""
    app = make_app("fr")

    def post(key: str) -> None:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app.post_message(event)

    async with app.run_test(size=SIZE) as pilot:
        await refund_request(pilot)
        assert_focus(app, "customer.first_name")
        await type_text(pilot, "An\tPeete\t")
        post("shift+tab")
        await type_text(pilot, "rs\tan.peeters@example.be\t0470 12 34 56")
        assert field(app, "customer.first_name").value == "An"
        assert field(app, "customer.last_name").value == "Peeters"
        assert field(app, "customer.email").value == "an.peeters@example.be"
        assert field(app, "customer.phone").value == "0470 12 34 56"
        for key in ("ctrl+n", "9", "9"):
            post(key)
        await pilot.pause()
        await pilot.pause()
        assert app.current == "transaction"
        assert app.answers.get("customer.phone") == "0470 12 34 56"


async def test_text_that_looks_like_markup_is_shown_as_typed_on_every_screen(tmp_path: Path) -> None:
    """Square brackets are ordinary characters for the user (an order number "[A-12]", a file
    "scan [2].pdf"); Textual reads them as markup unless told not to, and "[/x]" would stop the
    app. Every screen, error, list, table and notification shows them exactly as typed."""
    files = tmp_path / "files"
    files.mkdir()
    scan = files / "scan [b]reçu[red] [@click=app.quit]x.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    app = make_app("fr")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await refund_request(pilot)
        await about_an(pilot)
        await go_next(pilot, "transaction")
        await fill(pilot, "transaction.amount", "[/x] 12")
        assert "« [/x] 12 »" in shown(error_line(app, "transaction.amount"))
        await pilot.press("shift+tab", "ctrl+u")
        await fill(pilot, "transaction.amount", "12,50")
        await fill(pilot, "transaction.date", "2/11/2026")
        await fill(pilot, "transaction.order_number", "[A-12] [/x]")
        await fill(pilot, "transaction.merchant", "[red]Boutique[/red]")
        await go_next(pilot, "description")
        await type_text(pilot, "Le marchand [b]Boutique[/b] a remboursé [/x] le 20 novembre.")
        await go_next(pilot, "evidence")
        await type_text(pilot, str(scan))
        await pilot.press("enter")
        table = app.screen.query_one("#files", DataTable)
        assert str(table.get_row_at(0)[0]) == scan.name
        assert scan.name in screen_text(app)
        await go_next(pilot, "review")
        screen = screen_text(app)
        assert "[A-12] [/x]" in screen and scan.name in screen
        await go_next(pilot, "preview")
        assert "[red]Boutique[/red]" in screen_text(app)
        target = tmp_path / "message [b]x[@click=app.quit].txt"
        await pick_action(pilot, "save:txt")
        await save_as(pilot, target)
        assert any(str(target) in text for text, _ in notes), notes
        await pilot.pause()
        toasts = [plain(str(toast.render())) for toast in app.screen.query("Toast")]
        assert any(target.name in toast for toast in toasts), toasts
    text = target.read_text(encoding="utf-8")
    for typed in ("[A-12] [/x]", "[red]Boutique[/red]", "[b]Boutique[/b] a remboursé [/x]"):
        assert typed in text
