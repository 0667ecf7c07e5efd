"""The languages a message can be written in, as data: one entry each, plus its phrases file.

An entry says how the language is offered (label, explanation, the term that
glosses its code in lists), which Babel locale formats its amounts and days
(and whose month names are read in typed dates), the conventions of its
messages (greeting and closing per channel, the subject and enclosures labels,
the place and date line, the registered-letter mention, the online form's
labels) and which hunspell dictionary the tests check its messages with. The
words of its messages are in ``templates/CODE/phrases.j2``. Adding a language
means one entry here, one phrases file and the catalogues (README,
"Development").

This module imports nothing heavy: the app's first screen reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .i18n import N_
from .registry import Choice

FORM_LABELS = ("form", "last_name", "first_name", "email", "phone", "subject", "message", "none")
"""What the online form's layout labels: its address, each field, and what to do with a field the draft
leaves empty (leave it empty)."""

EMAIL_LABELS = ("from", "to", "date")
"""The header lines of an email, as a copy enclosed with a letter shows it above its subject."""

EVIDENCE_WORDS = ("document", "image", "photo", "screenshot", "email", "text", "dated")
"""The words a suggested description of an evidence file is made of (:mod:`alma_contact.evidence`):
what a file is, by its type, and ``dated``, the pattern of a description with a day
(``{what}`` and ``{date}`` are filled in)."""


@dataclass(frozen=True)
class Language:
    code: str
    label: str
    """Its name in the app (msgid)."""
    explanation: str
    """Said when it is chosen (msgid)."""
    term: str
    """Its name where a list glosses the code: ``fr (French, the fastest answer)`` (msgid)."""
    locale: str
    """The Babel locale of its amounts, days and country names; its month names are read in typed dates."""
    hunspell: str
    """The hunspell dictionary the tests check its messages with."""
    salutation: Mapping[str, str]
    """The greeting, per channel (``registry.CHANNELS``)."""
    closing: Mapping[str, str]
    """The words before the signature, per channel."""
    subject_label: Mapping[str, str]
    """What precedes the subject of an email or a letter, per channel; empty for a subject alone."""
    email_labels: Mapping[str, str]
    """The labels of an email's header lines, one for each of :data:`EMAIL_LABELS`: the copy of an
    email a letter encloses shows who sent it, to whom and when."""
    enclosures_label: Mapping[str, str]
    """Above the list of the letter's enclosures: for ``one`` enclosure and for ``many``."""
    registered: str
    """The mention above the address of a registered letter."""
    registered_receipt: str
    """The same for a formal notice, whose last deadline runs from its receipt: registered with a
    notice of delivery (FACTS.md, "Letter conventions")."""
    place_date: str
    """The letter's place and date line: ``{city}`` and ``{date}`` are filled in."""
    date_line: str
    """The same line when the sender gave no city: ``{date}`` is filled in."""
    place_date_side: Literal["left", "right"]
    """Where the printed letter sets the place and date line."""
    form_labels: Mapping[str, str]
    """The labels of the online form's text, one for each of :data:`FORM_LABELS`."""
    evidence_words: Mapping[str, str]
    """What an evidence file is, by its type, one for each of :data:`EVIDENCE_WORDS` (as inside a sentence):
    a suggested description of the file is made of them."""
    first_of_month: str = ""
    """A Babel date pattern for the first day of a month, when it is not written like the others."""
    warning: str = ""
    """Said before sending a message in this language (msgid), when there is something to know."""
    day_marks: tuple[str, ...] = ()
    """What may follow the day's number in a date typed in words (``1er``, ``2de``, ``3ste``)."""
    forms: tuple[str, ...] = ()
    """The grammatical cases in which the phrases print the purchase and the seller too, beside the
    plain values (German: ``acc`` and ``dat``, for ``purchase_dat``, ``what_acc``, ``seller_dat``); each
    case has its own ``purchase_*``, ``what_*`` and ``the_merchant`` phrases (``purchase_order_dat``,
    ``the_merchant_dat``). See ``render.FORMED``."""
    nouns_capitalised: bool = False
    """Whether nouns keep their capital letter inside a sentence (German): a description of an enclosure
    (``Relevé bancaire``) is otherwise cited in lower case in the running text (``relevé bancaire``)."""
    justified: bool = False
    """Whether the printed letter's body is justified (with hyphenation); ragged right otherwise, the safer
    default (FACTS.md, "Letter conventions"), the usual one in Dutch, and French's too: a justified line
    before an address or a reference that cannot be broken stretches its spaces."""
    page_of: str = "{page}/{total}"
    """Which page of how many, in the printed letter's running header from page 2."""
    quotes: tuple[str, str] = ("\u201c", "\u201d")
    """The quotation marks a straight ``"`` typed in the person's text prints as, opening and closing."""
    spaced_punctuation: bool = False
    """Whether a space before ``: ; ? ! »`` and after ``«`` prints as a no-break space (French)."""
    formal_closing: str = ""
    """The closing of a formal notice, where the language keeps a more formal one for it (« Hoogachtend »,
    FACTS.md "Letter conventions"); empty: the channel's."""
    closing_apart: bool = False
    """Whether an email's or a form's closing stands as a paragraph of its own, a blank line before the
    name (French: the closing is a whole sentence, « Je vous prie d'agréer … »)."""
    reserve_with_deadline: bool = False
    """Whether a formal notice's reserve of rights closes the paragraph of its final deadline and next
    step (German letters: « Alle weiteren Rechte behalte ich mir … vor » right after them), rather than
    standing last before the closing."""

    @property
    def territory(self) -> str:
        """The country part of the locale (``BE``): the printed letter's hyphenation reads it."""
        return self.locale.partition("_")[2]

    @property
    def choice(self) -> Choice:
        return Choice(self.code, self.label, self.explanation, term=self.term)


