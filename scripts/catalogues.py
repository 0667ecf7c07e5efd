"""Extract, update and compile the interface catalogues, in one command.

    python scripts/catalogues.py

1. Extract the marked messages (``babel.cfg``: ``N_()``/``_()`` in the package,
   ``_()`` in the draft skeleton) and the messages of Python's own argparse,
   which the command line shows through our catalogue, into
   ``src/alma_contact/locale/alma_contact.pot``.
2. Update ``locale/<lang>/LC_MESSAGES/alma_contact.po`` for fr, nl, en and de:
   translations are kept, a reworded message comes back fuzzy, a new one empty.
3. Compile the ``.mo`` files the package reads at run time (fuzzy and empty
   translations are left out, so English shows until they are done). They are
   build output, ignored by git: the wheel's build hook (``hatch_build.py``)
   compiles them too, and without them a source checkout compiles in memory.

Then translate what the summary lists as untranslated or fuzzy, and run the
command again. ``--check`` changes nothing and fails if any file is out of date.

argparse messages already in the template are kept, so that running this with
another Python does not drop the words its argparse shows; ``--argparse FILE``
adds those of another Python's argparse.py.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
MAPPING = ROOT / "babel.cfg"
DOMAIN = "alma_contact"
LOCALE_DIR = ROOT / "src" / "alma_contact" / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
LANGUAGES = ("fr", "nl", "en", "de")
PROJECT = "alma-contact"

ARGPARSE_LOCATION = "argparse.py"
"""How argparse's messages are located in the template (the file of Python's standard library)."""
ARGPARSE_KEYWORDS = {"_": None, "ngettext": (1, 2)}
ARGPARSE_COMMENT = "Python's argparse (command-line usage, help and errors)."

_DATE_HEADER = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.MULTILINE)


def project_version() -> str:
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def new_catalog(locale: str | None = None) -> Catalog:
    catalog = Catalog(
        locale=locale,
        domain=DOMAIN,
        project=PROJECT,
        version=project_version(),
        copyright_holder="alma-contact contributors",
        msgid_bugs_address="alma-contact maintainers",
        last_translator="alma-contact contributors",
        language_team=f"{locale or 'LANGUAGE'} <alma-contact>",
        header_comment=(
            f"# {'Translations' if locale else 'Template'} of alma-contact's interface"
            f"{f' ({locale})' if locale else ''}.\n"
            "# Generated and updated by scripts/catalogues.py; edit only the msgstr lines."
        ),
        fuzzy=False,
    )
    return catalog


def _add(
    catalog: Catalog, msgid: str | tuple[str, ...], location: tuple[str, int], comment: str = ""
) -> None:
    existing = catalog.get(msgid)
    if existing is not None:
        if location not in existing.locations:
            existing.locations.append(location)
        if comment and comment not in existing.auto_comments:
            existing.auto_comments.append(comment)
        return
    catalog.add(msgid, locations=[location], auto_comments=[comment] if comment else [])


def extract_project(root: Path = ROOT) -> Catalog:
    """The messages marked in the package and the skeleton, as ``babel.cfg`` says."""
    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))  # type: ignore[no-untyped-call]
    catalog = new_catalog()
    # Keywords come from babel.cfg, per section: nothing is extracted by default.
    for filename, lineno, msgid, comments, _context in extract_from_dir(
        str(root), method_map, options_map, keywords={}, strip_comment_tags=True
    ):
        _add(catalog, msgid, (filename, lineno), " ".join(comments))
    return catalog


def argparse_messages(files: Iterable[Path] = ()) -> list[str | tuple[str, ...]]:
    """argparse's own messages: those of this Python's argparse.py and of ``files``."""
    found: list[str | tuple[str, ...]] = []
    for path in [Path(argparse.__file__), *files]:
        for _lineno, msgid, _comments, _context in extract_from_file(
            "python", str(path), keywords=ARGPARSE_KEYWORDS
        ):
            if msgid not in found:
                found.append(msgid)
    return found


def previous_argparse_messages(template: Path = TEMPLATE) -> list[str | tuple[str, ...]]:
    """argparse messages already in the template (perhaps from another Python)."""
    if not template.exists():
        return []
    with template.open("rb") as handle:
        old = read_po(handle)
    return [
        message.id if isinstance(message.id, str) else tuple(message.id)
        for message in old
        if message.id and any(location[0] == ARGPARSE_LOCATION for location in message.locations)
    ]


def build_template(argparse_files: Iterable[Path] = ()) -> Catalog:
    catalog = extract_project()
    for msgid in [*argparse_messages(argparse_files), *previous_argparse_messages()]:
        _add(catalog, msgid, (ARGPARSE_LOCATION, 0), ARGPARSE_COMMENT)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def render_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_by_file=False)
    return buffer.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _differs(path: Path, data: bytes, *, ignore_dates: bool) -> bool:
    """Whether ``path`` lacks ``data``; the dates and Babel's version in a catalogue's header do not count."""
    if not path.exists():
        return True
    old = path.read_bytes()
    if ignore_dates:
        return _DATE_HEADER.sub(b"", old) != _DATE_HEADER.sub(b"", data)
    return old != data


def update(lang: str, template: Catalog) -> Catalog:
    """The language's catalogue brought in line with the template, translations kept."""
    path = po_path(lang)
    catalog = read_catalog(path, lang) if path.exists() else new_catalog(lang)
    catalog.update(template, update_header_comment=False, keep_user_comments=True)
    catalog.fuzzy = False
    catalog.revision_date = datetime.now(UTC)  # written only if something else changed
    return catalog


