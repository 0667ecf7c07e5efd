"""The draft that ``alma-contact new`` writes: every key, a comment on each, in the interface language.

The ``[details]`` blocks, the lists of choices and the limits come from the
registry; the template ``draft.toml.j2`` only lays them out.
"""

from __future__ import annotations

import jinja2

from . import languages, registry
from .errors import grouped
from .i18n import translate, translations
from .render import templates_dir


def _listed(choices: tuple[registry.Choice, ...], lang: str) -> str:
    return registry.listed(choices, lang, quoted=True)


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
    kinds = [registry.REQUESTS[request]] if request else list(registry.REQUESTS.values())
    text = env.get_template("draft.toml.j2").render(
        request=request or "",
        channel=channel,
        language=language,
        kinds=kinds,
        limit=grouped(registry.LIMITS["description"]),
        deadline=registry.DEADLINE_DAYS,
        choices={
            "language": _listed(languages.choices(), ui_lang),
            "channel": _listed(registry.CHANNELS, ui_lang),
            "request": _listed(registry.request_choices(), ui_lang),
            "plan": _listed(registry.plan_choices(), ui_lang),
        },
        comment=lambda detail: translate(
            ui_lang,
            detail.comment,
            choices=_listed(detail.choices, ui_lang),
            example=detail.placeholder,
            limit=detail.limit,
        ),
    )
    return text.rstrip() + "\n"
