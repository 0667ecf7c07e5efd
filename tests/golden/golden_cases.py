"""Every message the golden tests render: one realistic draft per language, varied one way at a time.

A :class:`Case` names a language, a request and its option, a channel and a variant:
``full`` (every optional fact given) covers every wording x channel x language of the registries;
the other variants take facts away or change the plan, for a few requests each.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from alma_contact import languages, registry, render
from alma_contact.casework import follow_up_document
from alma_contact.followup import FORMAL_NOTICE_DAYS, Earlier, FollowUp
from alma_contact.model import Draft
from alma_contact.parsing import parse_amount
from alma_contact.registry import REQUESTS

TODAY = date(2026, 11, 26)
EXPECTED = Path(__file__).parent / "expected"
LANGUAGES = languages.codes()
CHANNELS = registry.channel_values()

COMBINATIONS: tuple[tuple[str, str | None], ...] = tuple(
    (kind.key, value)
    for kind in REQUESTS.values()
    for value in (kind.detail(kind.option).values if kind.option and kind.detail(kind.option) else (None,))
)
"""Each request with each of its options, from the registry: one wording each, per language."""

OPTION_KEY = {key: kind.option for key, kind in REQUESTS.items() if kind.option}
OWN = ("other", "payment_issue.other", "installments.other")
"""The wordings of a request, a problem or a question of the person's own: their subject is needed."""

EVIDENCE = {
    "fr": ["confirmation-commande.pdf", "extrait-de-compte.png"],
    "nl": ["bevestiging-bestelling.pdf", "rekeninguittreksel.png"],
    "de": ["bestellbestaetigung.pdf", "kontoauszug.png"],
}
"""Evidence file names; the files themselves are created in a temporary folder."""

LABELS = {
    "fr": {"confirmation-commande.pdf": "E-mail de confirmation de la commande"},
    "nl": {"bevestiging-bestelling.pdf": "Bevestiging van bestelling FJ-55231"},
    "de": {"bestellbestaetigung.pdf": "Bestellbestätigung per E-Mail"},
}
"""Descriptions of some evidence files (the others are named by their file); undated, so that they
hold for every variant of the purchase date."""


REFUSAL_SCREENSHOT = {
    "fr": {"path": "capture-refus.png", "label": "Capture d'écran du message de refus"},
    "nl": {"path": "schermafbeelding-weigering.png", "label": "Schermafbeelding van de weigering"},
    "de": {"path": "bildschirmfoto-ablehnung.png", "label": "Bildschirmfoto der Ablehnungsmeldung"},
}
"""What a refused payment encloses: there is no order confirmation of a payment that did not go through."""


def _evidence(lang: str, key: str = "") -> list[Any]:
    """The evidence of a draft: the order confirmation and the bank statement; for a payment not
    recognised, or a schedule whose confirmation email is lost, the statement alone; for a refused
    payment, the screenshot of the refusal; none for a data request, which a purchase's documents do
    not support."""
    if key == "payment_issue.refused":
        return [dict(REFUSAL_SCREENSHOT[lang])]
    if key.startswith("personal_data"):
        return []
    # No order confirmation for a payment not recognised, nor for a schedule whose confirmation is lost.
    names = EVIDENCE[lang][1:] if key in ("unrecognised", "installments.schedule") else EVIDENCE[lang]
    return [
        {"path": name, "label": LABELS[lang][name]} if name in LABELS.get(lang, {}) else name
        for name in names
    ]


BASE: dict[str, dict[str, Any]] = {
    "fr": {
        "language": "fr",
        "customer": {
            "first_name": "Élise",
            "last_name": "Lefèvre",
            "email": "elise.lefevre@example.be",
            "phone": "0470 12 34 56",
            "street": "Rue Royale 120",
            "postal_code": "1000",
            "city": "Bruxelles",
        },
        "transaction": {
            "amount": "599,88",
            "date": "14/9/2026",
            "order_number": "AL-2026-11842",
            "merchant": "Atelier Lumière",
            "plan": "4x",
        },
    },
    "nl": {
        "language": "nl",
        "customer": {
            "first_name": "Sofie",
            "last_name": "Peeters",
            "email": "sofie.peeters@example.be",
            "phone": "0478 98 76 54",
            "street": "Lange Nieuwstraat 14",
            "postal_code": "2000",
            "city": "Antwerpen",
        },
        "transaction": {
            "amount": "1.249,00",
            "date": "21/9/2026",
            "order_number": "FJ-55231",
            "merchant": "Fietsen Janssens",
            "plan": "4x",
        },
    },
    "de": {
        "language": "de",
        "customer": {
            "first_name": "Anna",
            "last_name": "Mertens",
            "email": "anna.mertens@example.be",
            "phone": "0487 45 67 89",
            "street": "Aachener Straße 25",
            "postal_code": "4700",
            "city": "Eupen",
        },
        "transaction": {
            "amount": "599,60",
            "date": "10/9/2026",
            "order_number": "WK-2026-4471",
            "merchant": "Wohnstudio Kessler",
            "plan": "4x",
        },
    },
}

