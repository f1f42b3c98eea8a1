#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds TCP Inspector (installing what it needs) and opens its window: a server
# already listening on 127.0.0.1 with echo replies and a client aimed at it, so
# Connect then Send works at once.
#
# With arguments, runs the headless CLI instead: scripts/run.sh listen :0 ...
# With no display, says so and runs the CLI's decoder on a bundled sample read
# 7 bytes at a time: each line shows which reads (chunks) it was rebuilt from.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"

tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}"

cli="$TCPI_ROOT/build/dev/src/cli/tcpinspector-cli"
app="$TCPI_ROOT/build/dev/src/app/tcpinspector"
if [ $# -gt 0 ]; then
    tcpi_build dev tcpinspector-cli >&2
    exec "$cli" "$@"
fi

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    tcpi_build dev tcpinspector >&2
    exec "$app"
fi

tcpi_build dev tcpinspector-cli >&2
tcpi_log "no display (DISPLAY and WAYLAND_DISPLAY are unset), so not opening the window;"
tcpi_log "run it under X or Wayland, or try: xvfb-run -a scripts/run.sh"
sample="$TCPI_ROOT/tests/data/demo/lines-in-odd-reads.txt"
tcpi_log "meanwhile the CLI demo: $sample, read 7 bytes at a time, framed as lines"
tcpi_log "(each message lists the reads it was built from; run scripts/run.sh decode --help for more)"
exec "$cli" decode --framing line --chunk 7 "$sample"
