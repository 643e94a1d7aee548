#!/usr/bin/env bash
# Install the system packages the tool needs, if missing and if we can.
# Fonts: Noto Serif/Sans CJK SC (宋/黑), LXGW WenKai (楷), FandolFang (仿宋, taken
# alone out of texlive-lang-chinese: the whole package is ~100 MB of TeX), AR PL UMing
# (the DOCX font-fallback test). Tools: poppler (proofs, pdffonts), qpdf, ghostscript
# (ink coverage), LibreOffice Writer (DOCX checks), chromium + chromium-driver (browser
# tests of the live preview).
set -u
need=()
fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -q "Noto Sans CJK SC:style=Black\|Noto Sans CJK SC,Noto Sans CJK SC Black" || need+=(fonts-noto-cjk-extra)
fc-list 2>/dev/null | grep -q "LXGW WenKai" || need+=(fonts-lxgw-wenkai)
# A Linux stand-in for 宋体, listed in the layouts' word.fonts: the DOCX font-fallback test uses it.
[ -d /usr/share/fonts/truetype/arphic ] || need+=(fonts-arphic-uming)
command -v fc-match >/dev/null || need+=(fontconfig)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v gs >/dev/null || need+=(ghostscript)
# Browser tests of `publish watch` (selenium drives Debian's chromium through chromedriver).
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
[ -f /usr/share/color/icc/ghostscript/default_cmyk.icc ] || need+=(libgs-common)
# RGB working-space profiles (Adobe RGB compatible …): tagged photos in the tests
[ -f /usr/share/color/icc/compatibleWithAdobeRGB1998.icc ] || need+=(icc-profiles-free)
if [ "${PUBLISH_SKIP_LIBREOFFICE:-}" = "" ]; then
  command -v soffice >/dev/null || need+=(libreoffice-writer)
fi

# 仿宋: FandolFang-Regular.otf only, into a fonts folder fontconfig reads.
install_fandol() {
  fc-list 2>/dev/null | grep -q "FandolFang" && return 0
  local dest=/usr/local/share/fonts/fandol
  [ -w /usr/local/share/fonts ] || [ -w /usr/local/share ] || dest="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/fandol"
  mkdir -p "$dest" || return 0
  local tex=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf
  if [ -f "$tex" ]; then cp -p "$tex" "$dest/"; fc-cache -f "$dest" >/dev/null 2>&1; return 0; fi
  command -v apt-get >/dev/null || { echo "没有 apt-get：请手动安装 FandolFang（texlive-lang-chinese）"; return 0; }
  local tmp; tmp=$(mktemp -d)
  if (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null 2>&1); then
    dpkg-deb --fsys-tarfile "$tmp"/texlive-lang-chinese_*.deb \
      | tar -x -C "$tmp" --wildcards '*/fandol/FandolFang-Regular.otf' 2>/dev/null
    find "$tmp" -name FandolFang-Regular.otf -exec cp -p {} "$dest/" \;
    fc-cache -f "$dest" >/dev/null 2>&1
  fi
  rm -rf "$tmp"
  fc-list 2>/dev/null | grep -q "FandolFang" || echo "未能安装仿宋字体 FandolFang：请运行 sudo apt-get install texlive-lang-chinese"
}
[ ${#need[@]} -eq 0 ] && { install_fandol; exit 0; }
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
install_fandol
