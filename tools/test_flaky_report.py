"""tools/flaky_report.py on hand-written JUnit reports."""

from pathlib import Path

import pytest

from flaky_report import USAGE_ERROR, compare, main

HEADER = '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest">'
FOOTER = "</testsuite></testsuites>"


def _report(folder: Path, name: str, cases: dict[str, str]) -> Path:
    bodies = {"passed": "", "failed": "<failure message='boom'/>", "skipped": "<skipped/>"}
    xml = "".join(
        f'<testcase classname="specs.test_x" name="{test}">{bodies[result]}</testcase>'
        for test, result in cases.items()
    )
    path = folder / name
    path.write_text(HEADER + xml + FOOTER)
    return path


def test_a_test_that_changes_result_is_flaky(tmp_path: Path) -> None:
    runs = [
        _report(tmp_path, "1.xml", {"test_a": "passed", "test_b": "passed"}),
        _report(tmp_path, "2.xml", {"test_a": "failed", "test_b": "passed"}),
    ]
    verdict = compare(runs)
    assert verdict.flaky == {"specs.test_x::test_a": ["passed", "failed"]}
    assert verdict.broken == []
    assert main([str(run) for run in runs]) == 1


def test_a_test_that_always_fails_is_broken_not_flaky(tmp_path: Path) -> None:
    runs = [_report(tmp_path, f"{n}.xml", {"test_a": "failed"}) for n in range(3)]
    verdict = compare(runs)
    assert verdict.broken == ["specs.test_x::test_a"]
    assert verdict.flaky == {}


def test_steady_runs_pass_and_a_test_missing_from_one_run_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = [
        _report(tmp_path, "1.xml", {"test_a": "passed", "test_b": "skipped"}),
        _report(tmp_path, "2.xml", {"test_a": "passed"}),
    ]
    assert main([str(run) for run in runs]) == 0
    assert "PARTIAL specs.test_x::test_b: ran 1 of 2 times" in capsys.readouterr().out


def test_one_report_is_not_a_comparison(tmp_path: Path) -> None:
    assert main([str(_report(tmp_path, "1.xml", {"test_a": "passed"}))]) == USAGE_ERROR
