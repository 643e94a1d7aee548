"""Hostile layouts: a template can neither reach the file system nor make the
build hang or fill memory. Each probe names the exact message at the .j2:LINE."""

from __future__ import annotations

import os
import socket

import pytest

from .bounded import bounded
from .helpers import build, copy_layout, copy_meeting, edit

PORTRAIT_LINE = "name: 张小梅\nportrait: portraits/zhang.png\n"


def _tiny_png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (300, 400), (200, 180, 160)).save(buf, "PNG")
    return buf.getvalue()


def _setup(tmp_path, name, text, portrait=False):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    (lay / "templates").mkdir(exist_ok=True)
    (lay / "templates" / name).write_text(text, "utf-8")
    if portrait:
        (m / "portraits").mkdir()
        (m / "portraits" / "zhang.png").write_bytes(_tiny_png())
        edit(m / "speakers" / "01-zhang-xiaomei.md", "name: 张小梅\n", PORTRAIT_LINE)
    return m, lay


def _probe(tmp_path, name, text, portrait=False, seconds=60):
    m, lay = _setup(tmp_path, name, text, portrait)
    out = tmp_path / "out"
    before = set(os.listdir(tmp_path))
    res = bounded(build, m, out, str(lay), seconds=seconds, mem_mb=1024)
    assert set(os.listdir(tmp_path)) - before <= {"out"}
    assert not out.exists() or not any(out.iterdir())
    return res.status, res.first.replace(str(lay), "{L}")


LIMIT_STEPS = (
    "模板超出限制：循环和调用超过 100000 次（模板的工作量有上限）。请减少循环次数，版面上的一行不需要这么多步骤。"
)
LIMIT_TIME = "模板超出限制：运行超过 5 秒（模板的运行时间有上限）。请简化这个模板。"
LIMIT_SIZE = (
    "模板超出限制：生成的文字或列表超过 100000 个字符（项）（模板的数据量有上限）。版面上的一行不需要这么长的内容。"
)

