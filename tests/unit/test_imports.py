"""The headless path never loads the terminal app (Textual) nor the PDF engine (Typst).

Checked in fresh processes, because the test process itself may have imported anything.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import alma_contact

PACKAGE = Path(alma_contact.__file__).parent
HEADLESS_MODULES = [
    "alma_contact",
    "alma_contact.cli",
    "alma_contact.cli.commands",
    "alma_contact.settings",
    "alma_contact.model",
    "alma_contact.render",
    "alma_contact.drafts",
    "alma_contact.checks",
    "alma_contact.parsing",
    "alma_contact.errors",
    "alma_contact.export.save",
    "alma_contact.export.json",
    "alma_contact.escalation",
    "alma_contact.casefile",
]
HEAVY = ("textual", "typst")

DRAFT = """\
request = "payment_issue"
description = "Mon paiement a été refusé alors que ma carte est valide et approvisionnée."
[customer]
first_name = "An"
last_name = "Peeters"
email = "an.peeters@example.be"
[transaction]
amount = "149,99"
date = "2/11/2026"
[details]
issue = "refused"
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("ALMA_CONTACT_", "PYTHONPROFILEIMPORTTIME"))
    }
    env.update(
        LANG="C.UTF-8",
        ALMA_CONTACT_TODAY="2026-11-26",
        ALMA_CONTACT_CONFIG=str(tmp_path / "missing" / "config.toml"),
    )
    return env


def _probe(code: str, tmp_path: Path) -> set[str]:
    """Top-level packages a fresh interpreter running ``code`` prints (its last line, as JSON)."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _loaded(names: list[str], tmp_path: Path) -> set[str]:
    """Top-level packages in sys.modules after importing ``names`` in a fresh interpreter."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    return _probe(code, tmp_path)


@pytest.mark.parametrize("module", HEADLESS_MODULES)
def test_headless_module_does_not_import_textual(module: str, tmp_path: Path) -> None:
    loaded = _loaded([module], tmp_path)
    assert "alma_contact" in loaded  # the probe really imported something
    assert "textual" not in loaded
    assert "typst" not in loaded


def test_all_headless_modules_together(tmp_path: Path) -> None:
    loaded = _loaded(HEADLESS_MODULES, tmp_path)
    assert not loaded & set(HEAVY)


def test_the_probe_can_see_textual(tmp_path: Path) -> None:
    """Guard against a probe that never fails: importing Textual itself shows up."""
    pytest.importorskip("textual")
    assert "textual" in _loaded(["textual"], tmp_path)


def _imported_by_command(args: list[str], tmp_path: Path, *, script: bool = False) -> set[str]:
    """Every module a run of the command imported, from Python's -X importtime report."""
    (tmp_path / "draft.toml").write_text(DRAFT, encoding="utf-8")
    env = _env(tmp_path)
    if script:
        import shutil
        import sysconfig

        path = Path(sysconfig.get_path("scripts")) / "alma-contact"
        found = str(path) if path.exists() else shutil.which("alma-contact")
        if found is None:
            pytest.skip("the alma-contact script is not installed")
        command = [found, *args]
        env["PYTHONPROFILEIMPORTTIME"] = "1"
    else:
        command = [sys.executable, "-X", "importtime", "-m", "alma_contact", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            modules.add(name)
    assert "alma_contact.render" in modules or "render" not in args, "the report was not read"
    return modules


@pytest.mark.parametrize("script", [False, True], ids=["python -m", "script"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_render_does_not_import_textual_nor_typst(tmp_path: Path, script: bool, fmt: str) -> None:
    modules = _imported_by_command(["render", "draft.toml", "--format", fmt], tmp_path, script=script)
    assert "alma_contact.model" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == []


@pytest.mark.parametrize("args", [["check", "draft.toml"], ["new", "-o", "-"]])
def test_check_and_new_do_not_import_textual_nor_typst(tmp_path: Path, args: list[str]) -> None:
    modules = _imported_by_command(args, tmp_path)
    assert not {m for m in modules if m.split(".")[0] in HEAVY}


def _imports_of(path: Path) -> set[str]:
    """Modules a source file imports, wherever the import statement is (top level or inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def test_no_file_outside_tui_imports_textual() -> None:
    tui = PACKAGE / "tui"
    sources = [p for p in PACKAGE.rglob("*.py") if tui not in p.parents]
    assert PACKAGE / "model.py" in sources
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(m for m in _imports_of(p) if m.split(".")[0] == "textual")
        for p in sources
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_the_scan_finds_textual_imports(tmp_path: Path) -> None:
    """Guard against a scan that never fails."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n    from textual.app import App\n    import textual.widgets\n"
        "    import importlib\n    importlib.import_module('textual.screen')\n",
        encoding="utf-8",
    )
    assert _imports_of(sample) >= {"textual.app", "textual.widgets", "textual.screen"}


def test_the_start_screen_does_without_the_model(tmp_path: Path) -> None:
    """The app's first screen loads neither the draft model (pydantic) nor Jinja2 nor typst: pydantic
    alone cost a quarter of the start-up and some 10 MiB (the start benchmark's target is 1.25)."""
    code = (
        "import json, sys\n"
        "from alma_contact.tui.app import AlmaContactApp\n"
        "app = AlmaContactApp(ui_lang='fr', blink=False)\n"
        "async def first(pilot):\n"
        "    await pilot.pause()\n"
        "    print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "    app.exit()\n"
        "app.run(headless=True, size=(80, 24), auto_pilot=first)\n"
    )
    loaded = _probe(code, tmp_path)
    assert "textual" in loaded  # the probe did start the app
    assert not loaded & {"pydantic", "pydantic_core", "jinja2", "typst"}, sorted(loaded)
