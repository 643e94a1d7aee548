"""Benchmark: typeset ~5,000 characters of realistic 发言摘登 body text into
12-em columns at 9 pt, as on the reference page (~60 paragraphs).

    PYTHONPATH=. python benchmarks/bench_typeset.py [--repeat N]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from publish.typeset import ParaStyle, Run, break_paragraph

SIZE = 9.0
COLUMN_EM = 12

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物"
    "现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全"
    "表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无"
    "系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基"
    "资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取"
    "据处理府研推进创新驱动高质量发展改革开放民生保障乡村振兴产业升级"
)
NUMBERS = ["1050.7亿元", "6.2%", "2.78万", "1.46万标箱", "2025年", "3.5%", "128个", "AI+", "5G", "12.6万户"]
LEADS = ["一是", "二是", "三是", "四是"]


def adv(ch: str) -> float:
    if ch.isascii():
        if ch.isdigit():
            return 0.55
        if ch.isalpha():
            return 0.6
        return 0.3
    return 1.0


def bold_adv(ch: str) -> float:
    return adv(ch) * (1.02 if ch.isascii() else 1.0)


def clause(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(4, 14)):
        r = rng.random()
        if r < 0.06:
            parts.append(rng.choice(NUMBERS))
        elif r < 0.09:
            parts.append("“" + "".join(rng.choices(HAN, k=rng.randint(2, 6))) + "”")
        else:
            parts.append(rng.choice(HAN))
    return "".join(parts)


def paragraph(rng: random.Random) -> list[Run]:
    runs = []
    if rng.random() < 0.3:
        runs.append(Run(rng.choice(LEADS) + clause(rng) + "。", "hei", SIZE, bold_adv, True))
    body = []
    for _ in range(rng.randint(2, 8)):
        body.append(clause(rng))
        r = rng.random()
        if r < 0.5:
            body.append("，")
        elif r < 0.6:
            body.append("、")
        elif r < 0.65:
            body.append("——")
        elif r < 0.68:
            body.append("……")
        elif r < 0.75:
            body.append("；")
        else:
            body.append("。")
    text = "".join(body).rstrip("，、；") + "。"
    if rng.random() < 0.2:
        text = text[:-1] + "（" + clause(rng) + "）。"
    runs.append(Run(text, "song", SIZE, adv))
    return runs


def make_corpus(seed: int = 20251129, target: int = 5000) -> list[list[Run]]:
    rng = random.Random(seed)
    paras, total = [], 0
    while total < target:
        p = paragraph(rng)
        paras.append(p)
        total += sum(len(r.text) for r in p)
    return paras


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    paras = make_corpus()
    n_chars = sum(len(r.text) for p in paras for r in p)
    style = ParaStyle(measure=COLUMN_EM * SIZE, indent=2 * SIZE)
    times = []
    lines = []
    for _ in range(max(5, args.repeat)):
        t0 = time.perf_counter()
        lines = [break_paragraph(p, style) for p in paras]
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    n_lines = sum(len(ls) for ls in lines)
    loose = sum(l.loose for ls in lines for l in ls)
    pushed = {k: sum(l.push == k for ls in lines for l in ls) for k in ("in", "out")}
    print(f"{len(paras)} paragraphs, {n_chars} chars, {n_lines} lines "
          f"(push-in {pushed['in']}, push-out {pushed['out']}, loose {loose})")
    print(f"median {med * 1000:.2f} ms over {len(times)} runs "
          f"(min {min(times) * 1000:.2f} ms), {n_chars / med:,.0f} chars/s")


if __name__ == "__main__":
    main()
