#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package (CPack) from a release build of the two programs,
# and checks it: its fields, its files, and with --install-check that it
# installs with apt on this machine, starts, and removes cleanly.
#   scripts/package.sh [--install-check]
# The .deb is left in build/package/.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"
tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}" dpkg-dev file
tcpi_build package
(cd build/package && cpack -G DEB >/dev/null)
deb=$(ls -t build/package/tcpinspector_*.deb | head -1)
tcpi_log "checking $deb"
fail() { echo "FAIL: $*" >&2; exit 1; }
info=$(dpkg-deb --info "$deb")
contents=$(dpkg-deb --contents "$deb")
grep -q "^ Depends:.*libqt6widgets6" <<<"$info" || fail "Depends lacks libqt6widgets6: $info"
grep -q "^ Depends:.*qt6-qpa-plugins" <<<"$info" || fail "Depends lacks qt6-qpa-plugins"
grep -q "^ Recommends:.*fonts-noto-cjk" <<<"$info" || fail "Recommends lacks a CJK font"
for path in usr/bin/tcpinspector usr/bin/tcpinspector-cli \
    usr/share/applications/tcpinspector.desktop \
    usr/share/metainfo/org.tcpinspector.tcpinspector.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/tcpinspector.svg \
    usr/share/icons/hicolor/48x48/apps/tcpinspector.png usr/share/doc/tcpinspector/LICENSE; do
    grep -q " \./$path\$" <<<"$contents" || fail "$path is not in the package"
done
echo "$deb: $(du -h "$deb" | cut -f1), $(grep -c '^-' <<<"$contents") files"

if [ "${1:-}" = "--install-check" ]; then
    [ "$(id -u)" -eq 0 ] || fail "--install-check installs with apt: run it as root"
    tcpi_log "installing $deb with apt"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null
    /usr/bin/tcpinspector-cli --version
    QT_QPA_PLATFORM=offscreen /usr/bin/tcpinspector --version
    # Starts, shows its window and quits on its own: a loopback echo through
    # the installed program's relay would need a display; --help and the
    # offscreen start are what a clean machine can check.
    QT_QPA_PLATFORM=offscreen timeout 5 /usr/bin/tcpinspector --listen 127.0.0.1:0 \
        && fail "tcpinspector exited on its own" || [ $? -eq 124 ] || fail "tcpinspector did not start"
    desktop-file-validate /usr/share/applications/tcpinspector.desktop
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq tcpinspector >/dev/null
    [ ! -e /usr/bin/tcpinspector ] || fail "removing left /usr/bin/tcpinspector"
    echo "installed, started and removed"
fi
