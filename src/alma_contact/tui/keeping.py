"""The app's answers kept in the draft store as they are typed: the keeper is the domain's
(:mod:`alma_contact.keeping`), shared with the plain mode; the app calls its ``tick`` every second."""

from __future__ import annotations

from ..keeping import CHANGED_ELSEWHERE, KEPT_ELSEWHERE, NO_STORE, Keeper, evidence_changed

__all__ = ["CHANGED_ELSEWHERE", "KEPT_ELSEWHERE", "NO_STORE", "Keeper", "evidence_changed"]
