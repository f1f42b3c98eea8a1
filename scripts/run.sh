#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds TCP Inspector (installing what it needs) and starts it. Until the main
# window exists, it runs the CLI's decoder on a bundled sample read 7 bytes at a
# time: each line shows which reads (chunks) it was reassembled from.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"

tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}"
tcpi_build dev tcpinspector-cli >&2

cli="$TCPI_ROOT/build/dev/src/cli/tcpinspector-cli"
if [ $# -gt 0 ]; then
    exec "$cli" "$@"
fi
sample="$TCPI_ROOT/tests/data/demo/lines-in-odd-reads.txt"
tcpi_log "demo: $sample, read 7 bytes at a time, framed as lines" 
tcpi_log "(each message lists the reads it was built from; run scripts/run.sh decode --help for more)"
exec "$cli" decode --framing line --chunk 7 "$sample"
