"""Pictures of every screen at 80 x 24, in French and in Dutch.

Each picture is an SVG under ``__snapshots__/``; a change on screen fails the
test until the new picture is looked at and accepted (``pytest --snapshot-update``).
The pictures must not depend on the machine: a fixed day, no cursor blinking,
no user config, the same working folder and the same evidence files everywhere.

To look at one: ``rsvg-convert FILE.svg -o FILE.png``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import SIZE, make_app, pick_action

from alma_contact.answers import Answers
from alma_contact.casework import record_first
from alma_contact.drafts import validate
from alma_contact.store import open_store

SHOWN_CWD = Path("/home/an/Documents")
"""The working folder the save dialog proposes, the same on every machine."""

EVIDENCE = {
    "confirmation-commande.pdf": b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF\n",
    "remboursement-boutique.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 48_000,
}
"""Evidence files of fixed names and sizes, written for each test."""

DRAFTS: dict[str, dict[str, Any]] = {
    # A French partial refund by email, with two files.
    "fr": {
        "language": "fr",
        "channel": "email",
        "request": "refund",
        "description": (
            "J'ai renvoyé la lampe de bureau et gardé le bureau. La boutique m'a remboursé 60,00 € "
            "le 24 octobre.\n\nPourtant, le 14 novembre, la deuxième échéance de 83,30 € a été "
            "prélevée sans changement."
        ),
        "customer": {
            "first_name": "An",
            "last_name": "Peeters",
            "email": "an.peeters@example.be",
            "phone": "0470 12 34 56",
        },
        "transaction": {
            "amount": "249,90 €",
            "date": "14/10/2026",
            "order_number": "BE-2026-10442",
            "merchant": "Maison Exemple",
            "plan": "3x",
        },
        "details": {"refund": "partial", "refund_amount": "60,00", "merchant_refunded_on": "24/10/2026"},
    },
    # A Dutch refused payment by letter, without files.
    "nl": {
        "language": "nl",
        "channel": "letter",
        "request": "payment_issue",
        "description": (
            "Op 2 november 2026 wilde ik een elektrische fiets van 1.249,00 euro in 10 keer betalen "
            "met Alma. De betaling werd geweigerd, hoewel mijn bankkaart geldig is."
        ),
        "customer": {
            "first_name": "Jan",
            "last_name": "Janssens",
            "email": "jan.janssens@example.be",
            "phone": "+32 470 12 34 57",
            "street": "Voorbeeldstraat 5",
            "postal_code": "2000",
            "city": "Antwerpen",
        },
        "transaction": {
            "amount": "1.249,00 €",
            "date": "2/11/2026",
            "order_number": "FV-55812",
            "merchant": "Fietsen Voorbeeld",
            "plan": "10x",
        },
        "details": {"issue": "refused"},
    },
}

LANGS = ("fr", "nl")
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture(autouse=True)
def same_working_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The save dialog proposes a file in the working folder: show the same one everywhere."""
    monkeypatch.setattr(Path, "cwd", classmethod(lambda cls: cls(SHOWN_CWD)))


@pytest.fixture
def answers(tmp_path: Path) -> Callable[[str], Answers]:
    """The answers of the language's draft, with its evidence files on disk."""
    folder = tmp_path / "evidence"
    folder.mkdir()
    for name, content in EVIDENCE.items():
        (folder / name).write_bytes(content)

    def make(lang: str) -> Answers:
        doc = dict(DRAFTS[lang])
        if lang == "fr":
            doc["evidence"] = [str(folder / name) for name in EVIDENCE]
        return Answers.from_document(doc, base_dir=tmp_path)

    return make


