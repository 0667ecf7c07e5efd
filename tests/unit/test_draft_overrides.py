"""``--channel`` and ``--lang`` go into the document before it is validated, never onto a checked draft.

The model checks an overridden document as it checks a file that says the same,
so that a letter still needs an address and a wrong value is still refused.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from alma_contact import drafts
from alma_contact.cli import main
from alma_contact.drafts import DraftInvalid, load, validate
from alma_contact.model import Draft

TODAY = date(2026, 11, 26)
LETTER_KEYS = ("customer.street", "customer.postal_code", "customer.city")


@pytest.fixture
def path(tmp_path: Path, draft_data: dict[str, Any]) -> Path:
    file = tmp_path / "draft.json"
    file.write_text(json.dumps(draft_data), encoding="utf-8")
    return file


def test_an_override_is_validated_as_the_same_document(path: Path, draft_data: dict[str, Any]) -> None:
    for overrides in ({"channel": "form"}, {"language": "nl"}, {"channel": "email", "language": "nl"}):
        expected = validate({**draft_data, **overrides}, path.parent, TODAY)
        assert load(path, today=TODAY, overrides=overrides) == expected


def test_no_override_is_the_file(path: Path, draft_data: dict[str, Any]) -> None:
    assert load(path, today=TODAY, overrides={}) == load(path, today=TODAY)
    assert load(path, today=TODAY).channel == draft_data["channel"]


def test_a_letter_still_needs_an_address(path: Path) -> None:
    with pytest.raises(DraftInvalid) as raised:
        load(path, today=TODAY, overrides={"channel": "letter"})
    keys = {problem.key for problem in raised.value.problems("en")}
    assert keys >= set(LETTER_KEYS)


def test_a_wrong_override_is_refused_by_the_model(path: Path) -> None:
    with pytest.raises(DraftInvalid) as raised:
        load(path, today=TODAY, overrides={"channel": "fax"})
    assert [problem.key for problem in raised.value.problems("en")] == ["channel"]


def test_the_command_line_never_assigns_to_a_checked_draft(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """So that the model can be frozen: every override reaches the model as data."""

    def refuse(self: Draft, name: str, value: object) -> None:
        raise AssertionError(f"draft.{name} assigned after validation")

    monkeypatch.setattr(Draft, "__setattr__", refuse)
    monkeypatch.setenv("ALMA_CONTACT_TODAY", TODAY.isoformat())
    monkeypatch.setenv("ALMA_CONTACT_CONFIG", str(path.parent / "none.toml"))
    monkeypatch.setenv("ALMA_CONTACT_CACHE", "")
    loads: list[dict[str, object] | None] = []
    real_load = drafts.load

    def spy(*args: Any, **kwargs: Any) -> Draft:
        loads.append(kwargs.get("overrides"))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(drafts, "load", spy)
    assert main(["render", str(path), "--format", "json", "--channel", "form", "--lang", "nl"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["channel"], document["language"]) == ("form", "nl")
    assert loads == [{"channel": "form", "language": "nl"}]
