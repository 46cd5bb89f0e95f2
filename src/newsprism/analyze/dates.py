"""Dates resolved against the article's publication date (not yet built)."""


def resolve_dates(step) -> None:
    return None
