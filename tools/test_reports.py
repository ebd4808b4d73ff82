"""tools/flaky_report.py, tier_report.py and suite_bench.py on hand-written JUnit reports."""

from pathlib import Path

import pytest

import flaky_report
import tier_report
from junit import durations
from suite_bench import Figure, percentile

_BODIES = {"passed": "", "failed": "<failure message='boom'/>", "skipped": "<skipped/>"}


def _report(path: Path, cases: dict[str, str], seconds: float = 1.0) -> Path:
    """A report shaped like pytest's (xunit2): the suite's totals, then one element per test."""
    results = list(cases.values())
    suite = (
        f'<testsuite name="pytest" errors="0" failures="{results.count("failed")}" '
        f'skipped="{results.count("skipped")}" tests="{len(results)}" time="{seconds}">'
    )
    body = "".join(
        f'<testcase classname="specs.test_x" name="{test}">{_BODIES[result]}</testcase>'
        for test, result in cases.items()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><testsuites>{suite}{body}</testsuite></testsuites>'
    )
    return path


def test_a_test_that_changes_result_is_flaky(tmp_path: Path) -> None:
    runs = [
        _report(tmp_path / "1.xml", {"test_a": "passed", "test_b": "passed"}),
        _report(tmp_path / "2.xml", {"test_a": "failed", "test_b": "passed"}),
    ]
    verdict = flaky_report.compare(runs)
    assert verdict.flaky == {"specs.test_x::test_a": ["passed", "failed"]}
    assert verdict.broken == []
    assert flaky_report.main([str(run) for run in runs]) == 1


def test_a_test_that_always_fails_is_broken_not_flaky(tmp_path: Path) -> None:
    runs = [_report(tmp_path / f"{n}.xml", {"test_a": "failed"}) for n in range(3)]
    verdict = flaky_report.compare(runs)
    assert verdict.broken == ["specs.test_x::test_a"]
    assert verdict.flaky == {}


def test_a_run_can_be_a_folder_with_a_report_per_tier(tmp_path: Path) -> None:
    for run in ("run-1", "run-2"):
        _report(tmp_path / run / "unit.xml", {"test_a": "passed"})
        _report(tmp_path / run / "e2e.xml", {"test_b": "passed" if run == "run-1" else "failed"})
    verdict = flaky_report.compare([tmp_path / "run-1", tmp_path / "run-2"])
    assert verdict.runs == 2
    assert verdict.flaky == {"specs.test_x::test_b": ["passed", "failed"]}
    assert verdict.partial == []


def test_steady_runs_pass_and_a_test_missing_from_one_run_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = [
        _report(tmp_path / "1.xml", {"test_a": "passed", "test_b": "skipped"}),
        _report(tmp_path / "2.xml", {"test_a": "passed"}),
    ]
    assert flaky_report.main([str(run) for run in runs]) == 0
    assert "PARTIAL specs.test_x::test_b: ran 1 of 2 times" in capsys.readouterr().out


def test_one_run_is_not_a_comparison(tmp_path: Path) -> None:
    report = _report(tmp_path / "1.xml", {"test_a": "passed"})
    assert flaky_report.main([str(report)]) == flaky_report.USAGE_ERROR


def test_the_tier_table_has_a_row_per_report_in_the_order_given_and_a_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = _report(tmp_path / "unit.xml", {"a": "passed", "b": "skipped"}, seconds=12.34)
    e2e = _report(tmp_path / "e2e.xml", {"c": "passed", "d": "failed", "e": "passed"}, seconds=60)
    assert tier_report.main([str(unit), str(tmp_path / "integration.xml"), str(e2e)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        ["tier", "tests", "passed", "failed", "skipped", "wall", "time"],
        ["unit", "2", "1", "0", "1", "12.3", "s"],
        ["e2e", "3", "2", "1", "0", "60.0", "s"],
        ["total", "5", "3", "1", "1", "72.3", "s"],
    ]


def test_the_tier_table_needs_a_report(tmp_path: Path) -> None:
    assert tier_report.main([str(tmp_path / "missing.xml")]) == tier_report.USAGE_ERROR


def test_each_case_keeps_its_own_time(tmp_path: Path) -> None:
    report = tmp_path / "e2e.xml"
    report.write_text(
        '<testsuites><testsuite tests="2" time="3.0">'
        '<testcase name="a" time="0.5"/><testcase name="b" time="2.5"/>'
        "</testsuite></testsuites>"
    )
    assert durations(report) == [0.5, 2.5]


@pytest.mark.parametrize(
    ("fraction", "expected"), [(0.5, 3.0), (0.95, 10.0), (0.0, 1.0), (1.0, 10.0)]
)
def test_a_percentile_is_a_value_that_was_measured(fraction: float, expected: float) -> None:
    assert percentile([10.0, 1.0, 3.0, 2.0, 4.0], fraction) == expected


def test_a_figure_says_whether_it_met_its_target() -> None:
    assert Figure("E2E per test, p50", 0.5, "s", 0.6).line().endswith("met")
    assert Figure("E2E per test, p50", 0.7, "s", 0.6).line().endswith("MISSED")
    assert Figure("unit: tests", 443, "tests").line().split()[-1] == "443"
