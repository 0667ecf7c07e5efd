"""A request followed through real processes: sent, listed with its next step, reminded, put on
notice, answered, closed, and its case file written; dates fixed with ALMA_CONTACT_TODAY."""

from __future__ import annotations

import email
import os
import shutil
import stat
import subprocess
import zipfile
from email import policy
from pathlib import Path

import pytest
from cli_support import Run, assert_clean_failure

from alma_contact.render import Phrases
from alma_contact.store import open_store


def on(day: str) -> dict[str, str]:
    return {"ALMA_CONTACT_TODAY": day}


@pytest.fixture
def sent(run: Run, draft: Path) -> str:
    """The test draft imported into the store and recorded as sent by email on 26 November 2026."""
    assert run("drafts", "import", str(draft)).code == 0
    result = run("sent", "@1")
    assert result.code == 0, result
    assert "@1" in result.out and "26 November 2026" in result.out and "by email" in result.out
    return "@1"


def test_a_sent_draft_is_listed_with_its_next_step(run: Run, sent: str) -> None:
    assert run("drafts", "list", "--format", "json").json() == []  # no longer an unfinished draft
    waiting = run("case", "list", "--format", "json", env=on("2026-12-01")).json()
    assert [(c["id"], c["state"], c["request"]) for c in waiting] == [(1, "open", "refund")]
    step = waiting[0]["next"]
    assert (step["action"], step["due"], step["then"], step["ready"]) == (
        "wait",
        "2026-12-11",
        "reminder",
        False,
    )
    message = waiting[0]["messages"][0]
    assert (message["kind"], message["date"], message["channel"], message["deadline_days"]) == (
        "request",
        "2026-11-26",
        "email",
        15,
    )
    due = run("case", "list", env=on("2026-12-11"))
    assert due.code == 0 and "No answer since 26 November 2026: write a reminder" in due.out
    in_french = run("--ui-lang", "fr", "case", "list", env=on("2026-12-11"))
    assert "rappel" in in_french.out and "26 novembre 2026" in in_french.out
    sooner = run("case", "list", "--days", "3", "--format", "json").json()
    assert sooner[0]["next"]["due"] == "2026-12-11"  # the message's own 15 days are longer


def test_the_message_is_kept_as_sent_with_its_evidence(run: Run, sent: str, tmp_path: Path) -> None:
    shown = run("case", "show", sent)
    assert shown.code == 0
    assert "Je vous demande" in shown.out and "confirmation.pdf" in shown.out
    import hashlib

    digest = hashlib.sha256((tmp_path / "confirmation.pdf").read_bytes()).hexdigest()
    assert digest in shown.out and "2000 bytes" in shown.out
    by_letter = run("sent", sent, "--kind", "formal_notice")  # a formal notice goes by letter: no address yet
    assert_clean_failure(by_letter)
    assert "customer.street" in by_letter.err and "--channel email" in by_letter.err
    unknown = run("sent", sent, "--kind", "formal_notice", "--channel", "email")
    assert_clean_failure(unknown)  # a formal notice of a refund claims from the sum debited by now
    assert "--debited" in unknown.err
    again = run(
        "sent", sent, "--kind", "formal_notice", "--channel", "email", "--debited", "411,52"
    )  # before any reminder: possible
    assert again.code == 0, again
    assert "formal notice" in again.out


def test_an_answer_is_noted_with_its_file_then_the_request_is_closed(
    run: Run, sent: str, write: object, tmp_path: Path
) -> None:
    (tmp_path / "answer.eml").write_bytes(b"From: support@almapay.com\nSubject: Re\n\nNon.\n")
    noted = run(
        "case",
        "note",
        sent,
        "Alma refuse le remboursement.",
        "--file",
        "answer.eml",
        "--date",
        "1/12/2026",
        env=on("2026-12-02"),
    )
    assert noted.code == 0, noted
    assert "Answer noted: close it" in noted.out and "case close @1" in noted.out
    listed = run("case", "list", "--format", "json", env=on("2026-12-02")).json()
    assert listed[0]["next"]["action"] == "close" and listed[0]["answers"] == 1
    shown = run("case", "show", sent, env=on("2026-12-02"))
    assert "Alma refuse le remboursement." in shown.out and "answer.eml" in shown.out
    closed = run(
        "case", "close", sent, "--as", "refused", "--note", "Refus du 1er décembre.", env=on("2026-12-02")
    )
    assert closed.code == 0, closed
    assert "ECC Belgium" in closed.out or "European Consumer Centre" in closed.out
    assert "Rue de Hollande 13" in closed.out
    assert run("case", "list", "--format", "json").json()[0]["state"] == "refused"
    solved = run("case", "close", sent, "--as", "solved")
    assert solved.code == 0 and run("case", "list", "--format", "json").json()[0]["next"]["action"] == "none"


