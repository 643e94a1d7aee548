"""Every limit the tool puts on what it reads, in one place (documented in docs/security.md).

Content files and layouts travel between desks by mail and chat: a limit here is
what keeps a tiny hostile or damaged file from hanging a build or filling memory.
Each is far above anything a real 发言摘登 page needs; a file over one is an
input error that names the file and the limit.
"""

from __future__ import annotations

MB = 1024 * 1024

# --- file sizes by kind (bytes) ------------------------------------------------
FILE_SIZE = {
    "content": 4 * MB,  # meeting.yaml, speakers/*.md: a full page is ~20 KB
    "layout": 1 * MB,  # layout.yaml
    "template": 256 * 1024,  # one .j2 template
    "portrait": 50 * MB,  # JPEG/PNG photo
    "icc": 16 * MB,  # output-intent ICC profile (FOGRA39 is 0.6 MB)
    "font": 64 * MB,  # one TTF/OTF/TTC (Noto CJK TTC is ~ 20–30 MB)
    "pdf": 512 * MB,  # a PDF given to preflight
    "docx": 64 * MB,  # reporter copy as Word
    "text": 8 * MB,  # reporter copy as plain text (a long meeting is ~100 KB)
    "cache": 64 * MB,  # one font-cache file
}

KIND_NAMES = {
    "content": "内容文件",
    "layout": "版式文件",
    "template": "模板文件",
    "portrait": "照片",
    "icc": "ICC 色彩配置文件",
    "font": "字体文件",
    "pdf": "PDF 文件",
    "docx": "Word 文件",
    "text": "文本文件",
    "cache": "字体缓存文件",
}

# --- YAML ---------------------------------------------------------------------------
YAML_NODES = 200_000  # nodes after alias expansion (a meeting has ~300)
YAML_DEPTH = 100  # nesting of lists/mappings (a layout has 4)

# --- DOCX / zip input -----------------------------------------------------------------
ZIP_TOTAL = 256 * MB  # sum of uncompressed members
ZIP_MEMBER = 128 * MB  # one uncompressed member (word/document.xml)
ZIP_RATIO = 200  # uncompressed / compressed for one member (text XML is ~10)
ZIP_MEMBERS = 10_000

# --- templates ------------------------------------------------------------------------
TEMPLATE_OUTPUT = 100_000  # characters one template may produce (a 版头 line is ~60)
TEMPLATE_VALUE = 100_000  # characters/items of one value built inside a template
TEMPLATE_STEPS = 100_000  # loop iterations + calls in one rendering
TEMPLATE_SECONDS = 5.0  # wall time of one rendering
TEMPLATE_NUMBER_BITS = 4096  # size of an integer a template may compute

# --- values read from content and layouts -------------------------------------------
YEAR_RANGE = (1949, 2100)  # publication dates
PAGE_NUMBER_MAX = 999  # 版次
TEXT_FIELD_MAX = 200  # one-line fields: title, name, position … (characters)

# --- preflight (PDF given by anyone) -----------------------------------------------
PDF_OBJECTS = 500_000  # objects in the file (a newspaper page has ~100)
PDF_OPERATORS = 400_000  # content-stream tokens read over all pages and forms (a page of ours: ~20 000)
PDF_STREAM_BYTES = 16 * MB  # one content stream, decoded (a page of ours: ~90 KB)
PDF_PAGES = 2_000
# Forms inside forms are followed 12 deep (preflight/scan.py MAX_FORM_DEPTH).
