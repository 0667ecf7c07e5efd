"""The interface catalogues: in step with the sources, complete, consistent, compiled, used.

When a test here fails after you added or changed a message, run
``python scripts/catalogues.py``, translate what it lists in
``src/alma_contact/locale/{fr,nl,en,de}/LC_MESSAGES/alma_contact.po``, and run it again.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import io
import os
import re
import shutil
import string
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
FIX = "run `python scripts/catalogues.py`, translate what it lists in the .po files, then run it again"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "scripts" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogues = _load_script()
LANGUAGES = catalogues.LANGUAGES


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {
        message.id if isinstance(message.id, str) else tuple(message.id) for message in catalog if message.id
    }


def _is_argparse(message: Message) -> bool:
    return all(location[0] == catalogues.ARGPARSE_LOCATION for location in message.locations)


def _listing(ids: object) -> str:
    return "\n".join(f"  {msgid!r}" for msgid in sorted(ids, key=str))  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def template() -> Catalog:
    return _read(catalogues.TEMPLATE)


@pytest.fixture(scope="module", params=LANGUAGES)
def po(request: pytest.FixtureRequest) -> tuple[str, Catalog]:
    lang = request.param
    return lang, _read(catalogues.po_path(lang), lang)


# (a) the template holds exactly the messages of the sources -----------------------------------------


def test_template_has_every_message_of_the_sources(tmp_path: Path, template: Catalog) -> None:
    fresh_path = tmp_path / "fresh.pot"
    fresh_path.write_bytes(catalogues.render_po(catalogues.extract_project()))
    fresh = _ids(_read(fresh_path))
    assert fresh, "nothing was extracted: is babel.cfg right?"
    known = {message.id for message in template if message.id and not _is_argparse(message)}
    missing, stale = fresh - known, known - fresh
    assert not missing, f"messages in the sources but not in the catalogues ({FIX}):\n{_listing(missing)}"
    assert not stale, (
        f"messages in the catalogues that the sources no longer have ({FIX}):\n{_listing(stale)}"
    )


def test_template_has_the_messages_of_this_pythons_argparse(template: Catalog) -> None:
    missing = set(catalogues.argparse_messages()) - _ids(template)
    assert not missing, f"argparse messages missing ({FIX}):\n{_listing(missing)}"


def test_extraction_finds_python_and_template_messages() -> None:
    """The extractor really reads both kinds of source (so the test above cannot pass empty)."""
    files = {location[0] for message in catalogues.extract_project() for location in message.locations}
    assert "src/alma_contact/errors.py" in files
    assert "templates/draft.toml.j2" in files
    argparse_ids = catalogues.argparse_messages()
    assert "usage: " in argparse_ids
    assert "the following arguments are required: %s" in argparse_ids


def test_extraction_sees_a_new_message(tmp_path: Path) -> None:
    """A message added anywhere in the package or the skeleton reaches the template."""
    package = tmp_path / "src" / "alma_contact" / "tui"
    package.mkdir(parents=True)
    (package / "new.py").write_text(
        'from ..i18n import N_, translate\nA = N_("A new message {x}")\nB = translate("fr", "not marked")\n',
        encoding="utf-8",
    )
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "draft.toml.j2").write_text(
        '# {{ _("New comment for %(kind)s", kind=kind) }}\n', encoding="utf-8"
    )
    assert _ids(catalogues.extract_project(tmp_path)) == {"A new message {x}", "New comment for %(kind)s"}


# (b) every message translated, not fuzzy, in every language ----------------------------------------


def _strings(message: Message) -> tuple[str, ...]:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return tuple(text or "" for text in strings)


def test_every_message_is_translated(template: Catalog, po: tuple[str, Catalog]) -> None:
    lang, catalog = po
    absent = _ids(template) - _ids(catalog)
    extra = _ids(catalog) - _ids(template)
    empty = [m.id for m in catalog if m.id and not all(_strings(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not absent, f"{lang}: messages not in the .po yet ({FIX}):\n{_listing(absent)}"
    assert not extra, f"{lang}: the .po has messages the template lacks ({FIX}):\n{_listing(extra)}"
    assert not empty, f"{lang}: untranslated messages:\n{_listing(empty)}"
    assert not fuzzy, f"{lang}: fuzzy translations to check, then remove the fuzzy flag:\n{_listing(fuzzy)}"


def test_plural_messages_have_every_form(po: tuple[str, Catalog]) -> None:
    lang, catalog = po
    for message in catalog:
        if message.id and message.pluralizable:
            assert len(_strings(message)) == catalog.num_plurals, (lang, message.id)


# (c) placeholders, line breaks and edge spaces are kept ------------------------------------------------

PRINTF = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])"
)


def placeholders(text: str) -> tuple[object, ...]:
    """Everything in a message that code fills in: {name} fields, %(name)s and %s specifiers."""
    named = sorted({(m["name"], m["conv"]) for m in PRINTF.finditer(text) if m["name"] is not None})
    positional = [m["conv"] for m in PRINTF.finditer(text) if m["name"] is None and m["conv"] != "%"]
    try:
        fields = sorted({(f, c, s) for _, f, s, c in string.Formatter().parse(text) if f is not None})
    except ValueError:  # a lone brace: then the braces themselves must be kept
        fields = sorted(re.findall(r"[{}]", text))
    edges = (text[:1].isspace(), text[-1:].isspace(), text.count("\n"))
    return (named, positional, fields, edges)


def test_placeholders_are_kept(po: tuple[str, Catalog]) -> None:
    lang, catalog = po
    wrong = []
    for message in catalog:
        if not message.id or not all(_strings(message)):
            continue
        msgid = str(message.id[-1] if isinstance(message.id, tuple | list) else message.id)
        for translation in _strings(message):
            if placeholders(translation) != placeholders(msgid):
                wrong.append(f"  {msgid!r}\n    -> {translation!r}")
    assert not wrong, f"{lang}: placeholders, line breaks or edge spaces differ:\n" + "\n".join(wrong)


def test_placeholder_check_catches_mistakes() -> None:
    assert placeholders("“{value}” is missing") != placeholders("« {valeur} » manque")
    assert placeholders("argument %(argument_name)s: %(message)s") != placeholders("argument %(message)s")
    assert placeholders("usage: ") != placeholders("utilisation :")
    assert placeholders("%(prog)s: error: %(message)s\n") == placeholders("%(prog)s : erreur : %(message)s\n")


def test_french_typography(template: Catalog) -> None:
    """No-break spaces before : ; ? ! and inside « », no English quotes, typographic apostrophes."""
    catalog = _read(catalogues.po_path("fr"), "fr")
    wrong = []
    for message in catalog:
        for text in _strings(message) if message.id else ():
            problems = [
                re.search(r"[^\u00a0][;?!]", text) and "; ? ! need a no-break space before them",
                re.search(r"[^\u00a0]:(\s|$)", text) and "a colon needs a no-break space before it",
                re.search(r"«[^\u00a0]|[^\u00a0]»", text) and "« » need no-break spaces inside",
                re.search(r"[“”]", text) and "French quotes are « »",
                re.search(r"\w'\w", text) and "the apostrophe is ’",
            ]
            wrong += [f"  {text!r}: {p}" for p in problems if p]
    assert not wrong, "French typography:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skeleton_is_valid_toml_in_every_language(lang: str) -> None:
    """Translated comments stay on their line and keep the skeleton valid TOML."""
    from alma_contact.model import DETAILS_BY_REQUEST
    from alma_contact.skeleton import skeleton

    english = tomllib.loads(skeleton(request=None, channel="email", language="fr", ui_lang="en"))
    for request in [None, *DETAILS_BY_REQUEST]:
        text = skeleton(request=request, channel="letter", language="nl", ui_lang=lang)
        data = tomllib.loads(text)
        assert set(data) >= set(english) - {"details"}, (lang, request)
    assert "#" in text


# (d) what the package serves is what the .po files say ---------------------------------------------


def _translated(catalog: Catalog) -> list[Message]:
    return [
        message
        for message in catalog
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else (message.string,))
    ]


def test_every_translation_of_the_po_is_served(po: tuple[str, Catalog]) -> None:
    """Each translated message of the .po comes back, the same, from the catalogue the package uses.

    Compares meaning, not bytes: a .mo compiled by another version of Babel
    (another ``Generated-By``, another order) passes; a stale or missing one does not.
    """
    from alma_contact.i18n import translations

    lang, catalog = po
    translations.cache_clear()
    served = translations(lang)
    differ = []
    for message in _translated(catalog):
        if isinstance(message.id, str):
            if served.gettext(message.id) != message.string:
                differ.append(message.id)
            continue
        singular, plural = message.id[0], message.id[1]
        form = gettext.c2py(catalog.plural_expr)
        for n in (0, 1, 2, 5):
            if served.ngettext(singular, plural, n) != message.string[form(n)]:
                differ.append(message.id)
                break
    assert not differ, f"{lang}: served differently from the .po ({FIX}):\n{_listing(differ)}"


def _stale(tmp_path: Path, lang: str, mo: bytes | None) -> Path:
    """A copy of the package's locale folder whose .mo is ``mo`` (None: absent), older than the .po."""
    locale_dir = tmp_path / "locale"
    po = catalogues.po_path(lang)
    target = locale_dir / lang / "LC_MESSAGES" / po.name
    target.parent.mkdir(parents=True)
    shutil.copyfile(po, target)
    if mo is not None:
        target.with_suffix(".mo").write_bytes(mo)
        os.utime(target.with_suffix(".mo"), (1_000_000_000, 1_000_000_000))
    return locale_dir


