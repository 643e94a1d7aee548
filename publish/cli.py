"""Command line: publish build / fit / layouts / import / proof / preflight / package.

Heavy modules are imported inside the commands, so `publish --help` and
`publish fit` do not pay for reportlab or python-docx.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import PublishError

FORMATS = ("pdf", "docx")


def _fail(e: PublishError):
    for p in e.problems:
        click.echo(str(p), err=True)
    sys.exit(e.exit_code)


def _exit(code: int):
    """Exit without tearing the interpreter down (~15 ms spent freeing objects
    nobody will use again) when this process is the publish program itself;
    a caller that embeds the CLI (tests, CliRunner) gets the usual SystemExit."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    if (spec is not None and spec.name == "publish.__main__") or Path(sys.argv[0]).name == "publish":
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def _formats(value: str) -> tuple[str, ...]:
    fmts = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise click.BadParameter(f"未知格式 {','.join(bad) or value}；可用：{','.join(FORMATS)}")
    return fmts


# Options several commands share, declared once so their wording and defaults stay the same.
layout_option = click.option(
    "--layout", "-l", default="broadsheet", show_default=True, help="版式名称（见 publish layouts）或版式文件夹。"
)
output_option = click.option(
    "-o",
    "--output",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(path_type=Path),
    help="输出文件夹。",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="publish")
def main():
    """发言摘登排版工具：把会议内容文件排成报纸版面的 PDF 和 Word。

    \b
    常用：
      publish build content/MEETING            排出 PDF 和 DOCX 到 build/
      publish fit content/MEETING              只看每位发言人的版面占用（超出/不足）
      publish watch content/MEETING            边改边看：保存即重排，浏览器里看版面
      publish new content/MEETING              新建会议文件夹（带注释的模板）
      publish proof content/MEETING            校对检查
      publish layouts                          列出可用版式
    """


@main.command()
@click.argument("content_dirs", nargs=-1, required=True, type=click.Path(path_type=Path))
@layout_option
@click.option("--format", "-f", "fmt", default="pdf,docx", show_default=True, help="输出格式，逗号分隔：pdf,docx")
@output_option
@click.option(
    "--marks/--no-marks", default=None, help="加裁切线、套准线、色标和文件名（印厂用）；不写则按版式 print: marks。"
)
@click.option(
    "--embed-fonts",
    "embed_fonts",
    type=click.Choice(["subset", "full"]),
    is_flag=False,
    flag_value="subset",
    default=None,
    help="把字体嵌入 DOCX：--embed-fonts 只嵌入用到的字（子集）；--embed-fonts=full 在授权允许时嵌入整套字体，"
    "编辑新打的字也有字形。",
)
@click.option("--jobs", "-j", default=0, type=int, help="并行进程数（多个会议时；0 = CPU 核数）。")
@click.option("--quiet", "-q", is_flag=True, help="只输出错误。")
@click.option("--pages", type=click.IntRange(1, 99), default=None, help="排成几页/几版（默认按版式的 fit.pages）。")
@click.option("--draft", is_flag=True, help="出样稿：出版信息可以是“待填”，首页印“样稿 DRAFT”字样，不得付印。")
def build(content_dirs, layout, fmt, out_dir, marks, embed_fonts, jobs, quiet, draft, pages):
    """把会议文件夹排成 PDF / DOCX。"""
    from .build import BuildOptions, build_many

    opts = BuildOptions(
        layout=layout,
        formats=_formats(fmt),
        out_dir=out_dir,
        marks=marks,
        embed_fonts=embed_fonts or False,
        quiet=quiet,
        draft=draft,
        pages=pages,
    )
    _exit(build_many(list(content_dirs), opts, jobs=jobs))


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path))
@layout_option
@click.option("--pages", type=click.IntRange(1, 99), default=None, help="排成几页/几版（默认按版式的 fit.pages）。")
def fit(content_dir, layout, pages):
    """核算版面：撑版/缩版改了什么，每位发言人的字数、占行；排不满或排不下时退出码为 1。"""
    from .build import fit_report

    try:
        report = fit_report(content_dir, layout, pages)
    except PublishError as e:
        _fail(e)
    click.echo(report.format())
    _exit(0 if report.ok else 1)


