"""Same input, same bytes: the one date outputs carry, and zips that do not vary by machine.

SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) overrides
the date; without it the publication date is used, so a rebuild next week is the
same file a print shop already has.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path
from typing import IO

from .errors import BuildError, Problem

BEIJING = dt.timezone(dt.timedelta(hours=8))
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the zip format cannot store an earlier time


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when unset; a malformed value is the user's error."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise BuildError(
            Problem("SOURCE_DATE_EPOCH", None, f"环境变量 SOURCE_DATE_EPOCH 应为整数秒数，现在是“{raw}”。")
        ) from None


def source_date(fallback: dt.date | None = None) -> dt.datetime:
    """The date stamped into outputs: SOURCE_DATE_EPOCH if set, else midnight (Beijing time)
    of the publication date, else a fixed day."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    day = fallback or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=BEIJING)


def zip_date_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """Zip stores wall-clock time from 1980 on; the date's own zone is kept."""
    t = when.timetuple()[:6]
    return (t[0], t[1], t[2], t[3], t[4], t[5]) if t > ZIP_EPOCH else ZIP_EPOCH


def write_zip(
    target: Path | IO[bytes],
    files: dict[str, bytes],
    date_time: tuple[int, int, int, int, int, int],
    compresslevel: int = 9,
) -> None:
    """A zip of files in the order given, with one date, fixed permissions and a fixed
    'made on' system, so the bytes do not depend on the machine or the clock."""
    with zipfile.ZipFile(target, "w") as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # same bytes whichever OS packs it
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=compresslevel)
