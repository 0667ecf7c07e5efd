"""Widgets of the app: fields that clean what is pasted, and one box per question."""
