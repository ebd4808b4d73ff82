"""One spec module per route, plus errors, responsive layouts, live updates and navigation."""
