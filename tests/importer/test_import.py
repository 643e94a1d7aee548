from pathlib import Path

import pytest

from publish.content import load_meeting
from publish.errors import InputError
from publish.importer import import_file

from .helpers import fold

ROOT = Path(__file__).resolve().parents[2]
from tests.conftest import REPORTER_COPY as REFERENCE  # noqa: E402  (kept in tests/data/reference/)

DATA = Path(__file__).parent / "data"


def speakers(m):
    return [(s.headline, s.position, s.name, [p.text for p in s.paragraphs]) for s in m.speakers]


def test_reference_import_equals_published_content(tmp_path):
    report = import_file(REFERENCE, tmp_path / "m")
    got, want = load_meeting(tmp_path / "m"), load_meeting(ROOT / "content" / "yongchuan-2026-q1")
    assert (got.title, got.subtitle, got.kicker) == (want.title, want.subtitle, want.kicker)
    assert got.byline == want.byline
    assert [p.text for p in got.lead] == [p.text for p in want.lead]
    assert speakers(got) == speakers(want)
    assert got.publication.paper == want.publication.paper == "渝西都市报"
    assert [s.key for s in got.speakers] == [s.key for s in want.speakers]
    # The page-cut case: 稳中提 / 质。一是 joined, then split before 一是.
    assert any(":53:" in j and ":55" not in j and "第 55 行" in j for j in report.joins)
    assert report.splits and "一是" in report.splits[0]
    text = report.format()
    assert "发言人：7 位" in text and "旺物流园(一期)扩建项目 → 旺物流园（一期）扩建项目" in text


