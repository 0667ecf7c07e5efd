"""The settings: an environment variable, then the config file, then the default; read in one place."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import alma_contact
from alma_contact import settings
from alma_contact.i18n import UI_LANGUAGES, translations
from alma_contact.model import Recipient
from alma_contact.settings import (
    CACHE_KEY,
    CACHE_VARIABLE,
    CONFIG_VARIABLE,
    TODAY_VARIABLE,
    VARIABLES,
    SettingInvalid,
    current,
)

PACKAGE = Path(alma_contact.__file__).parent
README = PACKAGE.parents[1] / "README.md"


def config(tmp_path: Path, text: str, name: str = "config.toml") -> dict[str, str]:
    """A config file holding ``text``, and the variable that names it."""
    path = tmp_path / "cfg" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return {CONFIG_VARIABLE: str(path)}


# --- the config file --------------------------------------------------------------------


def test_the_config_file_is_the_variable_else_the_platforms(tmp_path: Path) -> None:
    chosen = tmp_path / "mine.toml"
    assert current({CONFIG_VARIABLE: str(chosen)}).config_file == chosen
    default = current({}).config_file
    assert default.name == "config.toml" and default.parent.name == "alma-contact"
    assert current({CONFIG_VARIABLE: ""}).config_file == default  # set but empty: not set


def test_only_the_programs_own_variables_are_kept() -> None:
    environ = {name: "x" for name in VARIABLES} | {"HOME": "/home/an", "LANG": "fr_BE.UTF-8"}
    assert set(current(environ).variables) == set(VARIABLES)


# --- today ------------------------------------------------------------------------------


def test_today_is_the_variable_else_the_computers_date() -> None:
    fixed = current({TODAY_VARIABLE: "2026-11-26"})
    assert fixed.today == fixed.day() == date(2026, 11, 26)
    free = current({})
    assert free.today is None
    assert free.day() == date.today()
    assert current({TODAY_VARIABLE: ""}).today is None


@pytest.mark.parametrize("value", ["26/11/2026", "2026-13-01", "tomorrow", "2026-11-26\x1b[2J"])
@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_a_wrong_today_is_said_in_the_interface_language(value: str, lang: str) -> None:
    with pytest.raises(SettingInvalid) as raised:
        _ = current({TODAY_VARIABLE: value}).today
    text = raised.value.text(lang)
    assert TODAY_VARIABLE in text
    assert "\x1b" not in text  # the value is echoed escaped
    template = translations(lang).gettext(settings._BAD_TODAY)
    if lang != "en":
        assert template != settings._BAD_TODAY
    assert text.startswith(template.split("{")[0] + TODAY_VARIABLE)


# --- the template cache: the variable, then the config file, then the default ------------


def test_the_cache_variable_wins_over_the_config_file(tmp_path: Path) -> None:
    env = config(tmp_path, f'{CACHE_KEY} = "{tmp_path / "from-file"}"\n')
    assert (
        current({**env, CACHE_VARIABLE: str(tmp_path / "from-env")}).template_cache == tmp_path / "from-env"
    )
    assert current({**env, CACHE_VARIABLE: ""}).template_cache is None  # empty: no cache at all


def test_the_config_file_wins_over_the_default(tmp_path: Path) -> None:
    env = config(tmp_path, f'{CACHE_KEY} = "{tmp_path / "from-file"}"\n')
    assert current(env).template_cache == tmp_path / "from-file"


def test_the_default_cache_is_the_platforms(tmp_path: Path) -> None:
    default = current({CONFIG_VARIABLE: str(tmp_path / "none.toml")}).template_cache
    assert default is not None
    assert default.name == "templates" and default.parent.name == "alma-contact"
    assert current(config(tmp_path, '[recipient]\nemail = "me@example.be"\n')).template_cache == default


def test_a_relative_cache_starts_from_the_config_files_folder(tmp_path: Path) -> None:
    env = config(tmp_path, f'{CACHE_KEY} = "compiled"\n')
    assert current(env).template_cache == tmp_path / "cfg" / "compiled"


def test_a_cache_under_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    env = config(tmp_path, f'{CACHE_KEY} = "~/compiled"\n')
    assert current(env).template_cache == tmp_path / "home" / "compiled"


def test_an_empty_cache_in_the_config_file_keeps_none(tmp_path: Path) -> None:
    assert current(config(tmp_path, f'{CACHE_KEY} = ""\n')).template_cache is None


# --- a config file with a mistake is not used at all --------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (f'{CACHE_KEY} = 3\n[recipient]\nemail = "me@example.be"\n', CACHE_KEY),
        (f'{CACHE_KEY} = "x"\n[recipient]\nemail = "not an email"\n', "recipient.email"),
    ],
)
def test_a_config_file_with_a_mistake_is_not_used(tmp_path: Path, text: str, key: str) -> None:
    env = config(tmp_path, text)
    chosen = current(env)
    assert chosen.recipient == Recipient()
    assert chosen.template_cache == current({CONFIG_VARIABLE: str(tmp_path / "none.toml")}).template_cache
    problems = chosen.problems("en")
    assert [p.key for p in problems] == [f"{env[CONFIG_VARIABLE]}: {key}"]


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_config_problems_are_said_in_each_language(tmp_path: Path, lang: str) -> None:
    chosen = current(config(tmp_path, "[recipient\n"))
    (problem,) = chosen.problems(lang)
    template = translations(lang).gettext(settings._CONFIG_TOML)
    assert problem.message.startswith(template.split("{")[0])


def test_the_recipient_comes_from_the_config_file(tmp_path: Path) -> None:
    chosen = current(config(tmp_path, '[recipient]\nemail = "me@example.be"\n'))
    assert chosen.recipient.email == "me@example.be"
    assert chosen.problems("en") == []


def test_no_config_file_no_problem(tmp_path: Path) -> None:
    chosen = current({CONFIG_VARIABLE: str(tmp_path / "none.toml")})
    assert chosen.recipient == Recipient() and chosen.problems("en") == []


def test_the_config_file_is_read_once_per_settings(tmp_path: Path) -> None:
    env = config(tmp_path, f'{CACHE_KEY} = "a"\n')
    chosen = current(env)
    assert chosen.template_cache == tmp_path / "cfg" / "a"
    Path(env[CONFIG_VARIABLE]).write_text(f'{CACHE_KEY} = "b"\n', encoding="utf-8")
    assert chosen.template_cache == tmp_path / "cfg" / "a"  # the same object: read once
    assert current(env).template_cache == tmp_path / "cfg" / "b"  # new settings: read again


# --- one place, documented, cheap ---------------------------------------------------------


def test_no_other_module_reads_the_programs_variables() -> None:
    readers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ALMA_CONTACT_" in path.read_text(encoding="utf-8")
    )
    assert readers == ["settings.py"]


def _settings_section() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"^## Settings\n(.*?)^## ", text, re.DOTALL | re.MULTILINE)
    assert found, "the README has no Settings section"
    return found[1]


def test_the_readme_documents_every_setting() -> None:
    section = _settings_section()
    for name in VARIABLES:
        assert f"`{name}`" in section
    assert f"`{CACHE_KEY}`" in section
    for key in Recipient.model_fields:
        assert f"`[recipient]` `{key}`" in section


def test_reading_the_settings_loads_neither_pydantic_nor_platformdirs(tmp_path: Path) -> None:
    """The app's start asks for "today" only: that must not cost the draft model's import."""
    code = (
        "import json, sys\n"
        "from alma_contact.settings import current\n"
        "print(current().today)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    env = {"PATH": "/usr/bin:/bin", TODAY_VARIABLE: "2026-11-26", CONFIG_VARIABLE: str(tmp_path / "c.toml")}
    (tmp_path / "c.toml").write_text('[recipient]\nemail = "me@example.be"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    first, modules = done.stdout.strip().splitlines()
    assert first == "2026-11-26"
    loaded = set(json.loads(modules))
    assert "alma_contact" in loaded
    assert not loaded & {"pydantic", "pydantic_core", "platformdirs", "jinja2"}, sorted(loaded)


def test_a_config_file_that_is_not_utf8_or_not_a_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff\xfe[recipient]\n")
    (problem,) = current({CONFIG_VARIABLE: str(path)}).problems("en")
    assert problem.key == str(path) and "UTF-8" in problem.message
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    (problem,) = current({CONFIG_VARIABLE: str(folder)}).problems("en")
    assert "is a folder" in problem.message


def test_the_reply_delay_is_the_config_files_else_ten_days(tmp_path: Path) -> None:
    assert current({}).reply_days == 10
    assert current(config(tmp_path, "reply_days = 5\n")).reply_days == 5


@pytest.mark.parametrize("value", ["0", "366", '"10"', "true", "2.5"])
def test_a_wrong_reply_delay_is_said_and_the_file_not_used(tmp_path: Path, value: str) -> None:
    settings = current(config(tmp_path, f"reply_days = {value}\n"))
    assert settings.reply_days == 10
    problems = settings.problems("fr")
    assert len(problems) == 1 and "reply_days" in problems[0].key
    assert "1" in problems[0].message and "365" in problems[0].message