DETAILS: dict[str, dict[str, dict[str, str]]] = {
    "fr": {
        "cancellation": {"merchant_cancelled_on": "18/9/2026", "next_debit": "14/12/2026"},
        "cancellation.cancel": {"paid_amount": "449,91"},
        "cancellation.modify": {"new_amount": "439,93", "paid_amount": "449,91"},
        "refund": {"merchant_refunded_on": "3/10/2026", "next_debit": "14/12/2026"},
        "refund.full": {"paid_amount": "449,91"},
        "refund.partial": {"refund_amount": "120,00", "paid_amount": "449,91"},
        "payment_issue.charged_twice": {"debited_amount": "149,97", "debit_date": "14/10/2026"},
        "payment_issue.failed_debit": {"debit_date": "14/10/2026", "next_debit": "14/12/2026"},
        "installments.missing_payment": {"debit_date": "14/11/2026", "next_debit": "14/12/2026"},
        "payment_issue.wrong_amount": {
            "debited_amount": "164,97",
            "expected_amount": "149,97",
            "debit_date": "14/10/2026",
        },
        "fees": {"fee_amount": "25,00"},
        "fees.payment_plan": {
            "monthly_amount": "50,00",
            "first_payment": "15/12/2026",
            "debit_date": "14/11/2026",
        },
        "installments.change_date": {"next_debit": "14/12/2026", "wanted_date": "26/12/2026"},
        "installments.change_card": {"next_debit": "14/12/2026"},
        "installments.early_repayment": {"next_debit": "14/12/2026"},
        "payment_issue.other": {"subject": "deuxième échéance payée mais toujours affichée en attente"},
        "installments.other": {
            "subject": "enregistrement d'une nouvelle carte avant le prochain prélèvement",
            "next_debit": "14/12/2026",
        },
        "fees.contest": {"collector": "Recouvra SA"},
        "other": {"subject": "changement de l'adresse e-mail de mon compte"},
        "personal_data.objection": {"purpose": "marketing"},
    },
    "nl": {
        "cancellation": {"merchant_cancelled_on": "25/9/2026", "next_debit": "21/12/2026"},
        "cancellation.cancel": {"paid_amount": "936,75"},
        "cancellation.modify": {"new_amount": "1.159,00", "paid_amount": "936,75"},
        "refund": {"merchant_refunded_on": "6/10/2026", "next_debit": "21/12/2026"},
        "refund.full": {"paid_amount": "936,75"},
        "refund.partial": {"refund_amount": "89,00", "paid_amount": "936,75"},
        "payment_issue.charged_twice": {"debited_amount": "312,25", "debit_date": "21/10/2026"},
        "payment_issue.failed_debit": {"debit_date": "21/10/2026", "next_debit": "21/12/2026"},
        "installments.missing_payment": {"debit_date": "21/11/2026", "next_debit": "21/12/2026"},
        "payment_issue.wrong_amount": {
            "debited_amount": "362,25",
            "expected_amount": "312,25",
            "debit_date": "21/10/2026",
        },
        "fees": {"fee_amount": "30,00"},
        "fees.payment_plan": {
            "monthly_amount": "75,00",
            "first_payment": "15/12/2026",
            "debit_date": "21/11/2026",
        },
        "installments.change_date": {"next_debit": "21/12/2026", "wanted_date": "29/12/2026"},
        "installments.change_card": {"next_debit": "21/12/2026"},
        "installments.early_repayment": {"next_debit": "21/12/2026"},
        "payment_issue.other": {"subject": "betaalde tweede termijn nog vermeld als in behandeling"},
        "installments.other": {
            "subject": "registratie van een nieuwe kaart vóór de volgende afschrijving",
            "next_debit": "21/12/2026",
        },
        "fees.contest": {"collector": "Incasso Vlaanderen NV"},
        "other": {"subject": "wijziging van het e-mailadres van mijn account"},
        "personal_data.objection": {"purpose": "marketing"},
    },
    "de": {
        "cancellation": {"merchant_cancelled_on": "15/9/2026", "next_debit": "10/12/2026"},
        "cancellation.cancel": {"paid_amount": "449,70"},
        "cancellation.modify": {"new_amount": "359,60", "paid_amount": "449,70"},
        "refund": {"merchant_refunded_on": "2/10/2026", "next_debit": "10/12/2026"},
        "refund.full": {"paid_amount": "449,70"},
        "refund.partial": {"refund_amount": "79,90", "paid_amount": "449,70"},
        "payment_issue.charged_twice": {"debited_amount": "149,90", "debit_date": "10/10/2026"},
        "payment_issue.failed_debit": {"debit_date": "10/10/2026", "next_debit": "10/12/2026"},
        "installments.missing_payment": {"debit_date": "10/11/2026", "next_debit": "10/12/2026"},
        "payment_issue.wrong_amount": {
            "debited_amount": "169,90",
            "expected_amount": "149,90",
            "debit_date": "10/10/2026",
        },
        "fees": {"fee_amount": "35,00"},
        "fees.payment_plan": {
            "monthly_amount": "60,00",
            "first_payment": "15/12/2026",
            "debit_date": "10/11/2026",
        },
        "installments.change_date": {"next_debit": "10/12/2026", "wanted_date": "28/12/2026"},
        "installments.change_card": {"next_debit": "10/12/2026"},
        "installments.early_repayment": {"next_debit": "10/12/2026"},
        "payment_issue.other": {"subject": "Bezahlte zweite Rate als ausstehend geführt"},
        "installments.other": {
            "subject": "Hinterlegung einer neuen Karte vor der nächsten Abbuchung",
            "next_debit": "10/12/2026",
        },
        "fees.contest": {"collector": "Ostbelgien Inkasso AG"},
        "other": {"subject": "Änderung der E-Mail-Adresse meines Kontos"},
        "personal_data.objection": {"purpose": "marketing"},
    },
}
"""The optional facts of each request, in the ``full`` variant."""

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "fr": {
        "payment_issue.refused": (
            "J'ai choisi le paiement en 4 fois au moment de payer sur le site d'Atelier Lumière. "
            "Après la saisie de ma carte, la page a affiché « Paiement refusé », sans autre explication.\n\n"
            "Ma carte fonctionne normalement pour mes autres achats et la commande est toujours dans mon panier."
        ),
        "payment_issue.failed_debit": (
            "La deuxième échéance, prévue le 14 octobre, n'a pas été prélevée : ma banque avait remplacé "
            "ma carte quelques jours plus tôt. J'ai reçu un e-mail d'Alma qui m'informait de l'échec."
        ),
        "payment_issue.charged_twice": (
            "Le 14 octobre, la deuxième échéance de 149,97 € apparaît deux fois sur mon relevé, "
            "à quelques minutes d'intervalle."
        ),
        "payment_issue.wrong_amount": (
            "Lors de l'achat, l'échéancier indiquait quatre échéances de 149,97 €. "
            "Le 14 octobre, 164,97 € ont été prélevés sur ma carte."
        ),
        "payment_issue.other": (
            "Depuis le 14 octobre, mon espace client indique que ma deuxième échéance est « en attente », "
            "alors que le montant a bien quitté mon compte."
        ),
        "cancellation.cancel": (
            "Le luminaire commandé n'était plus disponible. J'ai accepté l'annulation proposée par "
            "Atelier Lumière, qui me l'a confirmée par e-mail le 18 septembre.\n\n"
            "Les deuxième et troisième échéances ont pourtant été prélevées le 14 octobre et le 14 novembre."
        ),
        "cancellation.modify": (
            "Sur les deux lampes commandées, une seule m'a été livrée : Atelier Lumière a annulé l'autre "
            "le 18 septembre. Le montant de la commande passe donc de 599,88 € à 439,93 €."
        ),
        "refund.full": (
            "J'ai renvoyé la table et Atelier Lumière m'a confirmé par e-mail, le 3 octobre, avoir remboursé "
            "toute la commande. Les deuxième et troisième échéances ont pourtant été prélevées le 14 octobre "
            "et le 14 novembre."
        ),
        "refund.partial": (
            "Une des trois chaises est arrivée abîmée. Atelier Lumière a accepté de me la rembourser, "
            "soit 120 €, et me l'a confirmé le 3 octobre."
        ),
        "installments.schedule": (
            "Je n'ai pas gardé l'e-mail de confirmation avec l'échéancier et je voudrais savoir "
            "combien il me reste à payer, et à quelles dates."
        ),
        "installments.missing_payment": (
            "La troisième échéance devait être prélevée le 14 novembre. Je ne la vois ni sur mon relevé "
            "ni dans mon espace client, et je ne voudrais pas me retrouver en retard de paiement."
        ),
        "installments.change_date": (
            "Mon salaire est versé le 25 du mois. Le prélèvement du 14 tombe à un moment où mon compte "
            "est presque vide, et je voudrais éviter un incident de paiement."
        ),
        "installments.early_repayment": (
            "J'ai reçu une prime et je préfère solder ce paiement dès maintenant plutôt que d'attendre "
            "la dernière échéance."
        ),
        "installments.other": (
            "Je change de banque le mois prochain. Dois-je enregistrer ma nouvelle carte avant "
            "la prochaine échéance, et comment faire ?"
        ),
        "installments.change_card": (
            "Ma banque a remplacé ma carte le 20 novembre et l'ancienne ne fonctionne plus. La dernière "
            "échéance est prévue le 14 décembre et je ne voudrais pas qu'elle échoue."
        ),
        "fees.contest": (
            "La deuxième échéance a échoué le 14 octobre parce que ma banque avait bloqué ma carte par "
            "erreur. Je l'ai réglée dès le lendemain, mais Recouvra SA m'a écrit le 3 novembre pour me "
            "réclamer 25 € de frais."
        ),
        "fees.payment_plan": (
            "J'ai perdu mon emploi en octobre et je n'ai pas pu payer la troisième échéance, le 14 novembre. "
            "Je peux payer 50 € par mois à partir de décembre."
        ),
        "unrecognised": (
            "J'ai découvert ce prélèvement sur mon relevé. Je ne connais pas Atelier Lumière et je n'ai "
            "jamais créé de compte Alma. J'ai fait bloquer ma carte le jour même."
        ),
        "personal_data.access": (
            "Je voudrais savoir quelles données vous avez sur moi, et en particulier si vous les avez "
            "transmises à d'autres sociétés."
        ),
        "personal_data.rectification": (
            "Mon nom de famille est mal orthographié dans mon espace client : il est écrit « Lefevre » "
            "au lieu de « Lefèvre ». Mon adresse est aussi l'ancienne : j'habite Rue Royale 120 depuis août."
        ),
        "personal_data.erasure": (
            "J'ai soldé ce paiement par anticipation en novembre et je ne compte plus utiliser Alma."
        ),
        "personal_data.objection": (
            "Je reçois chaque semaine des e-mails publicitaires d'Alma et de ses partenaires, alors que "
            "je ne les ai jamais demandés."
        ),
        "personal_data.automated_decision": (
            "Mon paiement en 4 fois a été refusé en quelques secondes, sans aucune explication, alors "
            "que je n'ai aucun incident de paiement et que mes revenus sont réguliers."
        ),
        "other": (
            "J'ai changé d'adresse e-mail. Je voudrais que vos prochains messages soient envoyés à "
            "elise.lefevre@example.com."
        ),
    },
    "nl": {
        "payment_issue.refused": (
            "Bij het afrekenen op de website van Fietsen Janssens koos ik voor betaling in 4 termijnen. "
            "Na het invullen van mijn kaartgegevens verscheen de melding 'Betaling geweigerd', "
            "zonder verdere uitleg.\n\n"
            "Mijn kaart werkt voor andere aankopen gewoon."
        ),
        "payment_issue.failed_debit": (
            "De tweede termijn van 21 oktober is niet afgeschreven: mijn bank had mijn kaart enkele dagen "
            "eerder vervangen. Ik kreeg daarover een e-mail van Alma."
        ),
        "payment_issue.charged_twice": (
            "Op 21 oktober staat de tweede termijn van € 312,25 twee keer op mijn rekeninguittreksel, "
            "met enkele minuten tussen beide afschrijvingen."
        ),
        "payment_issue.wrong_amount": (
            "Bij de aankoop stonden er vier termijnen van € 312,25 in het overzicht. "
            "Op 21 oktober werd er echter € 362,25 van mijn kaart afgeschreven."
        ),
        "payment_issue.other": (
            "Sinds 21 oktober staat mijn tweede termijn in mijn klantenzone nog altijd op 'in behandeling', "
            "terwijl het bedrag al van mijn rekening is gegaan."
        ),
        "cancellation.cancel": (
            "Ik heb de bestelling op 24 september bij Fietsen Janssens geannuleerd omdat de fiets niet meer "
            "leverbaar was. De winkel heeft dat de dag erna per e-mail bevestigd.\n\n"
            "Op 21 oktober en 21 november werden de tweede en de derde termijn toch afgeschreven."
        ),
        "cancellation.modify": (
            "Ik had een fiets en een fietstas besteld. De fietstas was niet meer in voorraad en "
            "Fietsen Janssens heeft die op 25 september geannuleerd. Het bedrag van de bestelling "
            "daalt daardoor van € 1.249,00 naar € 1.159,00."
        ),
        "refund.full": (
            "Ik heb de fiets binnen de herroepingstermijn teruggestuurd. Fietsen Janssens heeft mij op 6 oktober "
            "bevestigd dat de volledige bestelling is terugbetaald, maar op 21 oktober en 21 november werden "
            "de tweede en de derde termijn toch afgeschreven."
        ),
        "refund.partial": (
            "Het fietsslot bij mijn bestelling was defect. Fietsen Janssens heeft aanvaard om het slot "
            "terug te betalen (€ 89,00) en heeft dat op 6 oktober bevestigd."
        ),
        "installments.schedule": (
            "Ik heb de bevestigingsmail met het afbetalingsplan niet meer en wil weten hoeveel ik nog "
            "moet betalen, en op welke datums."
        ),
        "installments.missing_payment": (
            "De derde termijn moest op 21 november worden afgeschreven. Ik zie hem niet op mijn "
            "rekeninguittreksel en ook niet in mijn klantenzone, en ik wil niet te laat betalen."
        ),
        "installments.change_date": (
            "Mijn loon wordt rond de 28e van de maand gestort. De afschrijving op de 21e valt op een moment "
            "dat er weinig op mijn rekening staat, en ik wil problemen vermijden."
        ),
        "installments.early_repayment": (
            "Ik heb een eindejaarspremie gekregen en betaal liever nu alles af dan te wachten tot de "
            "laatste termijn."
        ),
        "installments.other": (
            "Ik stap volgende maand over naar een andere bank. Moet ik mijn nieuwe kaart registreren "
            "voor de volgende termijn, en hoe doe ik dat?"
        ),
        "installments.change_card": (
            "Mijn bank heeft mijn kaart gisteren vervangen omdat ze beschadigd was; de oude kaart werkt "
            "niet meer. De laatste termijn is gepland op 21 december en ik wil niet dat die mislukt."
        ),
        "fees.contest": (
            "De tweede termijn mislukte op 21 oktober omdat mijn bank mijn kaart per vergissing had "
            "geblokkeerd. Ik heb hem de dag erna betaald, maar Incasso Vlaanderen NV vraagt mij nu "
            "€ 30 aan kosten."
        ),
        "fees.payment_plan": (
            "Ik ben in oktober mijn werk kwijtgeraakt en kon de termijn van 21 november niet betalen. "
            "Vanaf december kan ik € 75 per maand betalen."
        ),
        "unrecognised": (
            "Ik zag deze afschrijving op mijn rekeninguittreksel. Ik ken Fietsen Janssens niet en heb nooit "
            "een account bij Alma aangemaakt. Ik heb mijn kaart dezelfde dag laten blokkeren."
        ),
        "personal_data.access": (
            "Ik wil weten welke gegevens u over mij hebt, en vooral of u ze aan andere bedrijven hebt "
            "doorgegeven."
        ),
        "personal_data.rectification": (
            "Mijn familienaam staat verkeerd in mijn klantenzone: 'Peters' in plaats van 'Peeters'. "
            "Ook mijn adres is nog het oude: ik woon sinds augustus in de Lange Nieuwstraat 14."
        ),
        "personal_data.erasure": (
            "Ik heb alle termijnen van mijn laatste aankoop betaald en ben niet van plan Alma nog te gebruiken."
        ),
        "personal_data.objection": (
            "Ik krijg elke week reclamemails van Alma en zijn partners, hoewel ik daar nooit om heb gevraagd."
        ),
        "personal_data.automated_decision": (
            "Mijn betaling in 4 termijnen werd binnen enkele seconden geweigerd, zonder uitleg, hoewel ik "
            "nooit een betalingsachterstand heb gehad en een vast inkomen heb."
        ),
        "other": (
            "Ik heb een nieuw e-mailadres en wil dat uw berichten voortaan naar "
            "sofie.peeters@example.com worden gestuurd."
        ),
    },
    "de": {
        "payment_issue.refused": (
            "Nach der Eingabe meiner Kartendaten auf der Website von Wohnstudio Kessler erschien die "
            "Meldung „Zahlung abgelehnt“, ohne jede weitere Erklärung.\n\n"
            "Meine Karte funktioniert bei anderen Einkäufen ganz normal, und die Bestellung liegt noch "
            "in meinem Warenkorb."
        ),
        "payment_issue.failed_debit": (
            "Die zweite Rate am 10. Oktober wurde nicht abgebucht, weil meine Bank meine Karte ein paar "
            "Tage vorher ausgetauscht hatte. Alma hat mich per E-Mail darüber informiert."
        ),
        "payment_issue.charged_twice": (
            "Am 10. Oktober steht die zweite Rate von 149,90 € zweimal auf meinem Kontoauszug, "
            "im Abstand von wenigen Minuten."
        ),
        "payment_issue.wrong_amount": (
            "Beim Kauf waren im Zahlungsplan vier Raten von je 149,90 € angegeben. "
            "Am 10. Oktober wurden aber 169,90 € von meiner Karte abgebucht."
        ),
        "payment_issue.other": (
            "Seit dem 10. Oktober steht meine zweite Rate in meinem Kundenkonto auf „ausstehend“, "
            "obwohl das Geld längst von meinem Konto abgegangen ist."
        ),
        "cancellation.cancel": (
            "Ich habe Wohnstudio Kessler am 14. September um die Stornierung gebeten, weil das Sofa "
            "nicht mehr lieferbar war. Das Geschäft hat mir die Stornierung per E-Mail bestätigt.\n\n"
            "Trotzdem wurden am 10. Oktober und am 10. November die zweite und die dritte Rate abgebucht."
        ),
        "cancellation.modify": (
            "Ich hatte einen Esstisch und vier Stühle bestellt. Die Stühle waren nicht mehr vorrätig und "
            "wurden storniert. Der Bestellbetrag sinkt dadurch von 599,60 € auf 359,60 €."
        ),
        "refund.full": (
            "Ich habe das Regal zurückgeschickt, und Wohnstudio Kessler hat mir am 2. Oktober per E-Mail "
            "bestätigt, dass der ganze Betrag erstattet wurde. Trotzdem wurden am 10. Oktober und am "
            "10. November die zweite und die dritte Rate abgebucht."
        ),
        "refund.partial": (
            "Eine der beiden Lampen kam beschädigt an. Wohnstudio Kessler hat sich bereit erklärt, sie mir "
            "zu erstatten (79,90 €), und hat mir das am 2. Oktober bestätigt."
        ),
        "installments.schedule": (
            "Ich habe die Bestätigungsmail mit dem Zahlungsplan nicht mehr und möchte wissen, wie viel "
            "ich noch zahlen muss und an welchen Tagen."
        ),
        "installments.missing_payment": (
            "Die dritte Rate sollte am 10. November abgebucht werden. Ich sehe sie weder auf meinem "
            "Kontoauszug noch in meinem Kundenkonto und möchte nicht in Zahlungsverzug geraten."
        ),
        "installments.change_date": (
            "Mein Gehalt kommt immer um den 25. des Monats. Die letzte Rate am 10. Dezember fällt in eine "
            "Zeit, in der mein Konto fast leer ist, und ich möchte nicht, dass die Abbuchung fehlschlägt."
        ),
        "installments.early_repayment": (
            "Ich habe eine Prämie bekommen und möchte die Zahlung lieber jetzt ganz begleichen, statt auf "
            "die letzte Rate zu warten."
        ),
        "installments.other": (
            "Ich wechsle Anfang Dezember die Bank. Muss ich meine neue Karte vor der letzten Rate am "
            "10. Dezember hinterlegen, und wie mache ich das?"
        ),
        "installments.change_card": (
            "Meine Bank hat mir Mitte November eine neue Karte geschickt und die alte gesperrt. Die "
            "letzte Rate ist für den 10. Dezember vorgesehen, und sie soll nicht fehlschlagen."
        ),
        "fees.contest": (
            "Die zweite Rate ist am 10. Oktober fehlgeschlagen, weil meine Bank meine Karte irrtümlich "
            "gesperrt hatte. Ich habe sie gleich am nächsten Tag bezahlt, aber die Ostbelgien Inkasso AG "
            "hat mir am 3. November geschrieben und 35 € Gebühren verlangt."
        ),
        "fees.payment_plan": (
            "Ich habe im Oktober meine Arbeit verloren und konnte die dritte Rate am 10. November nicht "
            "bezahlen. Ab Dezember kann ich 60 € im Monat zahlen."
        ),
        "unrecognised": (
            "Ich habe diese Abbuchung auf meinem Kontoauszug entdeckt. Ich kenne Wohnstudio Kessler nicht "
            "und habe nie ein Konto bei Alma eröffnet. Meine Karte habe ich noch am selben Tag sperren lassen."
        ),
        "personal_data.access": (
            "Ich möchte wissen, welche Daten Sie über mich haben, und vor allem, ob Sie sie an andere "
            "Unternehmen weitergegeben haben."
        ),
        "personal_data.rectification": (
            "Mein Nachname ist in meinem Kundenkonto falsch geschrieben: „Merten“ statt „Mertens“. "
            "Außerdem steht dort noch meine alte Adresse: Ich wohne seit August in der Aachener Straße 25."
        ),
        "personal_data.erasure": (
            "Ich habe meinen Kauf vorzeitig ganz bezahlt und möchte Alma nicht mehr nutzen."
        ),
        "personal_data.objection": (
            "Ich bekomme jede Woche Werbe-E-Mails von Alma und deren Partnern, obwohl ich sie nie "
            "angefordert habe."
        ),
        "personal_data.automated_decision": (
            "Meine Zahlung in 4 Raten wurde innerhalb weniger Sekunden ohne jede Erklärung abgelehnt, "
            "obwohl ich nie mit einer Zahlung in Verzug war und ein regelmäßiges Einkommen habe."
        ),
        "other": (
            "Ich habe eine neue E-Mail-Adresse. Bitte schicken Sie Ihre Nachrichten künftig an "
            "anna.mertens@example.com."
        ),
    },
}
"""The user's own text for each request: data the templates must print as it is."""

