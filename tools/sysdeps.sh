#!/usr/bin/env bash
# Install the system packages the tool needs, if missing and if we can.
# Fonts: Noto Serif/Sans CJK SC (宋/黑), LXGW WenKai (楷). Tools: poppler (proofs,
# pdffonts), qpdf, ghostscript (ink coverage), LibreOffice Writer (DOCX checks),
# chromium + chromium-driver (browser tests of the live preview).
set -u
need=()
fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -q "Noto Sans CJK SC:style=Black\|Noto Sans CJK SC,Noto Sans CJK SC Black" || need+=(fonts-noto-cjk-extra)
fc-list 2>/dev/null | grep -q "LXGW WenKai" || need+=(fonts-lxgw-wenkai)
command -v fc-match >/dev/null || need+=(fontconfig)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v gs >/dev/null || need+=(ghostscript)
# Browser tests of `publish watch` (selenium drives Debian's chromium through chromedriver).
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
[ -f /usr/share/color/icc/ghostscript/default_cmyk.icc ] || need+=(libgs-common)
if [ "${PUBLISH_SKIP_LIBREOFFICE:-}" = "" ]; then
  command -v soffice >/dev/null || need+=(libreoffice-writer)
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "需要安装系统软件包：${need[*]}"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "不是 root，无法自动安装。请运行：sudo apt-get install ${need[*]}"; exit 0; fi
fi
if ! command -v apt-get >/dev/null; then
  echo "没有 apt-get：请手动安装 ${need[*]}（或在 layouts/*/layout.yaml 的 fonts 中改用已安装的字体）"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Another apt may hold the dpkg lock for a while (unattended upgrades, a parallel job): wait for it.
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
