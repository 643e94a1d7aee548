"""File events -> rebuilds. Editors save in many ways (in place, write-then-rename,
swap and backup files, a half-written file the editor finishes a moment later);
all that matters is that something that may be content changed, so every event
marks the meeting dirty and one builder thread rebuilds once per burst.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

# Editor droppings that never are content: vim (.x.swp, 4913, x~), emacs (#x#, .#x),
# JetBrains (___jb_tmp___), Chrome/VS Code (.crswap), our own atomic writes (.part).
_IGNORED = re.compile(r"(^\.|~$|^#.*#$|^4913$|\.(swp|swx|swo|tmp|part|crswap|bak|orig)$|___jb_(tmp|old)___$)")
QUIET_MS = 15  # a burst of events (an atomic save is three or four) ends after this much quiet


def ignored(path: str) -> bool:
    return bool(_IGNORED.search(Path(path).name)) or "__pycache__" in path


class Watcher:
    """Watches folders from a thread; survives them vanishing and coming back."""

    def __init__(self, folders, on_change, stop: threading.Event, skip: tuple[Path, ...] = ()):
        self.folders = [Path(f) for f in folders]
        self.on_change = on_change
        self.stop = stop
        self.skip = tuple(str(Path(s).resolve()) for s in skip)

    def _wanted(self, _change, path: str) -> bool:
        return not ignored(path) and not path.startswith(self.skip)

    def run(self) -> None:
        from watchfiles import watch

        while not self.stop.is_set():
            present = [f for f in self.folders if f.is_dir()]
            if not present:
                # The meeting folder was renamed or deleted: wait for it to come back.
                self.stop.wait(0.3)
                continue
            try:
                for changes in watch(
                    *present,
                    watch_filter=self._wanted,
                    step=QUIET_MS,
                    debounce=400,
                    stop_event=self.stop,
                    rust_timeout=500,
                    yield_on_timeout=True,
                    raise_interrupt=False,
                ):
                    if changes:
                        self.on_change({Path(p) for _c, p in changes})
                    if [f for f in self.folders if f.is_dir()] != present:
                        break  # a folder went or came back: watch the new set
            except Exception:  # the OS watch broke (folder replaced, too many watches): start again
                time.sleep(0.2)
            if not self.stop.is_set():
                self.on_change(set())  # whatever happened while we were not watching
