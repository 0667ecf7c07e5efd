"""``alma-contact check``: exit 0 and the checklist for a valid draft, exit 2 and every wrong key otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import ADDRESS_TOML as ADDRESS
from cli_support import DRAFT_TOML, Run, Write, assert_clean_failure


@pytest.mark.parametrize("script", [False, True], ids=["python -m", "script"])
def test_check_valid_draft_prints_the_checklist(run: Run, draft: Path, script: bool) -> None:
    result = run("check", draft.name, script=script)
    assert result.code == 0, result
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "The draft is valid."
    assert "✓ Amount and date: 1.234,56 €, 2/11/2026" in lines
    assert "✓ Order or invoice number: A-123" in lines
    assert "✓ Evidence: confirmation.pdf (2,0 kB)" in lines
    assert "✓ Contact details used for the purchase: an.peeters@example.be, +32 470 12 34 56" in lines
    assert any(line.startswith("✓ Clear description: ") for line in lines)


def test_check_marks_what_is_missing(run: Run, write: Write) -> None:
    text = DRAFT_TOML.replace('evidence = ["confirmation.pdf"]\n', "").replace('order_number = "A-123"\n', "")
    text = text.replace('phone = "0470 12 34 56"\n', "")
    write("bare.toml", text)
    result = run("check", "bare.toml")
    assert result.code == 0, result
    assert "! Order or invoice number: none" in result.out
    assert "! Evidence: none" in result.out
    assert "Worth a look:" in result.out
    for key in ("transaction.order_number", "evidence", "customer.phone"):
        assert f"  - {key}: " in result.out


def test_check_invalid_draft_names_every_wrong_key(run: Run, write: Write) -> None:
    text = (
        DRAFT_TOML.replace('amount = "1.234,56"', 'amount = "1,500"')
        .replace('date = "2/11/2026"', 'date = "11/26/2026"')
        .replace('email = "an.peeters@example.be"', 'email = "an.peeters@example"')
        .replace('channel = "email"', 'channel = "lettre"')
        .replace('refund_amount = "100,00"', 'refund_amount = "100,00"\nrefnd = "x"')
        .replace('evidence = ["confirmation.pdf"]', 'evidence = ["missing.pdf"]')
    )
    write("bad.toml", text)
    result = run("check", "bad.toml")
    assert_clean_failure(result)
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[0] == "alma-contact: bad.toml cannot be used yet; fix these keys:"
    named = {line.strip().split(":", 1)[0] for line in lines[1:]}
    assert named == {
        "transaction.amount",
        "transaction.date",
        "customer.email",
        "channel",
        "details.refnd",
        "evidence[1]",
    }
    assert "did you mean “letter”?" in result.err
    assert "did you mean “refund”?" in result.err
    assert "did you mean 26/11/2026?" in result.err


def test_check_is_not_fooled_by_the_real_date(run: Run, write: Write) -> None:
    """ALMA_CONTACT_TODAY fixes "today": the day after it is in the future."""
    write("future.toml", DRAFT_TOML.replace('date = "2/11/2026"', 'date = "27/11/2026"'))
    result = run("check", "future.toml")
    assert_clean_failure(result)
    assert "transaction.date: 27/11/2026 is in the future." in result.err


def test_check_reads_standard_input(run: Run, draft: Path) -> None:
    result = run("check", "-", input=DRAFT_TOML)
    assert result.code == 0, result  # evidence is found from the current folder
    assert "confirmation.pdf" in result.out


def test_check_json_draft(run: Run, draft: Path, write: Write) -> None:
    import json
    import tomllib

    write("draft.json", json.dumps(tomllib.loads(DRAFT_TOML), ensure_ascii=False))
    result = run("check", "draft.json")
    assert result.code == 0, result


def test_check_without_a_draft_is_a_usage_error(run: Run) -> None:
    result = run("check")
    assert_clean_failure(result)
    assert result.err.startswith("usage: alma-contact check")


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["check", "--bogus", "x.toml"], ["frobnicate"], ["render", "x.toml", "--format", "xml"]],
)
def test_unknown_options_exit_2(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert_clean_failure(result)
    assert re.search(r"^alma-contact[\w ]*: error: ", result.err, re.MULTILINE)


@pytest.mark.parametrize("script", [False, True], ids=["python -m", "script"])
def test_bare_command_without_a_terminal_points_to_the_commands(run: Run, script: bool) -> None:
    """No terminal (a script, a pipe, CI): the app cannot start; the commands are named instead."""
    result = run(script=script)
    assert result.code == 2, result
    assert "the app needs a terminal" in result.err
    assert "alma-contact new" in result.err
    assert "Traceback" not in result.both


def test_a_draft_without_a_terminal_is_not_opened(run: Run, draft: Path) -> None:
    result = run(draft.name)
    assert result.code == 2, result
    assert "the app needs a terminal" in result.err


def test_help_and_version(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    assert "usage: alma-contact" in result.out
    for command in ("new", "check", "render"):
        assert re.search(rf"^\s+{command}\s", result.out, re.MULTILINE)
    version = run("--version")
    assert version.code == 0
    assert re.fullmatch(r"alma-contact \d+\.\d+\.\d+\S*\n", version.out)


# --- a draft from someone else: where it goes, and which files it takes -------------------

ELSEWHERE = '\n[recipient]\nemail = "collect@attacker.example"\n'


def test_check_shows_a_recipient_that_is_not_alma(run: Run, draft: Path, write: Write) -> None:
    write("shared.toml", DRAFT_TOML + ELSEWHERE)
    result = run("check", "shared.toml")
    assert result.code == 0, result
    assert (
        "  - recipient.email: this email goes to collect@attacker.example, not to Alma's usual" in result.out
    )
    plain = run("check", draft.name)
    assert "recipient" not in plain.out


def test_check_shows_the_recipient_of_the_config_file(run: Run, draft: Path, write: Write) -> None:
    config = write("cfg/config.toml", '[recipient]\nemail = "me@example.be"\n')
    result = run("check", draft.name, env={"ALMA_CONTACT_CONFIG": str(config)})
    assert "this email goes to me@example.be" in result.out


LETTER_ELSEWHERE = '\n[recipient]\naddress = ["Collect Ltd", "1 Fake Street", "LONDON", "UNITED KINGDOM"]\n'


@pytest.mark.parametrize("fmt", ["eml", "text", "mailto", "pdf"])
def test_every_export_says_where_the_message_goes(run: Run, draft: Path, write: Write, fmt: str) -> None:
    if fmt == "pdf":  # a letter: the sender's address, and the recipient's
        write(
            "shared.toml", DRAFT_TOML.replace("[transaction]", ADDRESS + "[transaction]") + LETTER_ELSEWHERE
        )
    elif (
        fmt == "mailto"
    ):  # a question: a claim, with its rights, deadline and next step, is too long for a link
        question = DRAFT_TOML.replace('request = "refund"', 'request = "installments"')
        question = question[: question.index("[details]")] + '[details]\nquestion = "schedule"\n'
        write("shared.toml", question + ELSEWHERE)
    else:
        write("shared.toml", DRAFT_TOML + ELSEWHERE)
    result = run("render", "shared.toml", "--format", fmt, "-o", f"out.{fmt}")
    assert result.code == 0, result
    expected = (
        "this letter goes to Collect Ltd, 1 Fake Street" if fmt == "pdf" else "goes to collect@attacker"
    )
    assert expected in result.err
    assert result.err.index(expected) < result.err.index("Written:")


def test_json_lists_the_recipient_among_its_warnings(run: Run, draft: Path, write: Write) -> None:
    write("shared.toml", DRAFT_TOML + ELSEWHERE)
    result = run("render", "shared.toml", "--format", "json")
    assert result.code == 0, result
    warnings = result.json()["warnings"]
    assert warnings[0]["key"] == "recipient.email"
    assert "collect@attacker.example" in warnings[0]["message"]


def test_check_refuses_key_files_and_system_files(
    run: Run, draft: Path, write: Write, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    write("home/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n")
    evidence = 'evidence = ["confirmation.pdf", "~/.ssh/id_rsa", "/proc/self/environ"]'
    write("shared.toml", DRAFT_TOML.replace('evidence = ["confirmation.pdf"]', evidence) + ELSEWHERE)
    for command in (["check"], ["render", "--format", "eml", "-o", "out.eml"]):
        result = run(*command, "shared.toml", env={"HOME": str(home)})
        assert_clean_failure(result)
        assert "evidence[2]: “~/.ssh/id_rsa” is a key or password file" in result.err
        if Path("/proc/self/environ").exists():
            assert "evidence[3]: “/proc/self/environ” is a system file" in result.err
    assert not (tmp_path / "out.eml").exists()


def test_check_warns_about_files_from_unusual_places(
    run: Run, draft: Path, write: Write, tmp_path: Path
) -> None:
    outside = write("elsewhere/.config/app/settings.pdf", b"%PDF-1.4")
    write("drafts/d.toml", DRAFT_TOML.replace('"confirmation.pdf"', f'"{outside}"'))
    result = run("check", "drafts/d.toml", env={"HOME": str(tmp_path / "home")})
    assert result.code == 0, result
    assert f"  - evidence[1]: “{outside}” is outside the draft's folder and your usual folders" in result.out
    assert "outside the draft's folder" not in run("check", draft.name).out
