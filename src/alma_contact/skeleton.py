"""The draft that ``alma-contact new`` writes: every key, a comment on each, in the interface language."""

from __future__ import annotations

import jinja2

from .i18n import translations
from .model import DETAILS_BY_REQUEST
from .render import templates_dir


def details_defaults() -> dict[str, dict[str, str]]:
    """Each request's ``[details]`` defaults as the model has them (empty text for "not given")."""
    return {
        kind: {
            name: "" if field.default is None else str(field.default)
            for name, field in model.model_fields.items()
        }
        for kind, model in DETAILS_BY_REQUEST.items()
    }


def skeleton(*, request: str | None, channel: str, language: str, ui_lang: str) -> str:
    """A TOML draft to fill in; ``check`` names every key still empty."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(ui_lang), newstyle=True)  # type: ignore[attr-defined]
    kinds = [request] if request else list(DETAILS_BY_REQUEST)
    text = env.get_template("draft.toml.j2").render(
        request=request or "", channel=channel, language=language, kinds=kinds, defaults=details_defaults()
    )
    return text.rstrip() + "\n"
