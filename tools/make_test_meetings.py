"""Writes the test meetings under tests/meetings/ (run once; the files are committed).

Sentences are drawn from the reference meeting, so the text has the reference's
punctuation, numbers and bold 一是… leads, in new orders and lengths."""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "content" / "yongchuan-2026-q1" / "speakers"
OUT = ROOT / "tests" / "meetings"

NAMES = ["王建国", "欧阳明远", "李娜", "陈志强", "司马晓峰", "刘芳", "赵德明", "孙丽华", "周文斌", "吴晓燕",
         "郑国栋", "黄海涛", "林小红", "何振宇", "罗静", "高天宇", "马晓东", "梁秀英"]
POSITIONS = ["区委副书记、区长", "区委常委、常务副区长", "区发展改革委党组书记、主任", "区教委党工委书记、主任",
             "区卫生健康委党委书记、主任", "区农业农村委党委书记、主任", "区住房城乡建委党组书记、主任",
             "区交通运输委党委书记、主任", "区生态环境局党组书记、局长", "区市场监管局党委书记、局长",
             "区文化旅游委党委书记、主任", "双石镇党委书记", "卫星湖街道党工委书记", "来苏镇党委书记",
             "区人力社保局党组书记、局长", "区应急管理局党委书记、局长", "仙龙镇党委书记", "区财政局党组书记、局长"]
HEADLINES = ["坚持项目为王 夯实发展根基", "聚焦民生所盼 办好惠民实事", "深化改革攻坚 激发创新活力",
             "守牢安全底线 护航高质量发展", "做强特色产业 推进乡村全面振兴", "优化营商环境 服务市场主体",
             "擦亮生态底色 建设美丽家园", "强化要素保障 推动重大项目落地见效", "坚持教育优先 办好人民满意教育",
             "织密健康网底 守护群众生命健康", "建强交通网络 畅通发展动脉", "激活文旅资源 打造城市名片",
             "稳住就业基本盘 兜牢民生底线", "筑牢安全防线 提升应急能力", "用好财政资金 提升保障水平",
             "抓实基层治理 共建和美乡村", "做优城市功能 提升城市品质", "锚定目标任务 奋力实现开门红"]
LONG_HEADLINES = [   # long for a column, yet each can be set in the layouts' max_lines
    "坚持高质量党建引领 全面提升基层治理现代化水平",
    "聚力打造西部职教基地 推动产教融合走深走实",
    "深入实施制造业高质量发展行动 加快构建现代化产业体系",
    "统筹推进城市更新和乡村振兴 促进城乡融合发展",
    "稳增长促改革调结构惠民生 确保全年目标任务圆满完成",
    "推进全面从严治党向纵深发展 为现代化建设提供坚强保证",
]


def sentences() -> tuple[list[str], list[str]]:
    plain, points = [], []
    for f in sorted(REF.glob("*.md")):
        body = f.read_text("utf-8").split("---", 2)[2]
        for para in body.split("\n\n"):
            para = para.strip()
            if not para:
                continue
            for s in re.findall(r"[^。！？]*[。！？]", para):
                (points if re.match(r"^[一二三四五六七八九十]+是", s) else plain).append(s)
    return plain, points


def speech(rng: random.Random, chars: int, plain, points) -> str:
    paras, n, k = [], 0, 0
    nums = "一二三四五六七八九十"
    opening = "".join(rng.sample(plain, 2))
    paras.append(opening)
    n += len(opening)
    while n < chars:
        p = rng.choice(points)
        p = nums[k % 10] + p[p.index("是"):]
        p += "".join(rng.sample(plain, rng.randint(1, 3)))
        paras.append(p)
        n += len(p)
        k += 1
    return "\n\n".join(paras) + "\n"


def meeting(name: str, title: str, subtitle: str, speakers: list[dict], lead: str, extra: str = "") -> None:
    folder = OUT / name
    (folder / "speakers").mkdir(parents=True, exist_ok=True)
    keys = []
    for i, sp in enumerate(speakers, 1):
        key = f"{i:02d}-speaker"
        keys.append(key)
        head = "".join(f"{k}: {sp[k]}\n" for k in ("headline", "position", "name", "portrait") if sp.get(k))
        (folder / "speakers" / f"{key}.md").write_text(f"---\n{head}---\n{sp['body']}", "utf-8")
    (folder / "meeting.yaml").write_text(
        "publication:\n  paper: 渝西都市报\n  date: 2026-03-10\n  page_number: 5\n  page_name: 要闻\n"
        f"title: {title}\nsubtitle: {subtitle}\nbyline:\n  reporters: [记者甲]\n"
        f"lead: |\n  {lead}\n"
        + extra + "speakers:\n" + "".join(f"  - {k}\n" for k in keys), "utf-8")


def portrait(path: Path, seed: int) -> None:
    from PIL import Image, ImageDraw
    rng = random.Random(seed)
    im = Image.new("RGB", (300, 400), (rng.randint(150, 230), rng.randint(150, 230), rng.randint(150, 230)))
    d = ImageDraw.Draw(im)
    d.ellipse((90, 60, 210, 200), fill=(90, 70, 60))
    d.rectangle((60, 230, 240, 400), fill=(40, 50, 80))
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, quality=85)


def main() -> None:
    plain, points = sentences()
    lead = "3月8日，区里召开专题工作会议。会上，有关部门和镇街主要负责同志作交流发言。现将发言摘要刊发如下。"

    def people(n, chars, seed, heads=HEADLINES, **extra):
        rng = random.Random(seed)
        return [dict(headline=heads[i % len(heads)], position=POSITIONS[i % len(POSITIONS)],
                     name=NAMES[i % len(NAMES)], body=speech(rng, chars, plain, points), **extra)
                for i in range(n)]
    bulletin = ("bulletin:\n  name: 工作简报\n  issue: 第 3 期\n  issuer: 区委办公室\n  distribution:\n"
                "    - 报: 市委办公厅\n    - 发: 各镇街党（工）委\n")
    meeting("short-3", "凝心聚力抓落实 奋勇争先开新局", "区专题工作会议发言摘登", people(3, 260, 1), lead, bulletin)
    meeting("long-15", "锚定目标不松劲 实干争先开新局", "全区重点工作推进会发言摘登", people(15, 650, 2), lead)
    noh = people(6, 420, 3)
    for sp in noh:
        sp["headline"] = ""
    meeting("no-headlines", "真抓实干 担当作为", "区务工作会议发言摘登", noh, lead)
    por = people(5, 420, 4)
    for i, sp in enumerate(por):
        sp["portrait"] = f"portraits/p{i + 1}.jpg"
        portrait(OUT / "portraits" / "portraits" / f"p{i + 1}.jpg", i)
    meeting("portraits", "奋楫争先 勇立潮头", "区重点项目推进会发言摘登", por, lead)
    meeting("long-headlines", "以钉钉子精神抓落实 奋力推动各项工作再上新台阶",
            "全区高质量发展推进会发言摘登", people(6, 380, 5, heads=LONG_HEADLINES), lead)
    meeting("two-pages", "凝聚奋进力量 共绘发展新篇", "区年度工作会议发言摘登", people(10, 620, 6), lead)


if __name__ == "__main__":
    sys.exit(main())
