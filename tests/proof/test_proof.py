import shutil
from pathlib import Path

import pytest

from publish.proof import Finding, proof_meeting, speaker_lengths
from publish.proof import glyphs

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content" / "yongchuan-2026-q1"


@pytest.fixture(autouse=True)
def _font_cache(monkeypatch, tmp_path_factory):
    monkeypatch.setenv("PUBLISH_FONT_CACHE", "/tmp/fc-import")


@pytest.fixture
def meeting(tmp_path):
    dst = tmp_path / "m"
    shutil.copytree(SAMPLE, dst)
    return dst


def edit(path: Path, old: str, new: str):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def where(findings, severity=None):
    return [
        (Path(f.path).name, f.line, f.col, f.severity) for f in findings if severity is None or f.severity == severity
    ]


def test_sample_has_no_errors_and_one_warning_for_the_quoted_slogan():
    findings = proof_meeting(SAMPLE)
    assert where(findings) == [("01-zhang-xiaomei.md", 10, 23, "warning")]
    assert str(findings[0]).endswith(
        "10:23: 提醒: 引号内的汉字之间有空格。如果是口号两个短语之间的间隔，可以保留；否则请删去。"
    )


def test_half_width_comma_points_at_its_column(meeting):
    edit(meeting / "speakers/02-li-shihong.md", "2025年，区委", "2025年,区委")
    f = [x for x in proof_meeting(meeting) if x.severity == "error"]
    assert where(f) == [("02-li-shihong.md", 6, 6, "error")]
    assert "半角逗号“,”" in f[0].message and "全角“，”" in f[0].message


def test_column_in_a_paragraph_that_spans_lines(meeting):
    edit(meeting / "speakers/02-li-shihong.md", "聚焦突出风险隐患，", "聚焦突出风险隐患，\n  深入开展;")
    f = proof_meeting(meeting)
    assert ("02-li-shihong.md", 11, 7, "error") in where(f)


def test_unpaired_quotes_brackets_and_title_marks(meeting):
    sp = meeting / "speakers/04-zhou-ping.md"
    edit(sp, "和旺物流园（一期）", "和旺物流园（一期")
    edit(sp, "出台《永川区", "出台永川区")
    msgs = [(f.line, f.message) for f in proof_meeting(meeting) if f.severity == "error"]
    assert (12, "括号只有前一半 （，缺少后一半 ）。请补上或删去。") in msgs
    assert (10, "书名号只有后一半 》，前面缺少 《。请补上或删去。") in msgs


def test_unpaired_quote(meeting):
    edit(meeting / "speakers/01-zhang-xiaomei.md", "入选全市“三好作品”稿件", "入选全市“三好作品稿件")
    f = [x for x in proof_meeting(meeting) if x.severity == "error"]
    assert len(f) == 1 and f[0].line == 10 and f[0].col == 57 and "双引号只有前一半 “" in f[0].message


def test_doubled_punctuation(meeting):
    edit(meeting / "speakers/05-hu-shaohua.md", "推动经济社会高质量发展。", "推动经济社会高质量发展。。")
    f = [x for x in proof_meeting(meeting) if x.severity == "error"]
    assert where(f) == [("05-hu-shaohua.md", 6, 47, "error")] and "标点重复“。。”" in f[0].message


def test_space_between_chinese_characters_but_not_in_headline(meeting):
    edit(meeting / "speakers/07-xu-yicun.md", "宝峰镇聚力服务", "宝峰镇 聚力服务")
    f = proof_meeting(meeting)
    assert ("07-xu-yicun.md", 6, 4, "error") in where(f)
    assert not [x for x in f if x.line == 2 and "空格" in x.message]  # headline phrases


@pytest.mark.parametrize(
    "change, expected",
    [
        (("二是专项攻坚", "三是专项攻坚"), "序号“三是”重复了"),
        (("三是改革破局", "四是改革破局"), "序号跳过了“三是”"),
        (("一是统筹聚力", "三是统筹聚力"), "序号跳过了“一是”、“二是”"),
    ],
)
def test_numbering_of_points(meeting, change, expected):
    edit(meeting / "speakers/02-li-shihong.md", *change)
    f = [x for x in proof_meeting(meeting) if x.severity == "error"]
    assert any(expected in x.message for x in f)
    assert {Path(x.path).name for x in f} == {"02-li-shihong.md"}