ACCOUNTS: dict[str, dict[str, str]] = {
    "fr": {
        "payment_issue.refused": (
            "Après la saisie de ma carte sur le site, la page a affiché « Paiement refusé », sans autre "
            "explication. Ma carte fonctionne normalement pour mes autres achats et la commande est toujours "
            "dans mon panier."
        ),
        "payment_issue.failed_debit": (
            "Il s'agissait de la deuxième échéance : ma banque avait remplacé ma carte quelques jours plus "
            "tôt. J'ai reçu un e-mail d'Alma qui m'informait de l'échec."
        ),
        "payment_issue.charged_twice": (
            "Il s'agit de la deuxième échéance : les deux prélèvements figurent sur mon extrait de compte à "
            "quelques minutes d'intervalle."
        ),
        "payment_issue.wrong_amount": (
            "L'échéancier affiché lors de l'achat prévoyait quatre échéances identiques. Je n'ai reçu aucun "
            "message m'annonçant ce changement de montant, et je l'ai découvert sur mon extrait de compte."
        ),
        "cancellation.cancel": (
            "Le luminaire commandé n'était plus disponible ; j'ai accepté l'annulation proposée par le "
            "magasin, qui me l'a confirmée par e-mail. Les échéances du 14 octobre et du 14 novembre ont "
            "pourtant encore été prélevées."
        ),
        "cancellation.modify": (
            "Sur les deux lampes commandées, une seule m'a été livrée : l'autre n'était plus en stock."
        ),
        "refund.full": (
            "J'ai renvoyé la table, et le magasin m'a confirmé le remboursement par e-mail. Les échéances du "
            "14 octobre et du 14 novembre ont pourtant encore été prélevées."
        ),
        "refund.partial": (
            "Le remboursement porte sur l'une des trois chaises commandées, qui est arrivée abîmée."
        ),
        "installments.missing_payment": (
            "Il s'agit de la troisième échéance. Je ne la vois pas non plus dans mon espace client, et je ne "
            "voudrais pas me retrouver en retard de paiement."
        ),
        "installments.change_date": (
            "Mon salaire est versé le 25 du mois et, à la mi-mois, mon compte est presque vide : je voudrais "
            "éviter un incident de paiement."
        ),
        "installments.change_card": (
            "Ma banque a remplacé ma carte le 20 novembre. Il ne reste que la dernière échéance à payer, et "
            "je ne voudrais pas qu'elle échoue."
        ),
        "installments.early_repayment": (
            "J'ai reçu une prime et je préfère ne plus avoir de prélèvements en cours."
        ),
        "fees.contest": (
            "La deuxième échéance a échoué le 14 octobre parce que ma banque avait bloqué ma carte par "
            "erreur. Je l'ai réglée dès le lendemain, bien avant le courrier du 3 novembre qui me réclame "
            "ces frais."
        ),
        "fees.payment_plan": (
            "C'était la troisième échéance : j'ai perdu mon emploi en octobre et mes revenus ont fortement "
            "baissé depuis."
        ),
    },
    "nl": {
        "payment_issue.refused": (
            "Bij het afrekenen op de website verscheen na het invullen van mijn kaartgegevens de melding "
            "'Betaling geweigerd', zonder verdere uitleg.\n\n"
            "Mijn kaart werkt voor andere aankopen gewoon, en de bestelling staat nog in mijn winkelmandje."
        ),
        "payment_issue.failed_debit": (
            "Het gaat om de tweede termijn. Mijn bank had mijn kaart enkele dagen eerder vervangen; "
            "Alma heeft mij daarover een e-mail gestuurd."
        ),
        "payment_issue.charged_twice": (
            "Het gaat om de tweede termijn. Op mijn rekeninguittreksel liggen er maar enkele minuten "
            "tussen beide afschrijvingen."
        ),
        "payment_issue.wrong_amount": (
            "Het gaat om de tweede termijn. In het afbetalingsplan dat ik bij de aankoop kreeg, stonden "
            "vier gelijke termijnen, en ik heb nooit bericht gekregen dat het bedrag van een termijn zou veranderen."
        ),
        "cancellation.cancel": (
            "Ik had de bestelling op 24 september bij de winkel geannuleerd omdat de fiets niet meer "
            "leverbaar was; de bevestiging kreeg ik per e-mail.\n\n"
            "Toch werden op 21 oktober en 21 november de tweede en de derde termijn afgeschreven."
        ),
        "cancellation.modify": (
            "Ik had een fiets en een fietstas besteld. Het geannuleerde deel is de fietstas, die niet meer "
            "in voorraad was."
        ),
        "refund.full": (
            "Ik heb de fiets binnen de herroepingstermijn teruggestuurd. Toch werden op 21 oktober en "
            "21 november de tweede en de derde termijn afgeschreven."
        ),
        "refund.partial": (
            "Het fietsslot dat bij mijn bestelling hoorde, was defect; de terugbetaling gaat over dat slot."
        ),
        "installments.missing_payment": (
            "Het gaat om de derde termijn. Ik vind hem ook niet terug in mijn klantenzone, en ik wil niet "
            "te laat betalen."
        ),
        "installments.change_date": (
            "Mijn loon wordt rond de 28e van de maand gestort. In de week daarvoor staat er meestal weinig "
            "op mijn rekening, en ik wil niet dat de afschrijving mislukt."
        ),
        "installments.change_card": (
            "Mijn kaart was beschadigd. Mijn bank heeft mij midden november een nieuwe gestuurd, en "
            "de oude werkt niet meer. Ik wil niet dat de laatste termijn daardoor mislukt."
        ),
        "fees.contest": (
            "De tweede termijn mislukte op 21 oktober omdat mijn bank mijn kaart per vergissing had "
            "geblokkeerd. Ik heb die termijn de dag erna betaald."
        ),
        "fees.payment_plan": (
            "Ik ben in oktober mijn werk kwijtgeraakt. Een hoger bedrag per maand kan ik niet missen zolang "
            "ik geen nieuw werk heb."
        ),
    },
    "de": {
        "payment_issue.failed_debit": (
            "Es war die zweite Rate: Meine Bank hatte meine Karte wenige Tage vorher ausgetauscht, und die "
            "Abbuchung lief noch über die alte Karte. Alma hat mich per E-Mail darüber informiert."
        ),
        "payment_issue.charged_twice": (
            "Es handelt sich um die zweite Rate. Auf meinem Kontoauszug stehen die beiden Abbuchungen "
            "im Abstand von wenigen Minuten."
        ),
        "payment_issue.wrong_amount": (
            "Es war die zweite Rate. Laut dem Zahlungsplan, den ich beim Kauf erhalten habe, sind alle "
            "vier Raten gleich hoch, und über eine Änderung wurde ich nie informiert."
        ),
        "cancellation.cancel": (
            "Das Sofa war nicht mehr lieferbar, deshalb hatte ich das Geschäft am 14. September um die "
            "Stornierung gebeten. Die Bestätigung habe ich per E-Mail erhalten.\n\n"
            "Trotzdem wurden danach am 10. Oktober und am 10. November die zweite und die dritte Rate abgebucht."
        ),
        "cancellation.modify": (
            "Ich hatte einen Esstisch und vier Stühle bestellt. Die Stühle waren nicht mehr vorrätig, "
            "geliefert wurde nur der Esstisch."
        ),
        "refund.full": (
            "Ich hatte das Regal innerhalb der Widerrufsfrist zurückgeschickt. Trotzdem wurden danach "
            "am 10. Oktober und am 10. November die zweite und die dritte Rate abgebucht."
        ),
        "refund.partial": (
            "Eine der beiden Lampen kam beschädigt an. Die Erstattung betrifft nur diese Lampe, "
            "die andere behalte ich."
        ),
        "installments.missing_payment": (
            "Es geht um die dritte Rate. Sie ist auch in meinem Kundenkonto nicht zu sehen, und ich "
            "möchte nicht in Zahlungsverzug geraten."
        ),
        "installments.change_date": (
            "Mein Gehalt kommt immer um den 25. des Monats. Um den 10. ist mein Konto fast leer, und ich "
            "möchte nicht, dass die letzte Rate fehlschlägt."
        ),
        "installments.change_card": (
            "Meine Bank hat mir Mitte November eine neue Karte geschickt und die alte gesperrt. Es ist die "
            "letzte Rate, und sie soll nicht an der gesperrten Karte scheitern."
        ),
        "installments.early_repayment": (
            "Ich habe eine Prämie bekommen und möchte keine offenen Raten mehr haben."
        ),
        "fees.contest": (
            "Die zweite Rate ist am 10. Oktober fehlgeschlagen, weil meine Bank meine Karte irrtümlich "
            "gesperrt hatte. Ich habe sie gleich am nächsten Tag bezahlt. Das Schreiben des Inkassobüros "
            "kam am 3. November."
        ),
        "fees.payment_plan": (
            "Es war die dritte Rate: Ich habe im Oktober meine Arbeit verloren. Mehr als diesen Monatsbetrag "
            "kann ich bis auf Weiteres nicht aufbringen."
        ),
    },
}
"""The account a person writes beside the facts the message already states (the description step shows
them: ``render.stated``), where it differs from :data:`DESCRIPTIONS`; the drafts that leave those facts
out (:data:`WITHOUT_STATED_FACTS`) keep the whole account of :data:`DESCRIPTIONS`."""

