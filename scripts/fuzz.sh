#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS
# (default 60), growing its corpus in build/fuzz/corpus/<target> from the
# committed seeds. A crash stops the run and leaves crash-* files there; copy
# a minimised one into tests/fuzz/corpus/<target>/ so the replay test keeps it.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$TCPI_ROOT"
seconds=${1:-60}
shift || true
tcpi_ensure_packages "${TCPI_BUILD_PACKAGES[@]}" clang libclang-rt-14-dev
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(ls tests/fuzz/corpus)
fi
tcpi_build fuzz "${targets[@]/#/fuzz_}"
for target in "${targets[@]}"; do
    work="build/fuzz/corpus/$target"
    mkdir -p "$work"
    tcpi_log "fuzz_$target for ${seconds}s"
    (cd "$work" && "$TCPI_ROOT/build/fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" \
        -print_final_stats=1 -max_len=8192 . "$TCPI_ROOT/tests/fuzz/corpus/$target" 2>&1 \
        | grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY|Test unit written" || true)
    if ls "$work"/crash-* >/dev/null 2>&1; then
        echo "fuzz_$target found a crash: $(ls "$work"/crash-*)" >&2
        exit 1
    fi
done