def test_the_reminder_then_the_formal_notice(run: Run, sent: str, tmp_path: Path) -> None:
    reminder = run("case", "next", sent, env=on("2026-12-11"))
    assert reminder.code == 0, reminder
    assert reminder.out.startswith("Objet\u00a0: Rappel")
    assert "26 novembre 2026" in reminder.out
    eml = run("case", "next", sent, "--format", "eml", "-o", "rappel.eml", env=on("2026-12-11"))
    assert eml.code == 0, eml
    parsed = email.message_from_bytes((tmp_path / "rappel.eml").read_bytes(), policy=policy.default)
    assert "Rappel" in str(parsed["Subject"])
    assert [part.get_filename() for part in parsed.iter_attachments()] == ["confirmation.pdf"]
    assert stat.S_IMODE(os.stat(tmp_path / "rappel.eml").st_mode) == 0o600
    assert "alma-contact sent @1 --kind reminder" in eml.err
    recorded = run("sent", sent, "--date", "12/12/2026", env=on("2026-12-12"))
    assert recorded.code == 0 and "reminder" in recorded.out, recorded
    due = run("case", "list", "--format", "json", env=on("2026-12-27")).json()[0]["next"]
    assert (due["action"], due["due"]) == ("formal_notice", "2026-12-27")
    _add_address(tmp_path)  # the address added to the draft since it was sent is the letter's sender
    notice = run(
        "case",
        "next",
        sent,
        "--debited",
        "1.234,56",
        "--format",
        "pdf",
        "-o",
        "mise-en-demeure.pdf",
        env=on("2026-12-28"),
    )
    assert notice.code == 0, notice
    assert "alma-contact sent @1 --kind formal_notice --debited 1.234,56" in notice.err
    if shutil.which("pdftotext") is None and os.environ.get("CI") != "true":
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "mise-en-demeure.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Lettre recommandée" in text and "mise en demeure" in text.lower()
    assert "8 jours" in text and "12 décembre 2026" in text
    recorded = run(
        "sent", sent, "--registered", "--channel", "letter", "--debited", "1.234,56", env=on("2026-12-28")
    )
    assert recorded.code == 0 and "formal notice" in recorded.out, recorded
    kinds = [m["kind"] for m in run("case", "list", "--format", "json").json()[0]["messages"]]
    assert kinds == ["request", "reminder", "formal_notice"]


def _add_address(tmp_path: Path) -> None:
    """The person adds their address to the draft they sent (as the app would save it)."""
    from alma_contact.store import Store

    with Store.open(tmp_path / "data") as store:
        stored = store.get(1)
        customer = {
            **stored.document["customer"],
            "street": "Rue de la Loi 16",
            "postal_code": "1000",
            "city": "Bruxelles",
        }
        store.save(
            {**stored.document, "customer": customer}, stored.base_dir, draft_id=1, revision=stored.revision
        )


def test_the_case_file(run: Run, sent: str, tmp_path: Path) -> None:
    assert run("case", "note", sent, "Accusé de réception", env=on("2026-11-27")).code == 0
    written = run("case", "export", sent, "--format", "md", "-o", "dossier.md", env=on("2026-11-28"))
    assert written.code == 0, written
    text = (tmp_path / "dossier.md").read_text(encoding="utf-8")
    assert "Accusé de réception" in text and "confirmation.pdf" in text
    pdf = run("case", "export", sent, "-o", "dossier.pdf", env=on("2026-11-28"))
    assert pdf.code == 0, pdf
    assert (tmp_path / "dossier.pdf").read_bytes().startswith(b"%PDF")
    again = run("case", "export", sent, "-o", "dossier.pdf")
    assert_clean_failure(again, 1)
    zipped = run("case", "export", sent, "--format", "zip", "-o", "dossier.zip", env=on("2026-11-28"))
    assert zipped.code == 0, zipped
    names = zipfile.ZipFile(tmp_path / "dossier.zip").namelist()
    assert any(name.endswith("confirmation.pdf") for name in names)
    assert stat.S_IMODE(os.stat(tmp_path / "dossier.zip").st_mode) == 0o600


