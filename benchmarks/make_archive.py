"""Write a synthetic archive of meetings for the scale benchmark.

    python benchmarks/make_archive.py OUT_DIR [--count 200] [--seed 1]

Every meeting is built from the reference meeting's sentences, permuted, with
other numbers, names, headlines and 3-12 speakers, so the archive has about a
million characters, a realistic spread of the character set (new names bring
new glyphs) and page fills, and each meeting still fits one broadsheet page
(a build that fails for 排不下 would measure nothing). Deterministic per seed.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "content" / "yongchuan-2026-q1"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉力斌宇浩凯健俊帆鹏飞鑫波宁欣怡晨曦子涵雨轩梓萱思远嘉懿博文一诺梦琪佳琪子轩浩然立新永川松溉宝峰板桥"
PLACES = ["松溉镇", "板桥镇", "宝峰镇", "朱沱镇", "吉安镇", "仙龙镇", "来苏镇", "三教镇", "大安街道", "中山路街道",
          "胜利路街道", "南大街街道", "茶山竹海街道", "卫星湖街道", "五间镇", "何埂镇", "青峰镇", "金龙镇", "临江镇", "红炉镇"]
UNITS = ["区委宣传部", "区委政法委", "区经济信息委", "区商务委", "区发展改革委", "区财政局", "区教委", "区卫生健康委",
         "区住房城乡建委", "区交通运输委", "区农业农村委", "区生态环境局", "区文化旅游委", "区市场监管局", "区科技局"]
ROLES = ["党委书记", "党工委书记", "党组书记、主任", "党组书记、局长", "镇长", "主任", "部长"]
PAPERS = ["渝西都市报", "永川日报", "重庆日报", "江津日报", "璧山报"]


def _pool(ref: Path):
    """Sentences, headlines and positions of the reference meeting."""
    sentences, headlines = [], []
    for md in sorted((ref / "speakers").glob("*.md")):
        text = md.read_text("utf-8")
        _, front, body = text.split("---", 2)
        for line in front.splitlines():
            if line.startswith("headline:"):
                headlines.append(line.split(":", 1)[1].strip())
        for para in body.split("\n\n"):
            for s in re.findall(r"[^。！？]+[。！？]", para.strip()):
                sentences.append(s)
    return sentences, headlines


def _vary_numbers(s: str, rng: random.Random) -> str:
    def sub(m):
        n = int(m.group())
        return str(max(1, int(n * rng.uniform(0.5, 1.8)))) if n < 1900 or n > 2100 else m.group()
    return re.sub(r"\d+", sub, s)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _speaker_text(rng, sentences, chars: int) -> str:
    paras, total = [], 0
    ordinals = "一二三四五六七八九"
    k = 0
    while total < chars:
        n = rng.randint(2, 4)
        body = "".join(_vary_numbers(rng.choice(sentences), rng) for _ in range(n))
        if k and k <= len(ordinals) and rng.random() < 0.7:
            body = f"{ordinals[k - 1]}是" + body.lstrip("一二三四五六七八九是")
        paras.append(body)
        total += len(body)
        k += 1
    return "\n\n".join(paras)


def make_meeting(folder: Path, i: int, rng: random.Random, sentences, headlines, budget: float = 1.0) -> int:
    n = rng.randint(3, 12)
    # One broadsheet page holds ~330 lines of 14 characters; each speaker's headline,
    # name line and spacing take ~6 of them.
    lines = 318 - 6 * n
    per = int(lines * 14 * 0.84 * budget / n)
    units = rng.sample(UNITS + PLACES, n)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "speakers").mkdir(parents=True)
    keys = []
    total = 0
    for j, unit in enumerate(units, 1):
        name = _name(rng)
        key = f"{j:02d}-s{j}"
        keys.append(key)
        position = unit + rng.choice(ROLES)
        h = rng.choice(headlines).split(" ")
        rng.shuffle(h)
        text = _speaker_text(rng, sentences, int(per * rng.uniform(0.8, 1.15)))
        doc = f"---\nheadline: {' '.join(h)}\nposition: {position}\nname: {name}\n---\n{text}\n"
        (folder / "speakers" / f"{key}.md").write_text(doc, "utf-8")
        total += len(doc)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    lead = (f"{month}月{day}日，永川区召开2026年第{rng.randint(1, 9)}次工作推进会。"
            f"{'、'.join(units)}等主要负责同志交流发言。以下为发言摘登。")
    meeting = (f"publication:\n  paper: {rng.choice(PAPERS)}\n  date: 2026-{month:02d}-{day:02d}\n"
               f"  page_number: {rng.randint(1, 16)}\n  page_name: 要闻\n  editor: \"\"\n  designer: \"\"\n  proofreader: \"\"\n"
               f"kicker: \"\"\ntitle: {_vary_numbers(rng.choice(headlines), rng)} 奋力实现第{i + 1}项重点任务新突破\n"
               f"subtitle: 永川区2026年工作推进会发言摘登（第{i + 1}期）\n"
               f"byline:\n  reporters: [{_name(rng)}]\n  correspondents: [{_name(rng)}]\n"
               f"lead: |\n  {lead}\n"
               "speakers:\n" + "".join(f"  - {k}\n" for k in keys))
    (folder / "meeting.yaml").write_text(meeting, "utf-8")
    return total + len(meeting)


def _fits(folder: Path) -> bool:
    from publish.build import fit_report
    return fit_report(folder, "broadsheet").fits


def make_archive(out: Path, count: int = 200, seed: int = 1, check: bool = True) -> int:
    sentences, headlines = _pool(REFERENCE)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(count):
        folder = out / f"m{i:03d}"
        budget = 1.15       # start a little over a page, shrink until it fits
        while True:
            rng = random.Random(f"{seed}-{i}")
            size = make_meeting(folder, i, rng, sentences, headlines, budget)
            if not check or _fits(folder):
                break
            budget *= 0.93       # too long for the page: the same meeting, shorter
        total += size
    return total


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-check", action="store_true", help="skip checking that each meeting fits its page")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    total = make_archive(a.out, a.count, a.seed, check=not a.no_check)
    print(f"{a.count} meetings, {total} characters, in {a.out}")


if __name__ == "__main__":
    main()