@main.command()
def layouts():
    """列出可用版式。"""
    from .layout.spec import available_layouts, load_layout

    for name in available_layouts():
        try:
            lay = load_layout(name)
            click.echo(f"{name:14s} {lay.title}")
        except PublishError as e:
            click.echo(f"{name:14s} （版式文件有误：{e.problems[0]}）")


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "out_dir", type=click.Path(path_type=Path), help="写出的会议文件夹（默认 content/文件名）。"
)
@click.option("--force", is_flag=True, help="覆盖已有的会议文件夹。")
def import_(source, out_dir, force):
    """把记者稿（.txt / .docx）导入为会议内容文件。"""
    from .importer import import_file

    out_dir = out_dir or Path("content") / source.stem
    try:
        report = import_file(source, out_dir, force=force)
    except PublishError as e:
        _fail(e)
    click.echo(report.format())


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path))
@layout_option
def proof(content_dir, layout):
    """校对检查：标点、序号、字形、篇幅、发言人名单。"""
    from .proof import proof_meeting, speaker_lengths

    try:
        findings = proof_meeting(content_dir, layout)
        lengths = speaker_lengths(content_dir)
    except PublishError as e:
        _fail(e)
    errors = 0
    for f in findings:
        click.echo(str(f), err=f.severity == "error")
        errors += f.severity == "error"
    warnings = len(findings) - errors
    if lengths:
        click.echo("字数：" + "，".join(f"{k} {n}" for k, n in lengths.items()))
    click.echo(f"校对：{errors} 个错误，{warnings} 个提醒。", err=bool(errors))
    sys.exit(1 if errors else 0)


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option(
    "--layout", "-l", default=None, help="按这个版式的印刷要求检查（总墨量上限、专色、图片分辨率）；默认新闻纸 240%。"
)
@click.option("--ink-limit", type=click.FloatRange(100, 400), default=None, help="总墨量上限 %（覆盖版式）。")
def preflight(pdf, as_json, layout, ink_limit):
    """印前检查任意 PDF：字体嵌入、颜色空间、总墨量、出血、专色、页面框、图片分辨率、PDF/X。"""
    from .preflight import run_preflight

    try:
        kw = {}
        if layout:
            from .layout.spec import load_layout

            lay = load_layout(layout)
            kw = dict(
                min_ppi=lay.image_min_ppi,
                warn_ppi=lay.image_warn_ppi,
                ink_limit=lay.ink_limit,
                spot_colours=lay.spot_colours,
            )
        if ink_limit is not None:
            kw["ink_limit"] = ink_limit
        sys.exit(run_preflight(pdf, as_json=as_json, **kw))
    except PublishError as e:
        _fail(e)


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path))
@layout_option
@click.option("-o", "--output", "out_dir", default="build", show_default=True, type=click.Path(path_type=Path))
@click.option(
    "--marks/--no-marks", default=None, help="PDF 加裁切线、套准线、色标和文件名；不写则按版式 print: marks。"
)
def package(content_dir, layout, out_dir, marks):
    """生成交印厂的文件包（zip）：PDF、DOCX、校样 PNG、印前报告、清单。"""
    from .package import make_package

    try:
        path = make_package(content_dir, layout, out_dir, marks=marks)
    except PublishError as e:
        _fail(e)
    click.echo(f"文件包：{path}")


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path))
@layout_option
@output_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="本机端口（默认 8765，被占用时自动另选；0 = 任选空闲端口）。",
)
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开预览。")
@click.option("--quiet", "-q", is_flag=True, help="终端里不逐次报告重排。")
@click.option("--draft", is_flag=True, help="出样稿：出版信息可以是“待填”，照样写出 PDF / DOCX（首页印“样稿”字样）。")
def watch(content_dir, layout, out_dir, port, open_browser, quiet, draft):
    """边改边看：每次保存即重排 PDF / DOCX，并在浏览器里显示版面和核算。

    \b
    预览只在本机（127.0.0.1）可见。排版出错或排不下时，build/ 里上一次排好的
    PDF 和 DOCX 保持不变。按 Ctrl-C 停止，退出状态为 0。
    """
    from .watch.app import run_watch

    try:
        code = run_watch(content_dir, layout, out_dir, port=port, open_browser=open_browser, quiet=quiet, draft=draft)
    except PublishError as e:
        _fail(e)
    sys.exit(code)


@main.command()
@click.argument("content_dir", type=click.Path(path_type=Path))
@click.option(
    "--speakers", "-n", default=2, show_default=True, type=click.IntRange(1, 30), help="先建几位发言人的文件。"
)
def new(content_dir, speakers):
    """新建一个会议文件夹：每一项都带中文注释，照着填写即可。"""
    from .watch.skeleton import write_skeleton

    try:
        written = write_skeleton(content_dir, speakers)
    except PublishError as e:
        _fail(e)
    for path in written:
        click.echo(f"已写出：{path}")
    click.echo(f"下一步：编辑这些文件，然后运行 publish watch {content_dir} 边改边看。")


if __name__ == "__main__":
    main()
