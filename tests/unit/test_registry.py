"""Every surface agrees with the registries: the model, the app's questions, the command line, the
error hints, the draft skeleton and the warnings; and no list of choices is typed anywhere else."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from alma_contact import languages, registry
from alma_contact.errors import hint
from alma_contact.i18n import UI_LANGUAGES
from alma_contact.model import DETAILS_BY_REQUEST, Draft, Transaction
from alma_contact.skeleton import skeleton
from alma_contact.steps import STEPS, Question

SRC = Path(__file__).resolve().parents[2] / "src" / "alma_contact"
REGISTRIES = {SRC / "registry.py", SRC / "languages.py"}


def _choices_of(model: type[BaseModel], name: str, data: dict[str, object] | None = None) -> tuple[str, ...]:
    """The values a model's choice field accepts, as its error for a wrong value lists them."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate({**(data or {}), name: "not-a-choice"})
    for line in caught.value.errors():
        if line["loc"] == (name,) and line["type"] == "choice":
            return tuple(str(line["ctx"]["choices"]).split(", "))
    raise AssertionError(f"{model.__name__}.{name} is not a choice")


LISTS: dict[str, tuple[str, ...]] = {
    "language": languages.codes(),
    "channel": registry.channel_values(),
    "request": tuple(registry.REQUESTS),
    "transaction.plan": tuple(registry.PLANS),
    **{key: details[0].values for key, details in registry.detail_keys().items() if details[0].choices},
}
"""Every list of choices the registries define, by the key that takes them."""


def _question(key: str, request: str | None = None) -> Question:
    """The question that asks ``key`` (for ``request``: two requests may ask a key of the same name)."""
    for step in STEPS:
        for question in step.questions:
            if question.key == key and (request is None or ("request", (request,)) in question.when):
                return question
    raise AssertionError(f"no question asks {key}")


@pytest.mark.parametrize("key", ["language", "channel", "request"])
def test_the_model_takes_the_registry_choices(key: str) -> None:
    assert _choices_of(Draft, key, {"request": "other"}) == LISTS[key]


def test_the_model_takes_the_registry_plans() -> None:
    for plan in registry.PLANS:
        assert Transaction.model_validate({"amount": "1", "date": "1/1/2026", "plan": plan}).plan == plan
    with pytest.raises(ValueError):
        Transaction.model_validate({"amount": "1", "date": "1/1/2026", "plan": "5x"})


@pytest.mark.parametrize("request_kind", list(registry.REQUESTS))
def test_each_details_table_is_the_registry_one(request_kind: str) -> None:
    kind = registry.REQUESTS[request_kind]
    table = DETAILS_BY_REQUEST[request_kind]
    assert list(table.model_fields) == [detail.name for detail in kind.details]
    for detail in kind.details:
        assert table.model_fields[detail.name].default == detail.default
        if detail.choices:
            assert _choices_of(table, detail.name) == detail.values


def test_the_app_asks_every_key_with_the_registry_choices() -> None:
    for key, values in LISTS.items():
        question = _question(key)
        assert tuple(c.value for c in question.choices if c.value) == values, key
    for kind in registry.REQUESTS.values():
        for detail in kind.details:
            question = _question(f"details.{detail.name}", kind.key)
            assert question.when == registry.asked_when(kind, detail)
            assert question.kind == detail.kind


def test_the_app_asks_a_needed_key_when_the_rule_needs_it() -> None:
    for rule in registry.RULES:
        if rule.needed:  # asked exactly when it is needed (by the question of the rule's request)
            requests = dict(rule.when).get("request", ())
            question = _question(rule.key, requests[0] if len(requests) == 1 else None)
            assert set(question.when) == set(rule.when), rule.key


