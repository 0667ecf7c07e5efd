"""The evidence step describes each file: suggested when it is attached, edited, kept in the draft."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Label, Static
from tui_support import SIZE, make_app, plain, save_as, settle, shown, type_text

from alma_contact.answers import Answers
from alma_contact.tui.app import AlmaContactApp

LABEL = "Preuve du remboursement de 60,00 €"


def _files(folder: Path) -> tuple[Path, Path]:
    pdf = folder / "confirmation-commande.pdf"
    png = folder / "Screenshot 2026-10-14 at 12.03.45.png"
    pdf.write_bytes(b"%PDF-1.4\n")
    png.write_bytes(b"\x89PNG")
    return pdf, png


async def _on_evidence(pilot: Any, answers: Answers) -> None:
    app = pilot.app
    app.answers = answers
    app.goto("evidence")
    await pilot.pause()
    await pilot.pause()


def _rows(app: AlmaContactApp) -> list[tuple[str, str]]:
    """Each row's file name and description, as shown."""
    table = app.screen.query_one("#files", DataTable)
    return [
        (plain(str(row[0])), plain(str(row[1])))
        for row in (table.get_row_at(i) for i in range(table.row_count))
    ]


def _label_field(app: AlmaContactApp) -> Input:
    return app.screen.query_one("#label", Input)


async def test_attach_edit_and_the_draft_holds_the_description(
    isolated: Path, make_draft: Callable[[], dict[str, Any]]
) -> None:
    pdf, png = _files(isolated)
    answers = Answers.from_document(make_draft() | {"evidence": [], "language": "fr"}, base_dir=isolated)
    app = make_app("nl")  # the interface in Dutch, the message in French: descriptions are in French
    async with app.run_test(size=SIZE) as pilot:
        await _on_evidence(pilot, answers)
        assert app.focused is app.screen.query_one("#path", Input)
        assert not app.screen.query_one("#describe").display  # no file, nothing to describe

        await type_text(pilot, str(pdf))
        await pilot.press("enter")
        await settle(pilot)
        # The suggestion, in the message's language, in the list and in its labelled field, which has the focus.
        assert _rows(app) == [("confirmation-commande.pdf", "Confirmation commande (PDF)")]
        field = _label_field(app)
        assert app.focused is field and field.value == "Confirmation commande (PDF)"
        question = shown(app.screen.query_one("#label-question", Label))
        assert question == "Beschrijving van “confirmation-commande.pdf”:"

        # Typed at the end of the suggestion, then Enter: back to the path, for the next file.
        await type_text(pilot, " du 14 octobre")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#path", Input)
        assert app.answers.get("evidence") == [
            {"path": str(pdf), "label": "Confirmation commande (PDF) du 14 octobre"}
        ]

        await type_text(pilot, str(png))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k")  # the whole suggestion replaced
        await type_text(pilot, LABEL)
        await settle(pilot)
        assert _rows(app) == [
            ("confirmation-commande.pdf", "Confirmation commande (PDF) du 14 octobre"),
            ("Screenshot 2026-10-14 at 12.03.45.png", LABEL),
        ]

        # The first file chosen in the list: its own description in the field.
        app.screen.query_one("#files", DataTable).focus()
        await pilot.press("up")
        await settle(pilot)
        assert _label_field(app).value == "Confirmation commande (PDF) du 14 octobre"

        # A description emptied: the file is a plain path again.
        _label_field(app).focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await settle(pilot)
        assert app.answers.get("evidence") == [str(pdf), {"path": str(png), "label": LABEL}]
        placeholder = _label_field(app).placeholder
        assert placeholder == "bijvoorbeeld Confirmation commande (PDF)"  # the suggestion, to start again

        await pilot.press("ctrl+s")
        await pilot.pause()
        target = isolated / "saved.toml"
        await save_as(pilot, target)

    saved = tomllib.loads(target.read_text(encoding="utf-8"))
    assert saved["evidence"] == [str(pdf), {"path": str(png), "label": LABEL}]
    draft, error = Answers.load(target).validate()
    assert error is None, error
    assert draft is not None and [item.label for item in draft.evidence] == [None, LABEL]


async def test_a_reopened_draft_shows_its_descriptions(
    isolated: Path, make_draft: Callable[[], dict[str, Any]]
) -> None:
    pdf, png = _files(isolated)
    source = isolated / "draft.toml"
    text = Answers.from_document(
        make_draft() | {"evidence": [pdf.name, {"path": png.name, "label": LABEL}]}, base_dir=isolated
    ).to_toml(source)
    source.write_text(text, encoding="utf-8")
    app = make_app("fr", draft_path=source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.goto("evidence")
        await settle(pilot)
        assert _rows(app) == [(pdf.name, ""), (png.name, LABEL)]
        table = app.screen.query_one("#files", DataTable)
        table.focus()
        await pilot.press("down")
        await settle(pilot)
        assert _label_field(app).value == LABEL
        question = shown(app.screen.query_one("#label-question", Label))
        assert question == f"Description de « {png.name} » :"  # no-break spaces, shown as spaces


async def test_focus_order_reaches_the_description(
    isolated: Path, make_draft: Callable[[], dict[str, Any]]
) -> None:
    """With the keyboard alone: path, Add, Browse, the list, the description."""
    pdf, _ = _files(isolated)
    answers = Answers.from_document(make_draft() | {"evidence": [str(pdf)]}, base_dir=isolated)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await _on_evidence(pilot, answers)
        order = []
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not None
            order.append(app.focused.id)
        assert order == ["add", "browse", "files", "label"]


async def test_a_wrong_description_is_said_and_stops_next(
    isolated: Path, make_draft: Callable[[], dict[str, Any]]
) -> None:
    pdf, _ = _files(isolated)
    answers = Answers.from_document(
        make_draft() | {"evidence": [{"path": str(pdf), "label": "x" * 121}]}, base_dir=isolated
    )
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await _on_evidence(pilot, answers)
        error = shown(app.screen.query_one("#label-error", Static))
        assert error == "The description is 121 characters long; the limit is 120."
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.current == "evidence" and app.focused is _label_field(app)
        await pilot.press("backspace")
        await settle(pilot)
        assert shown(app.screen.query_one("#label-error", Static)) == ""
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.current == "review"


async def test_a_name_or_description_is_never_markup(
    isolated: Path, make_draft: Callable[[], dict[str, Any]]
) -> None:
    odd = isolated / "[bold]relevé [i].pdf"
    odd.write_bytes(b"%PDF-1.4\n")
    answers = Answers.from_document(
        make_draft() | {"evidence": [{"path": str(odd), "label": "[red]Relevé[/red] {{ x }}"}]},
        base_dir=isolated,
    )
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await _on_evidence(pilot, answers)
        assert _rows(app) == [("[bold]relevé [i].pdf", "[red]Relevé[/red] {{ x }}")]
        question = shown(app.screen.query_one("#label-question", Label))
        assert question == "Description of “[bold]relevé [i].pdf”:"