LANGUAGES: Mapping[str, Language] = {
    language.code: language
    for language in (
        Language(
            "fr",
            N_("French"),
            N_("Alma answers fastest in French."),
            term=N_("French, the fastest answer"),
            locale="fr_BE",
            hunspell="fr_BE",
            closing_apart=True,
            day_marks=("er", "e"),
            salutation=dict.fromkeys(("email", "form", "letter"), "Madame, Monsieur,"),
            closing=dict.fromkeys(
                ("email", "form", "letter"),
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
            ),
            subject_label={"email": "Objet\u00a0:", "form": "Objet\u00a0:", "letter": "Objet\u00a0:"},
            email_labels={"from": "De\u00a0:", "to": "À\u00a0:", "date": "Date\u00a0:"},
            enclosures_label={"one": "Annexe\u00a0:", "many": "Annexes\u00a0:"},
            registered="Lettre recommandée",
            registered_receipt="Lettre recommandée avec accusé de réception",
            place_date="{city}, le {date}",
            date_line="Le {date}",
            place_date_side="right",
            form_labels={
                "form": "Formulaire\u00a0:",
                "last_name": "Nom",
                "first_name": "Prénom",
                "email": "Adresse e-mail",
                "phone": "Téléphone",
                "subject": "Objet",
                "message": "Message",
                "none": "(à laisser vide)",
            },
            evidence_words={
                "document": "document",
                "image": "image",
                "photo": "photo",
                "screenshot": "capture d'écran",
                "email": "e-mail",
                "text": "texte",
                "dated": "{what} du {date}",
            },
            first_of_month="d'er' MMMM y",
            quotes=("«\u00a0", "\u00a0»"),
            spaced_punctuation=True,
        ),
        Language(
            "nl",
            N_("Dutch"),
            N_("You may ask for an answer in Dutch."),
            term=N_("Dutch, the answer may take longer"),
            locale="nl_BE",
            hunspell="nl_BE",
            day_marks=("ste", "de", "e"),
            # One style in every channel: the formal greeting, the closing without a comma.
            salutation={
                "email": "Geachte mevrouw, geachte heer,",
                "form": "Geachte mevrouw, geachte heer,",
                "letter": "Geachte mevrouw, geachte heer,",
            },
            closing={
                "email": "Met vriendelijke groeten",
                "form": "Met vriendelijke groeten",
                "letter": "Met vriendelijke groeten",
            },
            formal_closing="Hoogachtend",
            # « Onder voorbehoud van al mijn rechten. » stands last, just above « Hoogachtend » (Dutch
            # readers of rounds 28 and 31: inside the deadline paragraph it is followed by routine lines).
            subject_label={"email": "Onderwerp:", "form": "Onderwerp:", "letter": "Betreft:"},
            email_labels={"from": "Van:", "to": "Aan:", "date": "Datum:"},
            enclosures_label={"one": "Bijlage:", "many": "Bijlagen:"},
            registered="Aangetekende brief",
            registered_receipt="Aangetekende brief met ontvangstbewijs",
            place_date="{city}, {date}",
            date_line="{date}",
            place_date_side="left",
            form_labels={
                "form": "Formulier:",
                "last_name": "Familienaam",
                "first_name": "Voornaam",
                "email": "E-mailadres",
                "phone": "Telefoon",
                "subject": "Onderwerp",
                "message": "Bericht",
                "none": "(leeg laten)",
            },
            evidence_words={
                "document": "document",
                "image": "afbeelding",
                "photo": "foto",
                "screenshot": "schermafbeelding",
                "email": "e-mail",
                "text": "tekst",
                "dated": "{what} van {date}",
            },
            warning=N_(
                "Alma answers fastest in French; a Dutch message is fine, the answer may take longer."
            ),
        ),
        Language(
            "de",
            N_("German"),
            N_("You may ask for an answer in German."),
            term=N_("German, the answer may take longer"),
            locale="de_BE",
            hunspell="de_BE",
            day_marks=(".",),
            # DIN 5008 usage (FACTS.md, "Letter conventions"): no comma after the closing, the subject
            # in bold without a label, the text after the greeting in lower case, « Anlagen ».
            # A firm complaint keeps the formal greeting and closing in the online form too.
            salutation={
                "email": "Sehr geehrte Damen und Herren,",
                "form": "Sehr geehrte Damen und Herren,",
                "letter": "Sehr geehrte Damen und Herren,",
            },
            closing={
                "email": "Mit freundlichen Grüßen",
                "form": "Mit freundlichen Grüßen",
                "letter": "Mit freundlichen Grüßen",
            },
            subject_label={"email": "Betreff:", "form": "Betreff:", "letter": ""},
            email_labels={"from": "Von:", "to": "An:", "date": "Datum:"},
            enclosures_label={"one": "Anlage", "many": "Anlagen"},
            registered="Einschreiben",
            registered_receipt="Einschreiben mit Rückschein",
            place_date="{city}, {date}",
            date_line="{date}",
            place_date_side="right",
            form_labels={
                "form": "Formular:",
                "last_name": "Nachname",
                "first_name": "Vorname",
                "email": "E-Mail-Adresse",
                "phone": "Telefon",
                "subject": "Betreff",
                "message": "Nachricht",
                "none": "(leer lassen)",
            },
            evidence_words={
                "document": "Dokument",
                "image": "Bild",
                "photo": "Foto",
                "screenshot": "Bildschirmfoto",
                "email": "E-Mail",
                "text": "Text",
                "dated": "{what} vom {date}",
            },
            warning=N_(
                "Alma answers fastest in French; a German message is fine, the answer may take longer."
            ),
            forms=("acc", "dat"),
            page_of="Seite {page} von {total}",
            nouns_capitalised=True,
            quotes=("„", "“"),
            reserve_with_deadline=True,  # « Alle weiteren Rechte behalte ich mir … vor » after the last deadline
        ),
    )
}
"""Every message language, in the order the app offers them; the first is the default."""

DEFAULT = next(iter(LANGUAGES))

DATE_LOCALES = (*(language.locale for language in LANGUAGES.values()), "en")
"""Whose month names a typed date may use (``2 novembre 2026``, ``2 november 2026``, ``2 November 2026``)."""

DAY_MARKS = tuple(dict.fromkeys(mark for language in LANGUAGES.values() for mark in language.day_marks))
"""What may follow the day's number in a date typed in words, in any message language."""


def codes() -> tuple[str, ...]:
    return tuple(LANGUAGES)


def choices() -> tuple[Choice, ...]:
    return tuple(language.choice for language in LANGUAGES.values())
