"""A smoke test in a real terminal: ``alma-contact`` with no command starts the app
under tmux, keys are typed with ``send-keys`` and the screen is read back with
``capture-pane``.

Skipped when tmux is missing, except in CI (the variable CI is set), where a
missing tmux is a failure. The tmux server runs on a socket of its own and is
killed at the end, even when the test fails.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tui_support import plain

COMMAND = [sys.executable, "-m", "alma_contact", "--ui-lang", "fr"]
"""The console script's own entry point, with the interface in French."""
WAIT = 20.0
"""Seconds to wait for a text to appear on screen (start-up on a slow CI machine included)."""
LOOK = 0.5
"""Seconds a person looks at a new screen before typing: the app draws a screen before it sets
the focus, and keys sent in between would go nowhere."""


class Terminal:
    """An 80 x 24 tmux session on a private server."""

    def __init__(self, socket: str, env: dict[str, str]) -> None:
        self.socket = socket
        self.env = env
        self.socket_path: Path | None = None

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
            timeout=10,
        )
        if check and done.returncode != 0:
            pytest.fail(f"tmux {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
        return done

    def start(self, command: list[str]) -> None:
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "smoke", shlex.join(command))
        found = self.tmux("display-message", "-p", "#{socket_path}", check=False).stdout.strip()
        self.socket_path = Path(found) if found else None

    def stop(self) -> None:
        """Kill the server and remove its socket file."""
        self.tmux("kill-server", check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)

    def keys(self, *keys: str) -> None:
        """Named keys (Enter, Down, Tab, C-n, F1…), one after the other."""
        for key in keys:
            self.tmux("send-keys", "-t", "smoke", key)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "smoke", "-l", text)

    def screen(self) -> str:
        """The text on screen, with French no-break spaces as ordinary ones."""
        return plain(self.tmux("capture-pane", "-p", "-t", "smoke").stdout)

    def wait_for(self, *texts: str) -> str:
        """The screen once every one of ``texts`` is on it; fails with the last screen after WAIT seconds."""
        deadline = time.monotonic() + WAIT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                time.sleep(LOOK)
                return screen
            time.sleep(0.1)
        pytest.fail(f"not on screen after {WAIT:g} s: {texts}\n--- screen ---\n{screen}")

    def wait_until_gone(self, text: str) -> None:
        deadline = time.monotonic() + WAIT
        while text in self.screen():
            if time.monotonic() > deadline:
                pytest.fail(f"still on screen after {WAIT:g} s: {text}\n--- screen ---\n{self.screen()}")
            time.sleep(0.1)
        time.sleep(LOOK)

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "smoke", check=False).returncode == 0

    def wait_until_quit(self) -> None:
        deadline = time.monotonic() + WAIT
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not self.alive(), f"the app did not quit\n--- screen ---\n{self.screen()}"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing, and CI needs this test to run")
        pytest.skip("tmux is not installed")
    env = dict(os.environ)
    env.update(
        {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TERM": "xterm-256color", "ALMA_CONTACT_TODAY": "2026-11-26"}
    )
    env.pop("TMUX", None)  # the test's own server, even when run from inside tmux
    term = Terminal(f"alma-contact-test-{os.getpid()}", env)
    try:
        yield term
    finally:
        term.stop()


def to_about_you(terminal: Terminal) -> None:
    """From the first screen: a new refund request, then the step about the person."""
    terminal.wait_for("Nouvelle demande")
    terminal.keys("Enter")
    terminal.wait_for("Étape 1 sur 7 : Votre demande")
    terminal.keys("Down", "Down", "Enter")
    terminal.wait_for("Un remboursement complet ou partiel qui n’est pas arrivé.")
    terminal.keys("C-n")
    terminal.wait_for("Étape 2 sur 7 : À propos de vous", "Prénom")


def test_a_short_journey_in_a_real_terminal(terminal: Terminal, isolated: Path) -> None:
    terminal.start(COMMAND)
    terminal.wait_for("Écrire au service client d’Alma", "Nouvelle demande")

    terminal.keys("Enter")  # the focus starts on "New request"
    terminal.wait_for("Étape 1 sur 7 : Votre demande", "De quoi s’agit-il ?")
    terminal.keys("Down", "Down", "Enter")
    terminal.wait_for("Un remboursement complet ou partiel qui n’est pas arrivé.")
    terminal.keys("C-n")
    terminal.wait_for("Étape 2 sur 7 : À propos de vous", "Prénom")

    terminal.type("An")
    terminal.keys("Tab")
    terminal.type("Peeters")
    terminal.keys("Tab")
    terminal.type("pas-une-adresse")
    terminal.keys("Tab")
    screen = terminal.wait_for("Peeters", "pas-une-adresse")
    assert screen.count("An") >= 1

    terminal.keys("F1")
    terminal.wait_for("support@almapay.com", "Fermer")
    terminal.keys("Escape")  # a key sent right after Escape would read as Alt+key
    terminal.wait_until_gone("support@almapay.com")
    terminal.keys("F2")
    terminal.wait_for("Stap 2 van 7", "Peeters")

    terminal.keys("C-q")  # the answers are kept in the store: the app quits, and says their number
    terminal.wait_until_quit()
    assert _kept(isolated)[0]["customer"]["last_name"] == "Peeters"


def _kept(isolated: Path) -> list[dict[str, Any]]:
    """The documents of the store the app of these tests uses, the last changed first."""
    from alma_contact.store import Store

    with Store.open(Path(os.environ["ALMA_CONTACT_DATA_DIR"])) as store:
        return [store.get(listed.id).document for listed in store.listed()]


def test_quitting_says_where_the_answers_are(terminal: Terminal) -> None:
    terminal.start(["sh", "-c", f"{shlex.join(COMMAND)}; echo; echo ended; sleep 30"])
    terminal.wait_for("Nouvelle demande")
    terminal.keys("Enter")
    terminal.wait_for("Étape 1 sur 7 : Votre demande")
    terminal.keys("Down", "Down", "Enter")
    terminal.wait_for("Un remboursement complet ou partiel qui n’est pas arrivé.")
    terminal.keys("C-q")
    screen = terminal.wait_for("ended")
    assert "@1" in screen and "alma-contact @1" in screen.replace("\n", " ")


def test_a_sentence_typed_survives_sigkill(terminal: Terminal) -> None:
    """The process killed outright a moment after typing (no chance to save anything then): the
    next start offers the draft, and the sentence is in it."""
    terminal.start(COMMAND)
    to_about_you(terminal)
    terminal.type("Marie-Christine")
    terminal.wait_for("Marie-Christine")
    time.sleep(1.5)  # the keeper's second, and some margin for a slow machine
    pid = int(terminal.tmux("display-message", "-p", "-t", "smoke", "#{pane_pid}").stdout.strip())
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + WAIT
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive()

    terminal.start(COMMAND)
    terminal.wait_for("Nouvelle demande", "Marie-Christine · Un remboursement")
    terminal.keys("Tab", "Enter")  # from New request to the list of drafts, then the first one
    terminal.wait_for("Étape 6 sur 7 : Vérification")
    terminal.keys("Escape", "Escape", "Escape", "Escape")
    terminal.wait_for("Étape 2 sur 7", "Marie-Christine")


def test_a_paste_holding_ctrl_q_asks_before_anything_is_lost(terminal: Terminal, tmp_path: Path) -> None:
    """Textual's parser turns what follows an ESC inside a bracketed paste into key presses, so
    the Ctrl+Q of a pasted ``x ESC ^Q ESC y`` reaches the app as a key. Without a store to keep
    the answers in (a file stands in the way of its folder), it must ask, not quit."""
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("", encoding="utf-8")
    terminal.env["ALMA_CONTACT_DATA_DIR"] = str(in_the_way)
    terminal.start(COMMAND)
    to_about_you(terminal)
    terminal.type("Annelies")
    terminal.wait_for("Annelies")

    paste = b"\x1b[200~x\x1b\x11\x1by\x1b[201~"
    terminal.tmux("send-keys", "-t", "smoke", "-H", *(f"{byte:02x}" for byte in paste))
    terminal.wait_for("Enregistrer le brouillon avant de quitter ?", "Quitter sans enregistrer", "Rester")
    assert terminal.alive()
    terminal.keys("Escape")
    terminal.wait_until_gone("avant de quitter")
    assert "Annelies" in terminal.screen() and terminal.alive()


def test_the_terminal_comes_back_from_an_editor_that_cannot_start(terminal: Terminal, tmp_path: Path) -> None:
    """A real suspension: the editor's program exists but cannot be started (its interpreter is
    missing); the app must come back, draw itself again and say what to set."""
    broken = tmp_path / "broken-editor"
    broken.write_text("#!/nonexistent/interpreter\n", encoding="utf-8")
    broken.chmod(0o755)
    draft = tmp_path / "annulation.toml"
    examples = Path(__file__).resolve().parents[2] / "examples"
    draft.write_text((examples / "cancellation-fr.toml").read_text(encoding="utf-8"), encoding="utf-8")

    terminal.start(["env", f"VISUAL={broken}", *COMMAND, str(draft)])
    terminal.wait_for("Étape 6 sur 7 : Vérification")
    terminal.keys("Escape")
    terminal.wait_for("Étape 5 sur 7")
    terminal.keys("Escape")
    terminal.wait_for("Étape 4 sur 7", "Ctrl+E")

    terminal.keys("C-e")
    terminal.wait_for("VISUAL", "Étape 4 sur 7", "toujours actif")  # the message, over the step
    terminal.type("!")  # and the keys reach the app again
    terminal.wait_for("!La boutique")
    assert terminal.alive()


def test_the_terminal_comes_back_from_an_editor_that_deletes_its_file(
    terminal: Terminal, tmp_path: Path
) -> None:
    calls = tmp_path / "calls"
    editor = tmp_path / "my-editor"
    editor.write_text(
        "#!/bin/sh\n"
        f'echo x >> "{calls}"\n'
        f'if [ "$(wc -l < "{calls}")" -eq 1 ]; then rm "$1"; exit 0; fi\n'
        "printf ' Ecrit dans mon editeur.\\n' >> \"$1\"\n",
        encoding="utf-8",
    )
    editor.chmod(0o755)
    draft = tmp_path / "annulation.toml"
    examples = Path(__file__).resolve().parents[2] / "examples"
    draft.write_text((examples / "cancellation-fr.toml").read_text(encoding="utf-8"), encoding="utf-8")

    terminal.start(["env", f"EDITOR={editor}", *COMMAND, str(draft)])
    terminal.wait_for("Étape 6 sur 7 : Vérification")
    terminal.keys("Escape")
    terminal.wait_for("Étape 5 sur 7")
    terminal.keys("Escape")
    terminal.wait_for("Étape 4 sur 7", "Ctrl+E")

    terminal.keys("C-e")  # the first call deletes the file
    terminal.wait_for("laissé", "Étape 4 sur 7", "toujours actif")
    terminal.keys("C-e")  # the second adds a sentence, which the app takes back
    terminal.wait_for("Ecrit dans mon editeur.", "Étape 4 sur 7")
    assert terminal.alive()
