"""The exceptions newsprism raises. Messages are written for the user: what went wrong and what to do."""


class NewsprismError(Exception):
    """Base class for every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """An input could not be read as an article (bad format, empty, too large, unreachable...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class BlockedURLError(InputError):
    """A URL points at a private, loopback, link-local or metadata address."""


class StoreError(NewsprismError):
    """The store could not be opened or is inconsistent."""


class NotFoundError(NewsprismError):
    """An article or story id that is not in the store."""
