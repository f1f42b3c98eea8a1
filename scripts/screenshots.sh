#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the README's screenshots into docs/screenshots with the offscreen
# platform: the real window, real loopback connections, in English and Chinese.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"

tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}"
tcpi_build dev tcpinspector-screenshots >&2
out="${1:-$TCPI_ROOT/docs/screenshots}"
export QT_QPA_PLATFORM=offscreen
"$TCPI_ROOT/build/dev/src/app/tcpinspector-screenshots" "$out"
"$TCPI_ROOT/build/dev/src/app/tcpinspector-screenshots" "$out" --lang zh_CN
