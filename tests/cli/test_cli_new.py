"""``alma-contact new``: a commented draft to fill in, saved privately, never over another file unasked."""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path

import pytest
from cli_support import Run, assert_clean_failure

from alma_contact.model import DETAILS_BY_REQUEST


def test_new_writes_a_private_file(run: Run, tmp_path: Path) -> None:
    result = run("new", "-o", "mine.toml")
    assert result.code == 0, result
    path = tmp_path / "mine.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "alma-contact check mine.toml" in result.err
    assert result.out == ""
    draft = tomllib.loads(path.read_text(encoding="utf-8"))
    assert draft["language"] == "fr" and draft["channel"] == "email"
    assert {"customer", "transaction"} <= set(draft)


def test_new_default_file_name(run: Run, tmp_path: Path) -> None:
    assert run("new").code == 0
    assert (tmp_path / "draft.toml").is_file()


def test_new_refuses_to_overwrite(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("# mine, keep it\n", encoding="utf-8")
    result = run("new", "-o", "mine.toml")
    assert_clean_failure(result, code=1)
    assert "--force" in result.err
    assert path.read_text(encoding="utf-8") == "# mine, keep it\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml"]  # no temporary file left


def test_new_force_replaces_and_stays_private(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o644)
    result = run("new", "-o", "mine.toml", "--force")
    assert result.code == 0, result
    assert "request" in tomllib.loads(path.read_text(encoding="utf-8"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_new_to_a_missing_folder(run: Run, tmp_path: Path) -> None:
    result = run("new", "-o", "nowhere/draft.toml")
    assert_clean_failure(result, code=1)
    assert "nowhere" in result.err


def test_new_dash_prints(run: Run, tmp_path: Path) -> None:
    result = run("new", "-o", "-")
    assert result.code == 0, result
    assert tomllib.loads(result.out)["request"] == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("request_kind", sorted(DETAILS_BY_REQUEST))
@pytest.mark.parametrize(("channel", "lang"), [("email", "fr"), ("letter", "nl"), ("form", "fr")])
def test_new_output_is_toml_with_the_choices(run: Run, request_kind: str, channel: str, lang: str) -> None:
    result = run("new", "--request", request_kind, "--channel", channel, "--lang", lang, "-o", "-")
    assert result.code == 0, result
    draft = tomllib.loads(result.out)
    assert (draft["request"], draft["channel"], draft["language"]) == (request_kind, channel, lang)
    details = draft.get("details", {})
    assert set(details) <= set(DETAILS_BY_REQUEST[request_kind].model_fields)


@pytest.mark.parametrize("request_kind", sorted(DETAILS_BY_REQUEST))
def test_new_fills_in_the_models_defaults(run: Run, request_kind: str) -> None:
    """A user who leaves the details as written gets what the app and the model take by default."""
    result = run("new", "--request", request_kind, "-o", "-")
    written = tomllib.loads(result.out).get("details", {})
    model = DETAILS_BY_REQUEST[request_kind]
    defaults = {k: "" if f.default is None else f.default for k, f in model.model_fields.items()}
    assert written == defaults


def test_new_without_request_explains_every_details_table(run: Run) -> None:
    text = run("new", "-o", "-").out
    tomllib.loads(text)
    for model in DETAILS_BY_REQUEST.values():
        for key in model.model_fields:
            assert key in text  # as a comment, for whichever request is chosen


def test_new_then_check_names_what_is_left_to_fill(run: Run) -> None:
    assert run("new", "--request", "refund", "-o", "draft.toml").code == 0
    result = run("check", "draft.toml")
    assert_clean_failure(result)
    for key in (
        "description",
        "customer.first_name",
        "customer.last_name",
        "customer.email",
        "transaction.amount",
        "transaction.date",
    ):
        assert re.search(rf"^\s+{re.escape(key)}: ", result.err, re.MULTILINE), key
    assert "not a known key" not in result.err  # the skeleton only holds keys the model knows


def test_new_filled_in_is_valid(run: Run, tmp_path: Path) -> None:
    assert run("new", "--request", "refund", "--channel", "letter", "-o", "draft.toml").code == 0
    path = tmp_path / "draft.toml"
    text = path.read_text(encoding="utf-8")
    values = {
        "first_name": "An",
        "last_name": "Peeters",
        "email": "an.peeters@example.be",
        "street": "Rue de la Loi 16",
        "postal_code": "1000",
        "city": "Bruxelles",
        "amount": "149,99",
        "date": "2/11/2026",
    }
    for key, value in values.items():
        text, count = re.subn(rf'^{key} = ""', f'{key} = "{value}"', text, count=1, flags=re.MULTILINE)
        assert count == 1, key
    text = re.sub(
        r'description = """\n"""',
        'description = """\nLe marchand a annulé ma commande mais les échéances continuent.\n"""',
        text,
    )
    path.write_text(text, encoding="utf-8")
    result = run("check", "draft.toml")
    assert result.code == 0, result
