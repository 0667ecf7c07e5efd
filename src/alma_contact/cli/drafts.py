"""``alma-contact drafts``: the drafts of the store (list, show, export, import, delete), and
``@NUMBER`` wherever a command takes a draft file."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import N_, translate
from .exits import EXIT_INVALID, EXIT_IO, EXIT_OK, Failure
from .shown import PATH_LIMIT, safe, shown

if TYPE_CHECKING:
    from ..model import Draft
    from ..settings import Settings
    from ..store import Store

EMPTY = N_("No draft in the store ({path}).")
IMPORTED = N_("Added to the store as {ref}.")
DELETED = N_("Deleted: {ref}.")
DELETED_ALL = N_("Deleted every draft of the store ({count}).")
ASK_DELETE = N_("Delete the draft {ref} ({what})?")
ASK_DELETE_ALL = N_("Delete all {count} drafts of the store?")
NOT_ASKED = N_(
    "nothing was deleted: there is no one to ask (no terminal). Add --yes to delete without asking."
)
KEPT = N_("Nothing was deleted.")
ONE_OR_ALL = N_("name one draft (its number) or --all, not both.")
WHICH = N_("which draft? Give its number (alma-contact drafts list shows them), or --all.")
YES_LETTER = N_("y")
YES_WORD = N_("yes")
YES_OR_NO = N_("[y/N]")
"""The answer that deletes, typed in the interface language (or in English), and how the question shows it."""
NO_ACTION = N_("say what to do with the drafts: list, show, export, import or delete.")


def _store(settings: Settings, lang: str) -> Store:
    from ..store import Store, StoreError

    try:
        return Store.open(settings.data_dir)
    except StoreError as error:
        raise Failure(error.text(lang), EXIT_IO) from None


def _number(ref: str, lang: str) -> int:
    from ..store import StoreError, parse_ref

    try:
        number = parse_ref(ref if ref.startswith("@") else f"@{ref}")
    except StoreError as error:
        raise Failure(error.text(lang), EXIT_INVALID) from None
    assert number is not None
    return number


def _get(store: Store, ref: str, lang: str) -> Any:
    from ..store import NO_DRAFT, StoreError

    try:
        return store.get(_number(ref, lang))
    except StoreError as error:
        raise Failure(error.text(lang), EXIT_INVALID if error.message == NO_DRAFT else EXIT_IO) from None


def tell_changed_evidence(store: Store, draft_id: int, lang: str) -> None:
    """On stderr: each evidence file that changed or disappeared since it was attached."""
    from ..store import CHANGED_FILE, GONE_FILE

    for changed in store.changed_evidence(draft_id):
        message = GONE_FILE if changed.gone else CHANGED_FILE
        said = translate(lang, message, path=shown(changed.path, PATH_LIMIT))
        print(translate(lang, N_("Warning: {problem}"), problem=said), file=sys.stderr)


def stored_draft(ref: str, lang: str, settings: Settings, overrides: Mapping[str, object]) -> Draft:
    """The draft ``@NUMBER`` of the store, validated as a draft file is (with the command line's
    overrides); a changed or missing evidence file is said first."""
    from ..drafts import validate

    with _store(settings, lang) as store:
        stored = _get(store, ref, lang)
        tell_changed_evidence(store, stored.id, lang)
    return validate({**stored.document, **overrides}, stored.base_dir, settings.day())


def run_action(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    action = ACTIONS.get(getattr(args, "action", None) or "")
    if action is None:
        raise Failure(translate(lang, NO_ACTION), EXIT_INVALID)
    return action(args, lang, settings)


@functools.cache
def _request_label(key: str, lang: str) -> str:
    from ..registry import REQUESTS

    kind = REQUESTS.get(key)
    return translate(lang, kind.label) if kind else shown(key, 40)


def _changed(moment: Any) -> str:
    """A moment of the store in the computer's time zone, to the minute."""
    return str(moment.astimezone().strftime("%Y-%m-%d %H:%M"))


