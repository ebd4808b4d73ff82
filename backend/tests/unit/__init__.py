"""Unit and property tests: pure code, no services."""
