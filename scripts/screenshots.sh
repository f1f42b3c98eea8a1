#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the README's screenshots into docs/screenshots, and the lesson
# handouts (a page and a picture per lesson and language) into docs/lessons,
# the user guide's into docs/guide,
# with the offscreen platform: the real window, real loopback connections, in
# English and Chinese. Usage: scripts/screenshots.sh [SCREENSHOTS_DIR [LESSONS_DIR]]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"

tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}"
tcpi_build dev tcpinspector-screenshots >&2
out="${1:-$TCPI_ROOT/docs/screenshots}"
lessons="${2:-$TCPI_ROOT/docs/lessons}"
program="$TCPI_ROOT/build/dev/src/app/tcpinspector-screenshots"
export QT_QPA_PLATFORM=offscreen
"$program" "$out"
"$program" "$out" --lang zh_CN
# The user guide's pictures (docs/GUIDE.md, docs/GUIDE.zh_CN.md); the one of a
# real server needs redis-server (without it that picture is left as it is).
guide="$TCPI_ROOT/docs/guide"
"$program" --guide "$guide"
"$program" --guide "$guide" --lang zh_CN
# Every lesson of the built-in catalog, run in full in the window; exits
# non-zero, naming the lesson, when one did not end with every step done.
"$program" --handouts "$lessons"
