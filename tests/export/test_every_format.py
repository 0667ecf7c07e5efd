"""The same awkward name and description through every format, read back as a user's program would."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pypdf
import pytest

from .conftest import EMAIL, FIRST_NAME, LAST_NAME, SPECIAL_LINES, DraftFactory, Runner

NAME = f"{FIRST_NAME} {LAST_NAME}"
SHORT_DESCRIPTION = "\n".join(SPECIAL_LINES[1:3])
"""Short enough for a mailto: link, with the markup and template characters."""


def _read_back(fmt: str, data: bytes) -> str:
    """The text a person sees, from the bytes of each format."""
    if fmt in ("text",):
        return data.decode("utf-8")
    if fmt == "json":
        document = json.loads(data)
        return "\n".join([document["text"], *document["sender"]])
    if fmt == "eml":
        message = email.message_from_bytes(data, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        sender = message["From"].addresses[0].display_name
        return "\n".join([sender, body.get_content().replace("\r\n", "\n")])
    if fmt == "mailto":
        query = parse_qs(urlsplit(data.decode("ascii").strip()).query)
        return query["body"][0].replace("\r\n", "\n")
    if fmt == "pdf":
        from io import BytesIO

        reader = pypdf.PdfReader(BytesIO(data))
        return "\n".join(page.extract_text() for page in reader.pages)
    raise AssertionError(fmt)


@pytest.mark.parametrize(
    ("fmt", "channel"),
    [
        ("text", "email"),
        ("text", "letter"),
        ("text", "form"),
        ("json", "email"),
        ("eml", "email"),
        ("mailto", "email"),
        ("pdf", "letter"),
    ],
)
def test_names_and_description_arrive_as_typed(
    draft_file: DraftFactory, run: Runner, tmp_path: Path, fmt: str, channel: str
) -> None:
    draft = draft_file(channel=channel, description=SHORT_DESCRIPTION)
    result = run("render", draft, "--format", fmt, "-o", "-")
    assert result.returncode == 0, result.stderr.decode()
    seen = _read_back(fmt, result.stdout)
    lines = [line.strip() for line in seen.splitlines()]
    assert NAME in lines
    for line in SPECIAL_LINES[1:3]:
        assert line in lines
    if fmt != "mailto":
        assert EMAIL in seen
