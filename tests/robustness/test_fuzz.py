"""Random content files: the only outcomes are a good build or a clean
PublishError whose every problem names a file and says something — never any
other exception (which the editor would see as 内部错误)."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings, strategies as st

from publish.errors import PublishError

from ..conftest import REFERENCE
from .helpers import build

KEYS = ["headline", "position", "name", "portrait", "postion", "名字", "", "- x", "name name"]
SCALARS = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="张小梅区委书记：:\"'[]{}#&*!|>-%@`\\\t ", max_size=20),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "2026-02-30",
            "[a",
            "{b: c}",
            "*x",
            "&y z",
            "!!python/object:os.system",
            "~",
            "---",
            "../../etc/passwd",
            "/etc/passwd",
            "portraits/x.png",
            "'",
            '"',
        ]
    ),
)


@st.composite
def front_matter(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        key = draw(st.sampled_from(KEYS) | st.text(max_size=8))
        value = draw(SCALARS)
        indent = draw(st.sampled_from(["", "", "", "  ", "\t"]))
        lines.append(f"{indent}{key}: {value}" if draw(st.booleans()) or not key else f"{indent}{key}")
    return "\n".join(lines)


BODY = st.one_of(
    st.text(max_size=200),  # any Unicode at all
    st.text(alphabet="推动发展建设，。“”**<>&{}%一是二是\n 0123456789ABC", max_size=300),
)


@st.composite
def speaker_file(draw):
    head = draw(front_matter())
    body = draw(BODY)
    shape = draw(st.sampled_from(["good", "good", "no-end", "no-start", "bare", "bom", "crlf"]))
    text = {
        "good": f"---\n{head}\n---\n{body}\n",
        "no-end": f"---\n{head}\n{body}\n",
        "no-start": f"{head}\n---\n{body}",
        "bare": body,
        "bom": f"\ufeff---\n{head}\n---\n{body}\n",
        "crlf": f"---\r\n{head}\r\n---\r\n{body}\r\n",
    }[shape]
    return text


@st.composite
def meeting_yaml(draw):
    base = (REFERENCE / "meeting.yaml").read_text("utf-8")
    how = draw(st.sampled_from(["keep", "append", "replace-line", "truncate"]))
    if how == "keep":
        return base
    lines = base.splitlines()
    if how == "append":
        return base + draw(front_matter()) + "\n"
    if how == "truncate":
        return "\n".join(lines[: draw(st.integers(0, len(lines)))])
    i = draw(st.integers(0, len(lines) - 1))
    lines[i] = draw(front_matter())
    return "\n".join(lines) + "\n"


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    speaker=speaker_file(),
    meeting=meeting_yaml(),
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030", "utf-16"]),
)
def test_fuzzed_content_builds_or_fails_cleanly(tmp_path_factory, speaker, meeting, encoding):
    tmp = tmp_path_factory.mktemp("fuzz")
    m = tmp / "fuzz-meeting"
    shutil.copytree(REFERENCE, m)
    (m / "meeting.yaml").write_text(meeting, "utf-8")
    try:
        data = speaker.encode(encoding)
    except UnicodeEncodeError:
        data = speaker.encode("utf-8", "surrogatepass")
    (m / "speakers" / "03-tang-zhiyong.md").write_bytes(data)
    out = tmp / "out"
    try:
        res = build(m, out)
    except PublishError as e:
        assert e.problems
        for p in e.problems:
            assert p.path and p.message and "Traceback" not in p.message, p
            assert p.line is None or p.line >= 1, p
        assert not out.exists() or not any(out.iterdir())
    else:
        assert [o.name for o in res.outputs] == ["fuzz-meeting.pdf", "fuzz-meeting.docx"]
