"""A timing table of the test tiers, from one JUnit report per tier.

    python tools/tier_report.py reports/junit/*.xml

The tier is the report's file name (unit.xml → unit). `make test` prints it at the end, and
.ci/run prints it even when a tier failed (the tiers that ran are listed).
"""

import sys
from pathlib import Path

from junit import Totals, totals

USAGE_ERROR = 2
_ROW = "{:<18}{:>7}{:>8}{:>8}{:>9}{:>12}"


def _row(name: str, run: Totals) -> str:
    return _ROW.format(name, run.tests, run.passed, run.failed, run.skipped, f"{run.seconds:.1f} s")


def table(reports: list[Path]) -> str:
    lines = [_ROW.format("tier", "tests", "passed", "failed", "skipped", "wall time")]
    lines += [_row(report.stem, totals(report)) for report in reports]
    lines.append(_row("total", totals(*reports)))
    return "\n".join(lines)


def main(arguments: list[str]) -> int:
    reports = [Path(argument) for argument in arguments if Path(argument).is_file()]
    if not reports:
        print("usage: tier_report.py TIER.xml [...]: no JUnit report found")
        return USAGE_ERROR
    print(table(reports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
