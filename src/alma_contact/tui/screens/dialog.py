"""What the app's dialogs share: their stylesheet, and the app typed as the app's own.

(A module of its own: the first screen does without dialogs.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual import getters
from textual.screen import ModalScreen

from ..app import AlmaContactApp

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A dialog over a screen of the app, whose answer (``dismiss``) is a ``ResultT``."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")  # absolute: Textual would look beside the main script

    app = getters.app(AlmaContactApp)
    """The app, with its own attributes known to the type checker (checked when read)."""
