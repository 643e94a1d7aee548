"""Is this a Chinese personal name? And where does 职务 end and 姓名 begin?

A speaker line in real copy separates 职务 and 姓名 by any kind of space or by
nothing at all ("……厅长克克"); a wrong split prints a wrong name, so every
split is checked against what names look like: a known surname (or compound
surname) and two to four characters, or a minority name (巴莫曲布嫫,
阿不都热合曼·买买提) that carries no surname.
"""

from __future__ import annotations

import re

# The common single-character surnames (about 99% of the population) and the compound ones.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿"
    "鲜印逯隆茹诸战慕危玉银亢嵩帖畅蔺滑剧揭但贝从邴付厍宓蓬郦雒郗竺扶苍双闪乜牧卢咸籍禄易酆"
    "洪赖傅植丘木嵇邱闭蒯冀仉佴勾逄郏汲邗牛陈钮龙阎桓"
)
COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "端木",
    "轩辕",
    "钟离",
    "闻人",
    "赫连",
    "澹台",
    "公冶",
    "宗政",
    "濮阳",
    "淳于",
    "单于",
    "太叔",
    "申屠",
    "仲孙",
    "万俟",
    "司空",
    "东郭",
    "第五",
    "梁丘",
    "左丘",
}
# Names without a Han surname: the usual beginnings of Yi, Tibetan, Uyghur, Mongol, Kazakh
# and other names as they are written in Chinese copy.
MINORITY_STARTS = (
    "巴莫",
    "阿依",
    "阿不",
    "阿布",
    "阿卜",
    "阿力",
    "阿尔",
    "阿西",
    "阿地",
    "艾尔",
    "艾克",
    "艾买",
    "买买",
    "吐尔",
    "热依",
    "热合",
    "努尔",
    "古丽",
    "迪丽",
    "玛依",
    "帕尔",
    "依力",
    "伊力",
    "吉克",
    "沙马",
    "马海",
    "曲比",
    "俄木",
    "次仁",
    "扎西",
    "格桑",
    "尼玛",
    "达瓦",
    "索朗",
    "旦增",
    "洛桑",
    "白玛",
    "其美",
    "巴桑",
    "普布",
    "拉巴",
    "多吉",
    "德吉",
    "卓玛",
    "益西",
    "才让",
    "仁青",
    "贡嘎",
    "乌兰",
    "巴特",
    "额尔",
    "宝音",
    "斯琴",
    "朝鲁",
    "那仁",
    "苏和",
    "哈斯",
    "其木",
    "布仁",
    "孟和",
    "阿拉",
    "金花",
    "木合",
    "库尔",
    "加那",
    "叶尔",
    "哈力",
    "再努",
    "麦麦",
    "达吾",
    "吾甫",
    "托合",
    "依明",
    "阿迪",
    "麦合",
    "肉孜",
    "玉苏",
    "热西",
    "赛买",
    "买合",
    "艾则",
    "穆合",
)
# Characters and words that make a "name" a phrase: a headline or a sentence cut wrong.
_PHRASE = re.compile(
    "发展|建设|创新|未来|开创|推动|提升|奋进|聚焦|服务|工作|经济|社会|群众|文化|产业|质量|振兴|乡村|城市|治理|"
    "安全|生态|民生|改革|开放|担当|实干|奋斗|打造|加快|坚持|强化|深化|助力|赋能|引领|守护|筑牢|打好|走好|跑出|"
    "彰显|新篇|新局|全面|高效|协同|融合|共享|绿色|开局|企业|项目|人民|时代|精神|力量|作用|能力|体系|机制|"
    "我们|他们|大家|记者|表示|认为|建议|指出|强调|介绍|希望|[的了是在和与及等说要把将对]"
)
DOT = "·•‧・"
_HAN = re.compile(r"^[\u3400-\u9fff]+$")

SUFFIXES = ("代表", "委员", "同志", "院士", "主席", "常委")


def is_name(s: str) -> bool:
    """A plausible personal name (not: is it certainly one)."""
    return name_doubt(s) is None


def name_doubt(s: str) -> str | None:
    """Why s does not look like a personal name, or None when it does."""
    return doubt_kind(s)[1]


def doubt_kind(s: str) -> tuple[str, str | None]:
    """("", None) for a name; ("rare", why) for a name-shaped word with an unusual surname or
    length (kept, flagged); ("no", why) for what is not a name at all (a phrase, a sentence)."""
    why = _doubt(s)
    if why is None:
        return "", None
    return ("rare" if ("不是常见的姓" in why or "不像常见的姓名" in why) else "no"), why


def _doubt(s: str) -> str | None:
    if not s:
        return "姓名是空的"
    if any(d in s for d in DOT):
        parts = re.split(f"[{DOT}]", s)
        # each part of a transliterated name is short: 阿不都热合曼·买买提, not 董事长阿不都热合曼
        if all(_HAN.match(p) and len(p) <= 6 for p in parts) and 3 <= len(s) <= 16:
            return None
        return f"“{s}”不像音译的姓名"
    if not _HAN.match(s):
        return f"“{s}”里有汉字以外的字符"
    if _PHRASE.search(s[1:] if s[:2] not in COMPOUND_SURNAMES else s[2:]):
        return f"“{s}”像词语，不像姓名"
    if s.startswith(MINORITY_STARTS) and 2 <= len(s) <= 8:
        return None
    surname = s[:2] if s[:2] in COMPOUND_SURNAMES else s[:1]
    if surname not in SURNAMES and surname not in COMPOUND_SURNAMES:
        return f"“{s}”的第一个字“{s[0]}”不是常见的姓"
    given = len(s) - len(surname)
    if given < 1 or given > 2:
        return f"“{s}”有 {len(s)} 个字，不像常见的姓名"
    return None


def strip_padding(s: str) -> str:
    """雷  杰 → 雷杰: spaces that align two-character names are not part of the name."""
    return re.sub(r"[\s\u3000\u00a0]+", "", s)


def split_suffix(s: str) -> tuple[str, str]:
    """张三委员 → (张三, 委员); the suffix only when what is left is a name."""
    for suf in ("代表", "委员", "同志", "院士"):
        if s.endswith(suf) and len(s) > len(suf) and is_name(s[: -len(suf)]):
            return s[: -len(suf)], suf
    return s, ""


# Speakers that are bodies, not persons: the 民主党派 and people's organisations that speak at a
# 政协 plenary (大会发言: “民建中央：……”, “九三学社中央”).
_ORG = re.compile(
    r"^(?:(?:民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)[\u4e00-\u9fff]{0,8}?(?:中央|省委会?|市委会?|区委会?|县委会?|委员会)"
    r"|全国(?:工商联|总工会|妇联|台联|青联|侨联)|共青团中央|中国科协|[\u4e00-\u9fff]{2,8}(?:工商联|总工会|妇联|科协|侨联|台联))$"
)


def is_org(s: str) -> bool:
    return bool(_ORG.match(s))
