"""Compare JUnit reports of repeated runs of the same suite: which tests changed result.

    python tools/flaky_report.py reports/flaky/run-*.xml

Prints every test whose outcome differed between runs (flaky), failed in every run (broken),
or ran in some runs only; exits 1 if any test is flaky or broken. `make test-flaky` and the
scheduled GitHub workflow call it after running the suite several times in random order.
"""

import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

USAGE_ERROR = 2


@dataclass
class Verdict:
    runs: int
    outcomes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def flaky(self) -> dict[str, list[str]]:
        return {test: seen for test, seen in self.outcomes.items() if len(set(seen)) > 1}

    @property
    def broken(self) -> list[str]:
        return [test for test, seen in self.outcomes.items() if set(seen) == {"failed"}]

    @property
    def partial(self) -> list[str]:
        return [test for test, seen in self.outcomes.items() if len(seen) < self.runs]


def outcome(case: ET.Element) -> str:
    if case.find("failure") is not None or case.find("error") is not None:
        return "failed"
    if case.find("skipped") is not None:
        return "skipped"
    return "passed"


def compare(reports: list[Path]) -> Verdict:
    verdict = Verdict(runs=len(reports))
    for report in reports:
        for case in ET.parse(report).iter("testcase"):  # noqa: S314 - our own pytest's reports
            test = f"{case.get('classname')}::{case.get('name')}"
            verdict.outcomes[test].append(outcome(case))
    return verdict


def main(arguments: list[str]) -> int:
    reports = [Path(argument) for argument in arguments]
    if len(reports) < 2:  # noqa: PLR2004 - a comparison needs two
        print("usage: flaky_report.py RUN1.xml RUN2.xml [...]: at least two runs to compare")
        return USAGE_ERROR
    verdict = compare(reports)
    print(f"{len(verdict.outcomes)} tests, {verdict.runs} runs")
    for test, seen in sorted(verdict.flaky.items()):
        print(f"FLAKY   {test}: {', '.join(seen)}")
    for test in sorted(verdict.broken):
        print(f"BROKEN  {test}: failed in every run")
    for test in sorted(verdict.partial):
        print(f"PARTIAL {test}: ran {len(verdict.outcomes[test])} of {verdict.runs} times")
    if verdict.flaky or verdict.broken:
        return 1
    print("no test changed its result")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