WITHOUT_STATED_FACTS = ("minimal", "no-sums", "merchant-no-dates")
"""The variants that take away the days and sums a message states: their account tells them."""
MERCHANT_STATED = ("cancellation.cancel", "cancellation.modify", "refund.full", "refund.partial")
"""The requests whose ``no-sums`` draft still gives what the merchant did and when (the message states
it): their account is the one written beside it (:data:`ACCOUNTS`), which names no sum."""

VARIANT_ACCOUNTS: dict[str, dict[str, dict[str, str]]] = {
    "minimal": {
        "fr": {
            "cancellation.modify": (
                "Sur les deux lampes commandées, une seule m'a été livrée : l'autre n'était plus en stock, et "
                "Atelier Lumière l'a annulée le 18 septembre. Les échéances du 14 octobre et du 14 novembre ont "
                "ensuite été prélevées sans tenir compte de cette annulation."
            ),
            "refund.full": (
                "J'ai renvoyé la table à Atelier Lumière, qui m'a confirmé le remboursement par e-mail le 3 "
                "octobre. Les deuxième et troisième échéances ont pourtant été prélevées le 14 octobre et le 14 "
                "novembre."
            ),
            "refund.partial": (
                "Le remboursement, confirmé le 3 octobre, porte sur l'une des trois chaises commandées, qui "
                "était arrivée abîmée."
            ),
            "installments.missing_payment": (
                "Il s'agit de la troisième échéance, qui devait être prélevée le 14 novembre. Je ne la vois pas "
                "non plus dans mon espace client, et je ne voudrais pas me retrouver en retard de paiement."
            ),
            "fees.contest": (
                "La deuxième échéance a échoué le 14 octobre parce que ma banque avait bloqué ma carte par "
                "erreur. Je l'ai réglée dès le lendemain, bien avant le courrier de Recouvra SA du 3 novembre "
                "qui me réclame ces frais."
            ),
        },
        "nl": {
            "cancellation.cancel": (
                "Ik heb de annulering op 24 september bij Fietsen Janssens aangevraagd omdat de fiets niet meer "
                "leverbaar was. Op 25 september kreeg ik de bevestiging per e-mail.\n\nToch werden op 21 "
                "oktober en 21 november de tweede en de derde termijn afgeschreven."
            ),
            "cancellation.modify": (
                "Ik had bij Fietsen Janssens een fiets en een fietstas besteld. De fietstas was niet meer in "
                "voorraad: dat is het deel dat de winkel op 25 september heeft geannuleerd."
            ),
            "refund.full": (
                "Ik heb de fiets binnen de herroepingstermijn teruggestuurd naar Fietsen Janssens; de "
                "bevestiging van de winkel dateert van 6 oktober. Toch werden op 21 oktober en 21 november de "
                "tweede en de derde termijn afgeschreven."
            ),
            "refund.partial": (
                "Het fietsslot dat ik bij Fietsen Janssens samen met de fiets had besteld, was defect. De "
                "terugbetaling gaat over dat slot; de winkel heeft ze mij op 6 oktober bevestigd."
            ),
            "installments.missing_payment": (
                "Het gaat om de derde termijn, die op 21 november moest worden afgeschreven. Ik vind hem ook "
                "niet terug in mijn klantenzone, en ik wil niet te laat betalen."
            ),
            "fees.contest": (
                "De tweede termijn mislukte op 21 oktober omdat mijn bank mijn kaart per vergissing had "
                "geblokkeerd. Ik heb die termijn op 22 oktober betaald. De kosten worden gevorderd door het "
                "incassobureau Incasso Vlaanderen NV."
            ),
        },
        "de": {
            "cancellation.cancel": (
                "Das Sofa war nicht mehr lieferbar, deshalb habe ich Wohnstudio Kessler am 14. September um die "
                "Stornierung gebeten. Das Geschäft hat sie mir am 15. September per E-Mail "
                "bestätigt.\n\nTrotzdem wurden am 10. Oktober und am 10. November die zweite und die dritte "
                "Rate abgebucht."
            ),
            "cancellation.modify": (
                "Ich hatte bei Wohnstudio Kessler einen Esstisch und vier Stühle bestellt. Die Stühle waren "
                "nicht mehr vorrätig, und das Geschäft hat sie am 15. September aus der Bestellung gestrichen. "
                "Geliefert wurde nur der Esstisch."
            ),
            "refund.full": (
                "Ich habe das Regal zurückgeschickt, und Wohnstudio Kessler hat mir die Erstattung am 2. "
                "Oktober per E-Mail bestätigt. Trotzdem wurden am 10. Oktober und am 10. November die zweite "
                "und die dritte Rate abgebucht."
            ),
            "refund.partial": (
                "Eine der beiden Lampen kam beschädigt an. Wohnstudio Kessler hat mir am 2. Oktober bestätigt, "
                "dass mir diese Lampe erstattet wird; die andere behalte ich."
            ),
            "installments.missing_payment": (
                "Es geht um die dritte Rate, die am 10. November abgebucht werden sollte. Sie ist auch in "
                "meinem Kundenkonto nicht zu sehen, und ich möchte nicht in Zahlungsverzug geraten."
            ),
            "fees.contest": (
                "Die zweite Rate ist am 10. Oktober fehlgeschlagen, weil meine Bank meine Karte irrtümlich "
                "gesperrt hatte. Ich habe sie gleich am nächsten Tag bezahlt. Trotzdem hat mir die Ostbelgien "
                "Inkasso AG am 3. November geschrieben und diese Gebühren verlangt."
            ),
        },
    },
    "no-sums": {
        "fr": {
            "payment_issue.charged_twice": (
                "Il s'agit de la deuxième échéance, prélevée le 14 octobre : les deux prélèvements figurent sur "
                "mon extrait de compte à quelques minutes d'intervalle."
            ),
            "payment_issue.wrong_amount": (
                "Il s'agit de la deuxième échéance, prélevée le 14 octobre. L'échéancier affiché lors de "
                "l'achat prévoyait quatre échéances identiques, et je n'ai reçu aucun message m'annonçant ce "
                "changement de montant."
            ),
            "fees.contest": (
                "La deuxième échéance a échoué le 14 octobre parce que ma banque avait bloqué ma carte par "
                "erreur. Je l'ai réglée dès le lendemain, bien avant le courrier de Recouvra SA du 3 novembre "
                "qui me réclame ces frais."
            ),
            "fees.payment_plan": (
                "C'était la troisième échéance, prévue le 14 novembre : j'ai perdu mon emploi en octobre et mes "
                "revenus ont fortement baissé depuis."
            ),
        },
        "nl": {
            "payment_issue.charged_twice": (
                "Het gaat om de tweede termijn, van 21 oktober. Op mijn rekeninguittreksel liggen er maar "
                "enkele minuten tussen beide afschrijvingen."
            ),
            "payment_issue.wrong_amount": (
                "Het gaat om de tweede termijn, die op 21 oktober van mijn kaart werd afgeschreven. In het "
                "afbetalingsplan dat ik bij de aankoop kreeg, waren alle termijnen even hoog, en ik heb nooit "
                "bericht gekregen dat het bedrag van een termijn zou veranderen."
            ),
            "fees.contest": (
                "De tweede termijn mislukte op 21 oktober omdat mijn bank mijn kaart per vergissing had "
                "geblokkeerd. Ik heb die termijn op 22 oktober betaald. De kosten worden gevorderd door het "
                "incassobureau Incasso Vlaanderen NV."
            ),
            "fees.payment_plan": (
                "Het gaat om de derde termijn, van 21 november. Ik ben in oktober mijn werk kwijtgeraakt, en "
                "zolang ik geen nieuw werk heb, kan ik per maand maar een klein bedrag missen."
            ),
        },
        "de": {
            "payment_issue.charged_twice": (
                "Es handelt sich um die zweite Rate vom 10. Oktober. Auf meinem Kontoauszug stehen die beiden "
                "Abbuchungen im Abstand von wenigen Minuten."
            ),
            "payment_issue.wrong_amount": (
                "Es war die zweite Rate, abgebucht am 10. Oktober. Laut dem Zahlungsplan, den ich beim Kauf "
                "erhalten habe, sind alle vier Raten gleich hoch, und über eine Änderung wurde ich nie "
                "informiert."
            ),
            "fees.contest": (
                "Die zweite Rate ist am 10. Oktober fehlgeschlagen, weil meine Bank meine Karte irrtümlich "
                "gesperrt hatte. Ich habe sie gleich am nächsten Tag bezahlt. Trotzdem hat mir die Ostbelgien "
                "Inkasso AG am 3. November geschrieben und diese Gebühren verlangt."
            ),
            "fees.payment_plan": (
                "Es war die dritte Rate am 10. November: Ich habe im Oktober meine Arbeit verloren. Bis ich "
                "eine neue Stelle finde, kann ich nur kleine Monatsbeträge aufbringen."
            ),
        },
    },
    "merchant-no-dates": {
        "fr": {
            "cancellation.modify": (
                "Sur les deux lampes commandées, une seule m'a été livrée : l'autre n'était plus en stock, et "
                "Atelier Lumière l'a annulée le 18 septembre. Les échéances du 14 octobre et du 14 novembre ont "
                "ensuite été prélevées sans tenir compte de cette annulation."
            ),
            "refund.full": (
                "J'ai renvoyé la table, et le magasin m'a confirmé le remboursement par e-mail le 3 octobre. Les "
                "deuxième et troisième échéances ont pourtant été prélevées le 14 octobre et le 14 novembre."
            ),
            "refund.partial": (
                "Le remboursement, confirmé le 3 octobre, porte sur l'une des trois chaises commandées, qui "
                "était arrivée abîmée."
            ),
        },
        "nl": {
            "cancellation.cancel": (
                "Ik heb de annulering op 24 september bij de winkel aangevraagd omdat de fiets niet meer "
                "leverbaar was. Op 25 september kreeg ik de bevestiging per e-mail.\n\nToch werden op 21 "
                "oktober en 21 november de tweede en de derde termijn afgeschreven."
            ),
            "cancellation.modify": (
                "Ik had een fiets en een fietstas besteld. De fietstas was niet meer in voorraad: dat is het "
                "deel dat de winkel op 25 september heeft geannuleerd."
            ),
            "refund.full": (
                "Ik heb de fiets binnen de herroepingstermijn teruggestuurd; de bevestiging van de winkel "
                "dateert van 6 oktober. Toch werden op 21 oktober en 21 november de tweede en de derde termijn "
                "afgeschreven."
            ),
            "refund.partial": (
                "Het fietsslot dat bij mijn bestelling hoorde, was defect. De terugbetaling gaat over dat slot; "
                "de winkel heeft ze mij op 6 oktober bevestigd."
            ),
        },
        "de": {
            "cancellation.cancel": (
                "Das Sofa war nicht mehr lieferbar, deshalb hatte ich das Geschäft am 14. September um die "
                "Stornierung gebeten. Die Bestätigung habe ich am 15. September per E-Mail "
                "erhalten.\n\nTrotzdem wurden danach am 10. Oktober und am 10. November die zweite und die "
                "dritte Rate abgebucht."
            ),
            "cancellation.modify": (
                "Ich hatte einen Esstisch und vier Stühle bestellt. Die Stühle waren nicht mehr vorrätig, und "
                "das Geschäft hat sie am 15. September aus der Bestellung gestrichen. Geliefert wurde nur der "
                "Esstisch."
            ),
            "refund.full": (
                "Ich hatte das Regal innerhalb der Widerrufsfrist zurückgeschickt, und das Geschäft hat mir die "
                "Erstattung am 2. Oktober per E-Mail bestätigt. Trotzdem wurden danach am 10. Oktober und am "
                "10. November die zweite und die dritte Rate abgebucht."
            ),
            "refund.partial": (
                "Eine der beiden Lampen kam beschädigt an. Das Geschäft hat mir am 2. Oktober bestätigt, dass "
                "mir diese Lampe erstattet wird; die andere behalte ich."
            ),
        },
    },
}
"""The account written beside what a variant that leaves out days or sums (:data:`WITHOUT_STATED_FACTS`)
still states: it tells the days and sums the fields did not give, and does not repeat what the
message says (``VARIANT_ACCOUNTS[variant][lang][key]``); without one, the account of :data:`DESCRIPTIONS`
or :data:`ACCOUNTS`, as :func:`_account` chooses."""