PROBES = [
    # --- escape: the portrait used to be a pathlib.Path --------------------------------------------------
    (
        "portrait_read_text",
        "speaker.j2",
        "{{ speaker.position }}\n{{ speaker.portrait.parents[-1].joinpath('etc','hostname').read_text() }}\n",
        "{L}/templates/speaker.j2:2: 模板里用了未定义的名字：“str”没有“parents”这一项。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    (
        "portrait_write_text",
        "speaker.j2",
        "{{ speaker.portrait.with_name('x').write_text('pwned') }}\n",
        "{L}/templates/speaker.j2:1: 模板里用了未定义的名字：“str”没有“with_name”这一项。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    (
        "portrait_is_only_a_name",
        "speaker.j2",
        "{{ speaker.portrait }}{{ undefined_name }}\n",
        "{L}/templates/speaker.j2:1: 模板里用了未定义的名字：“undefined_name”。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    (
        "model_class_escape",
        "title.j2",
        "{{ meeting.speakers[0].__class__.__init__.__globals__ }}\n",
        "{L}/templates/title.j2:1: 模板不允许访问内部属性（“__init__”）。模板只能使用 meeting、publication、title 等公开的名字，见 layouts/README.md。",
    ),
    (
        "date_has_no_methods",
        "title.j2",
        "{{ date.replace(year=1) }}\n",
        "{L}/templates/title.j2:1: 模板里用了未定义的名字：“Date”没有“replace”这一项。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    (
        "data_is_read_only",
        "title.j2",
        "{{ meeting.update(title='x') }}\n",
        "{L}/templates/title.j2:1: 模板不允许访问内部属性（“update”）。模板只能使用 meeting、publication、title 等公开的名字，见 layouts/README.md。",
    ),
    (
        "str_method_not_allowed",
        "title.j2",
        "{{ title.ljust(1000000000) }}\n",
        "{L}/templates/title.j2:1: 模板不允许访问内部属性（“ljust”）。模板只能使用 meeting、publication、title 等公开的名字，见 layouts/README.md。",
    ),
    (
        "lipsum_removed",
        "title.j2",
        "{{ title }}\n{{ lipsum(1000000000) }}\n",
        "{L}/templates/title.j2:2: 模板里用了未定义的名字：“lipsum”。请检查拼写；可用的名字见 layouts/README.md。",
    ),
    (
        "include_outside",
        "title.j2",
        "{% include '../../../../etc/passwd' %}\n",
        "{L}/templates/title.j2:1: 模板文件“../../../../etc/passwd”不存在。",
    ),
    # --- memory -------------------------------------------------------------------------------------
    (
        "string_times_4e9",
        "title.j2",
        '{{ title }}\n{{ "x" * 4000000000 }}\n',
        "{L}/templates/title.j2:2: " + LIMIT_SIZE,
    ),
    ("list_times_big", "title.j2", "{{ ([1] * 100000000) | length }}\n", "{L}/templates/title.j2:1: " + LIMIT_SIZE),
    (
        "macro_doubling",
        "title.j2",
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}\n{{ d('x', 60) }}\n",
        "{L}/templates/title.j2:1: " + LIMIT_SIZE,
    ),
    (
        "concat_chain",
        "title.j2",
        "{% set s = 'x' * 90000 %}\n{{ s ~ s ~ s ~ s ~ s }}\n",
        "{L}/templates/title.j2:2: " + LIMIT_SIZE,
    ),
    (
        "replace_empty_blowup",
        "title.j2",
        "{{ ('x' * 100000) | replace('', 'y' * 100000) }}\n",
        "{L}/templates/title.j2:1: " + LIMIT_SIZE,
    ),
    (
        "str_replace_blowup",
        "title.j2",
        "{{ ('x' * 100000).replace('', 'y' * 100000) }}\n",
        "{L}/templates/title.j2:1: " + LIMIT_SIZE,
    ),
    ("join_blowup", "title.j2", "{{ range(100000) | join('y' * 1000) }}\n", "{L}/templates/title.j2:1: " + LIMIT_SIZE),
    (
        "str_join_blowup",
        "title.j2",
        "{% set s = 'x' * 100000 %}{{ s.join(s) }}\n",
        "{L}/templates/title.j2:1: " + LIMIT_SIZE,
    ),
    (
        "center_huge",
        "title.j2",
        "{{ title | center(1000000000) }}\n",
        "{L}/templates/title.j2:1: 模板超出限制：过滤器“center”的参数 1000000000 太大（最多 100000）。",
    ),
    (
        "batch_fill_huge",
        "title.j2",
        "{{ [1] | batch(1000000000, 0) | list }}\n",
        "{L}/templates/title.j2:1: 模板超出限制：过滤器“batch”的参数 1000000000 太大（最多 100000）。",
    ),
    (
        "percent_width",
        "title.j2",
        '{{ "%0999999999d" % 1 }}\n',
        "{L}/templates/title.j2:1: 模板超出限制：格式里的宽度或精度太大（最多 5 位数）。",
    ),
    (
        "format_width",
        "title.j2",
        '{{ "{:999999999}".format(1) }}\n',
        "{L}/templates/title.j2:1: 模板超出限制：格式里的宽度或精度太大（最多 5 位数）。",
    ),
    (
        "format_filter_width",
        "title.j2",
        '{{ "%999999999s" | format("x") }}\n',
        "{L}/templates/title.j2:1: 模板超出限制：格式里的宽度或精度太大（最多 5 位数）。",
    ),
    (
        "power_tower",
        "title.j2",
        "{{ 9 ** 999999 }}\n",
        "{L}/templates/title.j2:1: 模板超出限制：数字太大（模板里的数有上限）。",
    ),
    (
        "big_power",
        "title.j2",
        "{{ 12345 ** 9999 }}\n",
        "{L}/templates/title.j2:1: 模板超出限制：数字太大（模板里的数有上限）。",
    ),
    # --- time ---------------------------------------------------------------------------------------
    (
        "nested_range",
        "title.j2",
        "{{ title }}\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        "{L}/templates/title.j2:2: " + LIMIT_STEPS,
    ),
    (
        "nested_string_loops",
        "title.j2",
        "{% for a in 'x' * 100000 %}\n{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}\n",
        "{L}/templates/title.j2:2: " + LIMIT_STEPS,
    ),
    (
        "map_list_loop",
        "title.j2",
        "{% for i in range(100000) %}{{ range(100000) | map('string') | list | length }}{% endfor %}\n",
        "{L}/templates/title.j2:1: " + LIMIT_STEPS,
    ),
    (
        "exponential_macro",
        "title.j2",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}\n{{ title }}{{ f(40) }}\n",
        "{L}/templates/title.j2:1: " + LIMIT_STEPS,
    ),
    (
        "infinite_recursion",
        "title.j2",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n",
        "{L}/templates/title.j2:1: 模板出错：宏或 include 无限地调用自己。请检查模板中的 {% include %} 和宏调用。",
    ),
    (
        "include_self",
        "title.j2",
        "{{ title }}{% include 'title.j2' %}\n",
        "{L}/templates/title.j2:1: 模板出错：宏或 include 无限地调用自己。请检查模板中的 {% include %} 和宏调用。",
    ),
    (
        "output_flood",
        "title.j2",
        "{% for i in range(99999) %}xxxxxxxxxx{% endfor %}\n",
        "{L}/templates/title.j2:1: 模板超出限制：输出超过 100000 个字符（模板的输出有上限）。版面上的一行不需要这么长的内容。",
    ),
]


