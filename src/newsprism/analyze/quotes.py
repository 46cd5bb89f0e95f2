"""Direct and indirect quotes with speakers, and reporting verbs with their stance (not yet built)."""


def find_quotes(step) -> None:
    return None
