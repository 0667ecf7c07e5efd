"""The plain mode: the app's questions line by line, driven through a real process with piped answers."""

from __future__ import annotations

import email
import email.policy
import json
import os
import pty
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

from cli_support import Result, Run, base_env

ENDED = 3

START = "1\n"
REQUEST = "refund\n2\n\n1\n{language}\n\n"
"""A partial refund, no day of the merchant's refund, email, the message's language, no deadline."""
YOU = "An\nPeeters\nan.peeters@example.be\n0470 12 34 56\n"
PAYMENT = "1.234,56\n2/11/2026\nA-123\nMeubles Dupont\n3\n100,00\n\n\n"
"""The payment: amount, day, order, merchant, 3 instalments, the sum refunded, no sum debited, no next debit."""
DESCRIPTION = "Ik heb mijn bestelling op 3 november geannuleerd.\nDe handelaar heeft dat bevestigd.\n.\n"
EVIDENCE = "confirmation.pdf\n\n\n"
CHECK = "\n"
SAVE_TXT_AND_EML = "5\n\n\n4\n\n7\n"
"""At the menu of an email: 5 text under the name offered, not sent yet (asked once), 4 .eml under
the name offered, then 7 quit."""


def _journey(language: str, description: str = DESCRIPTION) -> str:
    return START + REQUEST.format(language=language) + YOU + PAYMENT + description + EVIDENCE + CHECK


def _plain(run: Run, answers: str, ui: str, *args: str) -> Result:
    return run("--plain", "--ui-lang", ui, *args, input=answers)


def _no_escape(result: Result) -> None:
    assert "\x1b" not in result.out
    assert "\x1b" not in result.err
    assert "Traceback" not in result.both


