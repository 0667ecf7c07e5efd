"""The "you" step. Who writes: name, and the email and phone used for the purchase; the address for a letter."""

from __future__ import annotations

from .form import FormScreen


class YouScreen(FormScreen):
    STEP_ID = "you"
