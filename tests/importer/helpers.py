"""Folding text for the nothing-lost comparisons: whitespace and the listed normalisations only."""

import re

_CLASSES = str.maketrans(
    {
        "，": ",",
        "；": ";",
        "：": ":",
        "？": "?",
        "！": "!",
        "（": "(",
        "）": ")",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "。": ".",
    }
)


def fold(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"\.{3,}|。{3,}|[…⋯]+", "…", text)
    text = re.sub(r"[-－—―─–]{2,}|[—―]", "—", text)
    return text.translate(_CLASSES)
