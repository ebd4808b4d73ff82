"""The dashboard's 24-hour series: which hours it has, and how counts fill them."""

from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from lookout.events.models import Severity
from lookout.stats.service import HOURS, hours_up_to, per_hour

moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=7))]
    ),
)
NOW = datetime(2026, 12, 4, 10, 59, 59, 999_999, tzinfo=UTC)


@given(moments)
def test_the_series_is_24_whole_utc_hours_ending_with_the_current_one(now: datetime) -> None:
    hours = hours_up_to(now)

    assert len(hours) == HOURS
    assert all(
        hour.tzinfo is UTC and hour.minute == hour.second == hour.microsecond == 0 for hour in hours
    )
    assert all(later - earlier == timedelta(hours=1) for earlier, later in pairwise(hours))
    assert hours[-1] <= now < hours[-1] + timedelta(hours=1)


def test_an_hour_without_events_is_listed_with_zeros() -> None:
    hours = hours_up_to(NOW)

    series = per_hour(hours, [(hours[-1], Severity.HIGH, 2)])

    assert [entry.hour for entry in series] == hours
    assert series[-1].by_severity == {
        Severity.LOW: 0,
        Severity.MEDIUM: 0,
        Severity.HIGH: 2,
        Severity.CRITICAL: 0,
    }
    assert all(sum(entry.by_severity.values()) == 0 for entry in series[:-1])


counts = st.lists(
    st.tuples(st.integers(0, HOURS - 1), st.sampled_from(Severity), st.integers(1, 10**6)),
    unique_by=lambda counted: counted[:2],
)


@given(counts)
def test_every_count_lands_in_its_hour_and_severity(
    counted: list[tuple[int, Severity, int]],
) -> None:
    hours = hours_up_to(NOW)

    series = per_hour(
        hours, [(hours[index], severity, count) for index, severity, count in counted]
    )

    for index, severity, count in counted:
        assert series[index].by_severity[severity] == count
    assert sum(sum(entry.by_severity.values()) for entry in series) == sum(c for *_, c in counted)


def test_counts_for_hours_outside_the_series_are_left_out() -> None:
    hours = hours_up_to(NOW)
    outside = [hours[0] - timedelta(hours=1), hours[-1] + timedelta(hours=1)]

    series = per_hour(hours, [(hour, Severity.LOW, 5) for hour in outside])

    assert sum(sum(entry.by_severity.values()) for entry in series) == 0
