"""The "request" step. Kind of request, its details, the channel and the message language."""

from __future__ import annotations

from .form import FormScreen


class RequestScreen(FormScreen):
    STEP_ID = "request"
