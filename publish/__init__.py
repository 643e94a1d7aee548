"""publish — 发言摘登 (speech-excerpt page) publishing toolkit."""

__version__ = "0.1.0"
