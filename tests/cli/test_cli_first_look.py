"""The first look at the command line: ``--ui-lang`` and ``--debug`` anywhere, and the app or a command.

argparse reads the arguments (no hand-written scan): no command, or one word that
is not a command, starts the app; anything else goes to the full parser. The app
itself is replaced by a recorder here, so that the path to it can be followed
without a terminal; the real processes check what a person sees without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from cli_support import TODAY, Run, assert_clean_failure

from alma_contact import tui
from alma_contact.cli import main
from alma_contact.cli.arguments import COMMANDS, FirstLook, build_parser, first_look
from alma_contact.cli.commands import BY_NAME
from alma_contact.cli.exits import UNEXPECTED
from alma_contact.cli.translated import localise_argparse
from alma_contact.i18n import UI_LANGUAGES, translations

NO_TERMINAL = (
    "alma-contact: the app needs a terminal. Without one, use the commands: "
    "alma-contact new, check and render (alma-contact --help lists them)."
)


def said(lang: str, message: str) -> str:
    text = translations(lang).gettext(message)
    if lang != "en":
        assert text != message, f"no {lang} translation of {message!r}"
    return text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], FirstLook(app=True)),
        (["--ui-lang", "fr"], FirstLook(ui_lang="fr", app=True)),
        (["--ui-lang=nl"], FirstLook(ui_lang="nl", app=True)),
        (["--debug"], FirstLook(debug=True, app=True)),
        (["draft.toml", "--debug"], FirstLook(debug=True, app=True, draft="draft.toml")),
        (["--debug", "draft.toml", "--ui-lang", "nl"], FirstLook("nl", True, True, "draft.toml")),
        (["--", "draft.toml"], FirstLook(app=True, draft="draft.toml")),
        (["--data-dir", "d", "@3"], FirstLook(app=True, draft="@3", data_dir="d")),
        (["drafts", "list", "--data-dir=d"], FirstLook(data_dir="d")),
        (["--ui-lang=nl", "check", "x"], FirstLook(ui_lang="nl")),
        (["check", "x", "--ui-lang", "fr", "--debug"], FirstLook(ui_lang="fr", debug=True)),
        (["render", "x", "--format", "json"], FirstLook()),
        (["a.toml", "b.toml"], FirstLook()),
        (["--help"], FirstLook()),
        (["--version"], FirstLook()),
        (["--bogus"], FirstLook()),
        (["--ui-lang"], FirstLook()),  # no value: the full parser says so
        (["--ui-lang", "es"], FirstLook()),  # not an interface language: likewise
    ],
)
def test_first_look(args: list[str], expected: FirstLook) -> None:
    assert first_look(args) == expected


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_alone_is_never_the_app(command: str) -> None:
    assert not first_look([command]).app
    assert first_look([f"{command}.toml"]).app  # a draft file with a command's name is one


def test_the_parser_and_the_dispatch_know_the_same_commands(capsys: pytest.CaptureFixture[str]) -> None:
    localise_argparse("en")  # argparse's words are the process's: another test may have changed them
    with pytest.raises(SystemExit):
        build_parser("en").parse_args(["no-such-command"])
    listed = re.search(r"choose from (.*)\)", capsys.readouterr().err)
    assert listed is not None
    assert tuple(re.findall(r"'([^']+)'", listed[1])) == COMMANDS
    assert tuple(BY_NAME) == COMMANDS


@dataclass
class Recorder:
    """Stands for the terminal app: records how it was started."""

    calls: list[tuple[Path | None, str, date | None]] = field(default_factory=list)
    refs: list[int | None] = field(default_factory=list)
    fails: bool = False

    def __call__(
        self, draft: Path | None, ui_lang: str, today: date | None = None, draft_ref: int | None = None
    ) -> int:
        self.calls.append((draft, ui_lang, today))
        self.refs.append(draft_ref)
        if self.fails:
            raise RuntimeError("the app broke")
        return 0


class _Terminal:
    """Standard input or output as a terminal reports it."""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Recorder:
    """The recorder in the app's place; :func:`terminal` then makes the streams terminals."""
    recorder = Recorder()
    monkeypatch.setattr(tui, "run", recorder)
    monkeypatch.setenv("ALMA_CONTACT_TODAY", TODAY)
    monkeypatch.setenv("ALMA_CONTACT_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.toml").write_text('request = "other"\n', encoding="utf-8")
    return recorder


