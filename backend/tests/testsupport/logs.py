"""How every test tier logs: through the app's own pipeline, as `lookout serve` does.

Left to its defaults, structlog renders each traceback with every frame's local variables:
about half a second of CPU each, spent inside the event loop that logs it (once enough to
hold the live relay's reconnect past a test's deadline on a busy machine).
"""

import logging

from lookout.logging import configure_logging


def log_like_the_app() -> None:
    """The app's events from INFO; libraries' (uvicorn's access lines, httpx's requests) from
    WARNING, so that a failure's report shows what happened rather than every request."""
    configure_logging(level="WARNING", json=False)
    logging.getLogger("lookout").setLevel(logging.INFO)