def do_list(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    with _store(settings, lang) as store:
        drafts = store.listed()
        path = store.path
    if args.format == "json":
        rows = [
            {
                "id": d.id,
                "changed": d.changed.isoformat(),
                "name": d.name,
                "request": d.request,
                "amount": d.amount,
                "channel": d.channel,
                "language": d.language,
            }
            for d in drafts
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not drafts:
        print(translate(lang, EMPTY, path=shown(path, PATH_LIMIT)), file=sys.stderr)
        return EXIT_OK
    lines = []
    for d in drafts:
        parts = (
            d.ref,
            d.when,
            shown(d.name, 60) if d.name else "–",
            _request_label(d.request, lang) if d.request else "–",
            shown(d.amount, 20) if d.amount else "–",
            shown(d.channel, 20) if d.channel else "–",
            shown(d.language, 20) if d.language else "–",
        )
        lines.append("  ".join(parts))
    print("\n".join(lines))
    return EXIT_OK


def _toml(stored: Any, target: Path | None, lang: str) -> str:
    from ..answers import Answers, dumps_toml
    from ..export.save import SaveError

    answers = Answers.from_document(stored.document, stored.base_dir, defaults=False)
    try:
        return answers.to_toml(target) if target is not None else dumps_toml(answers.document())
    except SaveError as error:
        raise Failure(translate(lang, error.message), EXIT_IO) from None


def do_show(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    with _store(settings, lang) as store:
        stored = _get(store, args.ref, lang)
        tell_changed_evidence(store, stored.id, lang)
        replaced = len(store.versions(stored.id))
    header = [
        translate(
            lang,
            N_("# Draft {ref}, last changed {changed}"),
            ref=f"@{stored.id}",
            changed=_changed(stored.changed),
        ),
    ]
    if stored.source is not None:
        header.append(translate(lang, N_("# Opened from {path}"), path=shown(stored.source, PATH_LIMIT)))
    if replaced:
        header.append(
            translate(
                lang, N_("# Versions replaced by a save from another window, kept: {count}"), count=replaced
            )
        )
    print("\n".join(safe(line) for line in header))
    print()
    sys.stdout.write(_toml(stored, None, lang))
    return EXIT_OK


def do_export(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from .commands import _save

    with _store(settings, lang) as store:
        stored = _get(store, args.ref, lang)
        tell_changed_evidence(store, stored.id, lang)
    target = Path.cwd() / "draft.toml" if args.output == "-" else Path(args.output)
    _save(_toml(stored, target, lang).encode("utf-8"), args.output, args.force, lang)
    return EXIT_OK


def do_import(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from ..answers import Answers
    from ..drafts import DraftInvalid, parse_data, read_source
    from ..store import StoreError

    try:
        data, base = read_source(args.file)
        document = parse_data(data)
    except DraftInvalid as invalid:
        raise Failure("\n".join(safe(str(p)) for p in invalid.problems(lang)), EXIT_INVALID) from None
    answers = Answers.from_document(document, base, defaults=False)
    source = None if args.file == "-" else Path(args.file).absolute()
    with _store(settings, lang) as store:
        try:
            saved = store.save(answers.document(), base.absolute(), source=source)
        except StoreError as error:
            raise Failure(error.text(lang), EXIT_IO) from None
    print(translate(lang, IMPORTED, ref=f"@{saved.id}"), file=sys.stderr)
    return EXIT_OK


def _confirm(question: str, lang: str) -> bool:
    """Ask on the terminal; anything but yes is no. No terminal to ask: refuse."""
    if not sys.stdin.isatty():
        raise Failure(translate(lang, NOT_ASKED), EXIT_INVALID)
    yes = {translate(lang, YES_LETTER).casefold(), translate(lang, YES_WORD).casefold(), "y", "yes"}
    print(f"{question} {translate(lang, YES_OR_NO)} ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().casefold() in yes


def do_delete(args: argparse.Namespace, lang: str, settings: Settings) -> int:
    from ..store import StoreError

    if args.all and args.ref:
        raise Failure(translate(lang, ONE_OR_ALL), EXIT_INVALID)
    if not args.all and not args.ref:
        raise Failure(translate(lang, WHICH), EXIT_INVALID)
    with _store(settings, lang) as store:
        try:
            if args.all:
                count = len(store.listed())
                if (
                    count
                    and not args.yes
                    and not _confirm(translate(lang, ASK_DELETE_ALL, count=count), lang)
                ):
                    print(translate(lang, KEPT), file=sys.stderr)
                    return EXIT_OK
                print(translate(lang, DELETED_ALL, count=store.delete_all()), file=sys.stderr)
                return EXIT_OK
            stored = _get(store, args.ref, lang)
            ref = f"@{stored.id}"
            if store.has_case(stored.id):
                from ..store import IS_A_CASE

                raise Failure(translate(lang, IS_A_CASE, ref=ref), EXIT_INVALID)
            listed = next(d for d in store.listed() if d.id == stored.id)
            what = ", ".join(
                shown(part, 60)
                for part in (
                    listed.name,
                    _request_label(listed.request, lang) if listed.request else "",
                    listed.amount,
                )
                if part
            )
            if not args.yes and not _confirm(translate(lang, ASK_DELETE, ref=ref, what=what or "–"), lang):
                print(translate(lang, KEPT), file=sys.stderr)
                return EXIT_OK
            store.delete(stored.id)
        except StoreError as error:
            raise Failure(error.text(lang), EXIT_IO) from None
    print(translate(lang, DELETED, ref=ref), file=sys.stderr)
    return EXIT_OK


ACTIONS = {
    "list": do_list,
    "show": do_show,
    "export": do_export,
    "import": do_import,
    "delete": do_delete,
}