def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input and output are terminals, for the rest of the test (set in the test itself:
    pytest puts its own capture back on ``sys.stdout`` between a fixture and the test)."""
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("sys.stdout", _Terminal())


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_ui_lang_alone_starts_the_app(app: Recorder, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    terminal(monkeypatch)
    assert main(["--ui-lang", lang]) == 0
    assert app.calls == [(None, lang, date.fromisoformat(TODAY))]


@pytest.mark.parametrize("args", [["draft.toml", "--debug"], ["--debug", "draft.toml"], ["draft.toml"]])
def test_a_draft_path_starts_the_app_on_it(
    app: Recorder, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    terminal(monkeypatch)
    assert main([*args, "--ui-lang=nl"]) == 0
    assert app.calls == [(Path("draft.toml"), "nl", date.fromisoformat(TODAY))]


def test_a_draft_number_starts_the_app_on_the_stored_draft(
    app: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal(monkeypatch)
    assert main(["@12", "--ui-lang=nl"]) == 0
    assert app.calls == [(None, "nl", date.fromisoformat(TODAY))] and app.refs == [12]
    assert main(["@twelve", "--ui-lang=en"]) == 2
    assert "@3" in capsys.readouterr().err and len(app.calls) == 1


def test_debug_shows_what_broke_the_app(
    app: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal(monkeypatch)
    app.fails = True
    with pytest.raises(RuntimeError, match="the app broke"):
        main(["draft.toml", "--debug"])
    capsys.readouterr()
    assert main(["draft.toml", "--ui-lang", "fr"]) == 1
    assert capsys.readouterr().err.strip() == said("fr", UNEXPECTED)


def test_a_command_never_starts_the_app(
    app: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal(monkeypatch)
    assert main(["--ui-lang=nl", "check", "draft.toml"]) == 2  # the draft lacks keys
    assert app.calls == []
    assert said("nl", "{name} cannot be used yet; fix these keys:").format(name="draft.toml") in (
        capsys.readouterr().err
    )


def test_a_wrong_today_is_said_before_the_app_starts(
    app: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal(monkeypatch)
    monkeypatch.setenv("ALMA_CONTACT_TODAY", "26/11/2026")
    assert main(["--ui-lang", "fr"]) == 2
    assert app.calls == []
    err = capsys.readouterr().err
    assert "ALMA_CONTACT_TODAY" in err and "26/11/2026" in err
    assert "Traceback" not in err


# --- the same, as a person runs it (no terminal here) ---------------------------------------


@pytest.mark.parametrize(
    ("how", "lang"),
    [(["--ui-lang", "fr"], "fr"), (["--ui-lang=nl"], "nl"), (["draft.toml", "--debug"], "en")],
)
def test_the_app_path_without_a_terminal(run: Run, draft: Path, how: list[str], lang: str) -> None:
    result = run(*how)
    assert result.code == 2, result
    assert result.err.splitlines()[0] == said(lang, NO_TERMINAL)


def test_ui_lang_before_a_command(run: Run) -> None:
    result = run("--ui-lang=nl", "check", "x.toml")
    assert_clean_failure(result)
    assert said("nl", "“{path}”: no such file.").format(path="x.toml") in result.err


@pytest.mark.parametrize("args", [["--ui-lang"], ["--ui-lang", "es"], ["--ui-lang=xx", "check", "x.toml"]])
def test_a_wrong_ui_lang_is_a_usage_error(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert_clean_failure(result)
    assert "the app needs a terminal" not in result.err
    assert "--ui-lang" in result.err
