"""What the app says, and where: errors under the right question, in words a person reads,
the preview's channel switch, the command palette, the radio buttons, a small window.

Each test drives the app with keys at 80 x 24 (or smaller), in French or Dutch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Select, Static, TextArea
from tui_support import (
    SIZE,
    assert_focus,
    choose,
    error_line,
    field,
    fill,
    go_next,
    make_app,
    pick_action,
    plain,
    question,
    record_notifications,
    screen_text,
    settle,
    shown,
    type_text,
)

from alma_contact.answers import Answers
from alma_contact.i18n import translate
from alma_contact.tui.app import AlmaContactApp

REQUEST_ERROR_FR = (
    "Choisissez une réponse à « De quoi s’agit-il ? » : Un problème de paiement, "
    "Annuler ou modifier un paiement, Un remboursement, Échéances, Frais de retard ou recouvrement, "
    "Un paiement que je ne reconnais pas, Mes données personnelles ou Autre chose."
)


MakeAnswers = Callable[..., Answers]


@pytest.fixture
def draft(make_draft: Callable[[], dict[str, Any]], tmp_path: Path) -> MakeAnswers:
    """The shared valid draft (a partial refund by email), with changes by full key
    (``customer__street`` for ``customer.street``)."""

    def make(**changes: Any) -> Answers:
        answers = Answers.from_document(make_draft(), base_dir=tmp_path)
        for key, value in changes.items():
            answers.set(key.replace("__", "."), value)
        return answers

    return make


async def open_on(pilot: Any, answers: Answers, step_id: str) -> None:
    app = pilot.app
    app.answers = answers
    app.goto(step_id)
    await pilot.pause()
    await pilot.pause()


def labels_of(key: str, lang: str) -> list[str]:
    return [plain(translate(lang, choice.label)) for choice in question(key).choices]


# --- choices -------------------------------------------------------------------------


async def test_a_choice_left_empty_names_the_question_and_the_answers_shown_until_one_is_chosen() -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # New request
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current == "request"
        assert_focus(app, "request")
        assert shown(error_line(app, "request")) == REQUEST_ERROR_FR
        assert "payment_issue" not in screen_text(app)
        await choose(pilot, "request", "refund")
        assert shown(error_line(app, "request")) == ""
        assert "Choisissez une réponse" not in screen_text(app)


@pytest.mark.parametrize("lang", ["fr", "nl"])
async def test_every_choice_in_error_lists_its_labels_never_the_codes_of_the_file(
    draft: MakeAnswers, lang: str
) -> None:
    """A draft file may hold a value the app does not offer: each choice then says which
    answers it takes, as the screen shows them (channel, language, details)."""
    answers = draft(
        request="payment_issue",
        channel="fax",
        language="es",
        details__issue="bounced",
    )
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, answers, "request")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current == "request"
        for key in ("details.issue", "channel", "language"):
            message = shown(error_line(app, key))
            assert plain(translate(lang, question(key).label)) in message, key
            for label in labels_of(key, lang):
                assert label in message, (key, label)
            for choice in question(key).choices:
                assert f" {choice.value} " not in f" {message} ", (key, choice.value)
        assert_focus(app, "details.issue")
        # A valid answer takes its error away at once.
        await choose(pilot, "details.issue", "refused")
        assert shown(error_line(app, "details.issue")) == ""


# --- rules across questions ----------------------------------------------------------------


async def test_the_account_is_asked_beside_what_the_message_already_says(draft: MakeAnswers) -> None:
    """The description step quotes the first sentence and the facts the message writes from the answers,
    so that the account need not repeat them; with a wrong answer before it, it quotes nothing."""
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, draft(), "description")
        stated = str(app.screen.query_one("#stated", Static).content)
        assert stated.startswith("Votre message dit déjà, d’après vos réponses"), stated
        assert "Je vous demande" in stated and "j'ai effectué un achat" in stated
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, draft(transaction__amount="abc"), "description")
        assert not app.screen.query("#stated")


async def test_a_refund_larger_than_the_purchase_stops_next_on_its_own_step(draft: MakeAnswers) -> None:
    answers = draft(description="", details__refund_amount="")
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, answers, "transaction")
        amount = field(app, "transaction.amount")
        amount.value = "100"
        refund = field(app, "details.refund_amount")
        refund.focus()
        await pilot.pause()
        await type_text(pilot, "150")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current == "transaction"
        assert_focus(app, "details.refund_amount")
        assert shown(error_line(app, "details.refund_amount")) == (
            "Montant que vous attendez en retour : 150,00 € dépasse le montant de la transaction (100,00 €)."
        )
        # Retyped, the amount is checked again at once: the message goes as soon as it is right.
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "50")
        assert shown(error_line(app, "details.refund_amount")) == ""
        await go_next(pilot, "description")


@pytest.mark.parametrize(
    ("key", "step_id"),
    [("customer.postal_code", "you"), ("details.refund_amount", "transaction")],
)
async def test_a_checklist_line_leads_to_the_wrong_question_with_its_error(
    draft: MakeAnswers, key: str, step_id: str
) -> None:
    answers = draft(
        channel="letter",
        customer__street="Rue de la Loi 16",
        customer__city="Bruxelles",
        details__refund_amount="2.000,00",
    )
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, answers, "review")
        checklist = app.screen.query_one("#checklist", OptionList)
        lines = [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]
        assert all("customer." not in line and "details." not in line for line in lines), lines
        index = next(
            i
            for i in range(checklist.option_count)
            if (checklist.get_option_at_index(i).id or "").endswith(key)
        )
        await pilot.press("home", *["down"] * index, "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current == step_id
        assert_focus(app, key)
        message = shown(error_line(app, key))
        assert message == plain(lines[index][2:])
        box = app.screen.query_one(f"#{error_line(app, key).parent.id}")  # type: ignore[union-attr]
        assert box.region.y < SIZE[1] and box.region.bottom > 0, "the question is scrolled into view"


# --- the preview's channel -------------------------------------------------------------------


async def test_a_letter_without_an_address_keeps_the_preview_whole_and_leads_to_the_address(
    draft: MakeAnswers,
) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, draft(), "preview")
        message = app.screen.query_one("#message", TextArea).text
        actions = app.screen.query_one("#actions", OptionList)
        before = [actions.get_option_at_index(i).id for i in range(actions.option_count)]
        channel = app.screen.query_one("#channel", Select)
        channel.focus()
        await pilot.press("enter")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.pause()
        # Nothing switched: the selector, the answers, the message and the actions say email.
        assert channel.value == "email"
        assert app.answers.get("channel") == "email"
        assert app.screen.query_one("#message", TextArea).text == message
        assert [actions.get_option_at_index(i).id for i in range(actions.option_count)] == before
        text = screen_text(app)
        assert "Une lettre demande votre adresse postale" in " ".join(text.split())
        assert "customer." not in text and "street" not in text
        assert "Aller à « À propos de vous »" in text
        assert app.focused is app.screen.query_one("#fix")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current == "you"
        assert app.answers.get("channel") == "letter"
        assert_focus(app, "customer.street")
        assert shown(error_line(app, "customer.street")).startswith(
            "Rue et numéro : est nécessaire pour une lettre"
        )


async def test_a_channel_that_needs_nothing_more_switches_everything(draft: MakeAnswers) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(
            pilot,
            draft(
                channel="letter",
                customer__street="Rue de la Loi 16",
                customer__postal_code="1000",
                customer__city="Bruxelles",
            ),
            "preview",
        )
        channel = app.screen.query_one("#channel", Select)
        channel.value = "form"
        await pilot.pause()
        actions = app.screen.query_one("#actions", OptionList)
        ids = [actions.get_option_at_index(i).id for i in range(actions.option_count)]
        assert app.answers.get("channel") == "form" and "copy:form_url" in ids
        assert app.screen.query_one("#message", TextArea).text.startswith("Formulaire")
        assert not app.screen.query_one("#preview-problem").display


# --- the command palette ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words", "english"),
    [
        ("fr", ["Rechercher une commande…", "Capture d’écran", "Quitter", "Touches", "Thème"], "Screenshot"),
        ("nl", ["Een opdracht zoeken…", "Schermafbeelding", "Afsluiten", "Toetsen", "Thema"], "Screenshot"),
    ],
)
async def test_the_command_palette_speaks_the_interface_language(
    lang: str, words: list[str], english: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        footer = next(line for line in screen_text(app).splitlines() if "▏" in line)
        assert footer.split("▏")[-1].split() == ["^p", {"fr": "Commandes", "nl": "Opdrachten"}[lang]]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        for word in words:
            assert word in text, (word, text)
        for word in (english, "Search for commands", "Quit the application", "Keys", "Theme"):
            assert word not in text, word
        titles = {command.title: command for command in app.get_system_commands(app.screen)}
        quit_title = translate(lang, "Quit")
        assert titles[quit_title].callback == app.action_quit


# --- the keys ----------------------------------------------------------------------------------


def footer_line(app: AlmaContactApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_keys_are_described_in_the_interface_language_and_f2_changes_them() -> None:
    """The footer and the panel of keys say the keys in the interface language; F2 builds the
    screen again in the next one, and the keys follow."""
    from alma_contact.i18n import UI_LANGUAGES
    from alma_contact.tui.screens.base import GLOBAL_KEYS
    from alma_contact.tui.screens.evidence import EvidenceScreen

    # The keys the footer shows, and the palette's, which it shows at its right end.
    keys = [key for key in (*EvidenceScreen.KEYS, *GLOBAL_KEYS) if key.show or key.key == "ctrl+p"]
    app = make_app("fr")
    async with app.run_test(size=(100, 30)) as pilot:
        app.goto("evidence")
        await pilot.pause()
        app.screen.query_one("#files").focus()  # the list of files: Delete removes one
        await pilot.pause()
        seen = []
        for _ in UI_LANGUAGES:
            lang = app.ui_lang
            seen.append(lang)
            active = app.screen.active_bindings
            described = {key.key: active[key.key].binding.description for key in keys}
            assert described == {key.key: translate(lang, key.description) for key in keys}
            footer = footer_line(app)
            for binding in keys:
                if binding.show:
                    assert translate(lang, binding.description) in footer, (lang, footer)
            app.action_show_help_panel()
            await pilot.pause()
            panel = screen_text(app)
            for binding in keys:
                if binding.show:
                    assert translate(lang, binding.description) in panel, (lang, binding)
            app.action_hide_help_panel()
            await pilot.press("f2")
            await pilot.pause()
            app.screen.query_one("#files").focus()
            await pilot.pause()
        assert sorted(seen) == sorted(UI_LANGUAGES) and app.ui_lang == "fr"
        assert translate("fr", "Remove file") != translate("nl", "Remove file") != "Remove file"


# --- radio buttons, small windows, errors while typing, the overwrite question ----------------------


async def test_the_chosen_answer_is_shown_by_its_shape_not_only_by_its_colour(draft: MakeAnswers) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, draft(), "request")
        lines = screen_text(app).splitlines()

        def mark(label: str) -> str:
            line = next(line for line in lines if f"▌ {label}" in line)
            return line.split("▌ ", 1)[0][-1]

        assert mark("Un remboursement") == "●"
        assert [mark(label) for label in ("Un problème de paiement", "Échéances", "Autre chose")] == ["○"] * 3
        await pilot.press("down", "enter")  # Instalments
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert mark("Échéances") == "●" and mark("Un remboursement") == "○"


async def test_a_window_smaller_than_80_x_24_says_so_and_the_screen_comes_back_when_it_grows() -> None:
    app = make_app("fr")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Cette fenêtre fait 60×20 ; alma-contact a besoin d’au moins 80 colonnes et 24 lignes." in text
        assert "Nouvelle demande" not in text
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("enter")  # the focus came back to "New request"
        await pilot.pause()
        assert app.current == "request"
        await fill(pilot, "request", "", leave=False)
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        assert "Cette fenêtre fait 79×24" in " ".join(screen_text(app).split())
        assert app.focused is None  # keys typed meanwhile reach no hidden field
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "Cette fenêtre" not in screen_text(app)
        assert "De quoi s’agit-il ?" in screen_text(app)
        assert_focus(app, "request")


async def test_an_error_is_checked_again_as_the_answer_is_retyped() -> None:
    app = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await choose(pilot, "request", "other")
        await fill(pilot, "details.subject", "Wijziging van mijn e-mailadres")  # a request of one's own
        await go_next(pilot, "you")
        await fill(pilot, "customer.first_name", "")  # left empty
        assert shown(error_line(app, "customer.first_name")).startswith("Voornaam: ")
        await pilot.press("shift+tab")
        await type_text(pilot, "J")
        assert shown(error_line(app, "customer.first_name")) == ""
        await pilot.press("tab")
        await type_text(pilot, "Janssens\tjan@")
        await pilot.press("tab")
        first = shown(error_line(app, "customer.email"))
        assert "“jan@”" in first
        await pilot.press("shift+tab", "end")
        await type_text(pilot, "x")
        assert "“jan@x”" in shown(error_line(app, "customer.email"))
        await type_text(pilot, ".be")
        assert shown(error_line(app, "customer.email")) == ""


async def test_the_french_overwrite_question_keeps_its_question_mark_with_its_words(
    isolated: Path,
) -> None:
    (isolated / "alma-draft.toml").write_text("# déjà là\n", encoding="utf-8")
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"
        asked = [line.split("█")[1].strip() for line in screen_text(app).splitlines() if "?" in line]
        assert asked == ["Le remplacer ?"], asked


async def test_save_errors_and_evidence_warnings_start_as_sentences(
    isolated: Path, make_draft: Callable[[], dict[str, Any]]
) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        path = app.screen.query_one("#save-path", Input)
        path.value = str(isolated / "nowhere" / "x.toml")
        await pilot.press("enter")
        await settle(pilot)
        error = shown(app.screen.query_one("#save-error"))  # type: ignore[arg-type]
        assert error.startswith("Le dossier « "), error

    big = isolated / "relevé.pdf"
    with big.open("wb") as handle:
        handle.truncate(21 * 1000 * 1000)  # sparse: over the email limit, no disk used
    answers = Answers.from_document(make_draft() | {"evidence": [str(big)]}, base_dir=isolated)
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, answers, "evidence")
        warnings = shown(app.screen.query_one("#evidence-warnings"))  # type: ignore[arg-type]
        assert warnings.startswith("! Les fichiers"), warnings


async def test_no_internal_key_reaches_the_screen_of_the_checklist(draft: MakeAnswers) -> None:
    answers = draft(request="", channel="letter")
    app: AlmaContactApp = make_app("nl")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, answers, "review")
        text = screen_text(app)
        for key in ("request", "customer.street", "customer.", "payment_issue"):
            assert key not in text, key
        assert "Straat en huisnummer: " in text
        await pick_review_line(pilot, 0)
        assert app.current == "request"
        assert_focus(app, "request")


async def pick_review_line(pilot: Any, index: int) -> None:
    await pilot.press("home", *["down"] * index, "enter")
    await pilot.pause()
    await pilot.pause()


__all__ = ["pick_action"]


async def test_the_description_error_follows_the_text_once_shown(draft: MakeAnswers) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, draft(description=""), "description")
        await type_text(pilot, "Trop court")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current == "description"
        error = app.screen.query_one("#description-error")
        assert shown(error).startswith("Description : ne compte que 10 caractères"), shown(error)  # type: ignore[arg-type]
        await type_text(pilot, ", mais plus maintenant.")
        assert shown(error) == ""  # type: ignore[arg-type]


async def test_a_draft_that_cannot_be_read_is_explained_in_a_sentence(isolated: Path) -> None:
    broken = isolated / "cassé.toml"
    broken.write_text('language = "fr"\ndescription = "pas fermé\n', encoding="utf-8")
    app = make_app("fr")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        app.open_draft(broken)
        await pilot.pause()
        assert app.current == "start"
        message, severity = notes[-1]
        assert severity == "error"
        assert message.startswith("Le brouillon n’est pas du TOML valide"), message


async def test_the_checklist_line_of_the_description_shows_its_error_there(draft: MakeAnswers) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(pilot, draft(description="Trop court"), "review")
        checklist = app.screen.query_one("#checklist", OptionList)
        ids = [checklist.get_option_at_index(i).id or "" for i in range(checklist.option_count)]
        await pick_review_line(pilot, next(i for i, id_ in enumerate(ids) if id_.endswith(":description")))
        assert app.current == "description"
        assert isinstance(app.focused, TextArea)
        error = shown(app.screen.query_one("#description-error"))  # type: ignore[arg-type]
        assert error.startswith("Description : ne compte que 10 caractères"), error


async def test_a_refund_error_goes_when_the_purchase_amount_is_corrected(draft: MakeAnswers) -> None:
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_on(
            pilot,
            draft(description="", transaction__amount="100", details__refund_amount="150"),
            "transaction",
        )
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert_focus(app, "details.refund_amount")
        assert "dépasse" in shown(error_line(app, "details.refund_amount"))
        field(app, "transaction.amount").focus()
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, "0")  # 1000
        assert shown(error_line(app, "details.refund_amount")) == ""


async def test_a_purchase_day_after_the_merchants_refund_is_refused_when_its_step_is_left(
    draft: MakeAnswers,
) -> None:
    """The merchant's day is asked on step 1, the purchase day on step 3: leaving step 3 checks
    them against each other, with the message under the purchase day."""
    app = make_app("fr")
    async with app.run_test(size=SIZE) as pilot:
        answers = draft(description="", transaction__date="", details__merchant_refunded_on="1/11/2026")
        await open_on(pilot, answers, "transaction")
        field(app, "transaction.date").focus()
        await pilot.pause()
        await type_text(pilot, "2/11/2026")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current == "transaction"
        assert_focus(app, "transaction.date")
        message = shown(error_line(app, "transaction.date"))
        assert "1/11/2026 est antérieur à la date de la transaction (2/11/2026)" in message, message
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "1/11/2026")
        assert shown(error_line(app, "transaction.date")) == ""
        await go_next(pilot, "description")


async def test_a_draft_saved_under_an_unknown_user_is_refused_in_words(isolated: Path) -> None:
    """A path under "~nosuchuser" in the save dialog: a sentence under the path, the app still there."""
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#save-path", Input).value = "~nosuchuser-of-this-test/x.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "SaveDialog"
        error = shown(app.screen.query_one("#save-error"))  # type: ignore[arg-type]
        assert "there is no user “nosuchuser-of-this-test”" in error, error
        assert app.is_running


async def test_a_named_pipe_as_the_draft_target_is_refused_without_asking_to_replace_it(
    isolated: Path,
) -> None:
    import os

    pipe = isolated / "pipe.toml"
    os.mkfifo(pipe)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#save-path", Input).value = str(pipe)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "SaveDialog"  # no "Replace it?" for a pipe
        error = shown(app.screen.query_one("#save-error"))  # type: ignore[arg-type]
        assert "is not a regular file" in error, error


async def test_a_draft_opened_under_an_unknown_user_is_said_not_to_exist(isolated: Path) -> None:
    """Opening "~nosuchuser/…" from the start screen: a notice, the app still there."""
    app = make_app("en")
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field_ = app.screen.query_one("#path", Input)
        field_.value = "~nosuchuser-of-this-test/draft.toml"
        field_.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert app.current == "start"
        said = "\n".join(message for message, _severity in notes)
        assert "no such file" in said, said
