"""pytest's JUnit XML reports, read back: each test's outcome and each run's totals."""

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Totals:
    tests: int
    failed: int
    skipped: int
    seconds: float

    @property
    def passed(self) -> int:
        return self.tests - self.failed - self.skipped


def _parse(report: Path) -> ET.Element:
    return ET.parse(report).getroot()  # noqa: S314 - reports our own pytest wrote


def outcomes(report: Path) -> Iterator[tuple[str, str]]:
    """(test id, "passed" | "failed" | "skipped") for every test case in the report."""
    for case in _parse(report).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        else:
            outcome = "passed"
        yield f"{case.get('classname')}::{case.get('name')}", outcome


def totals(*reports: Path) -> Totals:
    """The counts and wall time of these runs together (pytest times each session, collection
    included)."""
    suites = [suite for report in reports for suite in _parse(report).iter("testsuite")]
    return Totals(
        tests=sum(int(suite.get("tests", 0)) for suite in suites),
        failed=sum(int(suite.get("failures", 0)) + int(suite.get("errors", 0)) for suite in suites),
        skipped=sum(int(suite.get("skipped", 0)) for suite in suites),
        seconds=sum(float(suite.get("time", 0)) for suite in suites),
    )


def durations(report: Path) -> list[float]:
    """Each test case's time in seconds (setup, call and teardown), in report order."""
    return [float(case.get("time", 0)) for case in _parse(report).iter("testcase")]