def _evidence(tmp_path: Path) -> None:
    (tmp_path / "confirmation.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 500)


def test_a_french_journey_ends_with_a_text_and_an_email(run: Run, tmp_path: Path) -> None:
    _evidence(tmp_path)
    description = "J'ai annulé ma commande le 3 novembre.\nLe marchand l'a confirmé.\n.\n"
    result = _plain(run, _journey("1", description) + SAVE_TXT_AND_EML, "fr")
    _no_escape(result)
    assert result.code == 0, result
    assert "Étape 1 sur 7\u00a0: Votre demande" in result.out
    assert "Étape 7 sur 7\u00a0: Aperçu et envoi" in result.out
    # The account is asked beside what the message already says from the answers.
    asked = result.out.split("Votre message dit déjà", 1)[1].split("Ce qui s’est passé", 1)[0]
    assert "remboursement partiel de 100,00\u00a0€" in asked, asked[:600]
    text = (tmp_path / "alma-2026-11-26.txt").read_text(encoding="utf-8")
    assert "Madame, Monsieur," in text
    assert "J'ai annulé ma commande le 3 novembre." in text
    with (tmp_path / "alma-2026-11-26.eml").open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert "Meubles Dupont" in str(message["Subject"])
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == ["confirmation.pdf"]
    assert "brouillon @1" in result.out  # kept in the store, and said so on quitting


def test_a_dutch_journey_ends_with_a_text_and_an_email(run: Run, tmp_path: Path) -> None:
    _evidence(tmp_path)
    result = _plain(run, _journey("2") + SAVE_TXT_AND_EML, "nl")
    _no_escape(result)
    assert result.code == 0, result
    assert "Stap 2 van 7: Over u" in result.out
    text = (tmp_path / "alma-2026-11-26.txt").read_text(encoding="utf-8")
    assert "Ik heb mijn bestelling op 3 november geannuleerd." in text
    assert "Geachte" in text
    with (tmp_path / "alma-2026-11-26.eml").open("rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "De handelaar heeft dat bevestigd." in body.get_content()


def test_a_wrong_answer_is_said_and_the_question_asked_again(run: Run, tmp_path: Path) -> None:
    answers = START + REQUEST.format(language="1") + YOU + "abc\n"
    result = _plain(run, answers, "fr")
    _no_escape(result)
    out = result.out
    assert "Montant en euros\u00a0: «\u00a0abc\u00a0» n’est pas un montant en euros." in out
    after = out.split("n’est pas un montant en euros.", 1)[1].split("\n", 1)[1]
    assert after.startswith("Montant en euros\n> "), after[:200]
    wrong_choice = _plain(run, START + "9\n", "en")
    assert "Choose one answer to “What is it about?”" in wrong_choice.out


def test_going_back_asks_the_question_before_with_its_answer(run: Run) -> None:
    answers = START + REQUEST.format(language="1") + "An\n<\n"
    result = _plain(run, answers, "en")
    _no_escape(result)
    assert "First name [An]" in result.out.split("> <", 1)[1]


def test_help_shows_the_question_s_help(run: Run) -> None:
    answers = START + REQUEST.format(language="1") + YOU + "?\n"
    result = _plain(run, answers, "en")
    assert "As on your statement: 1.234,56 or 1 234,56 or 149,99." in result.out
    assert "< goes back one question" in result.out


def test_the_end_of_the_input_keeps_the_answers_in_the_store(run: Run) -> None:
    answers = START + REQUEST.format(language="1") + "An\nPeeters\n"
    result = _plain(run, answers, "en")
    _no_escape(result)
    assert result.code == ENDED, result
    assert "alma-contact --plain @1" in result.out
    listed = run("drafts", "list", "--format", "json")
    assert listed.code == 0, listed
    drafts = listed.json()
    assert len(drafts) == 1
    shown = run("drafts", "show", "1")
    assert 'first_name = "An"' in shown.out and 'last_name = "Peeters"' in shown.out
    again = _plain(run, "\n", "en", "@1")  # resumed on its checklist
    assert again.code == ENDED
    assert "Step 6 of 7: Check" in again.out


def test_without_a_store_the_end_of_the_input_saves_a_draft_file(run: Run, tmp_path: Path) -> None:
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("mine", encoding="utf-8")
    answers = START + REQUEST.format(language="1") + "An\nPeeters\n"
    result = run("--plain", "--ui-lang", "en", input=answers, env={"ALMA_CONTACT_DATA_DIR": str(in_the_way)})
    _no_escape(result)
    assert result.code == ENDED, result
    assert "Save the draft from the menu at the end" in result.out
    [saved] = tmp_path.glob("alma-draft-*.toml")
    assert str(saved) in result.out.replace("\n", "")
    assert 'last_name = "Peeters"' in saved.read_text(encoding="utf-8")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert in_the_way.read_text(encoding="utf-8") == "mine"


def test_a_draft_file_opens_on_its_checklist(run: Run, draft: Path) -> None:
    result = _plain(run, "\n7\n", "en", str(draft))  # Enter: the message; 7: quit
    _no_escape(result)
    assert result.code == 0, result
    assert "Step 6 of 7: Check" in result.out
    assert "Your message is ready." in result.out


def test_a_dumb_terminal_or_the_setting_chooses_the_plain_mode(run: Run) -> None:
    for env in ({"TERM": "dumb"}, {"ALMA_CONTACT_PLAIN": "1"}):
        result = run("--ui-lang", "en", input="", env=env)
        assert result.code == ENDED, (env, result)
        assert "Write to Alma's customer service" in result.out


def test_a_journey_through_a_terminal(tmp_path: Path) -> None:
    """The same questions in a pseudo-terminal: still no escape sequence."""
    _evidence(tmp_path)
    env = base_env(tmp_path)
    env["TERM"] = "xterm-256color"
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "alma_contact", "--plain", "--ui-lang", "en"],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=tmp_path,
        close_fds=True,
    )
    os.close(secondary)
    seen = b""

    def read_until(wanted: bytes, timeout: float = 30) -> None:
        nonlocal seen
        end = time.monotonic() + timeout
        while wanted not in seen and time.monotonic() < end:
            ready, _, _ = select.select([primary], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(primary, 4096)
                except OSError:
                    return
        assert wanted in seen, seen[-500:]

    try:
        read_until(b"> ")
        for line in _journey("1").splitlines():
            os.write(primary, line.encode("utf-8") + b"\n")
            time.sleep(0.05)
        read_until(b"Quit")
        os.write(primary, b"7\n")
        assert process.wait(timeout=30) == 0
        read_until(b"alma-contact --plain @1")
    finally:
        if process.poll() is None:
            process.kill()
        os.close(primary)
    assert b"\x1b" not in seen
    assert b"Step 5 of 7: Your evidence" in seen
    kept = json.loads(
        subprocess.run(
            [sys.executable, "-m", "alma_contact", "drafts", "list", "--format", "json"],
            capture_output=True,
            env=env,
            check=True,
        ).stdout
    )
    assert len(kept) == 1
