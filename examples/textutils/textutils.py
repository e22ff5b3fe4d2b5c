"""Small text helpers: the example repository Selfcode's demo patches."""

import re


def collapse_spaces(text):
    """Replace every run of whitespace with one space and trim the ends."""
    return re.sub(r"\s+", " ", text).strip()


def slugify(text):
    """Lower-case words joined by dashes, for URLs."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)


def word_count(text):
    """How many words the text holds."""
    return len(collapse_spaces(text).split(" ")) if text.strip() else 0
