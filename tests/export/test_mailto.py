"""The mailto: link (RFC 6068) and ``alma-contact open``."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alma_contact.export.mailto import LINK_LIMIT, LinkTooLong, mailto_link

from .conftest import DraftFactory, Runner, cli_env

SHORT = "Refusé : # & ? = + % 100 € « test » {{ 7*7 }}\nDeuxième ligne."
FITS = {"description": SHORT}
"""A short description: the wording around it takes most of the 2000 characters of a link."""


def _link(run: Runner, draft: Path, *args: str) -> str:
    result = run("render", draft, "--format", "mailto", *args)
    assert result.returncode == 0, result.stderr.decode()
    link = result.stdout.decode("ascii")
    assert link.endswith("\n") and link.count("\n") == 1
    return link.rstrip("\n")


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def test_round_trip(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    draft = draft_file(**FITS)
    expected = rendered_json(draft)
    link = _link(run, draft)
    assert len(link) <= LINK_LIMIT
    assert link.isascii() and " " not in link and "\n" not in link
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == expected["to"]
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(query) == {"subject", "body"}
    assert query["subject"] == [expected["subject"]]
    assert query["body"] == [_crlf(expected["body"].rstrip())]
    assert "%20" in link and "+" not in link  # spaces are %20, never +
    assert "%0D%0A" in link
    assert "%E2%82%AC" in link  # € in UTF-8


def test_special_characters_survive(draft_file: DraftFactory, run: Runner) -> None:
    query = parse_qs(urlsplit(_link(run, draft_file(**FITS))).query)
    assert _crlf(SHORT) in query["body"][0]


def test_recipient_override(draft_file: DraftFactory, run: Runner) -> None:
    link = _link(run, draft_file(recipient={"email": "plaintes+be@example.fr"}, **FITS))
    assert unquote(urlsplit(link).path) == "plaintes+be@example.fr"


def test_letter_draft_gives_the_email_wording(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    draft = draft_file(channel="letter", **FITS)
    query = parse_qs(urlsplit(_link(run, draft)).query)
    assert query["body"] == [_crlf(rendered_json(draft, "--channel", "email")["body"].rstrip())]


def test_too_long_is_refused(draft_file: DraftFactory, run: Runner) -> None:
    draft = draft_file(description="Une description détaillée de mon problème. " * 40)
    out = draft.parent / "link.txt"
    result = run("render", draft, "--format", "mailto", "-o", out)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert "2000" in message and "--format eml" in message and "alma-contact copy" in message
    assert not out.exists()


def test_a_typical_request_fits(draft_file: DraftFactory, run: Runner) -> None:
    """A message with a description of a few sentences fits in a link. (A refused payment's
    message, which cites the GDPR's rights and answer time, may not: the app then offers the .eml.)"""
    description = (
        "Le 2 novembre, j'ai voulu payer ma commande en 3 fois. Le paiement a été refusé sans "
        "explication, alors que ma carte est valide et approvisionnée. Pouvez-vous me dire pourquoi ?"
    )
    _link(run, draft_file(description=description, last_name="Peeters", first_name="An"))


def test_some_delimiters_are_left_as_they_are() -> None:
    """RFC 6068 lets ! $ ' ( ) * , ; : @ stay; + is encoded, since some programs read it as a space."""
    link = mailto_link("a@example.be", "x", "l'été (1, 2; 3): ok! *$@ + & = ? # %")
    assert link.endswith(
        "body=l'%C3%A9t%C3%A9%20(1,%202;%203):%20ok!%20*$@%20%2B%20%26%20%3D%20%3F%20%23%20%25"
    )
    assert parse_qs(urlsplit(link).query)["body"] == ["l'été (1, 2; 3): ok! *$@ + & = ? # %"]


def test_link_function() -> None:
    link = mailto_link("a.b+c@example.be", "Objet & suite ?", "Ligne 1\nLigne 2\r\nLigne 3")
    assert link == (
        "mailto:a.b%2Bc@example.be?subject=Objet%20%26%20suite%20%3F"
        "&body=Ligne%201%0D%0ALigne%202%0D%0ALigne%203"
    )
    with pytest.raises(LinkTooLong) as caught:
        mailto_link("a@example.be", "x", "é" * 400)
    assert caught.value.length == len("mailto:a@example.be?subject=x&body=") + 400 * 6
    assert len(mailto_link("a@example.be", "x", "é" * 400, limit=None)) > LINK_LIMIT


# --- alma-contact open ----------------------------------------------------------------------


def _fake_opener(folder: Path, name: str = "xdg-open", code: int = 0) -> Path:
    """A stand-in for xdg-open that records the link it was given."""
    folder.mkdir(exist_ok=True)
    record = folder / "opened.txt"
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{record}"\nexit {code}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return record


def test_open_hands_the_link_over(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    files = {"preuve 1.pdf": b"%PDF-1.4", "écran.png": b"\x89PNG"}
    draft = draft_file(files, **FITS)
    record = _fake_opener(tmp_path / "bin")
    env = cli_env(tmp_path, PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = run("open", draft, env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert record.read_text(encoding="ascii") == _link(run, draft)
    said = result.stdout.decode()
    assert "xdg-open" in said
    assert "cannot carry attachments" in said
    for name in files:
        assert str(draft.parent / name) in said
    assert "--format eml" in said


def test_open_without_evidence_still_says_so(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    _fake_opener(tmp_path / "bin")
    env = cli_env(tmp_path, PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = run("open", draft_file(**FITS), env=env)
    assert result.returncode == 0
    assert "cannot carry attachments" in result.stdout.decode()


def test_open_without_an_opener(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    draft = draft_file(**FITS)
    result = run("open", draft, env=cli_env(tmp_path, PATH=str(empty)))
    assert result.returncode == 1
    assert "xdg-open was not found" in result.stderr.decode()
    assert result.stdout.decode().strip() == _link(run, draft)  # the link to paste by hand


def test_open_when_the_opener_fails(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    _fake_opener(tmp_path / "bin", code=3)
    env = cli_env(tmp_path, PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    result = run("open", draft_file(**FITS), env=env)
    assert result.returncode == 1
    assert "xdg-open stopped with exit status 3" in result.stderr.decode()


def test_open_a_long_message_as_an_eml_file(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    """Too long for a link: the .eml, with its files, in a private folder, handed to the opener."""
    record = _fake_opener(tmp_path / "bin")
    env = cli_env(tmp_path, PATH=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    draft = draft_file({"preuve.pdf": b"%PDF-1.4 preuve"}, description="Une très longue description. " * 80)
    result = run("open", draft, env=env)
    assert result.returncode == 0, result.stderr.decode()
    opened = Path(record.read_text(encoding="utf-8"))
    assert opened.name == "message.eml"
    assert stat.S_IMODE(opened.stat().st_mode) == 0o600
    assert stat.S_IMODE(opened.parent.stat().st_mode) == 0o700
    content = opened.read_bytes()
    assert b"X-Unsent: 1" in content and b"preuve.pdf" in content
    said = result.stdout.decode()
    assert str(opened) in said and "xdg-open" in said and "Delete that file" in said
    opened.unlink()
    opened.parent.rmdir()


def test_open_a_long_message_without_an_opener(draft_file: DraftFactory, run: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    draft = draft_file(description="Une très longue description. " * 80)
    result = run("open", draft, env=cli_env(tmp_path, PATH=str(empty)))
    assert result.returncode == 1
    said = result.stderr.decode()
    assert "xdg-open was not found" in said and "message.eml" in said
    saved = Path(said.split(" as ", 1)[1].split(":", 1)[0].strip())
    assert saved.is_file()
    saved.unlink()
    saved.parent.rmdir()


_ONE_LINE = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"), min_size=1)
    .map(str.strip)
    .filter(bool)
)
_TRICKY = st.sampled_from(
    ["=?utf-8?q?a=0D=0ABcc:_evil=40x.com?=", "%0D%0A", "&cc=x@y.com", "?", "#", "+", " "]
)


@settings(max_examples=300, deadline=None)
@given(
    subject=st.lists(st.one_of(_TRICKY, _ONE_LINE), min_size=1, max_size=6).map("".join),
    body=st.lists(st.one_of(_TRICKY, _ONE_LINE, st.just("\n")), max_size=10).map("".join),
)
def test_any_subject_and_body_come_back_exactly(subject: str, body: str) -> None:
    """Every character of the subject and body is percent-encoded but RFC 6068's few delimiters:
    no "=?" for a mail program to decode, no "&" or "#" to start another field, no line break."""
    link = mailto_link("support@almapay.com", subject, body, limit=None)
    assert link.isascii()
    assert not any(char in link for char in " \r\n#") and "=?" not in link
    parts = urlsplit(link)
    assert unquote(parts.path) == "support@almapay.com"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query == {"subject": [subject], "body": [body.replace("\n", "\r\n")]}