def test_wrong_input_says_what_would_be_right(run: Run, sent: str, draft: Path) -> None:
    assert_clean_failure(run("sent", "@9"))
    assert_clean_failure(run("case", "show", "@9"))
    assert_clean_failure(run("case", "show", "@x"))
    assert_clean_failure(run("sent", sent, "--date", "30/11/2026"))  # in the future
    assert_clean_failure(run("case", "note", sent, "x" * 5001))
    assert_clean_failure(run("case", "note", sent, "ok", "--file", "missing.eml"), 1)
    assert_clean_failure(run("case", "next", sent, "--kind", "formal_notice", "--channel", "form"))
    assert_clean_failure(run("case", "next", sent, "--deadline-days", "-3"))
    assert_clean_failure(run("case", "list", "--days", "0"))
    assert_clean_failure(run("case", "close", sent, "--as", "maybe"))
    assert_clean_failure(run("drafts", "delete", sent, "--yes"))
    assert_clean_failure(run("case"))
    deleted = run("case", "delete", sent, "--yes")
    assert deleted.code == 0 and run("case", "list", "--format", "json").json() == []


def a_question_sent(run: Run, draft: Path) -> None:
    """The test draft made a question on the schedule, imported and recorded as sent (@1)."""
    text = draft.read_text(encoding="utf-8")
    head, _, _ = text.partition("[details]")
    draft.write_text(
        head.replace('request = "refund"', 'request = "installments"') + '[details]\nquestion = "schedule"\n'
    )
    assert run("drafts", "import", str(draft)).code == 0
    assert run("sent", "@1").code == 0


def test_a_question_is_reminded_but_never_put_on_notice(run: Run, draft: Path) -> None:
    a_question_sent(run, draft)
    first = run("case", "list", "--format", "json").json()[0]
    assert first["messages"][0]["deadline_days"] == 0  # a question gives no deadline
    assert first["next"]["due"] == "2026-12-06"  # ten days
    assert run("sent", "@1", "--date", "7/12/2026", env=on("2026-12-07")).code == 0
    waiting = run("case", "list", "--format", "json", env=on("2026-12-21")).json()[0]["next"]
    assert (waiting["action"], waiting["due"]) == ("wait", "2026-12-22")  # the 15 days its reminder asked
    later = run("case", "list", "--format", "json", env=on("2026-12-22")).json()[0]["next"]
    assert later["action"] == "escalate"
    assert_clean_failure(run("case", "next", "@1", "--kind", "formal_notice", env=on("2026-12-20")))


def test_a_reminder_after_the_last_instalment_needs_the_sum_debited(run: Run, sent: str) -> None:
    """Bought on 2 November in 3 instalments, the last on 2 January 2027: a reminder written that day
    may claim from the sum given before; from the next day it claims an exact sum, so without --debited
    it says what is needed, and given the sum it claims the 100,00 € overpaid."""
    running = run("case", "next", sent, env=on("2027-01-02"))
    assert running.code == 0, running
    over = run("case", "next", sent, env=on("2027-01-03"))
    assert_clean_failure(over)
    assert "--debited" in over.err and "every instalment has fallen due" in over.err
    given = run("case", "next", sent, "--debited", "1.234,56", env=on("2027-01-03"))
    assert given.code == 0, given
    assert "100,00\u00a0€" in given.out and "Rappel" in given.out


