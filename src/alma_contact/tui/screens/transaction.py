"""The "transaction" step. The payment: amount and date read back as they will be written, order number, merchant, plan."""

from __future__ import annotations

from .form import FormScreen


class TransactionScreen(FormScreen):
    STEP_ID = "transaction"
