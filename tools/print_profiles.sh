#!/usr/bin/env bash
# Rebuild the output profiles in layouts/_shared/icc/ from freely distributable
# characterization data that Debian's icc-profiles-free ships (zlib licence), with
# ArgyllCMS colprof (Debian package argyll); ramp black generation, black ≤ 95 %,
# perceptual tables gamut-mapped from sRGB:
#   Newsprint-CGATS-TR002-TAC240.icc  CGATS TR 002 (SNAP): coldset offset on newsprint, total ink 240 %
#   ISO-Uncoated-FOGRA29-TAC300.icc   FOGRA29: offset on uncoated paper (ISO 12647-2 PT4), total ink 300 %
# Needs: apt-get install argyll icc-profiles-free. Takes a few CPU minutes each.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make_profile() {   # data.ti3 output.icc total-ink description
  cp "/usr/share/color/icc/$1" "$tmp/p.ti3"
  (cd "$tmp" && colprof -qm -kr -l"$3" -L95 -S /usr/share/color/icc/sRGB.icc -cmt -dpp -D "$4" \
    -C "No copyright. Made from $1 characterization data (Debian icc-profiles-free, zlib licence) with ArgyllCMS colprof." p)
  cp "$tmp/p.icc" "$here/layouts/_shared/icc/$2"
  echo "wrote layouts/_shared/icc/$2"
}
make_profile TR002.ti3 Newsprint-CGATS-TR002-TAC240.icc 240 "Newsprint coldset, CGATS TR 002 (SNAP 2007), TAC 240%"
make_profile FOGRA29L.ti3 ISO-Uncoated-FOGRA29-TAC300.icc 300 "ISO uncoated (FOGRA29), TAC 300%"