DEFERRED_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "fr": {
        "installments.schedule": (
            "Je n'ai reçu aucune confirmation de la date exacte du prélèvement et je voudrais prévoir la "
            "somme sur mon compte."
        ),
        "installments.missing_payment": (
            "Je ne vois pas non plus ce prélèvement dans mon espace client, et je ne voudrais pas me "
            "retrouver en retard de paiement."
        ),
        "installments.change_date": (
            "Mon salaire n'est versé que le 25 du mois, et mon compte est presque vide avant cette date."
        ),
        "installments.early_repayment": (
            "J'ai reçu une prime et je dispose donc dès à présent de cette somme."
        ),
        "installments.other": (
            "Je change de banque dans quelques jours. Le prélèvement se fera-t-il quand même sur "
            "mon ancienne carte ?"
        ),
    },
    "nl": {
        "installments.schedule": (
            "Na de aankoop heb ik geen bevestiging van de precieze datum van de afschrijving gekregen. "
            "Ik wil ervoor zorgen dat er die dag genoeg op mijn rekening staat."
        ),
        "installments.missing_payment": (
            "Ook in mijn klantenzone vind ik die afschrijving niet terug, en ik wil niet te laat betalen."
        ),
        "installments.change_date": (
            "Mijn loon wordt pas rond de 28e van de maand gestort. Midden december staat er te weinig op "
            "mijn rekening, en ik wil niet dat de afschrijving mislukt."
        ),
        "installments.early_repayment": (
            "Ik heb een eindejaarspremie gekregen en betaal het bedrag liever nu dan te wachten "
            "tot de geplande datum."
        ),
        "installments.other": (
            "Ik stap binnenkort over naar een andere bank. Gebeurt de afschrijving dan nog "
            "van mijn oude kaart?"
        ),
    },
    "de": {
        "installments.schedule": (
            "Das genaue Abbuchungsdatum wurde mir nie bestätigt, und ich möchte das Geld rechtzeitig "
            "auf meinem Konto haben."
        ),
        "installments.missing_payment": (
            "Die Abbuchung ist auch in meinem Kundenkonto nicht zu sehen, und ich möchte nicht in "
            "Zahlungsverzug geraten."
        ),
        "installments.change_date": (
            "Mein Gehalt kommt immer erst um den 25. des Monats. Vorher reicht das Geld auf meinem Konto "
            "für diesen Betrag nicht."
        ),
        "installments.early_repayment": (
            "Ich habe eine Prämie bekommen und möchte diesen Kauf gern abgeschlossen haben."
        ),
        "installments.other": (
            "Ich wechsle in ein paar Tagen die Bank. Wird der Betrag trotzdem noch von meiner alten "
            "Karte abgebucht?"
        ),
    },
}
"""The user's own text when the plan is a deferred payment (one debit, no instalments)."""

