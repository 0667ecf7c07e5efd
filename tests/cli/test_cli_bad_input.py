"""Files that are not drafts, and drafts that try to reach the terminal: exit 2, a clear message, nothing else."""

from __future__ import annotations

import os
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


# --- special files: refused at once, never waited on ---------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@needs_fifo
@pytest.mark.parametrize("command", [*COMMANDS, ["open"], ["copy"]], ids=[*IDS, "open", "copy"])
def test_a_named_pipe_is_refused_without_waiting(run: Run, tmp_path: Path, command: list[str]) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    result = run(*command, "pipe.toml", timeout=20)  # a regression blocks: the timeout fails it
    assert_clean_failure(result)
    assert "“pipe.toml” is not a regular file" in result.err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_not_read(run: Run) -> None:
    result = run("check", "/dev/zero", timeout=20)
    assert_clean_failure(result)
    assert "“/dev/zero” is not a regular file" in result.err


def test_standard_input_is_still_read(run: Run, draft: Path) -> None:
    assert run("check", "-", input=draft.read_bytes()).code == 0


# --- the config file: read as a draft is, its problems said in the user's language ---------


def _with_config(run: Run, draft: Path, config: str, lang: str = "C.UTF-8") -> str:
    result = run("check", str(draft), env={"ALMA_CONTACT_CONFIG": config}, lang=lang, timeout=20)
    assert result.code == 0, result  # the config is not used; the draft still is
    assert "Traceback" not in result.both and "[Errno" not in result.both
    return result.err


@needs_fifo
def test_config_named_pipe(run: Run, draft: Path, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "config.toml")
    err = _with_config(run, draft, str(tmp_path / "config.toml"))
    assert "your config file was not used" in err and "is not a regular file" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_config_endless_device(run: Run, draft: Path) -> None:
    assert "“/dev/zero” is not a regular file" in _with_config(run, draft, "/dev/zero")


def test_config_too_big(run: Run, draft: Path, write: Write) -> None:
    path = write("cfg/big.toml", "# " + "x" * 2_000_000 + "\n")
    assert "holds at most 1000000 bytes" in _with_config(run, draft, str(path))


@pytest.mark.parametrize(
    ("content", "english", "french"),
    [
        (None, "is a folder, not a file", "est un dossier"),
        (b"\xff\xfe[recipient]", "is not UTF-8 text", "UTF-8"),
        (b"[recipient\n", "is not valid TOML", "TOML"),
        (b"[recipient]\nemail = " + b"1" * 5000, "more than 4300 digits", "4300"),
    ],
    ids=["folder", "not-utf8", "not-toml", "huge-number"],
)
def test_config_problems_are_translated(
    run: Run, draft: Path, tmp_path: Path, content: bytes | None, english: str, french: str
) -> None:
    path = tmp_path / "cfg" / "cdir"
    if content is None:
        path.mkdir(parents=True)
    else:
        path.parent.mkdir()
        path.write_bytes(content)
    assert english in _with_config(run, draft, str(path))
    in_french = _with_config(run, draft, str(path), lang="fr_BE.UTF-8")
    assert french in in_french and english not in in_french


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every file")
def test_config_not_readable(run: Run, draft: Path, write: Write) -> None:
    path = write("cfg/config.toml", "[recipient]\n")
    path.chmod(0)
    assert "permission denied" in _with_config(run, draft, str(path))


# --- values the parsers cannot take: exit 2, naming the key -------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "int.toml",
            DRAFT_TOML.replace('"1.234,56"', "1" * 5000),
            "“amount” (line 17) holds a number of more",
        ),
        ("deep.toml", DRAFT_TOML + "\n[recipient]\naddress = " + "[" * 500 + "]" * 500, "“address”"),
        ("deep.json", '{"evidence": ' + "[" * 100_000 + "]" * 100_000 + "}", "“evidence” (line 1) nests"),
        ("dup.json", '{"request": "refund",\n "request": "other"}', "the key “request” is written twice"),
    ],
    ids=["toml-int", "toml-deep", "json-deep", "json-dup"],
)
@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_values_the_parsers_cannot_take(
    run: Run, write: Write, draft: Path, command: list[str], name: str, content: str, expected: str
) -> None:
    write(name, content)
    result = run(*command, name)
    assert_clean_failure(result)
    assert expected in result.err
    assert "unexpected error" not in result.err


def test_a_long_value_is_echoed_cut(run: Run, write: Write, draft: Path) -> None:
    write("long.toml", DRAFT_TOML.replace('"1.234,56"', '"' + "9" * 5000 + '"'))
    result = run("check", "long.toml")
    assert_clean_failure(result)
    assert "9" * 60 + "…" in result.err and "9" * 61 not in result.err
    assert len(result.err) < 1000


def test_an_unknown_key_cannot_print_lines_of_its_own(run: Run, write: Write, draft: Path) -> None:
    write("forged.toml", DRAFT_TOML + '\n[recipient]\n"x\\n  - customer.email: is fine" = 1\n')
    result = run("check", "forged.toml")
    assert_clean_failure(result)
    assert "\n  - customer.email: is fine" not in result.err
    assert "x\\n  - customer.email: is fine" in result.err


def test_the_same_evidence_written_two_ways(run: Run, write: Write, tmp_path: Path) -> None:
    write("ev/x.pdf", b"%PDF-1.4")
    two_ways = f'evidence = ["{tmp_path / "ev" / "x.pdf"}", "../ev/x.pdf"]'
    write("drafts/two.toml", DRAFT_TOML.replace('evidence = ["confirmation.pdf"]', two_ways))
    result = run("render", "drafts/two.toml", "--format", "eml", "-o", "out.eml")
    assert_clean_failure(result)
    assert "evidence[2]:" in result.err and "is the same file as" in result.err
    assert not (tmp_path / "out.eml").exists()
