"""Settings every tier shares: Hypothesis profiles, and tier markers from folder names."""

import gc
import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings

from tiers import tier_of

# HYPOTHESIS_PROFILE=ci (set by .ci/run and the GitHub workflow): more examples, the same
# ones on every run (a red build reproduces), and a deadline that flags slow code. The
# example database (.hypothesis/) stays local: it is in .gitignore.
settings.register_profile("dev", max_examples=50, deadline=timedelta(milliseconds=500))
settings.register_profile(
    "ci", max_examples=200, derandomize=True, deadline=timedelta(seconds=1), print_blob=True
)
# HYPOTHESIS_PROFILE=nightly (the flake hunt): many more examples, a new draw every night.
settings.register_profile(
    "nightly", max_examples=1000, deadline=timedelta(seconds=2), print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if tier := tier_of(Path(item.path), config.rootpath):
            item.add_marker(tier)


def pytest_collection_finish(session: pytest.Session) -> None:
    # What imports and collection built lives until the end: moved out of the collector's
    # sight, it is no longer traversed by every full collection, nor by the gc.collect()
    # calls pytest makes at exit to surface unraisable exceptions (~0.3 s). Garbage the tests
    # make is still collected, and still reported.
    gc.freeze()