WITHDRAWAL_DESCRIPTIONS: dict[str, str] = {
    "fr": "À la réflexion, la mensualité pour ce luminaire est trop lourde pour mon budget.",
    "nl": (
        "Ik heb mijn vaste uitgaven nog eens op een rij gezet: het maandbedrag voor de fiets is te zwaar "
        "voor mijn budget."
    ),
    "de": ("Nach reiflicher Überlegung übersteigt die monatliche Rate für das Sofa mein Budget."),
}
"""The user's own text when a 10x credit, taken four days before, is withdrawn from (cancellation.cancel)."""


PAY_LATER_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "fr": {
        "payment_issue.refused": (
            "Après la saisie de ma carte sur le site, la page a affiché « Paiement refusé », sans autre "
            "explication. Ma carte fonctionne normalement pour mes autres achats."
        ),
        "cancellation.modify": (
            "Sur les deux lampes commandées, l'une n'était plus en stock ; je garde l'autre."
        ),
        "cancellation.cancel": (
            "Le luminaire n'était plus disponible, et le magasin m'a confirmé l'annulation par e-mail. Le "
            "prélèvement du 12 décembre figure pourtant toujours dans mon espace client."
        ),
        "refund.full": (
            "J'ai renvoyé la table, et le magasin m'a confirmé le remboursement par e-mail. Le prélèvement "
            "du 12 décembre figure pourtant toujours dans mon espace client."
        ),
        "refund.partial": (
            "Le remboursement porte sur l'une des trois chaises commandées, qui est arrivée abîmée."
        ),
        "fees.contest": (
            "Le prélèvement du 19 novembre a échoué parce que ma banque avait bloqué ma carte par erreur. "
            "J'ai réglé le montant dès le lendemain, avant même le courrier du 24 novembre qui me réclame "
            "ces frais."
        ),
        "fees.payment_plan": (
            "J'ai perdu mon emploi en octobre et je ne peux plus régler cette somme en une seule fois."
        ),
    },
    "nl": {
        "payment_issue.refused": (
            "Bij het afrekenen op de website verscheen na het invullen van mijn kaartgegevens de melding "
            "'Betaling geweigerd', zonder verdere uitleg."
        ),
        "cancellation.modify": (
            "Ik had een fiets en een fietstas besteld. Het geannuleerde deel is de fietstas, die niet meer "
            "in voorraad was."
        ),
        "cancellation.cancel": (
            "De fiets was niet meer leverbaar; de bevestiging van de annulering kreeg ik per e-mail. "
            "Toch staat de afschrijving nog altijd gepland in mijn klantenzone."
        ),
        "refund.full": (
            "Ik heb de fiets teruggestuurd. Toch staat de afschrijving nog altijd gepland in mijn "
            "klantenzone."
        ),
        "refund.partial": (
            "Het fietsslot dat bij mijn bestelling hoorde, was defect; de terugbetaling gaat over dat slot."
        ),
        "fees.contest": (
            "De afschrijving van 19 november mislukte omdat mijn bank mijn kaart per vergissing had "
            "geblokkeerd. Ik heb het bedrag de dag erna betaald."
        ),
        "fees.payment_plan": (
            "Ik ben in oktober mijn werk kwijtgeraakt en kon daardoor het bedrag van 19 november niet "
            "betalen. Een hoger bedrag per maand kan ik niet missen zolang ik geen nieuw werk heb."
        ),
    },
    "de": {
        "payment_issue.refused": (
            "Nach der Eingabe meiner Kartendaten auf der Website erschien die Meldung „Zahlung abgelehnt“, "
            "ohne jede weitere Erklärung. Meine Karte funktioniert bei anderen Einkäufen ganz normal."
        ),
        "cancellation.modify": (
            "Ich hatte einen Esstisch und vier Stühle bestellt. Die Stühle waren nicht mehr vorrätig, "
            "der Esstisch bleibt bestellt."
        ),
        "cancellation.cancel": (
            "Das Sofa war nicht mehr lieferbar, und das Geschäft hat mir die Stornierung per E-Mail "
            "bestätigt. In meinem Kundenkonto ist die Abbuchung aber weiterhin vorgesehen."
        ),
        "refund.full": (
            "Ich habe das Regal zurückgeschickt, und die Bestätigung des Geschäfts kam per E-Mail. "
            "In meinem Kundenkonto ist die Abbuchung aber immer noch vorgesehen."
        ),
        "refund.partial": (
            "Eine der beiden Lampen kam beschädigt an. Die Erstattung betrifft nur diese Lampe, "
            "die andere behalte ich."
        ),
        "fees.contest": (
            "Die Abbuchung am 19. November ist fehlgeschlagen, weil meine Bank meine Karte irrtümlich "
            "gesperrt hatte. Ich habe den Betrag gleich am nächsten Tag bezahlt. Das Schreiben des "
            "Inkassobüros kam am 24. November."
        ),
        "fees.payment_plan": (
            "Ich habe im Oktober meine Arbeit verloren und konnte deshalb den Betrag am 19. November "
            "nicht bezahlen. Mehr als diesen Monatsbetrag kann ich bis auf Weiteres nicht aufbringen."
        ),
    },
}
"""The user's own text for a claim on a payment 30 days later (one debit): cancelled or refunded
a week after a purchase whose debit is still to come, or fees after the debit failed."""


