"""Which Chromium the E2E suite drives (e2e/harness/chromium.py): path logic, so a unit test."""

from pathlib import Path

import pytest

from harness.chromium import (
    OVERRIDE_ENV,
    QUIET_FLAGS,
    NoChromiumError,
    chromium_executable,
    launch_options,
)


def _executable(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An otherwise empty PATH, and no override."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv(OVERRIDE_ENV, raising=False)
    return folder


def test_playwrights_own_build_comes_first(bin_dir: Path, tmp_path: Path) -> None:
    _executable(bin_dir, "chromium")
    build = _executable(tmp_path, "chrome")
    assert chromium_executable(str(build)) is None  # None: let Playwright launch its own


def test_the_system_chromium_when_playwright_has_none(bin_dir: Path, tmp_path: Path) -> None:
    system = _executable(bin_dir, "google-chrome")
    assert chromium_executable(str(tmp_path / "not-installed")) == str(system)


def test_a_headless_run_prefers_the_headless_shell(bin_dir: Path, tmp_path: Path) -> None:
    _executable(bin_dir, "chromium")
    shell = _executable(bin_dir, "chromium-headless-shell")
    assert chromium_executable(str(tmp_path / "not-installed")) == str(shell)


def test_a_headed_run_wants_the_whole_browser(bin_dir: Path, tmp_path: Path) -> None:
    browser = _executable(bin_dir, "chromium")
    _executable(bin_dir, "chromium-headless-shell")
    assert chromium_executable(str(tmp_path / "not-installed"), headless=False) == str(browser)


def test_a_headless_shell_alone_cannot_run_headed(bin_dir: Path, tmp_path: Path) -> None:
    _executable(bin_dir, "chromium-headless-shell")
    with pytest.raises(NoChromiumError):
        chromium_executable(str(tmp_path / "not-installed"), headless=False)


def test_the_override_wins_over_everything(
    bin_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = _executable(tmp_path, "my-chromium")
    monkeypatch.setenv(OVERRIDE_ENV, str(chosen))
    assert chromium_executable(str(_executable(tmp_path, "chrome"))) == str(chosen)


def test_an_override_that_is_not_executable_is_refused(
    bin_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(OVERRIDE_ENV, str(tmp_path / "missing"))
    with pytest.raises(NoChromiumError, match=f"{OVERRIDE_ENV}=.*missing is not an executable"):
        chromium_executable(str(tmp_path / "not-installed"))


def test_no_browser_at_all_says_how_to_get_one(bin_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(NoChromiumError) as raised:
        chromium_executable(str(tmp_path / "not-installed"))
    assert "uv run playwright install chromium" in str(raised.value)
    assert "apt-get install chromium" in str(raised.value)


@pytest.mark.parametrize("engine", ["firefox", "webkit"])
def test_other_engines_run_playwrights_own_build_untouched(
    bin_dir: Path, tmp_path: Path, engine: str
) -> None:
    options = {"headless": True, "slow_mo": 100}

    assert launch_options(engine, options, str(tmp_path / "none")) == options


def test_chromium_gets_the_machines_binary_and_quiet_flags(bin_dir: Path, tmp_path: Path) -> None:
    system = _executable(bin_dir, "chromium")

    options = launch_options("chromium", {"headless": False, "args": ["--lang=en"]}, "/no/build")

    assert options["executable_path"] == str(system)
    assert options["args"] == ["--lang=en", *QUIET_FLAGS]
    assert options["headless"] is False
