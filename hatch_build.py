"""Build hook: compile the interface catalogues (``.po`` to ``.mo``) into the wheel.

The ``.mo`` files are build output and are not committed, so that a fresh
checkout never depends on the version of the tool that compiled them. An
editable install gets them beside the ``.po`` files (ignored by git).
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LANGUAGES = ("en", "fr", "nl", "de")


def _i18n(root: Path) -> Any:
    """The package's own i18n module, loaded by path (it imports only the standard library)."""
    spec = importlib.util.spec_from_file_location("_alma_contact_i18n", root / "src/alma_contact/i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        i18n = _i18n(root)
        locale_dir = root / "src" / "alma_contact" / "locale"
        if version == "editable":
            out_dir = locale_dir
        else:
            out_dir = self._temporary = Path(tempfile.mkdtemp(prefix="alma-contact-mo-"))
        for lang in LANGUAGES:
            po = i18n.po_path(lang, locale_dir)
            mo = i18n.po_path(lang, out_dir).with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(i18n.compile_catalogue(po, lang))
            if version != "editable":
                target = f"alma_contact/locale/{lang}/LC_MESSAGES/{mo.name}"
                build_data["force_include"][str(mo)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temporary = getattr(self, "_temporary", None)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
