"""The answers of a draft kept in the draft store as they are given, so that nothing is lost.

The terminal app calls :meth:`Keeper.tick` every second: when the answers changed since they were last
kept, they are saved (one small SQLite transaction); otherwise it looks whether another copy of the
program (another terminal) saved the same draft meanwhile, and says so once. A screen that is
left, quitting and starting a new request keep the answers at once (:meth:`Keeper.keep`). The
store is opened when there is first something to keep; a store that cannot be used is said once,
and the app goes on without it (saving to a file still works). The plain mode keeps the
answers after each one (:meth:`Keeper.keep`). Either is the keeper's host: what holds the answers,
knows the interface language and can tell the user something.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from .answers import Answers
from .i18n import N_, translate

if TYPE_CHECKING:
    from .cases import Case
    from .store import Changed, Listed, Store, Stored

Severity = Literal["information", "warning", "error"]

KEPT_ELSEWHERE = N_(
    "This draft was also changed in another window. What you typed here is kept; the other version "
    "is kept too (alma-contact drafts show {ref})."
)
CHANGED_ELSEWHERE = N_(
    "This draft was just changed in another window. Your next change here will replace that version "
    "(which stays kept: alma-contact drafts show {ref})."
)
NO_STORE = N_("Your answers cannot be kept automatically: {problem} Save the draft with Ctrl+S.")
NO_STORE_PLAIN = N_(
    "Your answers cannot be kept automatically: {problem} Save the draft from the menu at the end; "
    "if the input ends before, they are saved in a draft file in this folder."
)


class Host(Protocol):
    """What the keeper keeps the answers of: the terminal app, or the plain mode."""

    answers: Answers
    ui_lang: str

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Severity = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None: ...


def _t(host: Host, message: str, **params: object) -> str:
    return translate(host.ui_lang, message, **params)


class _Kept(NamedTuple):
    draft_id: int
    revision: int


class Keeper:
    """Keeps one host's answers in the store, under one draft number."""

    def __init__(self, app: Host, *, no_store: str = NO_STORE) -> None:
        self.app = app
        self.no_store = no_store
        """What is said (once) when the store cannot be used: how this host saves a draft instead."""
        self._store: Store | None = None
        self._broken = False
        self.kept: _Kept | None = None
        self._values: dict[str, Any] | None = None
        """The answers as last kept (or resumed); None: none kept yet."""
        self._told_revision: int | None = None

    # --- the store ---

    def store(self) -> Store | None:
        """The store, opened the first time; None (said once) when it cannot be used."""
        if self._store is None and not self._broken:
            from .store import StoreError, open_store

            try:
                self._store = open_store()
            except StoreError as error:
                self._broken = True
                self.app.notify(
                    _t(self.app, self.no_store, problem=error.text(self.app.ui_lang)),
                    severity="warning",
                    timeout=15,
                )
        return self._store

    @property
    def broken(self) -> bool:
        return self._broken

    def listed(self) -> list[Listed]:
        """The drafts of the store, the last changed first (none when it cannot be used)."""
        from .settings import STORE_FILE, current

        if self._store is None and not (current().data_dir / STORE_FILE).exists():
            return []  # nothing kept yet: the store is made with the first answers (and read then)
        from .store import StoreError

        store = self.store()
        if store is None:
            return []
        try:
            return store.listed()
        except StoreError:
            return []

    def cases(self) -> list[Case]:
        """The requests sent, the last opened first (none when the store cannot be used, or is not
        made yet: the first screen does not make it)."""
        from .settings import STORE_FILE, current

        if self._broken or (self._store is None and not (current().data_dir / STORE_FILE).exists()):
            return []
        from .store import StoreError

        store = self.store()
        if store is None:
            return []
        try:
            return store.cases()
        except StoreError:
            return []

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # --- which draft ---

    def start_afresh(self) -> None:
        """New answers: the next change makes a new draft in the store."""
        self.kept = None
        self._values = None
        self._told_revision = None

    def resume(self, draft_id: int) -> Stored | None:
        """The stored draft ``draft_id``, from now on the one kept; None when it is gone."""
        from .store import StoreError

        store = self.store()
        if store is None:
            return None
        try:
            stored = store.get(draft_id)
        except StoreError as error:
            self.app.notify(error.text(self.app.ui_lang), severity="error", timeout=10)
            return None
        self.kept = _Kept(stored.id, stored.revision)
        self._told_revision = None
        return stored

    def adopt(self, answers: Answers) -> None:
        """``answers`` are what is kept now (just resumed or opened)."""
        self._values = copy.deepcopy(answers.values)

    # --- keeping ---

    def _worth_keeping(self, answers: Answers) -> bool:
        if self._values is not None and answers.values == self._values:
            return False
        # Nothing typed yet: nothing to keep.
        return self.kept is not None or answers.document() != Answers(base_dir=answers.base_dir).document()

    def keep(self, *, numbered: bool = False) -> _Kept | None:
        """Save the answers now if they changed; the draft they are kept as (None when not kept).
        ``numbered``: a draft opened from a file and not changed is kept too, to have a number (a
        message sent from it becomes a request of that number)."""
        from .store import StoreError

        answers = self.app.answers
        if not self._worth_keeping(answers) and not (numbered and self.kept is None):
            return self.kept
        store = self.store()
        if store is None:
            return None
        try:
            saved = store.save(
                answers.document(),
                answers.base_dir.absolute(),
                draft_id=self.kept.draft_id if self.kept else None,
                revision=self.kept.revision if self.kept else None,
                source=answers.source.absolute() if answers.source else None,
            )
        except StoreError as error:
            self.app.notify(error.text(self.app.ui_lang), severity="error", timeout=10)
            return None
        self.kept = _Kept(saved.id, saved.revision)
        self._values = copy.deepcopy(answers.values)
        self._told_revision = None
        if saved.replaced_other:
            self.app.notify(_t(self.app, KEPT_ELSEWHERE, ref=f"@{saved.id}"), severity="warning", timeout=12)
        return self.kept

    def warn_changed_evidence(self) -> None:
        """Say which evidence files changed or disappeared since they were attached (on resume,
        and before the message is saved as a file)."""
        from .store import StoreError

        kept = self.keep()
        if kept is None or self._store is None:
            return
        try:
            changed = self._store.changed_evidence(kept.draft_id)
        except StoreError:
            return
        if changed:
            self.app.notify(evidence_changed(self.app, changed), severity="warning", timeout=15)

    def tick(self) -> None:
        """Every second: keep what changed; else, tell once of another copy's save."""
        if self._broken:
            return
        if self._worth_keeping(self.app.answers):
            self.keep()
            return
        if self.kept is None or self._store is None:
            return
        from .store import StoreError

        try:
            now = self._store.revision(self.kept.draft_id)
        except StoreError:
            return
        if now is not None and now != self.kept.revision and now != self._told_revision:
            self._told_revision = now
            self.app.notify(
                _t(self.app, CHANGED_ELSEWHERE, ref=f"@{self.kept.draft_id}"), severity="warning", timeout=12
            )


def evidence_changed(app: Host, changed: list[Changed]) -> str:
    """One line for each evidence file that changed or disappeared since it was attached."""
    from .errors import escaped
    from .store import CHANGED_FILE, GONE_FILE

    return "\n".join(
        _t(app, GONE_FILE if item.gone else CHANGED_FILE, path=escaped(item.path)) for item in changed
    )
