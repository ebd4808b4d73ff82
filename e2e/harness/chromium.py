"""Which Chromium the E2E suite drives.

In order: the binary named by LOOKOUT_E2E_CHROMIUM; Playwright's own build when
`playwright install chromium` has put it in place; a Chromium or Chrome on PATH (machines that
cannot download Playwright's build install their distribution's package instead). Headless runs
look for the headless shell first, as Playwright does with its own builds.
"""

import os
import shutil
from pathlib import Path
from typing import Any

OVERRIDE_ENV = "LOOKOUT_E2E_CHROMIUM"
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# The old headless mode, a browser without its UI: a new page is ready in ~45 ms instead of
# ~155 ms, and a page of the console renders in half the time (measured on the 2-core machine).
HEADLESS_SHELLS = ("chromium-headless-shell", "chrome-headless-shell")

# A closed network has nothing to say to Google's update, sync and metrics services: asking
# only adds noise and start-up time. /dev/shm is small in containers.
QUIET_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-dev-shm-usage",
)

HOW_TO_INSTALL = (
    "Install one of:\n"
    "  uv run playwright install chromium   # Playwright's own build (needs internet)\n"
    "  sudo apt-get install chromium chromium-headless-shell   # Debian's packages\n"
    f"or point {OVERRIDE_ENV} at a Chromium or Chrome binary."
)


class NoChromiumError(Exception):
    """No browser to drive; the message says how to get one."""


def chromium_executable(playwright_build: str, *, headless: bool = True) -> str | None:
    """The binary to launch, or None for Playwright's own build at `playwright_build`."""
    override = os.environ.get(OVERRIDE_ENV)
    if override:
        found = shutil.which(override)
        if found is None:
            raise NoChromiumError(
                f"{OVERRIDE_ENV}={override} is not an executable.\n{HOW_TO_INSTALL}"
            )
        return found
    if Path(playwright_build).is_file():
        return None
    for name in (*HEADLESS_SHELLS, *SYSTEM_CHROMIUMS) if headless else SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found is not None:
            return found
    raise NoChromiumError(
        f"No Chromium for the E2E tests: Playwright's build is not at {playwright_build} and "
        f"none of {', '.join(SYSTEM_CHROMIUMS)} is on PATH.\n{HOW_TO_INSTALL}"
    )


def launch_options(
    browser_name: str, options: dict[str, Any], playwright_build: str
) -> dict[str, Any]:
    """pytest-playwright's launch options for `browser_name` (its `--browser`). For Chromium,
    the binary this machine has and the quiet flags; Firefox and WebKit run Playwright's own
    builds (`playwright install --with-deps firefox webkit`), untouched."""
    if browser_name != "chromium":
        return options
    executable = chromium_executable(playwright_build, headless=options.get("headless", True))
    chromium = {**options, "args": [*options.get("args", ()), *QUIET_FLAGS]}
    return chromium if executable is None else {**chromium, "executable_path": executable}


def main() -> int:
    """`python -m harness.chromium`: say which Chromium the E2E tests will drive (exit 1: none)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this command needs it

    with sync_playwright() as playwright:
        playwright_build = playwright.chromium.executable_path
    try:
        executable = chromium_executable(playwright_build)
    except NoChromiumError as error:
        print(error)
        return 1
    print(f"E2E browser (headless): {executable or playwright_build}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