@pytest.mark.parametrize("mo", [None, b"not a catalogue"], ids=["missing", "older"])
def test_a_missing_or_older_mo_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mo: bytes | None
) -> None:
    """A source checkout without a compiled catalogue, or with one older than its .po, still speaks French."""
    from alma_contact import i18n

    monkeypatch.setattr(i18n, "LOCALE_DIR", _stale(tmp_path, "fr", mo))
    i18n.translations.cache_clear()
    try:
        assert i18n.translate("fr", "The draft is valid.") == "Le brouillon est valide."
    finally:
        i18n.translations.cache_clear()


def test_no_compiled_catalogue_is_committed() -> None:
    """The .mo files are build output (the wheel's build hook makes them), never in the repository."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not listed, f"compiled catalogues committed: {listed}"


def test_the_build_hook_compiles_what_the_po_says(tmp_path: Path) -> None:
    """hatch_build.py writes, for each language, a .mo whose messages are the .po's translations."""
    from alma_contact.i18n import compile_catalogue

    for lang in LANGUAGES:
        data = compile_catalogue(catalogues.po_path(lang), lang)
        served = gettext.GNUTranslations(io.BytesIO(data))
        catalog = _read(catalogues.po_path(lang), lang)
        for message in _translated(catalog):
            if isinstance(message.id, str):
                assert served.gettext(message.id) == message.string, (lang, message.id)


