#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a scratch prefix, as `cmake --install` does for a
# user or a package, and checks what a desktop needs: both programs run, the
# desktop entry and the AppStream metainfo validate, the icon is there in
# every size, and the licence comes along.
#   check_install.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
for program in tcpinspector tcpinspector-cli; do
    [ -x "$prefix/bin/$program" ] || fail "bin/$program not installed"
done
version=$("$prefix/bin/tcpinspector-cli" --version)
[[ $version == *[0-9].[0-9]* ]] || fail "tcpinspector-cli --version said '$version'"
QT_QPA_PLATFORM=offscreen "$prefix/bin/tcpinspector" --help | grep -q -- "--relay" \
    || fail "tcpinspector --help does not list --relay"

desktop=$prefix/share/applications/tcpinspector.desktop
[ -f "$desktop" ] || fail "no desktop entry"
out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
grep -q "error" <<<"$out" && fail "desktop-file-validate: $out"

metainfo=$prefix/share/metainfo/org.tcpinspector.tcpinspector.metainfo.xml
[ -f "$metainfo" ] || fail "no metainfo"
grep -q "@[A-Z_]*@" "$metainfo" && fail "metainfo not configured"
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate"
# The launchable names the desktop entry installed beside it.
grep -q "<launchable type=\"desktop-id\">tcpinspector.desktop</launchable>" "$metainfo" \
    || fail "metainfo launchable is not tcpinspector.desktop"

icons=$prefix/share/icons/hicolor
[ -f "$icons/scalable/apps/tcpinspector.svg" ] || fail "no scalable icon"
for size in 16 22 24 32 48 64 128 256 512; do
    png=$icons/${size}x${size}/apps/tcpinspector.png
    [ -f "$png" ] || fail "no ${size}x${size} icon"
    file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not $size x $size"
done
doc=$prefix/share/doc/tcpinspector
[ -f "$doc/LICENSE" ] || fail "no LICENSE in share/doc/tcpinspector"
# The user guide Help > User Guide opens, with every picture it links to
# where its relative links look.
for guide in GUIDE.md GUIDE.zh_CN.md; do
    [ -f "$doc/$guide" ] || fail "no $guide in share/doc/tcpinspector"
    pictures=$(grep -o '](guide/[^)]*\.png)' "$doc/$guide" | sed 's/^](//; s/)$//')
    [ -n "$pictures" ] || fail "$guide links no picture"
    for picture in $pictures; do
        [ -f "$doc/$picture" ] || fail "$guide links $picture, not installed"
    done
done
echo "install checked: $(find "$prefix" -type f | wc -l) files"