def test_a_follow_up_claims_from_the_sum_debited_by_now(run: Run, sent: str) -> None:
    """A partial refund (1 234,56 € in 3 instalments, 100,00 € refunded) sent on 26 November without
    the sum debited: the reminder given the sum debited by now claims the balance still due from it;
    the formal notice after that reminder needs the sum debited by its own day, and claims from it."""
    before = run("case", "next", sent, env=on("2026-12-11"))
    assert before.code == 0, before
    assert "311,52" not in before.out and "823,04" not in before.out
    given = run("case", "next", sent, "--debited", "823,04", env=on("2026-12-11"))
    assert given.code == 0, given
    assert (
        "ramener à 311,52\u00a0€ le solde restant dû" in given.out
        and "déjà prélevé 823,04\u00a0€" in given.out
    )
    too_much = run("case", "next", sent, "--debited", "2.000,00", env=on("2026-12-11"))
    assert_clean_failure(too_much)
    assert "--debited" in too_much.err and "1.234,56" in too_much.err
    unreadable = run("case", "next", sent, "--debited", "huit cents", env=on("2026-12-11"))
    assert_clean_failure(unreadable)
    assert "--debited" in unreadable.err
    recorded = run("sent", sent, "--debited", "823,04", "--date", "11/12/2026", env=on("2026-12-11"))
    assert recorded.code == 0, recorded
    messages = run("case", "list", "--format", "json").json()[0]["messages"]
    assert [m["kind"] for m in messages] == ["request", "reminder"]
    unknown = run("case", "next", sent, "--channel", "email", env=on("2026-12-28"))
    assert_clean_failure(unknown)
    assert "--debited" in unknown.err and "formal notice" in unknown.err
    notice = run("case", "next", sent, "--channel", "email", "--debited", "1.234,56", env=on("2026-12-28"))
    assert notice.code == 0, notice
    assert "Mise en demeure" in notice.out and "100,00\u00a0€" in notice.out and "1.234,56" not in notice.out


def test_the_sum_debited_is_refused_where_no_sum_is_claimed(run: Run, draft: Path) -> None:
    a_question_sent(run, draft)
    refused = run("case", "next", "@1", "--debited", "100,00", env=on("2026-12-11"))
    assert_clean_failure(refused)
    assert "--debited" in refused.err and "@1" in refused.err


CHANGE_CARD = Path(__file__).resolve().parents[2] / "examples" / "change-card-fr.toml"
"""A change of card, bought on 2 September 2026 in 4 instalments."""
ASKS_IT = Phrases("fr").say("installments_change_card_ask_ended_followup", {})
"""What its reminder asks once every instalment has fallen due: whether a debit from the old card failed."""
SAYS_IT = Phrases("fr").say("installments_change_card_ask_debit_failed_followup", {})
"""What it asks where the person says that debit failed."""


def test_a_reminder_says_the_debit_asked_about_failed(run: Run, tmp_path: Path) -> None:
    """A change of card sent on 26 November, bought on 2 September in 4 instalments (the last on 2
    December): its reminder of 22 December asks whether a debit from the old card failed; with
    --debit-failed it says so and claims what it calls for, the hint and « sent » carry it; before the
    last instalment, and for another request, --debit-failed is refused with the reason."""
    assert run("drafts", "import", str(CHANGE_CARD), env=on("2026-11-26")).code == 0
    assert run("sent", "@1", env=on("2026-11-26")).code == 0
    asking = run("case", "next", "@1", env=on("2026-12-22"))
    assert asking.code == 0, asking
    assert ASKS_IT in asking.out
    failed = run("case", "next", "@1", "--debit-failed", "-o", "rappel.txt", env=on("2026-12-22"))
    assert failed.code == 0, failed
    text = (tmp_path / "rappel.txt").read_text(encoding="utf-8")
    assert SAYS_IT in text and ASKS_IT not in text
    assert "alma-contact sent @1 --kind reminder --debit-failed" in failed.err
    early = run("case", "next", "@1", "--debit-failed", env=on("2026-12-01"))
    assert_clean_failure(early)
    assert "--debit-failed" in early.err and "every instalment has fallen due" in early.err
    recorded = run("sent", "@1", "--kind", "reminder", "--debit-failed", env=on("2026-12-22"))
    assert recorded.code == 0, recorded
    with open_store(tmp_path / "data") as store:
        case = store.case(1)
    assert [m.kind for m in case.messages] == ["request", "reminder"]
    assert SAYS_IT in case.messages[-1].text
