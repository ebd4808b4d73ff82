"""One module per domain: its schemas and ORM models, explicit cases and properties."""
