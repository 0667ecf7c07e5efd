"""The terminal app (Textual). Only this package imports Textual."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def run(draft: Path | None, ui_lang: str, today: date | None = None, draft_ref: int | None = None) -> int:
    """Start the app (on a draft file, or on a draft of the store); returns the exit code."""
    from .app import AlmaContactApp

    app = AlmaContactApp(ui_lang=ui_lang, draft_path=draft, draft_ref=draft_ref, today=today)
    app.run()
    return app.return_code or 0
