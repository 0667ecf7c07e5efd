"""``alma-contact render``: the message as text or JSON, with the channel and language overridable."""

from __future__ import annotations

import json
import re
import stat
import tomllib
from pathlib import Path

import pytest
from cli_support import ADDRESS_TOML, DRAFT_TOML, Run, Write, assert_clean_failure

JSON_KEYS = {"channel", "language", "subject", "body", "to", "recipient", "fields", "attachments", "warnings"}
DESCRIPTION_LINE = "mais les échéances Alma continuent d'être prélevées sur ma carte."


def _spaces(text: str) -> str:
    """Babel writes no-break and narrow no-break spaces in amounts; compare them as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def with_address(text: str = DRAFT_TOML) -> str:
    return text.replace('phone = "0470 12 34 56"\n', 'phone = "0470 12 34 56"\n' + ADDRESS_TOML)


@pytest.mark.parametrize("script", [False, True], ids=["python -m", "script"])
def test_render_json_has_every_key(run: Run, draft: Path, script: bool) -> None:
    result = run("render", draft.name, "--format", "json", script=script)
    assert result.code == 0, result
    message = result.json()
    assert set(message) >= JSON_KEYS
    assert message["channel"] == "email"
    assert message["language"] == "fr"
    assert message["to"] == "support@almapay.com"  # the bare address, ready for a To: field
    assert message["subject"] and "\n" not in message["subject"]
    assert DESCRIPTION_LINE in message["body"]
    assert message["attachments"][0]["name"] == "confirmation.pdf"
    assert message["attachments"][0]["size"] == 2000
    assert isinstance(message["recipient"], list)
    assert isinstance(message["fields"], dict)
    for warning in message["warnings"]:
        assert set(warning) >= {"key", "message"} and warning["message"]


def test_render_text_is_what_a_person_copies(run: Run, draft: Path) -> None:
    text = run("render", draft.name)
    assert text.code == 0, text
    message = run("render", draft.name, "--format", "json").json()
    assert text.out == message["text"]
    first_line = text.out.splitlines()[0]
    assert message["subject"] in first_line  # the subject line comes first for an email
    assert message["body"].strip() in text.out
    assert text.err == ""


def test_render_letter(run: Run, write: Write) -> None:
    write("confirmation.pdf", b"x")
    write("letter.toml", with_address().replace('channel = "email"', 'channel = "letter"'))
    message = run("render", "letter.toml", "--format", "json").json()
    assert message["channel"] == "letter"
    assert message["recipient"][-1] == "FRANCE"
    assert 2 <= len(message["recipient"]) <= 6
    text = run("render", "letter.toml").out
    assert "Rue de la Loi 16" in text and "1000 Bruxelles" in text
    assert all(line in text for line in message["recipient"])


def test_render_form_fields(run: Run, draft: Path) -> None:
    message = run("render", draft.name, "--format", "json", "--channel", "form").json()
    assert message["channel"] == "form"
    fields = message["fields"]
    assert {"last_name", "first_name", "email", "phone", "message"} <= set(fields)
    assert (fields["last_name"], fields["first_name"], fields["email"]) == (
        "Peeters",
        "An",
        "an.peeters@example.be",
    )
    assert fields["phone"] == "+32 470 12 34 56"
    assert DESCRIPTION_LINE in fields["message"]


def test_render_language_override(run: Run, draft: Path) -> None:
    french = run("render", draft.name, "--format", "json").json()
    dutch = run("render", draft.name, "--format", "json", "--lang", "nl").json()
    assert (french["language"], dutch["language"]) == ("fr", "nl")
    assert french["subject"] != dutch["subject"]
    assert "€ 1.234,56" in _spaces(dutch["body"]) and "1 234,56 €" in _spaces(french["body"])
    assert DESCRIPTION_LINE in dutch["body"]  # the person's own words are never translated


def test_render_channel_override_to_letter_needs_the_address(run: Run, draft: Path) -> None:
    result = run("render", draft.name, "--channel", "letter")
    assert_clean_failure(result)
    for key in ("customer.street", "customer.postal_code", "customer.city"):
        assert f"  {key}: " in result.err


def test_render_from_standard_input(run: Run, draft: Path) -> None:
    result = run("render", "-", "--format", "json", input=DRAFT_TOML)
    assert result.code == 0, result
    assert result.json()["attachments"][0]["name"] == "confirmation.pdf"


def test_render_json_draft_same_as_toml(run: Run, draft: Path, write: Write) -> None:
    write("draft.json", json.dumps(tomllib.loads(DRAFT_TOML), ensure_ascii=False, indent=1))
    from_toml = run("render", "draft.toml", "--format", "json").json()
    from_json = run("render", "draft.json", "--format", "json").json()
    assert from_json == from_toml


def test_render_to_a_private_file(run: Run, draft: Path, tmp_path: Path) -> None:
    printed = run("render", draft.name).out
    result = run("render", draft.name, "-o", "message.txt")
    assert result.code == 0, result
    out = tmp_path / "message.txt"
    assert out.read_text(encoding="utf-8") == printed
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = run("render", draft.name, "-o", "message.txt")
    assert_clean_failure(again, code=1)
    assert run("render", draft.name, "-o", "message.txt", "--force").code == 0


def test_render_user_config_overrides_alma_address(run: Run, draft: Path, write: Write) -> None:
    config = write("config.toml", '[recipient]\nemail = "plaintes@example.fr"\n')
    message = run("render", draft.name, "--format", "json", env={"ALMA_CONTACT_CONFIG": str(config)}).json()
    assert message["to"] == "plaintes@example.fr"


def test_render_draft_recipient_overrides_alma_address(run: Run, draft: Path) -> None:
    draft.write_text(DRAFT_TOML + '\n[recipient]\nemail = "other@example.fr"\n', encoding="utf-8")
    assert run("render", draft.name, "--format", "json").json()["to"] == "other@example.fr"


@pytest.mark.parametrize("request_kind", ["payment_issue", "cancellation", "installments", "other"])
def test_render_every_request(run: Run, draft: Path, request_kind: str) -> None:
    text = DRAFT_TOML.replace('request = "refund"', f'request = "{request_kind}"')
    text = re.sub(r"\[details\].*", "", text, flags=re.DOTALL)
    if request_kind in ("other", "payment_issue", "installments"):  # of one's own (their default): a subject
        text += '\n[details]\nsubject = "Adresse e-mail de mon compte"\n'
    draft.write_text(text, encoding="utf-8")
    result = run("render", draft.name, "--format", "json")
    assert result.code == 0, result
    assert DESCRIPTION_LINE in result.json()["body"]


def test_a_wrong_config_file_is_said_and_not_used(run: Run, draft: Path, tmp_path: Path) -> None:
    """The message still goes to Alma's usual address; the user hears why the config was skipped."""
    config = tmp_path / "config.toml"
    config.write_text('[recipient]\nemail = "not an email"\n', encoding="utf-8")
    text = run("render", draft.name, env={"ALMA_CONTACT_CONFIG": str(config)})
    assert text.code == 0, text
    assert "your config file was not used" in text.err
    assert "recipient.email" in text.err and "not an email" in text.err
    as_json = run("render", draft.name, "--format", "json", env={"ALMA_CONTACT_CONFIG": str(config)})
    assert as_json.code == 0
    assert as_json.err == ""  # listed under "warnings" instead
    document = as_json.json()
    assert document["to"] == "support@almapay.com"
    assert any("recipient.email" in warning["key"] for warning in document["warnings"])
