"""The draft store: every draft the user is writing, kept on their machine in one SQLite database.

A stored draft holds what a draft file holds (the same keys: :meth:`Answers.document
<alma_contact.answers.Answers.document>`), as JSON, with the folder its relative evidence paths
start from; the draft file stays the format that moves between machines (``drafts export`` and
``drafts import``). Beside it, for ``drafts list`` and the app's list of unfinished drafts, what
names it (the person, the request, the amount, the channel, the language), and a fingerprint of
each evidence file when it was attached (size, modification time, SHA-256), to tell the user when
a file changed or disappeared before it is sent.

The database is in the user's data folder (a variable of the settings or ``--data-dir`` choose
another, :mod:`alma_contact.settings`): a folder of mode 0700 when it is made here, a file of
mode 0600 (personal data). It is opened in WAL mode with a busy timeout, so that two copies of the
program (two terminals) read and write it at once without corrupting it; each save is one
transaction. When two copies save the same draft, the later save wins, the version it replaces is
kept (:meth:`Store.versions`) and the save says so, so that neither copy loses work silently.

The schema has a version (``PRAGMA user_version``); :data:`MIGRATIONS` brings a database made by
any earlier version of the program up to date when it is opened. A file that is not a database of
ours, or is damaged, is never changed nor deleted: :class:`StoreError` says what to do.

No Textual here: the app, the command line and the plain mode use the same store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .i18n import N_
from .settings import STORE_FILE as FILE_NAME

if TYPE_CHECKING:
    from .cases import Answer, Case, SentMessage

BUSY_TIMEOUT_MS = 5000
"""How long a save waits for another copy of the program to finish its own, at most."""
KEPT_VERSIONS = 20
"""How many versions replaced by another copy's save are kept for each draft."""

CANNOT_OPEN = N_(
    "the draft store “{path}” cannot be used: {reason}. Nothing in it was changed or deleted. "
    "Start with --data-dir FOLDER to use another folder, or move the file away to start a new store."
)
NOT_OURS = N_("it is not a database of this program")
DAMAGED = N_("it is damaged or is not a database")
NEWER = N_(
    "it was made by a newer version of this program (store version {found}; this one reads up to {known})"
)
BUSY = N_("another copy of the program has held it for too long")
NO_DRAFT = N_("there is no draft {ref} in the store; “alma-contact drafts list” shows them.")
CHANGED_FILE = N_("{path} changed since it was attached to the draft; check that it is still the right file.")
GONE_FILE = N_("{path} is no longer where it was when it was attached to the draft.")
NO_CASE = N_(
    "{ref} has not been sent yet: there is no request {ref} among your requests. Once you have sent it, "
    "“alma-contact sent {ref}” records it; “alma-contact case list” shows your requests."
)
IS_A_CASE = N_(
    "the draft {ref} was sent: it is kept with your request {ref} (“alma-contact case show {ref}”) and "
    "is not deleted."
)
NOT_A_REF = N_(
    "“{ref}” names no draft: write @ and the number that “alma-contact drafts list” shows, such as @3."
)


class StoreError(Exception):
    """The store cannot be used, or holds no such draft: ``message`` (a msgid) and its ``params``."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def text(self, lang: str) -> str:
        """What is wrong and what to do, in ``lang``."""
        from .errors import echo
        from .i18n import translate

        params = {
            k: echo(v, 200) if k == "path" and isinstance(v, str) else v for k, v in self.params.items()
        }
        reason = params.pop("reason", None)
        reason_params = params.pop("reason_params", None)
        if isinstance(reason, str):
            params["reason"] = translate(
                lang, reason, **(reason_params if isinstance(reason_params, dict) else {})
            )
        return translate(lang, self.message, **params)


# --- the schema ---------------------------------------------------------------------------------


def _v1(db: sqlite3.Connection) -> None:
    """The first store: each draft's document, its folder and where it was opened from."""
    db.execute(
        """
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            created TEXT NOT NULL,
            changed TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            document TEXT NOT NULL,
            base_dir TEXT NOT NULL,
            source TEXT
        )
        """
    )