@dataclass(frozen=True)
class Case:
    lang: str
    request: str
    option: str | None
    channel: str
    variant: str = "full"
    follow_up: str | None = None
    """``reminder`` or ``formal_notice``: the case is that follow-up of the first request (variant
    ``follow-up``)."""

    @property
    def key(self) -> str:
        return f"{self.request}.{self.option}" if self.option else self.request

    @property
    def path(self) -> Path:
        kind = f"-{self.follow_up.replace('_', '-')}" if self.follow_up else ""
        name = f"{self.key.replace('.', '-')}{kind}-{self.channel}.txt"
        folder = EXPECTED / self.lang
        return folder / name if self.variant == "full" else folder / self.variant / name

    @property
    def today(self) -> date:
        """The day the message is written: :data:`TODAY` for a first message; a reminder of a data
        request once its legal month has passed (:data:`AFTER_THE_MONTH`), as the app offers it."""
        if self.follow_up == "reminder" and (
            self.key in registry.ONE_MONTH_ANSWER or self.request in registry.ONE_MONTH_ANSWER
        ):
            return AFTER_THE_MONTH
        if self.variant in (OVERTAKEN, FAILED):
            return OVERTAKEN_DAY
        return FOLLOW_UP_TODAY[self.follow_up] if self.follow_up else TODAY

    def __str__(self) -> str:
        kind = f"-{self.follow_up}" if self.follow_up else ""
        return f"{self.lang}-{self.variant}-{self.key}{kind}-{self.channel}"


FIRST_SENT = TODAY
"""The first request of a follow-up was sent by email on the day it was written."""
REMINDER_SENT = date(2026, 12, 12)
"""A formal notice follows a reminder sent by email on this day."""
AFTER_THE_MONTH = date(2026, 12, 28)
"""A reminder of a data request is written once the month the GDPR gives Alma has passed."""
FOLLOW_UP_TODAY = {"reminder": REMINDER_SENT, "formal_notice": date(2026, 12, 28)}
"""The day each follow-up is written."""
FOLLOW_UP_DAYS = {"reminder": 10, "formal_notice": FORMAL_NOTICE_DAYS}
"""The deadline the caller sets on the draft for each follow-up: a new one for a reminder, the
final one of a formal notice."""
FOLLOW_UP_BOTH = ("payment_issue.charged_twice", "installments.schedule")
"""A claim and a question: their reminder in every channel, and the claim's formal notice by email too."""


VARIANTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    # No order number, merchant, phone, plan, evidence, nor the merchant's dates.
    "minimal": tuple(
        (key, CHANNELS)
        for key in (
            "payment_issue.refused",
            "cancellation.cancel",
            "cancellation.modify",
            "refund.full",
            "refund.partial",
            "installments.missing_payment",
            "fees.contest",
            "unrecognised",
            "personal_data.access",
            "other",
        )
    ),
    "no-order": (("refund.full", ("email", "form")), ("installments.schedule", ("email",))),
    "no-merchant": (("cancellation.cancel", ("email", "letter")), ("refund.partial", ("email",))),
    "no-phone": (("payment_issue.charged_twice", ("email", "form")),),
    "one-file": (("payment_issue.charged_twice", CHANNELS),),
    "deferred": tuple(
        (f"installments.{q}", ("email",))
        for q in ("schedule", "missing_payment", "change_date", "early_repayment", "other")
    ),
    "credit": (("installments.early_repayment", ("email", "letter")),),
    # A 10x credit bought four days before: its 14 days of withdrawal still run.
    "withdrawal": (("cancellation.cancel", ("email", "letter")),),
    # The sums a claim names, left empty: the message asks instead of claiming.
    "no-sums": tuple(
        (key, ("email",))
        for key in (
            "payment_issue.charged_twice",
            "payment_issue.wrong_amount",
            "fees.contest",
            "cancellation.cancel",
            "refund.full",
            "cancellation.modify",
            "fees.payment_plan",
        )
    ),
    "no-deadline": (("refund.full", ("email",)),),
    # A payment 30 days later: cancelled or refunded before its one debit, or fees after it failed.
    "pay-later": (
        ("payment_issue.refused", ("email",)),
        ("cancellation.cancel", ("email", "letter")),
        ("cancellation.modify", ("email",)),
        ("refund.full", ("email",)),
        ("refund.partial", ("email",)),
        ("fees.contest", ("email",)),
        ("fees.payment_plan", ("email",)),
    ),
    # The merchant is named, but the draft gives none of its dates: it has not acted yet, or the
    # user does not say when.
    "merchant-no-dates": tuple(
        (key, ("email",))
        for key in ("cancellation.cancel", "cancellation.modify", "refund.full", "refund.partial")
    ),
    "first-of-month": (("payment_issue.refused", ("letter",)),),
    # A credit made since 20 November 2026: the older directive's articles are not cited.
    "recent-credit": (("installments.early_repayment", ("email",)),),
}
"""Variants of the full draft: which requests (``request.option``) on which channels."""


def _split(key: str) -> tuple[str, str | None]:
    request, _, option = key.partition(".")
    return request, option or None


def all_cases() -> list[Case]:
    cases = [
        Case(lang, request, option, channel)
        for lang in LANGUAGES
        for request, option in COMBINATIONS
        for channel in CHANNELS
    ]
    for variant, keys in VARIANTS.items():
        for key, channels in keys:
            request, option = _split(key)
            cases.extend(
                Case(lang, request, option, channel, variant) for lang in LANGUAGES for channel in channels
            )
    return cases + follow_up_cases()


def claims(lang: str, request: str, option: str | None) -> bool:
    """Whether the first message of the full draft claims an action or a sum: only then is a formal
    notice written after it (the caller reads ``extra["claims"]`` the same way)."""
    data = draft_data(Case(lang, request, option, "email"))
    data["evidence"] = []
    draft = Draft.model_validate(data, context={"today": TODAY})
    return bool(render.build(draft, today=TODAY).extra["claims"])


def follow_up_cases() -> list[Case]:
    """Every wording's reminder by email and, for a claim, its formal notice by registered letter; for
    :data:`FOLLOW_UP_BOTH`, the reminder in every channel and the claim's formal notice by email."""
    cases: list[Case] = []
    for lang in LANGUAGES:
        for request, option in COMBINATIONS:
            key = f"{request}.{option}" if option else request
            claim = claims(lang, request, option)
            kinds = [("reminder", channel) for channel in (CHANNELS if key in FOLLOW_UP_BOTH else ("email",))]
            if claim:
                channels = ("letter", "email") if key in FOLLOW_UP_BOTH else ("letter",)
                kinds += [("formal_notice", channel) for channel in channels]
            cases += [Case(lang, request, option, channel, "follow-up", kind) for kind, channel in kinds]
        # A withdrawal from a credit, reminded after its 14 days: it stays the withdrawal made in time.
        cases += [
            Case(lang, "cancellation", "cancel", ch, WITHDRAWAL_REMINDER, "reminder")
            for ch in ("email", "letter")
        ]
        # A request that time overtook: its reminder written once every instalment has fallen due.
        cases += [
            Case(lang, request, option, "email", OVERTAKEN, "reminder") for request, option in OVERTAKEN_KEYS
        ]
        # The same, where the person says the debit in question failed (the app asks it).
        cases += [Case(lang, request, option, "email", FAILED, "reminder") for request, option in FAILED_KEYS]
        # A reminder written with the sum debited by its day given: the exact claim (a formal notice of
        # these requests always has it, and so has the reminder written once every instalment has
        # fallen due: casework.needs_debited).
        cases += [
            Case(lang, request, option, "email", DEBITED, "reminder")
            for request, option in DEBITED_KEYS
            if not needs_debited(Case(lang, request, option, "email", "follow-up", "reminder"))
        ]
    return cases


WITHDRAWAL_REMINDER = "withdrawal-reminder"
"""The reminder of the ``withdrawal`` variant's first message."""

OVERTAKEN = "follow-up-overtaken"
"""A reminder written once every instalment of the first message's plan has fallen due (in every
language), before the day the person asked a debit to move to."""
OVERTAKEN_DAY = date(2026, 12, 22)
OVERTAKEN_KEYS = tuple(tuple(key.split(".")) for key in sorted(registry.OVERTAKEN))
"""The requests time overtakes (``registry.OVERTAKEN``)."""

FAILED = "follow-up-failed"
"""A reminder of a request time overtook, written the day of :data:`OVERTAKEN`, where the person says the
debit in question failed (``FollowUp.debit_failed``)."""
FAILED_KEYS = tuple(tuple(key.split(".")) for key in sorted(registry.DEBIT_FAILED))

DEBITED = "follow-up-debited"
"""A reminder written with the sum debited by its day given (``case next --debited``): every instalment
fallen due by then (:func:`debited_by`)."""
DEBITED_KEYS = (
    ("cancellation", "cancel"),
    ("cancellation", "modify"),
    ("refund", "full"),
    ("refund", "partial"),
)
"""The requests whose claim is weighed against the sum debited (``paid_amount``)."""


OTHER_DAYS = ("pay-later", "withdrawal", "withdrawal-reminder", "recent-credit", "first-of-month")
"""The variants whose purchase is made on another day, or paid later: not the full draft's next debit."""
DUE_DAY_KEYS = ("payment_issue.failed_debit", "installments.missing_payment", "fees.payment_plan")
"""The requests whose debit in question the full draft names by its day (``debit_date``)."""


def _account(case: Case) -> str:
    own = VARIANT_ACCOUNTS.get(case.variant, {}).get(case.lang, {})
    if case.key in own:
        return own[case.key]
    stated = case.variant not in WITHOUT_STATED_FACTS or (
        case.variant == "no-sums" and case.key in MERCHANT_STATED
    )
    if stated and case.key in ACCOUNTS[case.lang]:
        return ACCOUNTS[case.lang][case.key]
    return DESCRIPTIONS[case.lang][case.key]


