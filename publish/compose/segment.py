"""Chinese word boundaries for breaking headlines and name lines (分词).

The segmenter (jieba, with its own dictionary) costs seconds to load, and a
page has a dozen short headlines, so results are kept in a small file in the
cache folder: a warm build never loads the dictionary; a new headline loads
it once. The result depends on the text alone (names are protected by the
caller, not added to the dictionary), so the memo needs no invalidation.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..fonts.cache import cache_root, locked, write_atomic

MEMO = "segments-v1.json"
_memo: dict[str, list[int]] | None = None
_dirty = False
_tokenizer = None


def _path() -> Path:
    return cache_root() / MEMO


def _load() -> dict[str, list[int]]:
    global _memo
    if _memo is None:
        try:
            data = json.loads(_path().read_text("utf-8"))
            _memo = {k: v for k, v in data.items() if isinstance(v, list)} if isinstance(data, dict) else {}
        except (OSError, ValueError):
            _memo = {}
    return _memo


def _segmenter():
    global _tokenizer
    if _tokenizer is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        # its own prefix-dict cache beside ours, not in /tmp
        tok.tmp_dir = str(cache_root())
        tok.cache_file = "jieba-0.42.1.cache"
        _tokenizer = tok
    return _tokenizer


def boundaries(text: str) -> frozenset[int]:
    """Offsets in text (0 < i < len) where one word ends and the next begins."""
    memo = _load()
    cut = memo.get(text)
    if cut is None:
        words = _segmenter().lcut(text, HMM=True)
        cut, i = [], 0
        for w in words[:-1]:
            i += len(w)
            cut.append(i)
        memo[text] = cut
        global _dirty
        _dirty = True
    return frozenset(cut)


def save() -> None:
    """Write the memo back if a new headline was segmented (merged with what
    another build may have written meanwhile)."""
    global _dirty
    if not _dirty or _memo is None:
        return
    try:
        with locked("segments"):
            try:
                disk = json.loads(_path().read_text("utf-8"))
                if not isinstance(disk, dict):
                    disk = {}
            except (OSError, ValueError):
                disk = {}
            disk.update(_memo)
            write_atomic(_path(), json.dumps(disk, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        _dirty = False
    except OSError:
        pass  # a read-only cache only costs the next build the dictionary load


def words(text: str) -> list[str]:
    """The text cut at its word boundaries (for tests and reports)."""
    cuts = sorted(boundaries(text))
    out, prev = [], 0
    for c in cuts + [len(text)]:
        out.append(text[prev:c])
        prev = c
    return out


__all__ = ["boundaries", "save", "words"]
