"""The plain mode and requests sent, through a real process: “Was it sent?” after the menu saves
the message, then My requests on a later day (ALMA_CONTACT_TODAY): the reminder written, saved and
kept with the request."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from cli_support import Run
from test_cli_plain import _evidence, _journey, _no_escape, _plain

from alma_contact.store import open_store

SAVE_TXT_SENT = "5\n\n2\n\n\n7\n"
"""At the menu of an email: 5 text under the name offered; sent: yes, today, by email; 7 quit."""


def test_a_message_said_sent_is_kept_and_its_reminder_written_later(run: Run, tmp_path: Path) -> None:
    _evidence(tmp_path)
    first = _plain(run, _journey("1", "J'ai annulé ma commande le 3 novembre.\n.\n") + SAVE_TXT_SENT, "en")
    _no_escape(first)
    assert first.code == 0, first
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
    second = run("--plain", "--ui-lang", "en", input=later, env={"ALMA_CONTACT_TODAY": "2026-12-14"})
    _no_escape(second)
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
