"""newsprism: one news story through every outlet that covered it."""

__version__ = "0.1.0"
