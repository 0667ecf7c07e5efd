"""Where to turn when Alma does not answer or says no: facts only, each with its source.

Shown when a case is refused or older than its last deadline, and in the help at any time. Every
line is a gettext msgid (translated where it is shown); every fact comes from the project's facts
file ("After the first message"), and the comment beside it names the source. No mediator is named
for Alma: no source shows which one it belongs to. The EU online dispute platform is closed, so it
is never linked.

No Textual here: the app, the command line and the plain mode show the same sections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .i18n import N_, translate


@dataclass(frozen=True)
class Section:
    """One place to turn to: a title and its lines, all msgids, in order."""

    title: str
    lines: tuple[str, ...]


ECC = Section(
    N_("ECC Belgium, the European Consumer Centre"),
    (
        # eccbelgium.be/your-rights/submitting-a-complaint-to-the-ecc
        N_(
            "ECC Belgium helps residents of Belgium free of charge with a complaint against a trader "
            "established in another EU country, such as Alma in France."
        ),
        # same source: the trader must be contacted first
        N_("It asks you to contact the trader first: your messages to Alma do that."),
        # same source: mediation through the European network, no power to force a trader
        N_(
            "It mediates through the network of European Consumer Centres, but it cannot force a trader "
            "to act."
        ),
        # same source: 14 working days, up to 3 months when complex
        N_("It handles a case within 14 working days, or up to 3 months when the case is complex."),
        # same source: address, phone, online form
        N_("Address: Rue de Hollande 13, 1060 Brussels. Phone: +32 2 542 33 46."),
        N_("Online complaint form: eccbelgium.be."),
    ),
)

ACPR = Section(
    N_("The ACPR, the French supervisor of Alma"),
    (
        # getalma.eu/en-GB/terms-and-conditions: licensed by the ACPR, number 90786, 4 place de Budapest
        N_(
            "Alma is licensed as a payment institution and financing company by the French ACPR "
            "(Autorité de contrôle prudentiel et de résolution, number 90786), 4 place de Budapest, "
            "75009 Paris, France."
        ),
        # acpr.banque-france.fr, "formuler une réclamation vis-à-vis d'un professionnel"
        N_("The ACPR does not settle individual disputes, but you may send it a copy of your complaint."),
        # same source: 10 working days, 2 months, a recommendation to firms
        N_(
            "It recommends that firms acknowledge a complaint within 10 working days and answer it within "
            "2 months. That is a recommendation to firms, not a promise made by Alma."
        ),
    ),
)

BANK = Section(
    N_("Your own bank, for a card debit you did not authorise or that was taken twice"),
    (
        # PSD2, Directive (EU) 2015/2366, art. 71: without undue delay, at most 13 months
        N_(
            "Tell your own bank about an unauthorised or wrongly executed card debit without undue delay, "
            "and at most 13 months after the debit."
        ),
        # PSD2 art. 73: refund by the end of the next business day
        N_(
            "For an unauthorised payment, the bank refunds it by the end of the next business day "
            "(PSD2, Directive (EU) 2015/2366, articles 71 and 73)."
        ),
        # FACTS.md: a chargeback is a card-network procedure, not a legal right
        N_(
            "A chargeback is a procedure of the card networks that you ask of your own bank; it is not a "
            "legal right."
        ),
    ),
)

NOTES = Section(
    N_("Good to know"),
    (
        # Regulation (EU) 2024/3228: no new complaints from 20 March 2025, closed 20 July 2025
        N_(
            "The European Union's online dispute resolution platform no longer exists: it closed on "
            "20 July 2025 (Regulation (EU) 2024/3228)."
        ),
        # FACTS.md: whether Alma belongs to a mediator is not verified
        N_("No mediator is named here for Alma: no source we checked shows which one it belongs to."),
    ),
)

DEBIT_DISPUTES = frozenset({"payment_issue.charged_twice", "payment_issue.wrong_amount", "unrecognised"})
"""Requests about a card debit the user disputes: their own bank comes first."""


def request_key(document: Mapping[str, Any]) -> str:
    """The request of a draft or case document as :func:`sections` reads it: ``payment_issue.charged_twice``
    for a payment issue, the request alone otherwise (``unrecognised``, ``refund``)."""
    request = document.get("request")
    if not isinstance(request, str):
        return ""
    details = document.get("details")
    issue = details.get("issue") if isinstance(details, Mapping) else None
    return f"{request}.{issue}" if request == "payment_issue" and isinstance(issue, str) else request


def sections(request: str | None = None) -> tuple[Section, ...]:
    """What applies to ``request`` (see :func:`request_key`), in order: the bank first for a disputed
    debit, else ECC Belgium first; the ACPR; the note on the closed EU platform last. ``None``: all."""
    if request is None:
        return (ECC, ACPR, BANK, NOTES)
    if request in DEBIT_DISPUTES:
        return (BANK, ECC, ACPR, NOTES)
    return (ECC, ACPR, NOTES)


def escalation_text(lang: str, request: str | None = None) -> str:
    """The sections as plain text in the interface language ``lang``: each title, then its lines."""
    blocks = []
    for section in sections(request):
        lines = [translate(lang, section.title)]
        lines.extend(f"- {translate(lang, line)}" for line in section.lines)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
