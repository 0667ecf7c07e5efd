"""Golden files: every request x option x channel x language, and variants with facts left out.

The rendered text must equal ``expected/…`` byte for byte. After a deliberate change of
wording, regenerate the files and read the diff before committing::

    UPDATE_GOLDEN=1 pytest tests/golden
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from golden_cases import (
    ACCOUNTS,
    BASE,
    CASES,
    DEBITED,
    DEFERRED_DESCRIPTIONS,
    DESCRIPTIONS,
    EVIDENCE,
    EXPECTED,
    FAILED,
    FOLLOW_UP_BOTH,
    OVERTAKEN,
    VARIANT_ACCOUNTS,
    VARIANTS,
    WITHDRAWAL_REMINDER,
    Case,
    build,
    claims,
    make_evidence,
)

from alma_contact import languages
from alma_contact.registry import CHANNELS, REQUESTS

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
INVISIBLE = {"\u00a0": "⟨nbsp⟩", "\u202f": "⟨nnbsp⟩", "\t": "⟨tab⟩"}


@pytest.fixture(scope="session")
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evidence(tmp_path_factory.mktemp("evidence"))


def _visible(text: str) -> str:
    for char, name in INVISIBLE.items():
        text = text.replace(char, name)
    return text


def _diff(expected: str, actual: str, path: Path) -> str:
    """A unified diff; no-break spaces are spelled out when they are all that differs."""
    if expected.replace("\u00a0", " ").replace("\u202f", " ") == actual.replace("\u00a0", " ").replace(
        "\u202f", " "
    ):
        expected, actual = _visible(expected), _visible(actual)
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=str(path.relative_to(EXPECTED.parent)),
        tofile="rendered now",
    )
    return "".join(lines)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_golden(case: Case, evidence_dir: Path) -> None:
    _, message = build(case, evidence_dir)
    path = case.path
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(message.text)
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run UPDATE_GOLDEN=1 pytest tests/golden", pytrace=False)
    with path.open(encoding="utf-8", newline="") as handle:
        expected = handle.read()
    if message.text != expected:
        pytest.fail(
            "the rendered text differs from the golden file (UPDATE_GOLDEN=1 regenerates it):\n"
            + _diff(expected, message.text, path),
            pytrace=False,
        )


def test_no_stale_golden_files() -> None:
    """A golden file no case renders any more is left over from an old wording: remove it."""
    known = {case.path for case in CASES}
    stale = sorted(str(p.relative_to(EXPECTED)) for p in EXPECTED.rglob("*.txt") if p not in known)
    if stale and UPDATE:
        for name in stale:
            (EXPECTED / name).unlink()
        return
    assert not stale, f"golden files that no case renders: {stale}"


def test_every_combination_is_covered() -> None:
    """Every wording of every request, in every channel and message language, in the full variant."""
    full = [case for case in CASES if case.variant == "full"]
    expected = {
        (lang, wording, channel.value)
        for lang in languages.codes()
        for kind in REQUESTS.values()
        for wording in kind.wordings
        for channel in CHANNELS
    }
    covered = [(case.lang, case.key, case.channel) for case in full]
    assert len(covered) == len(set(covered)) == len({case.path for case in full})
    assert set(covered) == expected


@pytest.mark.parametrize("lang", languages.codes())
def test_every_language_has_its_golden_drafts(lang: str) -> None:
    """A new message language needs its drafts here: a person's data, evidence and descriptions."""
    where = "tests/golden/golden_cases.py"
    assert lang in BASE and lang in EVIDENCE, f"{where}: BASE and EVIDENCE have no draft in {lang!r}"
    wordings = {wording for kind in REQUESTS.values() for wording in kind.wordings}
    missing = sorted(wordings - set(DESCRIPTIONS.get(lang, {})))
    assert not missing, f"{where}: DESCRIPTIONS[{lang!r}] has no description for {missing}"
    deferred = {key for key, _ in VARIANTS["deferred"]}
    missing = sorted(deferred - set(DEFERRED_DESCRIPTIONS.get(lang, {})))
    assert not missing, f"{where}: DEFERRED_DESCRIPTIONS[{lang!r}] has no description for {missing}"
    unknown = sorted(set(ACCOUNTS.get(lang, {})) - wordings)
    assert not unknown, f"{where}: ACCOUNTS[{lang!r}] names no wording: {unknown}"
    for variant, accounts in VARIANT_ACCOUNTS.items():
        cased = {key for key, _ in VARIANTS[variant]}
        unknown = sorted(set(accounts.get(lang, {})) - cased)
        assert not unknown, f"{where}: VARIANT_ACCOUNTS[{variant!r}][{lang!r}] names no case: {unknown}"


def test_every_follow_up_is_covered() -> None:
    """Every wording's reminder by email in every language; a formal notice by letter exactly where the
    first message claims; two wordings in every channel of their follow-ups."""
    follow_ups = [case for case in CASES if case.follow_up is not None and case.variant == "follow-up"]
    others = {case.variant for case in CASES if case.follow_up is not None} - {"follow-up"}
    # and the reminder of a withdrawal made in time, formal notices given the sum debited by now, and
    # reminders of requests time overtook (their debit failed, as the person says, too)
    assert others == {WITHDRAWAL_REMINDER, DEBITED, OVERTAKEN, FAILED}
    reminders = {(c.lang, c.key) for c in follow_ups if c.follow_up == "reminder" and c.channel == "email"}
    wordings = {wording for kind in REQUESTS.values() for wording in kind.wordings}
    assert reminders == {(lang, wording) for lang in languages.codes() for wording in wordings}
    notices = {
        (c.lang, c.key) for c in follow_ups if c.follow_up == "formal_notice" and c.channel == "letter"
    }
    assert notices == {(c.lang, c.key) for c in follow_ups if claims(c.lang, c.request, c.option)}
    assert notices and notices != reminders  # some wordings claim, some ask a question
    for key in FOLLOW_UP_BOTH:
        for lang in languages.codes():
            channels = {
                c.channel for c in follow_ups if c.key == key and c.lang == lang and c.follow_up == "reminder"
            }
            assert channels == {channel.value for channel in CHANNELS}, (lang, key)