def test_reference_import_loses_no_character(tmp_path):
    import_file(REFERENCE, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    lines = REFERENCE.read_text("utf-8").split("\n")
    source = "".join(l for l in lines if "记者" not in l)
    text = "".join(t for t in m.all_text() if t not in m.byline.reporters)  # the byline line is left out above
    assert fold(source) == fold(text.replace(m.subtitle, "——" + m.subtitle, 1))


def imported(tmp_path, name):
    report = import_file(DATA / name, tmp_path / "m")
    return report, load_meeting(tmp_path / "m")


def test_three_speakers_without_points(tmp_path):
    report, m = imported(tmp_path, "three-speakers-no-points.txt")
    assert m.title == "凝心聚力抓发展 实干担当开新局"
    assert m.subtitle == "铜梁区2026年一季度乡镇街道工作交流会发言摘登"
    assert [(s.name, s.position, s.headline, len(s.paragraphs)) for s in m.speakers] == [
        ("何志刚", "巴川街道党工委书记", "做强城市功能 提升治理效能", 2),
        ("罗晓琴", "安居镇党委书记", "守护千年古镇 激活文旅动能", 2),
        ("邓国平", "少云镇党委书记", "发展特色产业 促进农民增收", 2),
    ]
    assert m.speakers[1].paragraphs[0].text.startswith("安居镇依托千年古镇资源，举办“安居古镇民俗文化节”")
    assert [s.key for s in m.speakers] == ["01-he-zhigang", "02-luo-xiaoqin", "03-deng-guoping"]


def test_ten_speakers(tmp_path):
    report, m = imported(tmp_path, "ten-speakers.txt")
    assert len(m.speakers) == 10
    assert [s.name for s in m.speakers] == [
        "李春燕",
        "蒋文斌",
        "曾德明",
        "唐丽",
        "杜建华",
        "梁冬梅",
        "方志强",
        "谭雪",
        "程伟",
        "袁丽娟",
    ]
    assert m.speakers[9].key == "10-yuan-lijuan"
    assert m.speakers[2].key == "03-zeng-deming"  # 曾 as a surname reads zeng
    assert m.speakers[9].paragraphs[0].text == "直升镇全年实施重点项目24个，完成投资13.5亿元，为高质量发展夯实基础。"


def test_speaker_line_before_headline_and_kicker(tmp_path):
    report, m = imported(tmp_path, "speaker-first.txt")
    assert m.kicker == "奋进新征程 建功新时代"
    assert m.title == "激发干事创业热情 推动高质量发展迈出新步伐"
    assert m.byline.reporters == ("王雨桐",)
    assert m.publication.paper == "大足日报"  # 全媒体 is not part of the paper's name
    assert [(s.name, s.position, s.headline, len(s.paragraphs)) for s in m.speakers] == [
        ("黄建国", "区发展改革委党组书记、主任", "抓项目 稳投资 增后劲", 2),
        ("刘芳", "区住房城乡建委党组书记、主任", "建好城市 管好城市 服务好市民", 3),
        ("彭强", "龙水镇党委书记", "做强五金产业 打造特色名镇", 2),
    ]  # 彭　强 padded name
    assert any("引题" in u for u in report.unsure)


def test_two_reporters_and_a_correspondent(tmp_path):
    report, m = imported(tmp_path, "two-reporters-correspondent.txt")
    assert m.byline.reporters == ("刘洋", "陈静")
    assert m.byline.correspondents == ("赵一鸣",)
    assert m.publication.paper == "江津日报"
    assert [s.headline for s in m.speakers] == [
        "开源节流保运转 精打细算促发展",
        "建设宜居宜业和美乡村",
        "做实园区服务 壮大工业经济",
        "擦亮历史文化名镇名片",
    ]
    assert "署名：江津日报 记者 刘洋、陈静 通讯员 赵一鸣" in report.format()


def test_english_words_and_percentages(tmp_path):
    report, m = imported(tmp_path, "english-percent.txt")
    paras = [p.text for p in m.speakers[0].paragraphs]
    assert paras[0] == (
        "一是推广“AI+制造”应用。全区建成5G基站2100个，培育智能工厂12家、数字化车间45个，"
        "规上工业企业数字化转型覆盖率达68.5%。"
    )
    assert paras[1] == (
        "二是壮大数字产业——软件和信息服务业营业收入增长23%，其中SaaS服务收入增长41.2%，"
        "引进Tier 1汽车电子企业3家（含1家外资企业）。"
    )
    assert (
        m.speakers[1]
        .paragraphs[1]
        .text.startswith(
            "二是搭建创新平台。与Chongqing University共建联合实验室，引进“院士工作站”2个；举办Demo Day路演"
        )
    )
    assert m.lead[0].text.endswith("主要负责同志发言……以下为发言摘登。")
    listed = [(c.line, c.before, c.after) for c in report.changes]
    assert (15, "数字产业--软件和信", "数字产业——软件和信") in listed
    assert (7, "同志发言...以下为发", "同志发言……以下为发") in listed


@pytest.mark.parametrize(
    "name, speaker_first",
    [
        ("three-speakers-no-points.txt", False),
        ("ten-speakers.txt", False),
        ("two-reporters-correspondent.txt", False),
        ("english-percent.txt", False),
        ("speaker-first.txt", True),
    ],
)
def test_no_character_lost_or_reordered(tmp_path, name, speaker_first):
    _, m = imported(tmp_path, name)
    source = "".join(l for l in (DATA / name).read_text("utf-8").split("\n") if "记者" not in l)
    out = [t for t in (m.kicker, m.title, "——" + m.subtitle) if t] + [p.text for p in m.lead]
    for s in m.speakers:
        line = [s.position, s.name]
        out += (line + [s.headline] if speaker_first else [s.headline] + line) + [p.text for p in s.paragraphs]
    assert fold(source) == fold("".join(out))


ARTICLE = (
    "坚持问题导向 狠抓工作落实\n\n——潼南区2026年工作务虚会发言摘登\n\n潼南日报记者 何晴\n\n"
    "3月2日，潼南区召开工作务虚会。以下为发言摘登。\n\n守牢安全底线 护航高质量发展\n\n"
    "区应急管理局党委书记、局长 苏文杰\n\n一是压实安全责任，开展隐患排查1200次。\n\n"
    "二是提升救援能力，建成应急物资库5个。\n"
)


def test_gbk_input_is_converted(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes(ARTICLE.encode("gbk"))
    report = import_file(src, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert (
        m.speakers[0].name == "苏文杰" and m.speakers[0].paragraphs[1].text == "二是提升救援能力，建成应急物资库5个。"
    )
    assert "GB18030/GBK" in report.format()


def test_bom_and_crlf_input(tmp_path):
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    import_file(src, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert m.title == "坚持问题导向 狠抓工作落实"
    assert m.speakers[0].position == "区应急管理局党委书记、局长"
    assert "\r" not in (tmp_path / "m" / "meeting.yaml").read_text("utf-8")


def test_docx_input(tmp_path):
    import docx

    d = docx.Document()
    for para in ARTICLE.split("\n\n"):
        d.add_paragraph(para.strip())
    src = tmp_path / "copy.docx"
    d.save(src)
    import_file(src, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert m.byline.reporters == ("何晴",)
    assert [p.text for p in m.speakers[0].paragraphs] == [
        "一是压实安全责任，开展隐患排查1200次。",
        "二是提升救援能力，建成应急物资库5个。",
    ]
    assert m.speakers[0].key == "01-su-wenjie"


def test_existing_output_is_kept_without_force(tmp_path):
    out = tmp_path / "m"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError) as e:
        import_file(src, out)
    assert "--force" in str(e.value)
    assert (out / "keep.txt").exists()
    # Not a meeting folder (no meeting.yaml): even --force leaves it alone.
    with pytest.raises(InputError) as e:
        import_file(src, out, force=True)
    assert "不是会议文件夹" in str(e.value)
    # A meeting folder is replaced, and the old one kept under the name the report gives.
    (out / "meeting.yaml").write_text("title: 旧\n", "utf-8")
    report = import_file(src, out, force=True)
    assert not (out / "keep.txt").exists() and (out / "meeting.yaml").exists()
    assert (report.backup / "keep.txt").read_text() == "x"
    assert str(report.backup.name) in report.format()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [report.backup.name]  # no temp dirs left


def test_text_without_speakers_is_an_input_error(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("只有一段话。\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        import_file(src, tmp_path / "m")
    assert "没有找到发言人" in str(e.value)
    assert not (tmp_path / "m").exists()


def test_page_cut_without_point_is_joined_but_paragraph_end_is_not(tmp_path):
    text = ARTICLE.replace("开展隐患排查1200次。", "开展隐患\n\n排查1200次。")
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    report = import_file(src, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert [p.text for p in m.speakers[0].paragraphs] == [
        "一是压实安全责任，开展隐患排查1200次。",
        "二是提升救援能力，建成应急物资库5个。",
    ]
    assert len(report.joins) == 1


def test_imported_reference_builds_the_same_pdf(tmp_path):
    """Importing the reporter copy and building it gives the reference page, byte for byte,
    once the editor has filled in the publication fields the copy does not carry."""
    import re
    import shutil

    from publish.importer import import_file
    from tests.conftest import REFERENCE, REPORTER_COPY, run_cli

    imported = tmp_path / "imported" / "yongchuan-2026-q1"
    import_file(REPORTER_COPY, imported)
    ref_yaml = (REFERENCE / "meeting.yaml").read_text("utf-8")
    pub = re.search(r"^publication:\n(?:  .*\n)+", ref_yaml, re.M).group(0)
    text = (imported / "meeting.yaml").read_text("utf-8")
    text = re.sub(r"^publication:\n(?:  .*\n)+", lambda m: pub, text, flags=re.M)
    (imported / "meeting.yaml").write_text(text, "utf-8")
    reference = tmp_path / "reference" / "yongchuan-2026-q1"
    shutil.copytree(REFERENCE, reference)
    outs = []
    for src, name in ((reference, "a"), (imported, "b")):
        r = run_cli("build", src, "-f", "pdf", "-o", tmp_path / name)
        assert r.returncode == 0, r.stderr
        outs.append((tmp_path / name / "yongchuan-2026-q1.pdf").read_bytes())
    assert outs[0] == outs[1]


def test_title_and_subtitle_on_one_line(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(
        "坚持问题导向 狠抓工作落实——区2026年安全生产工作会发言摘登\n本报记者 何晴\n"
        "3月2日，区召开安全生产工作会。现将发言摘登如下。\n压实责任 守牢底线\n"
        "区应急管理局党委书记、局长 苏文杰\n一是压实安全责任，开展隐患排查1200次。\n"
        "二是提升救援能力，建成应急物资库5个。\n",
        encoding="utf-8",
    )
    report = import_file(src, tmp_path / "m")
    m = load_meeting(tmp_path / "m")
    assert (m.title, m.subtitle) == ("坚持问题导向 狠抓工作落实", "区2026年安全生产工作会发言摘登")
    assert [s.name for s in m.speakers] == ["苏文杰"]
    assert any("在“——”处分开" in d for d in report.decisions)
