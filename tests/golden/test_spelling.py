"""Spelling of the app's own words, with the hunspell dictionary of each message language.

Every golden case is rendered, then everything that comes from the user or from data
(names, addresses, emails, phone, order number, merchant, description, file names,
amounts, dates, URLs, Alma's address) is taken out: what remains is our wording, and
hunspell must know every word of it. Without hunspell or a dictionary the test is
skipped, except on CI (the environment variable ``CI`` is set), where it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from golden_cases import CASES, build, make_evidence, wording

from alma_contact.languages import LANGUAGES

DICTIONARIES = {code: language.hunspell for code, language in LANGUAGES.items()}
KNOWN = {
    "Alma",
    "CEC",
    "ECC",
    "RGPD",
    "AVG",
    "DSGVO",
    "EVZ",
    "BELGIQUE",
    "Inkassobüro",
    "Widerrufsfrist",
    "Inkassomaßnahmen",
    "Inverzugsetzung",
    "ACPR",
    "Autorité",
    "contrôle",
    "prudentiel",
    "résolution",
}
"""Names that are part of the wording, not of the user's data: Alma, the European Consumer Centre
and the GDPR by their initials in each language, and the sender's country as the French post reads it
(« BELGIË – BELGIQUE »); and « Inkassobüro » (a collection agency) and « Widerrufsfrist » (the period of
withdrawal), both in Duden, which the German dictionary lacks; « Inverzugsetzung » (a formal notice),
the term of Belgian German legal usage (the German Community's translations of Belgian law), which it
lacks too; « Inkassomaßnahmen » (« Mahn- und Inkassomaßnahmen », steps to collect a debt), a regular
compound of two words it knows; the French supervisor, the « Autorité de contrôle prudentiel et de
résolution (ACPR) », by its French name in every language."""


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evidence(tmp_path_factory.mktemp("evidence"))


def _unavailable(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(
            f"{message} (CI installs hunspell, hunspell-fr, hunspell-nl and hunspell-de-de)", pytrace=False
        )
    pytest.skip(message)


def _hunspell(dictionary: str) -> str:
    """The hunspell executable, once it is known to have ``dictionary``."""
    executable = shutil.which("hunspell")
    if executable is None:
        _unavailable("hunspell is not installed")
        raise AssertionError  # not reached
    listing = subprocess.run(
        [executable, "-D"], input="", capture_output=True, text=True, timeout=30, check=False
    )
    found = {Path(line.strip()).name for line in (listing.stdout + listing.stderr).splitlines()}
    if dictionary not in found:
        _unavailable(f"the hunspell dictionary {dictionary} is not installed")
    return executable


def misspelled(text: str, dictionary: str, executable: str) -> set[str]:
    result = subprocess.run(
        [executable, "-d", dictionary, "-i", "utf-8", "-l"],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"hunspell -d {dictionary} failed: {result.stderr.strip()}", pytrace=False)
    # A reference such as 2008/48/EG is not a word.
    words = {word.rstrip(".") for word in result.stdout.split()}
    return {word for word in words if not any(char.isdigit() for char in word)} - KNOWN


@pytest.mark.parametrize("lang", sorted(DICTIONARIES))
def test_wording_is_spelled_right(lang: str, evidence_dir: Path) -> None:
    executable = _hunspell(DICTIONARIES[lang])
    texts: dict[str, str] = {}
    for case in CASES:
        if case.lang == lang:
            draft, message = build(case, evidence_dir)
            texts[str(case)] = wording(draft, message)
    unique_lines = dict.fromkeys(line for text in texts.values() for line in text.splitlines())
    bad = misspelled("\n".join(unique_lines), DICTIONARIES[lang], executable)
    where = {word: next(name for name, text in texts.items() if word in text) for word in sorted(bad)}
    assert not bad, f"words hunspell {DICTIONARIES[lang]} does not know (word: first case): {where}"


def test_the_check_can_fail() -> None:
    """A misspelled word is reported: the spelling test is not vacuous."""
    french = DICTIONARIES["fr"]
    executable = _hunspell(french)
    assert misspelled("Je vous remercie de votre aide.", french, executable) == set()
    assert misspelled("Je vous remerçie de votre aidde.", french, executable) == {"remerçie", "aidde"}
