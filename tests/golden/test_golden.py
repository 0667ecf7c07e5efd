"""Golden files: every request x option x channel x language, and variants with facts left out.

The rendered text must equal ``expected/…`` byte for byte. After a deliberate change of
wording, regenerate the files and read the diff before committing::

    UPDATE_GOLDEN=1 pytest tests/golden
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import get_args

import pytest
from golden_cases import CASES, EXPECTED, OPTION_KEY, Case, build, make_evidence

from alma_contact.model import DETAILS_BY_REQUEST

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
    """15 wordings x 3 channels x 2 languages in the full variant, as the product asks."""
    full = [case for case in CASES if case.variant == "full"]
    assert len(full) == len({case.path for case in full}) == 90
    from_model: set[tuple[str, str | None]] = set()
    for request, model in DETAILS_BY_REQUEST.items():
        if request in OPTION_KEY:
            field = model.model_fields[OPTION_KEY[request]]
            from_model |= {(request, option) for option in get_args(field.annotation)}
        else:
            from_model.add((request, None))
    assert {(case.request, case.option) for case in full} == from_model
