"""Files that are not drafts, and drafts that try to reach the terminal: exit 2, a clear message, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import DRAFT_TOML, Run, Write, assert_clean_failure

COMMANDS = [["check"], ["render", "--format", "json"]]
IDS = ["check", "render"]


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_invalid_toml_syntax(run: Run, write: Write, command: list[str]) -> None:
    write("broken.toml", 'request = "refund\ncustomer = 1\n')
    result = run(*command, "broken.toml")
    assert_clean_failure(result)
    assert "not valid TOML" in result.err
    assert "line 1" in result.err
    assert result.out == ""


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_invalid_json_syntax(run: Run, write: Write, command: list[str]) -> None:
    write("broken.json", '{"request": "refund",\n "customer": }')
    result = run(*command, "broken.json")
    assert_clean_failure(result)
    assert "not valid JSON" in result.err and "line 2" in result.err


def test_json_nan_refused(run: Run, write: Write) -> None:
    write("nan.json", '{"request": "refund", "transaction": {"amount": NaN}}')
    result = run("check", "nan.json")
    assert_clean_failure(result)
    assert "NaN" in result.err


def test_toml_nan_amount_refused(run: Run, write: Write, draft: Path) -> None:
    write("nan.toml", DRAFT_TOML.replace('amount = "1.234,56"', "amount = nan"))
    result = run("check", "nan.toml")
    assert_clean_failure(result)
    assert "transaction.amount:" in result.err


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_non_utf8_file(run: Run, write: Write, command: list[str]) -> None:
    write("latin1.toml", DRAFT_TOML.encode("latin-1", errors="replace"))
    result = run(*command, "latin1.toml")
    assert_clean_failure(result)
    assert "UTF-8" in result.err


def test_utf8_with_bom_is_fine(run: Run, write: Write, draft: Path) -> None:
    write("bom.toml", "\ufeff" + DRAFT_TOML)
    assert run("check", "bom.toml").code == 0


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_two_megabyte_file(run: Run, write: Write, command: list[str]) -> None:
    write("big.toml", DRAFT_TOML + "# " + "x" * 2_000_000 + "\n")
    result = run(*command, "big.toml")
    assert_clean_failure(result)
    assert "at most" in result.err


def test_two_megabytes_on_standard_input(run: Run) -> None:
    result = run("check", "-", input=b"# " + b"x" * 2_000_000)
    assert_clean_failure(result)
    assert "at most" in result.err


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_a_directory(run: Run, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "folder.toml").mkdir()
    result = run(*command, "folder.toml")
    assert_clean_failure(result)
    assert "folder.toml" in result.err and "folder" in result.err.replace("folder.toml", "")


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_a_missing_file(run: Run, command: list[str]) -> None:
    result = run(*command, "nowhere.toml")
    assert_clean_failure(result)
    assert "“nowhere.toml”: no such file." in result.err


def test_not_a_table(run: Run, write: Write) -> None:
    write("list.json", "[1, 2]")
    assert_clean_failure(run("check", "list.json"))
    write("string.json", '"draft"')
    assert_clean_failure(run("check", "string.json"))


def test_empty_file_names_the_required_keys(run: Run, write: Write) -> None:
    write("empty.toml", "")
    result = run("check", "empty.toml")
    assert_clean_failure(result)
    for key in ("request", "description", "customer.email", "transaction.amount", "transaction.date"):
        assert f"  {key}: is missing." in result.err


def test_empty_standard_input(run: Run) -> None:
    assert_clean_failure(run("check", "-", input=b""))


def test_binary_file(run: Run, write: Write) -> None:
    write("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    result = run("check", "photo.png")
    assert_clean_failure(result)
    assert "\x1a" not in result.err


# --- escape sequences in a draft never reach the terminal ------------------------------------

DANGEROUS = ["\x1b", "\x9b", "\x07", "\u202e", "\x9d", "\x08"]


def _assert_terminal_safe(text: str) -> None:
    for char in DANGEROUS:
        assert char not in text, f"{char!r} reached the terminal"


ESCAPING_DRAFTS = {
    "amount": DRAFT_TOML.replace('amount = "1.234,56"', 'amount = "\\u001b[31m12\\u001b]0;owned\\u0007"'),
    "date": DRAFT_TOML.replace('date = "2/11/2026"', 'date = "\\u009b2J2/11/2026"'),
    "email": DRAFT_TOML.replace(
        'email = "an.peeters@example.be"', 'email = "an\\u202egnp.exe@example.be\\u001b[2J"'
    ),
    "choice": DRAFT_TOML.replace('channel = "email"', 'channel = "em\\u001b[8mail"'),
    "unknown key": DRAFT_TOML + '\n[customer.extra]\n"\\u001b]52;c;b3duZWQ=\\u0007" = 1\n',
    "top-level key": '"lang\\u001b[1Auage" = "fr"\n' + DRAFT_TOML,
    "description": DRAFT_TOML.replace("J'ai annulé", "\\u001b[2J\\u001b[HJ'ai annulé"),
    "evidence": DRAFT_TOML.replace('"confirmation.pdf"', '"conf\\u001b[31m.pdf", "\\u202efdp.exe"'),
    "plan": DRAFT_TOML.replace('plan = "3x"', 'plan = "3\\u0008x"'),
    "postcode": DRAFT_TOML.replace(
        'phone = "0470 12 34 56"', 'phone = "0470 12 34 56"\npostal_code = "10\\u009d00"'
    ),
}


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
@pytest.mark.parametrize("name", ESCAPING_DRAFTS)
def test_escape_sequences_never_reach_the_terminal(
    run: Run, write: Write, draft: Path, command: list[str], name: str
) -> None:
    write("evil.toml", ESCAPING_DRAFTS[name])
    result = run(*command, "evil.toml")
    assert_clean_failure(result)
    _assert_terminal_safe(result.both)


def test_raw_escape_bytes_in_the_file(run: Run, write: Write) -> None:
    write("raw.toml", b'request = "refund\x1b[2J"\n')
    result = run("check", "raw.toml")
    assert_clean_failure(result)
    _assert_terminal_safe(result.both)


def test_escape_sequences_in_the_file_name(run: Run, write: Write) -> None:
    write("evil\x1b[2J.toml", "request = 1\n")
    result = run("check", "evil\x1b[2J.toml")
    assert_clean_failure(result)
    _assert_terminal_safe(result.both)
    missing = run("check", "gone\x1b]0;owned\x07.toml")
    assert_clean_failure(missing)
    _assert_terminal_safe(missing.both)


def test_escape_sequences_on_standard_input(run: Run) -> None:
    result = run("render", "-", input='request = "\x1b[31mrefund"\n[customer]\nfirst_name = "\u202eAn"\n')
    assert_clean_failure(result)
    _assert_terminal_safe(result.both)
