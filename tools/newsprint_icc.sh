#!/usr/bin/env bash
# Rebuild layouts/_shared/icc/Newsprint-CGATS-TR002-TAC240.icc, the newsprint output
# profile of the newspaper layouts, from freely distributable data:
#   CGATS TR 002 (SNAP, coldset offset on newsprint) characterization data, shipped by
#   Debian's icc-profiles-free (/usr/share/color/icc/TR002.ti3, zlib licence),
#   profiled with ArgyllCMS colprof (Debian package argyll):
#   total ink 240 %, black ≤ 95 %, ramp black generation, perceptual tables mapped from sRGB.
# Needs: apt-get install argyll icc-profiles-free. Takes a few CPU minutes.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/layouts/_shared/icc/Newsprint-CGATS-TR002-TAC240.icc"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp /usr/share/color/icc/TR002.ti3 "$tmp/newsprint.ti3"
cd "$tmp"
colprof -qm -kr -l240 -L95 -S /usr/share/color/icc/sRGB.icc -cmt -dpp \
  -D "Newsprint coldset, CGATS TR 002 (SNAP 2007), TAC 240%" \
  -C "No copyright. Made from CGATS TR 002 characterization data (Debian icc-profiles-free, zlib licence) with ArgyllCMS colprof." \
  newsprint
cp newsprint.icc "$out"
echo "wrote $out"
