"""Issue 12, property: content → reporter copy in each form real papers print → import → the same content."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.content import load_meeting
from publish.importer import import_file

NAMES = [
    "张小梅",
    "李世红",
    "欧阳晓红",
    "司马光明",
    "雷杰",
    "金李",
    "巴莫曲布嫫",
    "阿不都热合曼·买买提",
    "汤立新",
    "次仁卓玛",
    "诸葛文静",
    "覃华",
    "周萍",
    "何志刚",
    "尉迟浩",
    "马海木呷",
    "钟离秋",
    "冯威",
]
POSITIONS = [
    "区委常委、宣传部部长",
    "市发展改革委党组书记、主任",
    "某集团董事长",
    "县人民医院院长",
    "全国人大代表、省交通运输厅厅长",
    "镇党委书记",
    "市政协常委、民建市委会主委",
    "某大学教授",
    "区市场监管局局长",
    "街道党工委书记",
]
PHRASES = [
    "坚定信心",
    "真抓实干",
    "聚焦主业",
    "勇挑重担",
    "守正创新",
    "奋力争先",
    "服务大局",
    "久久为功",
    "夯实基础",
    "补齐短板",
    "向新而行",
    "提质增效",
]
SENTENCES = [
    "全年完成固定资产投资52亿元，同比增长8.6%。",
    "我们坚持项目为王，推动重点项目早开工、早投产。",
    "新建社区食堂6个，惠及居民1.3万户。",
    "建议加大对中小企业的金融支持力度。",
    "下一步，将持续优化营商环境，让企业办事更便捷。",
    "一是抓龙头企业培育，形成产业集群。",
    "二是抓技术改造，建成数字化车间30个。",
    "要坚持问题导向，用调研数据说话。",
]
SPACES = [" ", "  ", "\u3000", "\u3000\u3000", "\u00a0", "\t", ""]


@st.composite
def speakers(draw):
    n = draw(st.integers(2, 5))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=n, max_size=n, unique=True))
    out = []
    for name in names:
        phrases = draw(st.lists(st.sampled_from(PHRASES), min_size=2, max_size=2, unique=True))
        paras = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
        out.append(
            dict(
                name=name,
                position=draw(st.sampled_from(POSITIONS)),
                headline=" ".join(phrases),
                suffix=draw(st.sampled_from(["", "代表", "委员"])),
                paragraphs=paras,
            )
        )
    return out


HEAD = (
    "凝心聚力谋发展 实干担当开新局\n——区2026年工作推进会发言摘登\n本报记者 王晓丹\n"
    "3月12日，区召开工作推进会，各部门负责同志交流发言。现将发言摘登如下。\n"
)


def copy_text(form: str, sps: list[dict], space: str) -> str:
    out = [HEAD]
    for i, s in enumerate(sps):
        who_line = f"{s['position']}{space}{s['name']}{s['suffix']}"
        body = "\n".join(s["paragraphs"])
        if form == "after-headline":
            out.append(f"{s['headline']}\n{who_line}\n{body}\n")
        elif form == "before-dash":
            out.append(f"{s['position']}{s['name']}{s['suffix']}——\n{s['headline']}\n{body}\n")
        elif form == "colon":
            out.append(f"{s['position']}{s['name']}{s['suffix']}：\n{s['headline']}\n{body}\n")
        elif form == "trailing":
            out.append(f"{body}\n——{s['name']}{s['suffix']}（{s['position']}）\n")
        elif form == "inline":
            if i % 2 == 0:
                out.append(f"{s['headline']}\n")
            first, *rest = s["paragraphs"]
            out.append(
                f"{s['name']}{s['suffix'] or '代表'}（{s['position']}）：{first}\n" + "".join(r + "\n" for r in rest)
            )
    return "".join(out)


def imported(text: str):
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "copy.txt"
        src.write_text(text, "utf-8")
        import_file(src, Path(d) / "m")
        return load_meeting(Path(d) / "m")


FORMS = ["after-headline", "before-dash", "colon", "trailing", "inline"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form=st.sampled_from(FORMS), sps=speakers(), space=st.sampled_from(SPACES))
def test_copy_in_any_form_imports_to_the_same_content(form, sps, space):
    if form != "after-headline" and space != " ":
        return  # the separator only varies where the copy has one
    m = imported(copy_text(form, sps, space))
    assert [s.name for s in m.speakers] == [s["name"] for s in sps]
    assert [s.position for s in m.speakers] == [s["position"] for s in sps]
    want_suffix = [s["suffix"] or ("代表" if form == "inline" else "") for s in sps]
    assert [s.suffix for s in m.speakers] == want_suffix
    assert [[p.text for p in s.paragraphs] for s in m.speakers] == [s["paragraphs"] for s in sps]
    if form == "trailing":
        assert {s.attribution for s in m.speakers} == {"after"}
    elif form == "inline":
        assert [s.section for s in m.speakers] == [sps[i - i % 2]["headline"] for i in range(len(sps))]
    else:
        assert [s.headline for s in m.speakers] == [s["headline"] for s in sps]
    assert m.title == "凝心聚力谋发展 实干担当开新局" and m.byline.reporters == ("王晓丹",)
    assert [p.text for p in m.lead] == ["3月12日，区召开工作推进会，各部门负责同志交流发言。现将发言摘登如下。"]
