"""Pinyin for speaker file names (01-zhang-xiaomei), without a pinyin library.

A small table of common surnames and given-name characters; a name with a
character outside it gets the plain stem NN-speaker. The stem only names a
file, so a rare miss costs nothing but looks.
"""
from __future__ import annotations

# Surnames whose reading differs from the character's common reading.
_SURNAME = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
            "覃": "qin", "尉": "yu", "乐": "yue", "缪": "miao", "盖": "ge", "召": "shao", "种": "chong",
            "翟": "zhai", "黑": "he", "万俟": "moqi", "尉迟": "yuchi", "长孙": "zhangsun"}

_TABLE = {
    "a": "阿", "ai": "艾爱蔼", "an": "安岸", "ang": "昂", "ao": "敖奥傲",
    "ba": "巴", "bai": "白柏百", "ban": "班", "bao": "包鲍宝保葆", "bei": "贝北蓓", "ben": "本",
    "bi": "毕碧璧必", "bian": "边卞", "bin": "宾彬斌滨", "bing": "冰兵丙炳秉", "bo": "薄博波勃",
    "bu": "卜步", "cai": "蔡才彩采", "cao": "曹草", "cen": "岑", "chai": "柴", "chang": "常昌畅长",
    "chao": "超潮巢", "chen": "陈晨辰臣宸琛沉", "cheng": "程成诚承城澄呈", "chi": "池迟驰",
    "chong": "崇冲", "chu": "楚褚初储", "chuan": "川传", "chun": "春纯淳", "cong": "丛聪从",
    "cui": "崔翠", "cun": "村存", "da": "达大", "dai": "戴代黛", "dan": "丹旦", "dang": "党",
    "dao": "道", "de": "德", "deng": "邓登", "di": "狄迪笛", "dian": "典", "ding": "丁定鼎",
    "dong": "董东冬栋", "dou": "窦", "du": "杜都笃", "duan": "段端", "dun": "敦", "duo": "多",
    "e": "鄂娥", "en": "恩", "er": "尔", "fan": "范樊凡帆繁", "fang": "方房芳放舫", "fei": "费飞菲",
    "feng": "冯封丰凤峰锋枫风", "fu": "付傅符福甫富复伏", "gan": "甘干淦", "gang": "刚钢港",
    "gao": "高郜", "ge": "葛戈格歌", "geng": "耿庚", "gong": "龚宫弓恭功", "gou": "苟", "gu": "顾谷古",
    "guan": "关管冠", "guang": "光广", "gui": "桂贵归", "guo": "郭国果", "hai": "海", "han": "韩寒涵汉晗翰",
    "hang": "杭航", "hao": "郝浩昊皓豪", "he": "何贺和河荷鹤赫", "hong": "洪红宏鸿弘虹", "hou": "侯厚",
    "hu": "胡呼虎湖", "hua": "华花化", "huai": "怀", "huan": "欢环焕桓", "huang": "黄皇煌璜",
    "hui": "惠辉慧晖会卉", "hun": "浑", "huo": "霍火", "ji": "纪姬季吉冀继霁基积", "jia": "贾嘉佳家甲",
    "jian": "简蹇建剑健坚俭", "jiang": "江姜蒋疆", "jiao": "焦娇", "jie": "洁杰捷婕", "jin": "金靳晋锦瑾进",
    "jing": "景敬京晶静靖婧菁井", "jiu": "久玖", "ju": "鞠巨菊", "juan": "娟", "jun": "军君俊峻钧骏",
    "kai": "凯开", "kang": "康亢", "ke": "柯科可克珂", "kong": "孔", "kou": "寇", "kuang": "匡况",
    "kun": "昆坤", "lai": "赖来", "lan": "兰蓝岚澜", "lang": "郎朗", "lao": "劳", "lei": "雷蕾磊",
    "leng": "冷", "li": "李黎厉丽立力莉俐利理礼历", "lian": "连廉莲", "liang": "梁良亮",
    "liao": "廖", "lin": "林琳霖麟临", "ling": "凌玲灵令岭", "liu": "刘柳留", "long": "龙隆",
    "lou": "楼娄", "lu": "卢鲁陆路露禄璐", "luan": "栾", "lun": "伦", "luo": "罗骆洛", "lv": "吕律绿",
    "ma": "马", "mai": "麦", "man": "满曼", "mao": "毛茅茂", "mei": "梅美媚玫", "meng": "孟蒙梦萌",
    "mi": "米宓", "miao": "苗妙", "min": "闵敏民旻", "ming": "明鸣铭", "mo": "莫墨", "mou": "牟",
    "mu": "穆牧木慕", "na": "娜", "nan": "南楠", "ni": "倪妮", "nian": "年", "ning": "宁凝", "niu": "牛",
    "nong": "农", "ou": "欧鸥", "pan": "潘盼", "pang": "庞", "pei": "裴佩培沛", "peng": "彭鹏朋",
    "pi": "皮", "ping": "平萍屏", "pu": "蒲浦普", "qi": "齐戚祁琪奇启淇琦棋其", "qian": "钱乾谦倩千",
    "qiang": "强蔷", "qiao": "乔桥", "qin": "秦勤钦琴沁", "qing": "庆青清晴卿擎", "qiong": "琼",
    "qiu": "邱秋丘", "qu": "曲瞿屈渠", "quan": "全权泉", "ran": "冉然", "rao": "饶", "ren": "任仁",
    "rong": "荣容蓉融戎", "ru": "茹如儒", "rui": "瑞睿芮蕊锐", "run": "润", "ruo": "若",
    "sha": "沙", "shan": "山珊善杉", "shang": "尚商上", "shao": "邵绍少韶", "shen": "沈申深慎",
    "sheng": "盛胜圣生升晟笙", "shi": "石施史时世诗士仕师实", "shou": "寿守", "shu": "舒殊书淑树",
    "shuang": "双爽", "shui": "水", "shun": "顺舜", "si": "司思斯", "song": "宋松嵩颂", "su": "苏素肃",
    "sui": "隋穗", "sun": "孙", "tai": "泰太", "tan": "谭檀坦", "tang": "唐汤棠堂", "tao": "陶桃韬涛",
    "teng": "滕腾", "tian": "田天甜恬", "ting": "婷庭亭廷", "tong": "童佟彤通同桐", "tu": "涂屠",
    "wan": "万宛婉皖", "wang": "王汪望旺", "wei": "魏卫韦威伟维薇蔚巍玮微", "wen": "文温闻雯",
    "weng": "翁", "wu": "吴武伍吾乌午", "xi": "席夕熙希溪曦西喜", "xia": "夏霞", "xian": "冼贤先娴仙宪",
    "xiang": "向项湘祥翔香相", "xiao": "肖萧晓小孝笑", "xie": "谢燮", "xin": "辛欣新心鑫昕馨信",
    "xing": "邢星兴幸杏", "xiong": "熊雄", "xiu": "秀修", "xu": "徐许胥旭序栩", "xuan": "宣轩萱璇玄",
    "xue": "薛雪学", "xun": "荀寻迅勋", "ya": "雅亚娅", "yan": "严颜燕闫阎晏言岩彦艳妍延", "yang": "杨阳扬洋",
    "yao": "姚尧瑶耀遥", "ye": "叶野烨", "yi": "易伊仪依一艺怡宜益毅义逸亿", "yin": "尹殷银音茵",
    "ying": "应英莹颖盈瑛鹰迎", "yong": "勇永雍庸咏", "you": "尤游友佑", "yu": "于余俞虞禹宇雨玉瑜钰羽煜裕愚鱼渝",
    "yuan": "袁元原远源媛苑园圆", "yue": "岳越月悦跃", "yun": "云芸运韵昀", "zang": "臧", "zeng": "增",
    "zhan": "詹展湛战", "zhang": "张章彰璋樟", "zhao": "赵昭钊朝", "zhe": "哲浙", "zhen": "甄真珍振震贞",
    "zheng": "郑正政征铮峥", "zhi": "智志芝知致之治植", "zhong": "钟仲中忠", "zhou": "周舟洲州",
    "zhu": "朱祝竺诸珠柱铸", "zhuang": "庄壮", "zhuo": "卓", "zi": "紫子梓姿", "zong": "宗", "zou": "邹",
    "zu": "祖", "zuo": "左佐",
}
_READING = {ch: py for py, chars in _TABLE.items() for ch in chars}


def pinyin_name(name: str) -> str | None:
    """zhang-xiaomei for 张小梅; None when a character is not in the table."""
    name = name.replace("·", "")
    for surname, py in sorted(_SURNAME.items(), key=lambda kv: -len(kv[0])):
        if name.startswith(surname) and len(name) > len(surname):
            given = [_READING.get(c) for c in name[len(surname):]]
            return None if None in given else f"{py}-{''.join(g for g in given if g)}"
    if len(name) < 2:
        return None
    parts = [_READING.get(c) for c in name]
    if None in parts:
        return None
    return f"{parts[0]}-{''.join(p for p in parts[1:] if p)}"
