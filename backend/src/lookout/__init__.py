"""Lookout: a home-security event console built on FastAPI."""
