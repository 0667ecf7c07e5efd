"""The plain mode and requests sent, through a real process: “Was it sent?” after the menu saves
the message, then My requests on a later day (ALMA_CONTACT_TODAY): the reminder written, saved and
kept with the request."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from cli_support import Result, Run
from test_cli_plain import _evidence, _journey, _no_escape, _plain

from alma_contact.store import open_store

SAVE_TXT_SENT = "5\n\n2\n\n\n7\n"
"""At the menu of an email: 5 text under the name offered; sent: yes, today, by email; 7 quit."""


def _a_request_sent(run: Run, tmp_path: Path) -> Result:
    """The plain mode's journey of a request (the first kind offered), saved as text and said sent today
    (26 November 2026)."""
    _evidence(tmp_path)
    first = _plain(run, _journey("1", "J'ai annulé ma commande le 3 novembre.\n.\n") + SAVE_TXT_SENT, "en")
    _no_escape(first)
    assert first.code == 0, first
    return first


def _plain_on(run: Run, day: str, answers: str) -> Result:
    """The plain mode in English on ``day`` (ISO), with these answers."""
    result = run("--plain", "--ui-lang", "en", input=answers, env={"ALMA_CONTACT_TODAY": day})
    _no_escape(result)
    return result


def test_a_message_said_sent_is_kept_and_its_reminder_written_later(run: Run, tmp_path: Path) -> None:
    first = _a_request_sent(run, tmp_path)
    assert "Was it sent, or will it be sent today?" in first.out
    assert "Sent on [26/11/2026]" in first.out
    assert "Kept among your requests as @1" in first.out
    with open_store(tmp_path / "data") as store:
        case = store.case(1)
    assert [(m.kind, m.day, m.channel) for m in case.messages] == [("request", date(2026, 11, 26), "email")]
    assert len(case.first.evidence) == 1 and case.first.evidence[0].size > 0

    # 18 days later: the start says a request needs something; My requests is the 3rd line (new
    # request, a draft file, my requests: a draft sent is no longer a draft); the request, its reminder by
    # email, the sum debited so far (first over the purchase, then right), saved as text and said sent;
    # back to the request, to the list, to the start.
    later = "3\n1\n1\n\n2000\n823,04\n5\n\n2\n\n\n6\n\n\n"
    second = _plain_on(run, "2026-12-14", later)
    out = second.out
    assert "One of your requests needs something from you today" in out
    assert "  3. My requests (1)" in out
    assert "→ No answer since 26 November 2026: write a reminder" in out
    assert "1. Write the reminder" in out
    reminder = (tmp_path / "alma-2026-12-14.txt").read_text(encoding="utf-8")
    assert "26 novembre 2026" in reminder  # the first message's day, cited
    assert "Debited so far: 2.000,00 € is more than the transaction amount" in out
    assert "311,52\u00a0€" in reminder and "823,04\u00a0€" in reminder  # the balance still due, from the sum
    assert "Kept with your request @1 (reminder)." in out
    assert "→ Formal notice due on" in out
    with open_store(tmp_path / "data") as store:
        case = store.case(1)
    assert [(m.kind, m.day, m.debited) for m in case.messages] == [
        ("request", date(2026, 11, 26), None),
        ("reminder", date(2026, 12, 14), Decimal("823.04")),
    ]


def test_a_formal_notice_asks_the_sum_debited_by_today(run: Run, tmp_path: Path) -> None:
    """A cancellation sent, then a reminder: the formal notice claims an exact sum, so the sum debited by
    today is asked with no sum to keep (Enter is said to be needed, and asked again)."""
    _a_request_sent(run, tmp_path)
    reminder = "3\n1\n1\n\n\n5\n\n2\n\n\n6\n\n\n"  # the reminder, the sum given before kept
    second = _plain_on(run, "2026-12-14", reminder)
    assert "Kept with your request @1 (reminder)." in second.out
    # the formal notice by email (2nd channel), no sum, then the sum; saved as text, said sent
    notice = "3\n1\n1\n2\n\n823,04\n5\n\n2\n\n\n6\n\n\n"
    third = _plain_on(run, "2026-12-30", notice)
    out = third.out
    assert "1. Write the formal notice" in out
    assert "a formal notice claims an exact sum from it" in out
    assert "Debited so far\n" in out  # no sum in brackets to keep
    assert "Debited so far: needed for a formal notice" in out
    text = (tmp_path / "alma-2026-12-30.txt").read_text(encoding="utf-8")
    assert "Mise en demeure" in text and "823,04\u00a0€" in text
    with open_store(tmp_path / "data") as store:
        case = store.case(1)
    assert [(m.kind, m.debited) for m in case.messages] == [
        ("request", None),
        ("reminder", None),
        ("formal_notice", Decimal("823.04")),
    ]


def test_the_reminder_of_a_change_of_card_asks_whether_the_debit_failed(run: Run, tmp_path: Path) -> None:
    """A change of card sent on 26 November, every instalment due by 22 December: the plain mode asks
    whether the debit failed; yes: the reminder says so; Enter (no, or not known): it asks it."""
    from test_cli_cases import ASKS_IT, CHANGE_CARD, SAYS_IT

    assert run("drafts", "import", str(CHANGE_CARD)).code == 0
    assert run("sent", "@1").code == 0
    said = _plain_on(run, "2026-12-22", "3\n1\n1\n\ny\n")
    assert "Did the debit your request was about fail?" in said.out
    assert SAYS_IT in said.out and ASKS_IT not in said.out
    asked = _plain_on(run, "2026-12-22", "3\n1\n1\n\n\n")
    assert ASKS_IT in asked.out
