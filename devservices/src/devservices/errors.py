class ProviderUnavailableError(RuntimeError):
    """The chosen provider cannot run here; the message says what is missing and how to fix it."""
