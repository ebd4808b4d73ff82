"""axe-core, run inside the page: the accessibility check of the E2E specs.

The script comes from the console's own devDependencies (frontend/node_modules, pinned by
package-lock.json), so the check needs no network and matches what a developer runs.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_SCRIPT = (
    Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
)
BLOCKING = ("serious", "critical")  # axe's impacts are minor, moderate, serious and critical

# Only what a report needs, from each violation axe finds.
_RUN = """async () => {
  const { violations } = await axe.run(document, { resultTypes: ["violations"] });
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((node) => node.target.join(" ")),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.impact} {self.rule}: {self.help} ({', '.join(self.targets)})"


@cache
def _axe_source() -> str:
    """Read once per worker: every page checked gets the same half-megabyte script."""
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `make setup` (npm ci in frontend/)")
    return AXE_SCRIPT.read_text()


def violations(page: Page) -> list[Violation]:
    """Every violation axe finds in the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated by the browser's debugging protocol: the app's Content-Security-Policy
        # (no inline scripts) holds for the page, not for the test, and stays on.
        page.evaluate(_axe_source())
    found: list[dict[str, Any]] = page.evaluate(_RUN)
    return [Violation(**{**item, "targets": tuple(item["targets"])}) for item in found]


def expect_accessible(page: Page) -> None:
    """No serious or critical violation; the message lists each one with where it is."""
    blocking = [found for found in violations(page) if found.impact in BLOCKING]
    assert not blocking, (
        f"{len(blocking)} serious or critical accessibility violations:\n"
        + "\n".join(f"  {found}" for found in blocking)
    )