def test_numbering_out_of_order(meeting):
    sp = meeting / "speakers/02-li-shihong.md"
    edit(sp, "二是专项攻坚", "X专项攻坚")
    edit(sp, "三是改革破局", "二是改革破局")
    edit(sp, "X专项攻坚", "三是专项攻坚")
    msgs = [x.message for x in proof_meeting(meeting) if x.severity == "error"]
    assert any("序号跳过了“二是”" in m for m in msgs)
    assert any("序号顺序乱了：“二是”出现在“三是”之后" in m for m in msgs)


def test_traditional_and_rare_characters_are_warnings(meeting):
    edit(meeting / "speakers/06-feng-wei.md", "板桥镇坚持党建统领", "板桥镇坚持黨建统领")
    edit(meeting / "speakers/06-feng-wei.md", "name: 冯威", "name: 冯喆")
    w = [x for x in proof_meeting(meeting) if Path(x.path).name == "06-feng-wei.md"]
    assert [(x.line, x.col, x.severity) for x in w] == [(4, 8, "warning"), (6, 6, "warning")]
    assert "人名里的“喆”" in w[0].message and "“黨”是繁体字，简体文本中应为“党”" in w[1].message


def test_character_no_font_covers_is_an_error(meeting):
    edit(meeting / "speakers/03-tang-zhiyong.md", "区经济信息委紧扣", "区经济信息委\ue000紧扣")
    f = [x for x in proof_meeting(meeting) if x.severity == "error"]
    assert where(f) == [("03-tang-zhiyong.md", 6, 7, "error")]
    assert "U+E000" in f[0].message and "空白方框" in f[0].message


def test_coverage_uses_the_fallback_chain_of_the_style_role(meeting, monkeypatch):
    asked = []

    def fake(fonts):
        asked.append(fonts)
        return frozenset(ord(c) for c in "区委宣传部") | frozenset(range(0x20, 0x7F)), []

    monkeypatch.setattr(glyphs, "role_coverage", fake)
    f = proof_meeting(meeting)
    assert ("LXGW WenKai", "Noto Serif CJK SC") in asked  # kai: lead and speaker line
    assert any(x.severity == "error" and "没有字形" in x.message for x in f)


def test_block_much_longer_or_shorter_than_the_others(meeting):
    sp = meeting / "speakers/07-xu-yicun.md"
    text = sp.read_text("utf-8")
    head = text.split("---\n", 2)[1]
    sp.write_text("---\n" + head + "---\n" + "宝峰镇聚力服务城市副中心建设。\n", "utf-8")
    counts = speaker_lengths(meeting)
    assert counts["07-xu-yicun"] == 15 and counts["01-zhang-xiaomei"] > 300
    w = [x for x in proof_meeting(meeting) if "中位数" in x.message]
    assert [(Path(x.path).name, x.severity) for x in w] == [("07-xu-yicun.md", "warning")]
    assert "只有 15 字" in w[0].message


def test_missing_speaker_file_and_file_not_in_order(meeting):
    (meeting / "speakers/05-hu-shaohua.md").rename(meeting / "speakers/05-hu-shaohua-old.md")
    f = proof_meeting(meeting)
    errors = [x for x in f if x.severity == "error"]
    assert [(Path(x.path).name, x.line, x.col) for x in errors] == [("meeting.yaml", 28, 5)]
    assert "“05-hu-shaohua”没有对应的文件" in errors[0].message and "05-hu-shaohua-old" in errors[0].message
    orphans = [x for x in f if "不在 meeting.yaml 的发言顺序里" in x.message]
    assert [(Path(x.path).name, x.severity) for x in orphans] == [("05-hu-shaohua-old.md", "warning")]


def test_loader_errors_become_findings_and_text_checks_still_run(meeting):
    edit(meeting / "speakers/01-zhang-xiaomei.md", "name: 张小梅\n", "")
    edit(meeting / "speakers/02-li-shihong.md", "2025年，区委", "2025年,区委")
    f = proof_meeting(meeting)
    assert any(Path(x.path).name == "01-zhang-xiaomei.md" and "缺少必填项“name”" in x.message for x in f)
    assert ("02-li-shihong.md", 6, 6, "error") in where(f)


def test_imported_placeholders_are_flagged(tmp_path):
    from publish.importer import import_file

    import_file(Path(__file__).parents[1] / "importer/data/ten-speakers.txt", tmp_path / "m")
    f = proof_meeting(tmp_path / "m")
    # date, page number and page name are not in the copy: 待填 until the editor fills them
    assert [(Path(x.path).name, x.line, x.severity) for x in f] == [("meeting.yaml", n, "warning") for n in (5, 6, 7)]


def test_finding_format():
    f = Finding("/x/speakers/a.md", 3, 7, "error", "请改正。")
    assert str(f) == "/x/speakers/a.md:3:7: 错误: 请改正。"
