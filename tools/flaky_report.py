"""Compare repeated runs of the same suite: which tests changed result.

    python tools/flaky_report.py reports/flaky/run-*

Each argument is one run: a JUnit report, or a folder of them (one per tier). Prints every test
whose outcome differed between runs (flaky), failed in every run (broken), or ran in some runs
only; exits 1 if any test is flaky or broken. Cases that share a name in JUnit (schemathesis
reports every API operation under its one test) are judged together. `make test-flaky` and
the scheduled GitHub workflow call it after running the suite several times in random order.
"""

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from junit import outcomes

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


def _reports(run: Path) -> list[Path]:
    return sorted(run.glob("*.xml")) if run.is_dir() else [run]


def compare(runs: list[Path]) -> Verdict:
    verdict = Verdict(runs=len(runs))
    for run in runs:
        for report in _reports(run):
            for test, outcome in outcomes(report):
                verdict.outcomes[test].append(outcome)
    return verdict


def main(arguments: list[str]) -> int:
    runs = [Path(argument) for argument in arguments]
    if len(runs) < 2:  # noqa: PLR2004 - a comparison needs two
        print("usage: flaky_report.py RUN1 RUN2 [...]: at least two runs (reports or folders)")
        return USAGE_ERROR
    verdict = compare(runs)
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
