"""Invisible characters and digits of other scripts, by every route a value comes in: refused, named."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from cli_support import DRAFT_TOML, Run, assert_clean_failure

from alma_contact.i18n import UI_LANGUAGES

ZERO_WIDTH = "\u200b"
INVISIBLE_WORDS = {
    "en": "invisible character",
    "fr": "caractère invisible",
    "nl": "onzichtbaar teken",
    "de": "unsichtbares Zeichen",
}
DIGIT_WORDS = {"en": "0 to 9", "fr": "0 à 9", "nl": "0 tot en met 9", "de": "0 bis 9"}


def _json_draft(draft: Path, section: str, key: str, value: str) -> str:
    data = tomllib.loads(DRAFT_TOML)
    data["evidence"] = [str(draft.parent / "confirmation.pdf")]
    data[section][key] = value
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize(
    ("key", "typed"),
    [
        ("first_name", f"An{ZERO_WIDTH}"),
        ("last_name", "Pee\ufeffters"),
        ("description", "Mon paiement a été refusé \U000e0041\U000e0042 sans raison."),
    ],
)
def test_a_draft_file_with_an_invisible_character(
    run: Run, draft: Path, lang: str, key: str, typed: str
) -> None:
    section, name = ("customer", key) if key != "description" else ("", key)
    text = DRAFT_TOML
    if section:
        text = text.replace(f'{name} = "{tomllib.loads(DRAFT_TOML)[section][name]}"', f'{name} = "{typed}"')
    else:
        start, end = text.index('description = """'), text.index('"""\nevidence')
        text = text[:start] + f'description = """\n{typed}\n' + text[end:]
    assert typed in text
    draft.write_text(text, encoding="utf-8")
    result = run("--ui-lang", lang, "check", draft.name)
    assert_clean_failure(result)
    wanted = f"customer.{key}" if section else key
    line = next(line for line in result.err.splitlines() if wanted in line)
    assert INVISIBLE_WORDS[lang] in line and "U+" in line
    assert ZERO_WIDTH not in result.err and "\ufeff" not in result.err


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_standard_input_json_with_arabic_indic_date(run: Run, draft: Path, lang: str) -> None:
    result = run(
        "--ui-lang", lang, "check", "-", input=_json_draft(draft, "transaction", "date", "٢/١١/٢٠٢٦")
    )
    assert_clean_failure(result)
    line = next(line for line in result.err.splitlines() if "transaction.date" in line)
    assert DIGIT_WORDS[lang] in line


def test_a_config_file_with_an_invisible_character_is_not_used(run: Run, draft: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[recipient]\nemail = "plaintes{ZERO_WIDTH}@example.fr"\n', encoding="utf-8")
    result = run("render", draft.name, "--format", "json", env={"ALMA_CONTACT_CONFIG": str(config)})
    assert result.code == 0, result
    document = result.json()
    assert document["to"] == "support@almapay.com"
    assert any(
        "recipient.email" in warning["key"] and "U+200B" in warning["message"]
        for warning in document["warnings"]
    )