def draft_data(case: Case) -> dict[str, Any]:
    """The draft of ``case`` as a TOML file would give it."""
    data = copy.deepcopy(BASE[case.lang])
    data.update(
        channel=case.channel,
        request=case.request,
        description=_account(case),
        evidence=_evidence(case.lang, case.key),
    )
    details: dict[str, str] = {}
    if case.option is not None:
        details[OPTION_KEY[case.request]] = case.option
    details.update(DETAILS[case.lang].get(case.request, {}))
    details.update(DETAILS[case.lang].get(case.key, {}))
    if details:
        data["details"] = details
    customer, tx = data["customer"], data["transaction"]
    if case.variant in ("minimal", "deferred", "pay-later") and case.key in DUE_DAY_KEYS:
        details.pop("debit_date", None)  # none given, or another plan's day
    if case.variant in OTHER_DAYS:
        details.pop("next_debit", None)  # the full draft's is another purchase's
    if case.variant == "minimal":
        for key in ("order_number", "merchant", "plan"):
            del tx[key]
        del customer["phone"]
        data["evidence"] = []
        for key in (
            "merchant_cancelled_on",
            "merchant_refunded_on",
            "paid_amount",
            "new_amount",
            "monthly_amount",
            "first_payment",
            "fee_amount",
            "collector",
            "subject",
            "next_debit",
            "wanted_date",
            "purpose",
        ):
            if not (key == "subject" and case.key in OWN):  # a request of one's own needs it
                details.pop(key, None)
    elif case.variant == "no-order":
        del tx["order_number"]
    elif case.variant == "no-merchant":
        del tx["merchant"]
    elif case.variant == "no-phone":
        del customer["phone"]
    elif case.variant == "one-file":
        data["evidence"] = data["evidence"][:1]
    elif case.variant == "deferred":
        # One debit, 30 days after the purchase: still to come on TODAY (26 November), except
        # for the debit that is missing, which was due a week before. Nothing debited yet.
        tx["plan"] = "d30"
        for key in ("paid_amount", "next_debit"):  # nothing debited yet; its day is known
            details.pop(key, None)
        if case.key not in OWN:  # its question is another one
            details.pop("subject", None)
        tx["date"] = "20/10/2026" if case.key == "installments.missing_payment" else "12/11/2026"
        data["description"] = DEFERRED_DESCRIPTIONS[case.lang][case.key]
        data["evidence"] = data["evidence"][:1]
    elif case.variant == "pay-later":
        # Fees: the debit was due on 19 November and failed; otherwise it is due on 12 December.
        tx["plan"] = "d30"
        details.pop("paid_amount", None)
        tx["date"] = "20/10/2026" if case.request == "fees" else "12/11/2026"
        for key in ("merchant_cancelled_on", "merchant_refunded_on"):
            if key in details:
                details[key] = "19/11/2026" if key == "merchant_cancelled_on" else "20/11/2026"
        data["description"] = PAY_LATER_DESCRIPTIONS[case.lang][case.key]
        data["evidence"] = data["evidence"][:1]
    elif case.variant == "merchant-no-dates":
        for key in ("merchant_cancelled_on", "merchant_refunded_on"):
            details.pop(key, None)
    elif case.variant == "credit":
        tx["plan"] = "10x"
        details.pop("paid_amount", None)  # the sum of 4 instalments, not of 10
    elif case.variant in ("withdrawal", WITHDRAWAL_REMINDER):
        tx["plan"], tx["date"] = "10x", "22/11/2026"
        for key in ("merchant_cancelled_on", "paid_amount"):
            details.pop(key, None)
        data["description"] = WITHDRAWAL_DESCRIPTIONS[case.lang]
    elif case.variant == "no-sums":
        for key in (
            "debited_amount",
            "debit_date",
            "expected_amount",
            "paid_amount",
            "new_amount",
            "monthly_amount",
            "fee_amount",
            "collector",
        ):
            details.pop(key, None)
    elif case.variant == "no-deadline":
        data["deadline_days"] = 0
    elif case.variant == "recent-credit":
        tx["plan"], tx["date"] = "10x", "20/11/2026"
        details.pop("paid_amount", None)
    elif case.variant == "first-of-month":
        tx["date"] = "1/9/2026"
    return data


def make_evidence(folder: Path) -> Path:
    """Create the evidence files of every case in ``folder`` (their content does not matter)."""
    for names in EVIDENCE.values():
        for name in names:
            (folder / name).write_bytes(b"evidence\n")
    for screenshot in REFUSAL_SCREENSHOT.values():
        (folder / screenshot["path"]).write_bytes(b"evidence\n")
    return folder


def build(case: Case, evidence_dir: Path) -> tuple[Draft, render.Message]:
    if case.follow_up is not None:
        return build_follow_up(case, evidence_dir)
    draft = Draft.model_validate(draft_data(case), context={"today": TODAY, "base_dir": evidence_dir})
    return draft, render.build(draft, today=TODAY)


def build_follow_up(case: Case, evidence_dir: Path) -> tuple[Draft, render.Message]:
    """The follow-up of the case's request, after its first message sent by email on
    :data:`FIRST_SENT` (and, for a formal notice, a reminder by email on :data:`REMINDER_SENT`)."""
    assert case.follow_up is not None
    first = Case(
        case.lang,
        case.request,
        case.option,
        "email",
        "withdrawal" if case.variant == WITHDRAWAL_REMINDER else "full",
    )
    _, sent = build(first, evidence_dir)
    earlier = [Earlier("request", FIRST_SENT, "email", sent.subject, language=case.lang, text=sent.text)]
    if case.follow_up == "formal_notice":
        reminder = Case(case.lang, case.request, case.option, "email", "follow-up", "reminder")
        _, reminded = build(reminder, evidence_dir)
        earlier.append(
            Earlier(
                "reminder", REMINDER_SENT, "email", reminded.subject, language=case.lang, text=reminded.text
            )
        )
    data = follow_up_document(draft_data(case), case.today)  # as casework writes a follow-up
    data["deadline_days"] = FOLLOW_UP_DAYS[case.follow_up]
    debited_on = debited_first = None
    key = (case.request, case.option)
    if key in DEBITED_KEYS and (case.variant == DEBITED or needs_debited(case)):
        # the sum debited by now, as the person gives it (casework.needs_debited)
        given = data["details"].get("paid_amount")  # the first message's, as casework reads it
        debited_first = parse_amount(given) if given is not None else None
        data["details"] = {**data["details"], "paid_amount": debited_by(data, case.today, evidence_dir)}
        debited_on = case.today
    draft = Draft.model_validate(data, context={"today": case.today, "base_dir": evidence_dir})
    follow_up = FollowUp(
        case.follow_up,
        tuple(earlier),
        debited_on=debited_on,
        debited_first=debited_first,
        debit_failed=case.variant == FAILED,
    )
    registered = case.follow_up == "formal_notice" and case.channel == "letter"
    message = render.build(draft, today=case.today, registered=registered, follow_up=follow_up)
    return draft, message


def needs_debited(case: Case) -> bool:
    """Whether the follow-up of ``case`` is written only with the sum debited by its day, as
    ``casework.needs_debited`` asks it: a formal notice; a reminder once every instalment has fallen
    due, or after a debit day since the first message gave the sum."""
    if case.follow_up == "formal_notice":
        return True
    data = {**follow_up_document(draft_data(case), case.today), "evidence": []}
    draft = Draft.model_validate(data, context={"today": TODAY})
    since = any(FIRST_SENT < day <= case.today for day in render.debit_days(draft))
    return render.instalments_over(draft, case.today) or since


def debited_by(data: dict[str, Any], day: date, evidence_dir: Path) -> str:
    """What the plan has debited by ``day``: every instalment fallen due (the fixtures' amounts divide
    into equal instalments), as the person reads it on the bank statement."""
    draft = Draft.model_validate(data, context={"today": TODAY, "base_dir": evidence_dir})
    days = render.debit_days(draft)
    due = sum(1 for d in days if d <= day)
    return format(draft.transaction.amount * due / len(days), ".2f")


CASES = all_cases()


def user_values(draft: Draft, message: render.Message) -> list[str]:
    """Everything in the message that comes from the user or from data, not from the wording."""
    lang = draft.language
    customer, tx, details = draft.customer, draft.transaction, draft.details
    values: list[str] = [
        customer.first_name,
        customer.last_name,
        customer.full_name,
        customer.email,
        *(v for v in (customer.street, customer.postal_code, customer.city) if v),
        render.country_name(customer.country, lang),
        render.country_name(customer.country, lang).upper(),
        render.format_amount(tx.amount, lang),
        render.format_day(tx.date, lang),
        *(
            render.format_day(day, lang)
            for day in (TODAY, REMINDER_SENT, *FOLLOW_UP_TODAY.values(), OVERTAKEN_DAY)
        ),
        draft.description,
        *draft.description.split("\n"),
        *(item.name for item in draft.evidence),
        message.to,
        message.form_url,
    ]
    values += [v for v in (tx.order_number, tx.merchant) if v]
    if customer.phone:
        values.append(message.form_fields["phone"])
    for key in ("merchant_cancelled_on", "merchant_refunded_on"):
        day = getattr(details, key, None)
        if day is not None:
            values.append(render.format_day(day, lang))
    amount = getattr(details, "refund_amount", None)
    if amount is not None:
        values.append(render.format_amount(amount, lang))
    return sorted({v for v in values if v.strip()}, key=len, reverse=True)


PLACEHOLDER = "§"
"""What stands for a user value in :func:`wording`: not a letter, so hunspell skips it."""


def wording(draft: Draft, message: render.Message) -> str:
    """The message text with every user value replaced by :data:`PLACEHOLDER`: only our words remain."""
    recipient = set(message.recipient)  # Alma's address is data too, but "Alma" alone is also a word of ours
    text = "\n".join(PLACEHOLDER if line in recipient else line for line in message.text.split("\n"))
    for value in user_values(draft, message):
        text = text.replace(value, PLACEHOLDER)
    return text
