from .page import compose

__all__ = ["compose"]
