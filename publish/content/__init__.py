from .loader import load_meeting

__all__ = ["load_meeting"]
