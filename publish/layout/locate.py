"""Where the layouts are: $PUBLISH_LAYOUTS if set, else the ones shipped inside the
installed package (publish/layouts, see setup.py), else layouts/ of the checkout."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "PUBLISH_LAYOUTS"
_PACKAGE = Path(__file__).resolve().parents[1]  # publish/
SHIPPED = (_PACKAGE / "layouts", _PACKAGE.parent / "layouts")  # installed wheel, then the checkout


def shipped_root() -> Path:
    """The layouts that come with publish (the three reference layouts and _shared/)."""
    return next((p for p in SHIPPED if p.is_dir()), SHIPPED[-1])


def layouts_root() -> Path:
    """The folder --layout NAME looks in."""
    env = os.environ.get(ENV, "").strip()
    return Path(env).expanduser() if env else shipped_root()


def shared_templates() -> Path:
    """Templates every layout falls back on: the chosen folder's _shared/, else the shipped one."""
    own = layouts_root() / "_shared" / "templates"
    return own if own.is_dir() else shipped_root() / "_shared" / "templates"
