"""What the E2E fixtures stand on: the browser to drive, the app to drive it at, its data."""