def _untranslated(catalog: Catalog) -> tuple[list[Message], list[Message]]:
    empty, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            empty.append(message)
        elif message.fuzzy:
            fuzzy.append(message)
    return empty, fuzzy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Extract, update and compile the interface catalogues.")
    parser.add_argument(
        "--argparse",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="also take the messages of this argparse.py (another Python's)",
    )
    parser.add_argument("--check", action="store_true", help="change nothing; fail if a file is out of date")
    args = parser.parse_args(argv)

    template = build_template(args.argparse)
    outputs: list[tuple[Path, bytes, bool]] = [(TEMPLATE, render_po(template), True)]
    summary: list[str] = []
    problems = 0
    for lang in LANGUAGES:
        catalog = update(lang, template)
        po_bytes = render_po(catalog)
        if not _differs(po_path(lang), po_bytes, ignore_dates=True):
            po_bytes = po_path(lang).read_bytes()  # unchanged: keep its dates, and its .mo's
        outputs.append((po_path(lang), po_bytes, True))
        # Compile what was written, so that the .mo always matches the .po on disk.
        compiled = read_po(io.BytesIO(po_bytes), locale=lang, domain=DOMAIN)
        for message, errors in compiled.check():
            for error in errors:
                problems += 1
                print(f"{po_path(lang).relative_to(ROOT)}: {message.id!r}: {error}", file=sys.stderr)
        outputs.append((mo_path(lang), render_mo(compiled), False))
        empty, fuzzy = _untranslated(compiled)
        total = sum(1 for message in compiled if message.id)
        summary.append(
            f"{lang}: {total} messages, {total - len(empty) - len(fuzzy)} translated, "
            f"{len(fuzzy)} fuzzy, {len(empty)} untranslated"
        )
        summary.extend(f"  fuzzy: {message.id!r}" for message in fuzzy)
        summary.extend(f"  untranslated: {message.id!r}" for message in empty)

    # Only files whose content changed are written, so a run without new messages touches nothing.
    changed = [
        path for path, data, ignore_dates in outputs if _differs(path, data, ignore_dates=ignore_dates)
    ]
    if not args.check:
        for path, data, _ignore_dates in outputs:
            if path in changed:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        # A .mo older than its .po is not trusted at run time (i18n.translations compiles the .po in
        # memory, on every start): one whose content is the same is given the .po's time again.
        for lang in LANGUAGES:
            mo, po = mo_path(lang), po_path(lang)
            if mo.exists() and po.exists() and mo.stat().st_mtime < po.stat().st_mtime:
                os.utime(mo)

    print("\n".join(summary))
    verb = "out of date" if args.check else "written"
    for path in changed:
        print(f"{verb}: {path.relative_to(ROOT)}")
    if not changed:
        print("all catalogues up to date")
    return 1 if problems or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