@pytest.mark.parametrize(
    ("command", "option", "key"),
    [
        ("new", "--channel", "channel"),
        ("new", "--lang", "language"),
        ("new", "--request", "request"),
        ("render", "--channel", "channel"),
        ("render", "--lang", "language"),
        ("copy", "--channel", "channel"),
        ("open", "--lang", "language"),
    ],
)
def test_the_command_line_offers_the_registry_choices(
    command: str, option: str, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from alma_contact.cli import build_parser
    from alma_contact.cli.translated import localise_argparse

    localise_argparse("en")  # argparse's own words in English, whatever a test run before chose
    with pytest.raises(SystemExit):
        build_parser("en").parse_args([command, "draft.toml", option, "not-a-choice"])
    offered = capsys.readouterr().err.rsplit("(choose from", 1)[1]
    assert tuple(part.strip(" '\n)") for part in offered.split(",")) == LISTS[key]


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize("key", list(LISTS))
def test_every_hint_names_every_choice(lang: str, key: str) -> None:
    text = hint(key, lang)
    for value in LISTS[key]:
        assert value in text, (key, value, text)


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize("request_kind", [None, *registry.REQUESTS])
def test_the_skeleton_writes_the_registry_details(lang: str, request_kind: str | None) -> None:
    text = skeleton(request=request_kind, channel="email", language="fr", ui_lang=lang)
    if request_kind is None:  # every block is commented out: uncomment the one of a request
        for kind in registry.REQUESTS.values():
            for detail in kind.details:
                assert f'# {detail.name} = "{detail.default or ""}"' in text
        return
    document = tomllib.loads(text)
    kind = registry.REQUESTS[request_kind]
    assert document["request"] == request_kind
    assert document.get("details", {}) == {detail.name: detail.default or "" for detail in kind.details}
    for values in (LISTS["language"], LISTS["channel"], LISTS["request"], LISTS["transaction.plan"]):
        assert all(f'"{value}"' in text for value in values)


def test_every_detail_is_written_and_shown() -> None:
    """A detail names a kind the app can ask, a step that exists, and a default among its choices (the
    option always has one; a choice beside it may have none: empty is "not said")."""
    steps = {step.id for step in STEPS}
    for kind in registry.REQUESTS.values():
        assert kind.prompts and kind.label and kind.explanation
        if kind.option is not None:
            option = kind.detail(kind.option)
            assert option is not None and option.choices, kind.key
        for detail in kind.details:
            assert detail.step in steps
            assert detail.hint and detail.comment
            if detail.choices:
                assert detail.default in detail.values or (
                    detail.default is None and detail.name != kind.option
                )


def _literal_strings(node: ast.AST) -> tuple[str, ...] | None:
    """The strings a literal lists: its items, a dict's keys, or the first item of each of its
    tuples (``(("fr", N_("French")), ("nl", N_("Dutch")))`` lists fr and nl)."""
    elements: list[ast.expr | None]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        elements = [
            item.elts[0] if isinstance(item, ast.Tuple | ast.List) and item.elts else item
            for item in node.elts
        ]
    elif isinstance(node, ast.Dict):
        elements = list(node.keys)
    else:
        return None
    if len(elements) < 2 or not all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elements
    ):
        return None
    return tuple(e.value for e in elements if isinstance(e, ast.Constant))


def _defaults_typed(tree: ast.AST) -> list[tuple[int, str]]:
    """``answers.get("language") or "fr"``: one value of a list written as a fallback."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            for value in node.values[1:]:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.append((node.lineno, value.value))
    return found


def test_no_list_of_choices_is_typed_outside_the_registries() -> None:
    """Two or more values of one list of choices, written out in src/, are a second copy of it."""
    copies = []
    for path in sorted(SRC.rglob("*.py")):
        if path in REGISTRIES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, value in _defaults_typed(tree):
            lists = [
                key for key, values in LISTS.items() if value in values and key in ("language", "channel")
            ]
            copies += [f"{path.relative_to(SRC)}:{line}: or {value!r} (a default of {key})" for key in lists]
        for node in ast.walk(tree):
            strings = _literal_strings(node)
            if strings is None:
                continue
            for key, values in LISTS.items():
                if set(strings) <= set(values):
                    copies.append(f"{path.relative_to(SRC)}:{node.lineno}: {strings} (choices of {key})")
    assert not copies, "\n".join(copies)


def test_the_readme_documents_the_registry() -> None:
    """The README's tables of the draft file name every request, detail, choice and plan."""
    readme = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `[details]`", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    table: dict[str, list[str]] = {}
    current = ""
    for row in rows[2:]:
        first = row.split("|")[1].strip()
        current = first.strip("`") or current
        table.setdefault(current, []).append(row)
    for kind in registry.REQUESTS.values():
        assert kind.key in table, kind.key
        for detail in kind.details:
            row = next((row for row in table[kind.key] if f"`{detail.name}`" in row), "")
            assert row, (kind.key, detail.name)
            for value in detail.values:
                assert f"`{value}`" in row, (detail.name, value)
    top = readme.split("### Top level", 1)[1].split("\n### ", 1)[0]
    for key in ("language", "channel", "request"):
        row = next(line for line in top.splitlines() if line.startswith(f"| `{key}`"))
        assert all(f"`{value}`" in row for value in LISTS[key]), key
    transaction = readme.split("### `[transaction]`", 1)[1].split("\n### ", 1)[0]
    row = next(line for line in transaction.splitlines() if line.startswith("| `plan`"))
    assert all(f"`{value}`" in row for value in LISTS["transaction.plan"])
