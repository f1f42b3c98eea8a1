#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes translations/*.ts from the sources (lupdate, through the build's
# update_translations target) and carries every translation whose string only
# moved to another tr() context over to its new place. Exits non-zero while
# any message is left unfinished, and names each one.
#   scripts/translations.sh [PRESET]     (default: dev)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"
preset=${1:-dev}
memory=$(mktemp -d)
trap 'rm -rf "$memory"' EXIT

for ts in translations/*.ts; do
    cp "$ts" "$memory/$(basename "$ts" .ts).work.ts"
    git show "HEAD:$ts" >"$memory/$(basename "$ts" .ts).head.ts" 2>/dev/null || true
done
tcpi_build "$preset" update_translations >/dev/null
status=0
for ts in translations/*.ts; do
    base=$(basename "$ts" .ts)
    olds=("$memory/$base.work.ts")
    [ -s "$memory/$base.head.ts" ] && olds+=("$memory/$base.head.ts")
    python3 scripts/lib/carry_translations.py "$ts" "${olds[@]}" || status=1
done
# lupdate once more, so the file is in lupdate's own layout.
tcpi_build "$preset" update_translations >/dev/null
exit $status