@pytest.mark.parametrize("case", PROBES, ids=[p[0] for p in PROBES])
def test_hostile_template(case, tmp_path):
    _, name, text, expect = case
    status, first = _probe(tmp_path, name, text, portrait=case[0].startswith("portrait"))
    if expect.endswith(LIMIT_STEPS):
        # On a loaded machine the 5-second bound may come before the 100000 steps: both are exact outcomes.
        assert (status, first) in {(2, expect), (2, expect.replace(LIMIT_STEPS, LIMIT_TIME))}
    else:
        assert (status, first) == (2, expect)


def test_portrait_escape_prints_nothing_and_writes_nothing(tmp_path):
    """The probe of the issue, written to print and to write: neither happens."""
    text = "{{ speaker.position }}　{{ speaker.name }}{% if speaker.portrait %}{{ speaker.portrait }}{% endif %}\n"
    m, lay = _setup(tmp_path, "speaker.j2", text, portrait=True)
    res = build(m, tmp_path / "out", str(lay))
    from .helpers import pdf_text

    # The portrait reaches a template as its file name (text), not as a path object.
    assert "zhang.png" in pdf_text(res.outputs[0])
    assert str(m) not in pdf_text(res.outputs[0])


def test_template_symlink_out_of_layout(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-HOSTNAME", "utf-8")
    (lay / "templates").mkdir(exist_ok=True)
    (lay / "templates" / "title.j2").symlink_to(secret)
    res = bounded(build, m, tmp_path / "out", str(lay), seconds=60)
    assert res.status == 2
    assert res.first == (
        f"{lay}/templates/title.j2: 这是指向“{lay}/templates”之外的链接（或路径），不允许读取。"
        "请把真正的文件复制进来，而不是放一个链接。"
    )


def test_template_is_a_fifo(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    (lay / "templates").mkdir(exist_ok=True)
    os.mkfifo(lay / "templates" / "title.j2")
    res = bounded(build, m, tmp_path / "out", str(lay), seconds=60)
    assert (res.status, res.first) == (
        2,
        f"{lay}/templates/title.j2: 这不是普通文件，而是命名管道（FIFO），不能作为模板文件读取。请换成真正的文件。",
    )


def test_template_is_a_socket(tmp_path):
    m, lay = copy_meeting(tmp_path), copy_layout(tmp_path)
    (lay / "templates").mkdir(exist_ok=True)
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(lay / "templates" / "title.j2"))
    try:
        res = bounded(build, m, tmp_path / "out", str(lay), seconds=60)
    finally:
        s.close()
    assert (res.status, res.first) == (
        2,
        f"{lay}/templates/title.j2: 这不是普通文件，而是套接字（socket），不能作为模板文件读取。",
    )


def test_ordinary_template_features_still_work(tmp_path):
    """Loops, filters, macros and joins of a real designer's template are well within the limits."""
    text = (
        "{% macro sp(s) %}{{ s.position }}　{{ s.name }}{% endmacro %}"
        "{{ sp(speaker) }}{% for c in speaker.name %}{% endfor %}"
        "{{ [] | join('、') }}{{ (speaker.name | list | length) * 0 or '' }}\n"
    )
    m, lay = _setup(tmp_path, "speaker.j2", text)
    res = build(m, tmp_path / "out", str(lay))
    from .helpers import pdf_text

    assert "张小梅" in pdf_text(res.outputs[0])
