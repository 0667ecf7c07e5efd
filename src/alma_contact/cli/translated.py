"""argparse in the interface language: its words from our catalogue, its errors with our exit code."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from ..i18n import N_, translate, translations
from .exits import EXIT_INVALID


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are said in ``ui_lang`` and exit with :data:`EXIT_INVALID`."""

    def __init__(self, *args: Any, ui_lang: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ui_lang = ui_lang

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        prefix = translate(self.ui_lang, N_("error:"))
        self.exit(EXIT_INVALID, f"{self.prog}: {prefix} {message}\n")


def localise_argparse(lang: str) -> None:
    """argparse's own words (usage, errors) come from our catalogue too."""
    argparse._ = translations(lang).gettext  # type: ignore[attr-defined]
    argparse.ngettext = translations(lang).ngettext  # type: ignore[attr-defined]