# (e) the package uses them at run time -----------------------------------------------------------------


def test_translate_returns_french() -> None:
    from alma_contact.export.save import EXISTS
    from alma_contact.i18n import translate

    french = translate("fr", EXISTS, path="brouillon.toml")
    assert french.startswith("«\u00a0brouillon.toml\u00a0» existe déjà")
    assert translate("en", EXISTS, path="x") == EXISTS.format(path="x")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("alma-contact")
    if script.exists():
        return [str(script)]
    found = shutil.which("alma-contact")
    return [found] if found else [sys.executable, "-m", "alma_contact"]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "fr_BE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run(
        [*_command(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_command_line_speaks_dutch(tmp_path: Path) -> None:
    """--ui-lang nl wins over LANG=fr_BE, for our messages and for argparse's."""
    from alma_contact.drafts import NO_FILE
    from alma_contact.i18n import translate

    result = _run(["--ui-lang", "nl", "check", "missing.toml"], tmp_path)
    assert result.returncode == 2, result.stderr
    dutch = translate("nl", NO_FILE, path="missing.toml")
    assert dutch != NO_FILE.format(path="missing.toml")
    assert dutch in result.stderr
    assert "bestaat niet" in result.stderr

    result = _run(["--ui-lang", "nl", "check"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("gebruik: alma-contact")
    assert "de volgende argumenten zijn verplicht: draft" in result.stderr


# every message shown through translate() is marked, so extraction finds it ------------------------


def _message_argument(call: ast.Call) -> ast.expr | None:
    """The message of translate(lang, msg), t(node, msg), node.t(msg), gettext(msg), ngettext(msg, …)."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    index = {"translate": 1, "gettext": 0, "ngettext": 0}.get(name)
    if name == "t":
        index = 1 if isinstance(func, ast.Name) else 0
    if index is None or len(call.args) <= index:
        return None
    return call.args[index]


def test_no_unmarked_literal_is_translated() -> None:
    """translate(lang, "text") would show English forever: the text must be an N_() constant."""
    found = []
    for path in sorted((ROOT / "src" / "alma_contact").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call):
                argument = _message_argument(node)
                if isinstance(argument, ast.Constant | ast.JoinedStr):
                    found.append(f"  {path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(argument)[:70]}")
    assert not found, "literals translated without N_():\n" + "\n".join(found)
