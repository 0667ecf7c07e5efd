"""The interface language: --ui-lang, then LANGUAGE, LC_ALL, LC_MESSAGES, LANG; English otherwise.

Each test checks that the language really changed: the output holds the
catalogue's French, Dutch or German sentence, and that sentence is not the English one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import DRAFT_TOML, Run, Write, assert_clean_failure

from alma_contact.i18n import translations

VALID = "The draft is valid."
HEADER = "{name} cannot be used yet; fix these keys:"
MISSING = "is missing."
NO_TERMINAL = (
    "alma-contact: the app needs a terminal. Without one, use the commands: "
    "alma-contact new, check and render (alma-contact --help lists them)."
)


def said(lang: str, message: str, **params: str) -> str:
    """The catalogue's sentence, checked to be a real translation."""
    text = translations(lang).gettext(message)
    if lang != "en":
        assert text != message, f"no {lang} translation of {message!r}"
    return text.format(**params) if params else text


@pytest.mark.parametrize(
    ("how", "lang"),
    [
        (["--ui-lang", "fr"], "fr"),
        (["--ui-lang", "nl"], "nl"),
        (["--ui-lang=nl"], "nl"),
        (["--ui-lang", "en"], "en"),
        (["--ui-lang", "de"], "de"),
    ],
)
def test_ui_lang_option(run: Run, draft: Path, how: list[str], lang: str) -> None:
    result = run(*how, "check", draft.name)
    assert result.code == 0, result
    assert result.out.splitlines()[0] == said(lang, VALID)


@pytest.mark.parametrize(
    ("env_lang", "lang"),
    [
        ("fr_BE.UTF-8", "fr"),
        ("nl_BE.UTF-8", "nl"),
        ("fr_FR.UTF-8", "fr"),
        ("en_GB.UTF-8", "en"),
        ("de_BE.UTF-8", "de"),
        ("es_ES.UTF-8", "en"),
        ("C", "en"),
    ],
)
def test_lang_variable(run: Run, draft: Path, env_lang: str, lang: str) -> None:
    result = run("check", draft.name, lang=env_lang)
    assert result.code == 0, result
    assert result.out.splitlines()[0] == said(lang, VALID)


def test_ui_lang_wins_over_lang(run: Run, draft: Path) -> None:
    result = run("--ui-lang", "en", "check", draft.name, lang="fr_BE.UTF-8")
    assert result.out.splitlines()[0] == VALID
    result = run("--ui-lang", "nl", "check", draft.name, lang="fr_BE.UTF-8")
    assert result.out.splitlines()[0] == said("nl", VALID)


def test_language_and_lc_all_come_before_lang(run: Run, draft: Path) -> None:
    result = run("check", draft.name, lang="fr_BE.UTF-8", env={"LANGUAGE": "nl_BE:fr"})
    assert result.out.splitlines()[0] == said("nl", VALID)
    result = run("check", draft.name, lang="nl_BE.UTF-8", env={"LC_ALL": "fr_BE.UTF-8"})
    assert result.out.splitlines()[0] == said("fr", VALID)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_errors_in_the_interface_language(run: Run, write: Write, lang: str) -> None:
    write("bad.toml", DRAFT_TOML.replace('last_name = "Peeters"\n', ""))
    result = run("--ui-lang", lang, "check", "bad.toml")
    assert_clean_failure(result)
    assert said(lang, HEADER, name="bad.toml") in result.err
    assert f"  customer.last_name: {said(lang, MISSING)}" in result.err  # keys stay as in the file


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_checklist_in_the_interface_language(run: Run, draft: Path, lang: str) -> None:
    result = run("check", draft.name, lang=f"{lang}_BE.UTF-8")
    layout = translations(lang).gettext("{label}: {detail}")  # Dutch keeps the English punctuation
    line = layout.format(label=said(lang, "Amount and date"), detail="1.234,56 €, 2/11/2026")
    assert f"✓ {line}" in result.out


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_usage_errors_in_the_interface_language(run: Run, lang: str) -> None:
    result = run("--ui-lang", lang, "--bogus")
    assert_clean_failure(result)
    assert said(lang, "error:") in result.err


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_bare_command_in_the_interface_language(run: Run, lang: str) -> None:
    result = run(lang=f"{lang}_BE.UTF-8")
    assert result.code == 2
    assert result.err.splitlines()[0] == said(lang, NO_TERMINAL)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_new_comments_in_the_interface_language(run: Run, lang: str) -> None:
    import tomllib

    english = run("new", "--request", "refund", "-o", "-")
    translated = run("--ui-lang", lang, "new", "--request", "refund", "-o", "-")
    assert translated.code == 0
    assert tomllib.loads(translated.out) == tomllib.loads(english.out)  # the same keys and values
    english_comments = [line for line in english.out.splitlines() if line.startswith("#")]
    translated_comments = [line for line in translated.out.splitlines() if line.startswith("#")]
    assert len(translated_comments) == len(english_comments)
    assert translated_comments != english_comments


def test_message_language_is_not_the_interface_language(run: Run, draft: Path) -> None:
    """--ui-lang nl changes the program's words, not the French message to Alma."""
    message = run("--ui-lang", "nl", "render", draft.name, "--format", "json").json()
    assert message["language"] == "fr"
    assert message["body"].startswith("Madame, Monsieur")
