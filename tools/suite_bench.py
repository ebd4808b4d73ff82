"""`make bench`, suite section: this repository's own tests as a developer meets them.

- `make test` once, as a second run in the same clone: its wall time, and each tier's test
  count and time (pytest's, from the tier's JUnit report)
- one integration test from a cold process: with the template cache in place (the loop a
  developer lives in), and with an empty one (the first run after a clone); medians
- E2E time per test (setup, call and teardown), p50 and p95

Each figure is printed beside its target (issue 14). Figures, not assertions: nothing fails.

    python tools/suite_bench.py [--repeat 3] [--skip-make-test]
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from junit import durations, totals

ROOT = Path(__file__).resolve().parent.parent
JUNIT = ROOT / "reports" / "junit"
TIERS = ("unit", "integration", "e2e")
ONE_TEST = "backend/tests/integration/test_cameras.py::test_a_created_camera_can_be_read_back"


@dataclass(frozen=True)
class Figure:
    what: str
    value: float
    unit: str
    target: float | None = None  # at most

    def line(self) -> str:
        shown = f"{self.value:.0f}" if self.unit == "tests" else f"{self.value:.2f} {self.unit}"
        if self.target is None:
            return f"{self.what:<44}{shown:>12}"
        verdict = "met" if self.value <= self.target else "MISSED"
        limit = f"<= {self.target:g} {self.unit}"
        return f"{self.what:<44}{shown:>12}   {limit:<12}{verdict}"


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with `fraction` of them at or below."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def _wall(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    return time.perf_counter() - started


def make_test_figures() -> list[Figure]:
    wall = _wall(["make", "--no-print-directory", "test"])
    figures = [Figure("make test (second run), wall", wall, "s", 180)]
    for tier, limit in zip(TIERS, (20, None, None), strict=True):
        run = totals(JUNIT / f"{tier}.xml")
        figures.append(Figure(f"  {tier}: tests", run.tests, "tests"))
        figures.append(Figure(f"  {tier}: pytest's time", run.seconds, "s", limit))
    e2e = durations(JUNIT / "e2e.xml")
    figures.append(Figure("E2E per test, p50", percentile(e2e, 0.5), "s", 0.6))
    figures.append(Figure("E2E per test, p95", percentile(e2e, 0.95), "s", 2))
    return figures


def one_test_figures(repeat: int) -> list[Figure]:
    command = ["uv", "run", "--frozen", "pytest", ONE_TEST, "-n", "0", "-q"]  # the issue's
    _wall(command)  # the template cache is in place from here on
    warm = [_wall(command) for _ in range(repeat)]
    first = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="devservices-cache-") as empty:
            first.append(_wall(command, env={**os.environ, "DEVSERVICES_CACHE_DIR": empty}))
    return [
        Figure("one integration test, cold process", statistics.median(warm), "s", 2),
        Figure("  same, empty template cache (first run)", statistics.median(first), "s", 6),
    ]


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the one-test command")
    parser.add_argument("--skip-make-test", action="store_true", help="only the one-test figures")
    options = parser.parse_args(arguments)
    figures = [] if options.skip_make_test else make_test_figures()
    figures += one_test_figures(options.repeat)
    print(f"suite ({os.cpu_count()} cores)")
    print("\n".join(figure.line() for figure in figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
