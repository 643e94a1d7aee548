"""Character classes and punctuation tables (clreq, GB/T 15834).

These tables are static text properties, independent of any font; whether a
mark is actually full width is decided per font from its advance.
"""

from __future__ import annotations

from ..han import is_han_like

# Kinds used for 标点挤压 (punctuation compression).
OTHER = 0
OPEN = 1  # ink on the RIGHT half of the em box (simplified-Chinese fonts)
CLOSE = 2  # ink on the LEFT half

# 开始标点: opening brackets and quotes.
OPENING = "（「『《〈【〔〖｛［“‘〘〚([{"
# 结束标点 and 句内点号 whose ink sits on the left half in SC fonts.
CLOSING = "，。、；：？！）」』》〉】〕〗｝］”’〙〛,.;:?!)]}"

# 避头 (never at line start): closing marks plus marks that must cling to the
# preceding character: dashes, ellipses, interpunct, per-cent, wave dash.
LINE_START_FORBIDDEN = frozenset(CLOSING + "…‥—―·・％‰～〜%°℃′″")
# 避尾 (never at line end): opening marks.
LINE_END_FORBIDDEN = frozenset(OPENING)

# Runs of these are one unbreakable unit (破折号 ——, 省略号 ……).
DASHES = frozenset("—―")
ELLIPSES = frozenset("…‥")

# Joiners inside or after a Latin/digit cluster: 6.2%  1050.7  AI+  10:30  km/h
CLUSTER_JOINERS = frozenset(".,%+-/:％‰°℃")
# Signs that belong to the alphanumeric that follows them: -3  +5  $10  ¥8
CLUSTER_LEADERS = frozenset("+-$¥￥€£#")
# Chinese number units that stay glued to a preceding digit: 2.78万  1.46万标箱
NUMBER_UNITS = frozenset("万亿")

_PUNCT_KIND = {c: OPEN for c in OPENING}
_PUNCT_KIND.update({c: CLOSE for c in CLOSING})


def punct_kind(ch: str) -> int:
    return _PUNCT_KIND.get(ch, OTHER)


def is_alnum(ch: str) -> bool:
    """Latin letters and digits that are set proportionally (not full-width forms)."""
    return ch < "\u2000" and ch.isalnum()


# The side of a 中西文间距 boundary: Han ideographs, kana and bopomofo (publish/han.py).
is_han = is_han_like
