"""Typography of the app's own words in every golden case (user data taken out first).

French: a no-break space (U+00A0, or Babel's narrow U+202F) before « : ; ? ! », and one
apostrophe only, the straight ' that people type. Dutch: no space before « : ? ! ; ». Both: no
leftover template syntax, no ``None``, no doubled or trailing spaces.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from golden_cases import CASES, Case, build, make_evidence, wording


@pytest.fixture(scope="module")
def evidence_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evidence(tmp_path_factory.mktemp("evidence"))


def problems(lang: str, text: str) -> list[str]:
    found: list[str] = []
    if lang == "fr":
        found += [
            f"no no-break space before {m.group(1)!r}"
            for m in re.finditer(r"(?<![\u00a0\u202f])([:;?!])", text)
        ]
        found += ["typographic apostrophe" for _ in re.finditer("’", text)]
    else:
        found += [f"space before {m.group(1)!r}" for m in re.finditer(r"[ \u00a0\u202f]([:;?!])", text)]
    for pattern, name in (
        (r"\{\{|\{%|%\}|\}\}", "template syntax"),
        (r"\bNone\b", "None"),
        (r"\S  +\S", "double space"),
        (r"[ \u00a0]\n", "trailing space"),
    ):
        found += [name for _ in re.finditer(pattern, text)]
    return found


@pytest.mark.parametrize("case", CASES, ids=str)
def test_typography(case: Case, evidence_dir: Path) -> None:
    draft, message = build(case, evidence_dir)
    text = wording(draft, message)
    own = message.text
    assert problems(case.lang, text) == []
    assert not re.search(r"[ \u00a0]\n|[ \u00a0]$", own), "a line of the message ends with a space"


def test_the_checks_can_fail() -> None:
    assert problems("fr", "Objet : test ? l’été") == [
        "no no-break space before ':'",
        "no no-break space before '?'",
        "typographic apostrophe",
    ]
    assert problems("nl", "Betreft : {{ x }} None") == [
        "space before ':'",
        "template syntax",
        "template syntax",
        "None",
    ]
