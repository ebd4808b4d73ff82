"""Every mapped model, imported in one place so Alembic and tests see the full metadata.

Each domain adds its `models` module here as it arrives.
"""

from lookout.db import Base

__all__ = ["Base"]
