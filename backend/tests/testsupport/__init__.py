"""Helpers shared by every test tier (importable because `backend/tests` is on pytest's
`pythonpath`): constants and, as they arrive, data factories."""

OPERATOR_USERNAME = "ada"
OPERATOR_PASSWORD = "correct horse battery staple"