def on_step(answers: Answers, step_id: str, *keys: str) -> RunBefore:
    """Open the app on a step with these answers, then press ``keys``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        app.answers = answers  # type: ignore[attr-defined]
        app.goto(step_id)  # type: ignore[attr-defined]
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", LANGS)
class TestStart:
    def test_start(self, snap_compare: Any, lang: str) -> None:
        assert snap_compare(make_app(lang), terminal_size=SIZE)

    def test_help_dialog(self, snap_compare: Any, lang: str) -> None:
        assert snap_compare(make_app(lang), terminal_size=SIZE, press=["f1"])


@pytest.mark.parametrize("lang", LANGS)
class TestSteps:
    """Each step, filled in with the language's draft, as the person reaches it."""

    @pytest.mark.parametrize(
        "step_id", ["request", "you", "transaction", "description", "evidence", "review"]
    )
    def test_step(
        self, snap_compare: Any, answers: Callable[[str], Answers], lang: str, step_id: str
    ) -> None:
        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=on_step(answers(lang), step_id))

    def test_new_request(self, snap_compare: Any, lang: str) -> None:
        """The first step of a new request, nothing chosen yet."""
        assert snap_compare(make_app(lang), terminal_size=SIZE, press=["enter"])

    def test_transaction_errors(
        self, snap_compare: Any, answers: Callable[[str], Answers], lang: str
    ) -> None:
        """A wrong amount and a month-first date: the messages under the fields after Next."""
        filled = answers(lang)
        filled.set("transaction.amount", "12,345")
        filled.set("transaction.date", "11/26/2026")
        assert snap_compare(
            make_app(lang), terminal_size=SIZE, run_before=on_step(filled, "transaction", "ctrl+n")
        )

    def test_request_unanswered(self, snap_compare: Any, lang: str) -> None:
        """Next with nothing chosen: the question named, with the answers shown (not the file's codes)."""
        assert snap_compare(make_app(lang), terminal_size=SIZE, press=["enter", "ctrl+n"])

    def test_evidence_empty(self, snap_compare: Any, answers: Callable[[str], Answers], lang: str) -> None:
        filled = answers(lang)
        filled.set("evidence", [])
        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=on_step(filled, "evidence"))


@pytest.mark.parametrize("lang", LANGS)
class TestPreview:
    def test_preview(self, snap_compare: Any, answers: Callable[[str], Answers], lang: str) -> None:
        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=on_step(answers(lang), "preview"))

    def test_letter_without_address(
        self, snap_compare: Any, answers: Callable[[str], Answers], lang: str
    ) -> None:
        """ "Letter" chosen without a postal address: the preview stays whole, a button leads to it."""
        filled = answers(lang)
        for key in ("customer.street", "customer.postal_code", "customer.city"):
            filled.set(key, "")
        filled.set("channel", "email")

        async def run_before(pilot: Pilot[Any]) -> None:
            await on_step(filled, "preview")(pilot)
            pilot.app.screen.query_one("#channel").value = "letter"  # type: ignore[attr-defined]
            await pilot.pause()

        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=run_before)

    def test_save_dialog(self, snap_compare: Any, answers: Callable[[str], Answers], lang: str) -> None:
        kind = {"fr": "eml", "nl": "pdf"}[lang]

        async def run_before(pilot: Pilot[Any]) -> None:
            await on_step(answers(lang), "preview")(pilot)
            await pick_action(pilot, f"save:{kind}")

        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestSmallWindow:
    def test_too_small(self, snap_compare: Any, answers: Callable[[str], Answers], lang: str) -> None:
        """60 x 20, under the 80 x 24 the app is made for: a message instead of a broken layout."""
        assert snap_compare(make_app(lang), terminal_size=(60, 20), run_before=on_step(answers(lang), "you"))


SENT_ON = {"fr": date(2026, 11, 14), "nl": date(2026, 11, 2)}
"""The day each language's request was sent: on the app's day the French one waits for its
reminder, the Dutch one is past it."""


def sent(filled: Answers, lang: str) -> None:
    """The draft kept in the store and recorded as sent on the language's day (:data:`SENT_ON`)."""
    with open_store() as store:
        saved = store.save(filled.document(), filled.base_dir)
        draft = validate(filled.document(), filled.base_dir, SENT_ON[lang])
        record_first(store, saved.id, draft, filled.document(), filled.base_dir, day=SENT_ON[lang])


@pytest.mark.parametrize("lang", LANGS)
class TestRequests:
    """Requests sent: “Was it sent?” on the preview, and My requests."""

    def test_sent_dialog(self, snap_compare: Any, answers: Callable[[str], Answers], lang: str) -> None:
        channel = {"fr": "email", "nl": "letter"}[lang]

        async def run_before(pilot: Pilot[Any]) -> None:
            await on_step(answers(lang), "preview")(pilot)
            pilot.app.screen.ask_sent(channel)  # type: ignore[attr-defined]
            await pilot.pause()

        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=run_before)

    def test_my_requests(self, snap_compare: Any, answers: Callable[[str], Answers], lang: str) -> None:
        sent(answers(lang), lang)

        async def run_before(pilot: Pilot[Any]) -> None:
            pilot.app.action_my_requests()  # type: ignore[attr-defined]
            await pilot.pause()

        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=run_before)

    def test_follow_up(self, snap_compare: Any, answers: Callable[[str], Answers], lang: str) -> None:
        """The reminder of a refund, with the field for the sum debited so far."""
        sent(answers(lang), lang)

        async def run_before(pilot: Pilot[Any]) -> None:
            pilot.app.action_my_requests()  # type: ignore[attr-defined]
            await pilot.pause()
            await pilot.press("f3")
            await pilot.pause()

        assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=run_before)
