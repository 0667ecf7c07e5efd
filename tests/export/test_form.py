"""Text for Alma's online form: one labelled block per field, to paste one at a time."""

from __future__ import annotations

import pytest

from alma_contact.languages import LANGUAGES

from .conftest import DESCRIPTION, EMAIL, FIRST_NAME, LAST_NAME, DraftFactory, Runner

FIELDS = ("last_name", "first_name", "email", "phone")


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_one_labelled_block_per_field(
    draft_file: DraftFactory, run: Runner, rendered_json, lang: str
) -> None:
    draft = draft_file(channel="form", language=lang)
    document = rendered_json(draft)
    fields = document["fields"]
    assert (fields["last_name"], fields["first_name"], fields["email"]) == (LAST_NAME, FIRST_NAME, EMAIL)
    assert fields["phone"] == "+32 470 12 34 56"
    result = run("render", draft)
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert text == document["text"]
    blocks = _blocks(text)
    assert blocks[0][0].endswith(" https://almapay.com/fr-FR/nous-contacter")
    # label, value: one short block each, in the form's order
    for block, key in zip(blocks[1:5], FIELDS, strict=True):
        assert len(block) == 2, block
        assert block[1] == fields[key]
        assert block[0] and block[0] != block[1]
    subject = blocks[5]
    assert subject[1] == document["subject"] and len(subject) == 2
    message_at = text.index(fields["message"])
    label = text[:message_at].rstrip("\n").rsplit("\n", 1)[-1]
    assert label and label not in fields["message"]
    assert text.rstrip("\n").endswith(fields["message"])
    assert DESCRIPTION in fields["message"]


def test_message_has_no_letter_formalities(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    form = rendered_json(draft_file(channel="form"))
    letter = rendered_json(draft_file(channel="letter"))
    message = form["fields"]["message"]
    letter_closing = letter["body"].rstrip().splitlines()[-2]
    language = LANGUAGES[form["language"]]
    if language.closing["form"] != language.closing["letter"]:  # French keeps the letter's formula
        assert letter_closing not in message
    assert letter["place_date"] not in form["text"]
    assert "Rue de la Loi 16" not in form["text"]  # no address block
    assert "FRANCE" not in form["text"]


def test_missing_phone_still_has_its_block(draft_file: DraftFactory, run: Runner, rendered_json) -> None:
    draft = draft_file(channel="form")
    draft.write_text(
        draft.read_text(encoding="utf-8").replace('phone = "0470 12 34 56"\n', ""), encoding="utf-8"
    )
    document = rendered_json(draft)
    assert document["fields"]["phone"] == ""
    blocks = _blocks(document["text"])
    assert len(blocks[4]) == 2 and blocks[4][1]  # a placeholder, so the block keeps its shape
