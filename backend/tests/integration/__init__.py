"""Integration tests: real PostgreSQL and Redis from devservices, the app in-process."""