def _v2(db: sqlite3.Connection) -> None:
    """What lists a draft without reading its document (indexed by the last change), the evidence
    fingerprints, and the versions another copy's save replaced."""
    for column in SUMMARY:
        db.execute(f"ALTER TABLE drafts ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    for draft_id, document in db.execute("SELECT id, document FROM drafts").fetchall():
        db.execute(
            f"UPDATE drafts SET {', '.join(f'{c} = ?' for c in SUMMARY)} WHERE id = ?",
            (*summary(_loads(document)).values(), draft_id),
        )
    db.execute("CREATE INDEX drafts_by_change ON drafts (changed DESC, id DESC)")
    db.execute(
        """
        CREATE TABLE evidence (
            draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (draft_id, path)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE versions (
            draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            changed TEXT NOT NULL,
            replaced TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (draft_id, revision)
        )
        """
    )


def _v3(db: sqlite3.Connection) -> None:
    """Cases: a draft that was sent, the messages sent for it (the first request, reminders, a
    formal notice), each as it was sent, and the answers the user noted. A case has the number of
    the draft it was sent from, and keeps that draft's document as it was when first sent."""
    db.execute(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            opened TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'open',
            closed TEXT,
            close_note TEXT NOT NULL DEFAULT '',
            document TEXT NOT NULL,
            base_dir TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE case_messages (
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            kind TEXT NOT NULL,
            sent TEXT NOT NULL,
            channel TEXT NOT NULL,
            language TEXT NOT NULL,
            subject TEXT NOT NULL,
            text TEXT NOT NULL,
            registered INTEGER NOT NULL DEFAULT 0,
            deadline_days INTEGER NOT NULL DEFAULT 0,
            claims INTEGER NOT NULL DEFAULT 0,
            evidence TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (case_id, number)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE case_answers (
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            received TEXT NOT NULL,
            note TEXT NOT NULL,
            file_name TEXT,
            file BLOB,
            file_size INTEGER,
            sha256 TEXT,
            PRIMARY KEY (case_id, number)
        )
        """
    )


def _v4(db: sqlite3.Connection) -> None:
    """What Alma had debited when a follow-up was sent, as the person gave it (empty: not given)."""
    db.execute("ALTER TABLE case_messages ADD COLUMN debited TEXT NOT NULL DEFAULT ''")


MIGRATIONS: Sequence[Callable[[sqlite3.Connection], None]] = (_v1, _v2, _v3, _v4)
"""Each step from one schema version to the next: ``MIGRATIONS[n]`` makes version n + 1. A new
version is a new step at the end; a step once released is never changed."""
VERSION = len(MIGRATIONS)

SUMMARY = ("name", "request", "amount", "channel", "language")
"""What names a draft in a list, from its document."""


def summary(document: Mapping[str, Any]) -> dict[str, str]:
    """The person, the request, the amount as typed, the channel and the language of a draft."""

    def text(value: object) -> str:
        return value.strip() if isinstance(value, str) else ""

    customer = document.get("customer")
    customer = customer if isinstance(customer, Mapping) else {}
    transaction = document.get("transaction")
    transaction = transaction if isinstance(transaction, Mapping) else {}
    name = " ".join(p for p in (text(customer.get("first_name")), text(customer.get("last_name"))) if p)
    return {
        "name": name,
        "request": text(document.get("request")),
        "amount": text(transaction.get("amount")),
        "channel": text(document.get("channel")),
        "language": text(document.get("language")),
    }


# --- what the store gives -----------------------------------------------------------------------


class Listed(NamedTuple):
    """A draft as a list shows it (a tuple: a list of a thousand is made at once)."""

    id: int
    changed_at: str
    """The last change, as the store writes it (ISO 8601, UTC): :attr:`changed` reads it."""
    name: str
    request: str
    amount: str
    channel: str
    language: str
    when: str
    """The last change in the computer's time zone, to the minute (``2026-12-02 17:04``)."""

    @property
    def ref(self) -> str:
        return f"@{self.id}"

    @property
    def changed(self) -> datetime:
        return _moment(self.changed_at)


@dataclass(frozen=True)
class Stored:
    """A draft as the store holds it."""

    id: int
    created: datetime
    changed: datetime
    revision: int
    document: dict[str, Any]
    base_dir: Path
    source: Path | None


@dataclass(frozen=True)
class Saved:
    """What a save did: the draft's number and revision, and whether it replaced another copy's
    save (that version is kept: :meth:`Store.versions`)."""

    id: int
    revision: int
    replaced_other: bool = False


@dataclass(frozen=True)
class Fingerprint:
    """An evidence file as it was when it was attached."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


@dataclass(frozen=True)
class Changed:
    """An evidence file that is no longer as it was attached: ``gone`` or changed."""

    path: str
    gone: bool


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def _loads_list(text: str) -> list[dict[str, Any]]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _decimal(text: str) -> Decimal | None:
    """A sum as the store keeps it (``"120.50"``); None for none, or for one that is not a sum."""
    try:
        value = Decimal(text) if text else None
    except ArithmeticError:
        return None
    return value if value is not None and value.is_finite() and value > 0 else None


def _loads(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_ref(ref: str) -> int | None:
    """The number of ``@3``; None when ``ref`` does not start with ``@`` (a file's path).

    Raises :class:`StoreError` for ``@`` followed by anything but a number.
    """
    if not ref.startswith("@"):
        return None
    number = ref[1:]
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        from .errors import echo

        raise StoreError(NOT_A_REF, ref=echo(ref, 40))
    return int(number)


# --- the store ----------------------------------------------------------------------------------


def _private_folder(folder: Path) -> None:
    """Make the folder (mode 0700) if it is missing; a folder made here for the store is closed to
    others, one the user chose is left as it is (the file in it is 0600)."""
    if folder.is_dir():
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)  # the mode mkdir gave, whatever the umask


def _private_file(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite opens it (SQLite gives its journal
    files the mode of the database)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class Store:
    """The user's drafts: open with :meth:`open`, use as a context manager or :meth:`close`."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db

    @classmethod
    def open(cls, folder: Path) -> Store:
        """The store in ``folder``, made if it does not exist, brought up to date if it is older.

        Raises :class:`StoreError` when it cannot be used (nothing in it is changed then).
        """
        path = folder / FILE_NAME
        try:
            _private_folder(folder)
            _private_file(path)
        except OSError as error:
            raise StoreError(CANNOT_OPEN, path=str(path), reason=error.strerror or str(error)) from None
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise StoreError(CANNOT_OPEN, path=str(path), reason=NOT_OURS)
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(CANNOT_OPEN, path=str(path), reason=str(error)) from None
        store = cls(path, db)
        try:
            store._prepare()
        except StoreError:
            db.close()
            raise
        except sqlite3.DatabaseError as error:
            db.close()
            raise store._failure(error) from None
        return store

    def _failure(self, error: sqlite3.Error) -> StoreError:
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            return StoreError(CANNOT_OPEN, path=str(self.path), reason=BUSY)
        return StoreError(CANNOT_OPEN, path=str(self.path), reason=DAMAGED)

    def _prepare(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        found = db.execute("PRAGMA user_version").fetchone()[0]
        if found > VERSION:
            raise StoreError(
                CANNOT_OPEN,
                path=str(self.path),
                reason=NEWER,
                reason_params={"found": found, "known": VERSION},
            )
        if found == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(CANNOT_OPEN, path=str(self.path), reason=NOT_OURS)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        # A commit is on disk once the journal is: a program killed keeps it (only a power cut
        # may lose the last ones), without a wait for the disk at every save of the app.
        db.execute("PRAGMA synchronous = NORMAL")
        if found < VERSION:
            with self._writing():
                found = db.execute("PRAGMA user_version").fetchone()[0]  # another copy may have done it
                for step in MIGRATIONS[found:]:
                    step(db)
                db.execute(f"PRAGMA user_version = {VERSION}")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``): another copy waits for it."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _guarded(self, work: Callable[[], Any]) -> Any:
        try:
            return work()
        except sqlite3.DatabaseError as error:
            raise self._failure(error) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- reading ---

    def listed(self) -> list[Listed]:
        """Every draft, the last changed first."""
        rows = self._guarded(
            lambda: self._db.execute(
                f"SELECT id, changed, {', '.join(SUMMARY)}, strftime('%Y-%m-%d %H:%M', changed, 'localtime') "
                "FROM drafts WHERE id NOT IN (SELECT id FROM cases) ORDER BY changed DESC, id DESC"
            ).fetchall()
        )
        return [Listed(*row) for row in rows]

    def get(self, draft_id: int) -> Stored:
        """The draft ``draft_id``; :class:`StoreError` when there is none."""
        row = self._guarded(
            lambda: self._db.execute(
                "SELECT id, created, changed, revision, document, base_dir, source FROM drafts WHERE id = ?",
                (draft_id,),
            ).fetchone()
        )
        if row is None:
            raise StoreError(NO_DRAFT, ref=f"@{draft_id}")
        return Stored(
            row[0],
            _moment(row[1]),
            _moment(row[2]),
            row[3],
            _loads(row[4]),
            Path(row[5]),
            Path(row[6]) if row[6] else None,
        )

    def revision(self, draft_id: int) -> int | None:
        """The draft's revision now (another copy's save raises it); None when it was deleted."""
        row = self._guarded(
            lambda: self._db.execute("SELECT revision FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        )
        return None if row is None else int(row[0])

    def versions(self, draft_id: int) -> list[tuple[int, datetime, dict[str, Any]]]:
        """The versions of a draft that another copy's save replaced: revision, when it was saved,
        and its document, the latest first."""
        rows = self._guarded(
            lambda: self._db.execute(
                "SELECT revision, changed, document FROM versions WHERE draft_id = ? ORDER BY revision DESC",
                (draft_id,),
            ).fetchall()
        )
        return [(row[0], _moment(row[1]), _loads(row[2])) for row in rows]

    # --- writing ---

    def save(
        self,
        document: Mapping[str, Any],
        base_dir: Path,
        *,
        draft_id: int | None = None,
        revision: int | None = None,
        source: Path | None = None,
        fingerprint_of: Callable[[str], Fingerprint | None] | None = None,
    ) -> Saved:
        """Save a draft: a new one (``draft_id`` None), or a new revision of ``draft_id``.

        ``revision`` is the one this copy saved or opened last: when the store holds another, a
        copy elsewhere saved in between; this save still wins, the version it replaces is kept, and
        :attr:`Saved.replaced_other` says so. A draft deleted meanwhile is saved anew, under the
        same number. A fingerprint (``fingerprint_of``, default :func:`fingerprint`) is taken of each evidence file
        the store has not seen in this draft yet.
        """
        text = _dumps(document)
        names = summary(document)
        moment = _stamp(_now())
        take = fingerprint_of or fingerprint
        paths = evidence_paths(document, base_dir)

        def work() -> Saved:
            with self._writing() as db:
                replaced = False
                row = None
                if draft_id is not None:
                    row = db.execute(
                        "SELECT revision, changed, document FROM drafts WHERE id = ?", (draft_id,)
                    ).fetchone()
                if row is None:
                    new_revision = 1
                    cursor = db.execute(
                        f"INSERT INTO drafts (id, created, changed, revision, document, base_dir, source, "
                        f"{', '.join(SUMMARY)}) VALUES (?, ?, ?, 1, ?, ?, ?, {', '.join('?' for _ in SUMMARY)})",
                        (draft_id, moment, moment, text, str(base_dir), _text(source), *names.values()),
                    )
                    saved_id = draft_id if draft_id is not None else int(cursor.lastrowid or 0)
                else:
                    assert draft_id is not None  # a row was found by it
                    current, changed, old = row
                    new_revision = int(current) + 1
                    if revision is not None and revision != current:
                        replaced = old != text
                        if replaced:
                            db.execute(
                                "INSERT OR REPLACE INTO versions VALUES (?, ?, ?, ?, ?)",
                                (draft_id, current, changed, moment, old),
                            )
                            db.execute(
                                "DELETE FROM versions WHERE draft_id = ? AND revision NOT IN "
                                "(SELECT revision FROM versions WHERE draft_id = ? ORDER BY revision DESC LIMIT ?)",
                                (draft_id, draft_id, KEPT_VERSIONS),
                            )
                    db.execute(
                        f"UPDATE drafts SET changed = ?, revision = ?, document = ?, base_dir = ?, source = ?, "
                        f"{', '.join(f'{c} = ?' for c in SUMMARY)} WHERE id = ?",
                        (moment, new_revision, text, str(base_dir), _text(source), *names.values(), draft_id),
                    )
                    saved_id = draft_id

                known = {
                    r[0] for r in db.execute("SELECT path FROM evidence WHERE draft_id = ?", (saved_id,))
                }
                for path in known - set(paths):
                    db.execute("DELETE FROM evidence WHERE draft_id = ? AND path = ?", (saved_id, path))
                for path in paths:
                    if path in known:
                        continue
                    taken = take(path)
                    if taken is not None:
                        db.execute(
                            "INSERT OR REPLACE INTO evidence VALUES (?, ?, ?, ?, ?)",
                            (saved_id, taken.path, taken.size, taken.mtime_ns, taken.sha256),
                        )
                return Saved(saved_id, new_revision, replaced)

        result: Saved = self._guarded(work)
        return result

    def delete(self, draft_id: int) -> bool:
        """Delete a draft (and what the store keeps of it); False when there was none.

        A draft that was sent is kept with its case: :class:`StoreError` (its number stays its case's).
        """

        def work() -> bool:
            with self._writing() as db:
                if db.execute("SELECT 1 FROM cases WHERE id = ?", (draft_id,)).fetchone():
                    raise StoreError(IS_A_CASE, ref=f"@{draft_id}")
                return db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount > 0

        deleted: bool = self._guarded(work)
        return deleted

    def delete_all(self) -> int:
        """Delete every draft that was not sent (those are kept with their cases); how many there were."""

        def work() -> int:
            with self._writing() as db:
                return int(db.execute("DELETE FROM drafts WHERE id NOT IN (SELECT id FROM cases)").rowcount)

        count: int = self._guarded(work)
        return count

    # --- cases ---

    def cases(self) -> list[Case]:
        """Every case, the last opened first."""
        ids = self._guarded(
            lambda: [r[0] for r in self._db.execute("SELECT id FROM cases ORDER BY opened DESC, id DESC")]
        )
        return [self.case(case_id) for case_id in ids]

    def has_case(self, case_id: int) -> bool:
        found = self._guarded(
            lambda: self._db.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
        )
        return found is not None

    def case(self, case_id: int) -> Case:
        """The case ``case_id``, with its messages and answers; :class:`StoreError` when there is none."""
        from .cases import Answer, Case, Enclosed, SentMessage

        def work() -> Case:
            db = self._db
            row = db.execute(
                "SELECT id, opened, state, closed, close_note, document, base_dir FROM cases WHERE id = ?",
                (case_id,),
            ).fetchone()
            if row is None:
                raise StoreError(NO_CASE, ref=f"@{case_id}")
            messages = tuple(
                SentMessage(
                    number=m[0],
                    kind=m[1],
                    day=date.fromisoformat(m[2]),
                    channel=m[3],
                    language=m[4],
                    subject=m[5],
                    text=m[6],
                    registered=bool(m[7]),
                    deadline_days=int(m[8]),
                    claims=bool(m[9]),
                    evidence=tuple(Enclosed.from_dict(e) for e in _loads_list(m[10])),
                    debited=_decimal(m[11]),
                )
                for m in db.execute(
                    "SELECT number, kind, sent, channel, language, subject, text, registered, deadline_days, "
                    "claims, evidence, debited FROM case_messages WHERE case_id = ? ORDER BY number",
                    (case_id,),
                )
            )
            answers = tuple(
                Answer(a[0], date.fromisoformat(a[1]), a[2], a[3], a[4], a[5])
                for a in db.execute(
                    "SELECT number, received, note, file_name, file_size, sha256 FROM case_answers "
                    "WHERE case_id = ? ORDER BY received, number",
                    (case_id,),
                )
            )
            return Case(
                id=row[0],
                opened=date.fromisoformat(row[1]),
                state=row[2],
                closed=date.fromisoformat(row[3]) if row[3] else None,
                close_note=row[4],
                document=_loads(row[5]),
                base_dir=Path(row[6]),
                messages=messages,
                answers=answers,
            )

        case: Case = self._guarded(work)
        return case

    def add_message(
        self,
        case_id: int,
        message: SentMessage,
        *,
        document: Mapping[str, Any] | None = None,
        base_dir: Path | None = None,
    ) -> Case:
        """Record a message sent: the first one opens the case (with the draft's ``document`` and
        ``base_dir`` as sent), a later one is added after the others and opens a closed case again.
        The message's ``number`` is given here."""

        def work() -> None:
            with self._writing() as db:
                exists = db.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
                if exists is None:
                    if document is None or base_dir is None:
                        raise StoreError(NO_CASE, ref=f"@{case_id}")
                    db.execute(
                        "INSERT INTO cases (id, opened, document, base_dir) VALUES (?, ?, ?, ?)",
                        (case_id, message.day.isoformat(), _dumps(document), str(base_dir)),
                    )
                else:
                    db.execute(
                        "UPDATE cases SET state = 'open', closed = NULL, close_note = '' WHERE id = ?",
                        (case_id,),
                    )
                number = db.execute(
                    "SELECT coalesce(max(number), 0) + 1 FROM case_messages WHERE case_id = ?", (case_id,)
                ).fetchone()[0]
                db.execute(
                    "INSERT INTO case_messages (case_id, number, kind, sent, channel, language, subject, text, "
                    "registered, deadline_days, claims, evidence, debited) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        case_id,
                        number,
                        message.kind,
                        message.day.isoformat(),
                        message.channel,
                        message.language,
                        message.subject,
                        message.text,
                        int(message.registered),
                        message.deadline_days,
                        int(message.claims),
                        json.dumps([e.as_dict() for e in message.evidence], ensure_ascii=False),
                        "" if message.debited is None else str(message.debited),
                    ),
                )

        self._guarded(work)
        return self.case(case_id)

    def add_answer(
        self, case_id: int, day: date, note: str, file_name: str | None = None, data: bytes | None = None
    ) -> Answer:
        """Note an answer received on ``day``, with the file it came as (``data``), if any."""
        from .cases import Answer

        digest = hashlib.sha256(data).hexdigest() if data is not None else None

        def work() -> int:
            with self._writing() as db:
                if db.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
                    raise StoreError(NO_CASE, ref=f"@{case_id}")
                number = int(
                    db.execute(
                        "SELECT coalesce(max(number), 0) + 1 FROM case_answers WHERE case_id = ?", (case_id,)
                    ).fetchone()[0]
                )
                db.execute(
                    "INSERT INTO case_answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        case_id,
                        number,
                        day.isoformat(),
                        note,
                        file_name,
                        data,
                        len(data) if data is not None else None,
                        digest,
                    ),
                )
                return number

        number: int = self._guarded(work)
        return Answer(number, day, note, file_name, len(data) if data is not None else None, digest)

    def answer_file(self, case_id: int, number: int) -> bytes | None:
        """The file kept with an answer, if any."""
        row = self._guarded(
            lambda: self._db.execute(
                "SELECT file FROM case_answers WHERE case_id = ? AND number = ?", (case_id, number)
            ).fetchone()
        )
        return None if row is None or row[0] is None else bytes(row[0])

    def close_case(self, case_id: int, state: str, day: date, note: str = "") -> Case:
        """Close a case as answered, solved or refused, on ``day``, with a note."""

        def work() -> None:
            with self._writing() as db:
                changed = db.execute(
                    "UPDATE cases SET state = ?, closed = ?, close_note = ? WHERE id = ?",
                    (state, day.isoformat(), note, case_id),
                ).rowcount
                if not changed:
                    raise StoreError(NO_CASE, ref=f"@{case_id}")

        self._guarded(work)
        return self.case(case_id)

    def delete_case(self, case_id: int) -> bool:
        """Delete a case, what it recorded and the draft it was sent from; False when there was none."""

        def work() -> bool:
            with self._writing() as db:
                found = db.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount > 0
                db.execute("DELETE FROM drafts WHERE id = ?", (case_id,))
                return found

        deleted: bool = self._guarded(work)
        return deleted

    # --- evidence ---

    def fingerprints(self, draft_id: int) -> list[Fingerprint]:
        rows = self._guarded(
            lambda: self._db.execute(
                "SELECT path, size, mtime_ns, sha256 FROM evidence WHERE draft_id = ? ORDER BY path",
                (draft_id,),
            ).fetchall()
        )
        return [Fingerprint(*row) for row in rows]

    def changed_evidence(self, draft_id: int) -> list[Changed]:
        """The draft's evidence files that disappeared or changed since they were attached."""
        found = []
        for known in self.fingerprints(draft_id):
            try:
                info = os.stat(known.path)
            except OSError:
                found.append(Changed(known.path, gone=True))
                continue
            if info.st_size == known.size and info.st_mtime_ns == known.mtime_ns:
                continue
            now = fingerprint(known.path)
            if now is None:
                found.append(Changed(known.path, gone=True))
            elif now.sha256 != known.sha256:
                found.append(Changed(known.path, gone=False))
        return found


def _text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def evidence_paths(document: Mapping[str, Any], base_dir: Path) -> list[str]:
    """The absolute path of each evidence file a draft names (relative ones start from ``base_dir``)."""
    from .answers import entry_path

    evidence = document.get("evidence")
    found: list[str] = []
    if not isinstance(evidence, list):
        return found
    for item in evidence:
        written = entry_path(item) if isinstance(item, str | dict) else ""
        if not written:
            continue
        try:
            path = Path(written).expanduser()
        except RuntimeError:
            continue
        absolute = os.path.abspath(path if path.is_absolute() else base_dir / path)
        if absolute not in found:
            found.append(absolute)
    return found


HASH_CHUNK = 1 << 20


def fingerprint(path: str) -> Fingerprint | None:
    """Size, modification time and SHA-256 of a regular file; None when it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        digest = hashlib.sha256()
        try:
            while chunk := stream.read(HASH_CHUNK):
                digest.update(chunk)
        except OSError:
            return None
    return Fingerprint(path, info.st_size, info.st_mtime_ns, digest.hexdigest())


def open_store(folder: Path | None = None) -> Store:
    """The user's store: in ``folder``, else where the settings say (:attr:`Settings.data_dir
    <alma_contact.settings.Settings.data_dir>`)."""
    if folder is None:
        from .settings import current

        folder = current().data_dir
    return Store.open(folder)
