"""Reminders and formal notices, through render.build(follow_up=…).

A follow-up is written from the draft as the first request was sent: its subject carries a label
and the first subject, it cites every earlier message by day and channel, restates the claim
(and the person's account, unless a letter encloses the first message), gives the new (or final) deadline and the next step; a formal notice
ends with the reserve of the writer's rights, last before the closing. What cannot be written raises ValueError.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from alma_contact import languages, render
from alma_contact.followup import FOLLOW_UP_CHANNELS, FOLLOW_UPS, FORMAL_NOTICE_DAYS, Earlier, FollowUp
from alma_contact.model import Draft

FIRST_DAY = date(2026, 11, 26)
REMINDER_DAY = date(2026, 12, 12)
TODAY = date(2026, 12, 28)
LANGUAGES = languages.codes()

DRAFT: dict[str, Any] = {
    "request": "payment_issue",
    "description": "Le 14 novembre, l'échéance a été prélevée deux fois.",
    "evidence": ["releve.pdf"],
    "customer": {
        "first_name": "Zoë",
        "last_name": "Van den Broeck",
        "email": "zoe@example.be",
        "street": "Rue de l’Étuve 3",
        "postal_code": "1000",
        "city": "Bruxelles",
    },
    "transaction": {
        "amount": "600,00",
        "date": "2/10/2026",
        "order_number": "A-123",
        "merchant": "Meubles Dupont",
        "plan": "4x",
    },
    "details": {
        "issue": "charged_twice",
        "debited_amount": "150,00",
        "debit_date": "14/11/2026",
    },
}
"""A claim: an instalment debited twice (its wording has a next step, the bank)."""

QUESTION: dict[str, Any] = {"request": "installments", "details": {"question": "schedule"}}
"""A pure question: the schedule of the payment (no next step, no deadline)."""

LABELS = {
    "fr": {"reminder": "Rappel", "formal_notice": "Mise en demeure"},
    "nl": {"reminder": "Herinnering", "formal_notice": "Ingebrekestelling"},
    "de": {"reminder": "Erinnerung", "formal_notice": "Inverzugsetzung"},
}
RESERVE = {
    "fr": "Sous réserve de tous mes droits.",
    "nl": "Onder voorbehoud van al mijn rechten.",
    "de": "Alle weiteren Rechte behalte ich mir ausdrücklich vor.",
}
DAYS = {
    "fr": ("26 novembre 2026", "12 décembre 2026"),
    "nl": ("26 november 2026", "12 december 2026"),
    "de": ("26. November 2026", "12. Dezember 2026"),
}
BY = {
    "fr": {"email": "par e-mail", "letter": "par courrier", "registered": "par lettre recommandée"},
    "nl": {"email": "per e-mail", "letter": "per brief", "registered": "per aangetekende brief"},
    "de": {"email": "per E-Mail", "letter": "per Brief", "registered": "per Einschreiben"},
}
BANK = {"fr": "auprès de ma banque", "nl": "bij mijn bank", "de": "bei meiner Bank"}


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    (tmp_path / "releve.pdf").write_bytes(b"%PDF-1.4\n")
    return tmp_path


def draft(base_dir: Path, lang: str = "fr", channel: str = "email", **changes: Any) -> Draft:
    data = copy.deepcopy(DRAFT)
    data.update(language=lang, channel=channel, **changes)
    return Draft.model_validate(data, context={"today": TODAY, "base_dir": base_dir})


def first(base_dir: Path, lang: str = "fr", **changes: Any) -> render.Message:
    """The first request, by email, as it was sent."""
    return render.build(draft(base_dir, lang, "email", **changes), today=FIRST_DAY)


def earlier(subject: str, *, reminder: bool = False, channel: str = "email") -> tuple[Earlier, ...]:
    sent: tuple[Earlier, ...] = (Earlier("request", FIRST_DAY, channel, subject),)
    if reminder:
        sent += (Earlier("reminder", REMINDER_DAY, "email", f"Rappel – {subject}"),)
    return sent


def remind(base_dir: Path, lang: str, today: date, **changes: Any) -> tuple[render.Message, render.Message]:
    """The first request by email, as sent, and its reminder by email written ``today`` (10 days)."""
    sent = first(base_dir, lang, **changes)
    reminder = render.build(
        draft(base_dir, lang, "email", deadline_days=10, **changes),
        today=today,
        follow_up=FollowUp(
            "reminder", (Earlier("request", FIRST_DAY, "email", sent.subject, language=lang),)
        ),
    )
    return sent, reminder


def follow(
    base_dir: Path,
    kind: str,
    lang: str = "fr",
    channel: str = "email",
    *,
    reminder: bool = False,
    days: int = 10,
    **changes: Any,
) -> render.Message:
    subject = first(base_dir, lang, **changes).subject
    followed = draft(base_dir, lang, channel, deadline_days=days, **changes)
    return render.build(
        followed,
        today=TODAY,
        registered=channel == "letter" and kind == "formal_notice",
        follow_up=FollowUp(kind, earlier(subject, reminder=reminder)),
    )


def test_the_interface() -> None:
    assert FOLLOW_UPS == ("reminder", "formal_notice")
    assert FORMAL_NOTICE_DAYS == 8
    assert FOLLOW_UP_CHANNELS == {
        "reminder": ("email", "letter", "form"),
        "formal_notice": ("letter", "email"),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", FOLLOW_UPS)
def test_the_subject_carries_the_label_and_the_first_subject(base_dir: Path, lang: str, kind: str) -> None:
    sent = first(base_dir, lang)
    message = follow(base_dir, kind, lang, "letter" if kind == "formal_notice" else "email")
    assert message.subject.startswith(LABELS[lang][kind])
    assert message.subject.endswith(sent.subject)
    assert "\n" not in message.subject
    assert message.extra["follow_up"] == kind
    assert message.extra["claims"] is True


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("channel", FOLLOW_UP_CHANNELS["reminder"])
def test_a_reminder_cites_the_first_message_and_gives_a_new_deadline(
    base_dir: Path, lang: str, channel: str
) -> None:
    sent = first(base_dir, lang)
    message = follow(base_dir, "reminder", lang, channel, days=10)
    opening = message.paragraphs[0]
    assert DAYS[lang][0] in opening
    assert BY[lang]["email"] in opening
    # The reminder's own subject repeats the first one: the opening names it by its day and channel.
    assert sent.subject in message.subject and sent.subject not in opening
    assert "10" in message.body
    assert BANK[lang] in message.body
    assert RESERVE[lang] not in message.text
    # the claim, the facts and the person's own account are restated (no copy of the first message
    # was kept to enclose)
    assert sent.paragraphs[0][1:] in message.body
    assert DRAFT["description"] in message.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reminder_whose_claim_changed_quotes_the_first_subject(base_dir: Path, lang: str) -> None:
    """More was debited since the first message: the reminder's subject no longer names its sum, so
    its opening quotes the first message's subject, by which Alma finds it."""
    changes = {"request": "cancellation", "details": {"action": "cancel", "paid_amount": "150,00"}}
    sent, reminder = remind(base_dir, lang, REMINDER_DAY, **changes)
    assert sent.subject not in reminder.subject and sent.subject in reminder.paragraphs[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_second_reminder_names_the_first_one(base_dir: Path, lang: str) -> None:
    message = follow(base_dir, "reminder", lang, reminder=True)
    assert DAYS[lang][0] in message.paragraphs[0]
    assert DAYS[lang][1] in message.paragraphs[0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("channel", FOLLOW_UP_CHANNELS["formal_notice"])
def test_a_formal_notice_cites_every_earlier_message(base_dir: Path, lang: str, channel: str) -> None:
    message = follow(base_dir, "formal_notice", lang, channel, reminder=True, days=FORMAL_NOTICE_DAYS)
    opening = message.paragraphs[0]
    for day in DAYS[lang]:
        assert day in opening
    assert opening.count(BY[lang]["email"]) == 2
    assert "8" in message.body
    assert BANK[lang] in message.body
    deadline = next(i for i, p in enumerate(message.paragraphs) if BANK[lang] in p)
    if languages.LANGUAGES[lang].reserve_with_deadline:  # the reserve closes the deadline's paragraph
        assert message.paragraphs[deadline].endswith(RESERVE[lang])
        assert sum(RESERVE[lang] in p for p in message.paragraphs) == 1
    else:  # the reserve, last before the closing
        assert message.paragraphs[-1] == RESERVE[lang]
        assert deadline < len(message.paragraphs) - 1
    language = languages.LANGUAGES[lang]  # « Hoogachtend » in Dutch; elsewhere the channel's closing
    assert message.closing == (language.formal_closing or language.closing[channel])
    assert DRAFT["description"] in message.text  # a formal notice is complete: the account again
    assert message.extra["registered"] is (channel == "letter")
    if channel == "letter":
        assert languages.LANGUAGES[lang].registered in message.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_registered_letter_is_cited_as_one(base_dir: Path, lang: str) -> None:
    subject = first(base_dir, lang).subject
    sent = (
        Earlier("request", FIRST_DAY, "letter", subject, registered=True),
        Earlier("reminder", REMINDER_DAY, "letter", subject),
    )
    message = render.build(
        draft(base_dir, lang, "letter", deadline_days=8),
        today=TODAY,
        follow_up=FollowUp("formal_notice", sent),
    )
    assert BY[lang]["registered"] in message.paragraphs[0]
    assert BY[lang]["letter"] in message.paragraphs[0]


def test_a_final_deadline_of_one_day(base_dir: Path) -> None:
    message = follow(base_dir, "formal_notice", "fr", "letter", days=1)
    assert "dernier délai d'un jour" in message.body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_question_is_asked_again_without_a_deadline(base_dir: Path, lang: str) -> None:
    without = follow(base_dir, "reminder", lang, days=10, **QUESTION)
    assert without.extra["claims"] is False
    assert " 10 " in without.body  # an answer asked within the days, without a threat
    assert BANK[lang] not in without.body
    none = follow(base_dir, "reminder", lang, days=0, **QUESTION)
    assert " 10 " not in none.body


def test_a_formal_notice_of_a_question_is_refused(base_dir: Path) -> None:
    with pytest.raises(ValueError, match="asks a question"):
        follow(base_dir, "formal_notice", "fr", "letter", **QUESTION)


@pytest.mark.parametrize(("kind", "channel"), [("formal_notice", "form"), ("reminder", "fax")])
def test_a_channel_the_follow_up_is_not_sent_by_is_refused(base_dir: Path, kind: str, channel: str) -> None:
    subject = first(base_dir).subject
    followed = draft(base_dir, "fr", "form" if channel == "fax" else channel)
    if channel == "fax":  # the model only lets registry channels through: try the check itself
        from alma_contact.followup import check

        with pytest.raises(ValueError, match="not sent by 'fax'"):
            check(FollowUp(kind, earlier(subject)), channel)
        return
    with pytest.raises(ValueError, match=r"formal notice is not sent by 'form': expected letter or email"):
        render.build(followed, today=TODAY, follow_up=FollowUp(kind, earlier(subject)))


@pytest.mark.parametrize(
    ("follow_up", "match"),
    [
        (FollowUp("apology", (Earlier("request", FIRST_DAY, "email", "Objet"),)), "follow-up kind 'apology'"),
        (FollowUp("reminder", ()), "the first one must be the request"),
        (FollowUp("reminder", (Earlier("reminder", FIRST_DAY, "email", "Objet"),)), "must be the request"),
        (
            FollowUp(
                "reminder",
                (
                    Earlier("request", REMINDER_DAY, "email", "A"),
                    Earlier("reminder", FIRST_DAY, "email", "B"),
                ),
            ),
            "date order",
        ),
        (FollowUp("reminder", (Earlier("request", FIRST_DAY, "email", "A\nBcc: x@y"),)), "one line"),
        (FollowUp("reminder", (Earlier("request", FIRST_DAY, "pigeon", "A"),)), "channel 'pigeon'"),
    ],
)
def test_earlier_messages_that_cannot_be_cited_are_refused(
    base_dir: Path, follow_up: FollowUp, match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        render.build(draft(base_dir), today=TODAY, follow_up=follow_up)


def test_a_formal_notice_needs_a_deadline(base_dir: Path) -> None:
    with pytest.raises(ValueError, match="deadline_days"):
        follow(base_dir, "formal_notice", "fr", "letter", days=0)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", FOLLOW_UPS)
def test_user_text_is_never_evaluated(base_dir: Path, lang: str, kind: str) -> None:
    tricky = "{{ 7*7 }} {% raw %}"
    transaction = dict(DRAFT["transaction"], merchant=f"{tricky} & Fils", order_number="#{{ 6*7 }}")
    subject = f"Objet {tricky} – « {{{{ 3*3 }}}} »"
    followed = draft(base_dir, lang, "letter", deadline_days=8, transaction=transaction)
    message = render.build(
        followed,
        today=TODAY,
        follow_up=FollowUp(kind, (Earlier("request", FIRST_DAY, "email", subject),)),
    )
    assert message.subject.endswith(subject)
    if kind == "formal_notice":  # a reminder is brief: its claim names the order, not the facts' merchant
        assert f"{tricky} & Fils" in message.text
    assert "#{{ 6*7 }}" in message.text
    for evaluated in ("49", "42", " 9 "):
        assert evaluated not in message.text


def test_a_first_message_is_unchanged_by_the_follow_up_machinery(base_dir: Path) -> None:
    """No follow-up: no label, the person's account, no reserve, no ``follow_up`` in extra."""
    message = first(base_dir)
    assert "follow_up" not in message.extra
    assert DRAFT["description"] in message.text
    assert RESERVE["fr"] not in message.text
    assert not message.subject.startswith("Rappel")


@pytest.mark.parametrize("kind", FOLLOW_UPS)
def test_german_starts_in_lower_case_and_the_claim_as_a_sentence(base_dir: Path, kind: str) -> None:
    """DIN 5008: the text after « Sehr geehrte Damen und Herren, » starts in lower case; the claim,
    the first sentence of the first message, is a sentence of its own in a follow-up."""
    message = follow(base_dir, kind, "de", "letter" if kind == "formal_notice" else "email")
    assert message.paragraphs[0][0].islower()
    assert message.paragraphs[1].startswith("Ich fordere Sie auf")


def test_a_follow_up_in_another_language_writes_the_subject_in_its_own(base_dir: Path) -> None:
    sent = first(base_dir, "fr")
    earlier_fr = (Earlier("request", FIRST_DAY, "email", sent.subject, language="fr"),)
    dutch = render.build(
        draft(base_dir, "nl", "email", deadline_days=10),
        today=REMINDER_DAY,
        follow_up=FollowUp("reminder", earlier_fr),
    )
    assert sent.subject not in dutch.subject  # not the French subject in a Dutch message
    assert dutch.subject.startswith("Herinnering")
    assert sent.subject in dutch.body  # the first message is still cited by its subject, as sent
    french = render.build(
        draft(base_dir, "fr", "email", deadline_days=10),
        today=REMINDER_DAY,
        follow_up=FollowUp("reminder", earlier_fr),
    )
    assert sent.subject in french.subject


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_follow_up_by_letter_encloses_a_copy_of_each_earlier_message(base_dir: Path, lang: str) -> None:
    sent = first(base_dir, lang)
    sent_before = (
        Earlier("request", FIRST_DAY, "email", sent.subject, language=lang, text=sent.text),
        Earlier(
            "reminder", REMINDER_DAY, "email", f"R – {sent.subject}", language=lang, text="Rappel\n\nTexte"
        ),
    )
    notice = render.build(
        draft(base_dir, lang, "letter", deadline_days=FORMAL_NOTICE_DAYS),
        today=REMINDER_DAY,
        registered=True,
        follow_up=FollowUp("formal_notice", sent_before),
    )
    evidence = len(notice.attachments)
    # The copy of an email: its header lines (from the person, to Alma's address, its day), then its text.
    labels = languages.LANGUAGES[lang].email_labels
    header = [
        f"{labels['from']} zoe@example.be",
        f"{labels['to']} {sent.to}",
        f"{labels['date']} {DAYS[lang][0]}",
    ]
    assert len(notice.copies) == 2 and notice.copies[0].text == "\n".join(header) + "\n" + sent.text
    assert notice.copies[1].text.splitlines()[2] == f"{labels['date']} {DAYS[lang][1]}"
    # The copies first (the first paragraph cites them), then the evidence.
    assert notice.enclosures[:2] == tuple(c.label for c in notice.copies)
    assert len(notice.enclosures) == evidence + 2
    assert all(str(number) in heading for number, heading in enumerate((c.heading for c in notice.copies), 1))
    assert notice.text.rstrip().endswith("Texte")  # each copy printed after the letter, as sent
    assert sent.text.strip() in notice.text
    by_email = render.build(
        draft(base_dir, lang, "email", deadline_days=FORMAL_NOTICE_DAYS),
        today=REMINDER_DAY,
        follow_up=FollowUp("formal_notice", sent_before),
    )
    assert by_email.copies == ()  # an email cites the earlier ones by day; Alma has them
    reminder = render.build(
        draft(base_dir, lang, "letter", deadline_days=10),
        today=REMINDER_DAY,
        follow_up=FollowUp("reminder", sent_before[:1]),
    )
    assert [c.text for c in reminder.copies] == ["\n".join(header) + "\n" + sent.text]  # the request
    assert reminder.enclosures[0] == reminder.copies[0].label
    # A formal notice goes to the company's registered office; a reminder, to the customer service.
    assert "92200 NEUILLY-SUR-SEINE" in notice.recipient and "75010 PARIS" in reminder.recipient
    for number in (1, 2):  # each copy cited where the opening names it
        assert re.search(rf"\(\w+\s{number}\)", notice.paragraphs[0]), notice.paragraphs[0]


def test_the_copies_are_printed_after_the_letter(base_dir: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    from io import BytesIO

    from alma_contact.export.pdf import render_pdf

    sent = first(base_dir, "fr")
    notice = render.build(
        draft(base_dir, "fr", "letter", deadline_days=FORMAL_NOTICE_DAYS),
        today=REMINDER_DAY,
        registered=True,
        follow_up=FollowUp(
            "formal_notice", (Earlier("request", FIRST_DAY, "email", sent.subject, text=sent.text),)
        ),
    )
    pages = pypdf.PdfReader(BytesIO(render_pdf(notice, today=REMINDER_DAY, registered=True))).pages
    assert len(pages) >= 2
    after = " ".join(page.extract_text() for page in pages[1:]).replace("\u00a0", " ")
    assert notice.copies[0].heading.split(" – ")[0] in after  # on a page of its own, after the letter


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_data_request_reminder_says_whether_the_legal_month_has_run_out(base_dir: Path, lang: str) -> None:
    """The GDPR gives one month from the first request: a reminder sent before it has run out says it
    runs; one sent after, that it has passed without an answer (never the other way round)."""
    words = render.Phrases(lang)
    running, passed = words.say("gdpr_month_running", {}), words.say("gdpr_month_passed", {})
    changes = {"request": "personal_data", "details": {"right": "access"}}
    sent = first(base_dir, lang, **changes)
    # Once the month has run out, the answer is owed (« answer_due »), no longer an answer hoped for.
    hoped, due = words.say("reply_by_email", {"days": 10}), words.say("answer_due_email", {"days": 10})
    assert hoped != due
    for day, said, unsaid, asked in (
        (REMINDER_DAY, running, passed, hoped),
        (date(2026, 12, 28), passed, running, due),
    ):
        reminder = render.build(
            draft(base_dir, lang, "email", deadline_days=10, **changes),
            today=day,
            follow_up=FollowUp(
                "reminder", (Earlier("request", FIRST_DAY, "email", sent.subject, language=lang),)
            ),
        )
        assert said in reminder.body and unsaid not in reminder.body
        assert asked in reminder.body
    refund = render.build(
        draft(base_dir, lang, "email", deadline_days=10),
        today=date(2026, 12, 28),
        follow_up=FollowUp("reminder", (Earlier("request", FIRST_DAY, "email", "x", language=lang),)),
    )
    assert running not in refund.body and passed not in refund.body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_follow_up_claims_what_was_debited_since_the_first_message(base_dir: Path, lang: str) -> None:
    """A claim for the sum already debited: a follow-up written after an instalment fell due since the
    first message (4 instalments from 2 October: the 2nd of each month) claims that one
    too, from the first message's day; one written before the next instalment claims the sum alone."""
    words = render.Phrases(lang)
    changes = {
        "request": "cancellation",
        "details": {"action": "cancel", "paid_amount": "150,00"},
    }
    paid = render.format_amount(Decimal("150.00"), lang)
    since = words.say("taken_paid_since", {"paid_amount": paid, "since": DAYS[lang][0]})
    alone = words.say("taken_paid", {"paid_amount": paid})
    sent = first(base_dir, lang, **changes)
    for day, said, unsaid in ((REMINDER_DAY, since, None), (date(2026, 11, 30), alone, since)):
        reminder = render.build(
            draft(base_dir, lang, "email", deadline_days=10, **changes),
            today=day,
            follow_up=FollowUp(
                "reminder", (Earlier("request", FIRST_DAY, "email", sent.subject, language=lang),)
            ),
        )
        assert said in reminder.body, (day, reminder.body)
        assert unsaid is None or unsaid not in reminder.body
    assert since != alone and DAYS[lang][0] in since
    assert alone in sent.body and DAYS[lang][0] not in sent.body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sum_debited_given_again_counts_from_the_day_it_was_given(base_dir: Path, lang: str) -> None:
    """The sum debited given again with the reminder of 12 December (``debited_on``): the formal notice
    claims it alone until the next instalment (2 January), then it and every debit since 12 December."""
    words = render.Phrases(lang)
    changes = {"request": "cancellation", "details": {"action": "cancel", "paid_amount": "300,00"}}
    paid = render.format_amount(Decimal("300.00"), lang)
    alone = words.say("taken_paid", {"paid_amount": paid})
    since = words.say("taken_paid_since", {"paid_amount": paid, "since": DAYS[lang][1]})
    sent = first(base_dir, lang, **changes)
    earlier = (
        Earlier("request", FIRST_DAY, "email", sent.subject, language=lang),
        Earlier("reminder", REMINDER_DAY, "email", sent.subject, language=lang),
    )
    for day, said in ((TODAY, alone), (date(2027, 1, 5), since)):
        notice = render.build(
            draft(base_dir, lang, "email", deadline_days=8, **changes),
            today=day,
            follow_up=FollowUp("formal_notice", earlier, debited_on=REMINDER_DAY),
        )
        assert said in notice.body, (day, notice.body)
        # Its subject is written afresh: no sum once the debits since make it no longer the one claimed.
        assert (paid in notice.subject) is (paid in sent.subject and day == TODAY), notice.subject
        # The facts say the total given and its day (the copies enclosed named another sum), while it holds.
        total = words.say("debited_by", {"paid_amount": paid, "day": DAYS[lang][1]})
        assert (total in notice.body) is (day == TODAY), notice.body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_follow_up_after_more_debits_claims_no_sum_computed_from_the_first(
    base_dir: Path, lang: str
) -> None:
    """A partial cancellation: 450,00 debited of a purchase now worth 400,00 (50,00 overpaid). The first
    message claims the 50,00; a reminder written after another instalment fell due (the 2nd of December)
    claims the 50,00 overpaid on the first message's day and every sum debited since (all over what is
    owed), never the 50,00 as the whole. With 350,00 debited (50,00 still due) the balance is not claimed
    after another debit: it is no longer true."""
    details = {"action": "modify", "merchant_cancelled_on": "5/10/2026", "new_amount": "400,00"}
    words = render.Phrases(lang)
    for paid, figure, claimed in (("450,00", "50.00", True), ("350,00", "50.00", False)):
        changes = {"request": "cancellation", "details": {**details, "paid_amount": paid}}
        sum_said = render.format_amount(Decimal(figure), lang)
        sent = first(base_dir, lang, **changes)
        assert sum_said in sent.paragraphs[0], sent.paragraphs[0]
        reminder = render.build(
            draft(base_dir, lang, "email", deadline_days=10, **changes),
            today=REMINDER_DAY,
            follow_up=FollowUp(
                "reminder", (Earlier("request", FIRST_DAY, "email", sent.subject, language=lang),)
            ),
        )
        claim = reminder.paragraphs[1]
        since = words.say("overpaid_since", {"overpaid": sum_said, "since": DAYS[lang][0]})
        assert (since in claim) is claimed, claim
        alone = re.findall(rf"(?<![\d.]){re.escape(sum_said)}", claim)  # not inside « 450,00 € »
        assert len(alone) == int(claimed), claim  # only inside the sum overpaid since


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("question", ["change_card", "change_date", "early_repayment"])
def test_a_reminder_of_a_request_time_overtook_does_not_ask_it_again(
    base_dir: Path, lang: str, question: str
) -> None:
    """Once every instalment has fallen due there is no debit left to move, to take from a new card or
    to pay early: the reminder says what was asked and that its day has passed, and opens otherwise than
    a reminder that asks again; before that day it asks again what the first message asked."""

    def reminder(bought: str) -> tuple[render.Message, render.Message]:
        changes = {
            "request": "installments",
            "details": {"question": question},
            "transaction": {**DRAFT["transaction"], "date": bought},
        }
        return remind(base_dir, lang, TODAY, **changes)

    sent, running = reminder("2/10/2026")  # the last instalment on 2 January 2027
    assert sent.paragraphs[0][1:] in running.body
    sent, overtaken = reminder("2/9/2026")  # the last instalment on 2 December 2026
    assert sent.paragraphs[0][1:] not in overtaken.body
    assert overtaken.paragraphs[0] != running.paragraphs[0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("question", "repeated"), [("change_card", False), ("other", True)])
def test_a_reminder_time_overtook_repeats_no_account_that_no_longer_holds(
    base_dir: Path, lang: str, question: str, repeated: bool
) -> None:
    """The account of a change of card was written before its last instalment fell due (« the last one is
    due on 2 December »): its reminder after that day leaves it out, as the claim says what became of it;
    a question of the person's own is its account, repeated still. Before that day, both repeat it."""
    description = "La dernière échéance est prévue le 2 décembre."
    details = {"question": question, **({"subject": "Carte expirée"} if question == "other" else {})}

    def reminder(bought: str) -> render.Message:
        changes = {
            "request": "installments",
            "description": description,
            "details": details,
            "transaction": {**DRAFT["transaction"], "date": bought},
        }
        return remind(base_dir, lang, TODAY, **changes)[1]

    assert description in reminder("2/10/2026").body  # the last instalment on 2 January 2027
    assert (description in reminder("2/9/2026").body) is repeated  # on 2 December 2026


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("kind", "asked", "bought"),
    [
        ("reminder", {"request": "installments", "details": {"question": "other"}}, "2/10/2026"),
        ("reminder", {"request": "installments", "details": {"question": "other"}}, "2/9/2026"),
        ("formal_notice", {"request": "payment_issue", "details": {"issue": "other"}}, "2/10/2026"),
    ],
)
def test_a_follow_up_of_a_request_of_ones_own_repeats_it_after_its_first_sentence(
    base_dir: Path, lang: str, kind: str, asked: dict[str, Any], bought: str
) -> None:
    """A question or a problem of the person's own is its account: a follow-up, while instalments run and
    once the last one fell due, repeats it right after the sentence that announces it, before the facts."""
    changes = {
        "request": asked["request"],
        "details": {**asked["details"], "subject": "Carte expirée"},
        "transaction": {**DRAFT["transaction"], "date": bought},
    }
    message = follow(base_dir, kind, lang, **changes)
    claim, account = message.paragraphs[1].split("\n")
    assert claim.endswith(":") and account == DRAFT["description"], message.paragraphs[1]
    assert message.body.count(DRAFT["description"]) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("question", "asked_on", "failed"),
    [
        ("change_card", date(2026, 11, 26), date(2026, 12, 2)),  # the debit after the request
        ("change_date", date(2026, 11, 26), date(2026, 12, 2)),
        ("change_card", date(2026, 11, 1), date(2026, 11, 2)),  # two debits after it: the first
    ],
)
def test_a_reminder_of_a_failed_debit_names_its_day(
    base_dir: Path, lang: str, question: str, asked_on: date, failed: date
) -> None:
    """Bought on 2 September in 4 instalments (2 September to 2 December): the person says the debit
    the request came before failed; the reminder names it by its day in the plan."""
    changes = {
        "request": "installments",
        "details": {"question": question},
        "transaction": {**DRAFT["transaction"], "date": "2/9/2026", "plan": "4x"},
    }
    sent = render.build(draft(base_dir, lang, "email", **changes), today=asked_on)
    reminder = render.build(
        draft(base_dir, lang, "email", deadline_days=10, **changes),
        today=TODAY,
        follow_up=FollowUp(
            "reminder",
            (Earlier("request", asked_on, "email", sent.subject, language=lang),),
            debit_failed=True,
        ),
    )
    assert render.format_day(failed, lang) in reminder.paragraphs[1], reminder.paragraphs[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_overtaken_change_of_date_asks_the_answer_before_the_day_asked_for(
    base_dir: Path, lang: str
) -> None:
    """Every instalment fell due by 2 December; the person asked the debit moved to 8 January 2027: the
    reminder of 28 December asks an answer by Wednesday 6 January (two working days before), not within
    its ten days, which would end after it."""
    changes = {
        "request": "installments",
        "details": {"question": "change_date", "wanted_date": "8/1/2027"},
        "transaction": {**DRAFT["transaction"], "date": "2/9/2026"},
    }
    _, reminder = remind(base_dir, lang, TODAY, **changes)
    when = render.format_day(date(2027, 1, 6), lang)
    assert when in reminder.body and render.format_day(date(2027, 1, 8), lang) in reminder.body
    assert render.Phrases(lang).say("reply_by_email", {"days": 10}) not in reminder.body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_first_message_asks_what_time_would_overtake_in_a_follow_up(base_dir: Path, lang: str) -> None:
    """A first message asking to move a debit after the plan's last instalment asks it (its words of a
    follow-up would say it « had asked »)."""

    def claim(bought: str) -> str:
        changes = {
            "request": "installments",
            "details": {"question": "change_date", "wanted_date": "10/01/2027"},
            "transaction": {**DRAFT["transaction"], "date": bought},
        }
        return render.build(draft(base_dir, lang, **changes), today=TODAY).paragraphs[0]

    assert claim("2/9/2026") == claim("2/10/2026")  # the last instalment on 2 December, on 2 January


def given_sum(
    base_dir: Path,
    lang: str,
    kind: str,
    sent: render.Message,
    details: dict[str, str],
    first_sum: str,
    now: str,
    today: date,
) -> render.Message:
    """The follow-up ``kind`` (by email) of the cancellation ``sent`` with ``details`` and ``first_sum``
    debited, given ``now`` debited by ``today``."""
    return render.build(
        draft(
            base_dir,
            lang,
            "email",
            deadline_days=10 if kind == "reminder" else 8,
            request="cancellation",
            details={**details, "paid_amount": now},
        ),
        today=today,
        follow_up=FollowUp(
            kind,
            (Earlier("request", FIRST_DAY, "email", sent.subject, language=lang),),
            debited_on=today,
            debited_first=Decimal(first_sum),
        ),
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reminder_whose_sum_changed_says_it_renews_the_claim_brought_up_to_date(
    base_dir: Path, lang: str
) -> None:
    """The partial cancellation gave 250,00 € debited, 50,00 € under the new price; its reminder is given
    280,00 €: its claim changed (20,00 € still due) but not its subject (what is still due is named in
    the claim only), so its opening says it renews the claim brought up to date; given the same 250,00 €,
    it repeats it."""
    details = {"action": "modify", "new_amount": "300,00", "paid_amount": "250,00"}
    sent = first(base_dir, lang, request="cancellation", details=details)

    def opening(now: str) -> str:
        return given_sum(base_dir, lang, "reminder", sent, details, "250.00", now, REMINDER_DAY).paragraphs[0]

    values = {"day": DAYS[lang][0], "by": render.Phrases(lang).say("by_email", {}), "annex": ""}
    plain = render.Phrases(lang).say("reminder_opening_one", values)
    assert opening("250,00") == plain
    changed = opening("280,00")
    updated = render.Phrases(lang).say("reminder_opening_one_updated", values)
    assert changed == updated, changed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_follow_up_says_what_was_debited_after_the_request(base_dir: Path, lang: str) -> None:
    """The cancellation gave 150,00 € debited; the formal notice is given 450,00 € by its day: it says that
    300,00 € were debited after the request of 26 November, on the plan's one debit day since (2 December),
    with the facts, before the person's account quoted from that day (after the quote it would read as part
    of it), and that nothing more was when the sum has not grown."""
    details = {"action": "cancel", "paid_amount": "150,00"}
    sent = first(base_dir, lang, request="cancellation", details=details)

    def notice(now: str) -> render.Message:
        return given_sum(base_dir, lang, "formal_notice", sent, details, "150.00", now, TODAY)

    after = render.Phrases(lang).say(
        "debited_after_total_on",
        {
            "amount": render.format_amount(Decimal("300.00"), lang),
            "day": DAYS[lang][0],
            "paid_amount": render.format_amount(Decimal("450.00"), lang),
            "on": render.format_day(date(2026, 12, 2), lang),
        },
    )
    grown = notice("450,00")
    assert after in grown.body  # with the total it comes to: the claim does not name it
    # with the facts, before the account quoted from the first message
    told = grown.body.index(render.Phrases(lang).say("heading_followup", {"since": DAYS[lang][0]}))
    assert grown.body.index(after) < told
    said = render.Phrases(lang).say("debited_after_on", {"amount": "§", "day": DAYS[lang][0], "on": "§"})
    unchanged = notice("150,00").body
    assert max(said.split("§"), key=len).strip() not in unchanged
    nothing = render.Phrases(lang).say("debited_none_after", {"day": DAYS[lang][0]})
    assert nothing in unchanged and unchanged.index(nothing) < unchanged.index(
        render.Phrases(lang).say("heading_followup", {"since": DAYS[lang][0]})
    )
